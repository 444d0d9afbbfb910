/**
 * School-day arithmetic (SPEC §3, §9): a school day is a weekday inside a term of the site's calendar and not a
 * closure day; a session is the AM or PM of a school day. Suspension totals, statutory deadlines (LAW-6, LAW-7,
 * LAW-8, LAW-11) and every rate use these functions, so they are pure, exhaustively tested, and work on date-only
 * ISO strings in UTC day numbers (see dates.ts).
 */
import { fromDayNumber, toDayNumber, weekdayOfDayNumber } from './dates.ts';

export * from './dates.ts';
export { englandTermDates, easterSunday, type EnglandCalendar, type EnglandClosure } from './england.ts';

export type TermName = 'autumn' | 'spring' | 'summer';

/** One half-term: the unit of teaching between holidays. Dates are inclusive. */
export interface CalendarTerm {
  readonly name: string;
  readonly term: TermName;
  readonly halfTerm: 1 | 2;
  readonly startDate: string;
  readonly endDate: string;
}

export interface CalendarClosure {
  readonly date: string;
  readonly reason: string;
}

/**
 * One site's calendar: its half-terms and its closure days (INSET, bank holidays, emergency closures). The caller has
 * already filtered trust-wide and site closures for the site. Treat it as immutable: compiled forms are cached per object.
 */
export interface SchoolCalendar {
  readonly terms: readonly CalendarTerm[];
  readonly closures: readonly CalendarClosure[];
}

/** Raised when an answer would need school days beyond the last term the calendar holds. */
export class CalendarRangeError extends Error {
  override readonly name = 'CalendarRangeError';
}

interface Compiled {
  /** [start, end] day numbers, sorted by start. */
  readonly terms: readonly (readonly [number, number, CalendarTerm])[];
  readonly closures: ReadonlySet<number>;
  readonly lastDay: number;
}

const compiledCache = new WeakMap<SchoolCalendar, Compiled>();

function compile(cal: SchoolCalendar): Compiled {
  const cached = compiledCache.get(cal);
  if (cached) return cached;
  const terms = cal.terms.map((t) => {
    const start = toDayNumber(t.startDate);
    const end = toDayNumber(t.endDate);
    if (end < start) throw new Error(`Term "${t.name}" ends (${t.endDate}) before it starts (${t.startDate})`);
    return [start, end, t] as const;
  }).sort((a, b) => a[0] - b[0]);
  const closures = new Set(cal.closures.map((c) => toDayNumber(c.date)));
  const lastDay = terms.reduce((m, t) => Math.max(m, t[1]), Number.NEGATIVE_INFINITY);
  const compiled: Compiled = { terms, closures, lastDay };
  compiledCache.set(cal, compiled);
  return compiled;
}

function termAt(c: Compiled, day: number): CalendarTerm | null {
  for (const [start, end, term] of c.terms) {
    if (start > day) break;
    if (day <= end) return term;
  }
  return null;
}

function isSchoolDayNumber(c: Compiled, day: number): boolean {
  return weekdayOfDayNumber(day) <= 5 && !c.closures.has(day) && termAt(c, day) !== null;
}

/** A weekday inside a term and not a closure day. */
export function isSchoolDay(cal: SchoolCalendar, date: string): boolean {
  return isSchoolDayNumber(compile(cal), toDayNumber(date));
}

/** The half-term containing `date` (holidays and weekends inside a term count as in it), or null in a holiday. */
export function termOf(cal: SchoolCalendar, date: string): CalendarTerm | null {
  return termAt(compile(cal), toDayNumber(date));
}

/** Every school day from `from` to `to`, both inclusive, in order. Empty when `to` is before `from`. */
export function listSchoolDays(cal: SchoolCalendar, from: string, to: string): string[] {
  const c = compile(cal);
  const out: string[] = [];
  const last = toDayNumber(to);
  for (let d = toDayNumber(from); d <= last; d += 1) if (isSchoolDayNumber(c, d)) out.push(fromDayNumber(d));
  return out;
}

/** The first `n` school days from `from` to `to`, both inclusive, in order (listSchoolDays cut at n, without walking on). */
export function firstSchoolDays(cal: SchoolCalendar, from: string, to: string, n: number): string[] {
  const c = compile(cal);
  const out: string[] = [];
  const last = Math.min(toDayNumber(to), c.lastDay);
  for (let d = toDayNumber(from); d <= last && out.length < n; d += 1) if (isSchoolDayNumber(c, d)) out.push(fromDayNumber(d));
  return out;
}

/** The last `n` school days before `date` (not counting it) and on or after `earliest`, in order. */
export function lastSchoolDaysBefore(cal: SchoolCalendar, date: string, earliest: string, n: number): string[] {
  const c = compile(cal);
  const out: string[] = [];
  const first = c.terms[0]?.[0];
  if (first === undefined) return out;
  const stop = Math.max(toDayNumber(earliest), first);
  for (let d = toDayNumber(date) - 1; d >= stop && out.length < n; d -= 1) if (isSchoolDayNumber(c, d)) out.push(fromDayNumber(d));
  return out.reverse();
}

/** How many school days from `from` to `to`, both inclusive (0 when `to` is before `from`). */
export function schoolDaysBetween(cal: SchoolCalendar, from: string, to: string): number {
  const c = compile(cal);
  const last = toDayNumber(to);
  let first = toDayNumber(from);
  let count = 0;
  // Skip straight over stretches outside every term: a range may span several years.
  for (const [start, end] of c.terms) {
    if (end < first) continue;
    if (start > last) break;
    for (let d = Math.max(first, start); d <= Math.min(end, last); d += 1) {
      if (weekdayOfDayNumber(d) <= 5 && !c.closures.has(d)) count += 1;
    }
    first = Math.max(first, end + 1);
  }
  return count;
}

/** Sessions (AM and PM) from `from` to `to` inclusive: two per school day. */
export function sessionsBetween(cal: SchoolCalendar, from: string, to: string): number {
  return 2 * schoolDaysBetween(cal, from, to);
}

function requireCount(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`Invalid number of school days ${n}: expected a whole number of at least 1`);
}

function nthFromDay(cal: SchoolCalendar, startDay: number, n: number, what: string): string {
  requireCount(n);
  const c = compile(cal);
  let seen = 0;
  for (let d = startDay; d <= c.lastDay; d += 1) {
    if (isSchoolDayNumber(c, d)) {
      seen += 1;
      if (seen === n) return fromDayNumber(d);
    }
  }
  const lastTerm = Number.isFinite(c.lastDay) ? fromDayNumber(c.lastDay) : 'no terms at all';
  throw new CalendarRangeError(`The calendar ends before ${what} (its last term ends ${lastTerm}): add the next academic year's terms`);
}

/**
 * The n-th school day after `date` (n ≥ 1), not counting `date` itself: "within 15 school days of the decision"
 * ends on addSchoolDays(cal, decisionDate, 15).
 */
export function addSchoolDays(cal: SchoolCalendar, date: string, n: number): string {
  return nthFromDay(cal, toDayNumber(date) + 1, n, `the ${n}th school day after ${date}`);
}

/**
 * The n-th school day counting `start` as day 1 when it is a school day: "from the sixth school day of a
 * suspension" that starts on `start` is nthSchoolDayFrom(cal, start, 6).
 */
export function nthSchoolDayFrom(cal: SchoolCalendar, start: string, n: number): string {
  return nthFromDay(cal, toDayNumber(start), n, `the ${n}th school day from ${start}`);
}

/** The first school day after `date`. */
export function nextSchoolDay(cal: SchoolCalendar, date: string): string {
  return addSchoolDays(cal, date, 1);
}

/** The last school day before `date`, or null when the calendar has none. */
export function previousSchoolDay(cal: SchoolCalendar, date: string): string | null {
  const c = compile(cal);
  const first = c.terms[0]?.[0];
  if (first === undefined) return null;
  for (let d = toDayNumber(date) - 1; d >= first; d -= 1) if (isSchoolDayNumber(c, d)) return fromDayNumber(d);
  return null;
}
