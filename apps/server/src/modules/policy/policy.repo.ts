/**
 * Policy queries: categories, options and custom-form versions. Every read is limited to one trust and to the
 * trust-wide entries plus (at most) one site's, so no list can include another site's entries.
 */
import { and, asc, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { behaviourCategories, incidentFormVersions, policyOptions } from '../../db/schema/policy.ts';
import { users } from '../../db/schema/users.ts';

export type CategoryRow = typeof behaviourCategories.$inferSelect;
export type OptionRow = typeof policyOptions.$inferSelect;
export type FormVersionRow = typeof incidentFormVersions.$inferSelect;

/** Trust-wide rows only (siteId null), or trust-wide rows and one site's. */
function inScope(col: { siteId: typeof behaviourCategories.siteId | typeof policyOptions.siteId | typeof incidentFormVersions.siteId }, siteId: string | null): SQL | undefined {
  return siteId === null ? isNull(col.siteId) : or(isNull(col.siteId), eq(col.siteId, siteId));
}

/** Exactly one scope: the trust (null) or one site. */
function exactScope(col: typeof behaviourCategories.siteId | typeof policyOptions.siteId | typeof incidentFormVersions.siteId, siteId: string | null): SQL {
  return siteId === null ? isNull(col) : eq(col, siteId);
}

/**
 * Serialises policy writes within a trust for the rest of the transaction, so two people cannot both take a code
 * or both save form version N+1 (the unique index cannot see trust-wide rows, whose site_id is null).
 */
export async function lockPolicy(tx: Executor, trustId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7421338, hashtext(${`policy:${trustId}`}))`);
}

// ---- categories ----
export function listCategories(db: Executor, trustId: string, siteId: string | null): Promise<CategoryRow[]> {
  return db.select().from(behaviourCategories)
    .where(and(eq(behaviourCategories.trustId, trustId), inScope(behaviourCategories, siteId)))
    .orderBy(asc(behaviourCategories.sortOrder), asc(behaviourCategories.name), asc(behaviourCategories.id));
}

export async function findCategory(db: Executor, trustId: string, id: string): Promise<CategoryRow | undefined> {
  const rows = await db.select().from(behaviourCategories).where(and(eq(behaviourCategories.trustId, trustId), eq(behaviourCategories.id, id))).limit(1);
  return rows[0];
}

export async function categoryCodeTaken(db: Executor, trustId: string, siteId: string | null, code: string): Promise<boolean> {
  const rows = await db.select({ id: behaviourCategories.id }).from(behaviourCategories)
    .where(and(eq(behaviourCategories.trustId, trustId), exactScope(behaviourCategories.siteId, siteId), eq(behaviourCategories.code, code))).limit(1);
  return rows.length > 0;
}

export async function insertCategory(db: Executor, v: Omit<typeof behaviourCategories.$inferInsert, 'id'>): Promise<CategoryRow> {
  const rows = await db.insert(behaviourCategories).values({ id: uuidv7(), ...v }).returning();
  return rows[0]!;
}

/** Optimistic concurrency: changes the row only if it is still at `version`. */
export async function updateCategory(db: Executor, id: string, version: number, patch: Partial<typeof behaviourCategories.$inferInsert>): Promise<CategoryRow | undefined> {
  const rows = await db.update(behaviourCategories).set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(behaviourCategories.id, id), eq(behaviourCategories.version, version))).returning();
  return rows[0];
}

// ---- options ----
export function listOptions(db: Executor, trustId: string, siteId: string | null, kind?: string): Promise<OptionRow[]> {
  return db.select().from(policyOptions)
    .where(and(eq(policyOptions.trustId, trustId), kind === undefined ? undefined : eq(policyOptions.kind, kind), inScope(policyOptions, siteId)))
    .orderBy(asc(policyOptions.sortOrder), asc(policyOptions.label), asc(policyOptions.id));
}

export async function findOption(db: Executor, trustId: string, id: string): Promise<OptionRow | undefined> {
  const rows = await db.select().from(policyOptions).where(and(eq(policyOptions.trustId, trustId), eq(policyOptions.id, id))).limit(1);
  return rows[0];
}

export async function optionCodeTaken(db: Executor, trustId: string, siteId: string | null, kind: string, code: string): Promise<boolean> {
  const rows = await db.select({ id: policyOptions.id }).from(policyOptions)
    .where(and(eq(policyOptions.trustId, trustId), exactScope(policyOptions.siteId, siteId), eq(policyOptions.kind, kind), eq(policyOptions.code, code))).limit(1);
  return rows.length > 0;
}

export async function insertOption(db: Executor, v: Omit<typeof policyOptions.$inferInsert, 'id'>): Promise<OptionRow> {
  const rows = await db.insert(policyOptions).values({ id: uuidv7(), ...v }).returning();
  return rows[0]!;
}

export async function updateOption(db: Executor, id: string, version: number, patch: Partial<typeof policyOptions.$inferInsert>): Promise<OptionRow | undefined> {
  const rows = await db.update(policyOptions).set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(policyOptions.id, id), eq(policyOptions.version, version))).returning();
  return rows[0];
}

// ---- custom incident-form versions ----
const formColumns = {
  id: incidentFormVersions.id, trustId: incidentFormVersions.trustId, siteId: incidentFormVersions.siteId, version: incidentFormVersions.version,
  fields: incidentFormVersions.fields, createdBy: incidentFormVersions.createdBy, createdAt: incidentFormVersions.createdAt, createdByName: users.displayName,
};
export type FormVersionWithAuthor = FormVersionRow & { createdByName: string | null };

/** The form in use at a site: its own latest version, else the trust's latest (siteId null: the trust's latest). */
export async function formInForce(db: Executor, trustId: string, siteId: string | null): Promise<FormVersionWithAuthor | undefined> {
  const rows = await db.select(formColumns).from(incidentFormVersions).leftJoin(users, eq(users.id, incidentFormVersions.createdBy))
    .where(and(eq(incidentFormVersions.trustId, trustId), inScope(incidentFormVersions, siteId)))
    .orderBy(sql`${incidentFormVersions.siteId} is null`, desc(incidentFormVersions.version)).limit(1);
  return rows[0];
}

/** Versions saved for exactly this scope, newest first. */
export function formHistory(db: Executor, trustId: string, siteId: string | null, limit = 50): Promise<FormVersionWithAuthor[]> {
  return db.select(formColumns).from(incidentFormVersions).leftJoin(users, eq(users.id, incidentFormVersions.createdBy))
    .where(and(eq(incidentFormVersions.trustId, trustId), exactScope(incidentFormVersions.siteId, siteId)))
    .orderBy(desc(incidentFormVersions.version)).limit(limit);
}

export async function findFormVersion(db: Executor, trustId: string, id: string): Promise<FormVersionWithAuthor | undefined> {
  const rows = await db.select(formColumns).from(incidentFormVersions).leftJoin(users, eq(users.id, incidentFormVersions.createdBy))
    .where(and(eq(incidentFormVersions.trustId, trustId), eq(incidentFormVersions.id, id))).limit(1);
  return rows[0];
}

/** Form versions are only ever inserted: an old version is never changed, so records keep the fields they were made with. */
export async function insertFormVersion(db: Executor, v: Omit<typeof incidentFormVersions.$inferInsert, 'id'>): Promise<FormVersionRow> {
  const rows = await db.insert(incidentFormVersions).values({ id: uuidv7(), ...v }).returning();
  return rows[0]!;
}
