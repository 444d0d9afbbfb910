/**
 * The photos module owns the photos of pupils and staff: adding, replacing and removing one (photo.manage at the
 * person's site: office staff, leads, trust administrators), keeping them with the attachment store, and serving
 * them to whoever may see the person. A pupil's photo is seen by those who may read the pupil's profile there
 * (pupil.read) or keep the pupil's records (people.manage, photo.manage); a member of staff's also by colleagues who
 * record behaviour at that site. Parents, agency users and governors are not served photos. Every change is audited;
 * reading a photo is not (a photo is personal data, not special-category data: docs/photos.md).
 */
import { uuidv7 } from 'uuidv7';
import type { TPhotoRef } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Tx } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { discard, putFile, readStored, type Stored } from '../../core/files/store.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import { AppError, forbidden, notFound } from '../../core/http/errors.ts';
import { preparePhoto, type PreparedPhoto } from './photos.image.ts';
import { PhotoProblem } from './photos.rules.ts';
import { photoRef } from './photos.refs.ts';
import * as repo from './photos.repo.ts';
import type { Owner, OwnerKind } from './photos.repo.ts';

const SEE: Record<OwnerKind, Permission[]> = {
  pupil: ['pupil.read', 'people.manage', 'photo.manage'],
  staff: ['behaviour.record', 'pupil.read', 'people.manage', 'photo.manage'],
};
const mayView = (actor: Actor, kind: OwnerKind, at: { trustId: string; siteId: string }) => SEE[kind].some((p) => can(actor, p, at));

/** The person, if the caller may change their photo: 404 when they may not even see the person, 403 when they may see but not change. */
function authoriseManage(actor: Actor, kind: OwnerKind, owner: Owner | undefined): Owner {
  if (!owner || !mayView(actor, kind, owner)) throw notFound(kind === 'pupil' ? 'pupil' : 'member of staff');
  if (!can(actor, 'photo.manage', owner)) throw forbidden('Only the office, behaviour leads, heads and trust administrators can change photos.');
  return owner;
}

/** The same, with the person locked until the transaction ends (one change of their photo at a time). */
async function ownerToManage(tx: Tx, actor: Actor, kind: OwnerKind, id: string): Promise<Owner> {
  return authoriseManage(actor, kind, await repo.findOwner(tx, kind, actor.trustId, id, true));
}

export async function prepareOrRefuse(bytes: unknown, field = 'body'): Promise<PreparedPhoto> {
  try {
    return await preparePhoto(Buffer.isBuffer(bytes) ? bytes : new Uint8Array(0));
  } catch (e) {
    // the message alone (no "body:" before it): it is shown to the person who chose the file
    if (e instanceof PhotoProblem) throw new AppError(400, 'invalid_request', e.message, [{ field, message: e.message }]);
    throw e;
  }
}

export interface NewPhoto { owner: Owner; prepared: PreparedPhoto; name: string }
interface Written { item: NewPhoto; photoId: string; thumbnailId: string; photo: Stored; thumbnail: Stored }

/** Writes the files of new photos before their rows commit (core/files/store.ts); `discardAll` undoes it. */
export async function writeFiles(deps: Deps, items: readonly NewPhoto[]): Promise<Written[]> {
  const out: Written[] = [];
  const nothing: Stored = { storage: 'database', storagePath: null, data: null };
  try {
    for (const item of items) {
      const w: Written = { item, photoId: uuidv7(), thumbnailId: uuidv7(), photo: nothing, thumbnail: nothing };
      out.push(w);
      w.photo = await putFile(deps, item.owner.trustId, w.photoId, item.prepared.full);
      w.thumbnail = await putFile(deps, item.owner.trustId, w.thumbnailId, item.prepared.thumbnail);
    }
  } catch (e) { await discardAll(deps, out); throw e; }
  return out;
}

export async function discardAll(deps: Deps, written: readonly Written[]): Promise<void> {
  for (const w of written) { await discard(deps, w.photo); await discard(deps, w.thumbnail); }
}

export type Outcome = 'added' | 'replaced' | 'unchanged';

/**
 * Makes each written photo its person's current one, in the caller's transaction (the people are locked by it): the
 * previous photo is voided; a photo the same as the current one changes nothing (its files are returned for discarding).
 */
export async function applyPhotos(tx: Tx, audit: AuditQueue, actorUserId: string, written: readonly Written[], source: string): Promise<{ outcomes: Outcome[]; unused: Written[] }> {
  const outcomes: Outcome[] = [];
  const unused: Written[] = [];
  const rows: Parameters<typeof repo.insertFiles>[1] = [];
  const byKind = new Map<OwnerKind, Written[]>();
  for (const w of written) byKind.set(w.item.owner.kind, [...(byKind.get(w.item.owner.kind) ?? []), w]);
  const current = new Map<string, repo.CurrentPhoto>();
  for (const [kind, ws] of byKind) for (const [k, v] of await repo.currentPhotos(tx, kind, ws.map((w) => w.item.owner.id))) current.set(k, v);
  const voiding: string[] = [];
  for (const w of written) {
    const { owner, prepared, name } = w.item;
    const before = current.get(owner.id);
    if (before?.sha256 === prepared.sha256) { outcomes.push('unchanged'); unused.push(w); continue; }
    if (before) voiding.push(before.id);
    const common = { trustId: owner.trustId, siteId: owner.siteId, contentType: 'image/jpeg', uploadedBy: actorUserId };
    rows.push({ ...common, id: w.photoId, ownerType: repo.OWNER_TYPE[owner.kind], ownerId: owner.id, filename: 'photo.jpg',
      sizeBytes: prepared.full.length, sha256: prepared.sha256, ...w.photo });
    rows.push({ ...common, id: w.thumbnailId, ownerType: repo.THUMBNAIL, ownerId: w.photoId, filename: 'thumbnail.jpg',
      sizeBytes: prepared.thumbnail.length, sha256: prepared.thumbnailSha256, ...w.thumbnail });
    outcomes.push(before ? 'replaced' : 'added');
    audit.record({ action: `${owner.kind}.photo.${before ? 'replace' : 'add'}`, entityType: owner.kind, entityId: owner.id, siteId: owner.siteId,
      details: { photoId: w.photoId, previousPhotoId: before?.id ?? null, sha256: prepared.sha256, sizeBytes: prepared.full.length,
        width: prepared.width, height: prepared.height, source, file: name } });
  }
  await repo.voidPhotos(tx, voiding);
  await repo.insertFiles(tx, rows);
  return { outcomes, unused };
}

/** Adds or replaces one person's photo from an upload (the body is the image). */
export async function setPhoto(deps: Deps, actor: Actor, ctx: AuditContext, kind: OwnerKind, id: string, body: unknown): Promise<TPhotoRef> {
  // who may do it is checked before the image is decoded, and again under the person's lock
  const seen = authoriseManage(actor, kind, await repo.findOwner(deps.database.db, kind, actor.trustId, id));
  const prepared = await prepareOrRefuse(body);
  const written = await writeFiles(deps, [{ owner: seen, prepared, name: 'upload' }]);
  let result: { outcomes: Outcome[]; unused: Written[] };
  try {
    result = await inTransaction(deps.database, ctx, async (tx, audit) => {
      const owner = await ownerToManage(tx, actor, kind, id);
      return applyPhotos(tx, audit, actor.userId, written.map((w) => ({ ...w, item: { ...w.item, owner } })), 'upload');
    });
  } catch (e) { await discardAll(deps, written); throw e; }
  await discardAll(deps, result.unused);
  const current = await repo.currentPhotos(deps.database.db, kind, [id]);
  return photoRef(current.get(id)?.id)!;
}

/** Removes a person's photo (voided, kept until the retention engine purges it; never served again). */
export async function removePhoto(deps: Deps, actor: Actor, ctx: AuditContext, kind: OwnerKind, id: string): Promise<void> {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const owner = await ownerToManage(tx, actor, kind, id);
    const before = (await repo.currentPhotos(tx, kind, [id])).get(id);
    if (!before) throw notFound('photo');
    await repo.voidPhotos(tx, [before.id]);
    audit.record({ action: `${kind}.photo.remove`, entityType: kind, entityId: id, siteId: owner.siteId, details: { photoId: before.id } });
  });
}

/** The bytes of a current photo or its thumbnail, for someone who may see the person: 404 for anyone else. */
export async function readPhoto(deps: Deps, actor: Actor, photoId: string, variant: 'photo' | 'thumbnail') {
  const db = deps.database.db;
  const photo = await repo.findPhoto(db, actor.trustId, photoId);
  if (!photo || !mayView(actor, photo.kind, { trustId: actor.trustId, siteId: photo.siteId })) throw notFound('photo');
  const file = await repo.photoFile(db, photoId, variant);
  const data = file ? await readStored(deps, file) : null;
  if (!file || !data) throw new AppError(500, 'attachment_missing', 'The stored photo could not be read. The error has been logged.');
  return { data, etag: `"${file.sha256.slice(0, 32)}"` };
}
