/** Placement queries; lists take the caller's site ids. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { placementReviews, placements } from '../../db/schema/sanctions.ts';
import { pupils } from '../../db/schema/pupils.ts';

function placementQuery(db: Executor) {
  return db.select({ p: placements, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname })
    .from(placements).innerJoin(pupils, eq(pupils.id, placements.pupilId));
}
export type PlacementRow = Awaited<ReturnType<typeof findPlacement>> & object;
export type ReviewRow = typeof placementReviews.$inferSelect;

export async function findPlacement(db: Executor, trustId: string, id: string) {
  return (await placementQuery(db).where(and(eq(placements.trustId, trustId), eq(placements.id, id))))[0];
}

export async function listPlacements(db: Executor, f: { trustId: string; siteIds: readonly string[]; pupilId?: string | undefined }) {
  if (f.siteIds.length === 0) return [];
  return placementQuery(db).where(and(eq(placements.trustId, f.trustId), inArray(placements.siteId, [...f.siteIds]), f.pupilId ? eq(placements.pupilId, f.pupilId) : undefined))
    .orderBy(desc(placements.startDate), asc(placements.id)).limit(500);
}

export async function reviewsOf(db: Executor, placementIds: readonly string[]): Promise<ReviewRow[]> {
  if (placementIds.length === 0) return [];
  return db.select().from(placementReviews).where(inArray(placementReviews.placementId, [...placementIds])).orderBy(asc(placementReviews.reviewDate));
}

export async function findReview(db: Executor, trustId: string, id: string): Promise<ReviewRow | undefined> {
  return (await db.select().from(placementReviews).where(and(eq(placementReviews.trustId, trustId), eq(placementReviews.id, id))))[0];
}

export async function insertPlacement(tx: Executor, row: typeof placements.$inferInsert): Promise<void> { await tx.insert(placements).values(row); }
export async function updatePlacement(tx: Executor, id: string, version: number, set: Partial<typeof placements.$inferInsert>): Promise<boolean> {
  return (await tx.update(placements).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(placements.id, id), eq(placements.version, version))).returning({ id: placements.id })).length === 1;
}
export async function insertReviews(tx: Executor, rows: (typeof placementReviews.$inferInsert)[]): Promise<void> { if (rows.length) await tx.insert(placementReviews).values(rows); }
export async function updateReview(tx: Executor, id: string, set: Partial<typeof placementReviews.$inferInsert>): Promise<void> {
  await tx.update(placementReviews).set({ ...set, updatedAt: new Date() }).where(eq(placementReviews.id, id));
}
