/**
 * Demo subject access requests (DAT-3) at site 1, logged by the head: a father's request received 12 days ago, being
 * gathered and in time; and a pupil's own request received 40 days ago, still waiting — overdue, as the list shows.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import { addDays } from '../../core/calendar/calendar.ts';
import { pupils } from '../schema/pupils.ts';
import { subjectAccessRequests } from '../schema/subject-access.ts';
import { sarDeadline } from '../../modules/subject-access/subject-access.rules.ts';

export async function seedDemoSubjectAccess(tx: Tx, trustId: string, siteId: string, headUserId: string, today: string): Promise<number> {
  const some = await tx.select({ id: pupils.id, surname: pupils.legalSurname }).from(pupils)
    .where(and(eq(pupils.siteId, siteId), isNull(pupils.enrolmentEnd))).orderBy(asc(pupils.legalSurname), asc(pupils.id)).limit(12);
  const [a, b] = [some[10], some[11]];
  if (!a || !b) return 0;
  const rows = [
    { pupil: a, kind: 'parent', name: `Mr ${a.surname}`, receivedOn: addDays(today, -12), status: 'gathering', notes: 'Asked by email for everything about his son since Year 7.' },
    { pupil: b, kind: 'pupil', name: 'The pupil', receivedOn: addDays(today, -40), status: 'received', notes: 'Handed to the form tutor in writing.' },
  ];
  for (const r of rows) {
    await tx.insert(subjectAccessRequests).values({ id: uuidv7(), trustId, siteId, pupilId: r.pupil.id, requesterKind: r.kind, requesterName: r.name, receivedOn: r.receivedOn,
      dueOn: sarDeadline(r.receivedOn), status: r.status, notes: r.notes, createdBy: headUserId });
  }
  return rows.length;
}
