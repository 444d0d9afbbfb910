/**
 * The statutory deadlines of one suspension or permanent exclusion, as pure functions of what the record holds: each
 * counts from the dates the head entered (the day the parents were told, the start date, the sessions, the board's
 * decision), never from the day the record was typed. Used by the issuing preview, the issue response, the record and
 * the deadlines view, so all four name the same deadlines in the same words; a deadline the calendar does not reach
 * yet is "pending" (shown as "needs next year's calendar") until the calendar is extended and it is filled in.
 */
import type { TStatutoryRuleId } from '@haven/contracts';
import { INDEPENDENT_REVIEW_SCHOOL_DAYS, deadlineOrNull, type ExclusionCategory } from './suspensions.rules.ts';
import type { SchoolCalendar } from '../../core/calendar/calendar.ts';

export type DeadlineKind = 'notification' | 'board_consideration' | 'alternative_provision' | 'reintegration_meeting' | 'independent_review';

export interface StatutoryDeadline {
  kind: DeadlineKind;
  rule: TStatutoryRuleId | null;
  label: string;
  /** The day it falls due; null while pending. */
  due: string | null;
  /** The calendar does not reach it yet: "needs next year's calendar". */
  pending: boolean;
  /** It applies only if something happens (the parents make representations, or ask for a review). */
  conditional: boolean;
}

export interface DeadlineFacts {
  category: ExclusionCategory | string;
  /** The day the parents were told of the decision (the board and the local authority are told without delay). */
  decisionDate: string;
  boardDutyKind: string;
  boardDeadline: string | null;
  provisionDueFrom: string | null;
  returnDate: string | null;
  parentsMadeRepresentations?: boolean;
  boardOutcome?: string | null;
  boardOutcomeOn?: string | null;
}

export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  notification: 'Tell the governing board and the local authority (without delay)',
  board_consideration: 'Governing board considers reinstatement',
  alternative_provision: 'Full-time education from the sixth school day',
  reintegration_meeting: 'Return to school and reintegration meeting',
  independent_review: 'Last day for the parents to ask for an independent review',
};

/** Permanent exclusion upheld by the board: parents may ask for an independent review within 15 school days of the decision. */
export function independentReviewOf(cal: SchoolCalendar | null, f: Pick<DeadlineFacts, 'category' | 'boardOutcome' | 'boardOutcomeOn'>): { due: string | null; pending: boolean } | null {
  if (f.category !== 'permanent' || f.boardOutcome !== 'upheld' || !f.boardOutcomeOn) return null;
  const due = cal ? deadlineOrNull(cal, f.boardOutcomeOn, INDEPENDENT_REVIEW_SCHOOL_DAYS) : null;
  return { due, pending: due === null };
}

/** Every statutory deadline the record carries, in the order they usually fall. */
export function statutoryDeadlines(f: DeadlineFacts, cal: SchoolCalendar | null = null): StatutoryDeadline[] {
  const out: StatutoryDeadline[] = [
    { kind: 'notification', rule: 'LAW-5', label: DEADLINE_LABELS.notification, due: f.decisionDate, pending: false, conditional: false },
  ];
  if (f.boardDutyKind !== 'representations_only') {
    const conditional = f.boardDutyKind === 'consider_if_representations' && !f.parentsMadeRepresentations;
    out.push({
      kind: 'board_consideration', rule: f.boardDutyKind === 'must_consider_reinstatement' ? 'LAW-6' : 'LAW-7',
      label: conditional ? `${DEADLINE_LABELS.board_consideration}, if the parents make representations` : DEADLINE_LABELS.board_consideration,
      due: f.boardDeadline, pending: f.boardDeadline === null, conditional,
    });
  }
  if (f.provisionDueFrom || f.category === 'permanent') {
    out.push({ kind: 'alternative_provision', rule: 'LAW-8', label: DEADLINE_LABELS.alternative_provision, due: f.provisionDueFrom, pending: !f.provisionDueFrom, conditional: false });
  }
  if (f.category !== 'permanent') {
    out.push({ kind: 'reintegration_meeting', rule: null, label: DEADLINE_LABELS.reintegration_meeting, due: f.returnDate, pending: !f.returnDate, conditional: false });
  }
  const review = independentReviewOf(cal, f);
  if (review) out.push({ kind: 'independent_review', rule: null, label: DEADLINE_LABELS.independent_review, due: review.due, pending: review.pending, conditional: true });
  return out;
}

/** The deadlines that had already passed on a date (a record entered late: those that fell before it was entered). */
export function passedBy(deadlines: readonly StatutoryDeadline[], date: string): StatutoryDeadline[] {
  return deadlines.filter((d) => d.due !== null && d.due < date);
}

export function pendingOf(deadlines: readonly StatutoryDeadline[]): StatutoryDeadline[] {
  return deadlines.filter((d) => d.pending);
}
