/**
 * The governors' termly report (ANA-7) as a pure model: every count through `shown` (1–4 → "fewer than 5"), every
 * rate or ratio through `rateText`, withheld when any count it is built on is 1–4 (SPEC §9). No pupil or staff
 * identity ever enters the model: its inputs are counts.
 */
import { isSmallCount, ratePer100, ratio } from '../analytics/analytics.rules.ts';
import type { PiSummary } from '../intervention-analytics/intervention-analytics.rules.ts';
import type { QualitySummary } from '../record-quality/record-quality.rules.ts';

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

/** ANA-3's figures of the term's interventions (intervention-analytics summarise): the dashboard's own numbers. */
export function interventionTable(s: PiSummary): string[][] {
  const n = s.count;
  return [
    ['Physical interventions', shown(n)],
    ['Total duration (minutes)', isSmallCount(n) ? WITHHELD : s.totalMinutes.toLocaleString('en-GB')],
    ['Median duration (minutes)', isSmallCount(n) ? WITHHELD : s.medianMinutes === null ? 'n/a' : String(s.medianMinutes)],
    ['Pupil injured', shown(s.flags.pupilInjured)],
    ['Member of staff injured', shown(s.flags.staffInjured)],
    ['Medical attention given', shown(s.flags.medicalAttention)],
    ['Pupil debriefed', shareText(s.flags.pupilDebriefed, n)],
    ['Staff debriefed', shareText(s.flags.staffDebriefed, n)],
    ['Parent informed', shareText(s.flags.parentInformed, n)],
    ['Parent informed by the end of the same day', shareText(s.flags.parentInformedSameDay, n)],
  ];
}

/** ANA-6's figures of the term's incidents (record-quality summarise): the dashboard's own numbers. */
export function qualityTable(q: QualitySummary): string[][] {
  return [
    ['Incidents submitted', shown(q.submitted)], ['Signed off', shareText(q.signedOff, q.submitted)],
    ['Signed off within 48 hours', shareText(q.signedOffWithin48h, q.submitted)], ['Returned for amendment', shareText(q.returned, q.submitted)],
    ['Waiting for review for more than 48 hours', shown(q.overdueReview)],
    ['Physical interventions without a pupil or staff debrief', shown(q.missingDebrief)],
    ['Physical interventions without parents told by the end of the day', shown(q.missingParentContact)],
  ];
}
