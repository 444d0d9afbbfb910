/**
 * Deadlines from the dates entered (issue 11 items 2 and 3): every statutory deadline counts from the day the parents
 * were told, the start date and the sessions — never from the day the record is typed; a record entered late names
 * the deadlines already passed; a deadline the calendar does not reach is pending ("needs next year's calendar"), and
 * once the calendar is extended it is exactly what a full calendar would have given, words included.
 * England calendar 2026/27 (summer term's last school day Monday 19 July 2027) and, where stated, 2027/28.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addSchoolDays, englandTermDates, formatUkDate, listSchoolDays, nthSchoolDayFrom, type SchoolCalendar } from '../../core/calendar/calendar.ts';
import {
  NEEDS_NEXT_YEARS_CALENDAR, assess, boardDutyOf, deadlinePhrase, periodOf, permanentProvisionFrom, returnAfter, type ExclusionRequest,
} from './suspensions.rules.ts';
import { independentReviewOf, passedBy, pendingOf, statutoryDeadlines, type DeadlineFacts } from './deadlines.rules.ts';

const thisYear = englandTermDates(2026);
const nextYear = englandTermDates(2027);
/** The calendar as a trust has it in the summer: this year's terms only. */
const short: SchoolCalendar = thisYear;
/** After the trust administrator has entered next year's terms. */
const full: SchoolCalendar = { terms: [...thisYear.terms, ...nextYear.terms], closures: [...thisYear.closures, ...nextYear.closures] };
const year = { startDate: '2026-09-01', endDate: '2027-08-31' };
const susp = (startDate: string, sessions: number, startSession: 'am' | 'pm' = 'am'): ExclusionRequest => ({ category: 'suspension', startDate, startSession, sessions });
const perm = (startDate: string): ExclusionRequest => ({ category: 'permanent', startDate, startSession: 'am', sessions: null });

function deadlinesFor(cal: SchoolCalendar, request: ExclusionRequest, decisionDate: string, exam: string | null = null) {
  const a = assess(cal, { request, missesPublicExam: exam !== null, examDate: exam, decisionDate, academicYear: year, existing: [] });
  const facts: DeadlineFacts = { category: request.category, decisionDate, boardDutyKind: a.boardDuty.kind, boardDeadline: a.boardDuty.deadline,
    provisionDueFrom: a.alternativeProvisionFrom, returnDate: a.period.returnDate };
  return { a, deadlines: statutoryDeadlines(facts, cal) };
}
const due = (list: ReturnType<typeof statutoryDeadlines>, kind: string) => list.find((d) => d.kind === kind)?.due;

describe('deadlines count from the dates entered', () => {
  it.each([
    // A permanent exclusion: the board within 15 school days of the parents (and so the board) being told.
    { name: 'permanent, told the day it starts', r: perm('2026-11-18'), told: '2026-11-18', board: '2026-12-09', ap: '2026-11-25', back: undefined },
    { name: 'permanent, told the Friday before it starts', r: perm('2026-11-23'), told: '2026-11-20', board: '2026-12-11', ap: '2026-11-30', back: undefined },
    { name: 'permanent, told before Christmas: the holiday and the INSET day do not count', r: perm('2026-12-14'), told: '2026-12-14', board: '2027-01-19', ap: nthSchoolDayFrom(short, '2026-12-14', 6), back: undefined },
    // Over 15 days in a term (16 days): the board within 15 school days; AP from the sixth school day; return after the last session.
    { name: '16 days from 2 November', r: susp('2026-11-02', 32), told: '2026-11-02', board: '2026-11-23', ap: '2026-11-09', back: '2026-11-24' },
    // Over 5 days: 50 school days, if the parents make representations.
    { name: '6 days from 2 November, told on the Friday before', r: susp('2026-11-02', 12), told: '2026-10-23', board: addSchoolDays(short, '2026-10-23', 50), ap: '2026-11-09', back: '2026-11-10' },
  ])('$name', ({ r, told, board, ap, back }) => {
    const { deadlines } = deadlinesFor(short, r, told);
    expect(due(deadlines, 'notification')).toBe(told);
    expect(due(deadlines, 'board_consideration')).toBe(board);
    expect(due(deadlines, 'alternative_provision')).toBe(ap);
    expect(due(deadlines, 'reintegration_meeting')).toBe(back);
    expect(pendingOf(deadlines)).toEqual([]);
  });

  it('the board deadline is 15 or 50 school days after the day the parents were told, whatever day it is typed', () => {
    const days = listSchoolDays(full, '2026-09-03', '2027-07-20');
    fc.assert(fc.property(fc.integer({ min: 0, max: days.length - 1 }), fc.integer({ min: 0, max: 30 }), (i, lateBy) => {
      const start = days[i]!;
      const told = days[Math.max(0, i - (lateBy % 3))]!;
      const { deadlines } = deadlinesFor(full, perm(start), told);
      expect(due(deadlines, 'board_consideration')).toBe(addSchoolDays(full, told, 15));
      expect(due(deadlines, 'alternative_provision')).toBe(nthSchoolDayFrom(full, start, 6));
      // However late the record is typed, what passed is exactly the deadlines before that day, and later days only add to it.
      const typed = days[Math.min(days.length - 1, i + lateBy)]!;
      const passed = passedBy(deadlines, typed);
      expect(passed.every((d) => d.due! < typed)).toBe(true);
      expect(deadlines.filter((d) => d.due && d.due < typed)).toEqual(passed);
      const later = days[Math.min(days.length - 1, i + lateBy + 5)]!;
      expect(passedBy(deadlines, later).length).toBeGreaterThanOrEqual(passed.length);
    }), { numRuns: 200 });
  });
});

describe('a record entered late says which deadlines have already passed', () => {
  it('a 6-day suspension from 2 November typed on 30 November: the notices, day 6 and the return have passed; the board has not', () => {
    const { deadlines } = deadlinesFor(short, susp('2026-11-02', 12), '2026-11-02');
    const passed = passedBy(deadlines, '2026-11-30');
    expect(passed.map((d) => [d.kind, d.due])).toEqual([
      ['notification', '2026-11-02'], ['alternative_provision', '2026-11-09'], ['reintegration_meeting', '2026-11-10'],
    ]);
    expect(passedBy(deadlines, '2026-11-02')).toEqual([]);
  });
  it('a permanent exclusion typed a month late: the board deadline too', () => {
    const { deadlines } = deadlinesFor(short, perm('2026-11-02'), '2026-11-02');
    expect(passedBy(deadlines, '2026-12-04').map((d) => d.kind)).toEqual(['notification', 'board_consideration', 'alternative_provision']);
  });
});

describe("a deadline beyond the calendar needs next year's calendar", () => {
  it('a permanent exclusion on 14 July 2027: the board deadline and day 6 are pending, and said so in words', () => {
    const { a, deadlines } = deadlinesFor(short, perm('2027-07-14'), '2027-07-14');
    expect(a.boardDuty).toMatchObject({ deadline: null, pending: true });
    expect(a.boardDuty.message).toContain(NEEDS_NEXT_YEARS_CALENDAR);
    expect(a.alternativeProvisionFrom).toBeNull();
    expect(a.provisionPending).toBe(true);
    expect(a.warnings.find((w) => w.rule === 'LAW-8')!.message).toContain(NEEDS_NEXT_YEARS_CALENDAR);
    expect(pendingOf(deadlines).map((d) => d.kind)).toEqual(['board_consideration', 'alternative_provision']);
  });
  it('a suspension ending on the last afternoon of the year: the return is pending, not refused', () => {
    // Friday 16 and Monday 19 July 2027 (Tuesday 20 July is an INSET day, the last of the year).
    const p = periodOf(short, susp('2027-07-16', 4));
    expect(p).toMatchObject({ lastDay: '2027-07-19', returnDate: null, returnPending: true });
    const back = periodOf(full, susp('2027-07-16', 4)).returnDate;
    expect(back).toBe(returnAfter(full, '2027-07-19:pm').returnDate);
    expect(back! > '2027-09-01').toBe(true);
    // Ending on a morning, the pupil is back that afternoon: nothing to wait for.
    expect(periodOf(short, susp('2027-07-16', 3))).toMatchObject({ returnDate: '2027-07-19', returnSession: 'pm', returnPending: false });
  });
  it('the parents\' independent review window after an upheld permanent exclusion, late in the summer', () => {
    expect(independentReviewOf(short, { category: 'permanent', boardOutcome: 'upheld', boardOutcomeOn: '2027-07-12' })).toEqual({ due: null, pending: true });
    expect(independentReviewOf(full, { category: 'permanent', boardOutcome: 'upheld', boardOutcomeOn: '2027-07-12' })!.due).toBe(addSchoolDays(full, '2027-07-12', 15));
    expect(independentReviewOf(full, { category: 'permanent', boardOutcome: 'reinstated', boardOutcomeOn: '2027-07-12' })).toBeNull();
  });

  it('once the calendar is extended, each pending deadline — and the duty\'s words — is what the full calendar gives', () => {
    const lastWeeks = listSchoolDays(short, '2027-05-04', '2027-07-20');
    fc.assert(fc.property(fc.constantFrom(...lastWeeks), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.option(fc.constantFrom(...lastWeeks), { nil: null }),
      (start, toldBefore, permanent, exam) => {
        const told = lastWeeks[Math.max(0, lastWeeks.indexOf(start) - toldBefore)]!;
        const examDate = exam && exam >= start ? exam : null;
        const dutyArgs = { category: permanent ? 'permanent' as const : 'suspension' as const, termDays: permanent ? 0 : 16, missesPublicExam: examDate !== null, examDate, decisionDate: told };
        const before = boardDutyOf(short, dutyArgs);
        const after = boardDutyOf(full, dutyArgs);
        expect(after.deadline).toBe(addSchoolDays(full, told, 15));
        if (before.pending) {
          expect(before.deadline).toBeNull();
          // The fill (deadlines.fill.ts) changes only the deadline phrase of the stored words.
          expect(before.message.replace(deadlinePhrase(null), deadlinePhrase(after.deadline))).toBe(after.message);
        } else {
          expect(before).toEqual(after);
        }
        if (examDate) expect(after.message).toContain(`Where possible it should meet before the examination on ${formatUkDate(examDate)}.`);
        const ap = permanentProvisionFrom(short, start);
        expect(ap === null || ap === permanentProvisionFrom(full, start)).toBe(true);
      }), { numRuns: 200 });
  });
});

describe('public examinations (LAW-6)', () => {
  it('the duty names the examination and its date, and keeps "meet before the examination where possible"', () => {
    const d = boardDutyOf(short, { category: 'suspension', termDays: 2, missesPublicExam: true, examDate: '2027-05-12', decisionDate: '2027-05-10' });
    expect(d.kind).toBe('must_consider_reinstatement');
    expect(d.message).toContain('it makes the pupil miss a public examination or national curriculum test on 12/05/2027');
    expect(d.message).toContain('Where possible it should meet before the examination on 12/05/2027.');
    expect(d.message).toMatch(/This is the governing board's duty to consider reinstatement within 15 school days, in the School Discipline \(Pupil Exclusions and Reviews\) \(England\) Regulations 2012\.$/);
  });
});
