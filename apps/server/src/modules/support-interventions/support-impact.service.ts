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
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './support-interventions.repo.ts';
import * as impactRepo from './support-impact.repo.ts';
import { visible } from './support-interventions.service.ts';
import { afterWindow, beforeWindow, groupImpact, pupilImpact, type ImpactWindow, type PupilImpact } from './support-interventions.rules.ts';

interface Windows { before: ImpactWindow; after: ImpactWindow }

function windowsOf(cal: SchoolCalendar, start: string, weeks: number, today: string): Windows {
  return { before: beforeWindow(cal, start, weeks), after: afterWindow(cal, start, weeks, today) };
}

const span = (w: Windows) => ({ from: w.before.from ?? w.after.from, to: w.after.to ?? w.before.to });
const windowDto = (w: ImpactWindow) => ({ from: w.from, to: w.to, schoolDays: w.days.length, complete: w.complete });

function impactOf(w: Windows, members: readonly repo.MemberRow[], days: Map<string, string[]>): { pupils: { member: repo.MemberRow; impact: PupilImpact }[]; group: PupilImpact } {
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

export async function overviewFor(db: Executor, trustId: string, siteIds: readonly string[], weeks: number, today: string) {
  const rows = await repo.listInterventions(db, { trustId, siteIds, status: 'open', limit: 5000 });
  const members = await repo.membersOf(db, rows.map((r) => r.i.id));
  const calendars = new Map<string, SchoolCalendar>();
  for (const siteId of new Set(rows.map((r) => r.i.siteId))) calendars.set(siteId, await loadSiteCalendar(db, trustId, siteId));
  const memo = new Map<string, Windows>();
  const windows = rows.map((r) => {
    const key = `${r.i.siteId}|${r.i.startDate}`;
    let w = memo.get(key);
    if (!w) { w = windowsOf(calendars.get(r.i.siteId)!, r.i.startDate, weeks, today); memo.set(key, w); }
    return w;
  });
  const spans = windows.map(span).filter((s): s is { from: string; to: string } => !!s.from && !!s.to);
  const from = spans.reduce((m, s) => (s.from < m ? s.from : m), '9999-12-31');
  const to = spans.reduce((m, s) => (s.to > m ? s.to : m), '0001-01-01');
  const days = spans.length ? await impactRepo.involvementDays(db, trustId, [...new Set(members.map((m) => m.pupilId))], from, to) : new Map<string, string[]>();
  const byIntervention = new Map<string, repo.MemberRow[]>();
  for (const m of members) byIntervention.set(m.interventionId, [...(byIntervention.get(m.interventionId) ?? []), m]);
  const items = rows.map((r, n) => {
    const mine = byIntervention.get(r.i.id) ?? [];
    const g = impactOf(windows[n]!, mine, days).group;
    return { id: r.i.id, siteId: r.i.siteId, title: r.i.title, startDate: r.i.startDate, pupils: mine.length, ...g };
  });
  return { weeks, today, items };
}
