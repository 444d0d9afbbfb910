/**
 * Child-protection transfer queries. Rows are read by id, by pupil or by link hash; the service checks the DSL's
 * scope before presenting anything. The pupil's concerns come from the safeguarding repo, limited to the pupil's site.
 */
import { and, asc, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db/client.ts';
import { cpTransfers } from '../../db/schema/cp-transfers.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';
import { attachments } from '../../db/schema/recording.ts';
import { tasks } from '../../db/schema/workflow.ts';

const creator = alias(users, 'creator');
const packer = alias(users, 'packer');
const sender = alias(users, 'sender');

export async function findPupil(db: Executor, id: string) {
  const rows = await db.select({
    id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, upn: pupils.upn, dateOfBirth: pupils.dateOfBirth, yearGroup: pupils.yearGroup,
    legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname,
    enrolmentEnd: pupils.enrolmentEnd, childInNeed: pupils.childInNeed, childProtectionPlan: pupils.childProtectionPlan,
  }).from(pupils).where(eq(pupils.id, id));
  return rows[0];
}
export type PupilRow = NonNullable<Awaited<ReturnType<typeof findPupil>>>;

function transferQuery(db: Executor) {
  return db.select({
    t: cpTransfers, siteName: sites.name, creatorName: creator.displayName, packerName: packer.displayName, senderName: sender.displayName,
    legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname,
    packFilename: attachments.filename, packSize: attachments.sizeBytes, packSha256: attachments.sha256,
  }).from(cpTransfers)
    .innerJoin(sites, eq(sites.id, cpTransfers.siteId))
    .innerJoin(pupils, eq(pupils.id, cpTransfers.pupilId))
    .innerJoin(creator, eq(creator.id, cpTransfers.createdBy))
    .leftJoin(packer, eq(packer.id, cpTransfers.packedBy))
    .leftJoin(sender, eq(sender.id, cpTransfers.sentBy))
    .leftJoin(attachments, eq(attachments.id, cpTransfers.packAttachmentId));
}
export type TransferRow = NonNullable<Awaited<ReturnType<typeof findTransfer>>>;

export async function findTransfer(db: Executor, id: string) {
  return (await transferQuery(db).where(eq(cpTransfers.id, id)))[0];
}

export async function transfersOfPupil(db: Executor, trustId: string, pupilId: string, siteIds: readonly string[]) {
  if (!siteIds.length) return [];
  return transferQuery(db).where(and(eq(cpTransfers.trustId, trustId), eq(cpTransfers.pupilId, pupilId), inArray(cpTransfers.siteId, [...siteIds])))
    .orderBy(desc(cpTransfers.createdAt), desc(cpTransfers.id));
}

export async function findByLinkHash(db: Executor, hash: string) {
  return (await transferQuery(db).where(eq(cpTransfers.linkTokenHash, hash)))[0];
}

export async function insertTransfer(tx: Executor, row: typeof cpTransfers.$inferInsert): Promise<void> {
  await tx.insert(cpTransfers).values(row);
}

/** Optimistic: changes the row only at the version read; false when someone else changed it first. */
export async function updateTransfer(tx: Executor, id: string, version: number, set: Partial<typeof cpTransfers.$inferInsert>): Promise<boolean> {
  const rows = await tx.update(cpTransfers).set({ ...set, version: version + 1 })
    .where(and(eq(cpTransfers.id, id), eq(cpTransfers.version, version))).returning({ id: cpTransfers.id });
  return rows.length === 1;
}

/** The documents of these concerns: files attached to a concern, and to the incident a concern was raised from. */
export async function documentsOf(db: Executor, concerns: readonly { id: string; incidentId: string | null }[]) {
  const concernIds = concerns.map((c) => c.id);
  const incidentIds = concerns.map((c) => c.incidentId).filter((x): x is string => !!x);
  if (!concernIds.length) return [];
  const rows = await db.select({ id: attachments.id, ownerType: attachments.ownerType, ownerId: attachments.ownerId, filename: attachments.filename,
    sizeBytes: attachments.sizeBytes, storage: attachments.storage, storagePath: attachments.storagePath, createdAt: attachments.createdAt })
    .from(attachments)
    .where(and(isNull(attachments.voidedAt), or(
      and(eq(attachments.ownerType, 'safeguarding_concern'), inArray(attachments.ownerId, concernIds)),
      incidentIds.length ? and(eq(attachments.ownerType, 'incident'), inArray(attachments.ownerId, incidentIds)) : undefined,
    )))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return rows.flatMap((r) => {
    const owners = r.ownerType === 'incident' ? concerns.filter((c) => c.incidentId === r.ownerId) : concerns.filter((c) => c.id === r.ownerId);
    return owners.slice(0, 1).map((c) => ({ ...r, concernId: c.id }));
  });
}

export async function insertPackFile(tx: Executor, row: typeof attachments.$inferInsert): Promise<void> {
  await tx.insert(attachments).values(row);
}

export async function voidFile(tx: Executor, id: string, at: Date): Promise<void> {
  await tx.update(attachments).set({ voidedAt: at }).where(eq(attachments.id, id));
}

export async function packFileRow(db: Executor, id: string) {
  return (await db.select({ id: attachments.id, storage: attachments.storage, storagePath: attachments.storagePath, filename: attachments.filename })
    .from(attachments).where(eq(attachments.id, id)))[0];
}

/** Transfers not yet sent that have a due day: the daily reminder's candidates. */
export async function openWithDueDay(db: Executor) {
  return db.select({ id: cpTransfers.id, trustId: cpTransfers.trustId, siteId: cpTransfers.siteId, status: cpTransfers.status, dueOn: cpTransfers.dueOn,
    remindedStage: cpTransfers.remindedStage, createdBy: cpTransfers.createdBy, version: cpTransfers.version })
    .from(cpTransfers).where(inArray(cpTransfers.status, ['draft', 'packed']));
}

export async function setRemindedStage(tx: Executor, id: string, stage: string): Promise<void> {
  await tx.update(cpTransfers).set({ remindedStage: stage }).where(eq(cpTransfers.id, id));
}

export async function siteName(db: Executor, siteId: string): Promise<string> {
  return (await db.select({ name: sites.name }).from(sites).where(eq(sites.id, siteId)))[0]?.name ?? 'the school';
}

export const DUE_TASK = 'cp_transfer_due';

/** Once the file is sent, the reminder tasks about it are done. */
export async function finishDueTasks(tx: Executor, transferId: string, at: Date): Promise<void> {
  await tx.update(tasks).set({ status: 'done', completedAt: at })
    .where(and(eq(tasks.sourceType, DUE_TASK), eq(tasks.sourceId, transferId), eq(tasks.status, 'open')));
}

/** Claims the one-time link for a download: true for exactly one caller. */
export async function claimLink(tx: Executor, id: string, hash: string, at: Date): Promise<boolean> {
  const rows = await tx.update(cpTransfers).set({ linkDownloadedAt: at })
    .where(and(eq(cpTransfers.id, id), eq(cpTransfers.linkTokenHash, hash), isNull(cpTransfers.linkDownloadedAt), gt(cpTransfers.linkExpiresAt, at)))
    .returning({ id: cpTransfers.id });
  return rows.length === 1;
}
