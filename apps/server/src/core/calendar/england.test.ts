import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, easterSunday, englandTermDates, isSchoolDay, schoolDaysBetween, termOf, weekdayOf } from './calendar.ts';

describe('easterSunday', () => {
  it.each([
    [2008, '2008-03-23'], [2011, '2011-04-24'], [2019, '2019-04-21'], [2024, '2024-03-31'], [2025, '2025-04-20'],
    [2026, '2026-04-05'], [2027, '2027-03-28'], [2038, '2038-04-25'], [2285, '2285-03-22'], [1818, '1818-03-22'],
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
      const e = easterSunday(year);
      expect(weekdayOf(e)).toBe(7);
      expect(e >= `${year}-03-22` && e <= `${year}-04-25`).toBe(true);
    }));
  });
});

describe('englandTermDates', () => {
  it('gives the 2026/27 year a realistic shape', () => {
    const cal = englandTermDates(2026);
    expect(cal.academicYear.label).toBe('2026/27');
    expect(cal.terms.map((t) => [t.name, t.startDate, t.endDate])).toEqual([
      ['Autumn 1', '2026-09-01', '2026-10-23'],
      ['Autumn 2', '2026-11-02', '2026-12-18'],
      ['Spring 1', '2027-01-04', '2027-02-12'],
      ['Spring 2', '2027-02-22', '2027-03-19'],
      ['Summer 1', '2027-04-05', '2027-05-28'],
      ['Summer 2', '2027-06-07', '2027-07-20'],
    ]);
    expect(cal.closures.filter((c) => c.kind === 'inset').map((c) => c.date)).toEqual(['2026-09-01', '2026-09-02', '2027-01-04', '2027-04-05', '2027-07-20']);
    expect(cal.closures.filter((c) => c.kind === 'bank_holiday')).toEqual([{ date: '2027-05-03', reason: 'Early May bank holiday', kind: 'bank_holiday' }]);
    expect(isSchoolDay(cal, '2026-09-03')).toBe(true);
    expect(isSchoolDay(cal, '2027-03-26')).toBe(false); // Good Friday week is in the Easter holiday
  });

  it('starts the spring term after a New Year substitute bank holiday', () => {
    // 1 January 2022 was a Saturday: Monday 3 January was the bank holiday.
    expect(englandTermDates(2021).terms[2]?.startDate).toBe('2022-01-04');
  });

  it('keeps the same pattern every year', () => {
    fc.assert(fc.property(fc.integer({ min: 1950, max: 2300 }), (year) => {
      const cal = englandTermDates(year);
      const { startDate, endDate } = cal.academicYear;
      expect(cal.terms).toHaveLength(6);
      expect(schoolDaysBetween(cal, startDate, endDate)).toBe(190);
      expect(cal.closures.filter((c) => c.kind === 'inset')).toHaveLength(5);
      cal.terms.forEach((t, i) => {
        expect(weekdayOf(t.startDate)).toBeLessThanOrEqual(5);
        expect(weekdayOf(t.endDate)).toBeLessThanOrEqual(5);
        expect(t.startDate >= startDate && t.endDate <= endDate).toBe(true);
        const prev = cal.terms[i - 1];
        // at least a week's holiday between half-terms, two weeks at Christmas and Easter
        if (prev) expect(addDays(prev.endDate, t.halfTerm === 1 ? 15 : 8) <= t.startDate).toBe(true);
      });
      for (const c of cal.closures) {
        expect(termOf(cal, c.date)).not.toBeNull();
        expect(weekdayOf(c.date)).toBeLessThanOrEqual(5);
      }
      const earlyMay = cal.bankHolidays.find((h) => h.name === 'Early May bank holiday');
      const lateMay = cal.bankHolidays.find((h) => h.name === 'Spring bank holiday');
      expect(lateMay && termOf(cal, lateMay.date)).toBeNull(); // Whitsun half-term is the week of the late-May bank holiday
      if (earlyMay && termOf(cal, earlyMay.date)) expect(cal.closures.some((c) => c.date === earlyMay.date)).toBe(true);
      for (const h of cal.bankHolidays) expect(isSchoolDay(cal, h.date)).toBe(false);
      const easter = easterSunday(year + 1);
      expect(termOf(cal, addDays(easter, -2))).toBeNull();
      expect(termOf(cal, addDays(easter, 1))).toBeNull();
    }));
  });

  it('refuses a year it cannot place', () => {
    expect(() => englandTermDates(1.5)).toThrow(/Invalid academic year/);
    expect(() => englandTermDates(12026)).toThrow(/Invalid academic year/);
  });
});
