/**
 * Photo queries. A photo is a row of `attachments` owned by the pupil or staff record ('pupil_photo' / 'staff_photo'),
 * with its thumbnail a row owned by the photo ('photo_thumbnail'). Replacing or removing one voids it.
 */
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { attachments } from '../../db/schema/recording.ts';
import { pupils, staffMembers } from '../../db/schema/pupils.ts';
import type { PhotoOwnerType } from './photos.refs.ts';

export type OwnerKind = 'pupil' | 'staff';
export const OWNER_TYPE: Record<OwnerKind, PhotoOwnerType> = { pupil: 'pupil_photo', staff: 'staff_photo' };
export const THUMBNAIL = 'photo_thumbnail';

export interface Owner { kind: OwnerKind; id: string; trustId: string; siteId: string }

const table = (kind: OwnerKind) => (kind === 'pupil' ? pupils : staffMembers);

/** The pupil or staff record, in the caller's trust; with `lock`, held until the transaction ends (one change at a time). */
export async function findOwner(db: Executor, kind: OwnerKind, trustId: string, id: string, lock = false): Promise<Owner | undefined> {
  const t = table(kind);
  const q = db.select({ id: t.id, trustId: t.trustId, siteId: t.siteId }).from(t).where(and(eq(t.id, id), eq(t.trustId, trustId))).limit(1);
  const r = (lock ? await q.for('update') : await q)[0];
  return r ? { kind, ...r } : undefined;
}

/** People of a site by UPN (pupils) or staff code (staff), keyed in capitals, locked for the import's transaction. */
export async function ownersByKey(db: Executor, kind: OwnerKind, siteId: string, keys: readonly string[], lock = false): Promise<Map<string, Owner>> {
  if (keys.length === 0) return new Map();
  const keyColumn = kind === 'pupil' ? sql<string>`upper(${pupils.upn})` : sql<string>`upper(${staffMembers.staffCode})`;
  const t = table(kind);
  const q = db.select({ id: t.id, trustId: t.trustId, siteId: t.siteId, key: keyColumn }).from(t)
    .where(and(eq(t.siteId, siteId), inArray(keyColumn, [...keys])));
  const rows = lock ? await q.for('update') : await q;
  return new Map(rows.map((r) => [r.key, { kind, id: r.id, trustId: r.trustId, siteId: r.siteId }]));
}

export interface CurrentPhoto { id: string; sha256: string }

export async function currentPhotos(db: Executor, kind: OwnerKind, ownerIds: readonly string[]): Promise<Map<string, CurrentPhoto>> {
  if (ownerIds.length === 0) return new Map();
  const rows = await db.select({ id: attachments.id, ownerId: attachments.ownerId, sha256: attachments.sha256 }).from(attachments)
    .where(and(eq(attachments.ownerType, OWNER_TYPE[kind]), inArray(attachments.ownerId, [...ownerIds]), isNull(attachments.voidedAt)));
  return new Map(rows.map((r) => [r.ownerId, { id: r.id, sha256: r.sha256 }]));
}

/** Voids photos and their thumbnails. */
export async function voidPhotos(db: Executor, photoIds: readonly string[]): Promise<void> {
  if (photoIds.length === 0) return;
  await db.update(attachments).set({ voidedAt: new Date() }).where(and(isNull(attachments.voidedAt), or(
    inArray(attachments.id, [...photoIds]),
    and(eq(attachments.ownerType, THUMBNAIL), inArray(attachments.ownerId, [...photoIds])),
  )));
}

export async function insertFiles(db: Executor, rows: (typeof attachments.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insert(attachments).values(rows.slice(i, i + 200));
}

/** A current photo by id with its owner's site now (a pupil may have moved since it was taken), in the caller's trust. */
export async function findPhoto(db: Executor, trustId: string, id: string) {
  const rows = await db.select({
    id: attachments.id, ownerType: attachments.ownerType, ownerId: attachments.ownerId, sha256: attachments.sha256,
    pupilSite: pupils.siteId, staffSite: staffMembers.siteId,
  }).from(attachments)
    .leftJoin(pupils, and(eq(attachments.ownerType, 'pupil_photo'), eq(pupils.id, attachments.ownerId)))
    .leftJoin(staffMembers, and(eq(attachments.ownerType, 'staff_photo'), eq(staffMembers.id, attachments.ownerId)))
    .where(and(eq(attachments.id, id), eq(attachments.trustId, trustId), isNull(attachments.voidedAt),
      inArray(attachments.ownerType, ['pupil_photo', 'staff_photo'])))
    .limit(1);
  const r = rows[0];
  const siteId = r?.pupilSite ?? r?.staffSite;
  if (!r || !siteId) return undefined;
  return { id: r.id, kind: (r.ownerType === 'pupil_photo' ? 'pupil' : 'staff') as OwnerKind, ownerId: r.ownerId, siteId, sha256: r.sha256 };
}

/** Where the bytes of a photo (or of its current thumbnail) are. */
export async function photoFile(db: Executor, photoId: string, variant: 'photo' | 'thumbnail') {
  const where = variant === 'photo' ? eq(attachments.id, photoId)
    : and(eq(attachments.ownerType, THUMBNAIL), eq(attachments.ownerId, photoId), isNull(attachments.voidedAt));
  const rows = await db.select({ id: attachments.id, storage: attachments.storage, storagePath: attachments.storagePath, sha256: attachments.sha256 })
    .from(attachments).where(where).limit(1);
  return rows[0];
}
