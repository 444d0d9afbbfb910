/** Queries of the trust's support-intervention catalogue and its own scales (SUP-3). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { supportInterventionTypes, supportScales } from '../../db/schema/support.ts';

export type TypeRow = typeof supportInterventionTypes.$inferSelect;
export type ScaleRow = typeof supportScales.$inferSelect;

export function listTypes(db: Executor, trustId: string): Promise<TypeRow[]> {
  return db.select().from(supportInterventionTypes).where(eq(supportInterventionTypes.trustId, trustId)).orderBy(asc(supportInterventionTypes.name));
}
export async function findType(db: Executor, trustId: string, id: string): Promise<TypeRow | undefined> {
  return (await db.select().from(supportInterventionTypes).where(and(eq(supportInterventionTypes.trustId, trustId), eq(supportInterventionTypes.id, id))))[0];
}
export async function insertType(tx: Executor, row: typeof supportInterventionTypes.$inferInsert): Promise<void> { await tx.insert(supportInterventionTypes).values(row); }
export async function updateType(tx: Executor, id: string, version: number, set: Partial<typeof supportInterventionTypes.$inferInsert>): Promise<TypeRow | undefined> {
  return (await tx.update(supportInterventionTypes).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(supportInterventionTypes.id, id), eq(supportInterventionTypes.version, version))).returning())[0];
}

export function listScales(db: Executor, trustId: string): Promise<ScaleRow[]> {
  return db.select().from(supportScales).where(eq(supportScales.trustId, trustId)).orderBy(asc(supportScales.name));
}
export async function insertScale(tx: Executor, row: typeof supportScales.$inferInsert): Promise<void> { await tx.insert(supportScales).values(row); }

/** Names of catalogue entries an escalation rule suggests (POL-3), by id. */
export async function suggestedInterventionNames(db: Executor, trustId: string, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: supportInterventionTypes.id, name: supportInterventionTypes.name }).from(supportInterventionTypes)
    .where(and(eq(supportInterventionTypes.trustId, trustId), inArray(supportInterventionTypes.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
