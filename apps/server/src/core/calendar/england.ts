/**
 * A realistic English school year, for demo data, tests and a new trust's first calendar. It follows the common
 * local-authority pattern rather than any one authority: six half-terms; a week's break at the end of October, in
 * mid-February and at Whitsun (the week of the late-May bank holiday); two weeks at Christmas and around Easter;
 * 195 days in term of which five are INSET days, leaving 190 days for pupils. Bank holidays that fall inside a term
 * become closure days. One-off bank holidays (jubilees, coronations) are not predicted: add them as closures.
 */
import type { CalendarClosure, CalendarTerm, SchoolCalendar } from './calendar.ts';
import { academicYearStarting, fromDayNumber, toDayNumber, weekdayOfDayNumber, type AcademicYear } from './dates.ts';

export interface EnglandClosure extends CalendarClosure {
  readonly kind: 'inset' | 'bank_holiday';
}

export interface EnglandCalendar extends SchoolCalendar {
  readonly academicYear: AcademicYear;
  readonly terms: readonly CalendarTerm[];
  readonly closures: readonly EnglandClosure[];
  /** Every bank holiday in England from 1 September to 31 August, in term or not. */
  readonly bankHolidays: readonly { readonly date: string; readonly name: string }[];
}

/** Days in term (INSET included) that the pattern aims for: 190 pupil days plus 5 INSET days. */
const DAYS_IN_TERM = 195;

const day = (y: number, m: number, d: number): number => Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
const weekday = weekdayOfDayNumber;
const isWeekendDay = (d: number): boolean => weekday(d) >= 6;
/** The first `dow` (1 = Monday) on or after day `d`. */
const onOrAfter = (d: number, dow: number): number => d + ((dow - weekday(d) + 7) % 7);
/** The last `dow` on or before day `d`. */
const onOrBefore = (d: number, dow: number): number => d - ((weekday(d) - dow + 7) % 7);

/** Easter Sunday (Gregorian) by the anonymous (Meeus/Jones/Butcher) algorithm, as an ISO date. */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new Error(`Invalid year ${year} for Easter: expected 1583–9999`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return fromDayNumber(day(year, month, dayOfMonth));
}

/** A fixed-date holiday moved to the next weekday(s) when it falls at a weekend. */
function substitute(d: number, taken: Set<number>): number {
  let s = d;
  while (isWeekendDay(s) || taken.has(s)) s += 1;
  taken.add(s);
  return s;
}

function bankHolidays(startYear: number): { day: number; name: string }[] {
  const next = startYear + 1;
  const easter = toDayNumber(easterSunday(next));
  const taken = new Set<number>();
  const christmas = substitute(day(startYear, 12, 25), taken);
  const boxing = substitute(day(startYear, 12, 26), taken);
  const list = [
    { day: christmas, name: 'Christmas Day' },
    { day: boxing, name: 'Boxing Day' },
    { day: substitute(day(next, 1, 1), new Set()), name: "New Year's Day" },
    { day: easter - 2, name: 'Good Friday' },
    { day: easter + 1, name: 'Easter Monday' },
    { day: onOrAfter(day(next, 5, 1), 1), name: 'Early May bank holiday' },
    { day: onOrBefore(day(next, 5, 31), 1), name: 'Spring bank holiday' },
    { day: onOrBefore(day(next, 8, 31), 1), name: 'Summer bank holiday' },
  ];
  return list.sort((a, b) => a.day - b.day);
}

/**
 * The terms, INSET days and in-term bank holidays of the English academic year starting in September of
 * `academicYearStartYear`.
 */
export function englandTermDates(academicYearStartYear: number): EnglandCalendar {
  const y = academicYearStartYear;
  if (!Number.isInteger(y) || y < 1900 || y > 9000) throw new Error(`Invalid academic year start ${y}: expected a year from 1900 to 9000`);
  const academicYear = academicYearStarting(y);
  const holidays = bankHolidays(y);
  const holidayDays = new Set(holidays.map((h) => h.day));

  // Autumn: start on the first weekday of September, but not on a Friday (start the Monday after instead).
  let autumnStart = day(y, 9, 1);
  while (isWeekendDay(autumnStart) || weekday(autumnStart) === 5) autumnStart += 1;
  const octoberBreak = onOrBefore(day(y, 10, 31), 1);
  const christmasEnd = day(y, 12, 18) - weekday(day(y, 12, 18)) + 5; // Friday of the week containing 18 December
  let springStart = christmasEnd + 17;
  while (holidayDays.has(springStart)) springStart += 1; // the New Year bank holiday may be that Monday
  const februaryBreak = onOrAfter(day(y + 1, 2, 12), 1);
  const easter = toDayNumber(easterSunday(y + 1));
  const whitsunBreak = onOrBefore(day(y + 1, 5, 31), 1);

  const spans: [number, number][] = [
    [autumnStart, octoberBreak - 3],
    [octoberBreak + 7, christmasEnd],
    [springStart, februaryBreak - 3],
    [februaryBreak + 7, easter - 9],
    [easter + 8, whitsunBreak - 3],
  ];
  const countDays = (from: number, to: number): number => {
    let n = 0;
    for (let d = from; d <= to; d += 1) if (!isWeekendDay(d) && !holidayDays.has(d)) n += 1;
    return n;
  };
  // Summer 2 runs until the year has its 195 days, kept within the usual range of 15 to 24 July.
  let remaining = DAYS_IN_TERM - spans.reduce((n, [a, b]) => n + countDays(a, b), 0);
  const summer2Start = whitsunBreak + 7;
  let summerEnd = summer2Start - 1;
  while (remaining > 0 || summerEnd < day(y + 1, 7, 15)) {
    summerEnd += 1;
    if (!isWeekendDay(summerEnd) && !holidayDays.has(summerEnd)) remaining -= 1;
    if (summerEnd >= day(y + 1, 7, 24) && !isWeekendDay(summerEnd)) break;
  }
  while (isWeekendDay(summerEnd)) summerEnd -= 1;
  spans.push([summer2Start, summerEnd]);

  const names: [CalendarTerm['term'], 1 | 2][] = [['autumn', 1], ['autumn', 2], ['spring', 1], ['spring', 2], ['summer', 1], ['summer', 2]];
  const terms: CalendarTerm[] = spans.map(([start, end], i) => {
    const [term, halfTerm] = names[i] ?? ['summer', 2];
    return { name: `${term[0]?.toUpperCase()}${term.slice(1)} ${halfTerm}`, term, halfTerm, startDate: fromDayNumber(start), endDate: fromDayNumber(end) };
  });

  const closures: EnglandClosure[] = [];
  const inTerm = (d: number): boolean => spans.some(([a, b]) => d >= a && d <= b);
  for (const h of holidays) if (inTerm(h.day) && !isWeekendDay(h.day)) closures.push({ date: fromDayNumber(h.day), reason: h.name, kind: 'bank_holiday' });
  const closed = new Set(holidays.map((h) => h.day));
  /** The first (or, walking backwards, last) working day of a span that is not already closed. */
  const firstOpen = (from: number, step: 1 | -1): number => {
    let d = from;
    while (isWeekendDay(d) || closed.has(d)) d += step;
    closed.add(d);
    return d;
  };
  const [a1, , s1, , u1, u2] = spans;
  const insetDays = [
    firstOpen(a1?.[0] ?? autumnStart, 1),
    firstOpen(a1?.[0] ?? autumnStart, 1),
    firstOpen(s1?.[0] ?? springStart, 1),
    firstOpen(u1?.[0] ?? easter + 8, 1),
    firstOpen(u2?.[1] ?? summerEnd, -1),
  ];
  for (const d of insetDays) closures.push({ date: fromDayNumber(d), reason: 'INSET day (staff training; school closed to pupils)', kind: 'inset' });
  closures.sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0));

  return {
    academicYear,
    terms,
    closures,
    bankHolidays: holidays.map((h) => ({ date: fromDayNumber(h.day), name: h.name })),
  };
}
