/**
 * Pure analytics rules (SPEC §9): rates per 100 pupils per school day, group rate ratios, risk indices and ratios,
 * "n/a" for zero denominators, suppression of counts 1–4 with the rates built on them withheld, Monday weeks, the
 * median duration, sign-off within 48 hours, how a date range splits into the rollup's academic years, months
 * and edge days, and how far a period still in progress is counted (periodSoFar). The trend-alert rule is in
 * modules/trend-alerts. No I/O: table-driven and property tests sit beside.
 */
import { addDays, fromDayNumber, toDayNumber, weekdayOfDayNumber } from '../../core/calendar/calendar.ts';

/** Counts from 1 to 4 are shown as "fewer than 5" wherever a governor or anyone outside the trust can see them. */
export const SUPPRESS_BELOW = 5;

export type RateNote = 'n/a' | 'withheld' | null;

/** A count as shown to one viewer, with the rate built on it. */
export interface Figure {
  count: number | null;
  suppressed: boolean;
  rate: number | null;
  rateNote: RateNote;
}

/** True when a count must be hidden from an aggregate-only viewer: 1 to 4 (0 is shown: it identifies no one). */
export function isSmallCount(count: number): boolean {
  return count >= 1 && count < SUPPRESS_BELOW;
}

/** A ratio, or null ("n/a") when its denominator is zero. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** A share in per cent (part ÷ whole × 100), or null ("n/a") when the whole is zero. */
export function percentOf(part: number, whole: number): number | null {
  const r = ratio(part, whole);
  return r === null ? null : r * 100;
}

/** Rate per 100 pupils per school day = count ÷ pupil-days × 100; null ("n/a") when there are no pupil-days. */
export function ratePer100(count: number, pupilDays: number): number | null {
  const r = ratio(count, pupilDays);
  return r === null ? null : r * 100;
}

/**
 * A count and its rate for one viewer. `suppress`: the viewer sees aggregates only, so 1–4 becomes "fewer than 5" and
 * any rate built on a suppressed count (the count itself or any other in `dependsOn`) is withheld.
 */
export function figure(count: number, rate: number | null, suppress: boolean, dependsOn: readonly number[] = []): Figure {
  const hidden = suppress && isSmallCount(count);
  const withheld = suppress && (hidden || dependsOn.some(isSmallCount));
  if (withheld) return { count: hidden ? null : count, suppressed: hidden, rate: null, rateNote: 'withheld' };
  return { count, suppressed: false, rate, rateNote: rate === null ? 'n/a' : null };
}

/** A rate with no count of its own (a ratio of rates): withheld when any count it is built on is suppressed. */
export function derived(value: number | null, suppress: boolean, dependsOn: readonly number[]): { value: number | null; note: RateNote } {
  if (suppress && dependsOn.some(isSmallCount)) return { value: null, note: 'withheld' };
  return { value, note: value === null ? 'n/a' : null };
}

/** Group rate ratio (SPEC §9) = (count of G ÷ pupil-days of G) ÷ (count of everyone else ÷ their pupil-days). */
export function groupRateRatio(countG: number, pupilDaysG: number, countRest: number, pupilDaysRest: number): number | null {
  const g = ratio(countG, pupilDaysG);
  const rest = ratio(countRest, pupilDaysRest);
  if (g === null || rest === null) return null;
  return ratio(g, rest);
}

/** Risk index = % of the group's pupils with at least one event of the kind in the period. */
export function riskIndex(pupilsWithEvent: number, pupils: number): number | null {
  const r = ratio(pupilsWithEvent, pupils);
  return r === null ? null : r * 100;
}

/** Risk ratio = risk index of G ÷ risk index of everyone else. */
export function riskRatio(withG: number, pupilsG: number, withRest: number, pupilsRest: number): number | null {
  const g = riskIndex(withG, pupilsG);
  const rest = riskIndex(withRest, pupilsRest);
  if (g === null || rest === null) return null;
  return ratio(g, rest);
}

/** The Monday of the week (Monday to Sunday) containing a date. */
export function weekStart(date: string): string {
  const n = toDayNumber(date);
  return fromDayNumber(n - (weekdayOfDayNumber(n) - 1));
}

/** The first of the month containing a date. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** 1 September of the academic year containing a date. */
export function academicYearStart(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return `${m >= 9 ? y : y - 1}-09-01`;
}

export type Granularity = 'day' | 'week' | 'month';

export function bucketOf(date: string, granularity: Granularity): string {
  if (granularity === 'day') return date;
  return granularity === 'week' ? weekStart(date) : monthStart(date);
}

function monthEnd(first: string): string {
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

export interface RangeBuckets {
  /** Whole academic years inside the range (their 1 September). */
  years: string[];
  /** Whole calendar months inside the range and not inside a whole year (their 1st). */
  months: string[];
  /** The remaining dates, as inclusive ranges (at most two: the ragged start and end). */
  days: [string, string][];
}

/**
 * Splits [from, to] into whole academic years, then whole months, then edge days, so a range reads the fewest rollup
 * rows: each date of the range is covered exactly once. With `years: false` whole years are split into their months
 * (monthBuckets).
 */
export function rangeBuckets(from: string, to: string, opts: { years?: boolean } = {}): RangeBuckets {
  const useYears = opts.years ?? true;
  const out: RangeBuckets = { years: [], months: [], days: [] };
  let cursor = from;
  let dayStart: string | null = null;
  const flushDays = () => { if (dayStart !== null) { out.days.push([dayStart, addDays(cursor, -1)]); dayStart = null; } };
  while (cursor <= to) {
    const nextYear = `${Number(cursor.slice(0, 4)) + 1}-09-01`;
    if (useYears && cursor.endsWith('-09-01') && addDays(nextYear, -1) <= to) {
      flushDays();
      out.years.push(cursor);
      cursor = nextYear;
    } else if (cursor.endsWith('-01') && monthEnd(cursor) <= to) {
      flushDays();
      out.months.push(cursor);
      cursor = addDays(monthEnd(cursor), 1);
    } else {
      dayStart ??= cursor;
      const end = monthEnd(monthStart(cursor));
      cursor = addDays(end < to ? end : to, 1);
    }
  }
  flushDays();
  return out;
}

/**
 * [from, to] as whole calendar months and edge days, never a year: the pieces a monthly series reads, since a
 * year's (or all time's) row cannot say which month its records fell in. Each date is covered exactly once.
 */
export function monthBuckets(from: string, to: string): RangeBuckets {
  return rangeBuckets(from, to, { years: false });
}

export interface SignedBuckets {
  years: string[];
  plus: RangeBuckets;
  /** Parts of those years outside the range, subtracted (counts are sums, so year − outside = inside, exactly). */
  minus: RangeBuckets;
}

function mergeInto(target: RangeBuckets, b: RangeBuckets): void {
  target.years.push(...b.years);
  target.months.push(...b.months);
  target.days.push(...b.days);
}

/**
 * Like rangeBuckets, but a range covering most of an academic year reads that year's row minus the rest of the year
 * (e.g. 1 September to today = the year minus the days after today, which in a holiday hold no rows at all).
 */
export function signedBuckets(from: string, to: string): SignedBuckets {
  const out: SignedBuckets = { years: [], plus: { years: [], months: [], days: [] }, minus: { years: [], months: [], days: [] } };
  for (let ys = academicYearStart(from); ys <= to; ys = `${Number(ys.slice(0, 4)) + 1}-09-01`) {
    const ye = addDays(`${Number(ys.slice(0, 4)) + 1}-09-01`, -1);
    const a = from > ys ? from : ys;
    const z = to < ye ? to : ye;
    const inside = toDayNumber(z) - toDayNumber(a) + 1;
    const length = toDayNumber(ye) - toDayNumber(ys) + 1;
    if (inside * 2 > length) {
      out.years.push(ys);
      if (a > ys) mergeInto(out.minus, rangeBuckets(ys, addDays(a, -1)));
      if (z < ye) mergeInto(out.minus, rangeBuckets(addDays(z, 1), ye));
    } else {
      mergeInto(out.plus, rangeBuckets(a, z));
    }
  }
  return out;
}

export type PeriodKind = 'term' | 'year' | 'week' | 'period';

/** What the figures of a period cover on `today`: the field every dashboard and report carries (TFiguresProgress). */
export interface Progress { figuresTo: string; inProgress: boolean; note: string | null }

const ukDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const KIND_WORD: Record<PeriodKind, string> = { term: 'Term', year: 'Year', week: 'Week', period: 'Period' };

/**
 * SPEC §9: a period still in progress counts only the days so far. A period that runs past today is counted from its
 * start to today (records and pupil-days alike: a rate divides by the pupil-days up to today) and says so; one that
 * starts after today counts nothing yet (figures to the day before it starts). `today` is the school's date
 * (core/time schoolToday).
 */
export function periodSoFar(from: string, to: string, today: string, kind: PeriodKind = 'period'): Progress {
  if (to <= today) return { figuresTo: to, inProgress: false, note: null };
  if (from > today) return { figuresTo: addDays(from, -1), inProgress: true, note: `${KIND_WORD[kind]} not started: no figures yet.` };
  return { figuresTo: today, inProgress: true, note: `${KIND_WORD[kind]} in progress: figures to ${ukDate(today)}.` };
}

/** The notes a download carries above its table: the progress note of a period in progress, else none. */
export function progressNotes(p: Progress): string[] {
  return p.note ? [p.note] : [];
}

/** Median of whole numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Signed off within 48 hours (SPEC §9) = sign-off time − first submission time ≤ 48 clock hours. */
export function signedOffWithin48h(firstSubmittedAt: string | null, signedOffAt: string | null): boolean {
  if (!firstSubmittedAt || !signedOffAt) return false;
  return new Date(signedOffAt).getTime() - new Date(firstSubmittedAt).getTime() <= 48 * 3600 * 1000;
}
