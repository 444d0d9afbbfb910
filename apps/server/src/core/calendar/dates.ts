/**
 * Date-only arithmetic on ISO strings ('YYYY-MM-DD'). Every date is turned into a whole day number (days since
 * 1970-01-01, computed in UTC) so that no local time zone or clock change can move a date by a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The day number of an ISO date; throws a clear Error on anything that is not a real calendar date. */
export function toDayNumber(iso: string): number {
  const m = typeof iso === 'string' ? ISO_DATE.exec(iso) : null;
  if (!m) throw new Error(`Invalid date ${JSON.stringify(iso)}: expected a date in the form YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC maps years 0–99 onto 1900–1999, and rolls 31 February over to March: both are rejected here.
  if (y < 1000 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new Error(`Invalid date "${iso}": there is no such day in the calendar`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/** Dates already written (school-day arithmetic writes the same few hundred over and over); at most 20,000 kept. */
const DAY_NAMES = new Map<number, string>();

/** The ISO date of a day number. */
export function fromDayNumber(day: number): string {
  const known = DAY_NAMES.get(day);
  if (known !== undefined) return known;
  if (!Number.isInteger(day)) throw new Error(`Invalid day number ${day}: expected a whole number of days`);
  const iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (DAY_NAMES.size >= 20_000) DAY_NAMES.clear();
  DAY_NAMES.set(day, iso);
  return iso;
}

/** True when `iso` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(iso: unknown): iso is string {
  if (typeof iso !== 'string') return false;
  try { toDayNumber(iso); return true; } catch { return false; }
}

/** Throws unless `iso` is a real calendar date; returns it unchanged. */
export function assertIsoDate(iso: string): string {
  toDayNumber(iso);
  return iso;
}

/** The date `n` calendar days after (or, for negative `n`, before) `iso`. */
export function addDays(iso: string, n: number): string {
  return fromDayNumber(toDayNumber(iso) + n);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO weekday of a day number: Monday 1 … Sunday 7. (1970-01-01 was a Thursday.) */
export function weekdayOfDayNumber(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday of a date: Monday 1 … Sunday 7. */
export function weekdayOf(iso: string): number {
  return weekdayOfDayNumber(toDayNumber(iso));
}

/** Monday to Friday. */
export function isWeekday(iso: string): boolean {
  return weekdayOf(iso) <= 5;
}

/** The date as written in England: '2026-11-22' → '22/11/2026'. */
export function formatUkDate(iso: string): string {
  toDayNumber(iso);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The ISO date of a year, month (1–12) and day, validated. */
export function isoDate(year: number, month: number, day: number): string {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return assertIsoDate(iso);
}

const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in England (Europe/London) at an instant: what a school calls "today". */
export function londonIsoDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new Error('Invalid instant: cannot take the date of an invalid Date');
  const parts = LONDON_DATE.formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return assertIsoDate(`${get('year')}-${get('month')}-${get('day')}`);
}

/** Earlier of two ISO dates (ISO strings of the same length compare as dates). */
export function minDate(a: string, b: string): string { return a <= b ? a : b; }
/** Later of two ISO dates. */
export function maxDate(a: string, b: string): string { return a >= b ? a : b; }

export interface AcademicYear {
  /** '2026/27' */
  readonly label: string;
  readonly startYear: number;
  /** 1 September */
  readonly startDate: string;
  /** 31 August of the next calendar year */
  readonly endDate: string;
}

/** The academic year (1 September to 31 August) that starts in `startYear`. */
export function academicYearStarting(startYear: number): AcademicYear {
  if (!Number.isInteger(startYear) || startYear < 1000 || startYear > 9998) {
    throw new Error(`Invalid academic year start ${startYear}: expected a four-digit year`);
  }
  const end = startYear + 1;
  return {
    label: `${startYear}/${String(end % 100).padStart(2, '0')}`,
    startYear,
    startDate: `${startYear}-09-01`,
    endDate: `${end}-08-31`,
  };
}

/** The academic year containing `date`: September to December belong to the year that starts then. */
export function academicYearOf(date: string): AcademicYear {
  toDayNumber(date);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return academicYearStarting(month >= 9 ? year : year - 1);
}
