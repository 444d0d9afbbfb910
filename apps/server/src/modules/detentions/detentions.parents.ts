/**
 * Telling parents about a detention (SAN-1). Each parent contact with parental responsibility who has a Haven
 * account gets an in-app notification (sent on by email when SMTP is configured, through the notifications outbox);
 * the assignment records when parents were told. Contacts without an account are told by the school by hand.
 */
import { formatUkDate } from '../../core/calendar/calendar.ts';
import type { Executor } from '../../core/db/client.ts';
import { notify, type AfterCommit } from '../../core/notify/notify.ts';
import * as repo from './detentions.repo.ts';

export interface DetentionNotice { trustId: string; siteId: string; assignmentId: string; pupilId: string; pupilName: string; typeName: string; date: string; startTime: string; endTime: string; room: string }

export function detentionMessage(n: DetentionNotice): { title: string; body: string } {
  return {
    title: `${n.pupilName} has a detention on ${formatUkDate(n.date)}`,
    body: `${n.typeName}, ${formatUkDate(n.date)} from ${n.startTime} to ${n.endTime} in ${n.room}. Please contact the school if you have any questions.`,
  };
}

/** Notifies the pupil's parent accounts; returns how many were told (0 when no parent signs in to Haven). */
export async function notifyParents(tx: Executor, after: AfterCommit, n: DetentionNotice): Promise<number> {
  const parents = await repo.parentUserIds(tx, n.pupilId);
  if (parents.length === 0) return 0;
  await notify(tx, after, parents, { trustId: n.trustId, siteId: n.siteId, kind: 'detention.parent', ...detentionMessage(n), link: '/parent' });
  await repo.updateAssignment(tx, n.assignmentId, { parentsNotifiedAt: new Date() });
  return parents.length;
}
