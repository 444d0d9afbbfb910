/**
 * The codes and words of safeguarding.ts (and its small rules) shared by the API and the web app. No zod here, so a
 * page that shows them does not load the schema library; safeguarding.ts builds its schemas from these.
 */
/** Keeping Children Safe in Education categories, plus the contextual ones schools record most. */
export const SAFEGUARDING_CATEGORIES = [
  'physical', 'emotional', 'sexual', 'neglect', 'peer_on_peer', 'online', 'self_harm', 'radicalisation', 'other',
] as const;
export type TSafeguardingCategory = (typeof SAFEGUARDING_CATEGORIES)[number];

export const SAFEGUARDING_CATEGORY_LABELS: Record<TSafeguardingCategory, string> = {
  physical: 'Physical abuse',
  emotional: 'Emotional abuse',
  sexual: 'Sexual abuse',
  neglect: 'Neglect',
  peer_on_peer: 'Child-on-child (peer-on-peer) abuse',
  online: 'Online safety',
  self_harm: 'Self-harm or suicidal thoughts',
  radicalisation: 'Radicalisation or extremism (Prevent)',
  other: 'Other concern',
};

/** new: waiting for the DSL. triaged: decided and being handled in school. referred: passed to an agency. closed. */
export const SAFEGUARDING_STATUSES = ['new', 'triaged', 'referred', 'closed'] as const;
export type TSafeguardingStatus = (typeof SAFEGUARDING_STATUSES)[number];

export const SAFEGUARDING_STATUS_LABELS: Record<TSafeguardingStatus, string> = {
  new: 'New – waiting for triage', triaged: 'Triaged', referred: 'Referred', closed: 'Closed',
};

/** What the DSL decided. The referral outcomes go with the status 'referred'. */
export const TRIAGE_OUTCOMES = [
  'no_further_action', 'monitor', 'early_help', 'referral_social_care', 'referral_police', 'referral_prevent', 'referral_other',
] as const;
export type TTriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

export const REFERRAL_OUTCOMES: readonly TTriageOutcome[] = ['referral_social_care', 'referral_police', 'referral_prevent', 'referral_other'];

export const TRIAGE_OUTCOME_LABELS: Record<TTriageOutcome, string> = {
  no_further_action: 'No further action (record kept)',
  monitor: 'Monitor in school',
  early_help: 'Early help',
  referral_social_care: "Referral to children's social care",
  referral_police: 'Referral to the police',
  referral_prevent: 'Referral to Prevent (Channel)',
  referral_other: 'Referral to another agency',
};
