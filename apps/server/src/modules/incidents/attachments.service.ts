/**
 * Attachments on incidents: checked (type allow-list, magic bytes, 10 MB), fingerprinted (sha256) and stored on disk
 * (HAVEN_ATTACHMENTS_DIR, or the data directory with the embedded database) or in the database (PostgreSQL without a
 * directory). Files are written and fsynced before the row commits; a failed transaction removes its file.
 * There is no delete: a mistaken record is voided, and its attachments stay with it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, conflict, forbidden, notFound } from '../../core/http/errors.ts';
import * as extras from './incidents.extras.repo.ts';
import { iso } from './incidents.repo.ts';
import { incidentActions } from './incidents.presenter.ts';
import { visibleFacts } from './incidents.extras.service.ts';
import { MAX_ATTACHMENTS_PER_RECORD, baseType, isAllowedType, sanitiseFilename, uploadProblem } from './attachments.rules.ts';

function storageRoot(deps: Deps): string | null {
  if (deps.config.attachmentsDir) return deps.config.attachmentsDir;
  return deps.database.kind === 'pglite' ? path.join(deps.config.dataDir, 'attachments') : null;
}

async function writeDurably(file: string, data: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.part`;
  const h = await fs.open(tmp, 'wx', 0o600);
  try { await h.writeFile(data); await h.sync(); } finally { await h.close(); }
  await fs.rename(tmp, file);
  const dir = await fs.open(path.dirname(file), 'r');
  try { await dir.sync(); } finally { await dir.close(); }
}

export interface Upload { contentType: string | undefined; filename: string | undefined; body: unknown }

export async function upload(deps: Deps, actor: Actor, ctx: AuditContext, incidentId: string, u: Upload) {
  const db = deps.database.db;
  const f = await visibleFacts(db, actor, incidentId);
  if (!incidentActions(actor, f).includes('addAttachment')) {
    if (f.voided) throw conflict('This incident has been voided, so nothing more can be attached.');
    if (f.status === 'signed_off') throw conflict('This incident has been signed off, so nothing more can be attached.');
    throw forbidden('Only someone who may change this incident can attach files to it.');
  }
  const type = baseType(u.contentType);
  const data = Buffer.isBuffer(u.body) ? u.body : Buffer.alloc(0);
  const problem = uploadProblem(type, data);
  if (problem) throw new AppError(400, 'invalid_request', `${problem.field}: ${problem.message}`, [problem]);
  if (!isAllowedType(type)) throw new Error('unreachable: type checked above');
  if ((await extras.countAttachments(db, incidentId)) >= MAX_ATTACHMENTS_PER_RECORD) {
    throw conflict(`An incident can have at most ${MAX_ATTACHMENTS_PER_RECORD} attachments.`);
  }
  const id = uuidv7();
  const filename = sanitiseFilename(u.filename, type);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const root = storageRoot(deps);
  const storagePath = root ? path.join(f.trustId, id) : null;
  if (root && storagePath) await writeDurably(path.join(root, storagePath), data);
  const createdAt = new Date();
  try {
    await inTransaction(deps.database, ctx, async (tx, audit) => {
      await extras.insertAttachment(tx, { id, trustId: f.trustId, siteId: f.siteId, ownerType: 'incident', ownerId: incidentId, filename,
        contentType: type, sizeBytes: data.length, sha256, storage: root ? 'disk' : 'database', storagePath, data: root ? null : data,
        uploadedBy: actor.userId, createdAt });
      audit.record({ action: 'incident.attachment.add', entityType: 'attachment', entityId: id, siteId: f.siteId,
        details: { incidentId, contentType: type, sizeBytes: data.length, sha256 } });
    });
  } catch (e) {
    if (root && storagePath) await fs.rm(path.join(root, storagePath), { force: true });
    throw e;
  }
  return { id, filename, contentType: type, sizeBytes: data.length, createdAt: createdAt.toISOString() };
}

export async function list(deps: Deps, actor: Actor, incidentId: string) {
  const db = deps.database.db;
  await visibleFacts(db, actor, incidentId);
  const rows = await extras.attachmentsOf(db, incidentId);
  return { items: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt)! })) };
}

/** The file, for whoever may open its incident; the download is audited (the bytes may describe a pupil). */
export async function download(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  const db = deps.database.db;
  const a = await extras.findIncidentAttachment(db, actor.trustId, id);
  if (!a) throw notFound('attachment');
  await visibleFacts(db, actor, a.ownerId).catch(() => { throw notFound('attachment'); });
  let data: Buffer | null;
  if (a.storage === 'disk') {
    const root = storageRoot(deps) ?? path.join(deps.config.dataDir, 'attachments');
    data = await fs.readFile(path.join(root, a.storagePath ?? '')).catch(() => null);
  } else {
    data = await extras.attachmentData(db, a.id);
  }
  if (!data) throw new AppError(500, 'attachment_missing', 'The stored file could not be read. The error has been logged.');
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'incident.attachment.download', entityType: 'attachment', entityId: a.id, siteId: a.siteId, details: { incidentId: a.ownerId } });
  });
  return { filename: a.filename, contentType: a.contentType, data };
}
