/**
 * The codes and words of retention.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; retention.ts builds its schemas from these.
 */
/** Every kind of record Haven keeps about a pupil that the retention engine can purge. */
export const RETENTION_KINDS = [
  'quick_point', 'incident', 'safeguarding_concern', 'detention', 'isolation', 'suspension', 'placement', 'contact', 'letter',
  'plan', 'risk_assessment', 'intervention', 'meeting', 'referral', 'professional_report',
] as const;
export type TRetentionKind = (typeof RETENTION_KINDS)[number];

export const RETENTION_KIND_LABELS: Record<TRetentionKind, string> = {
  quick_point: 'Quick points', incident: 'Incidents (with physical interventions)', safeguarding_concern: 'Safeguarding concerns (child protection)',
  detention: 'Detentions', isolation: 'Internal exclusions (isolation)', suspension: 'Suspensions and permanent exclusions',
  placement: 'Managed moves and alternative provision', contact: 'Parent contact log', letter: 'Letters and emails to parents',
  plan: 'Behaviour support plans', risk_assessment: 'Risk assessments', intervention: 'Support interventions', meeting: 'Meetings',
  referral: 'Referrals to agencies', professional_report: 'Professional reports',
};

/** What the period counts from. */
export const RETENTION_TRIGGERS = ['date_of_birth', 'record_date', 'leaving_date', 'closure_date'] as const;
export type TRetentionTrigger = (typeof RETENTION_TRIGGERS)[number];

export const RETENTION_TRIGGER_LABELS: Record<TRetentionTrigger, string> = {
  date_of_birth: "Pupil's date of birth", record_date: 'Date of the record', leaving_date: 'Date the pupil left', closure_date: 'Date the record was closed',
};
