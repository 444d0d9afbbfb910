/**
 * Subject access rules (DAT-3), pure: the one-calendar-month deadline, which status may follow which, and whether a
 * request is overdue. The deadline follows the ICO's guidance: the same day of the next month as the day of receipt;
 * where that month has no such day (received 31 January), the last day of the month (28 or 29 February); and where
 * that falls on a Saturday or Sunday, the next working day (bank holidays are not known here: the school's calendar
 * holds term dates, not public holidays).
 */
import type { TSarStatus } from '@haven/contracts';

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The day one calendar month after `receivedOn` (yyyy-mm-dd), clamped to the month's last day. */
export function oneCalendarMonthAfter(receivedOn: string): string {
  const [y, m, d] = receivedOn.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate(); // month m (0-based m+1-1) + 1 → last day of the next month
  return ymd(new Date(Date.UTC(y, m, Math.min(d, lastDay))));
}

/** The response deadline: one calendar month from receipt, moved on to Monday when it falls at a weekend. */
export function sarDeadline(receivedOn: string): string {
  const due = new Date(`${oneCalendarMonthAfter(receivedOn)}T00:00:00Z`);
  const dow = due.getUTCDay();
  if (dow === 6) due.setUTCDate(due.getUTCDate() + 2);
  if (dow === 0) due.setUTCDate(due.getUTCDate() + 1);
  return ymd(due);
}

export const OPEN_STATUSES: readonly TSarStatus[] = ['received', 'gathering', 'redaction'];

/** Whole days from `today` to `dueOn` (negative once past). */
export function daysLeft(dueOn: string, today: string): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Overdue: still open after its deadline day. */
export function isOverdue(status: TSarStatus, dueOn: string, today: string): boolean {
  return OPEN_STATUSES.includes(status) && today > dueOn;
}

/**
 * The moves a request makes by hand. Released is reached only by releasing (the files are made then); a released
 * or withdrawn request is closed. Redaction may go back to gathering (to gather again after records were corrected).
 */
const NEXT: Record<TSarStatus, readonly TSarStatus[]> = {
  received: ['gathering', 'withdrawn'],
  gathering: ['redaction', 'withdrawn'],
  redaction: ['gathering', 'withdrawn'],
  released: [],
  withdrawn: [],
};

export function canMove(from: TSarStatus, to: TSarStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextStatuses(from: TSarStatus): readonly TSarStatus[] {
  return NEXT[from];
}
