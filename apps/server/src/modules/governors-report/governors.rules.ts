/**
 * The governors' termly report (ANA-7) as a pure model: every count through `shown` (1–4 → "fewer than 5"), every
 * rate or ratio through `rateText`, withheld when any count it is built on is 1–4 (SPEC §9). No pupil or staff
 * identity ever enters the model: its inputs are counts.
 */
import { isSmallCount, median, ratePer100, ratio } from '../analytics/analytics.rules.ts';

export const FEWER_THAN_5 = 'fewer than 5';
export const WITHHELD = 'withheld';

/** A count as a governor may see it. */
export function shown(n: number): string {
  return isSmallCount(n) ? FEWER_THAN_5 : n.toLocaleString('en-GB');
}

/** A rate or ratio built on counts: withheld when any of them is 1–4, "n/a" when it has no denominator. */
export function rateText(value: number | null, builtOn: readonly number[], digits = 2): string {
  if (builtOn.some(isSmallCount)) return WITHHELD;
  return value === null ? 'n/a' : value.toFixed(digits);
}

/** A share (%) of a whole: withheld when either count is 1–4. */
export function shareText(part: number, whole: number): string {
  const r = ratio(part, whole);
  return rateText(r === null ? null : r * 100, [part, whole], 0) + (whole > 0 && !isSmallCount(part) && !isSmallCount(whole) ? '%' : '');
}

export interface PeriodCounts { pupilDays: number; schoolDays: number; counts: Record<string, number> }

export const BEHAVIOUR_ROWS: readonly { measure: string; label: string }[] = [
  { measure: 'inc', label: 'Incidents' }, { measure: 'inv', label: 'Pupil involvements in incidents' },
  { measure: 'neg', label: 'Negative behaviour points' }, { measure: 'pos', label: 'Positive points' },
  { measure: 'pi', label: 'Physical interventions' },
];

/** Behaviour this term beside last term: counts and rates per 100 pupils per school day. */
export function behaviourTable(current: PeriodCounts, previous: PeriodCounts | null): string[][] {
  return BEHAVIOUR_ROWS.map(({ measure, label }) => {
    const n = current.counts[measure] ?? 0;
    const p = previous ? (previous.counts[measure] ?? 0) : null;
    return [label, shown(n), rateText(ratePer100(n, current.pupilDays), [n], 3),
      p === null ? 'n/a' : shown(p), p === null || !previous ? 'n/a' : rateText(ratePer100(p, previous.pupilDays), [p], 3)];
  });
}

export interface InterventionInput { minutes: number | null; pupilInjured: boolean; staffInjured: boolean; pupilDebriefed: boolean; staffDebriefed: boolean; parentInformed: boolean }

export function interventionTable(rows: readonly InterventionInput[]): string[][] {
  const n = rows.length;
  const minutes = rows.map((r) => r.minutes).filter((m): m is number => m !== null);
  const total = minutes.reduce((a, b) => a + b, 0);
  const count = (f: (r: InterventionInput) => boolean) => rows.filter(f).length;
  const med = median(minutes);
  return [
    ['Physical interventions', shown(n)],
    ['Total duration (minutes)', isSmallCount(n) ? WITHHELD : total.toLocaleString('en-GB')],
    ['Median duration (minutes)', isSmallCount(n) ? WITHHELD : med === null ? 'n/a' : String(med)],
    ['Pupil injured', shown(count((r) => r.pupilInjured))],
    ['Member of staff injured', shown(count((r) => r.staffInjured))],
    ['Pupil debriefed', shareText(count((r) => r.pupilDebriefed), n)],
    ['Staff debriefed', shareText(count((r) => r.staffDebriefed), n)],
    ['Parent informed', shareText(count((r) => r.parentInformed), n)],
  ];
}
