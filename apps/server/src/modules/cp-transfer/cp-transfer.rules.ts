/**
 * Pure rules of child-protection file transfers (DAT-4, LAW-11): the deadline (5 school days after the leaving date,
 * on the site's calendar, so closures and holidays do not count), which reminder is due, the one-time link's state,
 * which records go in the pack (all by default), and the passphrase Haven makes when the DSL does not choose one.
 */
import { randomInt } from 'node:crypto';
import { CalendarRangeError, addSchoolDays, schoolDaysBetween, type SchoolCalendar } from '../../core/calendar/calendar.ts';
import type { FieldError } from '../../core/http/errors.ts';

/** KCSIE: the file goes to the new school within 5 school days of the pupil leaving (or of the new term starting). */
export const TRANSFER_SCHOOL_DAYS = 5;
/** A reminder goes to the DSLs when this many school days (or fewer) are left, counting today and the due day. */
export const DUE_SOON_SCHOOL_DAYS = 2;
export const LINK_DAYS = 14;

/** The due day: the 5th school day after the leaving date; null when the calendar does not reach it yet. */
export function transferDueOn(cal: SchoolCalendar, leavingDate: string): string | null {
  try { return addSchoolDays(cal, leavingDate, TRANSFER_SCHOOL_DAYS); } catch (e) {
    if (e instanceof CalendarRangeError) return null;
    throw e;
  }
}

export type ReminderStage = 'due_soon' | 'overdue';

/** The transfer is done for the deadline once it is sent (the receipt is then chased, not the deadline). */
export function isOpen(status: string): boolean { return status === 'draft' || status === 'packed'; }

export function isOverdue(t: { status: string; dueOn: string | null }, today: string): boolean {
  return isOpen(t.status) && t.dueOn !== null && today > t.dueOn;
}

/**
 * The reminder to send today, if any: 'due_soon' when DUE_SOON_SCHOOL_DAYS or fewer school days are left (today and
 * the due day included), 'overdue' the day after the due day. Each is sent once; an overdue transfer that was never
 * warned gets the overdue reminder only.
 */
export function reminderToSend(cal: SchoolCalendar, t: { status: string; dueOn: string | null; remindedStage: string | null }, today: string): ReminderStage | null {
  if (!isOpen(t.status) || t.dueOn === null) return null;
  if (today > t.dueOn) return t.remindedStage === 'overdue' ? null : 'overdue';
  if (t.remindedStage) return null;
  return schoolDaysBetween(cal, today, t.dueOn) <= DUE_SOON_SCHOOL_DAYS ? 'due_soon' : null;
}

export type LinkState = 'usable' | 'expired' | 'downloaded' | 'received';

/** A link serves the file once; after that only the receipt can be confirmed through it, once. */
export function linkState(t: { linkExpiresAt: Date | null; linkDownloadedAt: Date | null; receivedOn: string | null }, now: Date): LinkState {
  if (t.receivedOn) return 'received';
  if (t.linkDownloadedAt) return 'downloaded';
  if (!t.linkExpiresAt || t.linkExpiresAt <= now) return 'expired';
  return 'usable';
}

export function linkExpiry(now: Date, days = LINK_DAYS): Date { return new Date(now.getTime() + days * 86_400_000); }

/** The leaving date: the pupil record's when it has one, else the one entered; a problem naming leavingDate otherwise. */
export function leavingDateOf(recorded: string | null, entered: string | undefined): { date: string; source: 'pupil_record' | 'entered' } | FieldError {
  if (recorded) return { date: recorded, source: 'pupil_record' };
  if (entered) return { date: entered, source: 'entered' };
  return { field: 'leavingDate', message: 'The pupil record has no leaving date: enter the last day at this school' };
}

/** Chosen ids must all be of this pupil's records; left out means all of them. */
export function chooseIds(available: readonly string[], chosen: readonly string[] | undefined, field: string): string[] | FieldError {
  if (chosen === undefined) return [...available];
  const known = new Set(available);
  const unknown = chosen.find((id) => !known.has(id));
  if (unknown) return { field, message: `Not one of this pupil's records: ${unknown}` };
  return [...new Set(chosen)];
}

/** Upper-case letters and digits that cannot be mistaken for each other when read out over the phone. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A passphrase of 6 groups of 5 (about 148 bits), to read out or send by a different route than the link. */
export function makePassphrase(pick: (n: number) => number = randomInt): string {
  const groups: string[] = [];
  for (let g = 0; g < 6; g += 1) {
    let s = '';
    for (let i = 0; i < 5; i += 1) s += ALPHABET[pick(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

