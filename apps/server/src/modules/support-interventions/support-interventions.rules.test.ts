import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SchoolCalendar } from '../../core/calendar/calendar.ts';
import {
  groupImpactOf,
  BUILT_IN_SCALES, afterWindow, beforeWindow, datesProblem, groupImpact, improved, measureProblem, plannedEndFrom, pointsAverage,
  pupilImpact, scheduleDays, schoolDayProblem, sdqBand, type Scale,
} from './support-interventions.rules.ts';

/**
 * Autumn 2026 by hand: INSET on 1 and 2 September, the October half-term (26–30 October), an emergency closure on
 * Wednesday 11 November.
 */
const AUTUMN: SchoolCalendar = {
  terms: [
    { name: 'Autumn 1', term: 'autumn', halfTerm: 1, startDate: '2026-09-01', endDate: '2026-10-23' },
    { name: 'Autumn 2', term: 'autumn', halfTerm: 2, startDate: '2026-11-02', endDate: '2026-12-18' },
  ],
  closures: [
    { date: '2026-09-01', reason: 'INSET day' },
    { date: '2026-09-02', reason: 'INSET day' },
    { date: '2026-11-11', reason: 'Emergency closure' },
  ],
};
const ON_ROLL = { start: '2020-09-01', end: null };

describe('impact windows across the October half-term (start Wednesday 4 November 2026)', () => {
  it('one school week before: Tue 3, Mon 2 November, then Fri 23, Thu 22, Wed 21 October (the half-term skipped)', () => {
    const w = beforeWindow(AUTUMN, '2026-11-04', 1);
    expect(w.days).toEqual(['2026-10-21', '2026-10-22', '2026-10-23', '2026-11-02', '2026-11-03']);
    expect([w.from, w.to, w.complete]).toEqual(['2026-10-21', '2026-11-03', true]);
  });

  it('two school weeks after skip the closure on 11 November and end on Wed 18 November', () => {
    const w = afterWindow(AUTUMN, '2026-11-04', 2, '2026-12-31');
    expect(w.days).toEqual(['2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10', '2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18']);
    expect(w.complete).toBe(true);
  });

  it('six school weeks before (the default) reach back to Wednesday 16 September: 2 + 25 + 3 school days', () => {
    const w = beforeWindow(AUTUMN, '2026-11-04', 6);
    expect(w.days).toHaveLength(30);
    expect(w.from).toBe('2026-09-16');
    expect(w.days).not.toContain('2026-10-28');
  });

  it('while in progress the after window stops at today and says it is not complete', () => {
    const w = afterWindow(AUTUMN, '2026-11-04', 1, '2026-11-09');
    expect(w.days).toEqual(['2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09']);
    expect(w.complete).toBe(false);
  });

  it('a start on a closure day is not counted in the after window', () => {
    expect(afterWindow(AUTUMN, '2026-11-11', 1, '2026-12-31').days[0]).toBe('2026-11-12');
  });

  it('the calendar holds too few school days before: the before window is short and says so', () => {
    const w = beforeWindow(AUTUMN, '2026-09-07', 1);
    expect(w.days).toEqual(['2026-09-03', '2026-09-04']);
    expect(w.complete).toBe(false);
  });
});

describe('pupil and group rates (hand-counted, N = 2)', () => {
  const before = beforeWindow(AUTUMN, '2026-11-04', 2).days; // 14–23 October and 2–3 November: 10 school days
  const after = afterWindow(AUTUMN, '2026-11-04', 2, '2026-12-31').days; // 4–18 November without the 11th: 10 school days
  // 13 Oct is before the window; 28 Oct is in the half-term; 11 Nov is closed; 19 Nov is after the window
  const records = ['2026-10-13', '2026-10-14', '2026-10-28', '2026-11-03', '2026-11-11', '2026-11-12', '2026-11-19'];

  it('counts only records on the window’s school days: 2 of 10 before, 1 of 10 after', () => {
    const p = pupilImpact(before, after, ON_ROLL, records);
    expect(p.before).toEqual({ count: 2, schoolDays: 10, rate: 0.2 });
    expect(p.after).toEqual({ count: 1, schoolDays: 10, rate: 0.1 });
    expect(p.change).toBeCloseTo(-0.1);
  });

  it('a pupil who joined on 5 November has no before rate and 9 school days after (4 November and the closed 11th not counted)', () => {
    const p = pupilImpact(before, after, { start: '2026-11-05', end: null }, records);
    expect(p.before).toEqual({ count: 0, schoolDays: 0, rate: null });
    expect(p.after).toEqual({ count: 1, schoolDays: 9, rate: 1 / 9 });
    expect(p.change).toBeNull();
  });

  it('the group adds counts and school days: (2 + 0 + 6) ÷ (10 + 10 + 10) before', () => {
    const a = pupilImpact(before, after, ON_ROLL, records);
    const b = pupilImpact(before, after, ON_ROLL, []);
    const c = pupilImpact(before, after, ON_ROLL, ['2026-10-14', '2026-10-15', '2026-10-16', '2026-10-19', '2026-10-20', '2026-10-21']);
    const g = groupImpact([a, b, c]);
    expect(g.before).toEqual({ count: 8, schoolDays: 30, rate: 8 / 30 });
    expect(g.after).toEqual({ count: 1, schoolDays: 30, rate: 1 / 30 });
  });

  it('property: a rate is count ÷ school days and never counts a record off the window', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 40 }), (offsets) => {
      const dates = offsets.map((o) => new Date(Date.UTC(2026, 8, 1 + o)).toISOString().slice(0, 10));
      const p = pupilImpact(before, after, ON_ROLL, dates);
      const inBefore = dates.filter((d) => before.includes(d)).length;
      expect(p.before.count).toBe(inBefore);
      expect(p.before.rate).toBe(inBefore / 10);
    }));
  });
});

describe('measures', () => {
  const scale = (key: string): Scale | undefined => BUILT_IN_SCALES.find((s) => s.key === key);

  it.each([
    [0, 'teacher', 'close_to_average'], [11, 'teacher', 'close_to_average'], [12, 'teacher', 'slightly_raised'], [15, 'teacher', 'slightly_raised'],
    [16, 'teacher', 'high'], [18, 'teacher', 'high'], [19, 'teacher', 'very_high'], [40, 'teacher', 'very_high'],
    [13, 'parent', 'close_to_average'], [14, 'parent', 'slightly_raised'], [17, 'parent', 'high'], [20, 'parent', 'very_high'],
    [14, 'self', 'close_to_average'], [15, 'self', 'slightly_raised'], [18, 'self', 'high'], [20, 'self', 'very_high'],
  ] as const)('SDQ total %i from a %s is %s', (total, who, band) => {
    expect(sdqBand(total, who)).toBe(band);
  });

  it('refuses values off the scale, fractions of whole scores, and an SDQ without its informant, naming the field', () => {
    expect(measureProblem(scale('sdq'), 41, 'teacher')).toEqual({ field: 'value', message: 'SDQ total difficulties is from 0 to 40' });
    expect(measureProblem(scale('sdq'), -1, 'teacher')?.field).toBe('value');
    expect(measureProblem(scale('sdq'), 12.5, 'teacher')?.field).toBe('value');
    expect(measureProblem(scale('sdq'), 12, null)?.field).toBe('informant');
    expect(measureProblem(scale('boxall_developmental'), 137, null)?.field).toBe('value');
    expect(measureProblem(scale('daily_points'), 72.5, null)).toBeNull();
    expect(measureProblem(scale('boxall_diagnostic'), 20, 'teacher')?.field).toBe('informant');
    expect(measureProblem(undefined, 3, null)?.field).toBe('measure');
    expect(measureProblem({ key: 'scale:x', name: 'Calm', min: 1, max: 10, higherIsBetter: true, step: 'whole' }, 0, null)?.message).toBe('Calm is from 1 to 10');
  });

  it('improvement follows the direction of the scale', () => {
    expect(improved({ higherIsBetter: false }, 22, 14)).toBe(true);
    expect(improved({ higherIsBetter: true }, 60, 48)).toBe(false);
    expect(improved({ higherIsBetter: true }, 60, 60)).toBeNull();
    expect(improved({ higherIsBetter: true }, null, 60)).toBeNull();
  });

  it('daily points average as a % of the maximum', () => {
    expect(pointsAverage([{ points: 6, maxPoints: 10 }, { points: 9, maxPoints: 10 }, { points: 7, maxPoints: 10 }])).toBe(73.3);
    expect(pointsAverage([])).toBeNull();
  });
});

describe('sessions and dates', () => {
  const run = { start: '2026-10-19', end: '2026-11-20' };

  it('a session on a holiday, a closure day or outside the intervention is refused, naming the field', () => {
    expect(schoolDayProblem(AUTUMN, 'sessionDate', '2026-10-28', run)?.field).toBe('sessionDate');
    expect(schoolDayProblem(AUTUMN, 'sessionDate', '2026-11-11', run)?.message).toMatch(/not a school day/);
    expect(schoolDayProblem(AUTUMN, 'day', '2026-11-23', run)?.message).toMatch(/between the start and the end/);
    expect(schoolDayProblem(AUTUMN, 'day', '2026-11-12', run)).toBeNull();
  });

  it('a weekly schedule on Tuesdays and Thursdays skips the half-term (no session on 27 or 29 October)', () => {
    expect(scheduleDays(AUTUMN, run.start, '2026-11-06', [2, 4])).toEqual(['2026-10-20', '2026-10-22', '2026-11-03', '2026-11-05']);
  });

  it('dates: the planned end is not before the start, and six weeks from a Monday end on the sixth Sunday', () => {
    expect(datesProblem('2026-11-04', '2026-11-03')?.field).toBe('plannedEndDate');
    expect(datesProblem('2026-11-04', '2026-11-04')).toBeNull();
    expect(plannedEndFrom('2026-11-02', 6)).toBe('2026-12-13');
  });
});

describe('groupImpactOf (the overview of every intervention)', () => {
  const day = fc.integer({ min: 0, max: 120 }).map((n) => new Date(Date.UTC(2026, 8, 1) + n * 86_400_000).toISOString().slice(0, 10));
  it('gives the same figures as adding up each pupil\'s pupilImpact', () => {
    fc.assert(fc.property(
      fc.uniqueArray(day, { maxLength: 40 }), fc.uniqueArray(day, { maxLength: 40 }),
      fc.array(fc.record({ start: day, end: fc.option(day, { nil: null }), records: fc.array(day, { maxLength: 8 }) }), { maxLength: 6 }),
      (b, a, pupils) => {
        const before = [...b].sort();
        const after = [...a].sort();
        const members = pupils.map((p, i) => ({ pupilId: `p${i}`, enrolmentStart: p.start, enrolmentEnd: p.end }));
        const records = new Map(pupils.map((p, i) => [`p${i}`, p.records]));
        const each = pupils.map((p) => pupilImpact(before, after, { start: p.start, end: p.end }, p.records));
        expect(groupImpactOf(before, after, members, records)).toEqual(groupImpact(each));
      }));
  });
});
