import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TREND_ALERT_DEFAULTS, type TTrendAlertMeasure } from '@haven/contracts';
import { addDays } from '../../core/calendar/calendar.ts';
import {
  SITE_KEY, daysOnRoll, effectiveSettings, evaluateTrendAlerts, isRise, rateOf, risePercent, trendWindows, type Enrolment, type SubjectCounts,
} from './trend-alerts.rules.ts';

/** Weekdays from a Monday, skipping the dates given (a holiday), as a school calendar would. */
function weekdays(from: string, n: number, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let d = from; out.length < n; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6 && !skip.includes(d)) out.push(d);
  }
  return out;
}

const settings = fc.record({ marginPercent: fc.integer({ min: 1, max: 1000 }), minCount: fc.integer({ min: 1, max: 100 }) });

describe('settings in force', () => {
  const trust = { siteId: null, enabled: true, periodDays: 10, marginPercent: 25, minCount: 3 };
  const own = { siteId: 's1', enabled: false, periodDays: 30, marginPercent: 100, minCount: 8 };
  it.each([
    [[], 's1', { ...TREND_ALERT_DEFAULTS }, 'default'],
    [[trust], 's1', { enabled: true, periodDays: 10, marginPercent: 25, minCount: 3 }, 'trust'],
    [[trust, own], 's1', { enabled: false, periodDays: 30, marginPercent: 100, minCount: 8 }, 'site'],
    [[trust, own], 's2', { enabled: true, periodDays: 10, marginPercent: 25, minCount: 3 }, 'trust'],
    [[own], 's2', { ...TREND_ALERT_DEFAULTS }, 'default'],
  ] as const)('rows %j at %s: %j from %s', (rows, site, values, source) => {
    expect(effectiveSettings(rows, site)).toEqual({ values, source });
  });
});

describe('the two windows', () => {
  const days = weekdays('2026-09-07', 30, ['2026-09-21']); // Mon 7 Sep …, a closure on Mon 21 Sep
  it('ends on the evaluation day when it is a school day, and the windows meet', () => {
    const w = trendWindows(days, '2026-10-09', 5)!;
    expect(w).toMatchObject({ currentFrom: '2026-10-05', currentTo: '2026-10-09', previousFrom: '2026-09-28', previousTo: '2026-10-04' });
    expect(w.currentDays).toEqual(['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09']);
    expect(w.previousDays).toHaveLength(5);
  });
  it('on a Saturday, ends on the Friday before (so running again at the weekend raises nothing new)', () => {
    expect(trendWindows(days, '2026-10-10', 5)).toEqual(trendWindows(days, '2026-10-09', 5));
  });
  it('skips a closure day: the previous window reaches back one more day', () => {
    const w = trendWindows(days, '2026-09-25', 5)!;
    expect(w).toMatchObject({ currentFrom: '2026-09-18', currentTo: '2026-09-25', previousFrom: '2026-09-11', previousTo: '2026-09-17' });
    expect(w.currentDays).not.toContain('2026-09-21');
  });
  it.each([['2026-09-11', 5, false], ['2026-09-18', 5, true], ['2026-09-17', 5, false], ['2026-10-16', 15, false], ['2026-10-19', 15, true]] as const)(
    'on %s with %i-day periods: enough history %s', (day, p, ok) => expect(trendWindows(days, day, p) !== null).toBe(ok));
  it('refuses a period of less than one day', () => expect(() => trendWindows(days, '2026-10-09', 0)).toThrow(RangeError));

  it('property: two runs of periodDays consecutive school days, the latest ending on the last school day on or before the day', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 90 }), fc.integer({ min: -5, max: 130 }), fc.integer({ min: 1, max: 20 }),
      (offsets, dayOffset, p) => {
        const sorted = [...offsets].sort((a, b) => a - b).map((o) => addDays('2026-09-01', o));
        const day = addDays('2026-09-01', dayOffset);
        const upTo = sorted.filter((d) => d <= day);
        const w = trendWindows(sorted, day, p);
        if (upTo.length < 2 * p) { expect(w).toBeNull(); return; }
        expect(w).not.toBeNull();
        expect(w!.currentDays).toEqual(upTo.slice(-p));
        expect(w!.previousDays).toEqual(upTo.slice(-2 * p, -p));
        expect(w!.currentTo).toBe(upTo[upTo.length - 1]);
        expect(w!.previousTo).toBe(addDays(w!.currentFrom, -1));
        expect(w!.previousDays.every((d) => d >= w!.previousFrom && d <= w!.previousTo)).toBe(true);
      }));
  });
});

describe('pupil-days and rates', () => {
  const days = ['2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10'];
  it.each([
    [{ start: '2026-01-01', end: null }, 4], [{ start: '2026-09-08', end: null }, 3], [{ start: '2026-09-01', end: '2026-09-08' }, 2],
    [{ start: '2026-09-09', end: '2026-09-09' }, 1], [{ start: '2026-09-11', end: null }, 0], [{ start: '2026-09-09', end: '2026-09-08' }, 0],
  ] as const)('%j is on roll %i of the days', (e, n) => expect(daysOnRoll(days, e)).toBe(n));
  it('a site rate is per 100 pupils per school day, a pupil rate per school day, none without pupil-days', () => {
    expect(rateOf('site', 30, 500)).toBe(6);
    expect(rateOf('pupil', 3, 20)).toBe(0.15);
    expect(rateOf('site', 3, 0)).toBeNull();
    expect(risePercent(1, 1.5)).toBeCloseTo(50, 10);
    expect(risePercent(0, 1.5)).toBeNull();
    expect(risePercent(null, 1)).toBeNull();
  });
});

describe('the alert rule', () => {
  const s = { marginPercent: 50, minCount: 5 };
  it.each([
    // [previous count, previous pupil-days, current count, current pupil-days, alert?]
    [10, 1000, 16, 1000, true, 'more than 50% higher'],
    [10, 1000, 15, 1000, false, 'exactly 50% higher is not more than the margin'],
    [10, 1000, 14, 1000, false, 'less than the margin'],
    [0, 1000, 5, 1000, true, 'nothing before: minCount or more is a rise'],
    [0, 1000, 4, 1000, false, 'nothing before, fewer than minCount now'],
    [2, 1000, 4, 1000, false, 'doubled, but fewer than minCount'],
    [10, 1000, 16, 2000, false, 'more records but twice the pupils: the rate fell'],
    [10, 2000, 8, 1000, true, 'fewer records but half the pupils: the rate rose 60%'],
    [3, 0, 9, 1000, false, 'not on roll before: nothing to compare'],
    [3, 10, 9, 0, false, 'not on roll now'],
  ] as const)('%i over %i then %i over %i: %s (%s)', (pc, pd, cc, cd, want, _why) => {
    expect(isRise({ count: pc, pupilDays: pd }, { count: cc, pupilDays: cd }, s)).toBe(want);
  });

  it('is exact at the margin, where floating-point rates are not', () => {
    // 2 then 3 over 17 days each, margin 50%: exactly 50% higher, yet 3/17 > 2/17 × 1.5 in doubles
    expect(3 / 17 > (2 / 17) * (1 + 50 / 100)).toBe(true);
    expect(isRise({ count: 2, pupilDays: 17 }, { count: 3, pupilDays: 17 }, { marginPercent: 50, minCount: 1 })).toBe(false);
    expect(isRise({ count: 2, pupilDays: 17 }, { count: 4, pupilDays: 17 }, { marginPercent: 50, minCount: 1 })).toBe(true);
  });

  const observed = fc.record({ count: fc.integer({ min: 0, max: 500 }), pupilDays: fc.integer({ min: 0, max: 5000 }) });

  it('property: equals the definition in exact rational arithmetic', () => {
    fc.assert(fc.property(observed, observed, settings, (p, c, st) => {
      // the definition read literally: rates as fractions compared with BigInt
      let want: boolean;
      if (c.count < st.minCount || p.pupilDays === 0 || c.pupilDays === 0) want = false;
      else if (p.count === 0) want = true;
      else want = BigInt(c.count) * BigInt(p.pupilDays) * 100n > BigInt(p.count) * BigInt(c.pupilDays) * BigInt(100 + st.marginPercent);
      expect(isRise(p, c, st)).toBe(want);
      // and agrees with floating-point rates wherever they are not within rounding of the margin
      if (c.count >= st.minCount && p.pupilDays > 0 && c.pupilDays > 0 && p.count > 0) {
        const cur = c.count / c.pupilDays;
        const bar = (p.count / p.pupilDays) * (1 + st.marginPercent / 100);
        if (Math.abs(cur - bar) > 1e-9 * Math.max(cur, bar)) expect(isRise(p, c, st)).toBe(cur > bar);
      }
    }));
  });

  it('property: more records now never removes an alert; more before, a wider margin or a higher minimum never adds one', () => {
    fc.assert(fc.property(observed, observed, settings, fc.integer({ min: 1, max: 50 }), (p, c, st, k) => {
      const base = isRise(p, c, st);
      if (base) expect(isRise(p, { ...c, count: c.count + k }, st)).toBe(true);
      if (!base) {
        expect(isRise({ ...p, count: p.count + k }, c, st)).toBe(false);
        expect(isRise(p, c, { ...st, marginPercent: st.marginPercent + k })).toBe(false);
        expect(isRise(p, c, { ...st, minCount: st.minCount + k })).toBe(false);
      }
    }));
  });
});

describe('evaluateTrendAlerts', () => {
  const previousDays = weekdays('2026-09-07', 10);
  const currentDays = weekdays('2026-09-21', 10);
  const windows = { previousDays, currentDays };
  const all: Enrolment = { start: '2020-09-01', end: null };

  it('raises the site and the pupils whose rates rose, site first, and leaves the rest', () => {
    const enrolments = new Map<string, Enrolment>([['p1', all], ['p2', all], ['p3', { start: '2026-09-21', end: null }], ...Array.from({ length: 7 }, (_, i) => [`q${i}`, all] as const)]);
    const counts: SubjectCounts[] = [
      { subjectKey: 'p2', measure: 'inv', previous: 1, current: 6 },
      { subjectKey: 'p1', measure: 'neg', previous: 5, current: 5 },
      { subjectKey: SITE_KEY, measure: 'neg', previous: 20, current: 40 },
      { subjectKey: 'p3', measure: 'neg', previous: 0, current: 9 }, // joined with the current window: nothing to compare
      { subjectKey: 'gone', measure: 'neg', previous: 0, current: 9 }, // not a pupil of the site: no pupil-days
      { subjectKey: 'p1', measure: 'pi', previous: 0, current: 5 },
    ];
    const got = evaluateTrendAlerts({ windows, settings: { marginPercent: 50, minCount: 5 }, counts, enrolments });
    expect(got.map((d) => `${d.subjectKey}:${d.measure}`)).toEqual(['site:neg', 'p1:pi', 'p2:inv']);
    expect(got[0]).toMatchObject({ subject: 'site', pupilId: null, previousPupilDays: 90, currentPupilDays: 100, previousRate: (20 / 90) * 100, currentRate: 40 });
    expect(got[2]).toMatchObject({ subject: 'pupil', pupilId: 'p2', previousRate: 0.1, currentRate: 0.6, previousPupilDays: 10, currentPupilDays: 10 });
  });

  const measure = fc.constantFrom<TTrendAlertMeasure>('neg', 'inv', 'pi');
  it('property: equals a brute force over individual records and school days', () => {
    let raised = 0;
    fc.assert(fc.property(
      fc.array(fc.record({ start: fc.integer({ min: -5, max: 25 }), len: fc.option(fc.integer({ min: -2, max: 30 }), { nil: null }) }), { minLength: 1, maxLength: 6 }),
      // records lean towards the current window (days 10–19), so that rises are common
      fc.array(fc.record({ pupil: fc.option(fc.nat(7), { nil: null }), measure, day: fc.oneof(fc.nat(19), fc.integer({ min: 10, max: 19 })) }), { maxLength: 80 }),
      fc.record({ marginPercent: fc.integer({ min: 1, max: 300 }), minCount: fc.integer({ min: 1, max: 6 }) }),
      (pupils, records, st) => {
        const all = [...previousDays, ...currentDays];
        const enrolments = new Map(pupils.map((p, i) => [`p${i}`, { start: addDays('2026-09-07', p.start), end: p.len === null ? null : addDays('2026-09-07', p.start + p.len) }]));
        // counts per subject and window, from the individual records (a pupil index beyond the roll: a pupil of another site)
        const tally = new Map<string, SubjectCounts>();
        for (const r of records) {
          const cur = r.day >= 10;
          for (const key of [SITE_KEY, ...(r.pupil === null ? [] : [`p${r.pupil}`])]) {
            const c = tally.get(`${key}|${r.measure}`) ?? { subjectKey: key, measure: r.measure, previous: 0, current: 0 };
            if (cur) c.current += 1; else c.previous += 1;
            tally.set(`${key}|${r.measure}`, c);
          }
        }
        const got = evaluateTrendAlerts({ windows, settings: st, counts: [...tally.values()], enrolments });
        // brute force: day by day, pupil by pupil
        const want: string[] = [];
        for (const key of [SITE_KEY, ...[...new Set(records.flatMap((r) => (r.pupil === null ? [] : [`p${r.pupil}`])))].sort()]) {
          for (const m of ['neg', 'inv', 'pi'] as const) {
            const mine = records.filter((r) => r.measure === m && (key === SITE_KEY || `p${r.pupil}` === key));
            const prev = mine.filter((r) => r.day < 10).length;
            const cur = mine.filter((r) => r.day >= 10).length;
            const pd = [0, 0];
            for (const [i, d] of all.entries()) {
              for (const [id, e] of enrolments) {
                if ((key === SITE_KEY || key === id) && e.start <= d && (e.end === null || (e.end >= d && e.end >= e.start))) pd[i < 10 ? 0 : 1]! += 1;
              }
            }
            if (cur < st.minCount || pd[0] === 0 || pd[1] === 0) continue;
            if (prev === 0 || cur * pd[0]! * 100 > prev * pd[1]! * (100 + st.marginPercent)) want.push(`${key}:${m}:${prev}:${cur}:${pd[0]}:${pd[1]}`);
          }
        }
        raised += got.length;
        expect(got.map((d) => `${d.subjectKey}:${d.measure}:${d.previousCount}:${d.currentCount}:${d.previousPupilDays}:${d.currentPupilDays}`)).toEqual(want);
        for (const d of got) {
          expect(d.currentRate).toBeCloseTo((d.currentCount / d.currentPupilDays) * (d.subject === 'site' ? 100 : 1), 12);
          expect(d.previousRate).toBeCloseTo((d.previousCount / d.previousPupilDays) * (d.subject === 'site' ? 100 : 1), 12);
        }
      }), { numRuns: 300 });
    expect(raised).toBeGreaterThan(50); // the property saw plenty of alerts, not only silence
  });
});
