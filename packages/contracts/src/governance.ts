/**
 * Exclusions analytics (ANA-4), pupil groups for sanctions and suspensions (ANA-2), the governors' termly report and
 * the census exclusions return (ANA-7). Counts are Figures (SPEC §9 suppression for aggregate-only viewers).
 */
import { z } from 'zod';
import { ZId, ZIsoDate } from './common.ts';
import { ZAnalyticsQuery, ZFigure, ZFiguresProgress } from './analytics.ts';
import { ZExportFormat } from './export.ts';
import { GROUP_MEASURES } from './governance-codes.ts';

const ZDerived = z.object({ value: z.number().nullable(), note: z.enum(['n/a', 'withheld']).nullable() });

export const ZExclusionsQuery = ZAnalyticsQuery.omit({ granularity: true, categoryCode: true });
export type TExclusionsQuery = z.infer<typeof ZExclusionsQuery>;

/** The exclusions dashboard's tables as files (ANA-7): the headline figures, DfE rates beside England's, reasons, sites. */
export const EXCLUSION_TABLES = ['summary', 'rates', 'reasons', 'sites'] as const;
export const ZExclusionStatsQuery = ZExclusionsQuery.extend({
  format: ZExportFormat.optional(),
  table: z.enum(EXCLUSION_TABLES).default('summary')
    .describe('With format: which table to download — the headline figures and deadlines, the DfE rates beside England\'s, reasons, or sites'),
});
export type TExclusionStatsQuery = z.infer<typeof ZExclusionStatsQuery>;

export const ZNationalRate = z.object({ year: z.string(), measure: z.enum(['suspension', 'permanent']), rate: z.number(), source: z.string() });
export type TNationalRate = z.infer<typeof ZNationalRate>;

export const ZExclusionStats = z.object({
  from: ZIsoDate, to: ZIsoDate, progress: ZFiguresProgress, aggregateOnly: z.boolean(),
  sites: z.array(z.object({ id: ZId, name: z.string() })),
  headcount: z.number().int().describe('Pupils on roll on any day of the period (the DfE rates\' denominator)'),
  pupilDays: z.number().int(),
  suspensions: ZFigure.describe('Suspensions (fixed period and lunchtime) starting in the period; rate per 100 pupils per school day'),
  lunchtime: ZFigure,
  permanent: ZFigure,
  pupilsSuspended: ZFigure,
  repeatPupils: ZFigure.describe('Pupils with 2 or more suspensions starting in the period'),
  daysLost: z.object({ value: z.number().nullable(), note: z.enum(['n/a', 'withheld']).nullable(), sessions: z.number().int().nullable() })
    .describe('Suspended sessions inside the period ÷ 2 (a lunchtime is 1 session)'),
  academicYear: z.object({ startDate: ZIsoDate, endDate: ZIsoDate }),
  pupilsAt35: ZFigure.describe('Pupils with 35 or more days of suspension in the academic year containing the end date'),
  suspensionRate: ZDerived.describe('DfE: suspensions ÷ headcount × 100'),
  permanentRate: ZDerived.describe('DfE: permanent exclusions ÷ headcount × 100'),
  national: z.array(ZNationalRate),
  reasons: z.array(z.object({ code: z.string(), label: z.string(), suspensions: ZFigure, permanent: ZFigure })),
  bySite: z.array(z.object({ siteId: ZId, siteName: z.string(), headcount: z.number().int(), suspensions: ZFigure, permanent: ZFigure, daysLost: z.number().nullable(), suspensionRate: ZDerived })),
  deadlinesDue: z.object({ board: ZFigure, provision: ZFigure, notifications: ZFigure, overdue: ZFigure })
    .describe('Statutory deadlines still open today across the chosen sites'),
});
export type TExclusionStats = z.infer<typeof ZExclusionStats>;

export const ZExclusionRecordsQuery = ZExclusionsQuery.extend({
  kind: z.enum(['suspension', 'lunchtime', 'permanent', 'all', 'at35', 'repeat']).default('all'),
  reasonCode: z.string().trim().regex(/^[A-Z]{2}$/, 'Not a reason code').optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TExclusionRecordsQuery = z.infer<typeof ZExclusionRecordsQuery>;
export const ZExclusionRecord = z.object({
  id: ZId, siteId: ZId, siteName: z.string(), pupil: z.object({ id: ZId, displayName: z.string(), yearGroup: z.number().int() }),
  category: z.string(), startDate: ZIsoDate, sessions: z.number().int().nullable(), reasonCodes: z.array(z.string()), link: z.string(),
});
export const ZExclusionRecords = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(ZExclusionRecord) });
export type TExclusionRecords = z.infer<typeof ZExclusionRecords>;

export const ZGroupComparisonQuery = ZExclusionsQuery.omit({ pupilGroup: true }).extend({
  measure: z.enum(GROUP_MEASURES).default('suspension'),
  format: ZExportFormat.optional(),
  table: z.enum(['groups']).default('groups').describe('With format: which table to download (the one table: every pupil group for the measure)'),
});
export type TGroupComparisonQuery = z.infer<typeof ZGroupComparisonQuery>;
export const ZGroupComparisonRow = z.object({
  group: z.string(), label: z.string(), pupils: ZFigure, pupilDays: z.number().int(), count: ZFigure,
  rateRatio: ZDerived, pupilsWithEvent: ZFigure, riskIndex: ZDerived, riskRatio: ZDerived,
});
export const ZGroupComparison = z.object({ from: ZIsoDate, to: ZIsoDate, progress: ZFiguresProgress, measure: z.enum(GROUP_MEASURES), aggregateOnly: z.boolean(), rows: z.array(ZGroupComparisonRow) });
export type TGroupComparison = z.infer<typeof ZGroupComparison>;

export const ZGovernorsReportQuery = z.strictObject({
  termId: ZId.describe('The half-term reported on'),
  siteIds: z.string().trim().max(4000).optional().describe('Comma-separated site ids (default: every site you may see)'),
});
export type TGovernorsReportQuery = z.infer<typeof ZGovernorsReportQuery>;

export const ZCensusQuery = z.strictObject({
  siteId: ZId,
  from: ZIsoDate.describe('First day of the census period'),
  to: ZIsoDate.describe('Last day of the census period'),
  format: z.enum(['csv', 'xml']).default('csv'),
});
export type TCensusQuery = z.infer<typeof ZCensusQuery>;

export const ZReportTerms = z.object({ items: z.array(z.object({ id: ZId, name: z.string(), startDate: ZIsoDate, endDate: ZIsoDate })) });
export type TReportTerms = z.infer<typeof ZReportTerms>;
