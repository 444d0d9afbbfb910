/**
 * Quick-event and pupil-group queries: the only place in this module with SQL. Reads take the caller's visibility
 * (site scopes and user id), so a list can never include another site's rows or someone else's when it should not.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { behaviourEvents } from '../../db/schema/recording.ts';
import { behaviourCategories, policyOptions } from '../../db/schema/policy.ts';
import { pupilGroupMembers, pupilGroups, pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';

/** Who may see which quick events: every event at `readSiteIds`, one's own at `recordSiteIds`, voided ones at `voidSiteIds`. */
export interface EventVisibility {
  trustId: string;
  userId: string;
  readSiteIds: string[];
  recordSiteIds: string[];
  /** Voided rows are shown only here (empty: never). */
  voidSiteIds: string[];
}

const anyOf = (col: Parameters<typeof inArray>[0], ids: string[]): SQL => (ids.length ? inArray(col, ids) : sql`false`);

export function eventVisibleWhere(v: EventVisibility): SQL {
  return and(
    eq(behaviourEvents.trustId, v.trustId),
    or(anyOf(behaviourEvents.siteId, v.readSiteIds), and(eq(behaviourEvents.recordedBy, v.userId), anyOf(behaviourEvents.siteId, v.recordSiteIds))),
    or(isNull(behaviourEvents.voidedAt), anyOf(behaviourEvents.siteId, v.voidSiteIds)),
  )!;
}

export async function findPupilsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({
    id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, enrolmentStart: pupils.enrolmentStart, enrolmentEnd: pupils.enrolmentEnd,
  }).from(pupils).where(inArray(pupils.id, ids));
}

/** Category rows with this code for the trust and these sites (trust rows and site overrides). */
export async function categoryRows(db: Executor, trustId: string, siteIds: string[], code: string) {
  return db.select().from(behaviourCategories).where(and(
    eq(behaviourCategories.trustId, trustId), eq(behaviourCategories.code, code),
    or(isNull(behaviourCategories.siteId), anyOf(behaviourCategories.siteId, siteIds)),
  ));
}

/** Option rows of a kind (period, location …) for the trust and these sites; all codes when `code` is omitted. */
export async function optionRows(db: Executor, trustId: string, siteIds: string[], kind: string, code?: string) {
  return db.select({ siteId: policyOptions.siteId, code: policyOptions.code, details: policyOptions.details, active: policyOptions.active, sortOrder: policyOptions.sortOrder })
    .from(policyOptions).where(and(
      eq(policyOptions.trustId, trustId), eq(policyOptions.kind, kind),
      or(isNull(policyOptions.siteId), anyOf(policyOptions.siteId, siteIds)),
      code === undefined ? undefined : eq(policyOptions.code, code),
    ));
}

export type NewEvent = typeof behaviourEvents.$inferInsert;

export async function insertEvents(db: Executor, rows: NewEvent[]): Promise<void> {
  if (rows.length) await db.insert(behaviourEvents).values(rows);
}

const eventColumns = {
  event: behaviourEvents,
  pupilForename: pupils.legalForename, pupilSurname: pupils.legalSurname,
  pupilPreferredForename: pupils.preferredForename, pupilPreferredSurname: pupils.preferredSurname,
  recorderName: users.displayName, categoryName: behaviourCategories.name,
};

function eventsQuery(db: Executor) {
  return db.select(eventColumns).from(behaviourEvents)
    .innerJoin(pupils, eq(pupils.id, behaviourEvents.pupilId))
    .innerJoin(users, eq(users.id, behaviourEvents.recordedBy))
    .leftJoin(behaviourCategories, eq(behaviourCategories.id, behaviourEvents.categoryId));
}

export type EventRow = Awaited<ReturnType<typeof findEventsByIds>>[number];

export async function findEventsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return eventsQuery(db).where(inArray(behaviourEvents.id, ids)).orderBy(asc(pupils.legalSurname), asc(pupils.legalForename));
}

export async function findBatch(db: Executor, trustId: string, batchId: string) {
  return eventsQuery(db).where(and(eq(behaviourEvents.trustId, trustId), eq(behaviourEvents.batchId, batchId)))
    .orderBy(asc(pupils.legalSurname), asc(pupils.legalForename));
}

export async function findEvent(db: Executor, trustId: string, id: string) {
  const rows = await eventsQuery(db).where(and(eq(behaviourEvents.trustId, trustId), eq(behaviourEvents.id, id))).limit(1);
  return rows[0];
}

export async function voidEvents(db: Executor, ids: string[], by: string, reason: string, at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(behaviourEvents).set({ voidedAt: at, voidedBy: by, voidReason: reason })
    .where(and(inArray(behaviourEvents.id, ids), isNull(behaviourEvents.voidedAt)));
}

export interface EventListFilter {
  pupilId?: string | undefined;
  siteId?: string | undefined;
  mine?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function listEvents(db: Executor, v: EventVisibility, f: EventListFilter, page: number, pageSize: number) {
  const where = and(
    eventVisibleWhere(v),
    f.pupilId ? eq(behaviourEvents.pupilId, f.pupilId) : undefined,
    f.siteId ? eq(behaviourEvents.siteId, f.siteId) : undefined,
    f.mine ? eq(behaviourEvents.recordedBy, v.userId) : undefined,
    f.from ? gte(behaviourEvents.occurredOn, f.from) : undefined,
    f.to ? lte(behaviourEvents.occurredOn, f.to) : undefined,
  );
  const rows = await eventsQuery(db).where(where)
    .orderBy(desc(behaviourEvents.occurredAt), desc(behaviourEvents.id)).limit(pageSize).offset((page - 1) * pageSize);
  const totals = await db.select({ n: count() }).from(behaviourEvents).where(where);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

/** Forms, classes and teaching groups at these sites (not archived ones), with the number of pupils on roll today. */
export async function listGroups(db: Executor, trustId: string, siteIds: string[], today: string) {
  if (siteIds.length === 0) return [];
  const onRollCount = sql<number>`(select count(*)::int from ${pupilGroupMembers} m join ${pupils} p on p.id = m.pupil_id
    where m.group_id = ${pupilGroups.id} and p.enrolment_start <= ${today} and (p.enrolment_end is null or p.enrolment_end >= ${today}))`;
  return db.select({
    id: pupilGroups.id, siteId: pupilGroups.siteId, siteName: sites.name, name: pupilGroups.name, kind: pupilGroups.kind,
    yearGroup: pupilGroups.yearGroup, pupilCount: onRollCount,
  }).from(pupilGroups).innerJoin(sites, eq(sites.id, pupilGroups.siteId))
    .where(and(eq(pupilGroups.trustId, trustId), inArray(pupilGroups.siteId, siteIds), isNull(pupilGroups.archivedAt)))
    .orderBy(asc(sites.name), asc(pupilGroups.kind), asc(pupilGroups.yearGroup), asc(pupilGroups.name));
}
