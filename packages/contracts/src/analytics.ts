/**
 * Analytics (ANA-1, ANA-2, ANA-3, ANA-5, ANA-6). Every count comes as a Figure: a governor (aggregate-only viewer)
 * sees 1–4 as "fewer than 5" (count null, suppressed) and any rate built on such a count withheld (SPEC §9).
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZIsoDateTime, ZSiteIdList } from './common.ts';
import { ZExportFormat } from './export.ts';
import { ANALYTICS_MEASURES, ANALYTICS_DIMS } from './analytics-codes.ts';

export const ZAnalyticsMeasure = z.enum(ANALYTICS_MEASURES);

export const ZAnalyticsDim = z.enum(ANALYTICS_DIMS);

/** A pupil group: one of PUPIL_GROUP_KEYS, or sex:M|F, or ethnicity:<census code>, or year:<NC year>. */
export const ZPupilGroupKey = z.string().trim().regex(/^(sen_support|ehcp|sen_any|pupil_premium|fsm|looked_after|eal|sex:[A-Z]|ethnicity:[A-Z]{4}|year:-?\d{1,2})$/, 'Not a pupil group');

const uuidList = ZSiteIdList;

export const ZAnalyticsQuery = z.strictObject({
  from: ZIsoDate.optional().describe('First date (default: the start of the current academic year, or of the term)'),
  to: ZIsoDate.optional().describe('Last date (default: today, or the end of the term)'),
  termId: ZId.optional().describe('A half-term: its dates, unless from/to are given'),
  siteIds: uuidList.optional().describe('Comma-separated site ids (default: every site you may see)'),
  yearGroup: z.coerce.number().int().min(-1).max(14).optional(),
  categoryCode: z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_-]+$/, 'Not a category code').optional(),
  pupilGroup: ZPupilGroupKey.optional(),
  granularity: z.enum(['day', 'week', 'month']).default('month'),
});
export type TAnalyticsQuery = z.infer<typeof ZAnalyticsQuery>;

/** The dashboard's tables, each downloadable as a file (ANA-7). staff and pupils name people: behaviour.read only. */
export const ANALYTICS_TABLES = ['series', 'categories', 'locations', 'periods', 'heatmap', 'staff', 'pupils', 'yearGroups', 'sites'] as const;
export type TAnalyticsTable = typeof ANALYTICS_TABLES[number];
export const ZAnalyticsDashboardQuery = ZAnalyticsQuery.extend({
  format: ZExportFormat.optional(),
  table: z.enum(ANALYTICS_TABLES).default('series')
    .describe('With format: which table to download — over time, by category, location, period, weekday × period, staff, pupil, year group or site (staff and pupils: callers with behaviour.read at every chosen site)'),
});
export type TAnalyticsDashboardQuery = z.infer<typeof ZAnalyticsDashboardQuery>;

export const ZFigure = z.object({
  count: z.number().int().nullable().describe('null when suppressed'),
  suppressed: z.boolean().describe('A count from 1 to 4 shown as "fewer than 5"'),
  rate: z.number().nullable().describe('Per 100 pupils per school day (or as the figure says); null with rateNote'),
  rateNote: z.enum(['n/a', 'withheld']).nullable(),
});
export type TFigure = z.infer<typeof ZFigure>;

const ZValues = z.record(ZAnalyticsMeasure, ZFigure);
export type TAnalyticsValues = z.infer<typeof ZValues>;

/**
 * SPEC §9: a period that runs past today counts only the school days so far. Every dashboard and report says how far
 * its figures run; `from` and `to` stay the period asked for.
 */
export const ZFiguresProgress = z.object({
  figuresTo: ZIsoDate.describe('The last date counted: the end of the period, or today (Europe/London) while it is in progress (the day before it starts when it has not started)'),
  inProgress: z.boolean().describe('The period runs past today: counts and pupil-days run to today only'),
  note: z.string().nullable().describe('What the screen and the files say, e.g. "Term in progress: figures to 18/11/2026."; null for a finished period'),
});
export type TFiguresProgress = z.infer<typeof ZFiguresProgress>;

export const ZAnalyticsRow = z.object({ key: z.string(), label: z.string(), values: ZValues });
export type TAnalyticsRow = z.infer<typeof ZAnalyticsRow>;

export const ZAnalyticsDashboard = z.object({
  from: ZIsoDate, to: ZIsoDate, progress: ZFiguresProgress,
  sites: z.array(z.object({ id: ZId, name: z.string() })),
  aggregateOnly: z.boolean().describe('Suppressed figures, no names, no drill-down (governors)'),
  source: z.enum(['rollup', 'records']).describe('Served from the exact pre-aggregation, or (with pupil or category filters) from the records'),
  asOf: ZIsoDateTime.describe('Every record saved before this moment is counted (the pre-aggregation is kept current in the background, usually within seconds)'),
  pupilDays: z.number().int(), schoolDays: z.number().int(),
  totals: ZValues,
  perSchoolDay: z.record(ZAnalyticsMeasure, z.number().nullable()),
  granularity: z.enum(['day', 'week', 'month']),
  series: z.array(z.object({ bucket: ZIsoDate, pupilDays: z.number().int(), schoolDays: z.number().int(), values: ZValues })),
  byCategory: z.array(ZAnalyticsRow.extend({ polarity: z.string().nullable() })),
  byLocation: z.array(ZAnalyticsRow),
  byPeriod: z.array(ZAnalyticsRow),
  heatmap: z.array(z.object({ weekday: z.number().int(), period: z.string(), values: ZValues })),
  byStaff: z.array(ZAnalyticsRow).nullable().describe('The 50 members of staff who recorded most (then by id); null for aggregate-only viewers'),
  byPupil: z.array(ZAnalyticsRow.extend({ yearGroup: z.number().int() })).nullable().describe('The 50 pupils with most negative events and involvements; null for aggregate-only viewers'),
  byYearGroup: z.array(ZAnalyticsRow.extend({ pupilDays: z.number().int() })),
  bySite: z.array(ZAnalyticsRow.extend({ pupilDays: z.number().int() })),
  timetable: z.array(z.object({ code: z.string(), label: z.string() })).describe("The trust's lesson periods in timetable order (start time, then the order set in the policy)"),
  schoolWeekdays: z.array(z.number().int().min(1).max(7)).describe('ISO weekdays (1 = Monday) that are a school day at one or more of the sites in the range'),
  previous: z.object({
    from: ZIsoDate, to: ZIsoDate, pupilDays: z.number().int(), schoolDays: z.number().int(), totals: ZValues,
    series: z.array(z.object({ bucket: ZIsoDate, pupilDays: z.number().int(), schoolDays: z.number().int(), values: ZValues })),
  }).nullable().describe('The previous period (charts/previousPeriod: the same dates a year before for a range over 92 days, else as many days just before), with the same filters'),
});
export type TAnalyticsDashboard = z.infer<typeof ZAnalyticsDashboard>;

export const ZDrillDownQuery = ZAnalyticsQuery.omit({ granularity: true }).extend({
  measure: ZAnalyticsMeasure,
  dim: ZAnalyticsDim.default('all'),
  key: z.string().max(200).default('').describe('The cell: category or location code, "weekday:period", staff user id or pupil id'),
  bucket: ZIsoDate.optional().describe('A time-series bucket (with granularity) to narrow to'),
  granularity: z.enum(['day', 'week', 'month']).default('month'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TDrillDownQuery = z.infer<typeof ZDrillDownQuery>;

export const ZDrillDownItem = z.object({
  recordType: z.enum(['event', 'incident']),
  recordId: ZId,
  occurredAt: ZIsoDateTime.nullable(),
  occurredOn: ZIsoDate,
  siteId: ZId, siteName: z.string(),
  pupil: z.object({ id: ZId, name: z.string() }).nullable(),
  categoryCodes: z.array(z.string()),
  locationCode: z.string().nullable(),
  period: z.string().nullable(),
  categories: z.array(z.string()).describe("The categories' names (the school's words), in the order of categoryCodes"),
  location: z.string().nullable().describe("The location's name"),
  periodLabel: z.string().nullable().describe("The lesson period's name"),
  recordedBy: z.string().nullable(),
  link: z.string().describe('Where the record is shown in the app'),
});
export const ZDrillDown = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(ZDrillDownItem) });
export type TDrillDown = z.infer<typeof ZDrillDown>;

export const ZGroupsQuery = ZAnalyticsQuery.omit({ granularity: true, pupilGroup: true }).extend({
  measure: z.enum(['inc', 'inv', 'pi', 'neg', 'pos']).default('inv').describe('inc counts incidents a pupil of the group was involved in'),
});
export const ZGroupRow = z.object({
  group: z.string(), label: z.string(),
  pupils: ZFigure.describe('Pupils of the group on roll in the period, or with a record in it'),
  pupilDays: z.number().int(),
  count: ZFigure.describe('Records of the group, with the rate per 100 pupils per school day'),
  rateRatio: z.object({ value: z.number().nullable(), note: z.enum(['n/a', 'withheld']).nullable() }),
  pupilsWithEvent: ZFigure,
  riskIndex: z.object({ value: z.number().nullable(), note: z.enum(['n/a', 'withheld']).nullable() }),
  riskRatio: z.object({ value: z.number().nullable(), note: z.enum(['n/a', 'withheld']).nullable() }),
});
export const ZGroups = z.object({ from: ZIsoDate, to: ZIsoDate, measure: z.string(), aggregateOnly: z.boolean(), rows: z.array(ZGroupRow) });
export type TGroups = z.infer<typeof ZGroups>;
export type TGroupRow = z.infer<typeof ZGroupRow>;

