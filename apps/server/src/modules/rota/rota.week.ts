/**
 * The week's rota for a site or a set of sites (STF-3): who is where each day and period, gaps, double bookings and
 * impossible journeys, beside the analytics' weekday × period heatmap of incidents; and "where am I today" for a
 * member of staff (their own deployments only).
 */
import type { TRotaGap, TRotaToday, TRotaWeek } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Executor } from '../../core/db/client.ts';
import { scope, type Actor } from '../../core/policy/policy.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';
import { academicYearOf, addDays } from '../../core/calendar/calendar.ts';
import { schoolToday } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { resolve as resolveAnalytics } from '../analytics/analytics.service.ts';
import { countsBy } from '../analytics/analytics.repo.ts';
import { isSmallCount } from '../analytics/analytics.rules.ts';
import { doubleBookings, gaps, travelProblems } from './rota.rules.ts';
import { loadContext, mondayOf, personName, type RotaContext } from './rota.context.ts';
import * as repo from './rota.repo.ts';

/** The sites asked for (comma-separated ids), each within the caller's rota.read scope (else 404); default: all of them. */
export function rotaSites(actor: Actor, siteIds: string | undefined): string[] {
  const allowed = scope(actor, 'rota.read').siteIds;
  if (!allowed.length) throw forbidden('You do not read the rota of any site.');
  if (!siteIds) return allowed;
  const asked = [...new Set(siteIds.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  if (!asked.length) return allowed;
  if (asked.some((id) => !allowed.includes(id))) throw notFound('site');
  return asked;
}

export function names(c: RotaContext) {
  const staff = (id: string | null) => (id ? { id, displayName: personName(c.staff.get(id)) } : null);
  const pupil = (id: string | null) => {
    if (!id) return null;
    const p = c.pupils.get(id);
    return { id, displayName: p ? displayName(p) : 'Unknown pupil' };
  };
  return { staff, pupil };
}

/** The analytics' incidents by weekday × period at these sites, this academic year so far (suppressed as the dashboards do). */
async function heatmap(db: Executor, actor: Actor, siteIds: string[], today: string): Promise<TRotaWeek['heatmap']> {
  const readable = scope(actor, 'analytics.read').siteIds;
  const sites = siteIds.filter((s) => readable.includes(s));
  if (!sites.length) return null;
  const r = await resolveAnalytics(db, actor, { siteIds: sites.join(','), from: academicYearOf(today).startDate, to: today }, today);
  const rows = await countsBy(db, 'wp', { siteIds: r.siteIds, from: r.from, to: r.to, filter: r.filter, rollup: r.rollup });
  const cells = rows.filter((x) => x.measure === 'inc').map((x) => {
    const [dow, period] = x.key.split(':') as [string, string];
    return { weekday: Number(dow), period: period ?? '', incidents: r.aggregateOnly && isSmallCount(x.n) ? null : x.n };
  });
  return { from: r.from, to: r.to, cells };
}

export async function week(deps: Deps, actor: Actor, q: { weekOf?: string | undefined; siteIds?: string | undefined }): Promise<TRotaWeek> {
  const db = deps.database.db;
  const siteIds = rotaSites(actor, q.siteIds);
  const today = schoolToday(deps);
  const weekStart = mondayOf(q.weekOf ?? today);
  const to = addDays(weekStart, 4);
  // the heatmap and the trust's sites need nothing from the week: read beside it
  const [c, heat, trustSites] = await Promise.all([loadContext(db, actor.trustId, siteIds, weekStart, to), heatmap(db, actor, siteIds, today), repo.trustSites(db, actor.trustId)]);
  const n = names(c);
  const inScope = new Set(siteIds);
  // people deployed (or displaced) at the chosen sites, with everything they do that week wherever it is
  const staffHere = new Set([...c.deployments.filter((d) => inScope.has(d.siteId)).map((d) => d.staffId), ...c.displaced.filter((d) => inScope.has(d.siteId)).map((d) => d.staffId)]);
  const cells = c.deployments.filter((d) => staffHere.has(d.staffId));
  const doubles = doubleBookings(cells);
  const journeys = travelProblems(cells, c.periodsOf, c.travel);
  const flagged = new Set([...doubles.map((x) => `${x.staffId}|${x.date}|${x.periodCode}`), ...journeys.map((x) => `${x.staffId}|${x.date}|${x.toPeriod}`)]);
  const found: TRotaGap[] = gaps(c.days, c.deployments, c.needs, c.trainedFor, c.periodsOf).map((g) => {
    const pupil = n.pupil(g.pupilId)!;
    if (g.kind === 'untrained_adult') return { ...g, pupil, staff: n.staff(g.staffId)! };
    if (g.kind === 'no_trained_adult') return { kind: g.kind, pupil, date: g.date };
    return { kind: g.kind, pupil, requiredMinutes: g.requiredMinutes, coveredMinutes: g.coveredMinutes };
  });
  const uncovered: TRotaGap[] = c.displaced.filter((d) => inScope.has(d.siteId) && !d.coveredBy).map((d) => ({
    kind: 'uncovered_absence', staff: n.staff(d.staffId)!, date: d.date, periodCode: d.periodCode, siteId: d.siteId, exceptionId: d.exceptionId, patternId: d.patternId, pupil: n.pupil(d.pupilId),
  }));
  const cellSites = new Set(cells.map((d) => d.siteId));
  const sites = trustSites.filter((s) => inScope.has(s.id) || cellSites.has(s.id));
  const periodMap = new Map<string, { code: string; label: string; start: string | null; end: string | null }>();
  for (const id of [...siteIds, '']) for (const p of c.periodsOf(id).values()) if (!periodMap.has(p.code)) periodMap.set(p.code, { code: p.code, label: p.label, start: p.start || null, end: p.end || null });
  const periods = [...periodMap.values()].sort((a, b) => (a.start ?? '99').localeCompare(b.start ?? '99') || a.code.localeCompare(b.code));
  const manage = scope(actor, 'rota.manage').siteIds;
  return {
    weekStart,
    dates: c.days.map((d) => ({ date: d.date, weekday: d.weekday, openSiteIds: [...d.openSiteIds].filter((s) => inScope.has(s)) })),
    sites, periods,
    staff: [...staffHere].map((id) => ({ id, displayName: personName(c.staff.get(id)), siteId: c.staff.get(id)?.siteId ?? '' }))
      .filter((s) => s.siteId).sort((a, b) => a.displayName.localeCompare(b.displayName)),
    cells: cells.map((d) => ({
      staffId: d.staffId, siteId: d.siteId, date: d.date, periodCode: d.periodCode, mode: d.mode, pupil: n.pupil(d.pupilId), teacher: n.staff(d.teacherStaffId),
      coversStaff: n.staff(d.coversStaffId), source: d.patternId ? 'pattern' as const : 'cover' as const, flagged: flagged.has(`${d.staffId}|${d.date}|${d.periodCode}`),
    })),
    away: c.exceptions.filter((e) => e.kind !== 'cover' && staffHere.has(e.staffId)).map((e) => ({ staffId: e.staffId, date: e.date, periodCode: e.periodCode, kind: e.kind, exceptionId: e.id })),
    gaps: [...uncovered, ...found],
    doubleBookings: doubles.map((x) => ({ ...x, staff: n.staff(x.staffId)! })).map(({ staffId: _s, ...x }) => x),
    travel: journeys.map((x) => ({ ...x, staff: n.staff(x.staffId)! })).map(({ staffId: _s, ...x }) => x),
    heatmap: heat,
    allowed: siteIds.some((s) => manage.includes(s)) ? ['manage'] : [],
  };
}

/** Where the signed-in member of staff is today (their staff records in the trust; none: an empty day). */
export async function today(deps: Deps, actor: Actor): Promise<TRotaToday> {
  const db = deps.database.db;
  const date = schoolToday(deps);
  const mine = await repo.staffOfUser(db, actor.trustId, actor.userId);
  if (!mine.length) return { date, staff: [], slots: [], away: [] };
  const ids = new Set(mine.map((s) => s.id));
  const patterns = await repo.patternsFor(db, actor.trustId, { staffIds: [...ids], from: date, to: date });
  const c = await loadContext(db, actor.trustId, [...new Set([...mine.map((s) => s.siteId), ...patterns.map((p) => p.siteId)])], date, date);
  const n = names(c);
  const sites = new Map((await repo.trustSites(db, actor.trustId)).map((s) => [s.id, s.name]));
  const slots = c.deployments.filter((d) => ids.has(d.staffId)).map((d) => {
    const p = c.periodsOf(d.siteId).get(d.periodCode);
    return {
      periodCode: d.periodCode, periodLabel: p?.label ?? d.periodCode, start: p?.start || null, end: p?.end || null, siteId: d.siteId, siteName: sites.get(d.siteId) ?? '',
      mode: d.mode, pupil: n.pupil(d.pupilId), teacher: n.staff(d.teacherStaffId), coversStaff: n.staff(d.coversStaffId),
    };
  }).sort((a, b) => (a.start ?? '99').localeCompare(b.start ?? '99'));
  return {
    date, staff: mine.map((s) => ({ id: s.id, displayName: personName(s) })), slots,
    away: c.exceptions.filter((e) => ids.has(e.staffId) && e.kind !== 'cover' && e.date === date).map((e) => ({ periodCode: e.periodCode, kind: e.kind })),
  };
}
