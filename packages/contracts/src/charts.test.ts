import { describe, expect, it } from 'vitest';
import type { TAnalyticsDashboard, TFigure, TAnalyticsValues } from './analytics.ts';
import { ANALYTICS_MEASURES } from './analytics-codes.ts';
import { categoryChart, chartTooltip, dashboardCharts, heatmapChart, heatmapPeriods, kpiChange, overTimeChart, previousPeriod, sitesChart } from './charts.ts';

const fig = (count: number, rate: number | null = null): TFigure => ({ count, suppressed: false, rate, rateNote: null });
const vals = (neg: number, pos = 0): TAnalyticsValues => Object.fromEntries(ANALYTICS_MEASURES.map((m) => [m, fig(m === 'neg' ? neg : m === 'pos' ? pos : 0)])) as TAnalyticsValues;

function dash(over: Partial<TAnalyticsDashboard> = {}): TAnalyticsDashboard {
  return {
    from: '2026-09-01', to: '2026-11-30', progress: { figuresTo: '2026-11-30', inProgress: false, note: null }, sites: [{ id: 's1', name: 'Oak' }],
    aggregateOnly: false, source: 'rollup', asOf: '2026-12-01T00:00:00.000Z', pupilDays: 1000, schoolDays: 60, totals: vals(10, 20),
    perSchoolDay: { pos: null, neg: null, neu: null, inc: null, inv: null, pi: null }, granularity: 'month',
    series: [{ bucket: '2026-09-01', pupilDays: 300, schoolDays: 20, values: vals(3) }, { bucket: '2026-10-01', pupilDays: 300, schoolDays: 20, values: vals(7) }],
    byCategory: [{ key: 'DISR', label: 'Disruption', polarity: 'negative', values: vals(2) }, { key: 'RUDE', label: 'Rudeness', polarity: 'negative', values: vals(8) }, { key: 'NONE', label: 'Nothing', polarity: 'negative', values: vals(0) }],
    byLocation: [], byPeriod: [{ key: 'P2', label: 'Period 2', values: vals(1) }, { key: 'P1', label: 'Period 1', values: vals(9) }],
    heatmap: [
      { weekday: 1, period: 'P2', values: vals(1) }, { weekday: 1, period: 'P1', values: vals(4) }, { weekday: 1, period: '', values: vals(2) },
      { weekday: 6, period: 'P1', values: vals(5) }, { weekday: 3, period: 'XTRA', values: vals(1) },
    ],
    byStaff: [], byPupil: [], byYearGroup: [],
    bySite: [{ key: 's1', label: 'Oak', pupilDays: 500, values: { ...vals(4), neg: fig(4, 0.8) } }, { key: 's2', label: 'Elm', pupilDays: 500, values: { ...vals(6), neg: fig(6, 1.2) } }],
    timetable: [{ code: 'REG', label: 'Registration' }, { code: 'P1', label: 'Period 1' }, { code: 'P2', label: 'Period 2' }],
    schoolWeekdays: [1, 2, 3, 4, 5],
    previous: { from: '2025-09-01', to: '2025-11-30', pupilDays: 900, schoolDays: 60, totals: vals(5), series: [{ bucket: '2025-09-01', pupilDays: 300, schoolDays: 20, values: vals(1) }] },
    ...over,
  };
}

describe('previousPeriod', () => {
  it('compares a range over 92 days with the same dates a year before', () => {
    expect(previousPeriod('2026-09-01', '2027-08-31')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(previousPeriod('2027-09-01', '2028-02-29')).toEqual({ from: '2026-09-01', to: '2027-02-28' });
  });
  it('compares a shorter range with as many days just before it', () => {
    expect(previousPeriod('2026-11-30', '2026-12-06')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });
});

describe('heatmap', () => {
  it('puts the periods in timetable order, codes outside the timetable after them and "outside lessons" last', () => {
    expect(heatmapPeriods(dash()).map((p) => p.code)).toEqual(['REG', 'P1', 'P2', 'XTRA', '']);
  });
  it('shows school weekdays only, Monday first, and drills down with labels', () => {
    const c = heatmapChart(dash({ schoolWeekdays: [3, 1, 2, 4, 5] }), 'neg');
    expect(c.table.rows.map((r) => r.label)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']);
    expect(c.table.columns).toEqual(['Day', 'Registration', 'Period 1', 'Period 2', 'XTRA', 'Outside lessons']);
    expect(c.table.rows[0]!.cells.map((x) => x.text)).toEqual(['0', '4', '1', '0', '2']);
    expect(c.table.rows[0]!.cells[1]!.drill).toEqual({ measure: 'neg', dim: 'wp', key: '1:P1', title: 'Monday, Period 1, negative behaviour points' });
    expect(JSON.stringify(c.option)).not.toContain('Saturday');
  });
});

describe('overTimeChart', () => {
  it('sets each bucket against the previous period bucket by bucket, months as "Sep 2026"', () => {
    const c = overTimeChart(dash(), 'neg');
    expect(c.table.rows.map((r) => [r.label, ...r.cells.map((x) => x.text)])).toEqual([['Sep 2026', '3', '1', 'Sep 2025'], ['Oct 2026', '7', '–', '–']]);
    const series = c.option.series as { name: string; data: unknown[] }[];
    expect(series.map((s) => s.name)).toEqual(['This period', 'Previous period']);
    expect(series[1]!.data).toEqual([1, null]);
    expect(c.description).toContain('01/09/2025 to 30/11/2025');
    expect(c.table.rows[1]!.cells[0]!.drill).toMatchObject({ bucket: '2026-10-01', title: 'Oct 2026, negative behaviour points' });
  });
  it('writes days and weeks as dd/mm/yyyy and draws no previous line without one', () => {
    const c = overTimeChart(dash({ granularity: 'week', previous: null }), 'neg');
    expect(c.table.rows[0]!.label).toBe('01/09/2026');
    expect((c.option.series as unknown[]).length).toBe(1);
  });
});

describe('categoryChart and sitesChart', () => {
  it('lists categories with records, most first, by label', () => {
    const c = categoryChart(dash(), 'neg');
    expect(c.table.rows.map((r) => r.label)).toEqual(['Rudeness', 'Disruption']);
    expect(c.table.rows[0]!.cells[0]!.drill).toEqual({ measure: 'neg', dim: 'cat', key: 'RUDE', title: 'Rudeness, negative behaviour points' });
  });
  it('sets sites side by side on their rates, each opening its own records', () => {
    const c = sitesChart(dash());
    expect(c.table.rows.map((r) => r.label)).toEqual(['Oak', 'Elm']);
    expect(c.table.rows[1]!.cells[0]!.drill).toMatchObject({ siteId: 's2', dim: 'all' });
    expect(dashboardCharts(dash(), 'neg').map((x) => x.id)).toEqual(['over-time', 'by-category', 'heatmap', 'sites']);
    expect(dashboardCharts(dash({ bySite: [] }), 'neg').map((x) => x.id)).not.toContain('sites');
  });
  it('never draws a suppressed count as a number', () => {
    const sup: TFigure = { count: null, suppressed: true, rate: null, rateNote: 'withheld' };
    const c = categoryChart(dash({ byCategory: [{ key: 'A', label: 'Alpha', polarity: null, values: { ...vals(0), neg: sup } }] }), 'neg');
    expect(c.table.rows[0]!.cells[0]).toEqual({ text: 'fewer than 5' });
  });
});

describe('the options as data', () => {
  it('hold no functions, so the web app can copy them to the worker that draws them', () => {
    for (const spec of dashboardCharts(dash(), 'neg')) {
      expect(() => structuredClone(spec.option), spec.id).not.toThrow();
      expect(JSON.parse(JSON.stringify(spec.option))).toEqual(spec.option);
    }
  });
  it('write each site\'s rate on its bar to two places, and nothing on a bar with no rate', () => {
    const series = sitesChart(dash()).option.series as { data: { value: number | null; label: { formatter?: string; show?: boolean } }[] }[];
    expect(series[0]!.data.map((x) => x.label)).toEqual([{ formatter: '0.80' }, { formatter: '1.20' }]);
    expect(series[1]!.data[0]).toMatchObject({ value: null, label: { show: false } });
  });
});

describe('chartTooltip', () => {
  it('names a heatmap cell by its day and period', () => {
    const c = heatmapChart(dash(), 'neg');
    // Monday is the first row; Period 1 the second column
    expect(chartTooltip(c.option, 0, 1)).toEqual(['Monday, Period 1: 4']);
  });
  it('gives the category and every series at it, for a bar or a point of the line', () => {
    const c = overTimeChart(dash(), 'neg');
    expect(chartTooltip(c.option, 0, 0)).toEqual(['Sep 2026', 'This period: 3', 'Previous period: 1']);
    expect(chartTooltip(c.option, 1, 1)).toEqual(['Oct 2026', 'This period: 7', 'Previous period: –']);
    expect(chartTooltip(categoryChart(dash(), 'neg').option, 0, 0)).toEqual(['Rudeness', 'Negative behaviour points: 8']);
    expect(chartTooltip(sitesChart(dash()).option, 0, 1)?.[1]).toBe('Negative behaviour points per 100 pupils per school day: 1.20');
  });
  it('is null for a point the chart does not have', () => {
    expect(chartTooltip(overTimeChart(dash(), 'neg').option, 0, 9)).toBeNull();
    expect(chartTooltip(overTimeChart(dash(), 'neg').option, 5, 0)).toBeNull();
  });
});

describe('kpiChange', () => {
  it('gives the change on the rate with an arrow and words', () => {
    expect(kpiChange(fig(12, 1.2), fig(10, 1.0))).toMatchObject({ direction: 'up', arrow: '↑', percent: 20 });
    expect(kpiChange(fig(5, 0.5), fig(10, 1.0)).text).toBe('Down 50% on the previous period (rate per 100 pupils per school day)');
    expect(kpiChange(fig(5), fig(5)).direction).toBe('same');
    expect(kpiChange(fig(3), fig(0)).text).toBe('Up from none in the previous period');
    expect(kpiChange(fig(3), undefined).direction).toBeNull();
    expect(kpiChange({ count: null, suppressed: true, rate: null, rateNote: 'withheld' }, fig(9)).text).toContain('withheld');
  });
});
