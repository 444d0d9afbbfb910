/**
 * Telling parents about a detention (SAN-1). One message to each contact with parental responsibility goes into the
 * communications log (core/comms): emailed after commit when SMTP is configured and the contact has an email address,
 * else left 'to send by hand' for the office. Parents who sign in to Haven also get an in-app notification. The
 * assignment records when the messages were queued.
 */
import { formatUkDate } from '../../core/calendar/calendar.ts';
import type { Executor } from '../../core/db/client.ts';
import { notify } from '../../core/notify/notify.ts';
import { parentsOf, queueToParents } from '../../core/comms/comms.ts';
import { londonToday } from '../../core/time.ts';
import { letterMaker, peopleOf } from '../letters/letters.send.ts';
import type { SanctionWrite } from './detentions.place.ts';
import * as repo from './detentions.repo.ts';

export interface DetentionNotice { trustId: string; siteId: string; assignmentId: string; pupilId: string; pupilName: string; typeName: string; date: string; startTime: string; endTime: string; room: string }

/** The detention letter (the trust's template, kind detention) for its subject and for each parent's email. */
async function detentionLetter(tx: Executor, w: SanctionWrite, n: DetentionNotice & { pupil: { firstName: string; lastName: string; yearGroup: number } }) {
  return letterMaker(w.deps, tx, {
    kind: 'detention', trustId: n.trustId, siteId: n.siteId, date: londonToday(), sender: { name: '', role: '' },
    pupil: { ...n.pupil, fullName: n.pupilName },
    values: { 'detention.typeName': n.typeName, 'detention.date': formatUkDate(n.date), 'detention.startTime': n.startTime, 'detention.endTime': n.endTime, 'detention.room': n.room },
  });
}

/** Queues a message to each parent (and notifies parent accounts); returns how many messages were queued. */
export async function notifyParents(tx: Executor, w: SanctionWrite, n: DetentionNotice & { createdBy: string; pupil: { firstName: string; lastName: string; yearGroup: number } }): Promise<number> {
  const letter = await detentionLetter(tx, w, n);
  const parents = await parentsOf(tx, n.pupilId);
  const people = peopleOf(parents);
  const ids = await queueToParents(tx, w.deps, {
    trustId: n.trustId, siteId: n.siteId, pupilId: n.pupilId, record: { type: 'detention_assignment', id: n.assignmentId },
    subject: letter.subject(people), text: letter.text(people), createdBy: n.createdBy,
    personalise: async (r) => ({ text: letter.text(r.person ? [r.person] : []) }),
  });
  w.comms.push(...ids);
  const accounts = await repo.parentUserIds(tx, n.pupilId);
  if (accounts.length) {
    const message = { title: letter.subject(people), body: letter.body() };
    await notify(tx, w.after, accounts, { trustId: n.trustId, siteId: n.siteId, kind: 'detention.parent', ...message, link: '/my-children' });
  }
  if (ids.length || accounts.length) await repo.updateAssignment(tx, n.assignmentId, { parentsNotifiedAt: new Date() });
  return ids.length;
}
