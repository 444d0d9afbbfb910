/**
 * The statutory rules for suspensions and permanent exclusions (SPEC §6, LAW-2 … LAW-9), as pure functions over a
 * site's SchoolCalendar (core/calendar). Source: DfE, "Suspension and permanent exclusion from maintained schools,
 * academies and pupil referral units in England" (August 2024), and SI 2012/1033. See docs/statutory-rules.md.
 *
 * Units: a suspension is a run of SESSIONS (AM, PM) on school days; a day lost = 2 sessions (SPEC §9). A lunchtime
 * suspension is one lunchtime per school day and each counts as one session = half a day (LAW-3).
 */
import { ruleInWords, type TStatutoryRuleId } from '@haven/contracts';
import { plural } from '../../core/text.ts';
import {
  CalendarRangeError, addSchoolDays, formatUkDate, isSchoolDay, listSchoolDays, nextSchoolDay, nthSchoolDayFrom, termOf,
  type SchoolCalendar, type TermName,
} from '../../core/calendar/calendar.ts';

export type ExclusionCategory = 'suspension' | 'permanent' | 'lunchtime';
export type SessionOfDay = 'am' | 'pm';
/** One suspended session: 'YYYY-MM-DD:am', 'YYYY-MM-DD:pm' or 'YYYY-MM-DD:lunch'. */
export type Slot = string;

export const LIMIT_DAYS = 45;
export const WARN_FROM_DAYS = 35;
/** LAW-6 / LAW-7 term thresholds, in days. */
export const TERM_REINSTATEMENT_DAYS = 15;
export const TERM_REPRESENTATION_DAYS = 5;
export const BOARD_REINSTATEMENT_SCHOOL_DAYS = 15;
export const BOARD_REPRESENTATION_SCHOOL_DAYS = 50;
export const AP_FROM_SCHOOL_DAY = 6;
/** Parents may ask for an independent review within 15 school days of the board's decision (permanent exclusion). */
export const INDEPENDENT_REVIEW_SCHOOL_DAYS = 15;
/** Maximum sessions in one record: 45 days. */
export const MAX_SESSIONS = LIMIT_DAYS * 2;

export interface ExclusionRequest {
  category: ExclusionCategory;
  startDate: string;
  startSession: SessionOfDay;
  /** Sessions for a suspension, lunchtimes for a lunchtime suspension; ignored for a permanent exclusion. */
  sessions: number | null;
}

export interface ExclusionPeriod {
  slots: Slot[];
  /** Days lost: sessions ÷ 2. 0 for a permanent exclusion (not counted toward the 45-day limit). */
  days: number;
  /** The school days on which the pupil is excluded (all or part), in order. */
  schoolDays: string[];
  firstDay: string;
  /** The last day of a suspension; null for a permanent exclusion. */
  lastDay: string | null;
  /**
   * When the pupil returns: the session after the last suspended one. Null for a permanent exclusion, and null with
   * returnPending when the suspension ends on the last school day the calendar holds (next year's terms not entered).
   */
  returnDate: string | null;
  returnSession: SessionOfDay | null;
  returnPending: boolean;
}

/** How a deadline the calendar cannot reach yet is shown, until the next academic year's terms are entered. */
export const NEEDS_NEXT_YEARS_CALENDAR = "needs next year's calendar";

/** "(by 22/01/2027)", or "(the date needs next year's calendar)": the one phrase a stored duty text changes when filled. */
export function deadlinePhrase(deadline: string | null): string {
  return deadline ? `(by ${formatUkDate(deadline)})` : `(the date ${NEEDS_NEXT_YEARS_CALENDAR})`;
}

/** A sentence citing a rule in words: "This is the limit of 45 days of suspension in a school year, in the DfE … guidance." */
export const citing = (id: TStatutoryRuleId): string => `This is ${ruleInWords(id)}.`;

/** A rule broken by the request: which field, which rule, in words. */
export class RuleError extends Error {
  constructor(readonly field: string, readonly rule: string | null, message: string) { super(message); }
}

const slotDate = (s: Slot): string => s.slice(0, 10);
/** Every slot (a session or a lunchtime) is half a day. */
const SLOT_DAYS = 0.5;

/** The suspended sessions of a request (LAW-3: lunchtimes one session each), skipping non-school days. */
export function periodOf(cal: SchoolCalendar, r: ExclusionRequest): ExclusionPeriod {
  if (!isSchoolDay(cal, r.startDate)) {
    throw new RuleError('startDate', null, 'The start date is not a school day in this site\'s calendar (a weekend, holiday or closure day)');
  }
  if (r.category === 'permanent') {
    return { slots: [], days: 0, schoolDays: [r.startDate], firstDay: r.startDate, lastDay: null, returnDate: null, returnSession: null, returnPending: false };
  }
  const n = r.sessions ?? 0;
  if (!Number.isInteger(n) || n < 1) throw new RuleError('sessions', null, 'Give the length as a whole number of sessions (at least 1)');
  if (n > MAX_SESSIONS) throw new RuleError('sessions', 'LAW-2', `A suspension cannot be longer than ${LIMIT_DAYS} school days (${MAX_SESSIONS} sessions). ${citing('LAW-2')}`);
  const slots: Slot[] = [];
  let day = r.startDate;
  try {
    if (r.category === 'lunchtime') {
      for (let i = 0; i < n; i += 1) {
        slots.push(`${day}:lunch`);
        if (i < n - 1) day = nextSchoolDay(cal, day);
      }
    } else {
      let session: SessionOfDay = r.startSession;
      for (let i = 0; i < n; i += 1) {
        slots.push(`${day}:${session}`);
        if (i === n - 1) break;
        if (session === 'am') session = 'pm';
        else { session = 'am'; day = nextSchoolDay(cal, day); }
      }
    }
  } catch (e) {
    if (e instanceof CalendarRangeError) throw new RuleError('sessions', null, e.message);
    throw e;
  }
  const schoolDays = [...new Set(slots.map(slotDate))];
  const last = slots[slots.length - 1]!;
  const lastDay = slotDate(last);
  const { returnDate, returnSession } = returnAfter(cal, last);
  return { slots, days: slots.length * SLOT_DAYS, schoolDays, firstDay: r.startDate, lastDay, returnDate, returnSession, returnPending: returnDate === null };
}

/**
 * The session after the last suspended one: after a morning or a lunchtime, the afternoon of the same day; after an
 * afternoon, the next school day's morning — null when the calendar does not reach it yet (filled in once it does).
 */
export function returnAfter(cal: SchoolCalendar, lastSlot: Slot): { returnDate: string | null; returnSession: SessionOfDay } {
  const lastDay = slotDate(lastSlot);
  if (!lastSlot.endsWith(':pm')) return { returnDate: lastDay, returnSession: 'pm' };
  try { return { returnDate: nextSchoolDay(cal, lastDay), returnSession: 'am' }; } catch (e) {
    if (e instanceof CalendarRangeError) return { returnDate: null, returnSession: 'am' };
    throw e;
  }
}

export interface CountedRecord {
  category: ExclusionCategory;
  cancelled: boolean;
  slots: readonly Slot[];
}

export interface Totals {
  /** Days of suspension (lunchtimes as halves) in the academic year, cancelled ones excluded. */
  yearDays: number;
  /** The same by term (autumn, spring, summer). */
  termDays: Record<TermName, number>;
}

/** Running totals over records (LAW-2, LAW-6, LAW-7): only sessions inside [yearStart, yearEnd] count. */
export function totalsOf(cal: SchoolCalendar, year: { startDate: string; endDate: string }, records: readonly CountedRecord[]): Totals {
  const t: Totals = { yearDays: 0, termDays: { autumn: 0, spring: 0, summer: 0 } };
  for (const r of records) {
    if (r.cancelled || r.category === 'permanent') continue;
    for (const s of r.slots) {
      const d = slotDate(s);
      if (d < year.startDate || d > year.endDate) continue;
      t.yearDays += SLOT_DAYS;
      const term = termOf(cal, d);
      if (term) t.termDays[term.term] += SLOT_DAYS;
    }
  }
  return t;
}

/**
 * n school days after `from`, or null when the site's calendar does not reach that far (next year's terms not yet
 * entered): the record still stands, and the deadlines view says the date cannot be worked out yet.
 */
export function deadlineOrNull(cal: SchoolCalendar, from: string, n: number): string | null {
  try { return addSchoolDays(cal, from, n); } catch (e) {
    if (e instanceof CalendarRangeError) return null;
    throw e;
  }
}

export type BoardDutyKind = 'must_consider_reinstatement' | 'consider_if_representations' | 'representations_only';

export interface BoardDuty {
  kind: BoardDutyKind;
  rule: 'LAW-6' | 'LAW-7';
  /** The last day the board may meet (school days from the board being notified); null when there is none or it is pending. */
  deadline: string | null;
  /** A deadline the calendar does not reach yet ("needs next year's calendar"). */
  pending: boolean;
  schoolDays: number | null;
  conditional: boolean;
  /** The whole duty in words, as the head saw it when issuing; stored with the record. */
  message: string;
}

export const boardSchoolDaysOf = (kind: string): number | null =>
  (kind === 'must_consider_reinstatement' ? BOARD_REINSTATEMENT_SCHOOL_DAYS : kind === 'consider_if_representations' ? BOARD_REPRESENTATION_SCHOOL_DAYS : null);

/**
 * Which governing-board duty an exclusion triggers (LAW-6, LAW-7), given the pupil's highest term total including
 * it, the public examination it makes the pupil miss (its date, or null), and the day the parents were told of the
 * decision (the board is told without delay, so its count starts then — never the day the record was typed).
 */
export function boardDutyOf(cal: SchoolCalendar, a: { category: ExclusionCategory; termDays: number; missesPublicExam: boolean; examDate: string | null; decisionDate: string }): BoardDuty {
  const reasons: string[] = [];
  if (a.category === 'permanent') reasons.push('it is a permanent exclusion');
  if (a.category !== 'permanent' && a.termDays > TERM_REINSTATEMENT_DAYS) reasons.push(`it takes the pupil to ${daysText(a.termDays)} of suspension this term (over ${TERM_REINSTATEMENT_DAYS})`);
  const examOn = a.examDate ? ` on ${formatUkDate(a.examDate)}` : '';
  if (a.missesPublicExam) reasons.push(`it makes the pupil miss a public examination or national curriculum test${examOn}`);
  if (reasons.length) {
    const deadline = deadlineOrNull(cal, a.decisionDate, BOARD_REINSTATEMENT_SCHOOL_DAYS);
    return {
      kind: 'must_consider_reinstatement', rule: 'LAW-6', deadline, pending: deadline === null, schoolDays: BOARD_REINSTATEMENT_SCHOOL_DAYS, conditional: false,
      message: `The governing board must consider reinstatement within ${BOARD_REINSTATEMENT_SCHOOL_DAYS} school days of being notified ${deadlinePhrase(deadline)}, because ${reasons.join(' and ')}.`
        + (a.missesPublicExam ? ` Where possible it should meet before the examination${examOn}.` : '') + ` ${citing('LAW-6')}`,
    };
  }
  if (a.termDays > TERM_REPRESENTATION_DAYS) {
    const deadline = deadlineOrNull(cal, a.decisionDate, BOARD_REPRESENTATION_SCHOOL_DAYS);
    return {
      kind: 'consider_if_representations', rule: 'LAW-7', deadline, pending: deadline === null, schoolDays: BOARD_REPRESENTATION_SCHOOL_DAYS, conditional: true,
      message: `The pupil has ${daysText(a.termDays)} of suspension this term (over ${TERM_REPRESENTATION_DAYS}, up to ${TERM_REINSTATEMENT_DAYS}): if the parents make representations, the governing board must consider reinstatement within ${BOARD_REPRESENTATION_SCHOOL_DAYS} school days of being notified ${deadlinePhrase(deadline)}. ${citing('LAW-7')}`,
    };
  }
  return {
    kind: 'representations_only', rule: 'LAW-7', deadline: null, pending: false, schoolDays: null, conditional: true,
    message: `The pupil has ${daysText(a.termDays)} of suspension this term (${TERM_REPRESENTATION_DAYS} or fewer): the governing board must consider any representations the parents make, but cannot direct reinstatement. ${citing('LAW-7')}`,
  };
}

/** The duty of a record stored before the duty's text was kept with it (the record keeps its kind and deadline as issued). */
export function dutyText(kind: string, deadline: string | null): string {
  const n = boardSchoolDaysOf(kind);
  if (kind === 'must_consider_reinstatement') return `The governing board must consider reinstatement within ${n} school days of being notified ${deadlinePhrase(deadline)}. ${citing('LAW-6')}`;
  if (kind === 'consider_if_representations') return `If the parents make representations, the governing board must consider reinstatement within ${n} school days of being notified ${deadlinePhrase(deadline)}. ${citing('LAW-7')}`;
  return `The governing board must consider any representations the parents make, but cannot direct reinstatement. ${citing('LAW-7')}`;
}

/** A permanent exclusion's sixth school day, or null while the calendar does not reach it. */
export function permanentProvisionFrom(cal: SchoolCalendar, startDate: string): string | null {
  try { return nthSchoolDayFrom(cal, startDate, AP_FROM_SCHOOL_DAY); } catch (e) {
    if (e instanceof CalendarRangeError) return null;
    throw e;
  }
}

/** LAW-8: the school day from which full-time education must be arranged — the sixth of the exclusion — or null. */
export function alternativeProvisionFrom(cal: SchoolCalendar, category: ExclusionCategory, period: ExclusionPeriod): string | null {
  if (category === 'lunchtime') return null;
  if (category === 'permanent') return permanentProvisionFrom(cal, period.firstDay);
  return period.schoolDays[AP_FROM_SCHOOL_DAY - 1] ?? null;
}

const leftText = (left: number): string => (left <= 0 ? 'no more days are possible' : `at most ${fmtDays(left)} more ${left === 1 ? 'day is' : 'days are'} possible`);

export function fmtDays(d: number): string {
  return Number.isInteger(d) ? String(d) : d.toFixed(1);
}

/** "1 day", "2.5 days"; `word` for "1 school day". */
export function daysText(d: number, word = 'day'): string {
  return plural(d, word, `${word}s`, fmtDays);
}

export interface Finding { rule: string; field: string; message: string }

export interface Assessment {
  period: ExclusionPeriod;
  decisionDate: string;
  days: number;
  yearDaysBefore: number;
  yearDays: number;
  /** Totals in each term the record touches, including it. */
  termDays: Record<TermName, number>;
  warnings: Finding[];
  refusal: Finding | null;
  boardDuty: BoardDuty;
  alternativeProvisionFrom: string | null;
  /** A permanent exclusion's sixth school day the calendar does not reach yet. */
  provisionPending: boolean;
}

export interface AssessInput {
  request: ExclusionRequest;
  missesPublicExam: boolean;
  /** The date of the public examination it makes the pupil miss (null when none, or not entered yet in a preview). */
  examDate: string | null;
  /** The day the parents were told of the decision, as the head entered it: every deadline counts from the dates entered. */
  decisionDate: string;
  academicYear: { startDate: string; endDate: string };
  /** The pupil's other records (any status; cancelled ones are skipped). */
  existing: readonly CountedRecord[];
}

/** Everything the head sees while typing, and what issuing enforces (LAW-2, LAW-3, LAW-6, LAW-7, LAW-8). */
export function assess(cal: SchoolCalendar, a: AssessInput): Assessment {
  const period = periodOf(cal, a.request);
  const taken = new Set(a.existing.filter((r) => !r.cancelled).flatMap((r) => r.slots.map(slotDate)));
  const clash = period.schoolDays.find((d) => taken.has(d));
  if (clash) throw new RuleError('startDate', 'LAW-9', `The pupil is already suspended on ${formatUkDate(clash)}: a further decision is a new linked record starting after it ends. ${citing('LAW-9')}`);
  const before = totalsOf(cal, a.academicYear, a.existing);
  const after = totalsOf(cal, a.academicYear, [...a.existing, { category: a.request.category, cancelled: false, slots: period.slots }]);
  const warnings: Finding[] = [];
  let refusal: Finding | null = null;
  if (a.request.category !== 'permanent') {
    if (after.yearDays > LIMIT_DAYS) {
      refusal = { rule: 'LAW-2', field: 'sessions', message: `This would break ${ruleInWords('LAW-2')}: a pupil may be suspended for at most ${LIMIT_DAYS} school days in an academic year. This would take the total to ${fmtDays(after.yearDays)} days (${fmtDays(before.yearDays)} already); ${leftText(LIMIT_DAYS - before.yearDays)}.` };
    } else if (after.yearDays >= WARN_FROM_DAYS) {
      warnings.push({ rule: 'LAW-2', field: 'sessions', message: `This takes the pupil to ${fmtDays(after.yearDays)} of the ${LIMIT_DAYS} school days of suspension allowed in an academic year. Consider alternatives to suspension. ${citing('LAW-2')}` });
    }
  }
  const touched = new Set(period.schoolDays.map((d) => termOf(cal, d)?.term).filter((t): t is TermName => !!t));
  const termMax = Math.max(0, ...[...touched].map((t) => after.termDays[t]));
  const boardDuty = boardDutyOf(cal, { category: a.request.category, termDays: termMax, missesPublicExam: a.missesPublicExam, examDate: a.examDate, decisionDate: a.decisionDate });
  const ap = alternativeProvisionFrom(cal, a.request.category, period);
  const provisionPending = a.request.category === 'permanent' && ap === null;
  if (ap || provisionPending) {
    warnings.push({ rule: 'LAW-8', field: 'sessions', message: `Full-time education must be arranged from the sixth school day, ${ap ? formatUkDate(ap) : `whose date ${NEEDS_NEXT_YEARS_CALENDAR}`}. ${citing('LAW-8')}` });
  }
  return {
    period, decisionDate: a.decisionDate, days: period.days, yearDaysBefore: before.yearDays, yearDays: after.yearDays, termDays: after.termDays,
    warnings, refusal, boardDuty, alternativeProvisionFrom: ap, provisionPending,
  };
}

/**
 * The guidance on cancelling: a head may cancel a suspension or permanent exclusion only before the governing board
 * has considered it. Once a board outcome is recorded (whatever the meeting date says), or the meeting has happened,
 * it is for the board's decision (and any review), not the head, so cancelling is refused — saying why in words.
 */
export function cancellationProblem(r: { status: string; boardMeetingDate: string | null; boardOutcome: string | null; boardOutcomeOn?: string | null }, today: string): string | null {
  if (r.status === 'cancelled') return 'This exclusion has already been cancelled.';
  const guidance = 'Under the DfE suspension and permanent exclusion guidance, a headteacher may cancel an exclusion only before the governing board has considered it';
  if (r.boardOutcome) {
    return `${guidance}: the board's decision${r.boardOutcomeOn ? ` of ${formatUkDate(r.boardOutcomeOn)}` : ''} is recorded, so it can no longer be cancelled.`;
  }
  if (r.boardMeetingDate && r.boardMeetingDate <= today) {
    return `${guidance}: the board's meeting ${r.boardMeetingDate === today ? 'is today' : `took place on ${formatUkDate(r.boardMeetingDate)}`}, so it can no longer be cancelled.`;
  }
  return null;
}

/** A record's school days from a date, counting neither end (deadline countdowns): negative when overdue. */
export function schoolDaysRemaining(cal: SchoolCalendar, today: string, due: string): number {
  if (due >= today) return listSchoolDays(cal, today, due).length - (isSchoolDay(cal, today) ? 1 : 0);
  return -(listSchoolDays(cal, due, today).length - (isSchoolDay(cal, due) ? 1 : 0));
}
