/** Queries of support interventions (SUP-3): lists take the caller's site ids, so no list reaches another site. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { supportAttendance, supportDailyPoints, supportInterventionPupils, supportInterventionTypes, supportInterventions, supportMeasures, supportSessions } from '../../db/schema/support.ts';

export type InterventionRow = Awaited<ReturnType<typeof findIntervention>> & object;
export type SessionRow = typeof supportSessions.$inferSelect;
export type AttendanceRow = typeof supportAttendance.$inferSelect;
export type PointsRow = typeof supportDailyPoints.$inferSelect;
export type MeasureRow = typeof supportMeasures.$inferSelect;

function interventionQuery(db: Executor) {
  return db.select({ i: supportInterventions, t: supportInterventionTypes, siteName: sites.name, leadName: users.displayName })
    .from(supportInterventions)
    .innerJoin(supportInterventionTypes, eq(supportInterventionTypes.id, supportInterventions.typeId))
    .innerJoin(sites, eq(sites.id, supportInterventions.siteId))
    .innerJoin(users, eq(users.id, supportInterventions.leadUserId));
}

export async function findIntervention(db: Executor, trustId: string, id: string) {
  return (await interventionQuery(db).where(and(eq(supportInterventions.trustId, trustId), eq(supportInterventions.id, id))))[0];
}

export async function listInterventions(db: Executor, f: { trustId: string; siteIds: readonly string[]; pupilId?: string | undefined; status: 'open' | 'ended' | 'all'; limit?: number }) {
  if (f.siteIds.length === 0) return [];
  const ofPupil = f.pupilId ? sql`exists (select 1 from support_intervention_pupils x where x.intervention_id = ${supportInterventions.id} and x.pupil_id = ${f.pupilId})` : undefined;
  return interventionQuery(db).where(and(eq(supportInterventions.trustId, f.trustId), inArray(supportInterventions.siteId, [...f.siteIds]),
    f.status === 'all' ? undefined : eq(supportInterventions.status, f.status), ofPupil))
    .orderBy(desc(supportInterventions.startDate), asc(supportInterventions.id)).limit(f.limit ?? 500);
}

export interface MemberRow {
  interventionId: string; pupilId: string; targets: string[]; legalForename: string; legalSurname: string; preferredForename: string | null;
  preferredSurname: string | null; enrolmentStart: string; enrolmentEnd: string | null;
}
export function membersOf(db: Executor, ids: readonly string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({
    interventionId: supportInterventionPupils.interventionId, pupilId: supportInterventionPupils.pupilId, targets: supportInterventionPupils.targets,
    legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname,
    enrolmentStart: pupils.enrolmentStart, enrolmentEnd: pupils.enrolmentEnd,
  }).from(supportInterventionPupils).innerJoin(pupils, eq(pupils.id, supportInterventionPupils.pupilId))
    .where(inArray(supportInterventionPupils.interventionId, [...ids]))
    .orderBy(asc(pupils.legalSurname), asc(pupils.legalForename), asc(pupils.id));
}

export async function sessionsOf(db: Executor, id: string): Promise<{ sessions: SessionRow[]; attendance: AttendanceRow[] }> {
  const sessions = await db.select().from(supportSessions).where(eq(supportSessions.interventionId, id)).orderBy(asc(supportSessions.sessionDate));
  const attendance = sessions.length ? await db.select().from(supportAttendance).where(inArray(supportAttendance.sessionId, sessions.map((s) => s.id))) : [];
  return { sessions, attendance };
}
export function pointsOf(db: Executor, id: string): Promise<PointsRow[]> {
  return db.select().from(supportDailyPoints).where(eq(supportDailyPoints.interventionId, id)).orderBy(asc(supportDailyPoints.day));
}
export function measuresOf(db: Executor, id: string): Promise<MeasureRow[]> {
  return db.select().from(supportMeasures).where(eq(supportMeasures.interventionId, id)).orderBy(asc(supportMeasures.recordedOn), asc(supportMeasures.id));
}

export async function pupilsAt(db: Executor, trustId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId }).from(pupils).where(and(eq(pupils.trustId, trustId), inArray(pupils.id, [...ids])));
}

export async function insertIntervention(tx: Executor, row: typeof supportInterventions.$inferInsert): Promise<void> { await tx.insert(supportInterventions).values(row); }
export async function updateIntervention(tx: Executor, id: string, version: number, set: Partial<typeof supportInterventions.$inferInsert>): Promise<boolean> {
  return (await tx.update(supportInterventions).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(supportInterventions.id, id), eq(supportInterventions.version, version))).returning({ id: supportInterventions.id })).length === 1;
}
export async function insertMembers(tx: Executor, rows: (typeof supportInterventionPupils.$inferInsert)[]): Promise<void> { if (rows.length) await tx.insert(supportInterventionPupils).values(rows); }
export async function setTargets(tx: Executor, interventionId: string, pupilId: string, targets: string[]): Promise<boolean> {
  return (await tx.update(supportInterventionPupils).set({ targets, updatedAt: new Date() })
    .where(and(eq(supportInterventionPupils.interventionId, interventionId), eq(supportInterventionPupils.pupilId, pupilId))).returning({ p: supportInterventionPupils.pupilId })).length === 1;
}
export async function insertSessions(tx: Executor, rows: (typeof supportSessions.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(supportSessions).values(rows).onConflictDoNothing();
}
export async function findSession(db: Executor, trustId: string, id: string): Promise<SessionRow | undefined> {
  return (await db.select().from(supportSessions).where(and(eq(supportSessions.trustId, trustId), eq(supportSessions.id, id))))[0];
}
export async function sessionOn(db: Executor, interventionId: string, day: string): Promise<SessionRow | undefined> {
  return (await db.select().from(supportSessions).where(and(eq(supportSessions.interventionId, interventionId), eq(supportSessions.sessionDate, day))))[0];
}
export async function recordRegister(tx: Executor, session: SessionRow, userId: string, notes: string | null | undefined, rows: { pupilId: string; status: string }[]): Promise<void> {
  await tx.update(supportSessions).set({ recordedAt: new Date(), recordedBy: userId, updatedAt: new Date(), ...(notes !== undefined ? { notes } : {}) }).where(eq(supportSessions.id, session.id));
  await tx.delete(supportAttendance).where(eq(supportAttendance.sessionId, session.id));
  if (rows.length) await tx.insert(supportAttendance).values(rows.map((r) => ({ sessionId: session.id, trustId: session.trustId, pupilId: r.pupilId, status: r.status })));
}
export async function deleteSession(tx: Executor, id: string): Promise<void> {
  await tx.delete(supportAttendance).where(eq(supportAttendance.sessionId, id));
  await tx.delete(supportSessions).where(eq(supportSessions.id, id));
}
export async function upsertPoints(tx: Executor, rows: (typeof supportDailyPoints.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(supportDailyPoints).values(rows).onConflictDoUpdate({
    target: [supportDailyPoints.interventionId, supportDailyPoints.pupilId, supportDailyPoints.day],
    set: { points: sql`excluded.points`, maxPoints: sql`excluded.max_points`, recordedBy: sql`excluded.recorded_by`, updatedAt: new Date() },
  });
}
export async function insertMeasure(tx: Executor, row: typeof supportMeasures.$inferInsert): Promise<void> { await tx.insert(supportMeasures).values(row); }
