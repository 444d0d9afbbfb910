/**
 * The site-wide communications log (every letter and email Haven sent, or recorded to send by hand), filtered by
 * pupil, kind of record, channel, status and dates, and the "to send by hand" queue (the same log, status
 * to_send_by_hand). A by-hand letter is printed from here: the PDF that was made for it, or, for a message without
 * one (a detention), its text on the school's letterhead addressed to the contact. Reading a letter is audited.
 */
import { and, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { TCommsLogEntry, TCommsLogQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';
import { presentCommunications } from '../../core/comms/comms.service.ts';
import { communicationAttachments, communications } from '../../db/schema/comms.ts';
import { contacts, pupils } from '../../db/schema/pupils.ts';
import { londonToday } from '../../core/time.ts';
import { renderLetter } from '../../core/pdf/letter.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { letterheadFor, longDate } from './letters.compose.ts';
import { addressName, paragraphs } from './letters.rules.ts';

/** Midnight in London at the start of a day, as an instant. */
function londonMidnight(day: string): Date {
  const noon = new Date(`${day}T12:00:00Z`);
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(noon) === '13' ? 1 : 0;
  return new Date(Date.parse(`${day}T00:00:00Z`) - offset * 3_600_000);
}
const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function siteLog(deps: Deps, actor: Actor, q: TCommsLogQuery): Promise<{ items: TCommsLogEntry[]; truncated: boolean }> {
  if (!actor.trustSiteIds.includes(q.siteId)) throw notFound('site');
  if (!scope(actor, 'communication.read').siteIds.includes(q.siteId)) throw forbidden('You do not read the communications of that site.');
  const db = deps.database.db;
  const where: SQL[] = [eq(communications.siteId, q.siteId)];
  if (q.pupilId) where.push(eq(communications.pupilId, q.pupilId));
  if (q.kind) where.push(eq(communications.recordType, q.kind));
  if (q.channel) where.push(eq(communications.channel, q.channel));
  if (q.status) where.push(eq(communications.status, q.status));
  if (q.from) where.push(gte(communications.createdAt, londonMidnight(q.from)));
  if (q.to) where.push(lt(communications.createdAt, londonMidnight(nextDay(q.to))));
  const rows = await db.select().from(communications).where(and(...where)).orderBy(desc(communications.createdAt), desc(communications.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const pupilIds = [...new Set(page.map((r) => r.pupilId).filter((x): x is string => !!x))];
  const names = new Map((pupilIds.length ? await db.select({ id: pupils.id, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
    preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname }).from(pupils).where(inArray(pupils.id, pupilIds)) : [])
    .map((p) => [p.id, displayName(p)]));
  const items = await presentCommunications(db, actor, page);
  return {
    items: items.map((c, n) => ({ ...c, pupilName: c.pupilId ? names.get(c.pupilId) ?? null : null, printable: !!page[n]!.attachmentId || page[n]!.recipientKind === 'parent' })),
    truncated: rows.length > q.limit,
  };
}

/** The letter of a communication, to print: its PDF, or its text on the letterhead addressed to the contact. Audited. */
export async function printable(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<{ filename: string; data: Buffer }> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = (await tx.select().from(communications).where(eq(communications.id, id)))[0];
    if (!row || !can(actor, 'communication.read', row)) throw notFound('communication');
    let out: { filename: string; data: Buffer };
    if (row.attachmentId) {
      const f = (await tx.select().from(communicationAttachments).where(eq(communicationAttachments.id, row.attachmentId)))[0];
      if (!f) throw notFound('letter');
      out = { filename: f.filename, data: f.data };
    } else {
      const contact = row.contactId ? (await tx.select().from(contacts).where(eq(contacts.id, row.contactId)))[0] : undefined;
      const letterhead = await letterheadFor(deps, tx, row.siteId);
      const paras = row.body.replace(/\r\n?/g, '\n').trim().split(/\n\s*\n/);
      const salutation = /^Dear /.test(paras[0] ?? '') ? paras.shift()!.replace(/,$/, '') : 'Dear Parent or Carer';
      // a message ends with its sign-off: a name and a role (or the school) on one or two short lines
      const last = paras.length > 1 ? paras.at(-1)!.split('\n') : [];
      const isSignOff = last.length > 0 && last.length <= 2 && last.every((l) => l.length <= 120 && !/[.?!:]$/.test(l));
      const signature = isSignOff ? (paras.pop(), { name: last.length === 2 ? last[0]! : '', role: last.at(-1)! }) : { name: '', role: letterhead.schoolName };
      const text = paras.join('\n\n');
      out = {
        filename: `letter-${row.id}.pdf`,
        data: await renderLetter({
          letterhead, date: longDate(londonToday(row.createdAt)), salutation, title: row.subject,
          to: { names: [contact ? addressName(contact) : row.recipientName], address: contact?.address ?? null },
          parts: [{ heading: null, paragraphs: paragraphs(text) }], signature,
        }),
      };
    }
    audit.record({ action: 'communication.letter.print', entityType: 'communication', entityId: id, siteId: row.siteId,
      details: { recordType: row.recordType, recordId: row.recordId } });
    return out;
  });
}
