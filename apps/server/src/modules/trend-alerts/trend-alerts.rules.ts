/**
 * Trend alerts (ANA-5), the pure part: which settings are in force at a site, the two windows of school days being
 * compared, pupil-days, and which subjects (the site, each pupil) alert. No I/O; table-driven and property tests
 * sit beside.
 *
 * The rule: over the latest `periodDays` school days ending on the evaluation day (the current window) and the
 * `periodDays` school days before them (the previous window), a subject alerts for a measure when
 *   - the current window has at least `minCount` records, and
 *   - the current rate is more than (1 + marginPercent/100) × the previous rate.
 * Rates follow SPEC §9: a site's is per 100 pupils per school day (count ÷ pupil-days × 100), a pupil's per school
 * day on roll (count ÷ the school days they were on roll). When the previous rate is 0 (no records before), any
 * current window with at least `minCount` records alerts. When a rate cannot be worked out (no pupil-days in a window:
 * the pupil was not on roll, or the site had no pupils) nothing alerts: there is nothing to compare.
 * The comparison is exact: it cross-multiplies whole numbers instead of comparing two floating-point rates.
 */
import { TREND_ALERT_DEFAULTS, TREND_ALERT_MEASURES, type TAlertSettingsValues, type TTrendAlertMeasure } from '@haven/contracts';
import { addDays } from '../../core/calendar/calendar.ts';

export interface SettingsRow extends TAlertSettingsValues { siteId: string | null }
export type SettingsSource = 'site' | 'trust' | 'default';

/** The settings in force at a site: its own, else the trust-wide ones, else the defaults. */
export function effectiveSettings(rows: readonly SettingsRow[], siteId: string): { values: TAlertSettingsValues; source: SettingsSource } {
  const own = rows.find((r) => r.siteId === siteId);
  const trust = rows.find((r) => r.siteId === null);
  const pick = own ?? trust;
  const values = pick ? { enabled: pick.enabled, periodDays: pick.periodDays, marginPercent: pick.marginPercent, minCount: pick.minCount } : { ...TREND_ALERT_DEFAULTS };
  return { values, source: own ? 'site' : trust ? 'trust' : 'default' };
}

export interface TrendWindows {
  previousFrom: string;
  /** The day before currentFrom: the two windows are contiguous date ranges. */
  previousTo: string;
  currentFrom: string;
  /** The last school day on or before the evaluation day. */
  currentTo: string;
  previousDays: string[];
  currentDays: string[];
}

/**
 * The windows compared on `day`: the current one is the last `periodDays` school days on or before `day`, the previous
 * one the `periodDays` school days before those. As date ranges they meet: the previous window runs up to the day
 * before the current one starts, so a record made on a weekend or in a holiday counts in exactly one window. Null
 * when `schoolDays` (ascending) holds fewer than 2 × periodDays school days up to `day`.
 */
export function trendWindows(schoolDays: readonly string[], day: string, periodDays: number): TrendWindows | null {
  if (!Number.isInteger(periodDays) || periodDays < 1) throw new RangeError('periodDays must be a whole number of at least 1');
  let end = schoolDays.length;
  while (end > 0 && schoolDays[end - 1]! > day) end -= 1;
  if (end < 2 * periodDays) return null;
  const currentDays = schoolDays.slice(end - periodDays, end);
  const previousDays = schoolDays.slice(end - 2 * periodDays, end - periodDays);
  const currentFrom = currentDays[0]!;
  return { previousFrom: previousDays[0]!, previousTo: addDays(currentFrom, -1), currentFrom, currentTo: currentDays[periodDays - 1]!, previousDays, currentDays };
}

export interface Enrolment { start: string; end: string | null }

/** The school days among `days` on which a pupil was on roll. A leaving date before the joining date: never on roll. */
export function daysOnRoll(days: readonly string[], e: Enrolment): number {
  if (e.end !== null && e.end < e.start) return 0;
  let n = 0;
  for (const d of days) if (d >= e.start && (e.end === null || d <= e.end)) n += 1;
  return n;
}

export type Subject = 'site' | 'pupil';
export const SITE_KEY = 'site';

/** Records of one subject ('site', or a pupil's id) and measure in each window. */
export interface SubjectCounts { subjectKey: string; measure: TTrendAlertMeasure; previous: number; current: number }

export interface TrendDecision {
  subject: Subject;
  subjectKey: string;
  pupilId: string | null;
  measure: TTrendAlertMeasure;
  previousCount: number;
  currentCount: number;
  previousPupilDays: number;
  currentPupilDays: number;
  previousRate: number | null;
  currentRate: number | null;
}

/** A site's rate per 100 pupils per school day, a pupil's per school day; null without pupil-days. */
export function rateOf(subject: Subject, count: number, pupilDays: number): number | null {
  if (pupilDays === 0) return null;
  return subject === 'site' ? (count / pupilDays) * 100 : count / pupilDays;
}

export interface Observed { count: number; pupilDays: number }

/** The alert rule on counts and pupil-days (see the header), exactly: no floating-point rate is compared. */
export function isRise(previous: Observed, current: Observed, s: { marginPercent: number; minCount: number }): boolean {
  if (current.count < s.minCount || current.pupilDays === 0 || previous.pupilDays === 0) return false;
  if (previous.count === 0) return true;
  // current/curDays > previous/prevDays × (100 + margin)/100, both sides multiplied by curDays × prevDays × 100
  return current.count * previous.pupilDays * 100 > previous.count * current.pupilDays * (100 + s.marginPercent);
}

export interface TrendInput {
  windows: Pick<TrendWindows, 'previousDays' | 'currentDays'>;
  settings: { marginPercent: number; minCount: number };
  counts: readonly SubjectCounts[];
  /** Every pupil of the site with their enrolment: a pupil's pupil-days are their days on roll, the site's the sum. */
  enrolments: ReadonlyMap<string, Enrolment>;
}

const MEASURE_ORDER = new Map<string, number>(TREND_ALERT_MEASURES.map((m, i) => [m, i]));

/** The subjects and measures that alert, the site first, then pupils by id; each measure in TREND_ALERT_MEASURES order. */
export function evaluateTrendAlerts(input: TrendInput): TrendDecision[] {
  const { previousDays, currentDays } = input.windows;
  const cache = new Map<string, [number, number]>();
  const pupilDays = (key: string): [number, number] => {
    let v = cache.get(key);
    if (!v) {
      if (key === SITE_KEY) {
        v = [0, 0];
        for (const e of input.enrolments.values()) { v[0] += daysOnRoll(previousDays, e); v[1] += daysOnRoll(currentDays, e); }
      } else {
        const e = input.enrolments.get(key);
        v = e ? [daysOnRoll(previousDays, e), daysOnRoll(currentDays, e)] : [0, 0];
      }
      cache.set(key, v);
    }
    return v;
  };
  const out: TrendDecision[] = [];
  for (const c of input.counts) {
    if (c.current < input.settings.minCount) continue;
    const [prevDays, curDays] = pupilDays(c.subjectKey);
    if (!isRise({ count: c.previous, pupilDays: prevDays }, { count: c.current, pupilDays: curDays }, input.settings)) continue;
    const subject: Subject = c.subjectKey === SITE_KEY ? 'site' : 'pupil';
    out.push({
      subject, subjectKey: c.subjectKey, pupilId: subject === 'pupil' ? c.subjectKey : null, measure: c.measure,
      previousCount: c.previous, currentCount: c.current, previousPupilDays: prevDays, currentPupilDays: curDays,
      previousRate: rateOf(subject, c.previous, prevDays), currentRate: rateOf(subject, c.current, curDays),
    });
  }
  return out.sort((a, b) => (a.subject === b.subject ? 0 : a.subject === 'site' ? -1 : 1)
    || (a.subjectKey < b.subjectKey ? -1 : a.subjectKey > b.subjectKey ? 1 : 0)
    || MEASURE_ORDER.get(a.measure)! - MEASURE_ORDER.get(b.measure)!);
}

/** How much higher the current rate is, in per cent; null when the previous rate was 0 or either is unknown. */
export function risePercent(previousRate: number | null, currentRate: number | null): number | null {
  if (previousRate === null || currentRate === null || previousRate === 0) return null;
  return (currentRate / previousRate - 1) * 100;
}
