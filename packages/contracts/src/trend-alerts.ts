/**
 * Trend alerts (ANA-5): a pupil's or a site's rate over the last N school days rising by more than a margin over
 * the N school days before raises an alert for the site's behaviour lead. Settings are trust-wide with per-site
 * overrides; the alerts list names pupils, so it needs behaviour.read (governors are refused).
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime, ZPageQuery, ZSiteIdList } from './common.ts';
import { ZExportFormat } from './export.ts';
import { TREND_ALERT_MEASURES, TREND_ALERT_LIMITS } from './trend-alerts-codes.ts';

export const ZTrendAlertMeasure = z.enum(TREND_ALERT_MEASURES);

const L = TREND_ALERT_LIMITS;
const whole = (field: keyof typeof L, what: string) => z.number({ error: `Enter a whole number of ${what}` })
  .int(`Enter a whole number of ${what}`)
  .min(L[field].min, `Choose from ${L[field].min} to ${L[field].max} ${what}`)
  .max(L[field].max, `Choose from ${L[field].min} to ${L[field].max} ${what}`);

export const ZAlertSettingsValues = z.strictObject({
  enabled: z.boolean().describe('Raise trend alerts at all'),
  periodDays: whole('periodDays', 'school days').describe('School days in each of the two periods compared (the latest and the one before)'),
  marginPercent: whole('marginPercent', 'per cent').describe('How much higher the latest rate must be than the one before, in per cent'),
  minCount: whole('minCount', 'records').describe('Records needed in the latest period before an alert is raised'),
});
export type TAlertSettingsValues = z.infer<typeof ZAlertSettingsValues>;

export const ZAlertSettingsUpdate = ZAlertSettingsValues.extend({
  siteId: ZId.nullable().describe('null: the trust-wide settings (a trust-wide role only); a site: that site\'s own settings'),
  version: z.number().int().min(0).describe('The version you read: 0 when nothing has been saved for this scope yet'),
});
export type TAlertSettingsUpdate = z.infer<typeof ZAlertSettingsUpdate>;

export const ZAlertSettingsScope = ZAlertSettingsValues.extend({
  siteId: ZId.nullable(),
  siteName: z.string().nullable(),
  source: z.enum(['site', 'trust', 'default']).describe("Where the values come from: the site's own settings, the trust's, or the defaults"),
  version: z.number().int().describe('Send it back when saving; 0 when this scope has no settings of its own'),
  updatedAt: ZIsoDateTime.nullable(),
  updatedBy: z.string().nullable(),
  allowed: ZAllowed.describe('update: you may save settings for this scope; reset: you may remove a site\'s own settings'),
});
export type TAlertSettingsScope = z.infer<typeof ZAlertSettingsScope>;

export const ZAlertSettingsList = z.object({
  trust: ZAlertSettingsScope,
  sites: z.array(ZAlertSettingsScope).describe('Every site whose alerts you configure, with the settings in force there'),
});
export type TAlertSettingsList = z.infer<typeof ZAlertSettingsList>;

export const ZAlertSettingsReset = z.strictObject({ version: z.coerce.number().int().min(1).describe("The version of the site's own settings you read") });

const uuidList = ZSiteIdList;

export const ZTrendAlertQuery = ZPageQuery.extend({
  siteIds: uuidList.optional().describe('Comma-separated site ids (default: every site whose behaviour records you may read)'),
  subject: z.enum(['site', 'pupil']).optional(),
  measure: ZTrendAlertMeasure.optional(),
  from: ZIsoDate.optional().describe('Alerts whose latest period ends on or after this date'),
  to: ZIsoDate.optional().describe('Alerts whose latest period ends on or before this date'),
  format: ZExportFormat.optional(),
}).strict();
export type TTrendAlertQuery = z.infer<typeof ZTrendAlertQuery>;

export const ZTrendAlert = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  subject: z.enum(['site', 'pupil']),
  pupil: z.object({ id: ZId, name: z.string(), yearGroup: z.number().int() }).nullable(),
  measure: ZTrendAlertMeasure,
  previousFrom: ZIsoDate,
  previousTo: ZIsoDate,
  currentFrom: ZIsoDate,
  currentTo: ZIsoDate,
  previousCount: z.number().int(),
  currentCount: z.number().int(),
  previousRate: z.number().nullable(),
  currentRate: z.number().nullable(),
  rateUnit: z.enum(['per 100 pupils per school day', 'per school day']),
  risePercent: z.number().nullable().describe('How much higher the latest rate is, in per cent; null when the earlier rate was 0'),
  task: z.object({ id: ZId, status: z.string() }).nullable().describe('The task created for the behaviour lead'),
  createdAt: ZIsoDateTime,
});
export type TTrendAlert = z.infer<typeof ZTrendAlert>;
export const ZTrendAlertList = z.object({ items: z.array(ZTrendAlert), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type TTrendAlertList = z.infer<typeof ZTrendAlertList>;

export const ZTrendAlertEvaluate = z.strictObject({
  siteIds: z.array(ZId).min(1).max(200).optional().describe('Default: every site whose alerts you configure'),
  date: ZIsoDate.optional().describe('The day to evaluate (default: today); not in the future'),
});
export type TTrendAlertEvaluate = z.infer<typeof ZTrendAlertEvaluate>;

export const ZTrendAlertEvaluation = z.object({
  date: ZIsoDate,
  created: z.number().int().describe('New alerts raised by this run (an alert already raised for the same period is not raised again)'),
  sites: z.array(z.object({
    siteId: ZId,
    siteName: z.string(),
    status: z.enum(['evaluated', 'disabled', 'not_enough_school_days']),
    previousFrom: ZIsoDate.nullable(),
    currentFrom: ZIsoDate.nullable(),
    currentTo: ZIsoDate.nullable(),
    created: z.number().int(),
  })),
});
export type TTrendAlertEvaluation = z.infer<typeof ZTrendAlertEvaluation>;
