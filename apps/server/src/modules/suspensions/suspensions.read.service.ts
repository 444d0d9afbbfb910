/** Reading suspensions (one, a list, the letter) and recording what follows: notifications, the board, provision. */
import { and, eq } from 'drizzle-orm';
import type { TExclusion } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { londonToday, pgTimestampToIso } from '../../core/time.ts';
import { formatUkDate } from '../../core/calendar/calendar.ts';
import { exclusionNotifications, exclusions } from '../../db/schema/exclusions.ts';
import { tasks } from '../../db/schema/workflow.ts';
import * as repo from './suspensions.repo.ts';
import { actionsOf } from '../meetings/meetings.repo.ts';
import { counted } from './suspensions.context.ts';
import { presentExclusion } from './suspensions.presenter.ts';
import { letterFor, reasonLabels } from './suspensions.documents.ts';
import { dutyText, totalsOf } from './suspensions.rules.ts';
import { academicYearAt, loadSiteCalendar } from './suspensions.calendar.ts';
import { independentReviewOf } from './deadlines.rules.ts';
import { ensureCalendarTask } from './deadlines.fill.ts';

const ENTITY = 'exclusion';

/** A record the actor may read (suspension.read at its site); anything else is "not found". */
export async function visibleRecord(db: Executor, actor: Actor, id: string): Promise<repo.ExclusionRow> {
  const r = await repo.findExclusion(db, id);
  if (!r || r.trustId !== actor.trustId || !can(actor, 'suspension.read', r)) throw notFound('exclusion');
  return r;
}

type Year = Awaited<ReturnType<typeof academicYearAt>>;

/** The pupil's days excluded in the academic year of this record (the year read once per start date in a list). */
async function yearDaysOf(db: Executor, r: repo.ExclusionRow, all: repo.ExclusionRow[], years: Map<string, Promise<Year>>): Promise<number> {
  let year = years.get(r.startDate);
  if (!year) { year = academicYearAt(db, r.trustId, r.startDate); years.set(r.startDate, year); }
  const y = await year;
  if (!y) return 0;
  return totalsOf({ terms: [], closures: [] }, y, all.filter((x) => x.pupilId === r.pupilId).map(counted)).yearDays;
}

export async function present(db: Executor, actor: Actor, rows: repo.ExclusionRow[], full: boolean): Promise<TExclusion[]> {
  const pupils = new Map((await repo.pupilsByIds(db, [...new Set(rows.map((r) => r.pupilId))])).map((p) => [p.id, p]));
  const sites = await repo.siteNames(db, [...new Set(rows.map((r) => r.siteId))]);
  const issuers = await repo.userNames(db, [...new Set(rows.map((r) => r.issuedBy))]);
  const labels = await reasonLabels(db, actor.trustId, [...new Set(rows.flatMap((r) => r.reasonCodes))]);
  const all = await repo.recordsOfPupils(db, [...pupils.keys()]);
  const ids = rows.map((r) => r.id);
  const notes = full ? await repo.notificationsOf(db, ids) : [];
  const meets = full ? await repo.meetingsOf(db, ids) : [];
  const meetingActions = await actionsOf(db, meets.map((m) => m.id));
  const calendars = new Map<string, Awaited<ReturnType<typeof loadSiteCalendar>>>();
  const years = new Map<string, Promise<Year>>();
  const today = londonToday();
  const out: TExclusion[] = [];
  for (const r of rows) {
    if (!calendars.has(r.siteId)) calendars.set(r.siteId, await loadSiteCalendar(db, r.trustId, r.siteId));
    out.push(presentExclusion(actor, r, {
      siteName: sites.get(r.siteId) ?? '', pupil: pupils.get(r.pupilId)!, reasonLabels: labels, issuerName: issuers.get(r.issuedBy) ?? '',
      yearDays: await yearDaysOf(db, r, all, years), boardDutyMessage: r.boardDutyMessage ?? dutyText(r.boardDutyKind, r.boardDeadline),
      later: all.filter((x) => x.previousExclusionId === r.id).map((x) => x.id),
      notifications: notes.filter((n) => n.exclusionId === r.id), meetings: meets.filter((m) => m.recordId === r.id), meetingActions,
      cal: calendars.get(r.siteId) ?? null, today,
    }));
  }
  return out;
}

export async function get(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<TExclusion> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await visibleRecord(tx, actor, id);
    // Exclusions are special-category for the pupil: every read is audited (PLT-3).
    audit.record({ action: 'exclusion.read', entityType: ENTITY, entityId: id, siteId: r.siteId, details: { pupilId: r.pupilId } });
    return (await present(tx, actor, [r], true))[0]!;
  });
}

export async function list(deps: Deps, actor: Actor, q: { pupilId?: string | undefined; siteId?: string | undefined; status?: string | undefined }) {
  const inScope = scope(actor, 'suspension.read').siteIds;
  if (q.siteId && !inScope.includes(q.siteId)) throw forbidden('You may not read the exclusions of that site.');
  const db = deps.database.db;
  const rows = await repo.listExclusions(db, q.siteId ? [q.siteId] : inScope, q);
  const items = await present(db, actor, rows, false);
  return { items: items.map(({ notifications: _n, meetings: _m, details: _d, ...rest }) => rest) };
}

export async function letter(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await visibleRecord(tx, actor, id);
    const pupil = (await repo.findPupil(tx, r.pupilId))!;
    const head = (await repo.userNames(tx, [r.issuedBy])).get(r.issuedBy) ?? '';
    const l = await letterFor(deps, tx, r, pupil, head, londonToday(new Date(pgTimestampToIso(r.issuedAt))));
    audit.record({ action: 'exclusion.letter.download', entityType: ENTITY, entityId: id, siteId: r.siteId, details: { pupilId: r.pupilId } });
    return { pdf: await l.pdf(), filename: l.filename };
  });
}

async function managed(tx: Executor, actor: Actor, id: string): Promise<repo.ExclusionRow> {
  const r = await visibleRecord(tx, actor, id);
  if (!can(actor, 'suspension.manage', r)) throw forbidden('Only the head, a senior leader or the behaviour lead of the school may record this.');
  return r;
}

export async function recordBoard(deps: Deps, actor: Actor, ctx: AuditContext, id: string, input: {
  parentsMadeRepresentations?: boolean | undefined; boardMeetingDate?: string | null | undefined; boardOutcome?: string | null | undefined;
  boardOutcomeOn?: string | null | undefined; boardOutcomeNotes?: string | null | undefined;
}) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await managed(tx, actor, id);
    if (r.status === 'cancelled') throw conflict('This exclusion was cancelled; there is no board review to record.');
    const next = {
      parentsMadeRepresentations: input.parentsMadeRepresentations ?? r.parentsMadeRepresentations,
      boardMeetingDate: input.boardMeetingDate !== undefined ? input.boardMeetingDate : r.boardMeetingDate,
      boardOutcome: input.boardOutcome !== undefined ? input.boardOutcome : r.boardOutcome,
      boardOutcomeOn: input.boardOutcomeOn !== undefined ? input.boardOutcomeOn : r.boardOutcomeOn,
      boardOutcomeNotes: input.boardOutcomeNotes !== undefined ? input.boardOutcomeNotes : r.boardOutcomeNotes,
    };
    const notified = r.decisionDate ?? r.boardNotifiedOn;
    if (next.boardMeetingDate && next.boardMeetingDate < notified) throw fieldError('boardMeetingDate', `Must be on or after ${formatUkDate(notified)}, when the parents and the board were told of the decision`);
    if (next.boardOutcomeOn && next.boardOutcomeOn < notified) throw fieldError('boardOutcomeOn', `Must be on or after ${formatUkDate(notified)}, when the parents and the board were told of the decision`);
    if (next.boardOutcomeOn && next.boardOutcomeOn > londonToday()) throw fieldError('boardOutcomeOn', 'The board\'s decision cannot be recorded before it is made: this date is in the future');
    if (next.boardOutcome && !next.boardOutcomeOn) throw fieldError('boardOutcomeOn', 'Give the date of the board\'s decision');
    if (next.boardOutcome === 'upheld' && r.category !== 'permanent' && r.boardDutyKind === 'representations_only') {
      throw fieldError('boardOutcome', 'For 5 days or fewer in a term the board considers representations but makes no reinstatement decision');
    }
    await tx.update(exclusions).set({ ...next, version: r.version + 1 }).where(eq(exclusions.id, id));
    // A permanent exclusion upheld: the parents' review window may run past the calendar (needs next year's terms).
    if (independentReviewOf(await loadSiteCalendar(tx, r.trustId, r.siteId), { category: r.category, ...next })?.pending) await ensureCalendarTask(tx, r.trustId, r.siteId);
    audit.record({ action: 'exclusion.board', entityType: ENTITY, entityId: id, siteId: r.siteId,
      details: { before: { boardMeetingDate: r.boardMeetingDate, boardOutcome: r.boardOutcome }, after: { boardMeetingDate: next.boardMeetingDate, boardOutcome: next.boardOutcome, boardOutcomeOn: next.boardOutcomeOn, parentsMadeRepresentations: next.parentsMadeRepresentations } } });
  });
  return get(deps, actor, ctx, id);
}

export async function recordProvision(deps: Deps, actor: Actor, ctx: AuditContext, id: string, input: { provider: string; from: string }) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await managed(tx, actor, id);
    if (r.status === 'cancelled') throw conflict('This exclusion was cancelled.');
    if (!r.provisionDueFrom) throw conflict('Alternative provision is not due for this exclusion (it is shorter than six school days).');
    if (input.from < r.startDate) throw fieldError('from', `Must be on or after ${r.startDate}, when the exclusion starts`);
    await tx.update(exclusions).set({ provisionProvider: input.provider, provisionFrom: input.from, version: r.version + 1 }).where(eq(exclusions.id, id));
    await tx.update(tasks).set({ status: 'done', completedAt: new Date(), completedBy: actor.userId })
      .where(and(eq(tasks.sourceType, 'exclusion_provision'), eq(tasks.sourceId, id), eq(tasks.status, 'open')));
    audit.record({ action: 'exclusion.provision', entityType: ENTITY, entityId: id, siteId: r.siteId,
      details: { before: { provider: r.provisionProvider, from: r.provisionFrom }, after: input } });
  });
  return get(deps, actor, ctx, id);
}

export async function updateNotification(deps: Deps, actor: Actor, ctx: AuditContext, id: string, nid: string, input: { status: string; statusOn?: string | undefined; note?: string | undefined }) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await managed(tx, actor, id);
    const n = (await repo.notificationsOf(tx, [id])).find((x) => x.id === nid);
    if (!n) throw notFound('notification');
    const statusOn = input.status === 'to_do' ? null : (input.statusOn ?? londonToday());
    await tx.update(exclusionNotifications).set({ status: input.status, statusOn, note: input.note ?? n.note, updatedBy: actor.userId }).where(eq(exclusionNotifications.id, nid));
    audit.record({ action: 'exclusion.notification', entityType: ENTITY, entityId: id, siteId: r.siteId,
      details: { recipient: n.recipient, occasion: n.occasion, before: { status: n.status }, after: { status: input.status, statusOn } } });
  });
  return get(deps, actor, ctx, id);
}
