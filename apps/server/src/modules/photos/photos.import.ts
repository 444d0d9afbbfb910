/**
 * Bulk photo import: a zip of photos named `<UPN>.jpg` (pupils) or `<staff code>.jpg` (staff), for one site, by
 * someone who keeps that site's records (people.manage). Every photo is checked and re-encoded first; if any photo of a
 * person of the site cannot be read, the import is refused naming each file, and nothing is saved. Files named after
 * no one at the site are left out and named; files that are not images by name are left out and named. With dryRun
 * nothing is saved and the answer says what the import would do. Each photo changed is audited, and the import as a whole.
 */
import { createHash } from 'node:crypto';
import { PHOTO_MAX_BYTES, type TPhotoImportResult } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { AppError, fieldError, forbidden, notFound, type FieldError } from '../../core/http/errors.ts';
import { preparePhoto } from './photos.image.ts';
import { MAX_ZIP_IMAGES, PhotoProblem, zipEntry } from './photos.rules.ts';
import { applyPhotos, discardAll, writeFiles, type NewPhoto, type Outcome } from './photos.service.ts';
import * as repo from './photos.repo.ts';
import { listZip, unpack, ZipUnreadable } from './photos.zip.ts';

/** Entries unpacked and decoded at a time: bounded memory, and a few images decoding side by side. */
const BATCH = 8;
const LISTED = 200;

interface Query { siteId: string; kind: 'pupils' | 'staff'; dryRun: boolean }

function refuse(problems: FieldError[]): never {
  throw new AppError(400, 'import_problems', `Nothing was imported: ${problems.length} photo${problems.length === 1 ? '' : 's'} in the zip could not be used. Put ${problems.length === 1 ? 'it' : 'them'} right (or take ${problems.length === 1 ? 'it' : 'them'} out) and upload the zip again.`,
    problems.slice(0, LISTED));
}

export async function importPhotos(deps: Deps, actor: Actor, ctx: AuditContext, q: Query, body: unknown): Promise<TPhotoImportResult> {
  if (!actor.trustSiteIds.includes(q.siteId)) throw notFound('site');
  if (!can(actor, 'people.manage', { trustId: actor.trustId, siteId: q.siteId })) throw forbidden('You do not keep pupil and staff records at that site.');
  if (!Buffer.isBuffer(body) || body.byteLength === 0) throw fieldError('file', 'Send the zip of photos as the request body.');
  const bytes = new Uint8Array(body);
  const fileHash = createHash('sha256').update(bytes).digest('hex');
  const kind: repo.OwnerKind = q.kind === 'staff' ? 'staff' : 'pupil';

  let listing;
  try { listing = listZip(bytes); } catch (e) { if (e instanceof ZipUnreadable) throw fieldError('file', e.message); throw e; }
  const images = new Map<string, string>(); // key → file name
  const ignored: string[] = [];
  const problems: FieldError[] = [];
  for (const f of listing) {
    const e = zipEntry(f.name);
    if (e.kind === 'skip') continue;
    if (e.kind === 'ignored') { ignored.push(f.name); continue; }
    const earlier = images.get(e.key);
    if (earlier) { problems.push({ field: f.name, message: `Another photo in the zip (${earlier}) is named for the same ${kind === 'pupil' ? 'UPN' : 'staff code'}` }); continue; }
    if (f.originalSize > PHOTO_MAX_BYTES) problems.push({ field: f.name, message: 'The photo is larger than 10 MB' });
    images.set(e.key, f.name);
  }
  if (images.size > MAX_ZIP_IMAGES) throw fieldError('file', `The zip holds ${images.size} photos; import at most ${MAX_ZIP_IMAGES} at a time.`);
  if (images.size === 0 && problems.length === 0) throw fieldError('file', 'The zip holds no JPEG, PNG or WebP photos.');

  const owners = await repo.ownersByKey(deps.database.db, kind, q.siteId, [...images.keys()]);
  const unknown = [...images].filter(([key]) => !owners.has(key)).map(([, name]) => name);
  const matched = [...images].filter(([key]) => owners.has(key));

  // check and re-encode every matched photo before anything is saved
  const items: NewPhoto[] = [];
  for (let i = 0; i < matched.length; i += BATCH) {
    const batch = matched.slice(i, i + BATCH).filter(([, name]) => !problems.some((p) => p.field === name));
    const data = unpack(bytes, batch.map(([, name]) => name));
    const done = await Promise.all(batch.map(async ([key, name]): Promise<NewPhoto | FieldError> => {
      const b = data.get(name);
      if (!b) return { field: name, message: 'This file in the zip is damaged or encrypted and could not be unpacked' };
      try {
        return { owner: owners.get(key)!, prepared: await preparePhoto(b), name };
      } catch (e) {
        if (e instanceof PhotoProblem) return { field: name, message: e.message };
        throw e;
      }
    }));
    for (const d of done) if ('owner' in d) items.push(d); else problems.push(d);
  }
  if (problems.length) refuse(problems.sort((a, b) => a.field.localeCompare(b.field)));

  const counts: Record<Outcome, number> = { added: 0, replaced: 0, unchanged: 0 };
  const result = (): TPhotoImportResult => ({ dryRun: q.dryRun, kind: q.kind, siteId: q.siteId, fileHash, images: images.size, ...counts,
    unknown: unknown.sort().slice(0, LISTED), ignored: ignored.sort().slice(0, LISTED) });
  if (q.dryRun) {
    const current = await repo.currentPhotos(deps.database.db, kind, items.map((x) => x.owner.id));
    for (const x of items) counts[!current.has(x.owner.id) ? 'added' : current.get(x.owner.id)!.sha256 === x.prepared.sha256 ? 'unchanged' : 'replaced']++;
    return result();
  }

  const written = await writeFiles(deps, items);
  let unused: typeof written = [];
  try {
    await inTransaction(deps.database, ctx, async (tx, audit) => {
      // lock the people, as they are now: someone who left the site since the check is left out as unknown
      const locked = new Set([...(await repo.ownersByKey(tx, kind, q.siteId, [...images.keys()], true)).values()].map((o) => o.id));
      const still = written.filter((w) => locked.has(w.item.owner.id));
      const gone = written.filter((w) => !locked.has(w.item.owner.id));
      unknown.push(...gone.map((w) => w.item.name));
      const applied = await applyPhotos(tx, audit, actor.userId, still, 'import');
      unused = [...applied.unused, ...gone];
      for (const o of applied.outcomes) counts[o]++;
      audit.record({ action: 'photo.import', entityType: 'site', entityId: q.siteId, siteId: q.siteId,
        details: { kind: q.kind, fileHash, images: images.size, ...counts, unknown: unknown.length, ignored: ignored.length } });
    });
  } catch (e) { await discardAll(deps, written); throw e; }
  await discardAll(deps, unused);
  return result();
}
