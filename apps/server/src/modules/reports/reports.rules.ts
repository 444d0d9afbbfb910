/** Pure rules of the reports: weeks (Monday to Sunday, SPEC §9), suppression of small counts, schedules in words. */
import { addDays, weekdayOf } from '../../core/calendar/calendar.ts';

export const SUPPRESSED = 'fewer than 5' as const;
export type ShownCount = number | typeof SUPPRESSED;

/** SPEC §9: in anything a governor (or anyone outside the trust) can see, a count from 1 to 4 is "fewer than 5". */
export function shown(n: number, suppress: boolean): ShownCount {
  return suppress && n >= 1 && n <= 4 ? SUPPRESSED : n;
}

/** The Monday and Sunday of the week containing `date` (weeks run Monday to Sunday). */
export function weekOf(date: string): { weekStart: string; weekEnd: string } {
  const wd = weekdayOf(date); // 1 = Monday … 7 = Sunday
  const weekStart = addDays(date, 1 - wd);
  return { weekStart, weekEnd: addDays(weekStart, 6) };
}

/** The last complete week before `today` (on a Monday morning: the week that has just ended). */
export function lastCompleteWeek(today: string): { weekStart: string; weekEnd: string } {
  return weekOf(addDays(weekOf(today).weekStart, -1));
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export function scheduleInWords(weekday: number, hour: number): string {
  return `Every ${DAYS[weekday - 1] ?? '?'} at ${String(hour).padStart(2, '0')}:00`;
}

/** Change from the previous period in words, e.g. "up 3", "down 2", "no change"; withheld when either side is suppressed. */
export function change(now: ShownCount, before: ShownCount): string {
  if (typeof now !== 'number' || typeof before !== 'number') return '–';
  const d = now - before;
  return d === 0 ? 'no change' : d > 0 ? `up ${d}` : `down ${-d}`;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
