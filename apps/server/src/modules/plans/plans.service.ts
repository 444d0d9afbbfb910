/**
 * Behaviour support plans (SUP-1), the reading side and starting a plan: a pupil's plans, one plan, its versions and
 * field-level history, the editor's choices, and a new draft (from the trust's template, the pupil's previous plan,
 * or a plan written for the pupil at another site). Every member of staff at the pupil's current site reads the
 * pupil's plans (plan.read); leads and the SENCo write them (plan.write). Parents and governors hold neither; staff at
 * another site see "not found". Every read of a plan is audited as special-category data.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TPlan, TPlanHistory, TPlanList, TPlanOptions, ZPlanCreate } from '@haven/contracts';
import { PLAN_FIELD_LABELS } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import type { PlanContent } from '../../db/schema/plans.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { londonToday } from '../../core/time.ts';
import { loadEffectivePolicy } from '../policy/policy.service.ts';
import * as repo from './plans.repo.ts';
import * as lookups from './plans.lookups.repo.ts';
import { fieldsOf, presentPlan, presentSummary, type PresentContext } from './plans.presenter.ts';
import { copiedContent, copySourceProblem, EMPTY_CONTENT } from './plans.rules.ts';
import { wordingForNewPlan } from './plans.template.service.ts';

/** The pupil, if the actor reads plans at the pupil's site (else "not found", so another site learns nothing). */
export async function readablePupil(db: Executor, actor: Actor, pupilId: string): Promise<lookups.PlanPupil> {
  const pupil = await lookups.findPupil(db, actor.trustId, pupilId);
  if (!pupil || !can(actor, 'plan.read', pupil)) throw notFound('pupil');
  return pupil;
}

/** The plan and its pupil, if the actor reads plans at the pupil's current site. */
export async function readablePlan(db: Executor, actor: Actor, id: string): Promise<{ plan: repo.PlanRow; pupil: lookups.PlanPupil }> {
  const plan = await repo.findPlan(db, actor.trustId, id);
  const pupil = plan ? await lookups.findPupil(db, actor.trustId, plan.pupilId) : undefined;
  if (!plan || !pupil || !can(actor, 'plan.read', pupil)) throw notFound('plan');
  return { plan, pupil };
}

export async function writablePlan(db: Executor, actor: Actor, id: string): Promise<{ plan: repo.PlanRow; pupil: lookups.PlanPupil }> {
  const found = await readablePlan(db, actor, id);
  if (!can(actor, 'plan.write', found.pupil)) throw forbidden('You do not write behaviour support plans at that site.');
  return found;
}

export async function siteTechniques(db: Executor, trustId: string, siteId: string): Promise<Map<string, string>> {
  return new Map((await loadEffectivePolicy(db, trustId, siteId)).techniques.map((t) => [t.code, t.label]));
}

export async function presentContext(db: Executor, pupil: lookups.PlanPupil, plans: readonly repo.PlanRow[], acks: readonly repo.PlanAckRow[]): Promise<PresentContext> {
  const people = plans.flatMap((p) => [p.ownerUserId, p.createdBy, p.updatedBy, p.authorSignedBy]).concat(acks.map((a) => a.recordedBy));
  const [siteNames, userNames, contacts, holdLabels] = await Promise.all([
    lookups.siteNames(db, plans.map((p) => p.siteId)), lookups.userNames(db, people), lookups.contactsOfPupil(db, pupil.id),
    siteTechniques(db, pupil.trustId, pupil.siteId),
  ]);
  return { pupil, siteNames, userNames, holdLabels, today: londonToday(),
    contactNames: new Map(contacts.map((c) => [c.id, { name: c.name, relationship: c.relationship }])) };
}

/** One plan as the caller sees it (no audit: callers audit). */
export async function loadPlan(db: Executor, actor: Actor, plan: repo.PlanRow, pupil: lookups.PlanPupil): Promise<TPlan> {
  const acks = await repo.acknowledgementsOf(db, [plan.id]);
  const [ctx, last] = await Promise.all([presentContext(db, pupil, [plan], acks), lookups.lastContentVersion(db, plan.id)]);
  return presentPlan(actor, plan, acks, ctx, last);
}

export async function list(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string): Promise<TPlanList> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const pupil = await readablePupil(tx, actor, pupilId);
    const plans = await repo.plansOfPupil(tx, actor.trustId, pupilId);
    const acks = await repo.acknowledgementsOf(tx, plans.map((p) => p.id));
    const pc = await presentContext(tx, pupil, plans, acks);
    audit.record({ action: 'plan.list.read', entityType: 'pupil', entityId: pupilId, siteId: pupil.siteId, details: { specialCategory: true, plans: plans.length } });
    return {
      pupil: { id: pupil.id, displayName: pupil.displayName, siteId: pupil.siteId },
      items: plans.map((p) => presentSummary(p, acks, pc)),
      allowed: can(actor, 'plan.write', pupil) ? ['create'] : [],
    };
  });
}

export async function get(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<TPlan> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { plan, pupil } = await readablePlan(tx, actor, id);
    audit.record({ action: 'plan.read', entityType: 'behaviour_support_plan', entityId: id, siteId: pupil.siteId, details: { specialCategory: true, pupilId: pupil.id, version: plan.version } });
    return loadPlan(tx, actor, plan, pupil);
  });
}

export async function history(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<TPlanHistory> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { plan, pupil } = await readablePlan(tx, actor, id);
    const [versions, changes] = await Promise.all([repo.versionsOf(tx, id), repo.changesOf(tx, id)]);
    const names = await lookups.userNames(tx, [...versions.map((v) => v.savedBy), ...changes.map((c) => c.changedBy)]);
    audit.record({ action: 'plan.history.read', entityType: 'behaviour_support_plan', entityId: id, siteId: pupil.siteId, details: { specialCategory: true, pupilId: pupil.id, version: plan.version } });
    return {
      versions: versions.map((v) => ({ version: v.version, status: v.status as TPlan['status'], event: v.event, savedByName: names.get(v.savedBy) ?? '',
        savedAt: v.savedAt.toISOString(), fields: fieldsOf(v.content) })),
      changes: changes.map((c) => ({ version: c.version, field: c.field, fieldLabel: PLAN_FIELD_LABELS[c.field as keyof typeof PLAN_FIELD_LABELS] ?? c.field,
        from: c.fromValue, to: c.toValue, changedByName: names.get(c.changedBy) ?? '', changedAt: c.changedAt.toISOString() })),
    };
  });
}

/** The editor's choices: the site's holds and techniques, the staff who may own a plan, the pupil's parents. */
export async function options(deps: Deps, actor: Actor, pupilId: string): Promise<TPlanOptions> {
  const db = deps.database.db;
  const pupil = await readablePupil(db, actor, pupilId);
  const [techniques, owners, contacts] = await Promise.all([
    siteTechniques(db, actor.trustId, pupil.siteId), lookups.possibleOwners(db, actor.trustId, pupil.siteId), lookups.contactsOfPupil(db, pupilId),
  ]);
  return { techniques: [...techniques].map(([code, label]) => ({ code, label })), owners, contacts };
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZPlanCreate>): Promise<TPlan> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const pupil = await lookups.findPupil(tx, actor.trustId, body.pupilId);
    if (!pupil || !can(actor, 'plan.read', pupil)) throw fieldError('pupilId', 'No such pupil at your sites');
    if (!can(actor, 'plan.write', pupil)) throw forbidden('You do not write behaviour support plans at that site.');
    let content: PlanContent = { ...EMPTY_CONTENT, ownerUserId: actor.userId };
    let copiedFrom: string | null = null;
    const dropped: string[] = [];
    if (body.startFrom !== 'template') {
      if (!body.copyFromPlanId) throw fieldError('copyFromPlanId', 'Choose the plan to start from');
      const source = await repo.findPlan(tx, actor.trustId, body.copyFromPlanId);
      if (!source) throw fieldError('copyFromPlanId', 'No such plan');
      const why = copySourceProblem(body.startFrom, source, pupil);
      if (why) throw fieldError('copyFromPlanId', why);
      content = copiedContent(repo.contentOf(source));
      // Holds the pupil's current site does not teach cannot be approved here: the copy leaves them out.
      const known = await siteTechniques(tx, actor.trustId, pupil.siteId);
      dropped.push(...content.approvedHolds.filter((h) => !known.has(h)));
      content.approvedHolds = content.approvedHolds.filter((h) => known.has(h));
      if (content.ownerUserId && !(await lookups.possibleOwners(tx, actor.trustId, pupil.siteId)).some((o) => o.userId === content.ownerUserId)) content.ownerUserId = actor.userId;
      copiedFrom = source.id;
    } else if (body.copyFromPlanId) throw fieldError('copyFromPlanId', 'A plan from the template copies no other plan');
    const id = uuidv7();
    const now = new Date();
    await repo.insertPlan(tx, { id, trustId: actor.trustId, siteId: pupil.siteId, pupilId: pupil.id, status: 'draft', ...content,
      wording: await wordingForNewPlan(tx, actor.trustId), startedFrom: body.startFrom, copiedFromPlanId: copiedFrom,
      createdBy: actor.userId, updatedBy: actor.userId, createdAt: now, updatedAt: now });
    await repo.insertVersion(tx, { id: uuidv7(), planId: id, trustId: actor.trustId, pupilId: pupil.id, version: 1, status: 'draft', content, event: 'created', savedBy: actor.userId, savedAt: now });
    audit.record({ action: 'plan.create', entityType: 'behaviour_support_plan', entityId: id, siteId: pupil.siteId,
      details: { pupilId: pupil.id, startedFrom: body.startFrom, copiedFromPlanId: copiedFrom, holdsLeftOut: dropped } });
    return loadPlan(tx, actor, (await repo.findPlan(tx, actor.trustId, id))!, pupil);
  });
}
