import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../core/calendar/dates.ts';
import {
  categoryMatches, contribution, describeFiring, firings, longestPeriod, measureFor, reached, windowStart, type Occurrence, type RuleSpec,
} from './escalation.rules.ts';

const TODAY = '2026-11-18';
const P = 'pupil-1';
const Q = 'pupil-2';
const rule = (over: Partial<RuleSpec> = {}): RuleSpec => ({ id: 'r1', measure: 'count', categoryCodes: [], polarity: 'negative', threshold: 3, periodDays: 7, ...over });
/** n quick events of one category on a day. */
const events = (day: string, code: string, polarity: 'positive' | 'negative' | 'neutral', n = 1, points = -1, pupilId = P): Occurrence =>
  ({ pupilId, day, weight: n, categories: [{ code, polarity, pointsAbs: Math.abs(points) * n }] });
/** One incident with categories. */
const incident = (day: string, cats: [string, 'positive' | 'negative' | 'neutral' | null, number][], pupilId = P): Occurrence =>
  ({ pupilId, day, weight: 1, categories: cats.map(([code, polarity, pts]) => ({ code, polarity, pointsAbs: Math.abs(pts) })) });

describe('windowStart', () => {
  it.each([[1, TODAY], [7, '2026-11-12'], [30, '2026-10-20'], [365, '2025-11-19']])('a %i-day period starts on %s', (days, start) => {
    expect(windowStart(TODAY, days)).toBe(start);
  });
});

describe('categoryMatches', () => {
  it.each<[string, Partial<RuleSpec>, string, 'positive' | 'negative' | 'neutral' | null, boolean]>([
    ['no codes: a category of the polarity', {}, 'DISRUPT', 'negative', true],
    ['no codes: a category of another polarity', {}, 'PRAISE', 'positive', false],
    ['no codes: a category not in the policy (unknown polarity)', {}, 'GONE', null, false],
    ['codes: a listed category', { categoryCodes: ['DISRUPT', 'RUDE'] }, 'RUDE', 'negative', true],
    ['codes: an unlisted category of the polarity', { categoryCodes: ['DISRUPT'] }, 'RUDE', 'negative', false],
    ['codes: a listed category counts whatever its polarity', { categoryCodes: ['HELPFUL'], polarity: 'negative' }, 'HELPFUL', 'positive', true],
  ])('%s', (_n, over, code, polarity, expected) => {
    expect(categoryMatches(rule(over), { code, polarity, pointsAbs: 1 })).toBe(expected);
  });
});

describe('measureFor', () => {
  const occ: Occurrence[] = [
    events(TODAY, 'DISRUPT', 'negative', 2, -2),
    events('2026-11-12', 'RUDE', 'negative', 1, -3),          // first day of a 7-day period
    events('2026-11-11', 'RUDE', 'negative', 5, -3),          // one day too old for 7 days
    events(TODAY, 'PRAISE', 'positive', 4, 2),
    incident('2026-11-16', [['FIGHT', 'negative', -10], ['RUDE', 'negative', -3], ['HELPED', 'positive', 1]]),
    events(TODAY, 'DISRUPT', 'negative', 9, -2, Q),            // another pupil
    events('2026-11-19', 'DISRUPT', 'negative', 9, -2),        // future-dated
  ];
  it.each<[string, Partial<RuleSpec>, number]>([
    ['count of negative events in 7 days (an incident counts once)', {}, 2 + 1 + 1],
    ['count of negative events today', { periodDays: 1 }, 2],
    ['count over 8 days includes the older day', { periodDays: 8 }, 2 + 1 + 5 + 1],
    ['count of positive events', { polarity: 'positive' }, 4 + 1],
    ['count of neutral events', { polarity: 'neutral' }, 0],
    ['count of one category', { categoryCodes: ['RUDE'] }, 1 + 1],
    ['points of negative events in 7 days (matching incident categories only)', { measure: 'points' }, 4 + 3 + 10 + 3],
    ['points of one category', { measure: 'points', categoryCodes: ['FIGHT'] }, 10],
    ['points of positive events', { measure: 'points', polarity: 'positive' }, 8 + 1],
  ])('%s', (_n, over, expected) => {
    expect(measureFor(rule(over), occ, P, TODAY)).toBe(expected);
  });
});

describe('contribution and reached', () => {
  it('an incident with no matching category adds nothing', () => {
    expect(contribution(rule(), incident(TODAY, [['HELPED', 'positive', 2]]))).toBe(0);
  });
  it.each([[2, 3, false], [3, 3, true], [4, 3, true]])('value %i against threshold %i: %s', (value, threshold, expected) => {
    expect(reached({ threshold }, value)).toBe(expected);
  });
});

describe('firings', () => {
  it('fires each rule for each pupil at or over its threshold', () => {
    const rules = [rule({ id: 'count3' }), rule({ id: 'points10', measure: 'points', threshold: 10 }), rule({ id: 'praise', polarity: 'positive', threshold: 1 })];
    const occ = [events(TODAY, 'DISRUPT', 'negative', 3, -2), events(TODAY, 'DISRUPT', 'negative', 2, -5, Q)];
    expect(firings(rules, occ, [P, Q, P], TODAY)).toEqual([
      { ruleId: 'count3', pupilId: P, value: 3 },
      { ruleId: 'points10', pupilId: Q, value: 10 },
    ]);
  });
  it('gives nothing without rules or pupils', () => {
    expect(firings([], [events(TODAY, 'X', 'negative', 50)], [P], TODAY)).toEqual([]);
    expect(firings([rule()], [events(TODAY, 'X', 'negative', 50)], [], TODAY)).toEqual([]);
  });

  const arbOcc = fc.record({
    pupilId: fc.constantFrom(P, Q),
    day: fc.integer({ min: -400, max: 3 }).map((d) => addDays(TODAY, d)),
    weight: fc.integer({ min: 1, max: 5 }),
    categories: fc.array(fc.record({
      code: fc.constantFrom('A', 'B', 'C'), polarity: fc.constantFrom<'positive' | 'negative' | 'neutral' | null>('positive', 'negative', 'neutral', null),
      pointsAbs: fc.integer({ min: 0, max: 20 }),
    }), { minLength: 1, maxLength: 3 }),
  });
  const arbRule = fc.record({
    id: fc.constant('r'), measure: fc.constantFrom<'count' | 'points'>('count', 'points'),
    categoryCodes: fc.subarray(['A', 'B', 'C']), polarity: fc.constantFrom<'positive' | 'negative' | 'neutral'>('positive', 'negative', 'neutral'),
    threshold: fc.integer({ min: 1, max: 50 }), periodDays: fc.integer({ min: 1, max: 365 }),
  });

  it('property: adding behaviour never lowers a measure, and a longer period never lowers it either', () => {
    fc.assert(fc.property(arbRule, fc.array(arbOcc, { maxLength: 30 }), arbOcc, fc.integer({ min: 0, max: 30 }), (r, occ, extra, longer) => {
      const base = measureFor(r, occ, P, TODAY);
      expect(measureFor(r, [...occ, extra], P, TODAY)).toBeGreaterThanOrEqual(base);
      expect(measureFor({ ...r, periodDays: Math.min(365, r.periodDays + longer) }, occ, P, TODAY)).toBeGreaterThanOrEqual(base);
    }));
  });

  it('property: behaviour outside the period, in the future or of another pupil never counts', () => {
    fc.assert(fc.property(arbRule, fc.array(arbOcc, { maxLength: 30 }), (r, occ) => {
      const from = windowStart(TODAY, r.periodDays);
      const inside = occ.filter((o) => o.pupilId === P && o.day >= from && o.day <= TODAY);
      expect(measureFor(r, occ, P, TODAY)).toBe(measureFor(r, inside, P, TODAY));
    }));
  });

  it('property: a pupil fires exactly when the measure reaches the threshold', () => {
    fc.assert(fc.property(arbRule, fc.array(arbOcc, { maxLength: 30 }), (r, occ) => {
      const fired = firings([r], occ, [P, Q], TODAY);
      for (const pupil of [P, Q]) expect(fired.some((f) => f.pupilId === pupil)).toBe(measureFor(r, occ, pupil, TODAY) >= r.threshold);
    }));
  });
});

describe('longestPeriod and describeFiring', () => {
  it('takes the longest period (at least 1 day)', () => {
    expect(longestPeriod([])).toBe(1);
    expect(longestPeriod([{ periodDays: 7 }, { periodDays: 30 }, { periodDays: 1 }])).toBe(30);
  });
  it.each<[Parameters<typeof describeFiring>[0], number, string]>([
    [{ measure: 'count', periodDays: 7, threshold: 5 }, 6, '6 events in the last 7 days (threshold 5).'],
    [{ measure: 'count', periodDays: 1, threshold: 1 }, 1, '1 event today (threshold 1).'],
    [{ measure: 'points', periodDays: 30, threshold: 20 }, 24, '24 points in the last 30 days (threshold 20).'],
  ])('describes %j', (r, value, text) => {
    expect(describeFiring(r, value)).toBe(text);
  });
});
