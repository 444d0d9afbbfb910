/**
 * ANA-3, ANA-6: the physical-intervention figures and record-keeping quality measures, in words. No zod here, so the
 * dashboard does not load the schema library; quality.ts builds the schemas from these lists.
 */
/** The figures an intervention can count in, each also a drill-down. */
export const PI_KINDS = [
  'all', 'pupilInjured', 'staffInjured', 'medicalAttention', 'pupilDebriefed', 'pupilNotDebriefed', 'staffDebriefed', 'staffNotDebriefed',
  'parentInformed', 'parentInformedSameDay', 'parentNotInformedByEndOfDay', 'uncertified',
] as const;
export type TPiKind = (typeof PI_KINDS)[number];

export const PI_KIND_LABELS: Record<TPiKind, string> = {
  all: 'Physical interventions', pupilInjured: 'Pupil injured', staffInjured: 'Member of staff injured', medicalAttention: 'Medical attention given',
  pupilDebriefed: 'Pupil debrief done', pupilNotDebriefed: 'Pupil debrief not done', staffDebriefed: 'Staff debrief done',
  staffNotDebriefed: 'Staff debrief not done', parentInformed: 'Parent informed', parentInformedSameDay: 'Parent informed by the end of the same day',
  parentNotInformedByEndOfDay: 'Parent not informed by the end of the day',
  uncertified: 'Used without a valid certificate',
};

export const QUALITY_KINDS = ['submitted', 'signedOff', 'signedOffWithin48h', 'notSignedOffWithin48h', 'returned', 'missingParentContact', 'missingDebrief', 'overdueReview'] as const;
export type TQualityKind = (typeof QUALITY_KINDS)[number];

export const QUALITY_KIND_LABELS: Record<TQualityKind, string> = {
  submitted: 'Incidents submitted', signedOff: 'Signed off', signedOffWithin48h: 'Signed off within 48 hours',
  notSignedOffWithin48h: 'Not signed off within 48 hours', returned: 'Returned for amendment at least once',
  missingParentContact: 'Physical interventions: parent not informed by the end of the day', missingDebrief: 'Physical interventions: pupil or staff debrief missing',
  overdueReview: 'Waiting for review for more than 48 hours',
};
