/**
 * "My day" (issue 13): what the signed-in person must act on today, as cards. The server decides which cards a
 * person gets from the permissions they hold (a card they may not act on is absent, never empty); the web app names
 * each card by its key and formats the dates. Every item links to the page where it is acted on.
 */
import { z } from 'zod';
import { ZId, ZIsoDate } from './common.ts';

export const MY_DAY_CARDS = [
  // a member of staff's own work
  'calls', 'rota_today', 'returned', 'drafts', 'supervising', 'my_groups',
  // a lead's queues
  'review_waiting', 'review_overdue', 'pi_parent_not_told', 'plan_reviews_overdue', 'tasks', 'detentions_today', 'isolation_today', 'safeguarding_new',
  // the headteacher's decisions and the statutory clock
  'decisions', 'deadlines',
  // governors and parents
  'reports', 'children',
] as const;
export const ZMyDayCardKey = z.enum(MY_DAY_CARDS);
export type TMyDayCardKey = z.infer<typeof ZMyDayCardKey>;

export const ZMyDayItem = z.object({
  id: z.string(),
  /** What it is, in words (a pupil's name, a session, a task's title). */
  title: z.string(),
  detail: z.string().nullable(),
  /** The day it is about (due, happened, held), shown as dd/mm/yyyy. */
  date: ZIsoDate.nullable(),
  /** A time of day (HH:MM, Europe/London) where the item has one. */
  time: z.string().nullable(),
  /** Overdue, urgent or otherwise needing attention first. */
  flagged: z.boolean(),
  /** The page where it is acted on. */
  link: z.string(),
});
export type TMyDayItem = z.infer<typeof ZMyDayItem>;

export const ZMyDayCard = z.object({
  key: ZMyDayCardKey,
  /** How many there are in all (items are the first few). */
  total: z.number().int().nonnegative(),
  items: z.array(ZMyDayItem),
  /** The list to act on them all, filtered where the list can be. */
  link: z.string(),
});
export type TMyDayCard = z.infer<typeof ZMyDayCard>;

export const ZMyDay = z.object({
  today: ZIsoDate,
  /** The one-tap actions this person may take (calling for help is in the header of every page, so not here). */
  actions: z.array(z.enum(['quick_log', 'record_incident', 'raise_concern'])),
  cards: z.array(ZMyDayCard),
});
export type TMyDay = z.infer<typeof ZMyDay>;

export const ZMyDayQuery = z.object({ siteId: ZId.optional().describe('Only this site (one of yours)') });
