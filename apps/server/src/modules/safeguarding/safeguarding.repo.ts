/**
 * Safeguarding queries: the only place sealed concerns are read. Every list takes the DSL's site scope, so a
 * concern of another site can never be in the rows; single reads are checked by the service before presenting.
 */
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db/client.ts';
import { safeguardingConcernPupils, safeguardingConcerns } from '../../db/schema/safeguarding.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';
import { incidents } from '../../db/schema/recording.ts';

const raiser = alias(users, 'raiser');
const triager = alias(users, 'triager');

const pupilName = {
  legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
  preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname,
};

export async function findPupils(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select({ id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, ...pupilName })
    .from(pupils).where(inArray(pupils.id, [...ids]));
}

export async function findSiteName(db: Executor, siteId: string): Promise<string> {
  const rows = await db.select({ name: sites.name }).from(sites).where(eq(sites.id, siteId));
  return rows[0]?.name ?? 'your school';
}

export async function findIncidentSite(db: Executor, id: string) {
  const rows = await db.select({ trustId: incidents.trustId, siteId: incidents.siteId }).from(incidents).where(eq(incidents.id, id));
  return rows[0];
}

export type NewConcern = typeof safeguardingConcerns.$inferInsert;

export async function insertConcern(tx: Executor, row: NewConcern & { id: string; trustId: string }, pupilIds: readonly string[]): Promise<void> {
  await tx.insert(safeguardingConcerns).values(row);
  await tx.insert(safeguardingConcernPupils).values(pupilIds.map((pupilId) => ({ concernId: row.id, pupilId, trustId: row.trustId })));
}

const concernColumns = {
  concern: safeguardingConcerns,
  siteName: sites.name,
  raisedByName: raiser.displayName,
  triagedByName: triager.displayName,
};

function concernQuery(db: Executor) {
  return db.select(concernColumns).from(safeguardingConcerns)
    .innerJoin(sites, eq(sites.id, safeguardingConcerns.siteId))
    .innerJoin(raiser, eq(raiser.id, safeguardingConcerns.raisedBy))
    .leftJoin(triager, eq(triager.id, safeguardingConcerns.triagedBy));
}

export type ConcernRow = NonNullable<Awaited<ReturnType<typeof findConcern>>>;

export async function findConcern(db: Executor, id: string) {
  const rows = await concernQuery(db).where(eq(safeguardingConcerns.id, id));
  return rows[0];
}

export interface ConcernFilter { trustId: string; siteIds: readonly string[]; statuses?: readonly string[] | undefined }

function listWhere(f: ConcernFilter): SQL | undefined {
  return and(
    eq(safeguardingConcerns.trustId, f.trustId),
    inArray(safeguardingConcerns.siteId, [...f.siteIds]),
    f.statuses ? inArray(safeguardingConcerns.status, [...f.statuses]) : undefined,
  );
}

/** The DSL inbox: newest first, only at the sites given (the caller's safeguarding.read scope). */
export async function listConcerns(db: Executor, f: ConcernFilter, page: number, pageSize: number) {
  if (!f.siteIds.length) return { rows: [], total: 0 };
  const where = listWhere(f);
  const [rows, totals] = await Promise.all([
    concernQuery(db).where(where).orderBy(desc(safeguardingConcerns.raisedAt), desc(safeguardingConcerns.id))
      .limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(safeguardingConcerns).where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

/** The pupils of each concern, for presenting (concern ids come from a scoped read). */
export async function pupilsOfConcerns(db: Executor, concernIds: readonly string[]) {
  const byConcern = new Map<string, { id: string; legalForename: string; legalSurname: string; preferredForename: string | null; preferredSurname: string | null }[]>();
  if (!concernIds.length) return byConcern;
  const rows = await db.select({ concernId: safeguardingConcernPupils.concernId, id: pupils.id, ...pupilName })
    .from(safeguardingConcernPupils).innerJoin(pupils, eq(pupils.id, safeguardingConcernPupils.pupilId))
    .where(inArray(safeguardingConcernPupils.concernId, [...concernIds]))
    .orderBy(pupils.legalSurname, pupils.legalForename);
  for (const { concernId, ...p } of rows) {
    const list = byConcern.get(concernId) ?? [];
    list.push(p);
    byConcern.set(concernId, list);
  }
  return byConcern;
}

/** A pupil's concerns at the given sites (the reader's scope), newest first. */
export async function concernsOfPupil(db: Executor, trustId: string, pupilId: string, siteIds: readonly string[]) {
  if (!siteIds.length) return [];
  return concernQuery(db)
    .innerJoin(safeguardingConcernPupils, eq(safeguardingConcernPupils.concernId, safeguardingConcerns.id))
    .where(and(eq(safeguardingConcernPupils.pupilId, pupilId), eq(safeguardingConcerns.trustId, trustId),
      inArray(safeguardingConcerns.siteId, [...siteIds])))
    .orderBy(desc(safeguardingConcerns.raisedAt), desc(safeguardingConcerns.id));
}

export interface TriageChange { status: string; triageOutcome: string; triageNotes: string | null; triagedBy: string; triagedAt: Date }

/** Optimistic concurrency: updates only the version the DSL saw; returns false when someone else saved first. */
export async function updateTriage(tx: Executor, id: string, version: number, change: TriageChange): Promise<boolean> {
  const rows = await tx.update(safeguardingConcerns).set({ ...change, version: version + 1 })
    .where(and(eq(safeguardingConcerns.id, id), eq(safeguardingConcerns.version, version)))
    .returning({ id: safeguardingConcerns.id });
  return rows.length === 1;
}
