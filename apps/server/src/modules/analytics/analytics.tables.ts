/**
 * The behaviour dashboard's tables as files (ANA-7, `?format=&table=`): built from the presented dashboard, so a file
 * holds the same figures as the screen, suppressed alike. Each measure gives two columns: its count ("fewer than 5"
 * when suppressed) and its rate per 100 pupils per school day ("withheld" when built on a suppressed count).
 */
import { ANALYTICS_MEASURES, ANALYTICS_MEASURE_LABELS, type TAnalyticsDashboard, type TAnalyticsTable, type TAnalyticsValues, type TExportColumn } from '@haven/contracts';
import { countCell, rateCell, type FigureCell } from '../../core/export/figures.ts';
import { weekdayName } from './analytics.presenter.ts';

type Row = Record<string, FigureCell>;
export interface DashboardTable { title: string; columns: TExportColumn[]; rows: Row[] }

const text = (key: string, header: string): TExportColumn => ({ key, header, type: 'text' });
const num = (key: string, header: string): TExportColumn => ({ key, header, type: 'number' });

/** Count and rate columns for every measure, in the contract's order. */
export const MEASURE_COLUMNS: TExportColumn[] = ANALYTICS_MEASURES.flatMap((m) => [
  num(m, ANALYTICS_MEASURE_LABELS[m]), num(`${m}Rate`, `${ANALYTICS_MEASURE_LABELS[m]} per 100 pupils per school day`),
]);

export function measureCells(v: TAnalyticsValues): Row {
  const out: Row = {};
  for (const m of ANALYTICS_MEASURES) {
    out[m] = countCell(v[m]);
    out[`${m}Rate`] = rateCell(v[m].rate, v[m].rateNote);
  }
  return out;
}

const BUCKET_HEADER = { day: 'Day', week: 'Week beginning', month: 'Month beginning' } as const;

export function dashboardTable(d: TAnalyticsDashboard, table: TAnalyticsTable): DashboardTable {
  const plain = (title: string, lead: TExportColumn[], rows: Row[]): DashboardTable => ({ title, columns: [...lead, ...MEASURE_COLUMNS], rows });
  const periodLabel = (code: string) => d.byPeriod.find((p) => p.key === code)?.label ?? (code || 'Outside lessons');
  switch (table) {
    case 'series':
      return plain('Behaviour over time', [{ key: 'bucket', header: BUCKET_HEADER[d.granularity], type: 'date' }, num('schoolDays', 'School days'), num('pupilDays', 'Pupil-days')],
        d.series.map((s) => ({ bucket: s.bucket, schoolDays: s.schoolDays, pupilDays: s.pupilDays, ...measureCells(s.values) })));
    case 'categories':
      return plain('Behaviour by category', [text('code', 'Code'), text('label', 'Category'), text('polarity', 'Polarity')],
        d.byCategory.map((r) => ({ code: r.key, label: r.label, polarity: r.polarity, ...measureCells(r.values) })));
    case 'locations':
      return plain('Behaviour by location', [text('code', 'Code'), text('label', 'Location')], d.byLocation.map((r) => ({ code: r.key, label: r.label, ...measureCells(r.values) })));
    case 'periods':
      return plain('Behaviour by period', [text('code', 'Code'), text('label', 'Period')], d.byPeriod.map((r) => ({ code: r.key, label: r.label, ...measureCells(r.values) })));
    case 'heatmap':
      return plain('Behaviour by weekday and period', [text('weekday', 'Weekday'), text('code', 'Period code'), text('label', 'Period')],
        d.heatmap.map((h) => ({ weekday: weekdayName(h.weekday), code: h.period, label: periodLabel(h.period), ...measureCells(h.values) })));
    case 'staff':
      return plain('Behaviour by who recorded', [text('label', 'Member of staff (recorded by)')], (d.byStaff ?? []).map((r) => ({ label: r.label, ...measureCells(r.values) })));
    case 'pupils':
      return plain('Pupils: most negative behaviour', [text('label', 'Pupil'), num('yearGroup', 'Year group')],
        (d.byPupil ?? []).map((r) => ({ label: r.label, yearGroup: r.yearGroup, ...measureCells(r.values) })));
    case 'yearGroups':
      return plain('Behaviour by year group', [text('label', 'Year group'), num('pupilDays', 'Pupil-days')],
        d.byYearGroup.map((r) => ({ label: r.label, pupilDays: r.pupilDays, ...measureCells(r.values) })));
    case 'sites':
      return plain('Behaviour by site', [text('label', 'Site'), num('pupilDays', 'Pupil-days')], d.bySite.map((r) => ({ label: r.label, pupilDays: r.pupilDays, ...measureCells(r.values) })));
  }
}
