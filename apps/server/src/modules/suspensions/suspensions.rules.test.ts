/**
 * Statutory rules, written from the DfE suspension and permanent exclusion guidance (2024) on the England calendar
 * for 2026/27 (half-term 26–30 October, Christmas 21 December – 1 January, INSET 4 January, February half-term
 * 15–19 February, Easter 22 March – 2 April, early May bank holiday 3 May), plus closure days where stated.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, addSchoolDays, englandTermDates, isSchoolDay, listSchoolDays, schoolDaysBetween, type SchoolCalendar,
} from '../../core/calendar/calendar.ts';
import {
  LIMIT_DAYS, RuleError, alternativeProvisionFrom, assess, boardDutyOf, cancellationProblem, periodOf, schoolDaysRemaining,
  totalsOf, type CountedRecord, type ExclusionRequest,
} from './suspensions.rules.ts';

const england = englandTermDates(2026);
const cal: SchoolCalendar = england;
const year = { startDate: '2026-09-01', endDate: '2027-08-31' };
const withClosures = (...dates: string[]): SchoolCalendar => ({ terms: england.terms, closures: [...england.closures, ...dates.map((date) => ({ date, reason: 'Closure' }))] });
const susp = (startDate: string, sessions: number, startSession: 'am' | 'pm' = 'am'): ExclusionRequest => ({ category: 'suspension', startDate, startSession, sessions });
const lunch = (startDate: string, sessions: number): ExclusionRequest => ({ category: 'lunchtime', startDate, startSession: 'am', sessions });
const perm = (startDate: string): ExclusionRequest => ({ category: 'permanent', startDate, startSession: 'am', sessions: null });
const record = (r: ExclusionRequest, c = cal, cancelled = false): CountedRecord => ({ category: r.category, cancelled, slots: periodOf(c, r).slots });

describe('periodOf: sessions on school days only', () => {
  const cases: { name: string; c?: SchoolCalendar; r: ExclusionRequest; days: number; schoolDays: string[]; returnDate: string; returnSession: 'am' | 'pm' }[] = [
    { name: 'two days in one week', r: susp('2026-11-18', 4), days: 2, schoolDays: ['2026-11-18', '2026-11-19'], returnDate: '2026-11-20', returnSession: 'am' },
    { name: 'across a weekend', r: susp('2026-11-19', 6), days: 3, schoolDays: ['2026-11-19', '2026-11-20', '2026-11-23'], returnDate: '2026-11-24', returnSession: 'am' },
    { name: 'across the October half-term: the break counts nothing', r: susp('2026-10-22', 6), days: 3, schoolDays: ['2026-10-22', '2026-10-23', '2026-11-02'], returnDate: '2026-11-03', returnSession: 'am' },
    { name: 'starting in the afternoon, ending after a morning', r: susp('2026-10-22', 4, 'pm'), days: 2, schoolDays: ['2026-10-22', '2026-10-23', '2026-11-02'], returnDate: '2026-11-02', returnSession: 'pm' },
    { name: 'across Christmas and the January INSET day', r: susp('2026-12-17', 10), days: 5, schoolDays: ['2026-12-17', '2026-12-18', '2027-01-05', '2027-01-06', '2027-01-07'], returnDate: '2027-01-08', returnSession: 'am' },
    { name: 'around a closure day', c: withClosures('2026-11-11'), r: susp('2026-11-09', 10), days: 5, schoolDays: ['2026-11-09', '2026-11-10', '2026-11-12', '2026-11-13', '2026-11-16'], returnDate: '2026-11-17', returnSession: 'am' },
    { name: 'over the early May bank holiday', r: susp('2027-04-30', 4), days: 2, schoolDays: ['2027-04-30', '2027-05-04'], returnDate: '2027-05-05', returnSession: 'am' },
    { name: 'one morning', r: susp('2026-11-18', 1), days: 0.5, schoolDays: ['2026-11-18'], returnDate: '2026-11-18', returnSession: 'pm' },
    { name: 'a lunchtime is one session, half a day (LAW-3)', r: lunch('2026-11-18', 1), days: 0.5, schoolDays: ['2026-11-18'], returnDate: '2026-11-18', returnSession: 'pm' },
    { name: 'three lunchtimes over a weekend', r: lunch('2026-11-19', 3), days: 1.5, schoolDays: ['2026-11-19', '2026-11-20', '2026-11-23'], returnDate: '2026-11-23', returnSession: 'pm' },
  ];
  it.each(cases)('$name', ({ c, r, days, schoolDays, returnDate, returnSession }) => {
    const p = periodOf(c ?? cal, r);
    expect(p.days).toBe(days);
    expect(p.schoolDays).toEqual(schoolDays);
    expect(p.returnDate).toBe(returnDate);
    expect(p.returnSession).toBe(returnSession);
    expect(p.lastDay).toBe(schoolDays[schoolDays.length - 1]);
  });

  it('refuses a start that is not a school day, naming the field', () => {
    for (const d of ['2026-11-21', '2026-10-27', '2026-12-25', '2027-01-04']) {
      expect(() => periodOf(cal, susp(d, 2))).toThrow(RuleError);
      try { periodOf(cal, susp(d, 2)); } catch (e) { expect((e as RuleError).field).toBe('startDate'); }
    }
  });

  it('refuses a length that is not a whole number of sessions, or longer than 45 days', () => {
    expect(() => periodOf(cal, susp('2026-11-18', 0))).toThrow(/whole number/);
    expect(() => periodOf(cal, susp('2026-11-18', 1.5))).toThrow(/whole number/);
    expect(() => periodOf(cal, susp('2026-11-18', 91))).toThrow(/LAW-2|45/);
  });

  it('a permanent exclusion has no end and no return', () => {
    expect(periodOf(cal, perm('2026-11-18'))).toMatchObject({ days: 0, lastDay: null, returnDate: null });
  });
});

describe('running totals (LAW-2, LAW-3)', () => {
  it('counts suspensions and lunchtimes in the year and by term; cancelled and permanent ones do not count', () => {
    const t = totalsOf(cal, year, [
      record(susp('2026-10-22', 6)), record(lunch('2026-11-18', 3)), record(susp('2027-01-05', 10)),
      record(susp('2026-11-02', 20), cal, true), record(perm('2027-03-01')),
      record(susp('2027-06-08', 4)),
    ]);
    expect(t.yearDays).toBe(3 + 1.5 + 5 + 2);
    expect(t.termDays).toEqual({ autumn: 4.5, spring: 5, summer: 2 });
  });

  it('a suspension spanning the Christmas holiday counts days in each term', () => {
    expect(totalsOf(cal, year, [record(susp('2026-12-17', 10))]).termDays).toEqual({ autumn: 2, spring: 3, summer: 0 });
  });

  const base = (days: number): CountedRecord[] => [{ category: 'suspension', cancelled: false, slots: periodOf(cal, susp('2026-09-03', days * 2)).slots }];
  const cases = [
    { before: 30, add: susp('2027-05-04', 9), total: 34.5, warned: false, refused: false },
    { before: 34.5, add: lunch('2027-05-04', 1), total: 35, warned: true, refused: false },
    { before: 44, add: susp('2027-05-04', 2), total: 45, warned: true, refused: false },
    { before: 44, add: susp('2027-05-04', 3), total: 45.5, warned: false, refused: true },
    { before: 45, add: lunch('2027-05-04', 1), total: 45.5, warned: false, refused: true },
  ];
  it.each(cases)('$before days + new → $total: warned $warned, refused $refused', ({ before, add, total, warned, refused }) => {
    const existing = before === 34.5
      ? [...base(34), { category: 'lunchtime' as const, cancelled: false, slots: ['2026-11-18:lunch'] }]
      : base(before);
    const a = assess(cal, { request: add, missesPublicExam: false, examDate: null, decisionDate: add.startDate, academicYear: year, existing });
    expect(a.yearDays).toBe(total);
    expect(a.warnings.some((w) => w.rule === 'LAW-2')).toBe(warned);
    expect(a.refusal !== null).toBe(refused);
    if (refused) {
      expect(a.refusal!.rule).toBe('LAW-2');
      expect(a.refusal!.message).toMatch(/^This would break the limit of 45 days of suspension in a school year, in the DfE suspension and permanent exclusion guidance: .*45 school days/);
      expect(a.refusal!.message).not.toContain('LAW-');
    }
  });

  it('a permanent exclusion is never refused by the 45-day limit', () => {
    const a = assess(cal, { request: perm('2027-05-04'), missesPublicExam: false, examDate: null, decisionDate: '2027-05-04', academicYear: year, existing: base(45) });
    expect(a.refusal).toBeNull();
  });

  it('days suspended in the previous academic year do not count', () => {
    const prev = englandTermDates(2025);
    const both: SchoolCalendar = { terms: [...prev.terms, ...england.terms], closures: [...prev.closures, ...england.closures] };
    const old = { category: 'suspension' as const, cancelled: false, slots: periodOf(both, susp('2026-07-01', 10)).slots };
    expect(totalsOf(both, year, [old]).yearDays).toBe(0);
  });
});

describe('board duties (LAW-6, LAW-7)', () => {
  const duty = (category: 'suspension' | 'permanent' | 'lunchtime', termDays: number, missesPublicExam = false, decisionDate = '2026-11-18', c = cal) =>
    boardDutyOf(c, { category, termDays, missesPublicExam, examDate: missesPublicExam ? '2026-11-20' : null, decisionDate });
  const cases = [
    { name: 'a permanent exclusion: reinstatement within 15 school days', d: duty('permanent', 0), kind: 'must_consider_reinstatement', deadline: '2026-12-09' },
    { name: 'over 15 days in a term', d: duty('suspension', 15.5), kind: 'must_consider_reinstatement', deadline: '2026-12-09' },
    { name: 'exactly 15 days in a term: representations, 50 school days', d: duty('suspension', 15), kind: 'consider_if_representations', deadline: addSchoolDays(cal, '2026-11-18', 50) },
    { name: 'over 5 days in a term', d: duty('suspension', 5.5), kind: 'consider_if_representations', deadline: addSchoolDays(cal, '2026-11-18', 50) },
    { name: 'exactly 5 days: no reinstatement duty', d: duty('suspension', 5), kind: 'representations_only', deadline: null },
    { name: 'missing a public examination', d: duty('suspension', 1, true), kind: 'must_consider_reinstatement', deadline: '2026-12-09' },
    { name: 'notified before Christmas: the deadline skips the holiday and the INSET day', d: duty('permanent', 0, false, '2026-12-14'), kind: 'must_consider_reinstatement', deadline: '2027-01-19' },
    { name: 'a closure day moves the deadline on', d: duty('permanent', 0, false, '2026-11-18', withClosures('2026-11-27')), kind: 'must_consider_reinstatement', deadline: '2026-12-10' },
  ];
  it.each(cases)('$name', ({ d, kind, deadline }) => {
    expect(d.kind).toBe(kind);
    expect(d.deadline).toBe(deadline);
    expect(d.message).not.toMatch(/LAW-\d/);
    expect(d.message).toMatch(d.kind === 'must_consider_reinstatement' ? /This is the governing board's duty to consider reinstatement within 15 school days, in the School Discipline/ : /This is the governing board's duty to consider the parents' representations/);
    if (deadline) expect(d.message).toContain(`(by ${deadline.slice(8, 10)}/${deadline.slice(5, 7)}/${deadline.slice(0, 4)})`);
  });

  it('the 50-day deadline from 18 November 2026 skips Christmas and the INSET day: 11 February 2027', () => {
    expect(addSchoolDays(cal, '2026-11-18', 50)).toBe('2027-02-11');
  });

  it('counts the term total including the new suspension', () => {
    const existing = [record(susp('2026-11-02', 8))];
    const a = assess(cal, { request: susp('2026-11-16', 4), missesPublicExam: false, examDate: null, decisionDate: '2026-11-16', academicYear: year, existing });
    expect(a.termDays.autumn).toBe(6);
    expect(a.boardDuty.kind).toBe('consider_if_representations');
  });
});

describe('alternative provision from the sixth school day (LAW-8)', () => {
  it.each([
    { name: 'six days in one fortnight', r: susp('2026-11-16', 12), ap: '2026-11-23' },
    { name: 'the half-term break does not count', r: susp('2026-10-19', 12), ap: '2026-11-02' },
    { name: 'five days: none due', r: susp('2026-11-16', 10), ap: null },
    { name: 'a lunchtime: none due', r: lunch('2026-11-16', 10), ap: null },
    { name: 'a permanent exclusion: from the sixth school day', r: perm('2026-11-18'), ap: '2026-11-25' },
    { name: 'a permanent exclusion before half-term', r: perm('2026-10-21'), ap: '2026-11-04' },
  ])('$name', ({ r, ap }) => {
    expect(alternativeProvisionFrom(cal, r.category, periodOf(cal, r))).toBe(ap);
  });
});

describe('cancellation and countdowns', () => {
  it('only before the board has considered it: refused once its outcome is recorded, whatever the meeting date says, or once it has met', () => {
    const today = '2026-11-18';
    const cases: { r: Parameters<typeof cancellationProblem>[0]; refused: RegExp | null }[] = [
      { r: { status: 'issued', boardMeetingDate: null, boardOutcome: null }, refused: null },
      { r: { status: 'issued', boardMeetingDate: '2026-11-19', boardOutcome: null }, refused: null },
      { r: { status: 'issued', boardMeetingDate: '2026-11-18', boardOutcome: null }, refused: /meeting is today/ },
      { r: { status: 'issued', boardMeetingDate: '2026-11-10', boardOutcome: null }, refused: /meeting took place on 10\/11\/2026/ },
      // An outcome recorded with a future meeting date, or no meeting date at all: the board has decided.
      { r: { status: 'issued', boardMeetingDate: '2026-12-01', boardOutcome: 'upheld', boardOutcomeOn: '2026-11-17' }, refused: /decision of 17\/11\/2026 is recorded/ },
      { r: { status: 'issued', boardMeetingDate: null, boardOutcome: 'representations_considered' }, refused: /decision is recorded/ },
      { r: { status: 'issued', boardMeetingDate: null, boardOutcome: 'reinstated', boardOutcomeOn: null }, refused: /decision is recorded/ },
      { r: { status: 'cancelled', boardMeetingDate: null, boardOutcome: null }, refused: /already/ },
    ];
    for (const { r, refused } of cases) {
      const problem = cancellationProblem(r, today);
      if (!refused) { expect(problem, JSON.stringify(r)).toBeNull(); continue; }
      expect(problem, JSON.stringify(r)).toMatch(refused);
      if (r.status === 'issued') expect(problem).toMatch(/^Under the DfE suspension and permanent exclusion guidance, a headteacher may cancel an exclusion only before the governing board has considered it/);
    }
  });
  it('school days remaining, negative when overdue', () => {
    expect(schoolDaysRemaining(cal, '2026-11-18', '2026-11-18')).toBe(0);
    expect(schoolDaysRemaining(cal, '2026-11-18', '2026-11-23')).toBe(3);
    expect(schoolDaysRemaining(cal, '2026-11-23', '2026-11-18')).toBe(-3);
    expect(schoolDaysRemaining(cal, '2026-10-23', '2026-11-02')).toBe(1);
  });
});

describe('properties', () => {
  // Two academic years, so every deadline from a day of the first has a calendar to land in.
  const next = englandTermDates(2027);
  const cal: SchoolCalendar = { terms: [...england.terms, ...next.terms], closures: [...england.closures, ...next.closures] };
  const withClosures = (...dates: string[]): SchoolCalendar => ({ terms: cal.terms, closures: [...cal.closures, ...dates.map((date) => ({ date, reason: 'Closure' }))] });
  const schoolDays = listSchoolDays(cal, '2026-09-03', '2027-07-19');
  const arbDay = fc.integer({ min: 0, max: schoolDays.length - 1 }).map((i) => schoolDays[i]!);
  const arbRequest = fc.record({
    category: fc.constantFrom('suspension' as const, 'lunchtime' as const),
    startDate: arbDay, startSession: fc.constantFrom('am' as const, 'pm' as const), sessions: fc.integer({ min: 1, max: 30 }),
  });

  it('the year total never exceeds 45 through any sequence of accepted suspensions', () => {
    fc.assert(fc.property(fc.array(arbRequest, { maxLength: 40 }), (requests) => {
      const accepted: CountedRecord[] = [];
      for (const r of requests) {
        let a;
        try { a = assess(cal, { request: r, missesPublicExam: false, examDate: null, decisionDate: r.startDate, academicYear: year, existing: accepted }); } catch (e) {
          if (e instanceof RuleError) continue;
          throw e;
        }
        if (!a.refusal) accepted.push({ category: r.category, cancelled: false, slots: a.period.slots });
        expect(totalsOf(cal, year, accepted).yearDays).toBeLessThanOrEqual(LIMIT_DAYS);
      }
    }), { numRuns: 150 });
  });

  it('lunchtimes count half a day each, sessions half a day each, and every one is on a school day', () => {
    fc.assert(fc.property(arbRequest, (r) => {
      let p;
      try { p = periodOf(cal, r); } catch (e) { if (e instanceof RuleError) return; throw e; }
      expect(p.days).toBe(r.sessions / 2);
      expect(p.slots).toHaveLength(r.sessions);
      for (const s of p.slots) expect(isSchoolDay(cal, s.slice(0, 10))).toBe(true);
      expect(new Set(p.slots).size).toBe(p.slots.length);
    }));
  });

  it('a suspension across half-term counts only school days', () => {
    const ht = '2026-10-23';
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), (sessions) => {
      const p = periodOf(cal, susp(ht, sessions));
      expect(p.schoolDays.every((d) => d < '2026-10-24' || d > '2026-11-01')).toBe(true);
      expect(schoolDaysBetween(cal, p.firstDay, p.lastDay!)).toBe(p.schoolDays.length);
    }));
  });

  const arbClosures = fc.uniqueArray(arbDay, { maxLength: 10 });
  it('deadlines skip closure days and holidays, and fall after the notice date', () => {
    fc.assert(fc.property(arbDay, arbClosures, fc.constantFrom(5, 15, 50), (notice, closures, n) => {
      const c = withClosures(...closures);
      const deadline = addSchoolDays(c, notice, n);
      expect(deadline > notice).toBe(true);
      expect(isSchoolDay(c, deadline)).toBe(true);
      expect(schoolDaysBetween(c, addDays(notice, 1), deadline)).toBe(n);
    }));
  });

  it('adding a closure day never shortens a deadline in calendar days', () => {
    fc.assert(fc.property(arbDay, arbDay, (notice, closure) => {
      const before = boardDutyOf(cal, { category: 'permanent', termDays: 0, missesPublicExam: false, examDate: null, decisionDate: notice }).deadline!;
      const after = boardDutyOf(withClosures(closure), { category: 'permanent', termDays: 0, missesPublicExam: false, examDate: null, decisionDate: notice }).deadline!;
      expect(after >= before).toBe(true);
    }));
  });

  it('the return is after the last suspended session, and alternative provision falls inside the suspension', () => {
    fc.assert(fc.property(arbRequest.filter((r) => r.category === 'suspension'), (r) => {
      let p;
      try { p = periodOf(cal, r); } catch (e) { if (e instanceof RuleError) return; throw e; }
      expect(p.returnDate! >= p.lastDay!).toBe(true);
      expect(p.lastDay! >= p.firstDay).toBe(true);
      const ap = alternativeProvisionFrom(cal, 'suspension', p);
      if (p.schoolDays.length >= 6) expect(ap! >= p.firstDay && ap! <= p.lastDay!).toBe(true);
      else expect(ap).toBeNull();
    }));
  });
});

describe('days in words', () => {
  it('one day is "1 day"; a half or several are plural', async () => {
    const { daysText } = await import('./suspensions.rules.ts');
    expect(daysText(1, 'school day')).toBe('1 school day');
    expect(daysText(0.5, 'school day')).toBe('0.5 school days');
    expect(daysText(6)).toBe('6 days');
  });
});
