/** Words for casework on screen. */
export { AGENCY_KIND_LABELS, ATTENDEE_KIND_LABELS, MEETING_TYPE_LABELS, REFERRAL_STATUS_LABELS } from '@haven/contracts';
export const MEETING_STATUS_LABELS = { scheduled: 'Arranged', held: 'Held', cancelled: 'Cancelled' } as const;
export const SOURCE_LABELS: Record<string, string> = { exclusion: 'a suspension', incident: 'an incident' };
