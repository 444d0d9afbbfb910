/** Detention queries. Lists take the caller's site ids (their scope), so no list can include another site's rows. */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { detentionAssignments, detentionSessions, detentionTypes, escalationRuleDetentions } from '../../db/schema/sanctions.ts';
import { incidentPupils, incidents } from '../../db/schema/recording.ts';
import { contacts, pupilContacts, pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';
import { currentPhotoId } from '../photos/photos.refs.ts';
import { policyOptions } from '../../db/schema/policy.ts';

// ---- types ----
export type TypeRow = typeof detentionTypes.$inferSelect;

export async function listTypes(db: Executor, trustId: string, siteIds: readonly string[], siteId?: string) {
  const sitePart = siteId ? eq(detentionTypes.siteId, siteId) : siteIds.length ? inArray(detentionTypes.siteId, [...siteIds]) : undefined;
  return db.select().from(detentionTypes)
    .where(and(eq(detentionTypes.trustId, trustId), sitePart ? or(isNull(detentionTypes.siteId), sitePart) : isNull(detentionTypes.siteId)))
    .orderBy(asc(detentionTypes.durationMinutes), asc(detentionTypes.name));
}

export async function findType(db: Executor, trustId: string, id: string): Promise<TypeRow | undefined> {
  return (await db.select().from(detentionTypes).where(and(eq(detentionTypes.trustId, trustId), eq(detentionTypes.id, id))))[0];
}

export async function insertType(tx: Executor, row: typeof detentionTypes.$inferInsert): Promise<void> { await tx.insert(detentionTypes).values(row); }

export async function updateType(tx: Executor, id: string, version: number, set: Partial<typeof detentionTypes.$inferInsert>): Promise<TypeRow | undefined> {
  return (await tx.update(detentionTypes).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(detentionTypes.id, id), eq(detentionTypes.version, version))).returning())[0];
}

// ---- sessions ----
const assignedCount = sql<number>`(select count(*)::int from ${detentionAssignments} where ${detentionAssignments.sessionId} = ${detentionSessions.id})`;

function sessionQuery(db: Executor) {
  return db.select({
    session: detentionSessions, typeName: detentionTypes.name, durationMinutes: detentionTypes.durationMinutes,
    siteName: sites.name, supervisorName: users.displayName, assigned: assignedCount,
  }).from(detentionSessions)
    .innerJoin(detentionTypes, eq(detentionTypes.id, detentionSessions.typeId))
    .innerJoin(sites, eq(sites.id, detentionSessions.siteId))
    .innerJoin(users, eq(users.id, detentionSessions.supervisorUserId));
}
export type SessionRow = Awaited<ReturnType<typeof findSession>> & object;

export async function findSession(db: Executor, trustId: string, id: string) {
  return (await sessionQuery(db).where(and(eq(detentionSessions.trustId, trustId), eq(detentionSessions.id, id))))[0];
}

export interface SessionFilter { trustId: string; siteIds: readonly string[]; from?: string | undefined; to?: string | undefined; typeId?: string | undefined }

export async function listSessions(db: Executor, f: SessionFilter) {
  if (f.siteIds.length === 0) return [];
  return sessionQuery(db).where(and(
    eq(detentionSessions.trustId, f.trustId), inArray(detentionSessions.siteId, [...f.siteIds]),
    f.from ? gte(detentionSessions.date, f.from) : undefined, f.to ? lte(detentionSessions.date, f.to) : undefined,
    f.typeId ? eq(detentionSessions.typeId, f.typeId) : undefined,
  )).orderBy(asc(detentionSessions.date), asc(detentionSessions.startTime)).limit(500);
}

/** Locks the session row so two people filling the last place cannot both succeed. */
export async function lockSession(tx: Executor, id: string): Promise<void> {
  await tx.select({ id: detentionSessions.id }).from(detentionSessions).where(eq(detentionSessions.id, id)).for('update');
}

export async function insertSession(tx: Executor, row: typeof detentionSessions.$inferInsert): Promise<void> { await tx.insert(detentionSessions).values(row); }

export async function updateSession(tx: Executor, id: string, version: number, set: Partial<typeof detentionSessions.$inferInsert>): Promise<boolean> {
  const rows = await tx.update(detentionSessions).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(detentionSessions.id, id), eq(detentionSessions.version, version))).returning({ id: detentionSessions.id });
  return rows.length === 1;
}

// ---- assignments ----
function assignmentQuery(db: Executor) {
  return db.select({
    a: detentionAssignments, date: detentionSessions.date, startTime: detentionSessions.startTime, typeName: detentionTypes.name,
    legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename,
    preferredSurname: pupils.preferredSurname, yearGroup: pupils.yearGroup, photoId: currentPhotoId('pupil_photo', pupils),
  }).from(detentionAssignments)
    .innerJoin(detentionSessions, eq(detentionSessions.id, detentionAssignments.sessionId))
    .innerJoin(detentionTypes, eq(detentionTypes.id, detentionSessions.typeId))
    .innerJoin(pupils, eq(pupils.id, detentionAssignments.pupilId));
}
export type AssignmentRow = Awaited<ReturnType<typeof findAssignment>> & object;

export async function findAssignment(db: Executor, trustId: string, id: string) {
  return (await assignmentQuery(db).where(and(eq(detentionAssignments.trustId, trustId), eq(detentionAssignments.id, id))))[0];
}

export async function assignmentsOfSessions(db: Executor, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return assignmentQuery(db).where(inArray(detentionAssignments.sessionId, [...sessionIds])).orderBy(asc(pupils.legalSurname), asc(pupils.legalForename));
}

export async function assignmentsOfPupil(db: Executor, trustId: string, pupilId: string) {
  return assignmentQuery(db).where(and(eq(detentionAssignments.trustId, trustId), eq(detentionAssignments.pupilId, pupilId)))
    .orderBy(sql`${detentionSessions.date} desc`, sql`${detentionSessions.startTime} desc`);
}

export async function insertAssignment(tx: Executor, row: typeof detentionAssignments.$inferInsert): Promise<void> { await tx.insert(detentionAssignments).values(row); }

export async function updateAssignment(tx: Executor, id: string, set: Partial<typeof detentionAssignments.$inferInsert>): Promise<void> {
  await tx.update(detentionAssignments).set({ ...set, updatedAt: new Date() }).where(eq(detentionAssignments.id, id));
}

/**
 * Future sessions of a type at a site, with their pupils (to choose where an automatic assignment goes). The counts
 * name their tables: in a query over one table Drizzle writes its columns without the table's name, and inside the
 * subquery an unqualified "id" would be the assignment's own id (every session would read as empty).
 */
export async function candidateSessions(db: Executor, trustId: string, siteId: string, typeId: string, after: string) {
  const rows = await db.select({
    id: detentionSessions.id, date: detentionSessions.date, startTime: detentionSessions.startTime, capacity: detentionSessions.capacity,
    cancelledAt: detentionSessions.cancelledAt,
    assigned: sql<number>`(select count(*)::int from detention_assignments da where da.session_id = detention_sessions.id)`,
    pupilIds: sql<string[]>`coalesce((select array_agg(da.pupil_id::text) from detention_assignments da where da.session_id = detention_sessions.id), '{}')`,
  }).from(detentionSessions).where(and(eq(detentionSessions.trustId, trustId), eq(detentionSessions.siteId, siteId), eq(detentionSessions.typeId, typeId), sql`${detentionSessions.date} > ${after}`))
    .orderBy(asc(detentionSessions.date), asc(detentionSessions.startTime)).limit(200);
  return rows.map((r) => ({ id: r.id, date: r.date, startTime: r.startTime, capacity: r.capacity, assigned: r.assigned, cancelled: r.cancelledAt !== null, pupilIds: r.pupilIds }));
}

// ---- escalation rules that assign a detention ----
export async function ruleTypes(db: Executor, trustId: string, ruleIds: readonly string[]): Promise<Map<string, string>> {
  if (ruleIds.length === 0) return new Map();
  const rows = await db.select({ ruleId: escalationRuleDetentions.ruleId, typeId: escalationRuleDetentions.detentionTypeId }).from(escalationRuleDetentions)
    .where(and(eq(escalationRuleDetentions.trustId, trustId), inArray(escalationRuleDetentions.ruleId, [...ruleIds])));
  return new Map(rows.map((r) => [r.ruleId, r.typeId]));
}

export async function setRuleType(tx: Executor, trustId: string, ruleId: string, typeId: string | null): Promise<void> {
  await tx.delete(escalationRuleDetentions).where(eq(escalationRuleDetentions.ruleId, ruleId));
  if (typeId) await tx.insert(escalationRuleDetentions).values({ ruleId, trustId, detentionTypeId: typeId });
}

// ---- people and records other modules own ----
export async function findPupil(db: Executor, id: string) {
  return (await db.select({ id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname })
    .from(pupils).where(eq(pupils.id, id)))[0];
}

export async function findIncident(db: Executor, trustId: string, id: string) {
  const row = (await db.select({ id: incidents.id, siteId: incidents.siteId, status: incidents.status, createdBy: incidents.createdBy, voidedAt: incidents.voidedAt })
    .from(incidents).where(and(eq(incidents.trustId, trustId), eq(incidents.id, id))))[0];
  if (!row) return undefined;
  const roles = await db.select({ pupilId: incidentPupils.pupilId, role: incidentPupils.role }).from(incidentPupils).where(eq(incidentPupils.incidentId, id));
  return { ...row, pupilRoles: Object.fromEntries(roles.map((r) => [r.pupilId, r.role])) as Record<string, string> };
}

/** Parent accounts of a pupil (contacts with parental responsibility who sign in to Haven). */
export async function parentUserIds(db: Executor, pupilId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ userId: contacts.userId }).from(pupilContacts)
    .innerJoin(contacts, eq(contacts.id, pupilContacts.contactId))
    .where(and(eq(pupilContacts.pupilId, pupilId), eq(pupilContacts.parentalResponsibility, true), sql`${contacts.userId} is not null`));
  return rows.map((r) => r.userId!).filter(Boolean);
}

/** Policy settings rows of the trust and the site (the caller merges them with effectiveSettings). */
export async function settingRows(db: Executor, trustId: string, siteId: string) {
  return db.select({ code: policyOptions.code, details: policyOptions.details, siteId: policyOptions.siteId, active: policyOptions.active }).from(policyOptions)
    .where(and(eq(policyOptions.trustId, trustId), eq(policyOptions.kind, 'setting'), eq(policyOptions.active, true), or(isNull(policyOptions.siteId), eq(policyOptions.siteId, siteId))));
}
