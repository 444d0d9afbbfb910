/** Reading the communications log of a record, downloading what was attached, marking a by-hand message as sent. */
import { eq, inArray } from 'drizzle-orm';
import type { TCommunication } from '@haven/contracts';
import type { Executor } from '../db/client.ts';
import type { Deps } from '../http/context.ts';
import type { AuditContext } from '../audit/audit.ts';
import { allowedActions, can, scope, type Actor } from '../policy/policy.ts';
import { inTransaction } from '../db/tx.ts';
import { conflict, fieldError, notFound } from '../http/errors.ts';
import { communicationAttachments, communications } from '../../db/schema/comms.ts';
import { users } from '../../db/schema/users.ts';
import { londonToday, pgTimestampToIso } from '../time.ts';
import { rowsForRecord } from './comms.ts';

type Row = typeof communications.$inferSelect;

/** Rows as the API shows them: who made and sent them, the attachment's name, and what the caller may do. */
export async function presentCommunications(db: Executor, actor: Actor, rows: Row[]): Promise<TCommunication[]> {
  const userIds = [...new Set(rows.flatMap((r) => [r.createdBy, r.sentBy].filter((x): x is string => !!x)))];
  const names = new Map((userIds.length ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds)) : [])
    .map((u) => [u.id, u.name]));
  const fileIds = [...new Set(rows.map((r) => r.attachmentId).filter((x): x is string => !!x))];
  const files = new Map((fileIds.length ? await db.select({ id: communicationAttachments.id, filename: communicationAttachments.filename, sizeBytes: communicationAttachments.sizeBytes })
    .from(communicationAttachments).where(inArray(communicationAttachments.id, fileIds)) : []).map((f) => [f.id, f]));
  const person = (id: string) => ({ id, displayName: names.get(id) ?? 'Unknown' });
  return rows.map((r) => ({
    id: r.id, siteId: r.siteId, pupilId: r.pupilId, recordType: r.recordType, recordId: r.recordId,
    recipientKind: r.recipientKind as TCommunication['recipientKind'], recipientName: r.recipientName, recipientEmail: r.recipientEmail,
    channel: r.channel as TCommunication['channel'], subject: r.subject, body: r.body,
    attachment: r.attachmentId ? (files.get(r.attachmentId) ?? null) : null,
    status: r.status as TCommunication['status'], failureReason: r.failureReason,
    sentAt: r.sentAt ? pgTimestampToIso(r.sentAt) : null, sentBy: r.sentBy ? person(r.sentBy) : null,
    createdBy: person(r.createdBy), createdAt: pgTimestampToIso(r.createdAt),
    allowed: r.status === 'to_send_by_hand' || r.status === 'failed'
      ? allowedActions(actor, { trustId: r.trustId, siteId: r.siteId }, { markSent: 'communication.send' }) : [],
  }));
}

export async function listForRecord(deps: Deps, actor: Actor, recordType: string, recordId: string): Promise<{ items: TCommunication[] }> {
  const db = deps.database.db;
  const rows = await rowsForRecord(db, scope(actor, 'communication.read').siteIds, recordType, recordId);
  return { items: await presentCommunications(db, actor, rows) };
}

async function visible(db: Executor, actor: Actor, id: string): Promise<Row> {
  const row = (await db.select().from(communications).where(eq(communications.id, id)))[0];
  if (!row || !can(actor, 'communication.read', row)) throw notFound('communication');
  return row;
}

export async function attachment(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await visible(tx, actor, id);
    if (!row.attachmentId) throw notFound('attachment');
    const file = (await tx.select().from(communicationAttachments).where(eq(communicationAttachments.id, row.attachmentId)))[0];
    if (!file) throw notFound('attachment');
    audit.record({ action: 'communication.attachment.download', entityType: 'communication', entityId: id, siteId: row.siteId,
      details: { recordType: row.recordType, recordId: row.recordId, filename: file.filename } });
    return { filename: file.filename, contentType: file.contentType, data: file.data };
  });
}

/** Staff sent a by-hand message (posted, handed over) — or re-sent a failed email themselves. */
export async function markSentByHand(deps: Deps, actor: Actor, ctx: AuditContext, id: string, note?: string, sentOn?: string): Promise<TCommunication> {
  if (sentOn && sentOn > londonToday()) throw fieldError('sentOn', 'The day it was sent cannot be in the future');
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await visible(tx, actor, id);
    if (!can(actor, 'communication.send', r)) throw notFound('communication');
    if (r.status === 'sent') throw conflict('This communication has already been sent.');
    if (r.status === 'pending') throw conflict('This email is still being sent; wait for the result before marking it.');
    // a day in the past is recorded at noon London time on that day; today is now
    const now = sentOn && sentOn !== londonToday() ? new Date(`${sentOn}T12:00:00Z`) : new Date();
    await tx.update(communications).set({ status: 'sent', channel: 'by_hand', sentAt: now, sentBy: actor.userId, failureReason: null })
      .where(eq(communications.id, id));
    audit.record({ action: 'communication.mark_sent', entityType: 'communication', entityId: id, siteId: r.siteId,
      details: { before: { status: r.status }, after: { status: 'sent', channel: 'by_hand', sentAt: now.toISOString() }, ...(note ? { note } : {}) } });
    return (await tx.select().from(communications).where(eq(communications.id, id)))[0]!;
  });
  return (await presentCommunications(deps.database.db, actor, [row]))[0]!;
}
