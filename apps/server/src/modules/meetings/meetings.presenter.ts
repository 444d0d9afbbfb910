/** Meeting rows → contract DTOs (SUP-4), with what the caller may do. */
import type { TMeeting } from '@haven/contracts';
import { allowedActions, type Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import type { ActionRow, MeetingRow } from './meetings.repo.ts';
import { actionDone } from './meetings.rules.ts';

export function presentMeeting(actor: Actor, m: MeetingRow, pupilName: string, actions: ActionRow[]): TMeeting {
  const res = { trustId: m.trustId, siteId: m.siteId };
  return {
    id: m.id, siteId: m.siteId, pupilId: m.pupilId, pupilName, type: m.type, date: m.date, session: (m.session as 'am' | 'pm' | null) ?? null,
    startTime: m.startTime, place: m.place,
    status: m.status as TMeeting['status'], recordType: m.recordType, recordId: m.recordId,
    attendees: m.attendees.map((a) => ({ kind: a.kind as TMeeting['attendees'][number]['kind'], refId: a.refId, name: a.name, role: a.role })),
    notes: m.notes,
    agreedActions: actions.filter((a) => a.meetingId === m.id).map((a) => ({
      id: a.id, action: a.action, owner: { id: a.ownerUserId, name: a.ownerName }, dueOn: a.dueOn, taskId: a.taskId,
      done: actionDone(a.taskStatus), completedAt: actionDone(a.taskStatus) && a.taskCompletedAt ? pgTimestampToIso(a.taskCompletedAt) : null,
    })),
    version: m.version,
    allowed: [
      ...allowedActions(actor, res, { minutes: 'casework.read' }),
      ...(m.status !== 'cancelled' ? allowedActions(actor, res, { update: 'casework.manage', addAction: 'casework.manage' }) : []),
    ],
  };
}
