/** Pure rules for meetings (SUP-4): status changes and agreed actions. */
import type { TMeetingType } from '@haven/contracts';

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';

/** Why a meeting may not move from one status to another, or null. A meeting is held on or after its day. */
export function statusChangeProblem(from: MeetingStatus, to: MeetingStatus, meetingDate: string, today: string): string | null {
  if (from === to) return null;
  if (from === 'cancelled') return 'This meeting was cancelled: arrange a new one instead.';
  if (to === 'held' && meetingDate > today) return 'A meeting cannot be recorded as held before its date.';
  if (from === 'held' && to === 'cancelled') return 'This meeting has been held, so it cannot be cancelled.';
  return null;
}

/** Why an agreed action cannot be added, or null: only to a held or scheduled meeting, due no earlier than the meeting. */
export function actionProblem(status: MeetingStatus, meetingDate: string, dueOn: string): { field: string; message: string } | null {
  if (status === 'cancelled') return { field: 'status', message: 'This meeting was cancelled, so nothing can be agreed at it.' };
  if (dueOn < meetingDate) return { field: 'dueOn', message: 'The due date must not be before the meeting.' };
  return null;
}

/** An action is done when its task is done (a dismissed task means it is no longer needed: also finished). */
export function actionDone(taskStatus: string | null): boolean {
  return taskStatus === 'done';
}

/** Which meeting types may be created from which source (a reintegration meeting only from a suspension). */
export function sourceProblem(type: TMeetingType, sourceType: string | null): string | null {
  if (type === 'reintegration' && sourceType !== 'exclusion') return 'A reintegration meeting is arranged from the suspension the pupil returns from.';
  return null;
}

/** Owners due a reminder today: actions whose task is open and whose due date is today or past, not yet reminded. */
export function dueForReminder(a: { dueOn: string | null; remindedOn: string | null; taskOpen: boolean }, today: string): boolean {
  return a.taskOpen && a.dueOn !== null && a.dueOn <= today && a.remindedOn === null;
}

/** Who a suspension's reintegration meeting is arranged with: the parents or carers, the pupil, and the head who issued it. */
export function reintegrationAttendees(pupil: { id: string; name: string }, head: { id: string; name: string }) {
  return [
    { kind: 'other', refId: null, name: `Parents or carers of ${pupil.name}`, role: null },
    { kind: 'pupil', refId: pupil.id, name: pupil.name, role: 'Pupil' },
    { kind: 'staff', refId: head.id, name: head.name, role: 'Headteacher' },
  ];
}
