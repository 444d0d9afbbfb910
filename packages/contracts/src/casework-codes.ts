/**
 * The codes and words of casework.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; casework.ts builds its schemas from these.
 */
export const MEETING_TYPES = ['restorative', 'reintegration', 'multi_agency', 'parent'] as const;
export type TMeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_TYPE_LABELS: Record<TMeetingType, string> = {
  restorative: 'Restorative meeting', reintegration: 'Reintegration meeting', multi_agency: 'Multi-agency meeting', parent: 'Parent meeting',
};

export const ATTENDEE_KIND_LABELS: Record<(typeof ATTENDEE_KINDS)[number], string> = {
  staff: 'Staff', contact: 'Parent or carer', agency_contact: 'Agency', pupil: 'Pupil', other: 'Other',
};

export const AGENCY_KINDS = ['camhs', 'social_care', 'educational_psychology', 'behaviour_support', 'youth_justice', 'early_help', 'other'] as const;
export type TAgencyKind = (typeof AGENCY_KINDS)[number];

export const AGENCY_KIND_LABELS: Record<TAgencyKind, string> = {
  camhs: 'CAMHS', social_care: "Children's social care", educational_psychology: 'Educational psychology',
  behaviour_support: 'Behaviour support service', youth_justice: 'Youth justice', early_help: 'Early help', other: 'Other',
};

export const REFERRAL_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'waiting', 'closed'] as const;
export type TReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<TReferralStatus, string> = {
  draft: 'Draft', sent: 'Sent', accepted: 'Accepted', declined: 'Declined', waiting: 'On a waiting list', closed: 'Closed',
};

export const ATTENDEE_KINDS = ['staff', 'contact', 'agency_contact', 'pupil', 'other'] as const;
