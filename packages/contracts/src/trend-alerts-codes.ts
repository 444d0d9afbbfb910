/**
 * ANA-5: the measures trend alerts watch, in words, and the limits and defaults of their settings. No zod here, so the
 * dashboard does not load the schema library; trend-alerts.ts builds the schemas from these.
 */
export const TREND_ALERT_MEASURES = ['neg', 'inv', 'pi'] as const;
export type TTrendAlertMeasure = (typeof TREND_ALERT_MEASURES)[number];

export const TREND_ALERT_MEASURE_LABELS: Record<TTrendAlertMeasure, string> = {
  neg: 'Negative behaviour points', inv: 'Incident involvements', pi: 'Physical interventions',
};

export const TREND_ALERT_LIMITS = {
  periodDays: { min: 5, max: 60 },
  marginPercent: { min: 1, max: 1000 },
  minCount: { min: 1, max: 100 },
} as const;

/** What applies where nothing has been saved (the same as the table's column defaults). */
export const TREND_ALERT_DEFAULTS = { enabled: true, periodDays: 20, marginPercent: 50, minCount: 5 } as const;
