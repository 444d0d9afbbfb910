import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, isSchoolDay } from '../../core/calendar/calendar.ts';
import { closureProblem, siteCalendar, termProblem, termsInForce, yearProblem, type ClosureRow, type TermRow, type YearRow } from './calendar.rules.ts';

const YEAR: YearRow = { id: 'y', label: '2026/27', startDate: '2026-09-01', endDate: '2027-08-31' };
const term = (id: string, startDate: string, endDate: string, over: Partial<TermRow> = {}): TermRow =>
  ({ id, academicYearId: 'y', siteId: null, term: 'autumn', halfTerm: 1, name: id, startDate, endDate, ...over });

describe('yearProblem', () => {
  it.each([
    [{ label: '2027/28', startDate: '2027-09-01', endDate: '2028-08-31' }, null],
    [{ label: '2027/28', startDate: '2027-09-01', endDate: '2027-09-01' }, 'endDate'],
    [{ label: '2027/28', startDate: '2027-09-01', endDate: '2028-12-31' }, 'endDate'],
    [{ label: '2026/27', startDate: '2030-09-01', endDate: '2031-08-31' }, 'label'],
    [{ label: '2025/26', startDate: '2025-09-01', endDate: '2026-09-01' }, 'startDate'],
  ])('%o → %s', (y, field) => expect(yearProblem(y, [YEAR])?.field ?? null).toBe(field));
});

describe('termProblem', () => {
  const others = [term('a1', '2026-09-03', '2026-10-23'), term('a1-site', '2026-09-07', '2026-10-23', { siteId: 's' })];
  it.each([
    [term('x', '2026-11-02', '2026-12-18', { halfTerm: 2 }), null],
    [term('x', '2026-11-02', '2026-10-18', { halfTerm: 2 }), 'endDate'],
    [term('x', '2026-08-02', '2026-10-18', { halfTerm: 2 }), 'startDate'],
    [term('x', '2027-07-02', '2027-09-18', { term: 'summer', halfTerm: 2 }), 'endDate'],
    [term('x', '2026-10-20', '2026-12-18', { halfTerm: 2 }), 'startDate'],
    [term('x', '2026-11-02', '2026-12-18', { halfTerm: 1 }), 'halfTerm'],
    [term('x', '2026-11-02', '2026-12-18', { halfTerm: 2, siteId: 's' }), null],
  ])('%o → %s', (t, field) => expect(termProblem(t, YEAR, others)?.field ?? null).toBe(field));

  it('accepts a half-term only when it overlaps none of its scope (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 60 }), (offset, len) => {
      const start = addDays(YEAR.startDate, offset);
      const t = term('x', start, addDays(start, len), { term: 'spring', halfTerm: 2 });
      const p = termProblem(t, YEAR, others);
      const overlapsTrust = t.startDate <= '2026-10-23' && '2026-09-03' <= t.endDate;
      if (t.endDate > YEAR.endDate) expect(p?.field).toBe('endDate');
      else expect(p === null).toBe(!overlapsTrust);
    }));
  });
});

describe('closures and a site calendar', () => {
  const terms = [term('t', '2026-09-03', '2026-10-23'), term('s', '2026-09-07', '2026-10-23', { siteId: 'site-b' })];
  const closures: ClosureRow[] = [
    { id: 'c1', academicYearId: 'y', siteId: null, date: '2026-09-14', reason: 'INSET', kind: 'inset' },
    { id: 'c2', academicYearId: 'y', siteId: 'site-a', date: '2026-09-15', reason: 'Heating', kind: 'closure' },
  ];
  it('refuses a date outside every year and a second closure of the same scope on a day', () => {
    expect(closureProblem({ date: '2030-01-01', siteId: null }, [YEAR], closures)?.field).toBe('date');
    expect(closureProblem({ date: '2026-09-14', siteId: null }, [YEAR], closures)?.field).toBe('date');
    expect(closureProblem({ date: '2026-09-14', siteId: 'site-a' }, [YEAR], closures)).toBeNull();
  });
  it("uses a site's own half-terms for a year when it has them, and trust-wide plus its own closures", () => {
    expect(termsInForce('site-a', terms).map((t) => t.id)).toEqual(['t']);
    expect(termsInForce('site-b', terms).map((t) => t.id)).toEqual(['s']);
    const a = siteCalendar('site-a', terms, closures);
    const b = siteCalendar('site-b', terms, closures);
    expect([isSchoolDay(a, '2026-09-03'), isSchoolDay(b, '2026-09-03')]).toEqual([true, false]);
    expect([isSchoolDay(a, '2026-09-15'), isSchoolDay(b, '2026-09-15')]).toEqual([false, true]);
    expect([isSchoolDay(a, '2026-09-14'), isSchoolDay(b, '2026-09-14')]).toEqual([false, false]);
  });
  it('a closure day is never a school day at the sites it covers (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 50 }), fc.constantFrom('site-a', 'site-b', null), (n, siteId) => {
      const date = addDays('2026-09-03', n);
      const extra: ClosureRow = { id: 'x', academicYearId: 'y', siteId, date, reason: 'x', kind: 'closure' };
      for (const site of ['site-a', 'site-b']) {
        if (siteId === null || siteId === site) expect(isSchoolDay(siteCalendar(site, terms, [...closures, extra]), date)).toBe(false);
      }
    }));
  });
});
