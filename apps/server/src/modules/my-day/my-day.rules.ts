/** Pure rules of "my day": which cards a person sees when they are empty, their order, and the school's date and time of an instant. */
import { MY_DAY_CARDS, type TMyDayCard, type TMyDayCardKey } from '@haven/contracts';
import { SCHOOL_TIME_ZONE } from '../../core/time.ts';

/** How many items a card lists (the rest are behind its link). */
export const ITEM_LIMIT = 5;

/** A deadline this close (in school days) is flagged as well as an overdue one. */
export const DEADLINE_SOON_SCHOOL_DAYS = 2;

/**
 * Cards shown even when there is nothing in them, because they are that person's daily work: a member of staff's own
 * records and duties, and a lead's queues. Anything else (a lead's own drafts, a call for help, a head's decision) is
 * shown only when there is something to act on, so nobody's page fills with empty cards that are not theirs.
 */
const STAFF_CARDS: readonly TMyDayCardKey[] = ['returned', 'drafts', 'supervising', 'my_groups'];
const LEAD_CARDS: readonly TMyDayCardKey[] = ['review_waiting', 'review_overdue', 'pi_parent_not_told', 'tasks', 'detentions_today', 'isolation_today'];
const ALWAYS: readonly TMyDayCardKey[] = ['deadlines', 'reports', 'children', 'safeguarding_new'];

export interface Shape {
  /** Reviews incidents somewhere (a lead): their own work is shown only when there is some. */
  lead: boolean;
}

export function keepCard(card: Pick<TMyDayCard, 'key' | 'total'>, shape: Shape): boolean {
  if (card.total > 0) return true;
  if (ALWAYS.includes(card.key)) return true;
  if (shape.lead) return LEAD_CARDS.includes(card.key);
  return STAFF_CARDS.includes(card.key);
}

/** The cards kept, in the one order of MY_DAY_CARDS (calls for help first). */
export function arrange(cards: readonly TMyDayCard[], shape: Shape): TMyDayCard[] {
  return cards.filter((c) => keepCard(c, shape)).sort((a, b) => MY_DAY_CARDS.indexOf(a.key) - MY_DAY_CARDS.indexOf(b.key));
}

/** An instant as the school's date (YYYY-MM-DD) and time (HH:MM) in Europe/London. */
export function schoolDateTime(iso: string | null): { date: string | null; time: string | null } {
  if (!iso) return { date: null, time: null };
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { date: null, time: null };
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: SCHOOL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** A time of day from the database ('15:30:00') as HH:MM. */
export function clockTime(t: string | null): string | null {
  return t ? t.slice(0, 5) : null;
}

/** Deadlines first by day due (the undated ones, waiting for next year's calendar, last); overdue or due within two school days flagged. */
export function deadlineOrder<T extends { due: string | null }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31'));
}
export function deadlineFlagged(d: { overdue: boolean; schoolDaysRemaining: number | null }): boolean {
  return d.overdue || (d.schoolDaysRemaining !== null && d.schoolDaysRemaining <= DEADLINE_SOON_SCHOOL_DAYS);
}

/** "3 pupils", "1 pupil". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
