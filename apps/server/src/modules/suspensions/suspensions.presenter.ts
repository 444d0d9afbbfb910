/** Rows → contract DTOs, with what the caller may do (PLT-2). */
import type { TExclusion } from '@haven/contracts';
import { presentMeeting } from '../meetings/meetings.presenter.ts';
import type { ActionRow } from '../meetings/meetings.repo.ts';
import { allowedActions, type Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { ExclusionRow, MeetingRow, NotificationRow, PupilRow } from './suspensions.repo.ts';
import { cancellationProblem } from './suspensions.rules.ts';
import { independentReviewOf, passedBy, pendingOf, statutoryDeadlines } from './deadlines.rules.ts';
import { londonToday } from '../../core/time.ts';
import type { SchoolCalendar } from '../../core/calendar/calendar.ts';

export interface PresentExtras {
  siteName: string;
  pupil: PupilRow;
  reasonLabels: Map<string, string>;
  issuerName: string;
  yearDays: number;
  boardDutyMessage: string;
  later: string[];
  notifications: NotificationRow[];
  meetings: MeetingRow[];
  meetingActions: ActionRow[];
  cal: SchoolCalendar | null;
  today: string;
}

export function independentReviewBy(r: ExclusionRow, cal: SchoolCalendar | null): string | null {
  return independentReviewOf(cal, r)?.due ?? null;
}

/** The record's deadlines from the dates it holds, and, for a record entered after the parents were told, those already passed then. */
export function deadlinesOfRecord(r: ExclusionRow, cal: SchoolCalendar | null) {
  const decisionDate = r.decisionDate ?? r.boardNotifiedOn;
  const deadlines = statutoryDeadlines({ ...r, decisionDate }, cal);
  const enteredOn = londonToday(new Date(pgTimestampToIso(r.issuedAt)));
  const passed = enteredOn > decisionDate ? passedBy(deadlines, enteredOn) : [];
  return { decisionDate, deadlines, pending: r.status === 'issued' ? pendingOf(deadlines) : [], lateEntry: passed.length ? { enteredOn, passed } : null };
}

export function presentExclusion(actor: Actor, r: ExclusionRow, x: PresentExtras): TExclusion {
  const res = { trustId: r.trustId, siteId: r.siteId };
  const issued = r.status === 'issued';
  const allowed = [
    ...allowedActions(actor, res, { letter: 'suspension.read' }),
    ...(issued ? allowedActions(actor, res, { newLinked: 'suspension.issue', recordBoard: 'suspension.manage', recordProvision: 'suspension.manage' }) : []),
    ...(issued && !cancellationProblem(r, x.today) ? allowedActions(actor, res, { cancel: 'suspension.issue' }) : []),
  ];
  const pupilName = displayName(x.pupil);
  const d = deadlinesOfRecord(r, x.cal);
  return {
    id: r.id, siteId: r.siteId, siteName: x.siteName,
    pupil: { id: x.pupil.id, displayName: pupilName, yearGroup: x.pupil.yearGroup, lookedAfter: x.pupil.lookedAfter },
    category: r.category as TExclusion['category'], status: r.status as TExclusion['status'],
    startDate: r.startDate, startSession: r.startSession as 'am' | 'pm', sessions: r.sessions, days: r.slots.length / 2,
    lastDay: r.lastDay, returnDate: r.returnDate, returnSession: (r.returnSession as 'am' | 'pm' | null) ?? null,
    reasons: r.reasonCodes.map((code) => ({ code, label: x.reasonLabels.get(code) ?? code })),
    details: r.details, missesPublicExam: r.missesPublicExam, publicExamDate: r.publicExamDate, incidentId: r.incidentId, decisionDate: d.decisionDate,
    previousExclusionId: r.previousExclusionId, laterExclusionIds: x.later,
    issuedBy: { id: r.issuedBy, displayName: x.issuerName }, issuedAt: pgTimestampToIso(r.issuedAt),
    boardNotifiedOn: r.boardNotifiedOn, boardDutyKind: r.boardDutyKind as TExclusion['boardDutyKind'], boardDeadline: r.boardDeadline,
    boardDutyMessage: x.boardDutyMessage,
    provisionDueFrom: r.provisionDueFrom, provisionProvider: r.provisionProvider, provisionFrom: r.provisionFrom,
    provisionMissing: issued && !!r.provisionDueFrom && !r.provisionProvider,
    parentsMadeRepresentations: r.parentsMadeRepresentations, boardMeetingDate: r.boardMeetingDate,
    boardOutcome: (r.boardOutcome as TExclusion['boardOutcome']) ?? null, boardOutcomeOn: r.boardOutcomeOn, boardOutcomeNotes: r.boardOutcomeNotes,
    independentReviewBy: independentReviewBy(r, x.cal),
    cancelledAt: r.cancelledAt ? pgTimestampToIso(r.cancelledAt) : null, cancelReason: r.cancelReason,
    yearDays: x.yearDays,
    deadlines: d.deadlines, pendingDeadlines: d.pending, lateEntry: d.lateEntry,
    notifications: x.notifications.map((n) => ({
      id: n.id, occasion: n.occasion as 'issue' | 'cancellation', recipient: n.recipient as TExclusion['notifications'][number]['recipient'],
      status: n.status as 'to_do' | 'sent' | 'done', statusOn: n.statusOn, note: n.note,
      allowed: allowedActions(actor, res, { update: 'suspension.manage' }),
    })),
    meetings: x.meetings.map((m) => presentMeeting(actor, m, pupilName, x.meetingActions)),
    allowed,
  };
}
