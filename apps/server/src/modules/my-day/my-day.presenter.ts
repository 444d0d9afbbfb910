/** Rows of the modules "my day" reads → the cards' items (what it is, when, and the page to act on it). */
import type { z } from 'zod';
import type { TMyDayItem, ZIncidentListItem } from '@haven/contracts';

type TIncidentListItem = z.infer<typeof ZIncidentListItem>;
import { schoolDateTime } from './my-day.rules.ts';

/**
 * An incident as a line: its pupils, its categories and the start of what happened. `own` is the recorder's own list
 * (drafts open in the form; a record returned opens on its page, where the reviewer's comments are); for a lead the
 * site and the recorder are said as well.
 */
export function incidentItem(i: TIncidentListItem, own: boolean): TMyDayItem {
  const at = schoolDateTime(i.occurredAt);
  const detail = [i.categoryNames.join(', ') || null, own ? null : `recorded by ${i.createdByName}`, own ? null : i.siteName].filter(Boolean).join(' · ');
  return {
    id: i.id, title: i.pupilNames.join(', ') || 'No pupils added yet', detail: detail || i.summary, date: at.date, time: at.time, flagged: false,
    link: own && i.status === 'draft' && i.allowed.includes('edit') ? `/incidents/${i.id}/edit` : `/incidents/${i.id}`,
  };
}

/** The reports an aggregate reader (a governor) opens: aggregate and pseudonymised, never a pupil's name. */
export function reportItems(can: { analytics: boolean; subscribe: boolean }): TMyDayItem[] {
  const page = (id: string, title: string, detail: string, link: string): TMyDayItem => ({ id, title, detail, date: null, time: null, flagged: false, link });
  return [
    page('governors', "Governors' report", 'Behaviour, exclusions and physical interventions for a term, as a PDF', '/reports/governors'),
    page('weekly', 'Weekly report', 'The week at each of your schools, against the week before', '/reports'),
    can.analytics ? page('dashboard', 'Behaviour dashboard', 'Trends, comparisons between groups of pupils and sites', '/analytics') : null,
    can.analytics ? page('exclusions', 'Suspensions and exclusions', 'Rates and days lost, against the national figures', '/analytics/exclusions') : null,
    can.subscribe ? page('subscriptions', 'Reports by email', 'Choose which reports are sent to you, and when', '/reports/subscriptions') : null,
  ].filter((x): x is TMyDayItem => x !== null);
}
