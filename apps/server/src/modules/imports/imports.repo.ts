/**
 * Import records: one row per upload, kept after commit (without the file) as the history. The file held between
 * preview and commit is stored gzip-compressed (fflate, fastest level): a school's CTF or MIS export compresses about
 * tenfold, and passing megabytes of bytea to the database and back was most of a preview's cost on PGlite.
 */
import { gunzipSync, gzipSync } from 'fflate';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db/client.ts';
import { imports } from '../../db/schema/imports.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';

const creator = alias(users, 'creator');
const committer = alias(users, 'committer');

const summaryColumns = {
  id: imports.id, trustId: imports.trustId, siteId: imports.siteId, siteName: sites.name, kind: imports.kind, status: imports.status,
  filename: imports.filename, format: imports.format, encoding: imports.encoding, fileHash: imports.fileHash, byteCount: imports.byteCount,
  mapping: imports.mapping, counts: imports.counts, errorCount: imports.errorCount, createdAt: imports.createdAt, committedAt: imports.committedAt,
  createdByName: creator.displayName, committedByName: committer.displayName, createdBy: imports.createdBy,
};

function base(db: Executor) {
  return db.select(summaryColumns).from(imports).innerJoin(sites, eq(sites.id, imports.siteId))
    .leftJoin(creator, eq(creator.id, imports.createdBy)).leftJoin(committer, eq(committer.id, imports.committedBy));
}

export type ImportSummaryRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

export async function findImport(db: Executor, id: string) {
  return (await base(db).where(eq(imports.id, id)).limit(1))[0];
}

/** A file as stored: gzip, level 1. */
export const storedFile = (bytes: Uint8Array): Buffer => Buffer.from(gzipSync(bytes, { level: 1 }));

/**
 * The file from its stored form. A previewed import is never a gzip file itself (a preview reads only CSV, XLSX or
 * XML), so the gzip signature tells a compressed file from one stored before files were compressed.
 */
function fileOf(data: Buffer | null | undefined): Buffer | null {
  if (!data) return null;
  return data.length > 2 && data[0] === 0x1f && data[1] === 0x8b ? Buffer.from(gunzipSync(data)) : data;
}

/** The stored file of a previewed import, locked for the commit so two commits cannot both write it. */
export async function lockImportData(db: Executor, id: string) {
  const row = (await db.select({ data: imports.data, status: imports.status }).from(imports).where(eq(imports.id, id)).for('update'))[0];
  return row && { status: row.status, data: fileOf(row.data) };
}

export async function importData(db: Executor, id: string) {
  return fileOf((await db.select({ data: imports.data }).from(imports).where(eq(imports.id, id)))[0]?.data);
}

export async function listImports(db: Executor, siteIds: string[], page: number, pageSize: number) {
  if (siteIds.length === 0) return { rows: [], total: 0 };
  const where = and(inArray(imports.siteId, siteIds));
  const [rows, totals] = await Promise.all([
    base(db).where(where).orderBy(desc(imports.createdAt), desc(imports.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(imports).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}
