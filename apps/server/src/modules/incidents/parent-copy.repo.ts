/** LAW-12 queries: the decisions about parents' copies of an incident, their communications, and what a copy names. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { communications } from '../../db/schema/comms.ts';
import { parentCopies } from '../../db/schema/recording.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { users } from '../../db/schema/users.ts';
import type { CopyCommunication, CopyDecision } from './parent-copy.rules.ts';

export async function decisionsOf(db: Executor, incidentId: string): Promise<CopyDecision[]> {
  const rows = await db.select({
    id: parentCopies.id, pupilId: parentCopies.pupilId, action: parentCopies.action, withholdReason: parentCopies.withholdReason,
    explanation: parentCopies.explanation, communicationIds: parentCopies.communicationIds, decidedBy: parentCopies.decidedBy,
    decidedByName: users.displayName, decidedAt: parentCopies.decidedAt,
  }).from(parentCopies).innerJoin(users, eq(users.id, parentCopies.decidedBy))
    .where(eq(parentCopies.incidentId, incidentId)).orderBy(asc(parentCopies.decidedAt), asc(parentCopies.id));
  return rows.map((r) => ({
    ...r, action: r.action as CopyDecision['action'], withholdReason: r.withholdReason as CopyDecision['withholdReason'],
    communicationIds: (typeof r.communicationIds === 'string' ? JSON.parse(r.communicationIds) : r.communicationIds) as string[],
    decidedAt: pgTimestampToIso(r.decidedAt),
  }));
}

export async function communicationsByIds(db: Executor, ids: readonly string[]): Promise<Map<string, CopyCommunication>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: communications.id, recipientName: communications.recipientName, channel: communications.channel,
    status: communications.status, sentAt: communications.sentAt }).from(communications).where(inArray(communications.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { ...r, channel: r.channel as CopyCommunication['channel'], status: r.status as CopyCommunication['status'],
    sentAt: r.sentAt ? pgTimestampToIso(r.sentAt) : null }]));
}

export async function pupilFacts(db: Executor, trustId: string, pupilId: string) {
  return (await db.select({ id: pupils.id, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
    preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname, dateOfBirth: pupils.dateOfBirth, yearGroup: pupils.yearGroup })
    .from(pupils).where(and(eq(pupils.id, pupilId), eq(pupils.trustId, trustId))))[0];
}

export async function recordDecision(db: Executor, row: typeof parentCopies.$inferInsert): Promise<void> {
  await db.insert(parentCopies).values(row);
}
