/**
 * The dashboard's charts as Apache ECharts options, built once here and drawn by both the web app (echarts/core,
 * loaded only on the dashboard) and the server (ECharts' SVG renderer, into the governors' and weekly PDFs), so a
 * chart on screen and in a PDF is the same chart. Each chart comes with its data table (for screen readers and the
 * PDF reader who prints in black and white) and, on every data point with records behind it, the drill-down cell the
 * web app opens (labels, never codes). Pure: no ECharts import at run time, only its option types.
 */
import type { EChartsOption } from 'echarts';
import { ANALYTICS_MEASURE_LABELS, type TAnalyticsDim, type TAnalyticsMeasure } from './analytics-codes.ts';
import type { TAnalyticsDashboard, TFigure } from './analytics.ts';
import { compareText, groupDigits } from './locale.ts';

/** What a click on a data point opens: the records behind it (the web app's drill-down). */
export interface ChartDrill { measure: TAnalyticsMeasure; dim: TAnalyticsDim; key: string; bucket?: string; siteId?: string; title: string }
export interface ChartCell { text: string; drill?: ChartDrill }
export interface ChartTable { caption: string; columns: string[]; rows: { label: string; cells: ChartCell[] }[] }
export interface ChartSpec { id: 'over-time' | 'by-category' | 'heatmap' | 'sites'; title: string; description: string; height: number; option: EChartsOption; table: ChartTable }

/**
 * Colours that keep 3:1 against white (WCAG 1.4.11) and stay apart for the common colour-vision deficiencies
 * (Okabe–Ito blue and vermilion); the previous period is also dashed, so no series is told apart by colour alone.
 */
export const CHART_COLOURS = { neg: '#C4420A', pos: '#0066A1', inc: '#6B3FA0', inv: '#6B3FA0', pi: '#8A5A00', neu: '#4D4D4D', previous: '#4D4D4D' } as const;
const HEAT = ['#FFF5EB', '#FDAE6B', '#E6550D'];
const FONT = 'Roboto, Arial, sans-serif';
const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** dd/mm/yyyy of an ISO date. */
export const chartDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);

/**
 * The period the dashboard compares with: for a range longer than 92 days (a term and more, e.g. the academic year so
 * far) the same dates a year before, so the seasons of the school year line up; for a shorter range (a week, a
 * half-term) as many days just before it.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = daysBetween(from, to) + 1;
  if (days > 92) {
    const back = (iso: string) => {
      const y = Number(iso.slice(0, 4)) - 1;
      const md = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
      return `${y}-${md}`;
    };
    return { from: back(from), to: back(to) };
  }
  return { from: addDaysIso(from, -days), to: addDaysIso(from, -1) };
}

/** A time bucket's label: "Sep 2026" for a month, else the date (a week by its Monday). */
export function bucketLabel(bucket: string, granularity: TAnalyticsDashboard['granularity']): string {
  return granularity === 'month' ? `${MONTHS[Number(bucket.slice(5, 7)) - 1]} ${bucket.slice(0, 4)}` : chartDate(bucket);
}

export const figureText = (f: TFigure | undefined): string => (!f ? '0' : f.suppressed ? 'fewer than 5' : groupDigits(f.count ?? 0));
const rateOf = (f: TFigure | undefined): string => (!f ? 'n/a' : f.rateNote === 'withheld' ? 'withheld' : f.rate === null ? 'n/a' : f.rate.toFixed(2));
const lower = (m: TAnalyticsMeasure) => ANALYTICS_MEASURE_LABELS[m].toLowerCase();

/** The change of a figure against the previous period, for a KPI tile: on the rate where both have one, else the count. */
export interface KpiChange { direction: 'up' | 'down' | 'same' | null; arrow: string; percent: number | null; text: string }
export function kpiChange(current: TFigure, previous: TFigure | undefined): KpiChange {
  if (!previous) return { direction: null, arrow: '', percent: null, text: 'No previous period to compare with' };
  if (current.suppressed || previous.suppressed || current.rateNote === 'withheld' || previous.rateNote === 'withheld') {
    return { direction: null, arrow: '', percent: null, text: 'Change withheld (small numbers)' };
  }
  const useRate = current.rate !== null && previous.rate !== null;
  const now = useRate ? current.rate! : (current.count ?? 0);
  const before = useRate ? previous.rate! : (previous.count ?? 0);
  if (now === before) return { direction: 'same', arrow: '→', percent: 0, text: 'No change on the previous period' };
  const direction = now > before ? 'up' : 'down';
  const word = direction === 'up' ? 'Up' : 'Down';
  if (before === 0) return { direction, arrow: direction === 'up' ? '↑' : '↓', percent: null, text: `${word} from none in the previous period` };
  const percent = Math.round((Math.abs(now - before) / before) * 100);
  return { direction, arrow: direction === 'up' ? '↑' : '↓', percent, text: `${word} ${percent}% on the previous period${useRate ? ' (rate per 100 pupils per school day)' : ''}` };
}

const base = (): EChartsOption => ({
  animation: false, aria: { enabled: true }, textStyle: { fontFamily: FONT, color: '#1A1A1A' },
  tooltip: { confine: true }, legend: { bottom: 0, textStyle: { color: '#1A1A1A' } },
});

/** Over time: the measure per bucket (columns) against the previous period's bucket in the same position (dashed line). */
export function overTimeChart(d: TAnalyticsDashboard, measure: TAnalyticsMeasure): ChartSpec {
  const labels = d.series.map((s) => bucketLabel(s.bucket, d.granularity));
  const prev = d.previous?.series ?? [];
  const title = `${ANALYTICS_MEASURE_LABELS[measure]} over time`;
  const drill = (i: number): ChartDrill => ({ measure, dim: 'all', key: '', bucket: d.series[i]!.bucket, title: `${labels[i]}, ${lower(measure)}` });
  const option: EChartsOption = {
    ...base(), tooltip: { trigger: 'axis', confine: true },
    grid: { left: 8, right: 16, top: 16, bottom: 48, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: labels, axisLabel: { color: '#1A1A1A', rotate: labels.length > 6 ? 40 : 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#1A1A1A' } },
    series: [
      { type: 'bar', name: 'This period', itemStyle: { color: CHART_COLOURS[measure] },
        data: d.series.map((s, i) => ({ value: s.values[measure]?.count ?? null, ...(s.values[measure]?.count ? { drill: drill(i) } : {}) })) },
      ...(d.previous ? [{ type: 'line' as const, name: 'Previous period', symbol: 'circle', symbolSize: 6,
        itemStyle: { color: CHART_COLOURS.previous }, lineStyle: { type: 'dashed' as const, width: 2, color: CHART_COLOURS.previous },
        data: d.series.map((_, i) => prev[i]?.values[measure]?.count ?? null) }] : []),
    ],
  };
  const unit = d.granularity === 'week' ? 'Week beginning' : d.granularity === 'month' ? 'Month' : 'School day';
  return {
    id: 'over-time', title, height: 300, option,
    description: d.previous
      ? `Columns: this period; dashed line: the previous period (${chartDate(d.previous.from)} to ${chartDate(d.previous.to)}), bucket by bucket.`
      : 'Columns: this period.',
    table: {
      caption: `${title}, per ${d.granularity === 'day' ? 'school day' : d.granularity}, with the previous period`,
      columns: [unit, 'This period', 'Previous period', 'Previous period from'],
      rows: d.series.map((s, i) => ({ label: labels[i]!, cells: [
        { text: figureText(s.values[measure]), ...(s.values[measure]?.count ? { drill: drill(i) } : {}) },
        { text: prev[i] ? figureText(prev[i]!.values[measure]) : '–' },
        { text: prev[i] ? bucketLabel(prev[i]!.bucket, d.granularity) : '–' },
      ] })),
    },
  };
}

/** By category: the categories with records of the measure, most first (at most 12 drawn; the table lists all). */
export function categoryChart(d: TAnalyticsDashboard, measure: TAnalyticsMeasure): ChartSpec {
  const rows = d.byCategory.filter((r) => (r.values[measure]?.count ?? 0) > 0 || r.values[measure]?.suppressed)
    .sort((a, b) => (b.values[measure]?.count ?? 0) - (a.values[measure]?.count ?? 0) || compareText(a.label, b.label));
  const drawn = rows.slice(0, 12);
  const title = `${ANALYTICS_MEASURE_LABELS[measure]} by category`;
  const drill = (r: (typeof rows)[number]): ChartDrill => ({ measure, dim: 'cat', key: r.key, title: `${r.label}, ${lower(measure)}` });
  return {
    id: 'by-category', title, height: Math.max(160, 60 + drawn.length * 28),
    description: rows.length > drawn.length ? `The 12 categories with most; the table lists all ${rows.length}.` : 'Each category with records in the period.',
    option: {
      ...base(), legend: { show: false }, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      grid: { left: 8, right: 40, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      // each bar has its number beside it, so the scale needs only a few marks: more ran together on a phone's narrow plot
      xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { color: '#1A1A1A' } },
      yAxis: { type: 'category', inverse: true, data: drawn.map((r) => r.label), axisLabel: { color: '#1A1A1A', width: 160, overflow: 'truncate' } },
      series: [{ type: 'bar', name: ANALYTICS_MEASURE_LABELS[measure], itemStyle: { color: CHART_COLOURS[measure] },
        label: { show: true, position: 'right', color: '#1A1A1A' },
        data: drawn.map((r) => ({ value: r.values[measure]?.count ?? null, ...(r.values[measure]?.count ? { drill: drill(r) } : {}) })) }],
    },
    table: {
      caption: `${title}: an incident counts under each of its categories`, columns: ['Category', ANALYTICS_MEASURE_LABELS[measure]],
      rows: rows.map((r) => ({ label: r.label, cells: [{ text: figureText(r.values[measure]), ...(r.values[measure]?.count ? { drill: drill(r) } : {}) }] })),
    },
  };
}

/**
 * The periods of the heatmap in timetable order: the trust's periods (d.timetable), then any other code with records,
 * then "outside lessons" last.
 */
export function heatmapPeriods(d: Pick<TAnalyticsDashboard, 'timetable' | 'heatmap' | 'byPeriod'>): { code: string; label: string }[] {
  const seen = new Set(d.heatmap.map((h) => h.period));
  const known = new Set(d.timetable.map((p) => p.code));
  const others = [...seen].filter((c) => c !== '' && !known.has(c)).sort()
    .map((code) => ({ code, label: d.byPeriod.find((p) => p.key === code)?.label ?? code }));
  return [...d.timetable, ...others, ...(seen.has('') ? [{ code: '', label: 'Outside lessons' }] : [])];
}

/** Weekday × period: school weekdays only (Monday at the top), periods in timetable order, each cell's count written in it. */
export function heatmapChart(d: TAnalyticsDashboard, measure: TAnalyticsMeasure): ChartSpec {
  const periods = heatmapPeriods(d);
  const days = [...d.schoolWeekdays].sort((a, b) => a - b);
  const title = `${ANALYTICS_MEASURE_LABELS[measure]} by weekday and period`;
  const cellOf = (w: number, p: string) => d.heatmap.find((h) => h.weekday === w && h.period === p)?.values[measure];
  const drill = (w: number, p: { code: string; label: string }): ChartDrill => ({ measure, dim: 'wp', key: `${w}:${p.code}`, title: `${WEEKDAY_NAMES[w]}, ${p.label}, ${lower(measure)}` });
  const data = days.flatMap((w, y) => periods.map((p, x) => {
    const f = cellOf(w, p.code);
    return { value: [x, y, f ? (f.count ?? null) : 0] as [number, number, number | null], ...(f?.count ? { drill: drill(w, p) } : {}) };
  }));
  const max = Math.max(1, ...data.map((c) => c.value[2] ?? 0));
  return {
    id: 'heatmap', title, height: 80 + days.length * 44,
    description: 'School days only; periods in timetable order. Darker cells have more; each cell shows its number.',
    option: {
      ...base(), legend: { show: false },
      grid: { left: 8, right: 8, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: periods.map((p) => p.label), position: 'top', splitArea: { show: true }, axisLabel: { color: '#1A1A1A', interval: 0, rotate: periods.length > 6 ? 30 : 0 } },
      yAxis: { type: 'category', inverse: true, data: days.map((w) => WEEKDAY_NAMES[w]!), splitArea: { show: true }, axisLabel: { color: '#1A1A1A' } },
      visualMap: { show: false, min: 0, max, inRange: { color: HEAT } },
      series: [{ type: 'heatmap', name: ANALYTICS_MEASURE_LABELS[measure], label: { show: true, color: '#1A1A1A' }, itemStyle: { borderColor: '#FFFFFF', borderWidth: 1 }, data }],
    },
    table: {
      caption: `${title} (school days only; periods in timetable order)`, columns: ['Day', ...periods.map((p) => p.label)],
      rows: days.map((w) => ({ label: WEEKDAY_NAMES[w]!, cells: periods.map((p) => {
        const f = cellOf(w, p.code);
        return { text: figureText(f), ...(f?.count ? { drill: drill(w, p) } : {}) };
      }) })),
    },
  };
}

/** Sites side by side: negative and positive per 100 pupils per school day (sites differ in size), each site's records on a click. */
export function sitesChart(d: TAnalyticsDashboard, measures: readonly TAnalyticsMeasure[] = ['neg', 'pos']): ChartSpec {
  const title = 'Sites side by side';
  const drill = (s: TAnalyticsDashboard['bySite'][number], m: TAnalyticsMeasure): ChartDrill => ({ measure: m, dim: 'all', key: '', siteId: s.key, title: `${s.label}, ${lower(m)}` });
  return {
    id: 'sites', title, height: Math.max(200, 80 + d.bySite.length * 48),
    description: 'Per 100 pupils per school day, so that sites of different sizes compare fairly.',
    option: {
      ...base(), tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      grid: { left: 8, right: 48, top: 8, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', axisLabel: { color: '#1A1A1A' } },
      yAxis: { type: 'category', inverse: true, data: d.bySite.map((s) => s.label), axisLabel: { color: '#1A1A1A', width: 140, overflow: 'truncate' } },
      series: measures.map((m) => ({
        type: 'bar' as const, name: `${ANALYTICS_MEASURE_LABELS[m]} per 100 pupils per school day`, itemStyle: { color: CHART_COLOURS[m] },
        label: { show: true, position: 'right' as const, color: '#1A1A1A' },
        // each bar's label is its own rate to two places, written here (an option holds no functions: it is copied to
        // the worker that draws it)
        data: d.bySite.map((s) => {
          const rate = s.values[m]?.rate ?? null;
          return { value: rate, label: rate === null ? { show: false } : { formatter: rate.toFixed(2) }, ...(s.values[m]?.count ? { drill: drill(s, m) } : {}) };
        }),
      })),
    },
    table: {
      caption: `${title}: counts, and rates per 100 pupils per school day`, columns: ['Site', ...measures.flatMap((m) => [ANALYTICS_MEASURE_LABELS[m], `${ANALYTICS_MEASURE_LABELS[m]} per 100 pupils per school day`])],
      rows: d.bySite.map((s) => ({ label: s.label, cells: measures.flatMap((m) => [
        { text: figureText(s.values[m]), ...(s.values[m]?.count ? { drill: drill(s, m) } : {}) }, { text: rateOf(s.values[m]) },
      ]) })),
    },
  };
}

type LooseAxis = { type?: string; data?: string[] } | undefined;
type LooseSeries = { type?: string; name?: string; data?: unknown[] };
const valueOf = (item: unknown): unknown => (item !== null && typeof item === 'object' && 'value' in item ? item.value : item);
const numberText = (v: unknown): string => (typeof v !== 'number' ? '–' : Number.isInteger(v) ? groupDigits(v) : v.toFixed(2));

/**
 * What a chart's tooltip says for the data point at (series, index) of one of these options, line by line: the
 * heatmap's cell ("Monday, Period 2: 4"), else the category's name and every series' value at it (an axis tooltip).
 * The web app shows it over a chart drawn as a picture, where ECharts' own tooltip is not running. Null for a point
 * the option does not have.
 */
export function chartTooltip(option: EChartsOption, seriesIndex: number, dataIndex: number): string[] | null {
  const series = (Array.isArray(option.series) ? option.series : [option.series]) as LooseSeries[];
  const x = option.xAxis as LooseAxis;
  const y = option.yAxis as LooseAxis;
  const hit = series[seriesIndex];
  if (!hit?.data || dataIndex < 0 || dataIndex >= hit.data.length) return null;
  if (hit.type === 'heatmap') {
    const [xi, yi, v] = valueOf(hit.data[dataIndex]) as [number, number, number | null];
    return [`${y?.data?.[yi] ?? ''}, ${x?.data?.[xi] ?? ''}: ${numberText(v)}`];
  }
  const categories = x?.type === 'category' ? x.data : y?.data;
  return [categories?.[dataIndex] ?? '', ...series.map((s) => `${s.name ?? ''}: ${numberText(valueOf(s.data?.[dataIndex]))}`)];
}

/** What the governors' and weekly PDFs chart: incidents (every chart of the dashboard, for that measure). */
export const REPORT_CHART_MEASURE: TAnalyticsMeasure = 'inc';

/** The dashboard's charts for a measure, in the order a page or PDF shows them (sites only when there are several). */
export function dashboardCharts(d: TAnalyticsDashboard, measure: TAnalyticsMeasure): ChartSpec[] {
  return [overTimeChart(d, measure), categoryChart(d, measure), heatmapChart(d, measure), ...(d.bySite.length > 1 ? [sitesChart(d)] : [])];
}
