/**
 * The communications log (PAR-2). A use case calls `queueToParents` / `queueToNamed` INSIDE its transaction: one row
 * per recipient, 'pending' when it will go by email, 'to_send_by_hand' when it cannot (SMTP not configured, no email
 * address, or the parent asked for letters). After commit the caller hands the ids to `sendAfterCommit`, which emails
 * them in the background and records 'sent' (with the time and message id) or 'failed' (with a reason that carries
 * no content). A by-hand message is marked sent by a member of staff (`markSentByHand`).
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../db/client.ts';
import type { Deps } from '../http/context.ts';
import { communicationAttachments, communications } from '../../db/schema/comms.ts';
import { contacts, pupilContacts } from '../../db/schema/pupils.ts';
import { MailError, mailerFor, type Mailer } from '../mail/mailer.ts';
import { deliverInBackground, type MailLog } from '../mail/outbox.ts';

export interface CommsAttachment { filename: string; contentType: string; data: Buffer }

export interface CommsMessage {
  trustId: string;
  siteId: string;
  pupilId: string | null;
  record: { type: string; id: string };
  subject: string;
  text: string;
  attachment?: CommsAttachment | undefined;
  /** A letter of its own for each recipient (addressed and greeted by name): its text and attachment replace the shared ones. */
  personalise?: ((r: Recipient) => Promise<{ text?: string; attachment?: CommsAttachment }>) | undefined;
  createdBy: string;
}

export interface NamedRecipient { name: string; email: string | null }

const MAX_REASON = 200;

async function storeAttachment(tx: Executor, m: CommsMessage): Promise<string | null> {
  if (!m.attachment) return null;
  const id = uuidv7();
  const a = m.attachment;
  await tx.insert(communicationAttachments).values({
    id, trustId: m.trustId, siteId: m.siteId, filename: a.filename, contentType: a.contentType,
    sizeBytes: a.data.length, sha256: createHash('sha256').update(a.data).digest('hex'), data: a.data,
  });
  return id;
}

/** A parent or carer as a letter addresses them. */
export interface Person { title: string | null; forename: string; surname: string; address: string | null }

export interface Recipient { kind: 'parent' | 'named'; contactId: string | null; name: string; email: string | null; byLetter: boolean; person: Person | null }

async function insertRows(tx: Executor, mailer: Mailer, m: CommsMessage, recipients: Recipient[]): Promise<string[]> {
  if (!recipients.length) return [];
  const shared = m.personalise ? null : await storeAttachment(tx, m);
  const rows = [];
  for (const r of recipients) {
    const own = m.personalise ? await m.personalise(r) : null;
    const attachmentId = own ? await storeAttachment(tx, { ...m, attachment: own.attachment ?? m.attachment }) : shared;
    const byEmail = mailer.configured && !!r.email && !r.byLetter;
    rows.push({
      id: uuidv7(), trustId: m.trustId, siteId: m.siteId, pupilId: m.pupilId, recordType: m.record.type, recordId: m.record.id,
      recipientKind: r.kind, contactId: r.contactId, recipientName: r.name, recipientEmail: r.email,
      channel: byEmail ? 'email' : 'by_hand', subject: m.subject, body: own?.text ?? m.text, attachmentId,
      status: byEmail ? 'pending' : 'to_send_by_hand', createdBy: m.createdBy,
    });
  }
  await tx.insert(communications).values(rows);
  return rows.map((r) => r.id);
}

/** The pupil's contacts with parental responsibility, in priority order. */
export async function parentsOf(tx: Executor, pupilId: string): Promise<Recipient[]> {
  const rows = await tx.select({
    id: contacts.id, title: contacts.title, forename: contacts.forename, surname: contacts.surname, email: contacts.email,
    preferred: contacts.preferredContact, address: contacts.address,
  }).from(pupilContacts).innerJoin(contacts, eq(contacts.id, pupilContacts.contactId))
    .where(and(eq(pupilContacts.pupilId, pupilId), eq(pupilContacts.parentalResponsibility, true)))
    .orderBy(pupilContacts.priority, contacts.surname);
  return rows.map((c) => ({
    kind: 'parent' as const, contactId: c.id, name: [c.title, c.forename, c.surname].filter(Boolean).join(' '),
    email: c.email, byLetter: c.preferred === 'letter', person: { title: c.title, forename: c.forename, surname: c.surname, address: c.address },
  }));
}

/** In the transaction: one message per parent or carer with parental responsibility. Returns the new ids. */
export async function queueToParents(tx: Executor, deps: Deps, m: CommsMessage & { pupilId: string }): Promise<string[]> {
  return insertRows(tx, mailerFor(deps), m, await parentsOf(tx, m.pupilId));
}

/** In the transaction: one message to each named recipient (e.g. the local authority's exclusions officer). */
export async function queueToNamed(tx: Executor, deps: Deps, m: CommsMessage, to: readonly NamedRecipient[]): Promise<string[]> {
  return insertRows(tx, mailerFor(deps), m, to.map((r) => ({ kind: 'named' as const, contactId: null, name: r.name, email: r.email, byLetter: false, person: null })));
}

async function deliverOne(deps: Deps, mailer: Mailer, id: string, log?: MailLog): Promise<void> {
  const db = deps.database.db;
  const row = (await db.select().from(communications).where(eq(communications.id, id)))[0];
  if (!row || row.status !== 'pending' || !row.recipientEmail) return;
  const file = row.attachmentId
    ? (await db.select().from(communicationAttachments).where(eq(communicationAttachments.id, row.attachmentId)))[0]
    : undefined;
  let update: { status: string; sentAt: Date | null; failureReason: string | null; messageId: string | null };
  try {
    const sent = await mailer.send({
      to: row.recipientEmail, subject: row.subject, text: row.body,
      ...(file ? { attachments: [{ filename: file.filename, content: file.data, contentType: file.contentType }] } : {}),
    });
    update = { status: 'sent', sentAt: new Date(), failureReason: null, messageId: sent.messageId.slice(0, 300) || null };
  } catch (err) {
    update = { status: 'failed', sentAt: null, failureReason: (err instanceof MailError ? err.reason : 'ERROR').slice(0, MAX_REASON), messageId: null };
  }
  await db.update(communications).set(update).where(and(eq(communications.id, id), eq(communications.status, 'pending')));
  if (update.status === 'sent') log?.info({ communicationId: id }, 'communication emailed');
  else log?.warn({ communicationId: id, reason: update.failureReason }, 'communication email not sent');
}

/** After commit: email the pending ones among these in the background. Never throws, never delays the caller. */
export function sendAfterCommit(deps: Deps, ids: readonly string[], log?: MailLog): void {
  deliverInBackground(deps, ids, (mailer, id) => deliverOne(deps, mailer, id, log),
    (id) => log?.warn({ communicationId: id }, 'communication email could not be recorded'));
}

/** Rows for a record (newest first) with who made and sent them. */
export async function rowsForRecord(db: Executor, siteIds: readonly string[], recordType: string, recordId: string) {
  if (!siteIds.length) return [];
  return db.select().from(communications)
    .where(and(eq(communications.recordType, recordType), eq(communications.recordId, recordId), inArray(communications.siteId, [...siteIds])))
    .orderBy(communications.createdAt, communications.id);
}
