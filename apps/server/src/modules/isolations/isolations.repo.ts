/** Isolation queries; lists take the caller's site ids. */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { isolationPupils, isolationSessions } from '../../db/schema/sanctions.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';
import { currentPhotoId } from '../photos/photos.refs.ts';

function sessionQuery(db: Executor) {
  return db.select({ session: isolationSessions, siteName: sites.name, staffName: users.displayName }).from(isolationSessions)
    .innerJoin(sites, eq(sites.id, isolationSessions.siteId)).innerJoin(users, eq(users.id, isolationSessions.staffUserId));
}
export type IsolationRow = Awaited<ReturnType<typeof findSession>> & object;

export async function findSession(db: Executor, trustId: string, id: string) {
  return (await sessionQuery(db).where(and(eq(isolationSessions.trustId, trustId), eq(isolationSessions.id, id))))[0];
}

export async function listSessions(db: Executor, f: { trustId: string; siteIds: readonly string[]; from?: string | undefined; to?: string | undefined }) {
  if (f.siteIds.length === 0) return [];
  return sessionQuery(db).where(and(eq(isolationSessions.trustId, f.trustId), inArray(isolationSessions.siteId, [...f.siteIds]),
    f.from ? gte(isolationSessions.date, f.from) : undefined, f.to ? lte(isolationSessions.date, f.to) : undefined))
    .orderBy(asc(isolationSessions.date), sql`case ${isolationSessions.session} when 'am' then 0 when 'day' then 1 when 'times' then 2 else 3 end`).limit(500);
}

export async function lockSession(tx: Executor, id: string): Promise<void> {
  await tx.select({ id: isolationSessions.id }).from(isolationSessions).where(eq(isolationSessions.id, id)).for('update');
}

export async function insertSession(tx: Executor, row: typeof isolationSessions.$inferInsert): Promise<void> { await tx.insert(isolationSessions).values(row); }

export async function updateSession(tx: Executor, id: string, version: number, set: Partial<typeof isolationSessions.$inferInsert>): Promise<boolean> {
  return (await tx.update(isolationSessions).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(isolationSessions.id, id), eq(isolationSessions.version, version))).returning({ id: isolationSessions.id })).length === 1;
}

function pupilQuery(db: Executor) {
  return db.select({
    p: isolationPupils, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename,
    preferredSurname: pupils.preferredSurname, yearGroup: pupils.yearGroup, photoId: currentPhotoId('pupil_photo', pupils),
  }).from(isolationPupils).innerJoin(pupils, eq(pupils.id, isolationPupils.pupilId));
}
export type IsolationPupilRow = Awaited<ReturnType<typeof findPupilEntry>> & object;

export async function findPupilEntry(db: Executor, trustId: string, id: string) {
  return (await pupilQuery(db).where(and(eq(isolationPupils.trustId, trustId), eq(isolationPupils.id, id))))[0];
}

export async function pupilsOfSessions(db: Executor, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return pupilQuery(db).where(inArray(isolationPupils.sessionId, [...sessionIds])).orderBy(asc(pupils.legalSurname), asc(pupils.legalForename));
}

export async function insertPupil(tx: Executor, row: typeof isolationPupils.$inferInsert): Promise<void> { await tx.insert(isolationPupils).values(row); }

export async function updatePupil(tx: Executor, id: string, set: Partial<typeof isolationPupils.$inferInsert>): Promise<void> {
  await tx.update(isolationPupils).set({ ...set, updatedAt: new Date() }).where(eq(isolationPupils.id, id));
}
