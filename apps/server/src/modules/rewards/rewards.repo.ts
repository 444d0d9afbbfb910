/** Rewards queries: points totals, positive and negative counts by subject, milestones and awards. */
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { behaviourEvents, incidentPupils, incidents } from '../../db/schema/recording.ts';
import { academicYears, sites } from '../../db/schema/platform.ts';
import { pupilGroupMembers, pupilGroups, pupils } from '../../db/schema/pupils.ts';
import { users } from '../../db/schema/users.ts';
import { rewardMilestoneAwards, rewardMilestones } from '../../db/schema/sanctions.ts';

export type MilestoneRow = typeof rewardMilestones.$inferSelect;

export async function listMilestones(db: Executor, trustId: string, siteIds: readonly string[] | null) {
  const sitePart = siteIds === null ? undefined : or(isNull(rewardMilestones.siteId), siteIds.length ? inArray(rewardMilestones.siteId, [...siteIds]) : undefined);
  return db.select().from(rewardMilestones).where(and(eq(rewardMilestones.trustId, trustId), sitePart)).orderBy(asc(rewardMilestones.points), asc(rewardMilestones.name));
}

export async function findMilestone(db: Executor, trustId: string, id: string): Promise<MilestoneRow | undefined> {
  return (await db.select().from(rewardMilestones).where(and(eq(rewardMilestones.trustId, trustId), eq(rewardMilestones.id, id))))[0];
}

export async function insertMilestone(tx: Executor, row: typeof rewardMilestones.$inferInsert): Promise<void> { await tx.insert(rewardMilestones).values(row); }

export async function updateMilestone(tx: Executor, id: string, version: number, set: Partial<typeof rewardMilestones.$inferInsert>): Promise<MilestoneRow | undefined> {
  return (await tx.update(rewardMilestones).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(rewardMilestones.id, id), eq(rewardMilestones.version, version))).returning())[0];
}

/** The academic year containing a date (from the trust's calendar). */
export async function yearOf(db: Executor, trustId: string, date: string) {
  return (await db.select().from(academicYears).where(and(eq(academicYears.trustId, trustId), lte(academicYears.startDate, date), gte(academicYears.endDate, date))))[0];
}

const positiveLive = and(eq(behaviourEvents.polarity, 'positive'), isNull(behaviourEvents.voidedAt));

/** Points of positive quick events per pupil between two dates. */
export async function pointsByPupil(db: Executor, trustId: string, pupilIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
  if (pupilIds.length === 0) return new Map();
  const rows = await db.select({ pupilId: behaviourEvents.pupilId, points: sql<number>`coalesce(sum(${behaviourEvents.points}), 0)::int` }).from(behaviourEvents)
    .where(and(eq(behaviourEvents.trustId, trustId), inArray(behaviourEvents.pupilId, [...pupilIds]), positiveLive, gte(behaviourEvents.occurredOn, from), lte(behaviourEvents.occurredOn, to)))
    .groupBy(behaviourEvents.pupilId);
  return new Map(rows.map((r) => [r.pupilId, r.points]));
}

export async function leaderboard(db: Executor, trustId: string, f: { siteIds: readonly string[]; groupId?: string | undefined; from: string; to: string; limit: number }) {
  const points = sql<number>`sum(${behaviourEvents.points})::int`;
  return db.select({
    pupilId: pupils.id, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename,
    preferredSurname: pupils.preferredSurname, yearGroup: pupils.yearGroup, siteId: pupils.siteId, points,
  }).from(behaviourEvents).innerJoin(pupils, eq(pupils.id, behaviourEvents.pupilId))
    .where(and(eq(behaviourEvents.trustId, trustId), inArray(behaviourEvents.siteId, [...f.siteIds]), positiveLive,
      gte(behaviourEvents.occurredOn, f.from), lte(behaviourEvents.occurredOn, f.to),
      f.groupId ? sql`${behaviourEvents.pupilId} in (select ${pupilGroupMembers.pupilId} from ${pupilGroupMembers} where ${pupilGroupMembers.groupId} = ${f.groupId})` : undefined))
    .groupBy(pupils.id).orderBy(desc(points), asc(pupils.legalSurname)).limit(f.limit);
}

export type Subject = { kind: 'pupil' | 'group' | 'staff' | 'site'; id: string };

function eventFilter(s: Subject): SQL {
  switch (s.kind) {
    case 'pupil': return eq(behaviourEvents.pupilId, s.id);
    case 'group': return sql`${behaviourEvents.pupilId} in (select ${pupilGroupMembers.pupilId} from ${pupilGroupMembers} where ${pupilGroupMembers.groupId} = ${s.id})`;
    case 'staff': return eq(behaviourEvents.recordedBy, s.id);
    case 'site': return eq(behaviourEvents.siteId, s.id);
  }
}

function incidentFilter(s: Subject): SQL {
  switch (s.kind) {
    case 'pupil': return eq(incidentPupils.pupilId, s.id);
    case 'group': return sql`${incidentPupils.pupilId} in (select ${pupilGroupMembers.pupilId} from ${pupilGroupMembers} where ${pupilGroupMembers.groupId} = ${s.id})`;
    case 'staff': return eq(incidents.createdBy, s.id);
    case 'site': return eq(incidents.siteId, s.id);
  }
}

/**
 * Positive and negative counts for a subject over a range. `siteIds` limits everything to the caller's sites (a
 * member of staff's recordings elsewhere are not counted for someone who cannot see them).
 */
export async function counts(db: Executor, trustId: string, subject: Subject, siteIds: readonly string[], from: string, to: string) {
  const ev = await db.select({
    positive: sql<number>`count(*) filter (where ${behaviourEvents.polarity} = 'positive')::int`,
    negative: sql<number>`count(*) filter (where ${behaviourEvents.polarity} = 'negative')::int`,
    positivePoints: sql<number>`coalesce(sum(${behaviourEvents.points}) filter (where ${behaviourEvents.polarity} = 'positive'), 0)::int`,
  }).from(behaviourEvents).where(and(eq(behaviourEvents.trustId, trustId), inArray(behaviourEvents.siteId, [...siteIds]), isNull(behaviourEvents.voidedAt),
    gte(behaviourEvents.occurredOn, from), lte(behaviourEvents.occurredOn, to), eventFilter(subject)));
  const inc = await db.select({ n: sql<number>`count(*)::int` }).from(incidentPupils).innerJoin(incidents, eq(incidents.id, incidentPupils.incidentId))
    .where(and(eq(incidents.trustId, trustId), inArray(incidents.siteId, [...siteIds]), sql`${incidents.status} <> 'draft'`, isNull(incidents.voidedAt),
      inArray(incidentPupils.role, ['involved', 'instigator']), gte(incidents.occurredOn, from), lte(incidents.occurredOn, to), incidentFilter(subject)));
  return { positive: ev[0]?.positive ?? 0, negative: (ev[0]?.negative ?? 0) + (inc[0]?.n ?? 0), positivePoints: ev[0]?.positivePoints ?? 0 };
}

export async function pupilRef(db: Executor, id: string) {
  return (await db.select({ id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname, yearGroup: pupils.yearGroup }).from(pupils).where(eq(pupils.id, id)))[0];
}
export async function groupRef(db: Executor, id: string) {
  return (await db.select({ id: pupilGroups.id, trustId: pupilGroups.trustId, siteId: pupilGroups.siteId, name: pupilGroups.name }).from(pupilGroups).where(eq(pupilGroups.id, id)))[0];
}
export async function siteRef(db: Executor, id: string) {
  return (await db.select({ id: sites.id, trustId: sites.trustId, name: sites.name }).from(sites).where(eq(sites.id, id)))[0];
}
export async function userRef(db: Executor, id: string) {
  return (await db.select({ id: users.id, trustId: users.trustId, name: users.displayName }).from(users).where(eq(users.id, id)))[0];
}

export async function awardsOf(db: Executor, pupilId: string, academicYear: string) {
  return db.select().from(rewardMilestoneAwards).where(and(eq(rewardMilestoneAwards.pupilId, pupilId), eq(rewardMilestoneAwards.academicYear, academicYear)));
}

/** The milestones each of these pupils has reached in the academic year (one query for them all). */
export async function awardedMilestones(db: Executor, pupilIds: readonly string[], academicYear: string): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (pupilIds.length === 0) return out;
  const rows = await db.select({ pupilId: rewardMilestoneAwards.pupilId, milestoneId: rewardMilestoneAwards.milestoneId }).from(rewardMilestoneAwards)
    .where(and(inArray(rewardMilestoneAwards.pupilId, [...pupilIds]), eq(rewardMilestoneAwards.academicYear, academicYear)));
  for (const r of rows) {
    const set = out.get(r.pupilId) ?? new Set<string>();
    set.add(r.milestoneId);
    out.set(r.pupilId, set);
  }
  return out;
}

/** Records awards not yet recorded; returns the ones inserted (a concurrent writer's row is skipped, not doubled). */
export async function insertAwards(tx: Executor, rows: (typeof rewardMilestoneAwards.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(rewardMilestoneAwards).values(rows).onConflictDoNothing().returning();
}

export async function groupsAt(db: Executor, trustId: string, siteIds: readonly string[]) {
  if (siteIds.length === 0) return [];
  return db.select({ id: pupilGroups.id, siteId: pupilGroups.siteId, name: pupilGroups.name, kind: pupilGroups.kind }).from(pupilGroups)
    .where(and(eq(pupilGroups.trustId, trustId), inArray(pupilGroups.siteId, [...siteIds]), isNull(pupilGroups.archivedAt))).orderBy(asc(pupilGroups.kind), asc(pupilGroups.name));
}
