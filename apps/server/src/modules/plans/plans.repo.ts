/**
 * Behaviour support plan queries (SUP-1). The only place with SQL for plans; services authorise first.
 * `activePlanForPupil` and `planVersionInForce` are read by other modules (the pupil page's key points, the incident
 * form's approved holds, "was the plan followed" links, the rota): they take no actor and must be called after the
 * caller has authorised the pupil.
 */
import { and, asc, desc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import {
  behaviourSupportPlanAcknowledgements as acks, behaviourSupportPlanChanges as changes,
  behaviourSupportPlanTemplates as templates, behaviourSupportPlanVersions as versions, behaviourSupportPlans as plans,
  type PlanContent,
} from '../../db/schema/plans.ts';

export type PlanRow = typeof plans.$inferSelect;
export type PlanVersionRow = typeof versions.$inferSelect;
export type PlanChangeRow = typeof changes.$inferSelect;
export type PlanAckRow = typeof acks.$inferSelect;
export type PlanTemplateRow = typeof templates.$inferSelect;

/** The content fields of a plan, in the order the plan reads. */
export const PLAN_CONTENT_FIELDS = [
  'aboutStrengths', 'aboutInterests', 'aboutCommunication', 'perceivedFunction', 'triggers', 'earlyWarningSigns',
  'proactiveStrategies', 'deescalationStrategies', 'whatToAvoid', 'reactiveStrategies', 'approvedHolds',
  'recoverySupport', 'targets', 'pupilVoice', 'parentVoice', 'ownerUserId', 'reviewDate',
] as const satisfies readonly (keyof PlanContent)[];

export function contentOf(p: PlanRow): PlanContent {
  const out = {} as Record<keyof PlanContent, unknown>;
  for (const f of PLAN_CONTENT_FIELDS) out[f] = p[f];
  return out as unknown as PlanContent;
}

/** What staff need before they walk into the room: the plan's key points. */
export interface PlanKeyPoints {
  planId: string;
  pupilId: string;
  siteId: string;
  version: number;
  triggers: string[];
  earlyWarningSigns: string[];
  /** What helps: the proactive strategies, then the de-escalation strategies. */
  proactiveStrategies: string[];
  deescalationStrategies: string[];
  whatToAvoid: string[];
  /** Technique codes from the site's technique list. */
  approvedHolds: string[];
  reviewDate: string | null;
  ownerUserId: string | null;
  activatedAt: Date | null;
}

function keyPointsOf(p: PlanRow): PlanKeyPoints {
  return {
    planId: p.id, pupilId: p.pupilId, siteId: p.siteId, version: p.version, triggers: p.triggers,
    earlyWarningSigns: p.earlyWarningSigns, proactiveStrategies: p.proactiveStrategies,
    deescalationStrategies: p.deescalationStrategies, whatToAvoid: p.whatToAvoid, approvedHolds: p.approvedHolds,
    reviewDate: p.reviewDate, ownerUserId: p.ownerUserId, activatedAt: p.activatedAt,
  };
}

/** The pupil's active plan (at most one), with its key points; undefined when none is active. */
export async function activePlanForPupil(db: Executor, pupilId: string): Promise<(PlanKeyPoints & { plan: PlanRow }) | undefined> {
  const row = (await db.select().from(plans).where(and(eq(plans.pupilId, pupilId), eq(plans.status, 'active'))).limit(1))[0];
  return row ? { ...keyPointsOf(row), plan: row } : undefined;
}

/** The plan version in force for a pupil at a moment (e.g. when an incident happened); undefined when none was active. */
export async function planVersionInForce(db: Executor, pupilId: string, at: Date): Promise<PlanVersionRow | undefined> {
  const plan = (await db.select({ id: plans.id }).from(plans).where(and(
    eq(plans.pupilId, pupilId), lte(plans.activatedAt, at),
    sql`(${plans.supersededAt} is null or ${plans.supersededAt} > ${at.toISOString()}::timestamptz)`,
  )).orderBy(desc(plans.activatedAt)).limit(1))[0];
  if (!plan) return undefined;
  return (await db.select().from(versions).where(and(eq(versions.planId, plan.id), lte(versions.savedAt, at), ne(versions.status, 'draft')))
    .orderBy(desc(versions.version)).limit(1))[0];
}

export async function findPlan(db: Executor, trustId: string, id: string): Promise<PlanRow | undefined> {
  return (await db.select().from(plans).where(and(eq(plans.trustId, trustId), eq(plans.id, id))))[0];
}

export async function plansOfPupil(db: Executor, trustId: string, pupilId: string): Promise<PlanRow[]> {
  return db.select().from(plans).where(and(eq(plans.trustId, trustId), eq(plans.pupilId, pupilId)))
    .orderBy(desc(plans.createdAt), asc(plans.id));
}

export async function versionsOf(db: Executor, planId: string): Promise<PlanVersionRow[]> {
  return db.select().from(versions).where(eq(versions.planId, planId)).orderBy(desc(versions.version));
}

export async function findVersion(db: Executor, planId: string, version: number): Promise<PlanVersionRow | undefined> {
  return (await db.select().from(versions).where(and(eq(versions.planId, planId), eq(versions.version, version))))[0];
}

export async function changesOf(db: Executor, planId: string): Promise<PlanChangeRow[]> {
  return db.select().from(changes).where(eq(changes.planId, planId)).orderBy(desc(changes.version), asc(changes.field));
}

export async function acknowledgementsOf(db: Executor, planIds: readonly string[]): Promise<PlanAckRow[]> {
  if (planIds.length === 0) return [];
  return db.select().from(acks).where(inArray(acks.planId, [...planIds])).orderBy(desc(acks.acknowledgedAt));
}

export async function insertPlan(tx: Executor, row: typeof plans.$inferInsert): Promise<void> { await tx.insert(plans).values(row); }

/** Optimistic update: false when the stored version is not `version` (someone saved first). */
export async function updatePlan(tx: Executor, id: string, version: number, set: Partial<typeof plans.$inferInsert>): Promise<PlanRow | undefined> {
  return (await tx.update(plans).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(plans.id, id), eq(plans.version, version))).returning())[0];
}

export async function insertVersion(tx: Executor, row: typeof versions.$inferInsert): Promise<void> { await tx.insert(versions).values(row); }
export async function insertChanges(tx: Executor, rows: (typeof changes.$inferInsert)[]): Promise<void> { if (rows.length) await tx.insert(changes).values(rows); }
export async function insertAcknowledgement(tx: Executor, row: typeof acks.$inferInsert): Promise<void> { await tx.insert(acks).values(row); }

export async function findTemplate(db: Executor, trustId: string): Promise<PlanTemplateRow | undefined> {
  return (await db.select().from(templates).where(eq(templates.trustId, trustId)))[0];
}
export async function insertTemplate(tx: Executor, row: typeof templates.$inferInsert): Promise<void> { await tx.insert(templates).values(row); }
export async function updateTemplate(tx: Executor, id: string, version: number, set: Partial<typeof templates.$inferInsert>): Promise<boolean> {
  return (await tx.update(templates).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(templates.id, id), eq(templates.version, version))).returning({ id: templates.id })).length === 1;
}

/** Active plans whose review date falls on or before `by` and whose reminder for that date has not been raised. */
export async function plansDueForReminder(db: Executor, by: string): Promise<PlanRow[]> {
  return db.select().from(plans).where(and(
    eq(plans.status, 'active'), lte(plans.reviewDate, by),
    sql`(${plans.reminderForDate} is null or ${plans.reminderForDate} <> ${plans.reviewDate})`,
  )).orderBy(asc(plans.reviewDate)).limit(500);
}

/** Notes that the reminder for the plan's current review date was raised (bookkeeping: not a change to the plan). */
export async function markReminded(tx: Executor, id: string, forDate: string): Promise<void> {
  await tx.update(plans).set({ reminderForDate: forDate }).where(eq(plans.id, id));
}
