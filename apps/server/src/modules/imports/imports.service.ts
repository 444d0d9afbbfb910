/**
 * Import use cases (DAT-1): upload for preview, re-map the columns, commit a previewed import, list past imports.
 * The caller must keep people's records (people.manage) at the import's site; a site outside the trust is 404.
 * A preview writes only the import record (the file, its hash and what it would do); the commit re-reads the stored
 * file, re-checks it against Haven as it now is, and writes everything in one transaction, or nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { CTF_MAX_BYTES, IMPORT_MAX_BYTES, type TImportKind, type TImportMapping, type TImportPreview, type TImportQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Executor, Tx } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { londonToday } from '../../core/time.ts';
import { imports } from '../../db/schema/imports.ts';
import { analyse, FileProblem, type Analysis } from './imports.engine.ts';
import * as repo from './imports.repo.ts';
import { presentImport, problemWhere } from './imports.presenter.ts';

/** The largest file of a kind: a CTF of a whole school with its history is bigger than the same pupils as CSV. */
export const maxBytes = (kind: TImportKind): number => (kind === 'ctf' ? CTF_MAX_BYTES : IMPORT_MAX_BYTES);

/** A previewed import may be committed for this long; after that, upload the file again. */
export const PREVIEW_HOURS = 24;
const PROBLEMS_LISTED = 1000;

function authoriseSite(actor: Actor, siteId: string): void {
  if (!actor.trustSiteIds.includes(siteId)) throw notFound('site');
  if (!can(actor, 'people.manage', { trustId: actor.trustId, siteId })) throw forbidden('You do not keep pupil records at that site.');
}

export function fileError(e: unknown): never {
  if (e instanceof FileProblem) throw fieldError('file', e.row ? `Row ${e.row}: ${e.message}` : e.message);
  throw e;
}

async function analyseOrRefuse(db: Executor, kind: TImportKind, siteId: string, trustId: string, bytes: Uint8Array, mapping?: TImportMapping): Promise<Analysis> {
  try {
    return await analyse(db, { kind, target: { trustId, siteId, today: londonToday() }, bytes, ...(mapping ? { mapping } : {}) });
  } catch (e) { return fileError(e); }
}

function previewOf(row: NonNullable<Awaited<ReturnType<typeof repo.findImport>>>, a: Analysis): TImportPreview {
  const sample = a.sample ?? a.file.rows.slice(0, 10).map((r) => Object.fromEntries(Object.entries(a.mapping).map(([field, col]) => [field, r.cells[col] ?? ''])));
  return {
    ...presentImport(row), headers: a.file.headers, preset: a.preset, mapping: a.mapping, unmapped: a.unmapped, sample,
    problems: a.problems.slice(0, PROBLEMS_LISTED), leftOut: a.leftOut, ctf: a.ctf ?? null,
  };
}

export async function preview(deps: Deps, actor: Actor, ctx: AuditContext, q: TImportQuery, body: unknown): Promise<TImportPreview> {
  authoriseSite(actor, q.siteId);
  if (!Buffer.isBuffer(body) || body.byteLength === 0) throw fieldError('file', `Send the file as the request body (${q.kind === 'ctf' ? 'the CTF as XML' : 'CSV or XLSX'}).`);
  const limit = maxBytes(q.kind);
  if (body.byteLength > limit) throw fieldError('body', `The file is ${(body.byteLength / 1048576).toFixed(1)} MB; this import takes at most ${limit / 1048576} MB.`);
  const bytes = new Uint8Array(body);
  const a = await analyseOrRefuse(deps.database.db, q.kind, q.siteId, actor.trustId, bytes);
  const id = uuidv7();
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    await tx.insert(imports).values({
      id, trustId: actor.trustId, siteId: q.siteId, kind: q.kind, status: 'previewed', filename: q.filename ?? null, format: a.file.format,
      encoding: a.file.encoding, fileHash: a.fileHash, byteCount: bytes.byteLength, data: repo.storedFile(bytes), mapping: a.mapping,
      counts: a.counts, errorCount: a.problems.length, createdBy: actor.userId,
    });
    audit.record({ action: 'import.previewed', entityType: 'import', entityId: id, siteId: q.siteId,
      details: { kind: q.kind, fileHash: a.fileHash, rows: a.counts.rows, problems: a.problems.length, preset: a.preset } });
  });
  return previewOf((await repo.findImport(deps.database.db, id))!, a);
}

async function loadScoped(db: Executor, actor: Actor, id: string) {
  const row = await repo.findImport(db, id);
  if (!row || row.trustId !== actor.trustId || !can(actor, 'people.manage', row)) throw notFound('import');
  return row;
}

/** The preview again, with the stored file and a new column mapping (or the stored one). */
export async function remap(deps: Deps, actor: Actor, ctx: AuditContext, id: string, mapping: TImportMapping | null): Promise<TImportPreview> {
  const row = await loadScoped(deps.database.db, actor, id);
  if (row.status !== 'previewed') throw conflict('This import has already been committed; upload the file again to import it again.');
  const data = await repo.importData(deps.database.db, id);
  if (!data) throw conflict('This import has no file any more; upload it again.');
  const a = await analyseOrRefuse(deps.database.db, row.kind as TImportKind, row.siteId, row.trustId, new Uint8Array(data), mapping ?? (row.mapping as TImportMapping));
  if (mapping) {
    await inTransaction(deps.database, ctx, async (tx, audit) => {
      await tx.update(imports).set({ mapping: a.mapping, counts: a.counts, errorCount: a.problems.length }).where(eq(imports.id, id));
      audit.record({ action: 'import.remapped', entityType: 'import', entityId: id, siteId: row.siteId, details: { mapping: a.mapping, problems: a.problems.length } });
    });
  }
  return previewOf((await repo.findImport(deps.database.db, id))!, a);
}

/** Problems that stop a commit, as a 400 naming each row and column (the first 200). */
export function refuseProblems(a: Analysis): never {
  const listed = a.problems.slice(0, 200).map((p) => ({ field: problemWhere(p), message: p.message }));
  throw new AppError(400, 'import_problems', `Nothing was imported: the file has ${a.problems.length} problem${a.problems.length === 1 ? '' : 's'} to put right first.`, listed);
}

/** Writes a checked plan and records the import as committed, in the caller's transaction. */
export async function applyImport(tx: Tx, audit: AuditQueue, a: Analysis, rec: { id: string; kind: TImportKind; siteId: string; userId: string | null }): Promise<void> {
  if (!a.plan) refuseProblems(a);
  await a.plan.apply(tx, audit, { importId: rec.id });
  await tx.update(imports).set({ status: 'committed', data: null, counts: a.counts, errorCount: 0, committedBy: rec.userId, committedAt: sql`now()` })
    .where(eq(imports.id, rec.id));
  audit.record({ action: 'import.committed', entityType: 'import', entityId: rec.id, siteId: rec.siteId, details: { kind: rec.kind, fileHash: a.fileHash, counts: a.counts } });
}

export async function commit(deps: Deps, actor: Actor, ctx: AuditContext, id: string, fileHash: string) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await loadScoped(tx, actor, id);
    const locked = await repo.lockImportData(tx, id);
    if (locked?.status !== 'previewed' || !locked.data) throw conflict('This import has already been committed; upload the file again to import it again.');
    if (row.fileHash !== fileHash) throw conflict('fileHash: this is not the file that was previewed. Preview the file again before importing it.', [{ field: 'fileHash', message: 'This is not the file that was previewed' }]);
    if (Date.now() - new Date(row.createdAt).getTime() > PREVIEW_HOURS * 3_600_000) throw conflict(`This preview is more than ${PREVIEW_HOURS} hours old; upload the file again.`);
      const a = await analyseOrRefuse(tx, row.kind as TImportKind, row.siteId, row.trustId, new Uint8Array(locked.data), row.mapping as TImportMapping);
    await applyImport(tx, audit, a, { id, kind: row.kind as TImportKind, siteId: row.siteId, userId: actor.userId });
  });
  return presentImport((await repo.findImport(deps.database.db, id))!);
}

export async function list(deps: Deps, actor: Actor, q: { siteId?: string | undefined; page: number; pageSize: number }) {
  const inScope = scope(actor, 'people.manage').siteIds;
  if (q.siteId && !inScope.includes(q.siteId)) throw forbidden('You do not keep pupil records at that site.');
  const { rows, total } = await repo.listImports(deps.database.db, q.siteId ? [q.siteId] : inScope, q.page, q.pageSize);
  return { items: rows.map(presentImport), total, page: q.page, pageSize: q.pageSize };
}

