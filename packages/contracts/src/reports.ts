/** Reports (ANA-7): the senior leaders' weekly report, report subscriptions (emailed on a schedule), the pupil summary. */
import { z } from 'zod';
import { ZId, ZIsoDate } from './common.ts';
import { ZFiguresProgress } from './analytics.ts';
import { REPORT_KINDS } from './reports-codes.ts';

export const ZReportKind = z.enum(REPORT_KINDS);

/** A count as shown: a number, or "fewer than 5" where the reader must not be able to single out a pupil (SPEC §9). */
export const ZShownCount = z.union([z.number().int(), z.literal('fewer than 5')]);

export const ZWeeklySiteFigures = z.object({
  siteId: ZId, siteName: z.string(),
  incidents: ZShownCount, incidentsPrevious: ZShownCount,
  pupilInvolvements: ZShownCount, pupilInvolvementsPrevious: ZShownCount,
  negativeEvents: ZShownCount, negativeEventsPrevious: ZShownCount,
  positiveEvents: ZShownCount, positiveEventsPrevious: ZShownCount,
  physicalInterventions: ZShownCount, physicalInterventionsPrevious: ZShownCount,
  physicalInterventionMinutes: ZShownCount.nullable(),
  awaitingReview: ZShownCount, overdueReview: ZShownCount, overdueTasks: ZShownCount,
});
export const ZWeeklyReport = z.object({
  weekStart: ZIsoDate, weekEnd: ZIsoDate, previousWeekStart: ZIsoDate,
  previousWeekEnd: ZIsoDate.describe('The last date of the week before that is compared: its Sunday, or, while this week is in progress, the day before its school day after as many school days as this week has had so far'),
  progress: ZFiguresProgress.describe('This week\'s counts run to today while the week is in progress'),
  schoolDaysSoFar: z.number().int().nullable().describe('While the week is in progress: its school days so far, the number of school days of the week before compared; null for a finished week'),
  generatedAt: z.string(), suppressed: z.boolean(),
  sites: z.array(ZWeeklySiteFigures),
});
export type TWeeklyReport = z.infer<typeof ZWeeklyReport>;
export const ZWeeklyReportQuery = z.object({
  siteId: z.uuid().optional().describe('One site (default: every site where the caller reads aggregate reports)'),
  week: ZIsoDate.optional().describe('Any day of the week wanted (Monday to Sunday); default: last complete week'),
  format: z.enum(['json', 'pdf']).default('json'),
});

export const ZReportSubscriptionInput = z.strictObject({
  kind: ZReportKind,
  siteIds: z.array(z.uuid()).min(1, 'Choose at least one site').max(50),
  weekday: z.number().int().min(1).max(7).default(1).describe('1 = Monday … 7 = Sunday'),
  hour: z.number().int().min(0).max(23).default(7).describe('Hour of the day, Europe/London'),
});
export const ZReportSubscription = z.object({
  id: ZId, kind: ZReportKind, siteIds: z.array(ZId), siteNames: z.array(z.string()), weekday: z.number().int(), hour: z.number().int(),
  schedule: z.string().describe('In words, e.g. "Every Monday at 07:00"'), nextRunAt: z.string().nullable(), createdAt: z.string(),
  lastDelivery: z.object({ at: z.string(), status: z.string(), periodStart: ZIsoDate, periodEnd: ZIsoDate }).nullable(),
});
export type TReportSubscription = z.infer<typeof ZReportSubscription>;
export const ZReportSubscriptionList = z.object({ items: z.array(ZReportSubscription) });

export const ZPupilSummaryQuery = z.object({
  from: ZIsoDate.describe('First day (inclusive)'),
  to: ZIsoDate.describe('Last day (inclusive)'),
});

/** The head's commentary on a report period (printed in the governors' termly and the weekly PDFs). */
export const COMMENTARY_REPORTS = ['governors', 'weekly'] as const;
export const ZCommentaryReport = z.enum(COMMENTARY_REPORTS);
const ZCommentaryPeriod = z.string().trim().regex(/^([0-9a-f-]{36}|\d{4}-\d{2}-\d{2})$/i, "A term's id (governors) or a week's Monday (weekly)");
export const ZReportCommentaryQuery = z.strictObject({
  report: ZCommentaryReport, period: ZCommentaryPeriod,
  siteIds: z.string().trim().max(4000).optional().describe('Comma-separated site ids (default: every site whose reports you read)'),
});
export const ZReportCommentaryInput = z.strictObject({
  report: ZCommentaryReport, period: ZCommentaryPeriod, siteId: z.uuid(),
  text: z.string().trim().max(5000, 'At most 5,000 characters').describe('Empty: no commentary (the PDF prints an empty box to write in)'),
  version: z.number().int().min(0).optional().describe('The version you edited (0 or absent: a new commentary); a stale version is refused with 409'),
});
export const ZReportCommentary = z.object({
  siteId: ZId, siteName: z.string(), report: ZCommentaryReport, period: z.string(), text: z.string(), version: z.number().int(),
  updatedBy: z.string().nullable(), updatedAt: z.string().nullable(), canEdit: z.boolean(),
});
export type TReportCommentary = z.infer<typeof ZReportCommentary>;
export const ZReportCommentaryList = z.object({ items: z.array(ZReportCommentary) });
