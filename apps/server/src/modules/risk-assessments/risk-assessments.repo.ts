/** Queries of pupil risk assessments and their versions (the only place with their SQL). */
import { and, asc, desc, eq, inArray, lte, ne } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { riskAssessmentVersions, riskAssessments, type RiskAssessmentContent } from '../../db/schema/risk-assessments.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { users } from '../../db/schema/users.ts';
import { sites } from '../../db/schema/platform.ts';
import type { Change } from './risk-assessments.rules.ts';

export type AssessmentRow = typeof riskAssessments.$inferSelect;

export async function findPupil(db: Executor, id: string) {
  return (await db.select({ id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
    preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname }).from(pupils).where(eq(pupils.id, id)))[0];
}

export async function find(db: Executor, trustId: string, id: string, lock = false): Promise<AssessmentRow | undefined> {
  const q = db.select().from(riskAssessments).where(and(eq(riskAssessments.trustId, trustId), eq(riskAssessments.id, id)));
  return (await (lock ? q.for('update') : q))[0];
}

export async function ofPupil(db: Executor, trustId: string, pupilId: string): Promise<AssessmentRow[]> {
  return db.select().from(riskAssessments).where(and(eq(riskAssessments.trustId, trustId), eq(riskAssessments.pupilId, pupilId)))
    .orderBy(desc(riskAssessments.createdAt), desc(riskAssessments.id));
}

/** The pupil's active assessment, other than this one, locked: it is superseded when this one becomes active. */
export async function activeOf(db: Executor, pupilId: string, except: string): Promise<AssessmentRow | undefined> {
  return (await db.select().from(riskAssessments).where(and(eq(riskAssessments.pupilId, pupilId), eq(riskAssessments.status, 'active'), ne(riskAssessments.id, except))).for('update'))[0];
}

/** A draft revision already started from this assessment. */
export async function draftRevisionOf(db: Executor, id: string): Promise<AssessmentRow | undefined> {
  return (await db.select().from(riskAssessments).where(and(eq(riskAssessments.previousId, id), eq(riskAssessments.status, 'draft'))).limit(1))[0];
}

export async function insert(db: Executor, row: typeof riskAssessments.$inferInsert): Promise<void> {
  await db.insert(riskAssessments).values(row);
}

/** Changes the row when it is still at `version`; false when someone else changed it first. */
export async function update(db: Executor, id: string, version: number, set: Partial<typeof riskAssessments.$inferInsert>): Promise<boolean> {
  const rows = await db.update(riskAssessments).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(riskAssessments.id, id), eq(riskAssessments.version, version))).returning({ id: riskAssessments.id });
  return rows.length > 0;
}

export async function addVersion(db: Executor, v: { trustId: string; assessmentId: string; version: number; action: string; content: RiskAssessmentContent; changes: Change[]; savedBy: string }): Promise<void> {
  await db.insert(riskAssessmentVersions).values({ id: uuidv7(), ...v });
}

export async function versionsOf(db: Executor, assessmentId: string) {
  return db.select({ version: riskAssessmentVersions.version, action: riskAssessmentVersions.action, changes: riskAssessmentVersions.changes,
    savedAt: riskAssessmentVersions.savedAt, savedBy: users.displayName })
    .from(riskAssessmentVersions).innerJoin(users, eq(users.id, riskAssessmentVersions.savedBy))
    .where(eq(riskAssessmentVersions.assessmentId, assessmentId)).orderBy(desc(riskAssessmentVersions.version));
}

export async function userNames(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  return new Map((await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted))).map((u) => [u.id, u.name]));
}

/** Active assessments whose review falls due by `until`, oldest review first (the morning reminder). */
export async function activeDueBy(db: Executor, until: string) {
  return db.select().from(riskAssessments).where(and(eq(riskAssessments.status, 'active'), lte(riskAssessments.reviewDate, until)))
    .orderBy(asc(riskAssessments.reviewDate), asc(riskAssessments.id));
}

export async function siteName(db: Executor, siteId: string): Promise<string> {
  return (await db.select({ name: sites.name }).from(sites).where(eq(sites.id, siteId)))[0]?.name ?? '';
}

/** Remembers the review date a reminder was raised for (not a change to the assessment: its version stays). */
export async function markReminded(db: Executor, id: string, reviewDate: string): Promise<void> {
  await db.update(riskAssessments).set({ reminderForDate: reviewDate }).where(eq(riskAssessments.id, id));
}
