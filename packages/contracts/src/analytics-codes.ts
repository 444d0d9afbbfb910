/**
 * ANA-1: the dashboard's measures, dimensions and pupil groups, in words. No zod here, so the dashboard does not load
 * the schema library; analytics.ts builds the schemas from these lists.
 */
export const ANALYTICS_MEASURES = ['pos', 'neg', 'neu', 'inc', 'inv', 'pi'] as const;
export type TAnalyticsMeasure = (typeof ANALYTICS_MEASURES)[number];

export const ANALYTICS_MEASURE_LABELS: Record<TAnalyticsMeasure, string> = {
  pos: 'Positive points', neg: 'Negative behaviour points', neu: 'Observations', inc: 'Incidents',
  inv: 'Pupil involvements in incidents', pi: 'Physical interventions',
};

export const ANALYTICS_DIMS = ['all', 'cat', 'loc', 'wp', 'staff', 'pupil'] as const;
export type TAnalyticsDim = (typeof ANALYTICS_DIMS)[number];

export const PUPIL_GROUP_KEYS = ['sen_support', 'ehcp', 'sen_any', 'pupil_premium', 'fsm', 'looked_after', 'eal'] as const;

export const PUPIL_GROUP_LABELS: Record<string, string> = {
  sen_support: 'SEN support', ehcp: 'EHCP', sen_any: 'Any SEN', pupil_premium: 'Pupil premium', fsm: 'Free school meals',
  looked_after: 'Looked after', eal: 'English as an additional language',
};
