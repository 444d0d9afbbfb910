/**
 * The plan in use (issue 14 §3–4; SUP-1, SUP-2, REV-3, INC-3). This module owns reading a pupil's plan where it is
 * needed (the key points, an audited special-category read), judging an incident's holds against the plan version in
 * force when it happened, and raising "review the plan" tasks for the plan's owner (a physical intervention, N incidents
 * in M school days, a trend alert). The plans and risk assessments themselves belong to modules/plans and
 * modules/risk-assessments.
 */
import { uuidv7 } from 'uuidv7';
import { POLICY_SETTINGS, type TPlanKeyPoints } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Executor, Tx } from '../../core/db/client.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { notFound } from '../../core/http/errors.ts';
import { addDays } from '../../core/calendar/dates.ts';
import { londonToday } from '../../core/time.ts';
import { AfterCommit, notify } from '../../core/notify/notify.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { findPupil } from '../pupils/pupils.repo.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import { activePlanForPupil, planVersionInForce } from '../plans/plans.repo.ts';
import type { IncidentState } from '../incidents/incidents.model.ts';
import * as repo from './plans-use.repo.ts';
import { planLink } from './plans-use.links.ts';
import {
  DEFAULT_REVIEW_INCIDENTS, DEFAULT_REVIEW_SCHOOL_DAYS, daysOverdue, frequencyTrigger, physicalInterventionTrigger, settingNumber,
  unapprovedHolds, type ReviewTrigger,
} from './plans-use.rules.ts';

/**
 * The key points of the pupil's active plan, for every member of staff who may read plans at the pupil's site.
 * Outside that (another site's staff) 404, as the pupil's profile; the read is audited as special-category data.
 */
export async function keyPoints(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, now = new Date()): Promise<TPlanKeyPoints> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const found = await findPupil(tx, pupilId);
    if (!found || found.pupil.trustId !== actor.trustId || !can(actor, 'plan.read', found.pupil)) throw notFound('pupil');
    const p = found.pupil;
    // the plan, the site's holds and the plan owner's name side by side (one round trip, not three)
    const [active, holds, owner] = await Promise.all([
      activePlanForPupil(tx, pupilId), repo.techniquesAt(tx, p.trustId, p.siteId), repo.activePlanOwnerName(tx, pupilId),
    ]);
    audit.record({ action: 'plan.key_points.read', entityType: 'pupil', entityId: pupilId, siteId: p.siteId,
      details: { specialCategory: true, planId: active?.planId ?? null, planVersion: active?.version ?? null } });
    return {
      pupil: { id: p.id, displayName: displayName(p), yearGroup: p.yearGroup, siteName: found.siteName, photoId: found.photoId ?? null },
      plan: active ? {
        id: active.planId, version: active.version, activatedAt: active.activatedAt?.toISOString() ?? null, reviewDate: active.reviewDate,
        reviewOverdue: daysOverdue(active.reviewDate, londonToday(now)) > 0, ownerName: owner,
        triggers: active.triggers, earlyWarningSigns: active.earlyWarningSigns, proactiveStrategies: active.proactiveStrategies,
        deescalationStrategies: active.deescalationStrategies, whatToAvoid: active.whatToAvoid,
        approvedHolds: repo.holdsOf(active.approvedHolds, holds), link: planLink(pupilId, active.planId),
      } : null,
    };
  });
}

/** The instant an incident is judged at: when it happened, else (not yet said) when it was saved. */
const judgedAt = (s: IncidentState) => new Date(s.occurredAt ?? s.updatedAt);

/**
 * After a save of an incident (in its transaction): each pupil held is checked against their plan version in force
 * when it happened, and the holds it does not approve are stored on the incident. Never refuses the save.
 */
export async function checkIncidentHolds(tx: Tx, s: IncidentState): Promise<void> {
  const byPupil = new Map<string, { staffId: string; techniqueCodes: string[] }[]>();
  if (s.physicalIntervention) {
    for (const pi of s.physicalInterventions) if (pi.pupilId) byPupil.set(pi.pupilId, [...(byPupil.get(pi.pupilId) ?? []), ...pi.staffTechniques]);
  }
  const rows = [];
  for (const [pupilId, used] of byPupil) {
    const v = await planVersionInForce(tx, pupilId, judgedAt(s));
    const approved = v ? v.content.approvedHolds : null;
    rows.push({ incidentId: s.id, pupilId, trustId: s.trustId, siteId: s.siteId, planId: v?.planId ?? null, planVersion: v?.version ?? null,
      approvedCodes: approved ?? [], unapprovedCodes: unapprovedHolds(used, approved), checkedAt: new Date() });
  }
  await repo.replacePlanChecks(tx, s.id, rows);
}

/**
 * For the incident page: each pupil involved (or held), with the plan version in force when it happened ("was the plan
 * followed?" is judged against it) and, for those held, the holds used that it does not approve, as stored at the save.
 */
export async function planCheckOf(db: Executor, s: IncidentState) {
  const checks = new Map((await repo.planChecksOf(db, s.id)).map((c) => [c.pupilId, c]));
  const pupilIds = [...new Set([...s.pupils.filter((p) => p.role === 'involved' || p.role === 'instigator').map((p) => p.pupilId), ...checks.keys()])];
  const holds = await repo.techniquesAt(db, s.trustId, s.siteId);
  const names = await repo.pupilNamesOf(db, pupilIds);
  const items = [];
  for (const pupilId of pupilIds) {
    const c = checks.get(pupilId);
    const live = c ? undefined : await planVersionInForce(db, pupilId, judgedAt(s));
    const planId = c ? c.planId : live?.planId ?? null;
    const version = c ? c.planVersion : live?.version ?? null;
    items.push({
      pupilId, pupilName: names.get(pupilId) ?? '',
      plan: planId && version !== null ? { id: planId, version, link: planLink(pupilId, planId, version) } : null,
      approvedHolds: repo.holdsOf(c ? c.approvedCodes : live?.content.approvedHolds ?? [], holds),
      unapprovedHolds: repo.holdsOf(c?.unapprovedCodes ?? [], holds),
    });
  }
  return { items };
}

export interface ReviewSettings { incidents: number; schoolDays: number }

/** The site's N and M (incidents in school days that ask for a plan review), else the defaults. */
export async function reviewSettings(db: Executor, trustId: string, siteId: string): Promise<ReviewSettings> {
  const rows = await repo.settingRows(db, trustId, siteId);
  const valueOf = (code: string) => {
    const sorted = rows.filter((r) => r.code.toLowerCase() === code).sort((a, b) => Number(a.siteId !== null) - Number(b.siteId !== null));
    return (sorted.at(-1)?.details as { value?: unknown } | null)?.value;
  };
  const n = POLICY_SETTINGS.plan_review_incidents; const m = POLICY_SETTINGS.plan_review_school_days;
  return {
    incidents: settingNumber(valueOf('plan_review_incidents'), n.min, n.max, DEFAULT_REVIEW_INCIDENTS),
    schoolDays: settingNumber(valueOf('plan_review_school_days'), m.min, m.max, DEFAULT_REVIEW_SCHOOL_DAYS),
  };
}

/**
 * Raises a "review the plan" task for the owner of the pupil's active plan (and the site's behaviour leads), once per
 * trigger: the trigger's key is claimed first, so a second save or job run adds nothing. No active plan, no task.
 */
export async function suggestPlanReview(tx: Executor, audit: AuditQueue, after: AfterCommit,
  p: { trustId: string; pupilId: string; day: string; trigger: ReviewTrigger; incidentId?: string | null }): Promise<string | null> {
  const active = await activePlanForPupil(tx, p.pupilId);
  if (!active) return null;
  const found = await findPupil(tx, p.pupilId);
  if (!found) return null;
  const siteId = found.pupil.siteId;
  const triggerId = uuidv7();
  if (!(await repo.claimTrigger(tx, { id: triggerId, trustId: p.trustId, siteId, pupilId: p.pupilId, planId: active.planId,
    kind: p.trigger.kind, triggerKey: p.trigger.key, triggeredOn: p.day, incidentId: p.incidentId ?? null }))) return null;
  const name = displayName(found.pupil);
  const taskId = uuidv7();
  const title = `Review ${name}'s behaviour support plan`;
  await tx.insert(tasks).values({ id: taskId, trustId: p.trustId, siteId, pupilId: p.pupilId, sourceType: 'plan_review', sourceId: active.planId,
    title, detail: p.trigger.detail, suggestion: 'Read the recent records with the people who work with the pupil, and change the triggers, strategies or approved holds if they no longer fit.',
    assignedUserId: active.ownerUserId, assignedRole: 'behaviour_lead', status: 'open' });
  await repo.setTriggerTask(tx, triggerId, taskId);
  audit.record({ action: 'task.create', entityType: 'task', entityId: taskId, siteId,
    details: { sourceType: 'plan_review', planId: active.planId, pupilId: p.pupilId, trigger: p.trigger.kind, incidentId: p.incidentId ?? null } });
  if (active.ownerUserId) {
    after.push(active.ownerUserId, 'task.created', { id: taskId, title });
    await notify(tx, after, [active.ownerUserId], { trustId: p.trustId, siteId, kind: 'plan.review_suggested', title,
      body: p.trigger.detail, link: planLink(p.pupilId, active.planId) });
  }
  return taskId;
}

/**
 * On submission of an incident (in its transaction): a physical intervention asks for a review of each held pupil's
 * plan; and each pupil involved whose incidents reach the site's N in M school days asks for one too.
 */
export async function raiseIncidentReviews(tx: Tx, audit: AuditQueue, after: AfterCommit, s: IncidentState): Promise<void> {
  if (!s.occurredAt) return;
  const day = londonToday(new Date(s.occurredAt));
  const held = new Set(s.physicalIntervention ? s.physicalInterventions.flatMap((p) => (p.pupilId ? [p.pupilId] : [])) : []);
  const pi = physicalInterventionTrigger({ id: s.id, occurredOn: day, physicalIntervention: s.physicalIntervention, status: s.status });
  if (pi) for (const pupilId of held) await suggestPlanReview(tx, audit, after, { trustId: s.trustId, pupilId, day, trigger: pi, incidentId: s.id });
  const involved = s.pupils.filter((p) => p.role === 'involved' || p.role === 'instigator').map((p) => p.pupilId);
  if (!involved.length) return;
  const settings = await reviewSettings(tx, s.trustId, s.siteId);
  const calendar = await loadSiteCalendar(tx, s.trustId, s.siteId);
  // M school days lie within 3·M + 21 calendar days (weekends, a fortnight's holiday), enough to read
  const from = addDays(day, -(3 * settings.schoolDays + 21));
  for (const pupilId of involved) {
    const active = await activePlanForPupil(tx, pupilId);
    if (!active) continue;
    const trigger = frequencyTrigger({ day, incidentDays: await repo.incidentDays(tx, s.trustId, pupilId, from, day),
      previousTriggerDays: await repo.triggerDays(tx, active.planId, 'frequency'), threshold: settings.incidents, schoolDays: settings.schoolDays, calendar });
    if (trigger) await suggestPlanReview(tx, audit, after, { trustId: s.trustId, pupilId, day, trigger, incidentId: s.id });
  }
}
