/** Reading a site's forms, classes and teaching groups for the people pages, with who is in them. */
import { and, asc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { pupilGroupMembers, pupilGroups, pupils, staffMembers } from '../../db/schema/pupils.ts';
import type { GroupRow } from '../people/people.groups.ts';

/** Subqueries name the outer table's columns in full (pupils.id): Drizzle leaves a lone table's columns unqualified. */
const onRoll = (today: string) => sql<boolean>`(${pupils.enrolmentStart} <= ${today} and (${pupils.enrolmentEnd} is null or ${pupils.enrolmentEnd} >= ${today}))`;

/** How many of a group's pupils are on roll today. */
const membersOnRoll = (today: string) => sql<number>`(select count(*)::int from ${pupilGroupMembers} m join ${pupils} p on p.id = m.pupil_id
    where m.group_id = pupil_groups.id and p.enrolment_start <= ${today} and (p.enrolment_end is null or p.enrolment_end >= ${today}))`;
const groupOrder = [asc(pupilGroups.kind), asc(pupilGroups.yearGroup), asc(pupilGroups.name), asc(pupilGroups.id)];

export async function listGroups(db: Executor, siteId: string, status: 'current' | 'archived' | 'all', today: string) {
  const archived = status === 'current' ? isNull(pupilGroups.archivedAt) : status === 'archived' ? isNotNull(pupilGroups.archivedAt) : undefined;
  return db.select({ group: pupilGroups, memberCount: membersOnRoll(today) }).from(pupilGroups).where(and(eq(pupilGroups.siteId, siteId), archived))
    .orderBy(...groupOrder);
}

/** The current forms and classes a user is the tutor of (through their staff record), at these sites only. */
export async function groupsTutoredBy(db: Executor, trustId: string, userId: string, siteIds: readonly string[], today: string) {
  if (!siteIds.length) return [];
  return db.select({ group: pupilGroups, memberCount: membersOnRoll(today) }).from(pupilGroups)
    .innerJoin(staffMembers, eq(staffMembers.id, pupilGroups.tutorStaffId))
    .where(and(eq(pupilGroups.trustId, trustId), inArray(pupilGroups.siteId, [...siteIds]), isNull(pupilGroups.archivedAt),
      eq(staffMembers.userId, userId), eq(staffMembers.active, true)))
    .orderBy(...groupOrder);
}

export async function findGroup(db: Executor, id: string): Promise<GroupRow | undefined> {
  return (await db.select().from(pupilGroups).where(eq(pupilGroups.id, id)).limit(1))[0];
}

const form = sql<string | null>`(select g.name from ${pupilGroups} g where g.id = pupils.form_group_id)`;
const memberFields = (today: string) => ({
  pupilId: pupils.id, upn: pupils.upn, yearGroup: pupils.yearGroup, formName: form, onRoll: onRoll(today),
  displayName: sql<string>`coalesce(${pupils.preferredForename}, ${pupils.legalForename}) || ' ' || coalesce(${pupils.preferredSurname}, ${pupils.legalSurname})`,
});
const byName = [asc(sql`coalesce(${pupils.preferredSurname}, ${pupils.legalSurname})`), asc(sql`coalesce(${pupils.preferredForename}, ${pupils.legalForename})`), asc(pupils.id)];

/** Everyone in the group, on roll first. */
export async function membersOf(db: Executor, groupId: string, today: string) {
  return db.select(memberFields(today)).from(pupilGroupMembers).innerJoin(pupils, eq(pupils.id, pupilGroupMembers.pupilId))
    .where(eq(pupilGroupMembers.groupId, groupId)).orderBy(sql`${onRoll(today)} desc`, ...byName);
}

export async function memberCount(db: Executor, groupId: string, today: string): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(pupilGroupMembers).innerJoin(pupils, eq(pupils.id, pupilGroupMembers.pupilId))
    .where(and(eq(pupilGroupMembers.groupId, groupId), onRoll(today)));
  return Number(rows[0]?.n ?? 0);
}

/** Pupils on roll at the group's site, not in it yet, whose name or UPN matches every word typed (at most 20). */
export async function candidates(db: Executor, group: GroupRow, search: string, today: string) {
  const parts: (SQL | undefined)[] = [eq(pupils.siteId, group.siteId), onRoll(today),
    sql`not exists (select 1 from ${pupilGroupMembers} m where m.group_id = ${group.id} and m.pupil_id = pupils.id)`];
  for (const word of search.split(/\s+/).filter(Boolean).slice(0, 4)) {
    const p = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(pupils.legalForename, p), ilike(pupils.legalSurname, p), ilike(pupils.preferredForename, p), ilike(pupils.preferredSurname, p), ilike(pupils.upn, p)));
  }
  return db.select(memberFields(today)).from(pupils).where(and(...parts)).orderBy(...byName).limit(20);
}

