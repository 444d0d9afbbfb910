import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../core/calendar/calendar.ts';
import { endProblem, isOverdue, nextReview, placementProblem, statusOn } from './placements.rules.ts';
import { isolationProblem, sessionsCount } from '../isolations/isolations.rules.ts';
import { englandTermDates } from '../../core/calendar/calendar.ts';

describe('placements', () => {
  it.each([
    [{ startDate: '2026-11-02', endDate: '2027-01-01' }, null], [{ startDate: '2026-11-02', endDate: '2026-11-01' }, 'endDate'],
    [{ startDate: '2026-11-02', reviewDates: ['2026-11-16', '2026-10-01'] }, 'reviewDates.1'], [{ startDate: '2026-11-02', endDate: null }, null],
  ])('%o → %s', (p, field) => expect(placementProblem(p)?.field ?? null).toBe(field));
  it.each([['2026-11-01', null, 'planned'], ['2026-11-02', null, 'active'], ['2027-05-01', null, 'active'], ['2026-11-01', 'returned', 'ended']])('today %s, outcome %s → %s', (today, outcome, status) => {
    expect(statusOn({ startDate: '2026-11-02', finalOutcome: outcome }, today)).toBe(status);
  });
  it('the next review is the earliest without an outcome, and only past ones are overdue (property)', () => {
    fc.assert(fc.property(fc.array(fc.record({ d: fc.integer({ min: 0, max: 200 }), done: fc.boolean() }), { maxLength: 10 }), fc.integer({ min: 0, max: 200 }), (rs, t) => {
      const reviews = rs.map((r) => ({ reviewDate: addDays('2026-09-01', r.d), outcome: r.done ? 'ok' : null }));
      const today = addDays('2026-09-01', t);
      const open = reviews.filter((r) => r.outcome === null).map((r) => r.reviewDate);
      expect(nextReview(reviews)).toBe(open.length ? open.sort()[0] : null);
      for (const r of reviews) expect(isOverdue(r, today)).toBe(r.outcome === null && r.reviewDate < today);
    }));
  });
  it('refuses an end before the start', () => {
    expect(endProblem({ startDate: '2026-11-02' }, { endDate: '2026-11-01' })?.field).toBe('endDate');
    expect(endProblem({ startDate: '2026-11-02' }, { endDate: '2026-11-02' })).toBeNull();
  });
});

describe('isolation sessions', () => {
  const CAL = englandTermDates(2026);
  it.each([
    [{ date: '2026-11-23', session: 'am' }, null], [{ date: '2026-11-22', session: 'am' }, 'date'], [{ date: '2026-11-23', session: 'times' }, 'startTime'],
    [{ date: '2026-11-23', session: 'times', startTime: '09:00' }, 'endTime'], [{ date: '2026-11-23', session: 'times', startTime: '09:00', endTime: '08:00' }, 'endTime'],
    [{ date: '2026-11-23', session: 'times', startTime: '09:00', endTime: '11:00' }, null],
  ])('%o → %s', (s, field) => expect(isolationProblem(CAL, s)?.field ?? null).toBe(field));
  it('counts a whole day as two sessions', () => expect(sessionsCount(['am', 'day', 'pm', 'times'])).toBe(5));
});
