import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TSetupSite } from '@haven/contracts';
import { addDays, easterSunday, schoolDaysBetween, termOf, weekdayOf } from '../../core/calendar/calendar.ts';
import { checkSites, parseLaestab, setupCalendar, setupTermsProblem, setupYearStart, urnProblem } from './setup.rules.ts';

const span = (cal: ReturnType<typeof setupCalendar>, name: string) => {
  const t = cal.terms.find((x) => x.name === name)!;
  return [t.startDate, t.endDate];
};

describe('setupYearStart: the academic year a new trust starts with', () => {
  it.each([
    ['2026-09-01', 2026], ['2026-12-06', 2026], ['2027-01-01', 2026], ['2027-03-01', 2026], ['2027-07-20', 2026],
    // after the summer term has ended, the year about to begin
    ['2027-07-21', 2027], ['2027-08-15', 2027], ['2027-08-31', 2027],
  ])('on %s → %i', (today, start) => { expect(setupYearStart(today)).toBe(start); });
});

describe("setupCalendar: England's usual dates", () => {
  it('2026/27 (Easter early: 28 March 2027)', () => {
    const cal = setupCalendar('2026-12-06');
    expect(cal.academicYear).toEqual({ label: '2026/27', startDate: '2026-09-01', endDate: '2027-08-31' });
    expect(cal.terms.map((t) => [t.name, t.startDate, t.endDate])).toEqual([
      ['Autumn 1', '2026-09-01', '2026-10-23'], ['Autumn 2', '2026-11-02', '2026-12-18'],
      ['Spring 1', '2027-01-04', '2027-02-12'], ['Spring 2', '2027-02-22', '2027-03-19'],
      ['Summer 1', '2027-04-05', '2027-05-28'], ['Summer 2', '2027-06-07', '2027-07-20'],
    ]);
    expect(cal.closures.map((c) => [c.date, c.kind])).toEqual([
      ['2026-09-01', 'inset'], ['2026-09-02', 'inset'], ['2027-01-04', 'inset'], ['2027-04-05', 'inset'], ['2027-05-03', 'bank_holiday'], ['2027-07-20', 'inset'],
    ]);
  });

  it('2007/08: Easter on 23 March, the spring term ends mid-March and summer starts on the last day of March', () => {
    const cal = setupCalendar('2007-11-01');
    expect(span(cal, 'Spring 2')).toEqual(['2008-02-25', '2008-03-14']);
    expect(span(cal, 'Summer 1')[0]).toBe('2008-03-31');
  });

  it('2015/16: Easter on 27 March', () => {
    const cal = setupCalendar('2016-02-01');
    expect(cal.academicYear.label).toBe('2015/16');
    expect(span(cal, 'Spring 2')[1]).toBe('2016-03-18');
    expect(span(cal, 'Summer 1')[0]).toBe('2016-04-04');
  });

  it('2018/19: Easter on 21 April, the spring term runs to mid-April', () => {
    const cal = setupCalendar('2019-04-01');
    expect(span(cal, 'Spring 2')).toEqual(['2019-02-25', '2019-04-12']);
    expect(span(cal, 'Summer 1')[0]).toBe('2019-04-29');
  });

  it('2010/11 and 2037/38: Easter on 24 and 25 April, the latest years', () => {
    expect(span(setupCalendar('2010-09-06'), 'Summer 1')[0]).toBe('2011-05-02');
    const late = setupCalendar('2037-09-30');
    expect(late.academicYear.label).toBe('2037/38');
    expect(span(late, 'Spring 2')[1]).toBe('2038-04-16');
    expect(span(late, 'Summer 1')[0]).toBe('2038-05-03');
  });

  it('every year has the usual shape: 190 days for pupils, breaks at the usual times, Easter and bank holidays off', () => {
    fc.assert(fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 0, max: 300 }), (year, offset) => {
      const today = addDays(`${year}-09-01`, offset);
      const cal = setupCalendar(today);
      const y = Number(cal.academicYear.startDate.slice(0, 4));
      const [a1, a2, s1, s2, u1, u2] = cal.terms.map((t) => t);
      expect(schoolDaysBetween(cal, cal.academicYear.startDate, cal.academicYear.endDate)).toBe(190);
      expect(a1!.startDate >= `${y}-09-01` && a1!.startDate <= `${y}-09-07`).toBe(true);
      // October half-term: the last week of October (Autumn 1 ends on its Friday before)
      expect(a1!.endDate >= `${y}-10-19` && a1!.endDate <= `${y}-10-29`).toBe(true);
      expect(a2!.endDate >= `${y}-12-15` && a2!.endDate <= `${y}-12-22`).toBe(true);
      expect(s1!.startDate >= `${y + 1}-01-02` && s1!.startDate <= `${y + 1}-01-09`).toBe(true);
      expect(s1!.endDate >= `${y + 1}-02-06` && s1!.endDate <= `${y + 1}-02-16`).toBe(true);
      const easter = easterSunday(y + 1);
      expect(s2!.endDate < addDays(easter, -2) && u1!.startDate > addDays(easter, 1)).toBe(true);
      // Whitsun: the week of the last Monday of May is a holiday
      expect(u1!.endDate >= `${y + 1}-05-22` && u1!.endDate <= `${y + 1}-05-28`).toBe(true);
      expect(u2!.endDate >= `${y + 1}-07-15` && u2!.endDate <= `${y + 1}-07-24`).toBe(true);
      for (const t of cal.terms) { expect(weekdayOf(t.startDate)).toBeLessThanOrEqual(5); expect(weekdayOf(t.endDate)).toBeLessThanOrEqual(5); }
      for (const c of cal.closures) expect(termOf(cal, c.date)).not.toBeNull();
      expect(cal.closures.filter((c) => c.kind === 'inset')).toHaveLength(5);
      // this year, or (once its summer term is over) the next
      expect(today <= u2!.endDate && (today >= cal.academicYear.startDate || today.slice(5) > '07-14')).toBe(true);
    }), { numRuns: 200 });
  });

  it("keeps the administrator's half-terms, with the bank holidays and INSET days that still fall inside them", () => {
    const usual = setupCalendar('2026-12-06');
    const adjusted = usual.terms.map(({ term, halfTerm, startDate, endDate }) => ({ term, halfTerm, startDate, endDate }));
    adjusted[0] = { ...adjusted[0]!, startDate: '2026-09-03' };
    adjusted[4] = { ...adjusted[4]!, startDate: '2027-04-12' };
    const cal = setupCalendar('2026-12-06', adjusted);
    expect(setupTermsProblem(cal, adjusted)).toBeNull();
    expect(cal.terms[0]!.startDate).toBe('2026-09-03');
    expect(cal.closures.map((c) => c.date)).toEqual(['2027-01-04', '2027-05-03', '2027-07-20']);
  });

  it('names the half-term that is outside the year, overlaps the next or is given twice', () => {
    const base = setupCalendar('2026-12-06').terms.map(({ term, halfTerm, startDate, endDate }) => ({ term, halfTerm, startDate, endDate }));
    const at = (i: number, patch: object) => base.map((t, j) => (j === i ? { ...t, ...patch } : t));
    const problem = (terms: typeof base) => setupTermsProblem(setupCalendar('2026-12-06', terms), terms);
    expect(problem(at(0, { startDate: '2026-08-20' }))).toMatchObject({ field: 'terms.0.startDate' });
    expect(problem(at(5, { endDate: '2027-09-02' }))).toMatchObject({ field: 'terms.5.endDate' });
    expect(problem(at(2, { endDate: '2027-02-25' }))).toMatchObject({ field: 'terms.2.endDate', message: expect.stringMatching(/Spring 2/) });
    expect(problem(at(3, { endDate: '2027-02-01' }))).toMatchObject({ field: 'terms.3.endDate' });
    expect(problem(at(1, { term: 'autumn', halfTerm: 1 }))).toMatchObject({ field: 'terms.1.halfTerm' });
    expect(problem(base)).toBeNull();
  });
});

describe('URN and LAESTAB', () => {
  it.each(['123456', '100000', '999999'])('URN %s is accepted', (u) => { expect(urnProblem(u)).toBeNull(); });
  it.each(['12345', '1234567', '012345', 'ABCDEF', '', '12 345'])('URN %j is refused', (u) => { expect(urnProblem(u)).toMatch(/URN/); });

  it.each([['8012345', '801', '2345'], ['801/2345', '801', '2345'], ['801-2345', '801', '2345'], [' 801 2345 ', '801', '2345'], ['2017001', '201', '7001']])(
    'LAESTAB %j is LA %s, establishment %s', (text, laCode, establishmentNumber) => { expect(parseLaestab(text)).toEqual({ laCode, establishmentNumber }); });
  it.each([
    ['801234', /7 digits/], ['80123456', /7 digits/], ['801/234', /7 digits/], ['80/12345', /7 digits/], ['AB12345', /7 digits/],
    ['0012345', /local authority/], ['8010999', /establishment number/], ['8018000', /establishment number/],
  ])('LAESTAB %j is refused', (text, message) => { expect(parseLaestab(text)).toEqual({ problem: expect.stringMatching(message) }); });

  const site = (over: Partial<TSetupSite> = {}): TSetupSite => ({ name: 'Oak Hill School', shortName: 'OAK', urn: '123456', laestab: '801/2345', phase: 'secondary', kind: 'semh', ...over });
  it('checks each site and names the field of the first problem', () => {
    expect(checkSites([site()])).toEqual({ sites: [{ name: 'Oak Hill School', shortName: 'OAK', urn: '123456', laCode: '801', establishmentNumber: '2345', phase: 'secondary', kind: 'semh' }] });
    expect(checkSites([site(), site({ urn: '12345' })])).toMatchObject({ problem: { field: 'sites.1.urn' } });
    expect(checkSites([site({ laestab: '801234' })])).toMatchObject({ problem: { field: 'sites.0.laestab' } });
    expect(checkSites([site(), site({ shortName: 'ASH', laestab: '8017001' })])).toMatchObject({ problem: { field: 'sites.1.urn', message: expect.stringMatching(/Oak Hill/) } });
    expect(checkSites([site(), site({ shortName: 'ASH', urn: '123457' })])).toMatchObject({ problem: { field: 'sites.1.laestab' } });
    expect(checkSites([site(), site({ shortName: 'oak', urn: '123457', laestab: '8017001' })])).toMatchObject({ problem: { field: 'sites.1.shortName' } });
  });
});
