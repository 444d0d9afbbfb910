import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, fromDayNumber, toDayNumber } from '../../core/calendar/calendar.ts';
import {
  academicYearStart, derived, figure, groupRateRatio, isSmallCount, median, monthBuckets, monthStart, periodSoFar, rangeBuckets, signedBuckets,
  percentOf, ratePer100, riskIndex, riskRatio, signedOffWithin48h, weekStart,
} from './analytics.rules.ts';

const isoDate = fc.integer({ min: toDayNumber('2019-01-01'), max: toDayNumber('2028-12-31') }).map(fromDayNumber);

describe('rates and ratios (SPEC §9)', () => {
  it.each([
    [3, 300, 1], [0, 300, 0], [5, 0, null], [0, 0, null], [1, 3, 100 / 3],
  ])('rate per 100 pupils per school day of %i over %i pupil-days is %s', (count, pd, want) => {
    const got = ratePer100(count, pd);
    if (want === null) expect(got).toBeNull(); else expect(got).toBeCloseTo(want, 10);
  });

  it.each([
    // countG, pdG, countRest, pdRest, ratio
    [10, 100, 10, 200, 2], [0, 100, 10, 200, 0], [10, 0, 10, 200, null], [10, 100, 0, 200, null], [10, 100, 10, 0, null],
  ])('group rate ratio (%i/%i) ÷ (%i/%i) = %s', (a, b, c, d, want) => {
    expect(groupRateRatio(a, b, c, d)).toBe(want);
  });

  it.each([
    [2, 10, 20], [0, 10, 0], [0, 0, null],
  ])('risk index %i of %i pupils = %s%%', (w, p, want) => expect(riskIndex(w, p)).toBe(want));

  it.each([
    [5, 10, 5, 20, 2], [5, 10, 0, 20, null], [5, 0, 1, 20, null], [0, 10, 1, 10, 0],
  ])('risk ratio (%i of %i) ÷ (%i of %i) = %s', (a, b, c, d, want) => expect(riskRatio(a, b, c, d)).toBe(want));

  it('a group rate ratio is the rates ratio whenever both rates exist', () => {
    fc.assert(fc.property(fc.nat(1000), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 10_000 }), (a, b, c, d) => {
      // relative: the ratio reaches millions (470 in 1 against 1 in 8,930), where nine decimal places are beyond a double
      const want = ratePer100(a, b)! / ratePer100(c, d)!;
      expect(Math.abs(groupRateRatio(a, b, c, d)! - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
    }));
  });
});

describe('suppression (SPEC §9)', () => {
  it.each([[0, false], [1, true], [4, true], [5, false], [120, false]])('count %i small: %s', (n, small) => expect(isSmallCount(n)).toBe(small));

  it.each([
    // count, rate, suppress, dependsOn, expected
    [3, 1.5, true, [], { count: null, suppressed: true, rate: null, rateNote: 'withheld' }],
    [3, 1.5, false, [], { count: 3, suppressed: false, rate: 1.5, rateNote: null }],
    [0, 0, true, [], { count: 0, suppressed: false, rate: 0, rateNote: null }],
    [7, null, true, [], { count: 7, suppressed: false, rate: null, rateNote: 'n/a' }],
    [7, 2, true, [2], { count: 7, suppressed: false, rate: null, rateNote: 'withheld' }],
    [7, 2, false, [2], { count: 7, suppressed: false, rate: 2, rateNote: null }],
  ] as const)('figure(%i, %s, suppress %s, depends %j)', (count, rate, suppress, dependsOn, want) => {
    expect(figure(count, rate, suppress, dependsOn)).toEqual(want);
  });

  it('an aggregate-only viewer never receives a count from 1 to 4, nor a rate built on one', () => {
    fc.assert(fc.property(fc.nat(50), fc.option(fc.double({ noNaN: true }), { nil: null }), fc.array(fc.nat(50), { maxLength: 3 }), (n, rate, deps) => {
      const f = figure(n, rate, true, deps);
      if (f.count !== null) expect(isSmallCount(f.count)).toBe(false);
      if ([n, ...deps].some(isSmallCount)) expect(f.rate).toBeNull();
      expect(derived(rate, true, [n, ...deps]).value === null || ![n, ...deps].some(isSmallCount)).toBe(true);
    }));
  });
});

describe('calendar buckets', () => {
  it.each([
    ['2026-11-18', '2026-11-16'], ['2026-11-16', '2026-11-16'], ['2026-11-22', '2026-11-16'], ['2027-01-01', '2026-12-28'],
  ])('the Monday week of %s starts %s', (d, want) => expect(weekStart(d)).toBe(want));

  it.each([['2026-09-01', '2026-09-01'], ['2026-08-31', '2025-09-01'], ['2027-02-14', '2026-09-01']])('academic year of %s starts %s', (d, want) => expect(academicYearStart(d)).toBe(want));

  it.each([
    ['2025-09-01', '2026-08-31', { years: ['2025-09-01'], months: [], days: [] }],
    ['2025-09-02', '2025-11-15', { years: [], months: ['2025-10-01'], days: [['2025-09-02', '2025-09-30'], ['2025-11-01', '2025-11-15']] }],
    ['2025-11-03', '2025-11-07', { years: [], months: [], days: [['2025-11-03', '2025-11-07']] }],
    ['2024-08-15', '2026-09-03', { years: ['2024-09-01', '2025-09-01'], months: [], days: [['2024-08-15', '2024-08-31'], ['2026-09-01', '2026-09-03']] }],
  ] as const)('%s to %s splits into years, months and days', (from, to, want) => {
    expect(rangeBuckets(from, to)).toEqual(want);
  });

  it('covers every date of a range exactly once', () => {
    fc.assert(fc.property(isoDate, fc.nat(900), (from, len) => {
      const to = addDays(from, len);
      const b = rangeBuckets(from, to);
      const covered: string[] = [];
      for (const y of b.years) for (let d = y; d < `${Number(y.slice(0, 4)) + 1}-09-01`; d = addDays(d, 1)) covered.push(d);
      for (const m of b.months) for (let d = m; monthStart(d) === m; d = addDays(d, 1)) covered.push(d);
      for (const [a, z] of b.days) for (let d = a; d <= z; d = addDays(d, 1)) covered.push(d);
      covered.sort();
      expect(covered.length).toBe(len + 1);
      expect(covered[0]).toBe(from);
      expect(covered.at(-1)).toBe(to);
      expect(new Set(covered).size).toBe(covered.length);
      for (const y of b.years) expect(academicYearStart(y)).toBe(y);
    }));
  });
});

describe('month buckets (a monthly series: whole months and days, never a year)', () => {
  it.each([
    ['2026-09-01', '2027-08-31', { years: [], months: ['2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01', '2027-03-01', '2027-04-01', '2027-05-01', '2027-06-01', '2027-07-01', '2027-08-01'], days: [] }],
    ['2025-08-15', '2025-10-03', { years: [], months: ['2025-09-01'], days: [['2025-08-15', '2025-08-31'], ['2025-10-01', '2025-10-03']] }],
  ] as const)('%s to %s splits into months and days only', (from, to, want) => {
    expect(monthBuckets(from, to)).toEqual(want);
  });

  it('covers every date of a range exactly once with months and days', () => {
    fc.assert(fc.property(isoDate, fc.nat(2200), (from, len) => {
      const to = addDays(from, len);
      const b = monthBuckets(from, to);
      expect(b.years).toEqual([]);
      const covered: string[] = [];
      for (const m of b.months) for (let d = m; monthStart(d) === m; d = addDays(d, 1)) covered.push(d);
      for (const [a, z] of b.days) for (let d = a; d <= z; d = addDays(d, 1)) covered.push(d);
      covered.sort();
      expect(covered.length).toBe(len + 1);
      expect(covered[0]).toBe(from);
      expect(covered.at(-1)).toBe(to);
      expect(new Set(covered).size).toBe(covered.length);
    }));
  });
});

describe('signed buckets (a year minus what lies outside the range)', () => {
  it('counts every date of the range exactly once and no date outside it', () => {
    fc.assert(fc.property(isoDate, fc.nat(1200), (from, len) => {
      const to = addDays(from, len);
      const b = signedBuckets(from, to);
      const net = new Map<string, number>();
      const add = (d: string, s: number) => net.set(d, (net.get(d) ?? 0) + s);
      const each = (r: { years: string[]; months: string[]; days: [string, string][] }, s: number) => {
        for (const y of r.years) for (let d = y; d < `${Number(y.slice(0, 4)) + 1}-09-01`; d = addDays(d, 1)) add(d, s);
        for (const m of r.months) for (let d = m; monthStart(d) === m; d = addDays(d, 1)) add(d, s);
        for (const [a, z] of r.days) for (let d = a; d <= z; d = addDays(d, 1)) add(d, s);
      };
      each({ years: b.years, months: [], days: [] }, 1);
      each(b.plus, 1);
      each(b.minus, -1);
      for (const [d, n] of net) expect(n, d).toBe(d >= from && d <= to ? 1 : 0);
      for (let d = from; d <= to; d = addDays(d, 1)) expect(net.get(d), d).toBe(1);
    }), { numRuns: 60 });
  });

  it('reads 1 September to 17 July as the year minus 18 July to 31 August', () => {
    expect(signedBuckets('2025-09-01', '2026-07-17')).toEqual({
      years: ['2025-09-01'], plus: { years: [], months: [], days: [] },
      minus: { years: [], months: ['2026-08-01'], days: [['2026-07-18', '2026-07-31']] },
    });
  });
});

describe('durations, percentages and sign-off', () => {
  it.each([[0, 0, null], [0, 4, 0], [1, 4, 25], [3, 3, 100], [1, 3, 33.333333333]] as const)('%i of %i is %s per cent', (part, whole, want) => {
    if (want === null) expect(percentOf(part, whole)).toBeNull(); else expect(percentOf(part, whole)).toBeCloseTo(want, 6);
  });

  it.each([[[], null], [[5], 5], [[3, 1, 2], 2], [[4, 1, 3, 2], 2.5]] as const)('median of %j is %s', (v, want) => expect(median(v)).toBe(want));

  it.each([
    ['2026-11-16T09:00:00Z', '2026-11-18T09:00:00Z', true], ['2026-11-16T09:00:00Z', '2026-11-18T09:00:01Z', false],
    [null, '2026-11-18T09:00:00Z', false], ['2026-11-16T09:00:00Z', null, false],
  ] as const)('submitted %s, signed off %s: within 48 h %s', (a, b, want) => expect(signedOffWithin48h(a, b)).toBe(want));
});

describe('a period in progress counts only the days so far (SPEC §9)', () => {
  it.each([
    ['2026-09-01', '2026-10-23', '2026-11-18', 'term', { figuresTo: '2026-10-23', inProgress: false, note: null }],
    ['2026-11-02', '2026-11-18', '2026-11-18', 'term', { figuresTo: '2026-11-18', inProgress: false, note: null }],
    ['2026-11-02', '2026-12-18', '2026-11-18', 'term', { figuresTo: '2026-11-18', inProgress: true, note: 'Term in progress: figures to 18/11/2026.' }],
    ['2026-09-01', '2027-08-31', '2026-11-18', 'year', { figuresTo: '2026-11-18', inProgress: true, note: 'Year in progress: figures to 18/11/2026.' }],
    ['2026-11-16', '2026-11-22', '2026-11-16', 'week', { figuresTo: '2026-11-16', inProgress: true, note: 'Week in progress: figures to 16/11/2026.' }],
    ['2027-01-04', '2027-02-12', '2026-11-18', 'period', { figuresTo: '2027-01-03', inProgress: true, note: 'Period not started: no figures yet.' }],
  ] as const)('%s to %s on %s (%s)', (from, to, today, kind, want) => {
    expect(periodSoFar(from, to, today, kind)).toEqual(want);
  });

  it('never counts past today nor past the end, and counts the whole period once it is over', () => {
    fc.assert(fc.property(isoDate, fc.nat(400), fc.integer({ min: -500, max: 500 }), (from, len, shift) => {
      const to = addDays(from, len);
      const today = addDays(from, shift);
      const p = periodSoFar(from, to, today);
      expect(p.figuresTo <= to && p.figuresTo >= addDays(from, -1)).toBe(true);
      expect(p.inProgress).toBe(to > today);
      if (!p.inProgress) expect(p.figuresTo).toBe(to);
      else expect(p.figuresTo).toBe(today >= from ? today : addDays(from, -1));
      expect(p.note === null).toBe(!p.inProgress);
    }));
  });
});
