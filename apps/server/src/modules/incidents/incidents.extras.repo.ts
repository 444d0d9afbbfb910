/** Queries for what hangs off an incident: its post-incident review, parent contact log and attachments. */
import { and, asc, count, desc, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { attachments, incidentPupils, incidents, parentContacts, physicalInterventions, postIncidentReviews } from '../../db/schema/recording.ts';
import { users } from '../../db/schema/users.ts';
import type { AccessFacts } from './incidents.presenter.ts';
import { PI_CONTACT_RECORD } from './pi-parent-contacts.rules.ts';

/** Just what access decisions need, without the incident's content. */
export async function incidentFacts(db: Executor, trustId: string, id: string): Promise<(AccessFacts & { id: string }) | undefined> {
  const rows = await db.select({
    id: incidents.id, trustId: incidents.trustId, siteId: incidents.siteId, status: incidents.status, voidedAt: incidents.voidedAt,
    createdBy: incidents.createdBy, serious: incidents.serious,
  }).from(incidents).where(and(eq(incidents.id, id), eq(incidents.trustId, trustId))).limit(1);
  const r = rows[0];
  return r ? { ...r, status: r.status as AccessFacts['status'], voided: r.voidedAt !== null } : undefined;
}

export type PirRow = typeof postIncidentReviews.$inferSelect;

export async function findPir(db: Executor, incidentId: string): Promise<PirRow | undefined> {
  const rows = await db.select().from(postIncidentReviews).where(eq(postIncidentReviews.incidentId, incidentId))
    .orderBy(asc(postIncidentReviews.createdAt)).limit(1);
  return rows[0];
}

export async function insertPir(db: Executor, v: typeof postIncidentReviews.$inferInsert): Promise<PirRow> {
  return (await db.insert(postIncidentReviews).values(v).returning())[0]!;
}

export async function updatePir(db: Executor, id: string, patch: Partial<typeof postIncidentReviews.$inferInsert>): Promise<PirRow> {
  return (await db.update(postIncidentReviews).set(patch).where(eq(postIncidentReviews.id, id)).returning())[0]!;
}

export async function pupilIdsOf(db: Executor, incidentId: string): Promise<string[]> {
  const rows = await db.select({ id: incidentPupils.pupilId }).from(incidentPupils).where(eq(incidentPupils.incidentId, incidentId));
  return rows.map((r) => r.id);
}

export async function insertParentContact(db: Executor, v: typeof parentContacts.$inferInsert): Promise<void> {
  await db.insert(parentContacts).values(v);
}

/** The incident's contact log: contacts logged on it, and those its physical interventions' "parent told" fed in. */
export async function parentContactsOf(db: Executor, recordId: string) {
  const pis = db.select({ id: physicalInterventions.id }).from(physicalInterventions).where(eq(physicalInterventions.incidentId, recordId));
  return db.select({
    id: parentContacts.id, pupilId: parentContacts.pupilId, contactedAt: parentContacts.contactedAt, method: parentContacts.method,
    contactName: parentContacts.contactName, summary: parentContacts.summary, recordedByName: users.displayName, createdAt: parentContacts.createdAt,
    recordType: parentContacts.recordType,
  }).from(parentContacts).innerJoin(users, eq(users.id, parentContacts.recordedBy))
    .where(or(and(eq(parentContacts.recordType, 'incident'), eq(parentContacts.recordId, recordId)),
      and(eq(parentContacts.recordType, PI_CONTACT_RECORD), inArray(parentContacts.recordId, pis))))
    .orderBy(desc(parentContacts.contactedAt), desc(parentContacts.id));
}

/** Log entries fed by these physical interventions' "parent told" (pi-parent-contacts.rules.ts). */
export async function formContactsOf(db: Executor, piIds: readonly string[]) {
  if (!piIds.length) return [];
  const rows = await db.select({ id: parentContacts.id, recordId: parentContacts.recordId, pupilId: parentContacts.pupilId, contactedAt: parentContacts.contactedAt, method: parentContacts.method })
    .from(parentContacts).where(and(eq(parentContacts.recordType, PI_CONTACT_RECORD), inArray(parentContacts.recordId, [...piIds])));
  return rows.map((r) => ({ ...r, contactedAt: r.contactedAt.toISOString() }));
}

export async function updateParentContact(db: Executor, id: string, patch: Pick<typeof parentContacts.$inferInsert, 'pupilId' | 'contactedAt' | 'method'>): Promise<void> {
  await db.update(parentContacts).set(patch).where(eq(parentContacts.id, id));
}

export async function deleteParentContacts(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.delete(parentContacts).where(inArray(parentContacts.id, [...ids]));
}

const attachmentColumns = {
  id: attachments.id, filename: attachments.filename, contentType: attachments.contentType, sizeBytes: attachments.sizeBytes, createdAt: attachments.createdAt,
};

export async function attachmentsOf(db: Executor, ownerId: string) {
  return db.select(attachmentColumns).from(attachments)
    .where(and(eq(attachments.ownerType, 'incident'), eq(attachments.ownerId, ownerId))).orderBy(asc(attachments.createdAt), asc(attachments.id));
}

export async function countAttachments(db: Executor, ownerId: string): Promise<number> {
  const r = await db.select({ n: count() }).from(attachments).where(and(eq(attachments.ownerType, 'incident'), eq(attachments.ownerId, ownerId)));
  return Number(r[0]?.n ?? 0);
}

export async function insertAttachment(db: Executor, v: typeof attachments.$inferInsert): Promise<void> {
  await db.insert(attachments).values(v);
}

/** An incident's attachment with its bytes' whereabouts; other owners' files (e.g. sealed records) are never found here. */
export async function findIncidentAttachment(db: Executor, trustId: string, id: string) {
  const rows = await db.select({ ...attachmentColumns, ownerId: attachments.ownerId, storage: attachments.storage, storagePath: attachments.storagePath,
    sha256: attachments.sha256, siteId: attachments.siteId })
    .from(attachments).where(and(eq(attachments.id, id), eq(attachments.trustId, trustId), eq(attachments.ownerType, 'incident'))).limit(1);
  return rows[0];
}

