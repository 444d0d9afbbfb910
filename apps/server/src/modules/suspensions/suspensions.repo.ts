/** The only place with queries for suspensions, their notifications, site contacts and reintegration meetings. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { exclusionContacts, exclusionNotifications, exclusions, meetings } from '../../db/schema/exclusions.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';
import { incidentPupils, incidents } from '../../db/schema/recording.ts';

export type ExclusionRow = typeof exclusions.$inferSelect;
export type NotificationRow = typeof exclusionNotifications.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/** What these use cases need of a pupil (never the sealed facts). */
const PUPIL_COLUMNS = {
  id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
  preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname, yearGroup: pupils.yearGroup,
  lookedAfter: pupils.lookedAfter, dateOfBirth: pupils.dateOfBirth, upn: pupils.upn,
};

export async function findPupil(db: Executor, id: string) {
  return (await db.select(PUPIL_COLUMNS).from(pupils).where(eq(pupils.id, id)))[0] ?? null;
}
export type PupilRow = NonNullable<Awaited<ReturnType<typeof findPupil>>>;

export async function pupilsByIds(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select(PUPIL_COLUMNS).from(pupils).where(inArray(pupils.id, [...ids]));
}

/** Every record of a pupil, at any site of the trust (LAW-2 counts across schools). */
export async function recordsOfPupil(db: Executor, pupilId: string): Promise<ExclusionRow[]> {
  return db.select().from(exclusions).where(eq(exclusions.pupilId, pupilId)).orderBy(asc(exclusions.startDate));
}

export async function recordsOfPupils(db: Executor, pupilIds: readonly string[]): Promise<ExclusionRow[]> {
  if (!pupilIds.length) return [];
  return db.select().from(exclusions).where(inArray(exclusions.pupilId, [...pupilIds]));
}

export async function findExclusion(db: Executor, id: string): Promise<ExclusionRow | null> {
  return (await db.select().from(exclusions).where(eq(exclusions.id, id)))[0] ?? null;
}

export async function listExclusions(db: Executor, siteIds: readonly string[], q: { pupilId?: string | undefined; status?: string | undefined }) {
  if (!siteIds.length) return [];
  const where = [inArray(exclusions.siteId, [...siteIds])];
  if (q.pupilId) where.push(eq(exclusions.pupilId, q.pupilId));
  if (q.status) where.push(eq(exclusions.status, q.status));
  return db.select().from(exclusions).where(and(...where)).orderBy(desc(exclusions.startDate), desc(exclusions.issuedAt)).limit(500);
}

export async function openRecordsAt(db: Executor, siteIds: readonly string[]): Promise<ExclusionRow[]> {
  if (!siteIds.length) return [];
  return db.select().from(exclusions).where(and(inArray(exclusions.siteId, [...siteIds]), eq(exclusions.status, 'issued')));
}

export async function laterOf(db: Executor, id: string): Promise<string[]> {
  return (await db.select({ id: exclusions.id }).from(exclusions).where(eq(exclusions.previousExclusionId, id))).map((r) => r.id);
}

export async function notificationsOf(db: Executor, exclusionIds: readonly string[]): Promise<NotificationRow[]> {
  if (!exclusionIds.length) return [];
  return db.select().from(exclusionNotifications).where(inArray(exclusionNotifications.exclusionId, [...exclusionIds]))
    .orderBy(asc(exclusionNotifications.createdAt), asc(exclusionNotifications.id));
}

export async function meetingsOf(db: Executor, recordIds: readonly string[]): Promise<MeetingRow[]> {
  if (!recordIds.length) return [];
  return db.select().from(meetings).where(and(eq(meetings.recordType, 'exclusion'), inArray(meetings.recordId, [...recordIds]))).orderBy(asc(meetings.date));
}

export async function siteContacts(db: Executor, siteId: string) {
  return (await db.select().from(exclusionContacts).where(eq(exclusionContacts.siteId, siteId)))[0] ?? null;
}

export async function siteName(db: Executor, siteId: string): Promise<string> {
  return (await db.select({ name: sites.name }).from(sites).where(eq(sites.id, siteId)))[0]?.name ?? '';
}

export async function siteNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  return new Map((await db.select({ id: sites.id, name: sites.name }).from(sites).where(inArray(sites.id, [...ids]))).map((s) => [s.id, s.name]));
}

export async function userNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  return new Map((await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...ids]))).map((u) => [u.id, u.name]));
}

/** The incident, when it is at the site and involves the pupil. */
export async function incidentFor(db: Executor, incidentId: string, siteId: string, pupilId: string): Promise<boolean> {
  const rows = await db.select({ id: incidents.id }).from(incidents)
    .innerJoin(incidentPupils, and(eq(incidentPupils.incidentId, incidents.id), eq(incidentPupils.pupilId, pupilId)))
    .where(and(eq(incidents.id, incidentId), eq(incidents.siteId, siteId)));
  return rows.length > 0;
}
