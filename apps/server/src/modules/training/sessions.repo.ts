/** Training sessions and their registers: queries only (the services authorise first). */
import { and, asc, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { trainingAttendees, trainingCourses, trainingSessions } from '../../db/schema/training.ts';

export type SessionRow = typeof trainingSessions.$inferSelect;
export type AttendeeRow = typeof trainingAttendees.$inferSelect;

const sessionColumns = {
  session: trainingSessions,
  courseName: trainingCourses.name, provider: trainingCourses.provider, physicalSkills: trainingCourses.physicalSkills,
  techniqueCodes: trainingCourses.techniqueCodes,
  tutorName: sql<string>`${staffMembers.forename} || ' ' || ${staffMembers.surname}`,
  booked: sql<number>`(select count(*)::int from training_attendees a where a.session_id = ${trainingSessions.id})`,
};
export type SessionListRow = { session: SessionRow; courseName: string; provider: string; physicalSkills: boolean; techniqueCodes: string[]; tutorName: string; booked: number };

/** Sessions of the trust held at these sites, or at no site (trust-wide), optionally of one course or from a day on. */
export async function listSessions(db: Executor, f: { trustId: string; siteIds: string[]; courseId?: string | undefined; from?: string | undefined; ids?: string[] }): Promise<SessionListRow[]> {
  return db.select(sessionColumns).from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .innerJoin(staffMembers, eq(staffMembers.id, trainingSessions.tutorStaffId))
    .where(and(
      eq(trainingSessions.trustId, f.trustId),
      f.siteIds.length ? or(isNull(trainingSessions.siteId), inArray(trainingSessions.siteId, f.siteIds)) : isNull(trainingSessions.siteId),
      f.courseId ? eq(trainingSessions.courseId, f.courseId) : undefined,
      f.from ? and(gte(trainingSessions.endsOn, f.from), ne(trainingSessions.status, 'cancelled')) : undefined,
      f.ids ? inArray(trainingSessions.id, f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']) : undefined,
    ))
    .orderBy(f.from ? asc(trainingSessions.startsOn) : sql`${trainingSessions.startsOn} desc`).limit(500);
}

export async function findSession(db: Executor, id: string): Promise<SessionListRow | undefined> {
  return (await db.select(sessionColumns).from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .innerJoin(staffMembers, eq(staffMembers.id, trainingSessions.tutorStaffId))
    .where(eq(trainingSessions.id, id)).limit(1))[0];
}

export async function attendeesOf(db: Executor, sessionId: string) {
  return db.select({
    attendee: trainingAttendees, siteId: staffMembers.siteId,
    staffName: sql<string>`${staffMembers.forename} || ' ' || ${staffMembers.surname}`,
  }).from(trainingAttendees).innerJoin(staffMembers, eq(staffMembers.id, trainingAttendees.staffId))
    .where(eq(trainingAttendees.sessionId, sessionId)).orderBy(asc(staffMembers.surname), asc(staffMembers.forename));
}

/** Sessions a member of staff is booked on (ids). */
export async function sessionsBooked(db: Executor, staffIds: string[]): Promise<string[]> {
  if (!staffIds.length) return [];
  const rows = await db.selectDistinct({ id: trainingAttendees.sessionId }).from(trainingAttendees).where(inArray(trainingAttendees.staffId, staffIds));
  return rows.map((r) => r.id);
}
