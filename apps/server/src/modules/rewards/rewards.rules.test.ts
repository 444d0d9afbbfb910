import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ladder, newlyReached, nextMilestone, ratio, ratioText, reachedMilestones } from './rewards.rules.ts';

const M = [{ id: 'g', name: 'Gold', points: 300 }, { id: 'b', name: 'Bronze', points: 50 }, { id: 's', name: 'Silver', points: 150 }];

describe('milestones', () => {
  it.each([[0, [], 'Bronze', 50], [50, ['Bronze'], 'Silver', 100], [299, ['Bronze', 'Silver'], 'Gold', 1], [300, ['Bronze', 'Silver', 'Gold'], null, 0]])('%i points', (points, reached, next, toGo) => {
    expect(reachedMilestones(points, M).map((m) => m.name)).toEqual(reached);
    expect(nextMilestone(points, M)?.name ?? null).toBe(next);
    if (next) expect(nextMilestone(points, M)?.toGo).toBe(toGo);
  });
  it('crossing from one total to another reaches exactly the milestones in between (property)', () => {
    const arb = fc.array(fc.record({ id: fc.uuid(), name: fc.string(), points: fc.integer({ min: 1, max: 500 }) }), { maxLength: 8 });
    fc.assert(fc.property(arb, fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), (ms, a, b) => {
      const got = newlyReached(a, b, ms);
      const expected = ms.filter((m) => a < m.points && b >= m.points);
      expect(got.length).toBe(expected.length);
      if (b <= a) expect(got).toEqual([]);
      // the union of steps equals one big step: nothing is awarded twice or skipped
      const mid = Math.min(a, b) + Math.floor(Math.abs(b - a) / 2);
      if (b > a) expect(new Set([...newlyReached(a, mid, ms), ...newlyReached(mid, b, ms)].map((m) => m.id)).size).toBe(new Set(expected.map((m) => m.id)).size);
      expect(ladder(ms).map((m) => m.points)).toEqual([...ms.map((m) => m.points)].sort((x, y) => x - y));
    }));
  });
});

describe('ratio', () => {
  it.each([[3, 2, 1.5, '1.5 : 1'], [0, 4, 0, '0 : 1'], [5, 0, null, 'n/a'], [0, 0, null, 'n/a'], [10, 3, 3.33, '3.33 : 1']])('%i positive, %i negative', (p, n, r, text) => {
    expect(ratio(p, n)).toBe(r);
    expect(ratioText(p, n)).toBe(text);
  });
  it('is positive ÷ negative to two places, and n/a only with no negatives (property)', () => {
    fc.assert(fc.property(fc.nat(10_000), fc.nat(10_000), (p, n) => {
      const r = ratio(p, n);
      if (n === 0) expect(r).toBeNull();
      else expect(Math.abs(r! - p / n)).toBeLessThanOrEqual(0.005 + 1e-9);
    }));
  });
});
