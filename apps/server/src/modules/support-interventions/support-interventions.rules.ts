/**
 * Support interventions (SUP-3, ANA-5), pure rules: the impact windows and rates, the measures and their ranges, and
 * which days can hold a session. Everything here works on the site's school calendar (core/calendar), so weekends,
 * holidays, half-terms, INSET and closure days are never school days.
 *
 * Impact: a school week is 5 school days. The "before" window is the 5×N school days immediately before the start
 * date; the "after" window is the 5×N school days from the start date (counted when it is a school day), cut at today
 * while it is in progress. A pupil's rate is their incident involvements (involved or instigator; voided records and
 * drafts never count, as on the dashboards) on the window's school days ÷ those school days while on roll. The group's
 * rate adds the counts and the school days of every pupil (so it is per pupil per school day).
 */
import { firstSchoolDays, isSchoolDay, lastSchoolDaysBefore, listSchoolDays, type SchoolCalendar } from '../../core/calendar/calendar.ts';
import { addDays, toDayNumber, weekdayOf } from '../../core/calendar/dates.ts';

export const DEFAULT_IMPACT_WEEKS = 6;
export const MAX_IMPACT_WEEKS = 26;
export const DAYS_PER_SCHOOL_WEEK = 5;

export interface Problem { field: string; message: string }

export interface ImpactWindow {
  /** First and last school day of the window (null when it holds none). */
  from: string | null;
  to: string | null;
  days: string[];
  /** The after window: has it run its full length yet? The before window is complete when the calendar held enough. */
  complete: boolean;
}

/** The 5×N school days up to the day before `start`, walking back (at most two years). */
export function beforeWindow(cal: SchoolCalendar, start: string, weeks: number): ImpactWindow {
  const wanted = weeks * DAYS_PER_SCHOOL_WEEK;
  const days = lastSchoolDaysBefore(cal, start, addDays(start, -730), wanted);
  return { from: days[0] ?? null, to: days.at(-1) ?? null, days, complete: days.length === wanted };
}

/** The 5×N school days from `start` (inclusive), only those up to `today`. */
export function afterWindow(cal: SchoolCalendar, start: string, weeks: number, today: string): ImpactWindow {
  const wanted = weeks * DAYS_PER_SCHOOL_WEEK;
  // 5×N school days (N ≤ 26) fit in well under 400 calendar days, holidays included
  const last = addDays(start, 400);
  const days = firstSchoolDays(cal, start, today < last ? today : last, wanted);
  return { from: days[0] ?? null, to: days.at(-1) ?? null, days, complete: days.length === wanted };
}

export interface Enrolment { start: string; end: string | null }

/** The window's school days (in order, as the windows hold them) on which the pupil was on roll. */
export function onRollDays(days: readonly string[], e: Enrolment): readonly string[] {
  const first = days[0];
  // on roll for the whole window (most pupils): the window itself, with nothing copied
  if (first === undefined || (e.start <= first && (e.end === null || e.end >= days[days.length - 1]!))) return days;
  return days.filter((d) => d >= e.start && (e.end === null || d <= e.end));
}

export interface RatePart { count: number; schoolDays: number; rate: number | null }

export function rate(count: number, schoolDays: number): number | null {
  return schoolDays > 0 ? count / schoolDays : null;
}

/** Records (their dates) that fall on the given school days. */
export function countOn(days: readonly string[], recordDates: readonly string[]): number {
  if (recordDates.length === 0 || days.length === 0) return 0;
  const set = new Set(days);
  return recordDates.filter((d) => set.has(d)).length;
}

export interface PupilImpact { before: RatePart; after: RatePart; change: number | null }

/** One pupil's before and after: their records on the window's school days while on roll. */
export function pupilImpact(before: readonly string[], after: readonly string[], enrolment: Enrolment, recordDates: readonly string[]): PupilImpact {
  const b = onRollDays(before, enrolment);
  const a = onRollDays(after, enrolment);
  const part = (days: readonly string[]): RatePart => { const count = countOn(days, recordDates); return { count, schoolDays: days.length, rate: rate(count, days.length) }; };
  const pb = part(b);
  const pa = part(a);
  return { before: pb, after: pa, change: pb.rate !== null && pa.rate !== null ? pa.rate - pb.rate : null };
}

/** The group: every pupil's counts and school days added up (a rate per pupil per school day). */
export function groupImpact(pupils: readonly PupilImpact[]): PupilImpact {
  const sum = (k: 'before' | 'after'): RatePart => {
    const count = pupils.reduce((s, p) => s + p[k].count, 0);
    const schoolDays = pupils.reduce((s, p) => s + p[k].schoolDays, 0);
    return { count, schoolDays, rate: rate(count, schoolDays) };
  };
  const before = sum('before');
  const after = sum('after');
  return { before, after, change: before.rate !== null && after.rate !== null ? after.rate - before.rate : null };
}

/** A pupil in a group: their enrolment, and their id to find their records by. */
export interface GroupMember { pupilId: string; enrolmentStart: string; enrolmentEnd: string | null }

/** Is `d` one of the sorted `days`? (binary search: nothing built per pupil) */
function isOneOf(days: readonly string[], d: string): boolean {
  let lo = 0;
  let hi = days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = days[mid]!;
    if (x === d) return true;
    if (x < d) lo = mid + 1; else hi = mid - 1;
  }
  return false;
}

/** One window's count and school days, added over the members (the window's days in order). */
function groupPart(days: readonly string[], members: readonly GroupMember[], records: ReadonlyMap<string, readonly string[]>): RatePart {
  let count = 0;
  let schoolDays = 0;
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return { count: 0, schoolDays: 0, rate: null };
  for (const m of members) {
    const onRollAll = m.enrolmentStart <= first && (m.enrolmentEnd === null || m.enrolmentEnd >= last);
    if (onRollAll) schoolDays += days.length;
    else for (const d of days) if (d >= m.enrolmentStart && (m.enrolmentEnd === null || d <= m.enrolmentEnd)) schoolDays += 1;
    const dates = records.get(m.pupilId);
    if (dates) {
      for (const d of dates) if (d >= first && d <= last && d >= m.enrolmentStart && (m.enrolmentEnd === null || d <= m.enrolmentEnd) && isOneOf(days, d)) count += 1;
    }
  }
  return { count, schoolDays, rate: rate(count, schoolDays) };
}

/**
 * The group's figures straight from its pupils' enrolments and records (dates by pupil id): the same figures as
 * groupImpact(members.map(pupilImpact)), without making each pupil's (the trust-wide overview of every intervention).
 */
export function groupImpactOf(before: readonly string[], after: readonly string[], members: readonly GroupMember[], records: ReadonlyMap<string, readonly string[]>): PupilImpact {
  const b = groupPart(before, members, records);
  const a = groupPart(after, members, records);
  return { before: b, after: a, change: b.rate !== null && a.rate !== null ? a.rate - b.rate : null };
}

// ---- Measures ---------------------------------------------------------------------------------------------------

export interface Scale { key: string; name: string; min: number; max: number; higherIsBetter: boolean; step: 'whole' | 'decimal' }

/** The built-in measures. SDQ total difficulties 0–40; Boxall strands of 34 items scored 0–4 each (0–136). */
export const BUILT_IN_SCALES: readonly Scale[] = [
  { key: 'sdq', name: 'SDQ total difficulties', min: 0, max: 40, higherIsBetter: false, step: 'whole' },
  { key: 'boxall_developmental', name: 'Boxall profile: developmental strand', min: 0, max: 136, higherIsBetter: true, step: 'whole' },
  { key: 'boxall_diagnostic', name: 'Boxall profile: diagnostic profile', min: 0, max: 136, higherIsBetter: false, step: 'whole' },
  { key: 'daily_points', name: 'Daily points average (%)', min: 0, max: 100, higherIsBetter: true, step: 'decimal' },
];

export const SDQ_INFORMANTS = ['teacher', 'parent', 'self'] as const;
export type SdqInformant = typeof SDQ_INFORMANTS[number];

/**
 * The SDQ four-band categorisation of the total difficulties score, by who completed it (close to average,
 * slightly raised, high, very high): the highest score of each of the first three bands.
 */
const SDQ_BANDS: Record<SdqInformant, readonly [number, number, number]> = {
  teacher: [11, 15, 18],
  parent: [13, 16, 19],
  self: [14, 17, 19],
};
export type SdqBand = 'close_to_average' | 'slightly_raised' | 'high' | 'very_high';

export function sdqBand(total: number, informant: SdqInformant): SdqBand {
  const [a, b, c] = SDQ_BANDS[informant];
  if (total <= a) return 'close_to_average';
  if (total <= b) return 'slightly_raised';
  if (total <= c) return 'high';
  return 'very_high';
}

/** Is the value a valid reading of the scale? The field is named for a 400. */
export function measureProblem(scale: Scale | undefined, value: number, informant: string | null | undefined): Problem | null {
  if (!scale) return { field: 'measure', message: 'This intervention does not use that measure' };
  if (!Number.isFinite(value)) return { field: 'value', message: 'Enter a number' };
  if (value < scale.min || value > scale.max) return { field: 'value', message: `${scale.name} is from ${scale.min} to ${scale.max}` };
  if (scale.step === 'whole' && !Number.isInteger(value)) return { field: 'value', message: `${scale.name} is a whole number` };
  if (scale.key === 'sdq' && !informant) return { field: 'informant', message: 'Say who completed the SDQ (teacher, parent or the pupil)' };
  if (scale.key !== 'sdq' && informant) return { field: 'informant', message: 'Only the SDQ records who completed it' };
  return null;
}

export function scaleProblem(s: { min: number; max: number }): Problem | null {
  if (s.max <= s.min) return { field: 'max', message: 'The highest score must be above the lowest' };
  return null;
}

/** Has the pupil improved between two readings on this scale (null when equal or missing)? */
export function improved(scale: Pick<Scale, 'higherIsBetter'>, baseline: number | null, outcome: number | null): boolean | null {
  if (baseline === null || outcome === null || baseline === outcome) return null;
  return scale.higherIsBetter ? outcome > baseline : outcome < baseline;
}

// ---- Dates -------------------------------------------------------------------------------------------------------

export function datesProblem(start: string, plannedEnd: string): Problem | null {
  if (plannedEnd < start) return { field: 'plannedEndDate', message: 'The planned end cannot be before the start' };
  if (toDayNumber(plannedEnd) - toDayNumber(start) > 366) return { field: 'plannedEndDate', message: 'An intervention runs for at most a year' };
  return null;
}

/** Sessions and daily points only on school days of the site's calendar. */
export function schoolDayProblem(cal: SchoolCalendar, field: string, date: string, window: { start: string; end: string }): Problem | null {
  if (date < window.start || date > window.end) return { field, message: 'Choose a day between the start and the end of the intervention' };
  if (!isSchoolDay(cal, date)) return { field, message: 'That day is not a school day (a weekend, a holiday or a closure day such as INSET)' };
  return null;
}

/** The school days from `from` to `to` on the chosen weekdays (1 = Monday … 5 = Friday): a schedule of sessions. */
export function scheduleDays(cal: SchoolCalendar, from: string, to: string, weekdays: readonly number[]): string[] {
  const wanted = new Set(weekdays);
  return listSchoolDays(cal, from, to).filter((d) => wanted.has(weekdayOf(d)));
}

/** The planned end from the start and a length in weeks (the last calendar day of the N-th week). */
export function plannedEndFrom(start: string, weeks: number): string {
  return addDays(start, weeks * 7 - 1);
}

/** Average daily points as a % of the maximum, or null without points. */
export function pointsAverage(rows: readonly { points: number; maxPoints: number }[]): number | null {
  const max = rows.reduce((s, r) => s + r.maxPoints, 0);
  if (max === 0) return null;
  return Math.round((rows.reduce((s, r) => s + r.points, 0) / max) * 1000) / 10;
}
