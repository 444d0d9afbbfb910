/**
 * Dashboards (ANA-1) and drill-down. The caller's scope decides the sites: a requested site outside it answers 404,
 * so no figure can count a site the caller may not see. Where the caller lacks behaviour.read at any chosen site they
 * see aggregates only: small counts suppressed, no pupil or staff names, no drill-down.
 */
import { previousPeriod } from '@haven/contracts/charts';
import type { TAnalyticsDashboard, TAnalyticsQuery, TDrillDown, TDrillDownQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { academicYearOf, addDays } from '../../core/calendar/calendar.ts';
import { schoolToday } from '../../core/time.ts';
import { periodSoFar, type PeriodKind, type Progress } from './analytics.rules.ts';
import { rollupAsOf } from './analytics.refresh.ts';
import * as repo from './analytics.repo.ts';
import { drillDown as drillRows } from './analytics.drill.repo.ts';
import { pupilFigures } from './analytics.pupils.ts';
import { presentDashboard, TOP_STAFF } from './analytics.presenter.ts';
import type { PupilGroupKey, SourceFilter } from './analytics.source.ts';
import type { Executor } from '../../core/db/client.ts';

/** The longest range one request may cover (five academic years and a little). */
const MAX_RANGE_DAYS = 366 * 6;

export interface Resolved {
  siteIds: string[];
  sites: { id: string; name: string }[];
  from: string;
  /**
   * The last date counted: the end asked for, or today while the period is in progress (SPEC §9: a period still in
   * progress counts only the school days so far). Every count and pupil-day of every dashboard reads [from, to].
   */
  to: string;
  /** The end asked for (what the JSON's `to` says). */
  requestedTo: string;
  progress: Progress;
  filter: SourceFilter;
  aggregateOnly: boolean;
  /** Filters that cut across the rollup's dimensions are answered from the records. */
  rollup: boolean;
}

type Filters = Pick<TAnalyticsQuery, 'from' | 'to' | 'termId' | 'siteIds' | 'yearGroup' | 'categoryCode' | 'pupilGroup'>;

/** `today`: the school's date by the app's clock (core/time schoolToday): a range past it is counted to it. */
export async function resolve(db: Executor, actor: Actor, q: Filters, today: string): Promise<Resolved> {
  const allowed = new Set(scope(actor, 'analytics.read').siteIds);
  const requested = q.siteIds ? [...new Set(q.siteIds.split(',').map((s) => s.trim().toLowerCase()))] : [...allowed];
  if (requested.some((id) => !allowed.has(id))) throw notFound('site');
  if (requested.length === 0) throw forbidden('You have no sites whose dashboards you may see.');
  let from = q.from;
  let to = q.to;
  if (q.termId) {
    const term = await repo.termDates(db, actor.trustId, q.termId);
    if (!term) throw fieldError('termId', 'No such term.');
    from ??= term.startDate;
    to ??= term.endDate;
  }
  to ??= today;
  from ??= academicYearOf(to).startDate;
  if (from > to) throw fieldError('to', 'The end date is before the start date.');
  if (addDays(from, MAX_RANGE_DAYS) < to) throw fieldError('from', 'Choose at most six years.');
  const progress = periodSoFar(from, to, today, await periodKind(db, actor.trustId, q, from, to, today));
  const group = q.pupilGroup as PupilGroupKey | undefined;
  const filter: SourceFilter = {
    ...(q.categoryCode ? { categoryCode: q.categoryCode } : {}),
    ...(q.yearGroup !== undefined || group ? { pupil: { yearGroup: q.yearGroup, group } } : {}),
  };
  const allSites = await repo.sitesOfTrust(db, actor.trustId);
  const siteIds = allSites.filter((s) => requested.includes(s.id)).map((s) => s.id);
  return {
    siteIds, sites: allSites.filter((s) => requested.includes(s.id)), from, to: progress.figuresTo, requestedTo: to, progress, filter,
    aggregateOnly: !siteIds.every((siteId) => can(actor, 'behaviour.read', { trustId: actor.trustId, siteId })),
    rollup: !filter.categoryCode && !filter.pupil,
  };
}

/** How a period in progress is named in its note: a term (chosen, or its exact dates), an academic year, or a period. */
async function periodKind(db: Executor, trustId: string, q: Filters, from: string, to: string, today: string): Promise<PeriodKind> {
  if (to <= today) return 'period';
  if (q.termId && !q.from && !q.to) return 'term';
  if (from.endsWith('-09-01') && to === `${Number(from.slice(0, 4)) + 1}-08-31`) return 'year';
  return (await repo.isTermRange(db, trustId, from, to)) ? 'term' : 'period';
}

/** The totals and time series of a period compared with (the same sites and filters as `r`). */
async function previousFigures(db: Executor, r: Resolved, granularity: TAnalyticsQuery['granularity'], range: { from: string; to: string }) {
  const q: repo.CountQuery = { siteIds: r.siteIds, from: range.from, to: range.to, filter: r.filter, rollup: r.rollup };
  if (r.rollup) q.allTime = await repo.holdsEveryRecord(db, r.siteIds, range.from, range.to);
  const [all, series, seriesDays] = await Promise.all([repo.countsBy(db, 'all', q), repo.seriesCounts(db, granularity, q), repo.pupilDaysSeries(db, granularity, q)]);
  return { ...range, all, series, seriesDays };
}

/**
 * Every figure of the dashboard, computed from the rollup (or the records) and the pupil-day denominators, with the
 * period it is compared with (default: charts' previousPeriod of the dates counted; null: none).
 */
export async function computeDashboard(db: Executor, r: Resolved, granularity: TAnalyticsQuery['granularity'], trustId: string,
  previous: { from: string; to: string } | null = previousPeriod(r.from, r.to)) {
  const q: repo.CountQuery = { siteIds: r.siteIds, from: r.from, to: r.to, filter: r.filter, rollup: r.rollup };
  if (r.rollup) q.allTime = await repo.holdsEveryRecord(db, r.siteIds, r.from, r.to);
  // PostgreSQL answers these in parallel on the pool; PGlite queues them on its one connection.
  const [all, cat, loc, wp, staff, pupils, bySite, series, seriesDays, siteYearDays, labels, timetable, weekdays, prev] = await Promise.all([
    repo.countsBy(db, 'all', q), repo.countsBy(db, 'cat', q), repo.countsBy(db, 'loc', q), repo.countsBy(db, 'wp', q),
    repo.countsBy(db, 'staff', q, TOP_STAFF), pupilFigures(db, q), repo.countsBySite(db, q),
    repo.seriesCounts(db, granularity, q), repo.pupilDaysSeries(db, granularity, q),
    repo.pupilDaysBySiteAndYear(db, q), repo.labels(db, trustId), repo.timetable(db, trustId), repo.schoolWeekdays(db, r.siteIds, r.from, r.to),
    previous ? previousFigures(db, r, granularity, previous) : Promise.resolve(null),
  ]);
  return { all, cat, loc, wp, staff, pupil: pupils.top, pupilYear: pupils.byYear, bySite, series, seriesDays, siteYearDays, labels, timetable, weekdays, previous: prev };
}

export type DashboardData = Awaited<ReturnType<typeof computeDashboard>>;

export async function dashboard(deps: Deps, actor: Actor, q: TAnalyticsQuery): Promise<TAnalyticsDashboard> {
  return dashboardFor(deps, actor, await resolve(deps.database.db, actor, q, schoolToday(deps)), q.granularity);
}

/** The dashboard of sites, dates and filters already resolved for this caller (resolve). */
export async function dashboardFor(deps: Deps, actor: Actor, r: Resolved, granularity: TAnalyticsQuery['granularity']): Promise<TAnalyticsDashboard> {
  return dashboardOf(deps.database.db, actor.trustId, r, granularity);
}

/** The dashboard of resolved sites and dates in a trust (the governors' and weekly PDFs draw their charts from it). */
export async function dashboardOf(db: Executor, trustId: string, r: Resolved, granularity: TAnalyticsQuery['granularity'],
  previous?: { from: string; to: string } | null): Promise<TAnalyticsDashboard> {
  // a read only: the rollup is kept current in the background (analytics.refresher.ts); read how fresh it is first,
  // so every change before asOf is certainly in what follows. Counted from the records: as of now.
  const asOf = r.rollup ? await rollupAsOf(db, trustId) : new Date();
  const data = await computeDashboard(db, r, granularity, trustId, previous === undefined ? previousPeriod(r.from, r.to) : previous);
  const topPupils = r.aggregateOnly ? [] : topPupilIds(data.pupil);
  const q1: repo.CountQuery = { siteIds: r.siteIds, from: r.from, to: r.to, filter: r.filter, rollup: r.rollup };
  const [pupils, topDays, staffNames] = await Promise.all([
    repo.pupilsByIds(db, topPupils), repo.pupilDaysPerPupil(db, q1, topPupils),
    r.aggregateOnly ? Promise.resolve(new Map<string, string>()) : repo.userNames(db, [...new Set(data.staff.map((s) => s.key))]),
  ]);
  return { ...presentDashboard(r, granularity, data, { pupils, topDays, staffNames }), asOf: asOf.toISOString() };
}

/** The 50 pupils with most negative events and involvements (then most of anything), for the by-pupil table. */
export function topPupilIds(rows: readonly repo.CountRow[], n = 50): string[] {
  const score = new Map<string, [number, number]>();
  for (const r of rows) {
    const s = score.get(r.key) ?? [0, 0];
    if (r.measure === 'neg' || r.measure === 'inv') s[0] += r.n;
    s[1] += r.n;
    score.set(r.key, s);
  }
  return [...score.entries()].sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([k]) => k);
}

export async function drillDown(deps: Deps, actor: Actor, q: TDrillDownQuery): Promise<TDrillDown> {
  const db = deps.database.db;
  const r = await resolve(db, actor, q, schoolToday(deps));
  if (r.aggregateOnly) throw forbidden('Aggregate reports only: you may not see the records behind this figure.');
  // exact without waiting for the refresher: days still waiting are counted from the records (analytics.drill.repo.ts)
  const [page, labels] = await Promise.all([drillRows(db, r, q), repo.labels(db, actor.trustId)]);
  const name = (kind: string, code: string | null) => (code === null ? null : labels.find((l) => l.kind === kind && l.code === code)?.label ?? code);
  return { ...page, items: page.items.map((i) => ({
    ...i, categories: i.categoryCodes.map((c) => name('cat', c)!), location: name('location', i.locationCode), periodLabel: name('period', i.period),
  })) };
}
