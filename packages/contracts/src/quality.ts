/**
 * Physical interventions dashboard (ANA-3) and record-keeping quality (ANA-6). Same filters and scope as the behaviour
 * dashboard; every count is a Figure, so a governor (aggregate-only viewer) sees 1–4 as "fewer than 5" and any share
 * or median built on such a count withheld (SPEC §9). Names of pupils and staff only for callers with behaviour.read.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { ZAnalyticsQuery, ZFigure, ZFiguresProgress } from './analytics.ts';
import { ZExportFormat } from './export.ts';
import { PI_KINDS, QUALITY_KINDS } from './quality-codes.ts';

const ZDerived = z.object({ value: z.number().nullable(), note: z.enum(['n/a', 'withheld']).nullable() });
const paging = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** The filters of both dashboards: dates or a term, sites, year group and pupil group (no category, no granularity). */
export const ZQualityFilters = ZAnalyticsQuery.omit({ granularity: true, categoryCode: true });
export type TQualityFilters = z.infer<typeof ZQualityFilters>;

// ---------------------------------------------------------------------------------------------------------------
// ANA-3: physical interventions

export const ZPiKind = z.enum(PI_KINDS);

export const PI_TABLES = ['summary', 'sites', 'techniques', 'pupils', 'uncertifiedStaff', 'uncertifiedTechniques'] as const;
export const ZPiQuery = ZQualityFilters.extend({
  format: ZExportFormat.optional(),
  table: z.enum(PI_TABLES).default('summary').describe('With format: which table to download'),
});
export type TPiQuery = z.infer<typeof ZPiQuery>;

export const ZPiFigures = z.object({
  count: ZFigure.describe('Physical interventions (one per pupil held) on submitted, not voided incidents in the period'),
  totalMinutes: ZDerived.describe('Sum of durations (end − start, whole minutes) where both times are recorded'),
  medianMinutes: ZDerived,
  pupils: ZFigure.describe('Distinct pupils held'),
  staff: ZFigure.describe('Distinct members of staff who used a hold or technique'),
  pupilInjured: ZFigure, staffInjured: ZFigure, medicalAttention: ZFigure,
  pupilDebriefed: ZFigure.describe('rate: % of the interventions'), staffDebriefed: ZFigure.describe('rate: % of the interventions'),
  parentInformed: ZFigure.describe('rate: % of the interventions'), parentInformedSameDay: ZFigure.describe('rate: % of the interventions'),
  parentNotInformedByEndOfDay: ZFigure.describe('The same-day flag of the review queue (LAW-10); rate: % of the interventions'),
  uncertified: ZFigure.describe('STF-2: interventions in which a member of staff used a hold without a valid certificate (missing, expired or not covering it); rate: % of the interventions'),
});
export type TPiFigures = z.infer<typeof ZPiFigures>;

export const ZPiStats = z.object({
  from: ZIsoDate, to: ZIsoDate, progress: ZFiguresProgress, aggregateOnly: z.boolean(),
  sites: z.array(z.object({ id: ZId, name: z.string() })),
  totals: ZPiFigures,
  bySite: z.array(ZPiFigures.extend({ siteId: ZId, siteName: z.string() })),
  byTechnique: z.array(z.object({
    code: z.string(), label: z.string(),
    interventions: ZFigure.describe('Interventions in which any member of staff used it; rate: % of the interventions'),
    staffUses: ZFigure.describe('(intervention, member of staff) pairs using it'),
  })),
  byPupil: z.array(z.object({
    pupilId: ZId, name: z.string(), yearGroup: z.number().int(), siteName: z.string(), count: z.number().int(), totalMinutes: z.number().int(),
  })).nullable().describe('The 20 pupils with most interventions; null for aggregate-only viewers'),
  uncertifiedByTechnique: z.array(z.object({ code: z.string(), label: z.string(), uses: ZFigure.describe('(intervention, member of staff) uses of it without a valid certificate') })),
  uncertifiedByStaff: z.array(z.object({
    staffId: ZId, name: z.string(), siteName: z.string(), uses: z.number().int(), missing: z.number().int(), expired: z.number().int(), notCovered: z.number().int(),
  })).nullable().describe('STF-2: members of staff who used a hold without a valid certificate; null for aggregate-only viewers'),
});
export type TPiStats = z.infer<typeof ZPiStats>;

export const ZPiRecordsQuery = ZQualityFilters.extend({
  kind: ZPiKind.default('all'),
  technique: z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_-]+$/, 'Not a technique code').optional(),
  pupilId: ZId.optional(),
  staffId: ZId.optional().describe('With kind=uncertified: uses by this member of staff'),
  ...paging,
});
export type TPiRecordsQuery = z.infer<typeof ZPiRecordsQuery>;

export const ZPiRecord = z.object({
  interventionId: ZId, incidentId: ZId, siteId: ZId, siteName: z.string(), occurredOn: ZIsoDate,
  startedAt: ZIsoDateTime.nullable(), durationMinutes: z.number().int().nullable(),
  pupil: z.object({ id: ZId, name: z.string() }).nullable(),
  techniqueCodes: z.array(z.string()), staffCount: z.number().int(),
  pupilInjured: z.boolean(), staffInjured: z.boolean(),
  pupilDebriefAt: ZIsoDateTime.nullable(), staffDebriefAt: ZIsoDateTime.nullable(), parentInformedAt: ZIsoDateTime.nullable(),
  parentNotInformedByEndOfDay: z.boolean(),
  link: z.string(),
});
export const ZPiRecords = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(ZPiRecord) });
export type TPiRecords = z.infer<typeof ZPiRecords>;

// ---------------------------------------------------------------------------------------------------------------
// ANA-6: record-keeping quality

export const ZQualityKind = z.enum(QUALITY_KINDS);

export const ZQualityQuery = ZQualityFilters.extend({
  format: ZExportFormat.optional(),
  table: z.enum(['sites', 'staff']).default('sites').describe('With format: which table to download (staff: callers with behaviour.read only)'),
});
export type TQualityQuery = z.infer<typeof ZQualityQuery>;

export const ZQualityFigures = z.object({
  submitted: ZFigure.describe('Incidents submitted (not drafts, not voided) that happened in the period'),
  signedOff: ZFigure.describe('rate: % of submitted'),
  signedOffWithin48h: ZFigure.describe('Signed off within 48 clock hours of first submission; rate: % of submitted'),
  medianHoursToSignOff: ZDerived.describe('Median hours from first submission to sign-off, over those signed off'),
  returned: ZFigure.describe('Returned for amendment at least once; rate: % of submitted'),
  interventions: ZFigure.describe('Physical interventions on these incidents'),
  missingParentContact: ZFigure.describe('Interventions whose parent was not informed by the end of the day; rate: % of interventions'),
  missingDebrief: ZFigure.describe('Interventions with no pupil debrief or no staff debrief recorded; rate: % of interventions'),
  overdueReview: ZFigure.describe('Still waiting for review, submitted more than 48 hours ago'),
});
export type TQualityFigures = z.infer<typeof ZQualityFigures>;

export const ZRecordQuality = z.object({
  from: ZIsoDate, to: ZIsoDate, progress: ZFiguresProgress, aggregateOnly: z.boolean(),
  sites: z.array(z.object({ id: ZId, name: z.string() })),
  totals: ZQualityFigures,
  bySite: z.array(ZQualityFigures.extend({ siteId: ZId, siteName: z.string() })),
  byStaff: z.array(ZQualityFigures.extend({ userId: ZId, name: z.string() })).nullable()
    .describe('Per member of staff who recorded the incidents; null for aggregate-only viewers'),
});
export type TRecordQuality = z.infer<typeof ZRecordQuality>;

export const ZQualityRecordsQuery = ZQualityFilters.extend({
  kind: ZQualityKind.default('submitted'),
  recordedBy: ZId.optional().describe('Only incidents recorded by this user'),
  ...paging,
});
export type TQualityRecordsQuery = z.infer<typeof ZQualityRecordsQuery>;

export const ZQualityRecord = z.object({
  incidentId: ZId, interventionId: ZId.nullable().describe('For an intervention figure: the intervention'),
  siteId: ZId, siteName: z.string(), occurredOn: ZIsoDate, status: z.string(), recordedBy: z.string(),
  firstSubmittedAt: ZIsoDateTime.nullable(), signedOffAt: ZIsoDateTime.nullable(), hoursToSignOff: z.number().nullable(),
  returns: z.number().int(), interventions: z.number().int(), link: z.string(),
});
export const ZQualityRecords = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(ZQualityRecord) });
export type TQualityRecords = z.infer<typeof ZQualityRecords>;

/** Column specs of the downloads (core/export): counts as numbers, or "fewer than 5" in an aggregate-only file. */
const c = (key: string, header: string, type: 'text' | 'number' = 'number') => ({ key, header, type }) as const;
export const PI_FIGURE_COLUMNS = [
  c('count', 'Physical interventions'), c('totalMinutes', 'Total minutes'), c('medianMinutes', 'Median minutes'), c('pupils', 'Pupils'), c('staff', 'Staff'),
  c('pupilInjured', 'Pupil injured'), c('staffInjured', 'Staff injured'), c('medicalAttention', 'Medical attention'),
  c('pupilDebriefed', 'Pupil debrief done'), c('pupilDebriefedPct', 'Pupil debrief done (%)'), c('staffDebriefed', 'Staff debrief done'),
  c('staffDebriefedPct', 'Staff debrief done (%)'), c('parentInformed', 'Parent informed'), c('parentInformedPct', 'Parent informed (%)'),
  c('parentInformedSameDay', 'Parent informed same day'), c('parentInformedSameDayPct', 'Parent informed same day (%)'),
  c('parentNotInformedByEndOfDay', 'Parent not informed by end of day'), c('uncertified', 'Used without a valid certificate'),
] as const;
export const QUALITY_FIGURE_COLUMNS = [
  c('submitted', 'Incidents submitted'), c('signedOff', 'Signed off'), c('signedOffWithin48h', 'Signed off within 48 hours'),
  c('signedOffWithin48hPct', 'Signed off within 48 hours (%)'), c('medianHoursToSignOff', 'Median hours to sign-off'),
  c('returned', 'Returned for amendment'), c('returnedPct', 'Returned for amendment (%)'), c('interventions', 'Physical interventions'),
  c('missingParentContact', 'Parent not informed by end of day'), c('missingDebrief', 'Debrief missing'), c('overdueReview', 'Waiting for review over 48 hours'),
] as const;
