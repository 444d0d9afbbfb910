/**
 * Telling parents about a detention (SAN-1). One message to each contact with parental responsibility goes into the
 * communications log (core/comms): emailed after commit when SMTP is configured and the contact has an email address,
 * else left 'to send by hand' for the office. Parents who sign in to Haven also get an in-app notification. The
 * assignment records when the messages were queued.
 */
import { formatUkDate } from '../../core/calendar/calendar.ts';
import type { Executor } from '../../core/db/client.ts';
import { notify } from '../../core/notify/notify.ts';
import { queueToParents } from '../../core/comms/comms.ts';
import type { SanctionWrite } from './detentions.place.ts';
import * as repo from './detentions.repo.ts';

export interface DetentionNotice { trustId: string; siteId: string; assignmentId: string; pupilId: string; pupilName: string; typeName: string; date: string; startTime: string; endTime: string; room: string }

export function detentionMessage(n: DetentionNotice): { title: string; body: string } {
  return {
    title: `${n.pupilName} has a detention on ${formatUkDate(n.date)}`,
    body: `${n.typeName}, ${formatUkDate(n.date)} from ${n.startTime} to ${n.endTime} in ${n.room}. Please contact the school if you have any questions.`,
  };
}

/** Queues a message to each parent (and notifies parent accounts); returns how many messages were queued. */
export async function notifyParents(tx: Executor, w: SanctionWrite, n: DetentionNotice & { createdBy: string }): Promise<number> {
  const message = detentionMessage(n);
  const ids = await queueToParents(tx, w.deps, {
    trustId: n.trustId, siteId: n.siteId, pupilId: n.pupilId, record: { type: 'detention_assignment', id: n.assignmentId },
    subject: message.title, text: `Dear parent or carer,\n\n${message.body}\n`, createdBy: n.createdBy,
  });
  w.comms.push(...ids);
  const accounts = await repo.parentUserIds(tx, n.pupilId);
  if (accounts.length) await notify(tx, w.after, accounts, { trustId: n.trustId, siteId: n.siteId, kind: 'detention.parent', ...message, link: '/my-children' });
  if (ids.length || accounts.length) await repo.updateAssignment(tx, n.assignmentId, { parentsNotifiedAt: new Date() });
  return ids.length;
}
