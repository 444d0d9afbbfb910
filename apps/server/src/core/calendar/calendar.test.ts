import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CalendarRangeError, academicYearOf, addDays, addSchoolDays, englandTermDates, firstSchoolDays, formatUkDate, fromDayNumber, isSchoolDay,
  lastSchoolDaysBefore, listSchoolDays, londonIsoDate, nextSchoolDay, nthSchoolDayFrom, previousSchoolDay, schoolDaysBetween, sessionsBetween,
  termOf, toDayNumber, weekdayOf, type SchoolCalendar,
} from './calendar.ts';

/** Autumn 2026 by hand: two INSET days, an October half-term and one emergency closure. */
const AUTUMN: SchoolCalendar = {
  terms: [
    { name: 'Autumn 1', term: 'autumn', halfTerm: 1, startDate: '2026-09-01', endDate: '2026-10-23' },
    { name: 'Autumn 2', term: 'autumn', halfTerm: 2, startDate: '2026-11-02', endDate: '2026-12-18' },
  ],
  closures: [
    { date: '2026-09-01', reason: 'INSET day' },
    { date: '2026-09-02', reason: 'INSET day' },
    { date: '2026-11-11', reason: 'Emergency closure: heating failure' },
  ],
};

describe('isSchoolDay', () => {
  it.each([
    ['2026-09-03', true, 'first day for pupils (a Thursday)'],
    ['2026-09-01', false, 'INSET day'],
    ['2026-09-05', false, 'Saturday in term'],
    ['2026-09-06', false, 'Sunday in term'],
    ['2026-10-23', true, 'last day of Autumn 1'],
    ['2026-10-26', false, 'Monday of the October half-term'],
    ['2026-11-02', true, 'first day of Autumn 2'],
    ['2026-11-11', false, 'emergency closure'],
    ['2026-08-31', false, 'summer holiday'],
    ['2026-12-21', false, 'Christmas holiday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isSchoolDay(AUTUMN, date)).toBe(expected);
  });
});

describe('schoolDaysBetween and sessionsBetween', () => {
  it.each([
    ['2026-09-01', '2026-09-04', 2, 'INSET days at the start are skipped'],
    ['2026-09-05', '2026-09-06', 0, 'a weekend'],
    ['2026-09-07', '2026-09-13', 5, 'a full week with its weekend'],
    ['2026-10-19', '2026-11-06', 10, 'spanning the October half-term: only the two teaching weeks count'],
    ['2026-10-24', '2026-11-01', 0, 'the whole half-term break with its weekends'],
    ['2026-11-09', '2026-11-13', 4, 'a week with a closure day'],
    ['2026-11-06', '2026-11-06', 1, 'a single school day'],
    ['2026-11-11', '2026-11-11', 0, 'a single closure day'],
    ['2026-11-06', '2026-11-05', 0, 'an empty range (to before from)'],
    ['2026-01-01', '2027-12-31', 71, 'a range wider than the calendar counts only its terms'],
  ])('%s to %s → %i (%s)', (from, to, expected) => {
    expect(schoolDaysBetween(AUTUMN, from, to)).toBe(expected);
    expect(listSchoolDays(AUTUMN, from, to)).toHaveLength(expected);
    expect(sessionsBetween(AUTUMN, from, to)).toBe(2 * expected);
  });
});

describe('addSchoolDays, nthSchoolDayFrom, nextSchoolDay', () => {
  it.each([
    ['2026-10-21', 5, '2026-11-04', 'over the half-term'],
    ['2026-10-23', 1, '2026-11-02', 'from the last day before half-term'],
    ['2026-11-10', 1, '2026-11-12', 'over a closure day'],
    ['2026-09-04', 1, '2026-09-07', 'over a weekend'],
    ['2026-08-20', 1, '2026-09-03', 'from the summer holiday, over INSET days'],
    ['2026-11-20', 15, '2026-12-11', 'LAW-6: within 15 school days of a decision'],
  ])('addSchoolDays(%s, %i) → %s (%s)', (date, n, expected) => {
    expect(addSchoolDays(AUTUMN, date, n)).toBe(expected);
  });

  it.each([
    ['2026-10-20', 6, '2026-11-03', 'LAW-8: the sixth school day of a suspension across half-term'],
    ['2026-10-20', 1, '2026-10-20', 'a school day counts as day 1'],
    ['2026-10-24', 1, '2026-11-02', 'a Saturday is not day 1'],
    ['2026-09-01', 1, '2026-09-03', 'an INSET day is not day 1'],
    ['2026-11-09', 3, '2026-11-12', 'a closure day is not counted'],
  ])('nthSchoolDayFrom(%s, %i) → %s (%s)', (date, n, expected) => {
    expect(nthSchoolDayFrom(AUTUMN, date, n)).toBe(expected);
  });

  it('nextSchoolDay and previousSchoolDay step over weekends, breaks and closures', () => {
    expect(nextSchoolDay(AUTUMN, '2026-10-23')).toBe('2026-11-02');
    expect(previousSchoolDay(AUTUMN, '2026-11-02')).toBe('2026-10-23');
    expect(previousSchoolDay(AUTUMN, '2026-11-12')).toBe('2026-11-10');
    expect(previousSchoolDay(AUTUMN, '2026-09-03')).toBeNull();
  });

  it('refuses a count below 1 or not whole, and says when the calendar runs out', () => {
    expect(() => addSchoolDays(AUTUMN, '2026-10-01', 0)).toThrow(/at least 1/);
    expect(() => nthSchoolDayFrom(AUTUMN, '2026-10-01', 1.5)).toThrow(/whole number/);
    expect(() => addSchoolDays(AUTUMN, '2026-12-18', 1)).toThrow(CalendarRangeError);
    expect(() => addSchoolDays(AUTUMN, '2026-12-01', 20)).toThrow(/calendar ends before/);
    expect(() => nextSchoolDay({ terms: [], closures: [] }, '2026-12-01')).toThrow(/no terms at all/);
  });
});

describe('termOf, academicYearOf, weekdayOf, formatUkDate', () => {
  it('finds the half-term containing a date, or none in a holiday', () => {
    expect(termOf(AUTUMN, '2026-09-05')?.name).toBe('Autumn 1');
    expect(termOf(AUTUMN, '2026-12-18')?.halfTerm).toBe(2);
    expect(termOf(AUTUMN, '2026-10-28')).toBeNull();
  });

  it.each([
    ['2026-09-01', '2026/27', '2026-09-01', '2027-08-31'],
    ['2027-08-31', '2026/27', '2026-09-01', '2027-08-31'],
    ['2026-08-31', '2025/26', '2025-09-01', '2026-08-31'],
    ['2026-11-22', '2026/27', '2026-09-01', '2027-08-31'],
    ['2000-01-15', '1999/00', '1999-09-01', '2000-08-31'],
  ])('academicYearOf(%s) → %s', (date, label, startDate, endDate) => {
    expect(academicYearOf(date)).toMatchObject({ label, startDate, endDate });
  });

  it.each([
    ['2026-11-22', 7], ['2026-11-23', 1], ['1970-01-01', 4], ['2000-02-29', 2], ['1969-12-31', 3], ['2027-01-01', 5],
  ])('weekdayOf(%s) → %i (Monday is 1)', (date, expected) => {
    expect(weekdayOf(date)).toBe(expected);
  });

  it('formats dates the English way', () => {
    expect(formatUkDate('2026-11-22')).toBe('22/11/2026');
    expect(formatUkDate('2027-01-05')).toBe('05/01/2027');
  });

  it('takes "today" in England, not in UTC', () => {
    expect(londonIsoDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'); // BST
    expect(londonIsoDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31'); // GMT
  });
});

describe('malformed dates', () => {
  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '26-11-22', '2026-1-5', '', '2026-11-22T00:00:00Z', ' 2026-11-22', '22/11/2026', '0099-01-01'])(
    'rejects %j with a clear error',
    (bad) => {
      expect(() => isSchoolDay(AUTUMN, bad)).toThrow(/Invalid date/);
      expect(() => schoolDaysBetween(AUTUMN, bad, '2026-12-01')).toThrow(/Invalid date/);
      expect(() => addSchoolDays(AUTUMN, bad, 1)).toThrow(/Invalid date/);
      expect(() => formatUkDate(bad)).toThrow(/Invalid date/);
      expect(() => academicYearOf(bad)).toThrow(/Invalid date/);
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(weekdayOf('2028-02-29')).toBe(2);
  });

  it('rejects a calendar whose term ends before it starts', () => {
    const bad: SchoolCalendar = { terms: [{ name: 'Backwards', term: 'spring', halfTerm: 1, startDate: '2027-02-01', endDate: '2027-01-01' }], closures: [] };
    expect(() => isSchoolDay(bad, '2027-01-15')).toThrow(/ends .* before it starts/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties over two consecutive English years with random extra closures.

const arbCalendar = fc.record({
  year: fc.integer({ min: 2015, max: 2035 }),
  extra: fc.array(fc.integer({ min: 0, max: 729 }), { maxLength: 12 }),
}).map(({ year, extra }): { cal: SchoolCalendar; year: number } => {
  const a = englandTermDates(year);
  const b = englandTermDates(year + 1);
  const start = a.academicYear.startDate;
  return {
    year,
    cal: {
      terms: [...a.terms, ...b.terms],
      closures: [...a.closures, ...b.closures, ...extra.map((d) => ({ date: addDays(start, d), reason: 'Emergency closure' }))],
    },
  };
});
/** A date as an offset from 1 September of the first year; stays inside the first year plus a margin. */
const arbOffset = fc.integer({ min: -20, max: 380 });

describe('properties', () => {
  it('counting is additive: [a, c] = [a, b] + [b + 1, c]', () => {
    fc.assert(fc.property(arbCalendar, arbOffset, arbOffset, arbOffset, ({ cal, year }, x, y, z) => {
      const [a, b, c] = [x, y, z].sort((p, q) => p - q).map((o) => addDays(`${year}-09-01`, o)) as [string, string, string];
      expect(schoolDaysBetween(cal, a, c)).toBe(schoolDaysBetween(cal, a, b) + schoolDaysBetween(cal, addDays(b, 1), c));
    }));
  });

  it('never counts more than the weekdays in the range, and lists exactly the school days', () => {
    fc.assert(fc.property(arbCalendar, arbOffset, fc.integer({ min: 0, max: 120 }), ({ cal, year }, o, len) => {
      const from = addDays(`${year}-09-01`, o);
      const to = addDays(from, len);
      let weekdays = 0;
      for (let d = toDayNumber(from); d <= toDayNumber(to); d += 1) if (weekdayOf(fromDayNumber(d)) <= 5) weekdays += 1;
      const listed = listSchoolDays(cal, from, to);
      expect(schoolDaysBetween(cal, from, to)).toBeLessThanOrEqual(weekdays);
      expect(listed).toHaveLength(schoolDaysBetween(cal, from, to));
      expect(listed.every((d) => isSchoolDay(cal, d) && weekdayOf(d) <= 5)).toBe(true);
      expect(sessionsBetween(cal, from, to)).toBe(2 * listed.length);
    }));
  });

  it('firstSchoolDays and lastSchoolDaysBefore are the ends of the list of school days', () => {
    fc.assert(fc.property(arbCalendar, arbOffset, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 130 }), ({ cal, year }, o, len, n) => {
      const from = addDays(`${year - 1}-09-01`, o);
      const to = addDays(from, len);
      expect(firstSchoolDays(cal, from, to, n)).toEqual(listSchoolDays(cal, from, to).slice(0, n));
      expect(lastSchoolDaysBefore(cal, to, from, n)).toEqual(listSchoolDays(cal, from, addDays(to, -1)).slice(-n));
    }));
  });

  it('addSchoolDays lands on a school day exactly n school days on', () => {
    fc.assert(fc.property(arbCalendar, arbOffset, fc.integer({ min: 1, max: 150 }), ({ cal, year }, o, n) => {
      const date = addDays(`${year}-09-01`, o);
      const result = addSchoolDays(cal, date, n);
      expect(isSchoolDay(cal, result)).toBe(true);
      expect(result > date).toBe(true);
      expect(schoolDaysBetween(cal, addDays(date, 1), result)).toBe(n);
      expect(schoolDaysBetween(cal, nextSchoolDay(cal, date), result)).toBe(n);
      expect(nthSchoolDayFrom(cal, addDays(date, 1), n)).toBe(result);
    }));
  });

  it('nthSchoolDayFrom counts the start as day 1 exactly when it is a school day', () => {
    fc.assert(fc.property(arbCalendar, arbOffset, fc.integer({ min: 1, max: 60 }), ({ cal, year }, o, n) => {
      const start = addDays(`${year}-09-01`, o);
      const result = nthSchoolDayFrom(cal, start, n);
      expect(schoolDaysBetween(cal, start, result)).toBe(n);
      if (n === 1 && isSchoolDay(cal, start)) expect(result).toBe(start);
    }));
  });

  it('weekends and closure days are never school days', () => {
    fc.assert(fc.property(arbCalendar, arbOffset, ({ cal, year }, o) => {
      const d = addDays(`${year}-09-01`, o);
      if (weekdayOf(d) >= 6 || cal.closures.some((c) => c.date === d) || termOf(cal, d) === null) expect(isSchoolDay(cal, d)).toBe(false);
    }));
  });

  it('every date belongs to the academic year that contains it, and dates round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2199-12-31') }), (n) => {
      const d = fromDayNumber(n);
      expect(toDayNumber(d)).toBe(n);
      const ay = academicYearOf(d);
      expect(ay.startDate <= d && d <= ay.endDate).toBe(true);
      expect(weekdayOf(addDays(d, 7))).toBe(weekdayOf(d));
      const [dd, mm, yyyy] = formatUkDate(d).split('/');
      expect(`${yyyy}-${mm}-${dd}`).toBe(d);
    }));
  });
});
