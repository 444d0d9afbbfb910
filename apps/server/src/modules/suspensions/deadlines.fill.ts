/**
 * Deadlines that could not be worked out because the calendar did not reach far enough (next year's terms not yet
 * entered) are never left blank for good. While one is pending, the site has an open task for the trust administrator
 * to enter the calendar; as soon as the calendar is extended (the calendar module calls fillPendingDeadlines in the
 * same transaction as the change), each pending deadline is worked out from the dates the record holds and written
 * to the record — the board's deadline (and the duty's words), the sixth school day of a permanent exclusion with its
 * task, the return date with its reintegration meeting and task — and the administrator's task is closed, or updated
 * with what is still waiting.
 */
import { uuidv7 } from 'uuidv7';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';
import type { SchoolCalendar } from '../../core/calendar/calendar.ts';
import { exclusions, meetings } from '../../db/schema/exclusions.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './suspensions.repo.ts';
import { reintegrationAttendees } from '../meetings/meetings.rules.ts';
import { loadSiteCalendar } from './suspensions.calendar.ts';
import { boardSchoolDaysOf, deadlineOrNull, deadlinePhrase, dutyText, permanentProvisionFrom, returnAfter } from './suspensions.rules.ts';
import { pendingOf, statutoryDeadlines } from './deadlines.rules.ts';

export const CALENDAR_TASK = 'calendar_needed';

const factsOf = (r: repo.ExclusionRow) => ({ ...r, decisionDate: r.decisionDate ?? r.boardNotifiedOn });

/** The record's deadlines that still need next year's calendar. */
export function pendingDeadlinesOf(r: repo.ExclusionRow, cal: SchoolCalendar | null) {
  return r.status === 'issued' ? pendingOf(statutoryDeadlines(factsOf(r), cal)) : [];
}

/** Records of the trust (optionally one site) that may have a pending deadline: one query, then checked exactly. */
async function candidates(db: Executor, trustId: string, siteId?: string): Promise<repo.ExclusionRow[]> {
  return db.select().from(exclusions).where(and(
    eq(exclusions.trustId, trustId), eq(exclusions.status, 'issued'), siteId ? eq(exclusions.siteId, siteId) : undefined,
    or(
      and(isNull(exclusions.boardDeadline), sql`${exclusions.boardDutyKind} <> 'representations_only'`),
      and(eq(exclusions.category, 'permanent'), isNull(exclusions.provisionDueFrom)),
      and(sql`${exclusions.category} <> 'permanent'`, isNull(exclusions.returnDate)),
      and(eq(exclusions.category, 'permanent'), eq(exclusions.boardOutcome, 'upheld')),
    ),
  ));
}

function taskText(siteName: string, n: number) {
  return {
    title: `Enter next year's school calendar for ${siteName}`,
    detail: `${n === 1 ? 'A statutory deadline' : `Statutory deadlines of ${n} suspensions or exclusions`} at ${siteName} ${n === 1 ? 'falls' : 'fall'} after the last term in the calendar, so ${n === 1 ? 'it cannot' : 'they cannot'} be worked out yet (needs next year's calendar). Enter the next academic year's terms and ${n === 1 ? 'it is' : 'they are'} filled in at once.`,
  };
}

async function pendingCountAt(db: Executor, trustId: string, siteId: string, cal: SchoolCalendar): Promise<number> {
  return (await candidates(db, trustId, siteId)).filter((r) => pendingDeadlinesOf(r, cal).length > 0).length;
}

/** After a record's deadlines were worked out: the site's task for the trust administrator opened, updated or left. */
export async function ensureCalendarTask(db: Executor, trustId: string, siteId: string): Promise<void> {
  const cal = await loadSiteCalendar(db, trustId, siteId);
  const n = await pendingCountAt(db, trustId, siteId, cal);
  if (!n) return;
  const text = taskText(await repo.siteName(db, siteId), n);
  const open = await db.select({ id: tasks.id }).from(tasks)
    .where(and(eq(tasks.trustId, trustId), eq(tasks.sourceType, CALENDAR_TASK), eq(tasks.sourceId, siteId), eq(tasks.status, 'open')));
  if (open.length) await db.update(tasks).set(text).where(inArray(tasks.id, open.map((t) => t.id)));
  else await db.insert(tasks).values({ id: uuidv7(), trustId, siteId, pupilId: null, sourceType: CALENDAR_TASK, sourceId: siteId, assignedRole: 'trust_admin', ...text });
}

/**
 * Called by the calendar module whenever its terms change, inside that transaction: works out every pending deadline
 * of the trust the calendar now reaches, and closes (or updates) the administrator's tasks. Returns the records filled.
 */
export async function fillPendingDeadlines(db: Executor, audit: AuditQueue, trustId: string, userId: string): Promise<string[]> {
  const rows = await candidates(db, trustId);
  const cals = new Map<string, SchoolCalendar>();
  const calOf = async (siteId: string) => {
    if (!cals.has(siteId)) cals.set(siteId, await loadSiteCalendar(db, trustId, siteId));
    return cals.get(siteId)!;
  };
  const filled: string[] = [];
  for (const r of rows) {
    const cal = await calOf(r.siteId);
    if (!pendingDeadlinesOf(r, cal).length) continue;
    const decision = r.decisionDate ?? r.boardNotifiedOn;
    const set: Partial<typeof exclusions.$inferInsert> = {};
    const n = boardSchoolDaysOf(r.boardDutyKind);
    if (n !== null && !r.boardDeadline) {
      const d = deadlineOrNull(cal, decision, n);
      if (d) { set.boardDeadline = d; set.boardDutyMessage = (r.boardDutyMessage ?? dutyText(r.boardDutyKind, null)).replace(deadlinePhrase(null), deadlinePhrase(d)); }
    }
    if (r.category === 'permanent' && !r.provisionDueFrom) {
      const p = permanentProvisionFrom(cal, r.startDate);
      if (p) set.provisionDueFrom = p;
    }
    if (r.category !== 'permanent' && !r.returnDate && r.slots.length) {
      const ret = returnAfter(cal, r.slots[r.slots.length - 1]!);
      if (ret.returnDate) { set.returnDate = ret.returnDate; set.returnSession = ret.returnSession; }
    }
    if (!Object.keys(set).length) continue;
    await db.update(exclusions).set({ ...set, version: r.version + 1 }).where(eq(exclusions.id, r.id));
    await followUps(db, r, set, userId);
    audit.record({ action: 'exclusion.deadlines_filled', entityType: 'exclusion', entityId: r.id, siteId: r.siteId,
      details: { after: { boardDeadline: set.boardDeadline, provisionDueFrom: set.provisionDueFrom, returnDate: set.returnDate } } });
    filled.push(r.id);
  }
  const open = await db.select().from(tasks).where(and(eq(tasks.trustId, trustId), eq(tasks.sourceType, CALENDAR_TASK), eq(tasks.status, 'open')));
  for (const t of open) {
    const left = await pendingCountAt(db, trustId, t.siteId, await calOf(t.siteId));
    if (left) await db.update(tasks).set(taskText(await repo.siteName(db, t.siteId), left)).where(eq(tasks.id, t.id));
    else await db.update(tasks).set({ status: 'done', completedAt: new Date(), completedBy: userId }).where(eq(tasks.id, t.id));
  }
  return filled;
}

/** What issuing would have created had the date been known: the AP task's due date, the reintegration meeting and task. */
async function followUps(db: Executor, r: repo.ExclusionRow, set: Partial<typeof exclusions.$inferInsert>, userId: string): Promise<void> {
  const link = `/suspensions/${r.id}`;
  if (set.provisionDueFrom) {
    await db.update(tasks).set({ dueOn: set.provisionDueFrom, detail: link })
      .where(and(eq(tasks.sourceType, 'exclusion_provision'), eq(tasks.sourceId, r.id), eq(tasks.status, 'open')));
  }
  if (set.returnDate) {
    const pupil = await repo.findPupil(db, r.pupilId);
    const name = pupil ? displayName(pupil) : 'the pupil';
    const issuer = (await repo.userNames(db, [r.issuedBy])).get(r.issuedBy) ?? 'Headteacher';
    const meetingId = uuidv7();
    await db.insert(meetings).values({ id: meetingId, trustId: r.trustId, siteId: r.siteId, pupilId: r.pupilId, type: 'reintegration',
      date: set.returnDate, session: set.returnSession ?? 'am', recordType: 'exclusion', recordId: r.id, createdBy: userId,
      attendees: reintegrationAttendees({ id: r.pupilId, name }, { id: r.issuedBy, name: issuer }) });
    await db.insert(tasks).values({ id: uuidv7(), trustId: r.trustId, siteId: r.siteId, pupilId: r.pupilId, sourceType: 'meeting', sourceId: meetingId,
      title: `Reintegration meeting: ${name} returns`, detail: `Return from suspension (${link})`, assignedRole: 'behaviour_lead', dueOn: set.returnDate });
  }
}
