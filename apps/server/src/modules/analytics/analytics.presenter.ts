/** Counts and denominators → the dashboard contract, with suppression and rates applied per viewer (SPEC §9). */
import { ANALYTICS_MEASURES, type TAnalyticsDashboard, type TAnalyticsMeasure, type TAnalyticsValues } from '@haven/contracts';
import { bucketOf, figure, isSmallCount, ratePer100, ratio, type Granularity } from './analytics.rules.ts';
import type { CountRow } from './analytics.repo.ts';
import type { DashboardData, Resolved } from './analytics.service.ts';

export function values(counts: ReadonlyMap<string, number>, pupilDays: number, suppress: boolean): TAnalyticsValues {
  const out = {} as TAnalyticsValues;
  for (const m of ANALYTICS_MEASURES) {
    const n = counts.get(m) ?? 0;
    out[m] = figure(n, ratePer100(n, pupilDays), suppress);
  }
  return out;
}

/** key → (measure → count) */
export function byKey(rows: readonly { key: string; measure: string; n: number }[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.key) ?? new Map<string, number>();
    m.set(r.measure, (m.get(r.measure) ?? 0) + r.n);
    out.set(r.key, m);
  }
  return out;
}

/** The members of staff listed: those who recorded most (a trust has hundreds; the page shows the first 30). */
export const TOP_STAFF = 50;

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const weekdayName = (n: number): string => WEEKDAYS[n] ?? String(n);

export interface Names { pupils: { id: string; name: string; yearGroup: number }[]; topDays: { pupilId: string; pupilDays: number }[]; staffNames: Map<string, string> }

/** Everything but asOf, which the service adds from what it read (analytics.refresh.ts rollupAsOf). */
export function presentDashboard(r: Resolved, granularity: Granularity, d: DashboardData, names: Names): Omit<TAnalyticsDashboard, 'asOf'> {
  const suppress = r.aggregateOnly;
  // buckets partition the range, so the totals are the buckets' sums (school days: distinct dates within each bucket)
  const pupilDays = d.seriesDays.reduce((s, x) => s + x.pupilDays, 0);
  const schoolDays = d.seriesDays.reduce((s, x) => s + x.schoolDays, 0);
  const label = (kind: string, code: string) => d.labels.find((l) => l.kind === kind && l.code === code);
  const rows = (rowsIn: CountRow[], kind: string, none: string) =>
    [...byKey(rowsIn).entries()].map(([key, counts]) => ({ key, label: key === '' ? none : (label(kind, key)?.label ?? key), values: values(counts, pupilDays, suppress) }))
      .sort((a, b) => total(b.values) - total(a.values) || a.label.localeCompare(b.label));

  const totals = byKey(d.all).get('') ?? new Map<string, number>();
  const perSchoolDay = {} as Record<TAnalyticsMeasure, number | null>;
  for (const m of ANALYTICS_MEASURES) {
    const n = totals.get(m) ?? 0;
    perSchoolDay[m] = suppress && isSmallCount(n) ? null : ratio(n, schoolDays);
  }

  const series = presentSeries(d.series, d.seriesDays, granularity, suppress);

  // weekday × period, and periods alone
  const wp = byKey(d.wp);
  const heatmap = [...wp.entries()].map(([key, counts]) => {
    const [dow, period] = key.split(':') as [string, string];
    return { weekday: Number(dow), period, values: values(counts, pupilDays, suppress) };
  }).sort((a, b) => a.weekday - b.weekday || a.period.localeCompare(b.period));
  const periodRows = d.wp.map((x) => ({ ...x, key: x.key.split(':')[1] ?? '' }));

  // year groups: counts of pupils' records by their current year group, over that year group's pupil-days
  const ygDays = new Map<number, number>();
  for (const p of d.siteYearDays) ygDays.set(p.yearGroup, (ygDays.get(p.yearGroup) ?? 0) + p.pupilDays);
  const ygCounts = new Map<number, Map<string, number>>();
  for (const row of d.pupilYear) {
    const yg = row.yearGroup;
    const m = ygCounts.get(yg) ?? new Map<string, number>();
    m.set(row.measure, (m.get(row.measure) ?? 0) + row.n);
    ygCounts.set(yg, m);
  }
  const byYearGroup = [...new Set([...ygDays.keys(), ...ygCounts.keys()])].sort((a, b) => a - b).map((yg) => ({
    key: String(yg), label: yg === 0 ? 'Reception' : yg < 0 ? 'Nursery' : yg > 13 ? 'Post-19' : `Year ${yg}`,
    pupilDays: ygDays.get(yg) ?? 0, values: values(ygCounts.get(yg) ?? new Map(), ygDays.get(yg) ?? 0, suppress),
  }));

  const siteDays = new Map<string, number>();
  for (const p of d.siteYearDays) siteDays.set(p.siteId, (siteDays.get(p.siteId) ?? 0) + p.pupilDays);
  const siteCounts = byKey(d.bySite);
  const bySite = r.sites.map((s) => ({
    key: s.id, label: s.name, pupilDays: siteDays.get(s.id) ?? 0,
    values: values(siteCounts.get(s.id) ?? new Map(), siteDays.get(s.id) ?? 0, suppress),
  }));

  const perPupilDays = new Map(names.topDays.map((p) => [p.pupilId, p.pupilDays]));
  const pupilCounts = byKey(d.pupil);
  const byPupil = suppress ? null : names.pupils.map((p) => ({
    key: p.id, label: p.name, yearGroup: p.yearGroup, values: values(pupilCounts.get(p.id) ?? new Map(), perPupilDays.get(p.id) ?? 0, false),
  })).sort((a, b) => score(b.values) - score(a.values) || a.label.localeCompare(b.label));

  return {
    from: r.from, to: r.requestedTo, progress: r.progress, sites: r.sites, aggregateOnly: suppress, source: r.rollup ? 'rollup' : 'records',
    pupilDays, schoolDays, totals: values(totals, pupilDays, suppress), perSchoolDay, granularity, series,
    byCategory: rows(d.cat, 'cat', 'No category').map((x) => ({ ...x, polarity: label('cat', x.key)?.polarity ?? null })),
    byLocation: rows(d.loc, 'location', 'Not recorded'),
    byPeriod: rows(periodRows, 'period', 'Outside lessons'),
    heatmap,
    byStaff: suppress ? null : rows(d.staff, '', '').slice(0, TOP_STAFF).map((x) => ({ ...x, label: names.staffNames.get(x.key) ?? 'Unknown' })),
    byPupil,
    byYearGroup, bySite,
    timetable: d.timetable, schoolWeekdays: d.weekdays,
    previous: d.previous ? presentPrevious(d.previous, granularity, suppress) : null,
  };
}

type SeriesRows = DashboardData['series'];
type SeriesDays = DashboardData['seriesDays'];

/** A time series: every bucket with school days or records. */
function presentSeries(rows: SeriesRows, seriesDays: SeriesDays, granularity: Granularity, suppress: boolean): TAnalyticsDashboard['series'] {
  const seriesCounts = byKey(rows.map((s) => ({ key: s.bucket, measure: s.measure, n: s.n })));
  const days = new Map(seriesDays.map((s) => [s.bucket, s]));
  const buckets = [...new Set([...days.keys(), ...seriesCounts.keys()])].map((b) => bucketOf(b, granularity)).sort();
  return [...new Set(buckets)].map((bucket) => {
    const pd = days.get(bucket)?.pupilDays ?? 0;
    return { bucket, pupilDays: pd, schoolDays: days.get(bucket)?.schoolDays ?? 0, values: values(seriesCounts.get(bucket) ?? new Map(), pd, suppress) };
  });
}

/** The period compared with: its totals over its own pupil-days, and its series bucket by bucket. */
function presentPrevious(p: NonNullable<DashboardData['previous']>, granularity: Granularity, suppress: boolean): NonNullable<TAnalyticsDashboard['previous']> {
  const pupilDays = p.seriesDays.reduce((s, x) => s + x.pupilDays, 0);
  return {
    from: p.from, to: p.to, pupilDays, schoolDays: p.seriesDays.reduce((s, x) => s + x.schoolDays, 0),
    totals: values(byKey(p.all).get('') ?? new Map<string, number>(), pupilDays, suppress),
    series: presentSeries(p.series, p.seriesDays, granularity, suppress),
  };
}

function total(v: TAnalyticsValues): number {
  return ANALYTICS_MEASURES.reduce((s, m) => s + (v[m].count ?? 0), 0);
}

function score(v: TAnalyticsValues): number {
  return (v.neg.count ?? 0) + (v.inv.count ?? 0);
}
