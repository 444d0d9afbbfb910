/**
 * Queries of the plan in use: the site's holds and techniques by code, an incident's plan checks, the "review the
 * plan" requests raised, a pupil's incident days, the plans and risk assessments whose review is overdue, and the
 * versions a post-incident review linked. Every read names its trust (and sites where it lists).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { incidentPlanChecks, planReviewTriggers, postIncidentReviewLinks } from '../../db/schema/plans-use.ts';
import { rowsOf } from '../incidents/incidents.repo.ts';

export interface Hold { code: string; label: string; level: string | null }

/** The site's holds and techniques (a site's entry before the trust's), inactive ones too: a plan or record may name one since retired. */
export async function techniquesAt(db: Executor, trustId: string, siteId: string): Promise<Map<string, Hold>> {
  const r = await db.execute(sql`select distinct on (upper(code)) code, label, details->>'level' as level from policy_options
    where trust_id = ${trustId} and kind = 'technique' and (site_id is null or site_id = ${siteId})
    order by upper(code), active desc, site_id nulls last`);
  return new Map(rowsOf<{ code: string; label: string; level: string | null }>(r).map((x) => [x.code.toUpperCase(), { code: x.code, label: x.label, level: x.level }]));
}

/** The name of the owner of the pupil's active plan (null: no active plan, or no owner). */
export async function activePlanOwnerName(db: Executor, pupilId: string): Promise<string | null> {
  const r = await db.execute(sql`select u.display_name as name from behaviour_support_plans b join users u on u.id = b.owner_user_id
    where b.pupil_id = ${pupilId} and b.status = 'active' limit 1`);
  return rowsOf<{ name: string }>(r)[0]?.name ?? null;
}

export function holdsOf(codes: readonly string[], known: Map<string, Hold>): Hold[] {
  return codes.map((c) => known.get(c.toUpperCase()) ?? { code: c, label: c, level: null });
}

export async function settingRows(db: Executor, trustId: string, siteId: string) {
  const r = await db.execute(sql`select code, details, site_id as "siteId" from policy_options
    where trust_id = ${trustId} and kind = 'setting' and active and (site_id is null or site_id = ${siteId})`);
  return rowsOf<{ code: string; details: unknown; siteId: string | null }>(r);
}

export type PlanCheckRow = typeof incidentPlanChecks.$inferSelect;

export async function planChecksOf(db: Executor, incidentId: string): Promise<PlanCheckRow[]> {
  return db.select().from(incidentPlanChecks).where(eq(incidentPlanChecks.incidentId, incidentId));
}

/** Replaces an incident's checks with these (a pupil no longer held loses theirs). */
export async function replacePlanChecks(tx: Executor, incidentId: string, rows: (typeof incidentPlanChecks.$inferInsert)[]): Promise<void> {
  await tx.delete(incidentPlanChecks).where(eq(incidentPlanChecks.incidentId, incidentId));
  if (rows.length) await tx.insert(incidentPlanChecks).values(rows);
}

/** Records a trigger unless the plan already has one with this key; true when this call added it. */
export async function claimTrigger(tx: Executor, row: typeof planReviewTriggers.$inferInsert): Promise<boolean> {
  const added = await tx.insert(planReviewTriggers).values(row).onConflictDoNothing().returning({ id: planReviewTriggers.id });
  return added.length > 0;
}

export async function setTriggerTask(tx: Executor, id: string, taskId: string): Promise<void> {
  await tx.update(planReviewTriggers).set({ taskId }).where(eq(planReviewTriggers.id, id));
}

export async function triggerDays(db: Executor, planId: string, kind: string): Promise<string[]> {
  const rows = await db.select({ d: planReviewTriggers.triggeredOn }).from(planReviewTriggers)
    .where(and(eq(planReviewTriggers.planId, planId), eq(planReviewTriggers.kind, kind)));
  return rows.map((r) => r.d);
}

/** The days of the pupil's submitted, not voided incidents (involved or instigating) from `from` to `to`, one per incident. */
export async function incidentDays(db: Executor, trustId: string, pupilId: string, from: string, to: string): Promise<string[]> {
  const r = await db.execute(sql`select i.occurred_on::text as d from incidents i join incident_pupils ip on ip.incident_id = i.id
    where ip.pupil_id = ${pupilId} and ip.role in ('involved', 'instigator') and i.trust_id = ${trustId}
      and i.status <> 'draft' and i.voided_at is null and i.occurred_on between ${from}::date and ${to}::date`);
  return rowsOf<{ d: string }>(r).map((x) => x.d);
}

export interface DueRow { kind: 'plan' | 'risk_assessment'; id: string; siteId: string; pupilId: string; ownerId: string | null; reviewDate: string | null }

/**
 * The active plans and risk assessments of pupils on roll at these sites, with their review dates. A plan belongs to
 * the pupil's current site (a pupil who moved keeps their plan); a risk assessment's owner is the owner of the plan it
 * is linked to, else the lead who signed it off, else its author.
 */
export async function reviewsDue(db: Executor, trustId: string, siteIds: readonly string[], overdueBy: string): Promise<DueRow[]> {
  if (!siteIds.length) return [];
  const sites = sql`(select (jsonb_array_elements_text(${JSON.stringify(siteIds)}::jsonb))::uuid)`;
  const r = await db.execute(sql`
    select 'plan' as kind, b.id, p.site_id as "siteId", b.pupil_id as "pupilId", b.owner_user_id as "ownerId", b.review_date::text as "reviewDate"
      from behaviour_support_plans b join pupils p on p.id = b.pupil_id
     where b.trust_id = ${trustId} and b.status = 'active' and p.site_id in ${sites} and b.review_date < ${overdueBy}::date
       and (p.enrolment_end is null or p.enrolment_end >= ${overdueBy}::date)
    union all
    select 'risk_assessment', a.id, p.site_id, a.pupil_id,
           coalesce((select b.owner_user_id from behaviour_support_plans b where b.id = a.plan_id), a.signed_off_by, a.created_by), a.review_date::text
      from risk_assessments a join pupils p on p.id = a.pupil_id
     where a.trust_id = ${trustId} and a.status = 'active' and p.site_id in ${sites} and a.review_date < ${overdueBy}::date
       and (p.enrolment_end is null or p.enrolment_end >= ${overdueBy}::date)`);
  return rowsOf<DueRow>(r);
}

export async function pupilNamesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const r = await db.execute(sql`select p.id, coalesce(p.preferred_forename, p.legal_forename) || ' ' || coalesce(p.preferred_surname, p.legal_surname) as name
    from pupils p where p.id in (select (jsonb_array_elements_text(${JSON.stringify([...ids])}::jsonb))::uuid)`);
  return new Map(rowsOf<{ id: string; name: string }>(r).map((x) => [x.id, x.name]));
}

export type LinkRow = typeof postIncidentReviewLinks.$inferSelect;

export async function linksOf(db: Executor, reviewId: string): Promise<LinkRow[]> {
  return db.select().from(postIncidentReviewLinks).where(eq(postIncidentReviewLinks.reviewId, reviewId));
}

export async function replaceLinks(tx: Executor, reviewId: string, rows: (typeof postIncidentReviewLinks.$inferInsert)[]): Promise<void> {
  await tx.delete(postIncidentReviewLinks).where(eq(postIncidentReviewLinks.reviewId, reviewId));
  if (rows.length) await tx.insert(postIncidentReviewLinks).values(rows);
}

/** The plans and risk assessments of these pupils with the versions they have, for a review to link. */
export async function linkableRecords(db: Executor, trustId: string, pupilIds: readonly string[]) {
  if (!pupilIds.length) return [];
  const ids = sql`(select (jsonb_array_elements_text(${JSON.stringify([...pupilIds])}::jsonb))::uuid)`;
  const r = await db.execute(sql`
    select 'plan' as kind, b.id as "recordId", b.pupil_id as "pupilId", b.status, b.created_at,
           (select coalesce(json_agg(v.version order by v.version), '[]'::json) from behaviour_support_plan_versions v where v.plan_id = b.id) as versions
      from behaviour_support_plans b where b.trust_id = ${trustId} and b.pupil_id in ${ids}
    union all
    select 'risk_assessment', a.id, a.pupil_id, a.status, a.created_at,
           (select coalesce(json_agg(v.version order by v.version), '[]'::json) from risk_assessment_versions v where v.assessment_id = a.id)
      from risk_assessments a where a.trust_id = ${trustId} and a.pupil_id in ${ids}
    order by 5 desc`);
  return rowsOf<{ kind: 'plan' | 'risk_assessment'; recordId: string; pupilId: string; status: string; versions: unknown }>(r)
    .map((x) => ({ ...x, versions: (typeof x.versions === 'string' ? JSON.parse(x.versions) : x.versions) as number[] }));
}

/** Which of these incidents carry an unapproved hold. */
export async function flaggedIncidents(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ id: incidentPlanChecks.incidentId }).from(incidentPlanChecks)
    .where(and(inArray(incidentPlanChecks.incidentId, [...ids]), sql`jsonb_array_length(${incidentPlanChecks.unapprovedCodes}) > 0`));
  return new Set(rows.map((r) => r.id));
}
