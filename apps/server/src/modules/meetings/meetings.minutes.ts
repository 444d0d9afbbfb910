/**
 * The minutes of a meeting as a PDF (SUP-4), to keep and to share: who attended, the notes and the agreed actions
 * with their owners and due dates. Reading it is audited (the notes describe a pupil).
 */
import { ATTENDEE_KIND_LABELS, MEETING_TYPE_LABELS } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { formatUkDate } from '../../core/calendar/dates.ts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import { sites } from '../../db/schema/platform.ts';
import { eq } from 'drizzle-orm';
import { get, readable } from './meetings.service.ts';

const STATUS_WORDS = { scheduled: 'Arranged', held: 'Held', cancelled: 'Cancelled' } as const;

export async function minutesPdf(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<{ pdf: Buffer; filename: string }> {
  const db = deps.database.db;
  const row = await readable(db, actor, id);
  const m = await get(deps, actor, id);
  const site = (await db.select({ name: sites.name }).from(sites).where(eq(sites.id, row.siteId)).limit(1))[0]?.name ?? '';
  const title = `${MEETING_TYPE_LABELS[m.type as keyof typeof MEETING_TYPE_LABELS] ?? 'Meeting'}: ${m.pupilName}`;
  const when = `${formatUkDate(m.date)}${m.startTime ? ` at ${m.startTime}` : ''}${m.place ? `, ${m.place}` : ''}`;
  const content: Content[] = [
    { text: title, style: 'h1' },
    { text: `${site}. ${when}. ${STATUS_WORDS[m.status]}. Confidential: share only with the people who attended and those entitled to see it.`, style: 'small' },
    { text: 'Attendees', style: 'h2' },
    m.attendees.length
      ? { table: { headerRows: 1, widths: ['*', '*', 90], body: [[{ text: 'Name', style: 'tableHeader' }, { text: 'Role', style: 'tableHeader' }, { text: 'Attending as', style: 'tableHeader' }],
        ...m.attendees.map((a) => [a.name, a.role ?? '', ATTENDEE_KIND_LABELS[a.kind]])] }, layout: 'lightHorizontalLines' }
      : { text: 'No attendees recorded.' },
    { text: 'Notes', style: 'h2' },
    { text: m.notes?.trim() || 'No notes recorded.' },
    { text: 'Agreed actions', style: 'h2' },
    m.agreedActions.length
      ? { table: { headerRows: 1, widths: ['*', 110, 65, 45], body: [[{ text: 'Action', style: 'tableHeader' }, { text: 'Owner', style: 'tableHeader' }, { text: 'Due', style: 'tableHeader' }, { text: 'Done', style: 'tableHeader' }],
        ...m.agreedActions.map((a) => [a.action, a.owner.name, a.dueOn ? formatUkDate(a.dueOn) : '–', a.done ? 'Yes' : 'No'])] }, layout: 'lightHorizontalLines' }
      : { text: 'No actions agreed.' },
  ];
  const pdf = await renderPdf({ content, info: { title } });
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'meeting.minutes.read', entityType: 'meeting', entityId: id, siteId: row.siteId, details: { pupilId: row.pupilId } });
  });
  return { pdf, filename: `haven-meeting-minutes-${m.date}.pdf` };
}
