/** Agency-share queries. A share is readable only while it is neither revoked nor past its expiry (`now` is passed in). */
import { and, asc, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { agencyShares, pupils } from '../../db/schema/pupils.ts';
import { agencyShareRecords } from '../../db/schema/invitations.ts';
import { incidents } from '../../db/schema/recording.ts';
import { behaviourCategories } from '../../db/schema/policy.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';

export type ShareRow = typeof agencyShares.$inferSelect;

const shareColumns = {
  share: agencyShares, siteId: pupils.siteId, siteName: sites.name, agencyName: users.displayName, agencyEmail: users.email,
  legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname,
};

function sharesQuery(db: Executor) {
  return db.select(shareColumns).from(agencyShares)
    .innerJoin(pupils, eq(pupils.id, agencyShares.pupilId))
    .innerJoin(sites, eq(sites.id, pupils.siteId))
    .innerJoin(users, eq(users.id, agencyShares.userId));
}
export type ShareListRow = Awaited<ReturnType<typeof sharesQuery>>[number];

export async function sharesOfPupil(db: Executor, trustId: string, pupilId: string) {
  return sharesQuery(db).where(and(eq(agencyShares.trustId, trustId), eq(agencyShares.pupilId, pupilId))).orderBy(desc(agencyShares.createdAt));
}

export async function findShare(db: Executor, trustId: string, id: string) {
  const rows = await sharesQuery(db).where(and(eq(agencyShares.trustId, trustId), eq(agencyShares.id, id))).limit(1);
  return rows[0];
}

/** The shares an agency professional may read now: theirs, not revoked, not expired. */
export async function activeSharesOf(db: Executor, userId: string, now: Date) {
  return sharesQuery(db).where(and(eq(agencyShares.userId, userId), isNull(agencyShares.revokedAt), gt(agencyShares.expiresAt, now)))
    .orderBy(asc(agencyShares.expiresAt));
}

export async function insertShare(db: Executor, v: Omit<typeof agencyShares.$inferInsert, 'id'>, records: { type: string; id: string }[]): Promise<string> {
  const id = uuidv7();
  await db.insert(agencyShares).values({ id, ...v });
  if (records.length) await db.insert(agencyShareRecords).values(records.map((r) => ({ shareId: id, trustId: v.trustId, recordType: r.type, recordId: r.id })));
  return id;
}

export async function revokeShare(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db.update(agencyShares).set({ revokedAt: now }).where(and(eq(agencyShares.id, id), isNull(agencyShares.revokedAt))).returning({ id: agencyShares.id });
  return rows.length === 1;
}

/** The records each share names (labelled by their kind: share-kinds.ts). */
export async function recordsOf(db: Executor, shareIds: string[]) {
  if (!shareIds.length) return [];
  return db.select({ shareId: agencyShareRecords.shareId, type: agencyShareRecords.recordType, id: agencyShareRecords.recordId })
    .from(agencyShareRecords).where(inArray(agencyShareRecords.shareId, shareIds)).orderBy(asc(agencyShareRecords.recordType), asc(agencyShareRecords.recordId));
}

/** Does this share name this record? */
export async function shareNames(db: Executor, shareId: string, type: string, id: string): Promise<boolean> {
  const rows = await db.select({ id: agencyShareRecords.recordId }).from(agencyShareRecords)
    .where(and(eq(agencyShareRecords.shareId, shareId), eq(agencyShareRecords.recordType, type), eq(agencyShareRecords.recordId, id))).limit(1);
  return rows.length === 1;
}

export async function userName(db: Executor, id: string): Promise<string> {
  return (await db.select({ name: users.displayName }).from(users).where(eq(users.id, id)).limit(1))[0]?.name ?? '';
}

export async function incidentForShare(db: Executor, shareId: string, incidentId: string) {
  const rows = await db.select({ incident: incidents }).from(agencyShareRecords)
    .innerJoin(incidents, eq(incidents.id, agencyShareRecords.recordId))
    .where(and(eq(agencyShareRecords.shareId, shareId), eq(agencyShareRecords.recordType, 'incident'), eq(agencyShareRecords.recordId, incidentId)))
    .limit(1);
  return rows[0]?.incident;
}

/** Category names for codes at a site (a site's own entries, else the trust's). */
export async function categoryNames(db: Executor, trustId: string, siteId: string, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.select({ code: behaviourCategories.code, name: behaviourCategories.name, siteId: behaviourCategories.siteId }).from(behaviourCategories)
    .where(and(eq(behaviourCategories.trustId, trustId), inArray(behaviourCategories.code, codes), or(isNull(behaviourCategories.siteId), eq(behaviourCategories.siteId, siteId))));
  const out = new Map<string, string>();
  for (const r of rows.sort((a, b) => (a.siteId ? 1 : 0) - (b.siteId ? 1 : 0))) out.set(r.code, r.name);
  return out;
}
