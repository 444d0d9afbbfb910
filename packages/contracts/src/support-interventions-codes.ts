/**
 * The codes and words of support-interventions.ts (and its small rules) shared by the API and the web app. No zod
 * here, so a page that shows them does not load the schema library; support-interventions.ts builds its schemas from
 * these.
 */
export const SUPPORT_KINDS = ['group', 'one_to_one'] as const;

export const SUPPORT_KIND_LABELS: Record<(typeof SUPPORT_KINDS)[number], string> = { group: 'Group', one_to_one: 'One-to-one' };

export const BUILT_IN_MEASURES = ['sdq', 'boxall_developmental', 'boxall_diagnostic', 'daily_points'] as const;

export const MEASURE_LABELS: Record<(typeof BUILT_IN_MEASURES)[number], string> = {
  sdq: 'SDQ total difficulties (0–40)', boxall_developmental: 'Boxall profile: developmental strand (0–136)',
  boxall_diagnostic: 'Boxall profile: diagnostic profile (0–136)', daily_points: 'Daily points average (%)',
};

export const SDQ_INFORMANT_LABELS = { teacher: 'Teacher', parent: 'Parent', self: 'Pupil (self-report)' } as const;

export const SDQ_BAND_LABELS = { close_to_average: 'Close to average', slightly_raised: 'Slightly raised', high: 'High', very_high: 'Very high' } as const;

export const ATTENDANCE_STATUSES = ['attended', 'absent', 'excused'] as const;

export const ATTENDANCE_LABELS: Record<(typeof ATTENDANCE_STATUSES)[number], string> = { attended: 'Attended', absent: 'Absent', excused: 'Excused' };
