/**
 * Impact of support interventions (ANA-5): each pupil's incident involvements per school day in the N school weeks
 * before the start against the N after, with the counts and school days behind every rate, per pupil and for the
 * group, and the records themselves (the drill-down needs behaviour.read at the site, as the records do). The
 * overview computes it for every intervention the caller can see, in one query for the records.
 */
import type { TImpactRecords, TSupportImpact } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Executor } from '../../core/db/client.ts';
import type { SchoolCalendar } from '../../core/calendar/calendar.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { londonToday } from '../../core/time.ts';
import { loadSiteCalendar, loadSiteCalendars } from '../calendar/calendar.service.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './support-interventions.repo.ts';
import * as impactRepo from './support-impact.repo.ts';
import { visible } from './support-interventions.service.ts';
import { afterWindow, beforeWindow, groupImpact, groupImpactOf, pupilImpact, type ImpactWindow, type PupilImpact } from './support-interventions.rules.ts';

interface Windows { before: ImpactWindow; after: ImpactWindow }

function windowsOf(cal: SchoolCalendar, start: string, weeks: number, today: string): Windows {
  return { before: beforeWindow(cal, start, weeks), after: afterWindow(cal, start, weeks, today) };
}

const span = (w: Windows) => ({ from: w.before.from ?? w.after.from, to: w.after.to ?? w.before.to });
const windowDto = (w: ImpactWindow) => ({ from: w.from, to: w.to, schoolDays: w.days.length, complete: w.complete });

/** What the figures need of a pupil in an intervention. */
type Enrolled = Pick<repo.MemberRow, 'pupilId' | 'enrolmentStart' | 'enrolmentEnd'>;

function impactOf<M extends Enrolled>(w: Windows, members: readonly M[], days: Map<string, string[]>): { pupils: { member: M; impact: PupilImpact }[]; group: PupilImpact } {
  const pupils = members.map((member) => ({
    member, impact: pupilImpact(w.before.days, w.after.days, { start: member.enrolmentStart, end: member.enrolmentEnd }, days.get(member.pupilId) ?? []),
  }));
  return { pupils, group: groupImpact(pupils.map((p) => p.impact)) };
}

export async function impact(deps: Deps, actor: Actor, id: string, weeks: number): Promise<TSupportImpact> {
  const db = deps.database.db;
  const row = await visible(db, actor, id);
  const today = londonToday();
  const w = windowsOf(await loadSiteCalendar(db, actor.trustId, row.i.siteId), row.i.startDate, weeks, today);
  const members = await repo.membersOf(db, [id]);
  const { from, to } = span(w);
  const days = from && to ? await impactRepo.involvementDays(db, actor.trustId, members.map((m) => m.pupilId), from, to) : new Map<string, string[]>();
  const result = impactOf(w, members, days);
  return {
    interventionId: id, weeks, startDate: row.i.startDate, today, before: windowDto(w.before), after: windowDto(w.after),
    pupils: result.pupils.map((p) => ({ id: p.member.pupilId, displayName: displayName(p.member), impact: p.impact })), group: result.group,
  };
}

/** The records counted in one window (for one pupil or the group): only on the window's school days. */
export async function impactRecords(deps: Deps, actor: Actor, id: string, q: { weeks: number; window: 'before' | 'after'; pupilId?: string | undefined }): Promise<TImpactRecords> {
  const db = deps.database.db;
  const row = await visible(db, actor, id);
  if (!can(actor, 'behaviour.read', row.i)) throw forbidden('The records behind the figures need access to every behaviour record of the site.');
  const w = windowsOf(await loadSiteCalendar(db, actor.trustId, row.i.siteId), row.i.startDate, q.weeks, londonToday())[q.window];
  const members = (await repo.membersOf(db, [id])).filter((m) => !q.pupilId || m.pupilId === q.pupilId);
  const schoolDays = new Set(w.days);
  const rows = w.from && w.to ? await impactRepo.involvements(db, actor.trustId, members.map((m) => m.pupilId), w.from, w.to) : [];
  const onRoll = new Map(members.map((m) => [m.pupilId, m]));
  const items = rows.filter((r) => {
    const m = onRoll.get(r.pupil);
    return schoolDays.has(r.day) && m && r.day >= m.enrolmentStart && (m.enrolmentEnd === null || r.day <= m.enrolmentEnd);
  }).map((r) => ({
    incidentId: r.incident_id, occurredOn: r.day, pupil: { id: r.pupil, displayName: r.name }, role: r.role, status: r.status,
    categories: Array.isArray(r.categories) ? (r.categories as unknown[]).filter((c): c is string => typeof c === 'string') : [],
  }));
  return { window: q.window, from: w.from, to: w.to, items };
}

export interface OverviewItem { id: string; siteId: string; title: string; startDate: string; pupils: number; before: PupilImpact['before']; after: PupilImpact['after']; change: number | null }

/** Impact of every open intervention at the caller's sites (or one site): the group figures of each. */
export async function overview(deps: Deps, actor: Actor, q: { siteId?: string | undefined; weeks: number }): Promise<{ weeks: number; today: string; items: OverviewItem[] }> {
  const sites = scope(actor, 'intervention.read').siteIds;
  if (q.siteId && !sites.includes(q.siteId)) throw forbidden('You do not work at that site.');
  return overviewFor(deps.database.db, actor.trustId, q.siteId ? [q.siteId] : sites, q.weeks, londonToday());
}

/**
 * The overview's figures: one narrow read of the open interventions with their pupils' enrolments and, at the same
 * time, one of the trust's calendar; the school-day windows worked out once per (site, start date); and one aggregate
 * read of the involvements of every pupil over the whole span, bucketed here by the same rules as one intervention's.
 */
export async function overviewFor(db: Executor, trustId: string, siteIds: readonly string[], weeks: number, today: string) {
  if (siteIds.length === 0) return { weeks, today, items: [] };
  // the interventions and the trust's calendar are independent reads (the pool answers both at once)
  const [rows, calendars] = await Promise.all([impactRepo.openWithMembers(db, trustId, siteIds, 5000), loadSiteCalendars(db, trustId, siteIds)]);
  const list: { id: string; siteId: string; title: string; startDate: string; members: Enrolled[] }[] = [];
  for (const r of rows) {
    let last = list[list.length - 1];
    if (!last || last.id !== r.id) { last = { id: r.id, siteId: r.site_id, title: r.title, startDate: r.start_date, members: [] }; list.push(last); }
    if (r.pupil_id !== null) last.members.push({ pupilId: r.pupil_id, enrolmentStart: r.enrolment_start!, enrolmentEnd: r.enrolment_end });
  }
  const memo = new Map<string, Windows>();
  const windows = list.map((r) => {
    const key = `${r.siteId}|${r.startDate}`;
    let w = memo.get(key);
    if (!w) { w = windowsOf(calendars.get(r.siteId)!, r.startDate, weeks, today); memo.set(key, w); }
    return w;
  });
  const spans = windows.map(span).filter((s): s is { from: string; to: string } => !!s.from && !!s.to);
  const from = spans.reduce((m, s) => (s.from < m ? s.from : m), '9999-12-31');
  const to = spans.reduce((m, s) => (s.to > m ? s.to : m), '0001-01-01');
  // the pupils as a query, not a list: the same pupils (or, past the limit, more), and a long list costs more to send
  const anyPupils = list.some((r) => r.members.length > 0);
  const days = spans.length && anyPupils ? await impactRepo.involvementDays(db, trustId, impactRepo.openPupilsSql(trustId, siteIds), from, to) : new Map<string, string[]>();
  const items = list.map((r, n) => {
    const w = windows[n]!;
    const g = groupImpactOf(w.before.days, w.after.days, r.members, days);
    return { id: r.id, siteId: r.siteId, title: r.title, startDate: r.startDate, pupils: r.members.length, ...g };
  });
  return { weeks, today, items };
}
