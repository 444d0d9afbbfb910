/**
 * The codes of incidents and their words: statuses, severity, pupils' and staff's parts, the kinds of intervention,
 * the parent's copy. No zod here, so the incident form does not load the schema library; incidents.ts builds the
 * schemas from these lists.
 */
export const INCIDENT_STATUSES = ['draft', 'submitted', 'returned', 'signed_off'] as const;
export type TIncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_STATUS_LABELS: Record<TIncidentStatus, string> = {
  draft: 'Draft', submitted: 'Awaiting review', returned: 'Returned for amendment', signed_off: 'Signed off',
};

/** Severity 0–5 in words (the policy has no labels of its own): screens, downloads and PDFs say the same. */
export const SEVERITY_LABELS = ['No harm', 'Low', 'Minor', 'Moderate', 'Serious', 'Severe'] as const;
/** "4 – Serious", or null when no severity was recorded. */
export const severityText = (severity: number | null | undefined): string | null =>
  severity === null || severity === undefined ? null : `${severity} – ${SEVERITY_LABELS[severity] ?? ''}`.trim();

export const PUPIL_ROLES = ['involved', 'instigator', 'affected', 'witness'] as const;
export const STAFF_ROLES = ['involved', 'witness'] as const;

/**
 * LAW-10: the kinds of restrictive intervention the 2025 regulations name. Force with physical contact covers
 * restraint and other reasonable force (holds, guiding, escorting); restraint without physical contact restricts
 * movement without touching (e.g. blocking a doorway); seclusion keeps a pupil alone in a room or area they cannot
 * leave; immobilisation removes or disables what a pupil needs to move (e.g. a wheelchair or walking frame).
 */
export const INTERVENTION_KINDS = ['force_with_contact', 'restraint_without_contact', 'seclusion', 'immobilisation'] as const;
export type TInterventionKind = (typeof INTERVENTION_KINDS)[number];
export const INTERVENTION_KIND_LABELS: Record<TInterventionKind, string> = {
  force_with_contact: 'Restraint or reasonable force with physical contact',
  restraint_without_contact: 'Restraint without physical contact',
  seclusion: 'Seclusion',
  immobilisation: 'Immobilisation (e.g. removing a mobility aid)',
};

/**
 * LAW-12: parents are given a copy of the record of a physical intervention, unless disclosure would risk significant
 * harm to the pupil or the pupil is 20 or over. One copy per pupil of an incident, covering all of that pupil's
 * interventions in it; sent through the communications log to the contacts with parental responsibility.
 */
export const PARENT_COPY_WITHHOLD_REASONS = ['risk_of_significant_harm', 'pupil_aged_20_or_over'] as const;
export type TParentCopyWithholdReason = (typeof PARENT_COPY_WITHHOLD_REASONS)[number];
export const PARENT_COPY_WITHHOLD_REASON_LABELS: Record<TParentCopyWithholdReason, string> = {
  risk_of_significant_harm: 'Disclosure would risk significant harm to the pupil',
  pupil_aged_20_or_over: 'The pupil is 20 or over',
};
export const PARENT_COPY_STATUSES = ['not_sent', 'sending', 'to_send_by_hand', 'sent', 'not_delivered', 'withheld'] as const;
export type TParentCopyStatus = (typeof PARENT_COPY_STATUSES)[number];
export const PARENT_COPY_STATUS_LABELS: Record<TParentCopyStatus, string> = {
  not_sent: 'Not sent yet', sending: 'Sending', to_send_by_hand: 'To send by hand', sent: 'Sent', not_delivered: 'Not delivered', withheld: 'Withheld',
};
