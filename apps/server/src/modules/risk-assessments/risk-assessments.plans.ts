/**
 * The link to the pupil's behaviour support plan (SUP-1, modules/plans): which plans an assessment may name, and how a
 * plan is named beside it. Read-only here; the plan's own module owns its rows.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { behaviourSupportPlans } from '../../db/schema/plans.ts';

export interface PlanOption { id: string; label: string; status: string }

const STATUS: Record<string, string> = { draft: 'Draft', active: 'Active', superseded: 'Superseded' };
export function planLabel(p: { status: string; version: number }): string {
  return `${STATUS[p.status] ?? p.status} behaviour support plan (version ${p.version})`;
}

/** The pupil's plans, newest first. */
export async function plansOfPupil(db: Executor, trustId: string, pupilId: string): Promise<PlanOption[]> {
  const rows = await db.select({ id: behaviourSupportPlans.id, status: behaviourSupportPlans.status, version: behaviourSupportPlans.version })
    .from(behaviourSupportPlans).where(and(eq(behaviourSupportPlans.trustId, trustId), eq(behaviourSupportPlans.pupilId, pupilId)))
    .orderBy(desc(behaviourSupportPlans.createdAt), desc(behaviourSupportPlans.id));
  return rows.map((r) => ({ id: r.id, status: r.status, label: planLabel(r) }));
}

/** Labels of these plans by id (those that exist). */
export async function planLabels(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: behaviourSupportPlans.id, status: behaviourSupportPlans.status, version: behaviourSupportPlans.version })
    .from(behaviourSupportPlans).where(inArray(behaviourSupportPlans.id, wanted));
  return new Map(rows.map((r) => [r.id, planLabel(r)]));
}
