/** Import records: one row per upload, kept after commit (without the file) as the history. */
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

/** The stored file of a previewed import, locked for the commit so two commits cannot both write it. */
export async function lockImportData(db: Executor, id: string) {
  return (await db.select({ data: imports.data, status: imports.status }).from(imports).where(eq(imports.id, id)).for('update'))[0];
}

export async function importData(db: Executor, id: string) {
  return (await db.select({ data: imports.data }).from(imports).where(eq(imports.id, id)))[0]?.data ?? null;
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
