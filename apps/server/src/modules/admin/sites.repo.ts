/** Site queries for trust administration. */
import { and, asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { sites } from '../../db/schema/platform.ts';

export type SiteRow = typeof sites.$inferSelect;

export function listSites(db: Executor, trustId: string): Promise<SiteRow[]> {
  return db.select().from(sites).where(eq(sites.trustId, trustId)).orderBy(asc(sites.name));
}

export async function findSite(db: Executor, trustId: string, id: string): Promise<SiteRow | undefined> {
  const rows = await db.select().from(sites).where(and(eq(sites.trustId, trustId), eq(sites.id, id))).limit(1);
  return rows[0];
}

export async function insertSite(db: Executor, v: Omit<typeof sites.$inferInsert, 'id'>): Promise<SiteRow> {
  const rows = await db.insert(sites).values({ id: uuidv7(), ...v }).returning();
  return rows[0]!;
}

/** Optimistic concurrency: updates only if the row is still at `version`; returns undefined otherwise. */
export async function updateSite(db: Executor, id: string, version: number, patch: Partial<typeof sites.$inferInsert>): Promise<SiteRow | undefined> {
  const rows = await db.update(sites).set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(sites.id, id), eq(sites.version, version))).returning();
  return rows[0];
}
