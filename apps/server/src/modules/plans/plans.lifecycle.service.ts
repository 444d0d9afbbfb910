/**
 * Behaviour support plans (SUP-1), the writing side: saving changes (each save a new version with a field-level
 * history, refused with 409 when the caller's version is stale), the author's signature, activation (which supersedes
 * the pupil's previous active plan in the same transaction) and a parent's acknowledgement recorded by staff.
 * Every write is audited in its transaction; nothing is half-saved.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TPlan, ZPlanAcknowledge, ZPlanUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import type { Actor } from '../../core/policy/policy.ts';
import type { PlanContent } from '../../db/schema/plans.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, staleVersion } from '../../core/http/errors.ts';
import { londonToday } from '../../core/time.ts';
import * as repo from './plans.repo.ts';
import * as lookups from './plans.lookups.repo.ts';
import { loadPlan, siteTechniques, writablePlan } from './plans.service.ts';
import { activationProblem, actionsFor, changedFields, distinct, reviewDateProblem, unknownHolds, type PlanAction, type PlanStatus } from './plans.rules.ts';

const ENTITY = 'behaviour_support_plan';

function mustAllow(plan: repo.PlanRow, action: PlanAction, message: string): void {
  if (!actionsFor(plan.status as PlanStatus).includes(action)) throw conflict(message);
}

/** Saves a new state of the plan: bumps its version (or 409) and keeps the snapshot. */
async function saveVersion(tx: Executor, actor: Actor, plan: repo.PlanRow, version: number, set: Partial<repo.PlanRow>, event: string, at: Date): Promise<repo.PlanRow> {
  const after = await repo.updatePlan(tx, plan.id, version, { ...set, updatedBy: actor.userId, updatedAt: at });
  if (!after) throw staleVersion('plan');
  await repo.insertVersion(tx, { id: uuidv7(), planId: plan.id, trustId: plan.trustId, pupilId: plan.pupilId, version: after.version,
    status: after.status, content: repo.contentOf(after), event, savedBy: actor.userId, savedAt: at });
  return after;
}

async function checkChange(tx: Executor, actor: Actor, pupil: lookups.PlanPupil, change: Partial<PlanContent>): Promise<void> {
  const today = londonToday();
  const dateProblem = reviewDateProblem(change.reviewDate, today);
  if (dateProblem) throw fieldError(dateProblem.field, dateProblem.message);
  if (change.approvedHolds) {
    const unknown = unknownHolds(change.approvedHolds, [...(await siteTechniques(tx, actor.trustId, pupil.siteId)).keys()]);
    if (unknown.length) throw fieldError('approvedHolds', `Not on the site's list of holds and techniques: ${unknown.join(', ')}`);
  }
  if (change.ownerUserId && !(await lookups.possibleOwners(tx, actor.trustId, pupil.siteId)).some((o) => o.userId === change.ownerUserId)) {
    throw fieldError('ownerUserId', 'Choose a member of staff at the pupil\'s school');
  }
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZPlanUpdate>): Promise<TPlan> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { plan, pupil } = await writablePlan(tx, actor, id);
    mustAllow(plan, 'edit', 'A superseded plan cannot be changed: start a new plan from it instead.');
    const { version, ...fields } = body;
    const change: Partial<PlanContent> = { ...fields };
    for (const k of ['triggers', 'earlyWarningSigns', 'proactiveStrategies', 'deescalationStrategies', 'whatToAvoid', 'approvedHolds', 'targets'] as const) {
      if (change[k]) change[k] = distinct(change[k]);
    }
    await checkChange(tx, actor, pupil, change);
    if (plan.version !== version) throw staleVersion('plan');
    const diffs = changedFields(repo.contentOf(plan), change);
    if (diffs.length === 0) return loadPlan(tx, actor, plan, pupil);
    if (plan.status === 'active') {
      const p = activationProblem({ ...repo.contentOf(plan), ...change }, londonToday());
      if (p) throw fieldError(p.field, p.message.replace('before the plan is activated', 'while the plan is active'));
    }
    const at = new Date();
    const set = Object.fromEntries(diffs.map((d) => [d.field, d.to])) as Partial<repo.PlanRow>;
    if (change.reviewDate !== undefined && change.reviewDate !== plan.reviewDate) set.reminderForDate = null;
    const after = await saveVersion(tx, actor, plan, version, set, 'edited', at);
    await repo.insertChanges(tx, diffs.map((d) => ({ id: uuidv7(), planId: id, trustId: plan.trustId, version: after.version, field: d.field,
      fromValue: d.from, toValue: d.to, changedBy: actor.userId, changedAt: at })));
    audit.record({ action: 'plan.update', entityType: ENTITY, entityId: id, siteId: pupil.siteId,
      details: { pupilId: pupil.id, version: after.version, fields: diffs.map((d) => d.field) } });
    return loadPlan(tx, actor, after, pupil);
  });
}

export async function sign(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number): Promise<TPlan> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { plan, pupil } = await writablePlan(tx, actor, id);
    mustAllow(plan, 'sign', 'A superseded plan cannot be signed.');
    const at = new Date();
    const after = await saveVersion(tx, actor, plan, version, { authorSignedBy: actor.userId, authorSignedAt: at, authorSignedVersion: version + 1 }, 'signed', at);
    audit.record({ action: 'plan.sign', entityType: ENTITY, entityId: id, siteId: pupil.siteId, details: { pupilId: pupil.id, version: after.version } });
    return loadPlan(tx, actor, after, pupil);
  });
}

export async function activate(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number): Promise<TPlan> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { plan, pupil } = await writablePlan(tx, actor, id);
    if (plan.status !== 'draft') throw conflict(plan.status === 'active' ? 'This plan is already active.' : 'A superseded plan cannot be activated again: start a new plan from it.');
    if (plan.version !== version) throw staleVersion('plan');
    const problem = activationProblem(repo.contentOf(plan), londonToday());
    if (problem) throw fieldError(problem.field, problem.message);
    const at = new Date();
    const previous = await repo.activePlanForPupil(tx, pupil.id);
    if (previous) {
      await saveVersion(tx, actor, previous.plan, previous.plan.version, { status: 'superseded', supersededAt: at, supersededByPlanId: id }, 'superseded', at);
      audit.record({ action: 'plan.supersede', entityType: ENTITY, entityId: previous.planId, siteId: pupil.siteId, details: { pupilId: pupil.id, supersededBy: id } });
    }
    const after = await saveVersion(tx, actor, plan, version, { status: 'active', activatedAt: at, activatedBy: actor.userId }, 'activated', at);
    audit.record({ action: 'plan.activate', entityType: ENTITY, entityId: id, siteId: pupil.siteId,
      details: { pupilId: pupil.id, version: after.version, superseded: previous?.planId ?? null } });
    return loadPlan(tx, actor, after, pupil);
  });
}

/** A parent's acknowledgement of the plan as it stands, recorded by staff (which parent, when, how). */
export async function acknowledge(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZPlanAcknowledge>): Promise<TPlan> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { plan, pupil } = await writablePlan(tx, actor, id);
    mustAllow(plan, 'acknowledge', 'Only the active plan is acknowledged by a parent: activate it first.');
    const contacts = await lookups.contactsOfPupil(tx, pupil.id);
    if (!contacts.some((c) => c.id === body.contactId)) throw fieldError('contactId', 'Choose one of the pupil\'s parents or carers');
    const at = new Date(body.acknowledgedAt);
    if (at.getTime() > Date.now() + 5 * 60_000) throw fieldError('acknowledgedAt', 'The acknowledgement cannot be in the future');
    if (at < plan.createdAt) throw fieldError('acknowledgedAt', 'The acknowledgement cannot be before the plan was written');
    if (plan.version !== body.version) throw staleVersion('plan');
    const ackId = uuidv7();
    await repo.insertAcknowledgement(tx, { id: ackId, planId: id, trustId: plan.trustId, planVersion: plan.version, contactId: body.contactId,
      method: body.method, acknowledgedAt: at, recordedVia: 'staff', recordedBy: actor.userId, note: body.note || null });
    audit.record({ action: 'plan.acknowledge', entityType: ENTITY, entityId: id, siteId: pupil.siteId,
      details: { pupilId: pupil.id, version: plan.version, contactId: body.contactId, method: body.method, acknowledgementId: ackId } });
    return loadPlan(tx, actor, plan, pupil);
  });
}
