/**
 * Category polarities, the known policy settings, custom form field types and escalation measures, in words. No zod
 * here, so a page that shows them does not load the schema library; policy.ts builds its schemas from these.
 */
export const POLARITIES = ['positive', 'negative', 'neutral'] as const;
export type TPolarity = (typeof POLARITIES)[number];

export const POLARITY_LABELS: Record<TPolarity, string> = { positive: 'Positive', negative: 'Negative', neutral: 'Neutral observation' };

/**
 * Known settings (options of kind `setting`, the value in details.value). The effective policy lists settings by
 * lower-case code and always carries these, with their default when none is configured.
 */
export const POLICY_SETTINGS = {
  serious_severity: {
    label: 'Serious incident severity',
    help: 'Incidents at or above this severity (and every physical intervention) stay off parent-visible views until signed off',
    min: 1, max: 5, default: 4,
  },
  plan_review_incidents: {
    label: 'Incidents that ask for a plan review',
    help: "This many incidents for a pupil within the school days below raise a task for the owner of the pupil's behaviour support plan to review it",
    min: 1, max: 50, default: 5,
  },
  plan_review_school_days: {
    label: 'School days counted for a plan review',
    help: 'The number of school days (from the school calendar) in which those incidents are counted',
    min: 1, max: 60, default: 10,
  },
} as const;

export const FORM_FIELD_TYPES = ['text', 'choice', 'yes_no', 'date'] as const;
export type TFormFieldType = (typeof FORM_FIELD_TYPES)[number];

export const FORM_FIELD_TYPE_LABELS: Record<TFormFieldType, string> = { text: 'Text', choice: 'Choice from a list', yes_no: 'Yes or no', date: 'Date' };

export const ESCALATION_MEASURES = ['count', 'points'] as const;

export const ESCALATION_MEASURE_LABELS: Record<(typeof ESCALATION_MEASURES)[number], string> = {
  count: 'Number of events', points: 'Points total',
};

/** Roles a rule may notify: those who can see tasks (task.read). */
export const ESCALATION_NOTIFY_ROLES = ['behaviour_lead', 'cluster_lead', 'head', 'slt', 'senco', 'dsl'] as const;
