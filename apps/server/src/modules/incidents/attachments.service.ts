/**
 * Attachments on incidents: checked (type allow-list, magic bytes, 10 MB), fingerprinted (sha256) and stored by the
 * attachment store (core/files/store.ts: on disk, or in the database for PostgreSQL without a directory).
 * There is no delete: a mistaken record is voided, and its attachments stay with it.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, conflict, forbidden, notFound } from '../../core/http/errors.ts';
import { discard, putFile, readStored } from '../../core/files/store.ts';
import * as extras from './incidents.extras.repo.ts';
import { iso } from './incidents.repo.ts';
import { incidentActions } from './incidents.presenter.ts';
import { visibleFacts } from './incidents.extras.service.ts';
import { MAX_ATTACHMENTS_PER_RECORD, baseType, isAllowedType, sanitiseFilename, uploadProblem } from './attachments.rules.ts';

export interface Upload { contentType: string | undefined; filename: string | undefined; body: unknown }

export async function upload(deps: Deps, actor: Actor, ctx: AuditContext, incidentId: string, u: Upload) {
  const db = deps.database.db;
  const f = await visibleFacts(db, actor, incidentId);
  if (!incidentActions(actor, f).includes('addAttachment')) {
    if (f.voided) throw conflict('This incident has been voided, so nothing more can be attached.');
    if (f.status === 'signed_off') throw conflict('This incident has been signed off, so nothing more can be attached.');
    throw forbidden('Only someone who may change this incident can attach files to it.');
  }
  if ((await extras.countAttachments(db, incidentId)) >= MAX_ATTACHMENTS_PER_RECORD) {
    const problem = uploadProblem(baseType(u.contentType), Buffer.isBuffer(u.body) ? u.body : Buffer.alloc(0));
    if (problem) throw new AppError(400, 'invalid_request', `${problem.field}: ${problem.message}`, [problem]);
    throw conflict(`An incident can have at most ${MAX_ATTACHMENTS_PER_RECORD} attachments.`);
  }
  return storeUpload(deps, ctx, actor, { trustId: f.trustId, siteId: f.siteId, ownerType: 'incident', ownerId: incidentId }, u,
    (a) => ({ action: 'incident.attachment.add', details: { incidentId, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256 } }));
}

export interface Owner { trustId: string; siteId: string; ownerType: string; ownerId: string }
export interface Stored { id: string; filename: string; contentType: string; sizeBytes: number; sha256: string; createdAt: string }

/**
 * Checks an upload (type allow-list, magic bytes, 10 MB), writes its bytes through the attachment store and its row
 * with an audit entry in one transaction (the bytes are discarded if the transaction fails). Shared by every owner of
 * attachments: incidents, professional reports. `inTx` runs in the same transaction (e.g. voiding a replaced file).
 */
export async function storeUpload(deps: Deps, ctx: AuditContext, actor: Actor, owner: Owner, u: Upload,
  auditOf: (a: Stored) => { action: string; details: Record<string, unknown> }, inTx?: (tx: Executor, at: Date) => Promise<void>): Promise<Omit<Stored, 'sha256'>> {
  const type = baseType(u.contentType);
  const data = Buffer.isBuffer(u.body) ? u.body : Buffer.alloc(0);
  const problem = uploadProblem(type, data);
  if (problem) throw new AppError(400, 'invalid_request', `${problem.field}: ${problem.message}`, [problem]);
  if (!isAllowedType(type)) throw new Error('unreachable: type checked above');
  const id = uuidv7();
  const filename = sanitiseFilename(u.filename, type);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const stored = await putFile(deps, owner.trustId, id, data);
  const createdAt = new Date();
  try {
    await inTransaction(deps.database, ctx, async (tx, audit) => {
      if (inTx) await inTx(tx, createdAt);
      await extras.insertAttachment(tx, { id, ...owner, filename, contentType: type, sizeBytes: data.length, sha256, ...stored, uploadedBy: actor.userId, createdAt });
      const a = auditOf({ id, filename, contentType: type, sizeBytes: data.length, sha256, createdAt: createdAt.toISOString() });
      audit.record({ action: a.action, entityType: 'attachment', entityId: id, siteId: owner.siteId, details: a.details });
    });
  } catch (e) {
    await discard(deps, stored);
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
  const data = await readStored(deps, a);
  if (!data) throw new AppError(500, 'attachment_missing', 'The stored file could not be read. The error has been logged.');
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'incident.attachment.download', entityType: 'attachment', entityId: a.id, siteId: a.siteId, details: { incidentId: a.ownerId } });
  });
  return { filename: a.filename, contentType: a.contentType, data };
}
