/** What each "my day" card is called, says when it is empty, names its link and calls a flagged item (British English). */
import type { TMyDayCardKey } from '@haven/contracts';

export interface CardWords { title: string; empty: string; more: string; flag: string }

export const CARD_WORDS: Record<TMyDayCardKey, CardWords> = {
  calls: { title: 'Calls for help now', empty: 'No calls for help are open.', more: 'Open calls for help', flag: 'Not answered' },
  rota_today: { title: 'Where you are today', empty: 'You are not on the support team rota today.', more: 'Your day on the rota', flag: 'Covering' },
  returned: { title: 'Returned to you for changes', empty: 'Nothing has been returned to you.', more: 'Everything returned to you', flag: 'Returned' },
  drafts: { title: 'Your drafts', empty: 'You have no drafts.', more: 'All your drafts', flag: 'Draft' },
  supervising: { title: 'Detentions you supervise today', empty: 'You are not supervising a detention today.', more: 'All detentions', flag: 'Today' },
  my_groups: { title: 'Your classes and forms', empty: 'You are not the tutor of a class or form. Find pupils by name instead.', more: 'Find a pupil', flag: '' },
  review_waiting: { title: 'Waiting for review', empty: 'Nothing is waiting for review.', more: 'Open the review queue', flag: 'Overdue' },
  review_overdue: { title: 'Overdue for review', empty: 'Nothing is overdue for review.', more: 'Show the overdue ones', flag: 'Overdue' },
  pi_parent_not_told: { title: 'Physical interventions: parent not told yet', empty: 'Every parent has been told.', more: 'All physical interventions', flag: 'Parent not told' },
  plan_reviews_overdue: { title: 'Plan reviews overdue', empty: 'No plan or risk-assessment review is overdue.', more: 'All overdue plan reviews', flag: 'Overdue' },
  tasks: { title: 'Your open tasks', empty: 'You have no open tasks.', more: 'All tasks', flag: 'Due' },
  detentions_today: { title: "Today's detentions", empty: 'No detentions today.', more: 'All detentions', flag: '' },
  isolation_today: { title: "Today's isolation", empty: 'Nobody is in isolation today.', more: 'All isolation sessions', flag: '' },
  safeguarding_new: { title: 'Safeguarding concerns to triage', empty: 'No new concerns are waiting.', more: 'Open the safeguarding inbox', flag: '' },
  decisions: { title: 'Serious incidents to decide on', empty: 'No serious incidents are waiting for a decision.', more: 'Open the review queue', flag: 'Overdue' },
  deadlines: { title: 'Statutory deadlines', empty: 'No statutory deadlines are open.', more: 'All deadlines', flag: 'Due soon' },
  reports: { title: 'Your reports', empty: 'No reports yet.', more: 'All reports', flag: '' },
  children: { title: 'Your children', empty: 'No children are linked to your account yet. Ask the school office to link them.', more: 'My children', flag: '' },
};

/** A card that only counts (sealed concerns): the count in words instead of a list. */
export function countSentence(key: TMyDayCardKey, total: number): string | null {
  if (key !== 'safeguarding_new' || total === 0) return null;
  return total === 1 ? '1 new concern is waiting for triage.' : `${total} new concerns are waiting for triage.`;
}
