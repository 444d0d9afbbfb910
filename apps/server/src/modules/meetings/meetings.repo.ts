/** The only place with queries for meetings and their agreed actions (SUP-4). Every list takes the caller's site ids. */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { meetings } from '../../db/schema/exclusions.ts';
import { meetingActions, agencies, agencyContacts } from '../../db/schema/casework.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { contacts, pupilContacts, pupils } from '../../db/schema/pupils.ts';
import { roleAssignments, users } from '../../db/schema/users.ts';

export type MeetingRow = typeof meetings.$inferSelect;
export type ActionRow = typeof meetingActions.$inferSelect & { taskStatus: string | null; taskCompletedAt: Date | null };

export async function listMeetings(db: Executor, siteIds: string[], f: { pupilId?: string | undefined; from?: string | undefined; type?: string | undefined; status?: string | undefined }) {
  if (!siteIds.length) return [];
  const where = [inArray(meetings.siteId, siteIds)];
  if (f.pupilId) where.push(eq(meetings.pupilId, f.pupilId));
  if (f.from) where.push(sql`${meetings.date} >= ${f.from}::date`);
  if (f.type) where.push(eq(meetings.type, f.type));
  if (f.status) where.push(eq(meetings.status, f.status));
  return db.select().from(meetings).where(and(...where)).orderBy(asc(meetings.date), asc(meetings.id)).limit(500);
}

export async function findMeeting(db: Executor, id: string): Promise<MeetingRow | undefined> {
  return (await db.select().from(meetings).where(eq(meetings.id, id)).limit(1))[0];
}

export async function insertMeeting(db: Executor, v: Omit<typeof meetings.$inferInsert, 'id'>): Promise<string> {
  const id = uuidv7();
  await db.insert(meetings).values({ id, ...v });
  return id;
}

/** Changes a meeting if it is still at `version` (optimistic concurrency); false when someone changed it first. */
export async function updateMeeting(db: Executor, id: string, version: number, set: Partial<typeof meetings.$inferInsert>): Promise<boolean> {
  const rows = await db.update(meetings).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(meetings.id, id), eq(meetings.version, version))).returning({ id: meetings.id });
  return rows.length === 1;
}

export async function actionsOf(db: Executor, meetingIds: string[]): Promise<ActionRow[]> {
  if (!meetingIds.length) return [];
  const rows = await db.select({ a: meetingActions, taskStatus: tasks.status, taskCompletedAt: tasks.completedAt }).from(meetingActions)
    .leftJoin(tasks, eq(tasks.id, meetingActions.taskId))
    .where(inArray(meetingActions.meetingId, meetingIds)).orderBy(asc(meetingActions.position), asc(meetingActions.createdAt));
  return rows.map((r) => ({ ...r.a, taskStatus: r.taskStatus, taskCompletedAt: r.taskCompletedAt }));
}

export async function insertAction(db: Executor, v: Omit<typeof meetingActions.$inferInsert, 'id'>): Promise<string> {
  const id = uuidv7();
  await db.insert(meetingActions).values({ id, ...v });
  return id;
}

export async function countActions(db: Executor, meetingId: string): Promise<number> {
  const r = await db.select({ n: sql<number>`count(*)::int` }).from(meetingActions).where(eq(meetingActions.meetingId, meetingId));
  return Number(r[0]?.n ?? 0);
}

/** Active users holding a staff role at the site (or trust-wide): who may own an action or attend as staff. */
export async function staffAt(db: Executor, trustId: string, siteId: string, staffRoles: readonly string[]) {
  return db.selectDistinct({ id: users.id, name: users.displayName }).from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.trustId, trustId), inArray(roleAssignments.role, [...staffRoles]),
      or(eq(roleAssignments.siteId, siteId), isNull(roleAssignments.siteId)), eq(users.active, true)))
    .orderBy(asc(users.displayName));
}

export async function contactsOfPupil(db: Executor, pupilId: string) {
  return db.select({ id: contacts.id, title: contacts.title, forename: contacts.forename, surname: contacts.surname, relationship: pupilContacts.relationship })
    .from(pupilContacts).innerJoin(contacts, eq(contacts.id, pupilContacts.contactId))
    .where(eq(pupilContacts.pupilId, pupilId)).orderBy(asc(pupilContacts.priority));
}

export async function agencyContactsOfTrust(db: Executor, trustId: string) {
  return db.select({ id: agencyContacts.id, name: agencyContacts.name, role: agencyContacts.role, agencyName: agencies.name })
    .from(agencyContacts).innerJoin(agencies, eq(agencies.id, agencyContacts.agencyId))
    .where(and(eq(agencyContacts.trustId, trustId), eq(agencyContacts.active, true), eq(agencies.active, true)))
    .orderBy(asc(agencies.name), asc(agencyContacts.name));
}

export async function pupilNames(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.select({ id: pupils.id, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname })
    .from(pupils).where(inArray(pupils.id, ids));
}

export async function setActionTask(db: Executor, actionId: string, taskId: string): Promise<void> {
  await db.update(meetingActions).set({ taskId }).where(eq(meetingActions.id, actionId));
}
