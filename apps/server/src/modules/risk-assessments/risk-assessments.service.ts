/**
 * Pupil risk assessments (SUP-2): a pupil's assessments listed, read (audited as special-category data), written as
 * drafts, signed off by a lead, made active (superseding the pupil's previous one) and revised as a new draft. Every
 * change is a version with its field-level changes; a stale version is refused (409). Readers hold
 * risk_assessment.read at the pupil's site, writers risk_assessment.write, and sign-off and activation need
 * risk_assessment.sign_off (a lead).
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TRiskAssessment, TRiskAssessmentHistory, TRiskAssessmentList, ZRiskAssessmentContent } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Executor, Tx } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { pgTimestampToIso, schoolToday } from '../../core/time.ts';
import type { RiskAssessmentContent } from '../../db/schema/risk-assessments.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './risk-assessments.repo.ts';
import { planLabels, plansOfPupil } from './risk-assessments.plans.ts';
import { contentOf, present, type PupilRow } from './risk-assessments.presenter.ts';
import { actionProblem, changesBetween, contentRating, type Action, type Change } from './risk-assessments.rules.ts';

type ContentInput = z.output<typeof ZRiskAssessmentContent>;
const ENTITY = 'risk_assessment';
const res = (p: PupilRow) => ({ trustId: p.trustId, siteId: p.siteId });

/** The pupil, if the actor reads risk assessments at the pupil's site; else 404 (another site's pupil is not there). */
async function readablePupil(db: Executor, actor: Actor, pupilId: string): Promise<PupilRow> {
  const pupil = await repo.findPupil(db, pupilId);
  if (!pupil || !can(actor, 'risk_assessment.read', pupil)) throw notFound('pupil');
  return pupil;
}

async function readable(db: Executor, actor: Actor, id: string, lock = false) {
  const row = await repo.find(db, actor.trustId, id, lock);
  const pupil = row ? await repo.findPupil(db, row.pupilId) : undefined;
  if (!row || !pupil || !can(actor, 'risk_assessment.read', pupil)) throw notFound('risk assessment');
  return { row, pupil };
}

function require(actor: Actor, permission: Permission, pupil: PupilRow): void {
  if (!can(actor, permission, res(pupil))) {
    throw forbidden(permission === 'risk_assessment.sign_off' ? 'Only a behaviour lead, cluster lead or head signs off a risk assessment.' : 'You do not write risk assessments at that site.');
  }
}

async function dto(db: Executor, actor: Actor, deps: Deps, pupil: PupilRow, row: repo.AssessmentRow): Promise<TRiskAssessment> {
  const names = await repo.userNames(db, [row.createdBy, row.updatedBy, row.signedOffBy, row.activatedBy]);
  const plans = await planLabels(db, [row.planId]);
  const revision = row.status === 'active' ? await repo.draftRevisionOf(db, row.id) : undefined;
  return present(actor, pupil, row, names, plans, schoolToday(deps), !!revision);
}

/** The input's content as stored: hazards keep the ids they had (new rows get one); the plan must be this pupil's. */
async function normalise(db: Executor, actor: Actor, deps: Deps, pupil: PupilRow, body: ContentInput, before: RiskAssessmentContent | null): Promise<RiskAssessmentContent> {
  if (body.reviewDate < schoolToday(deps) && body.reviewDate !== before?.reviewDate) throw fieldError('reviewDate', 'The review date must be today or later');
  if (body.planId && !(await plansOfPupil(db, actor.trustId, pupil.id)).some((p) => p.id === body.planId)) {
    throw fieldError('planId', "That is not one of this pupil's behaviour support plans");
  }
  const known = new Set((before?.hazards ?? []).map((h) => h.id));
  const seen = new Set<string>();
  const hazards = body.hazards.map((h, n) => {
    if (h.id && seen.has(h.id)) throw fieldError(`hazards.${n}.id`, 'Each hazard once');
    const id = h.id && known.has(h.id) ? h.id : uuidv7();
    seen.add(id);
    return { id, hazard: h.hazard, atRisk: [...h.atRisk], likelihoodBefore: h.likelihoodBefore, severityBefore: h.severityBefore, controls: h.controls, likelihoodAfter: h.likelihoodAfter, severityAfter: h.severityAfter };
  });
  return { title: body.title, summary: body.summary, hazards, reviewDate: body.reviewDate, planId: body.planId ?? null };
}

async function planLabelOf(db: Executor, ids: (string | null)[]) {
  const labels = await planLabels(db, ids);
  return (id: string | null) => (id ? labels.get(id) ?? 'Behaviour support plan' : null);
}

const EVENTS: Record<string, Change> = {
  sign_off: { field: 'signedOff', label: 'Signed off', before: null, after: 'Signed off' },
  activate: { field: 'status', label: 'Status', before: 'Draft', after: 'Active' },
  supersede: { field: 'status', label: 'Status', before: 'Active', after: 'Superseded' },
};

async function recordVersion(tx: Tx, audit: AuditQueue, actor: Actor, row: repo.AssessmentRow, action: string, version: number, content: RiskAssessmentContent, before: RiskAssessmentContent | null) {
  const event = EVENTS[action];
  const changes = [...(event ? [{ ...event, after: action === 'sign_off' ? `Signed off by ${actor.displayName}` : event.after }] : []),
    ...changesBetween(before, content, await planLabelOf(tx, [before?.planId ?? null, content.planId]))];
  await repo.addVersion(tx, { trustId: row.trustId, assessmentId: row.id, version, action, content, changes, savedBy: actor.userId });
  audit.record({ action: `${ENTITY}.${action}`, entityType: ENTITY, entityId: row.id, siteId: row.siteId,
    details: { pupilId: row.pupilId, version, specialCategory: true, changes: changes.map((c) => ({ field: c.field, before: c.before, after: c.after })) } });
}

export async function list(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string): Promise<TRiskAssessmentList> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const pupil = await readablePupil(tx, actor, pupilId);
    const rows = await repo.ofPupil(tx, actor.trustId, pupilId);
    const plans = await plansOfPupil(tx, actor.trustId, pupilId);
    const labels = new Map(plans.map((p) => [p.id, p.label]));
    const names = await repo.userNames(tx, rows.flatMap((r) => [r.createdBy, r.updatedBy, r.signedOffBy, r.activatedBy]));
    const today = schoolToday(deps);
    const items = rows.map((r) => {
      const p = present(actor, pupil, r, names, labels, today, rows.some((x) => x.previousId === r.id && x.status === 'draft'));
      return { id: p.id, status: p.status, title: p.title, overallRating: p.overallRating, reviewDate: p.reviewDate, reviewDue: p.reviewDue, signedOff: p.signedOff,
        activated: p.activated, supersededAt: p.supersededAt, version: p.version, plan: p.plan, hazardCount: p.hazards.length };
    });
    audit.record({ action: 'pupil.risk_assessments.read', entityType: 'pupil', entityId: pupilId, siteId: pupil.siteId, details: { pupilId, specialCategory: true, count: rows.length } });
    const hasOpenDraft = rows.some((r) => r.status === 'draft');
    return { pupil: { id: pupil.id, displayName: displayName(pupil), siteId: pupil.siteId }, items, plans,
      allowed: can(actor, 'risk_assessment.write', res(pupil)) && !hasOpenDraft && !rows.some((r) => r.status === 'active') ? ['create'] : [] };
  });
}

export async function get(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<TRiskAssessment> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await readable(tx, actor, id);
    audit.record({ action: `${ENTITY}.read`, entityType: ENTITY, entityId: id, siteId: row.siteId, details: { pupilId: row.pupilId, version: row.version, specialCategory: true } });
    return dto(tx, actor, deps, pupil, row);
  });
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: ContentInput & { pupilId: string }): Promise<TRiskAssessment> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const pupil = await repo.findPupil(tx, body.pupilId);
    if (!pupil || !can(actor, 'risk_assessment.read', pupil)) throw fieldError('pupilId', 'No such pupil at your sites');
    require(actor, 'risk_assessment.write', pupil);
    const existing = await repo.ofPupil(tx, actor.trustId, pupil.id);
    if (existing.some((r) => r.status === 'draft')) throw conflict('This pupil already has a draft risk assessment: carry on with that one.');
    if (existing.some((r) => r.status === 'active')) throw conflict('This pupil has an active risk assessment: revise it to start the next version.');
    const content = await normalise(tx, actor, deps, pupil, body, null);
    const id = uuidv7();
    await repo.insert(tx, { id, trustId: actor.trustId, siteId: pupil.siteId, pupilId: pupil.id, status: 'draft', ...content, overallRating: contentRating(content),
      createdBy: actor.userId, updatedBy: actor.userId, version: 1 });
    const row = (await repo.find(tx, actor.trustId, id))!;
    await recordVersion(tx, audit, actor, row, 'create', 1, content, null);
    return dto(tx, actor, deps, pupil, row);
  });
}

/** Locks the assessment, checks the caller may do this and the version they saw is current. */
async function forAction(tx: Tx, actor: Actor, id: string, version: number, action: Action) {
  const { row, pupil } = await readable(tx, actor, id, true);
  require(actor, action === 'sign_off' || action === 'activate' ? 'risk_assessment.sign_off' : 'risk_assessment.write', pupil);
  if (row.version !== version) throw staleVersion('risk assessment');
  const problem = actionProblem(action, row.status as never, !!row.signedOffAt, row.hazards.length);
  if (problem) throw conflict(problem);
  return { row, pupil };
}

async function bump(tx: Tx, row: repo.AssessmentRow, set: Parameters<typeof repo.update>[3]): Promise<repo.AssessmentRow> {
  if (!(await repo.update(tx, row.id, row.version, set))) throw staleVersion('risk assessment');
  return (await repo.find(tx, row.trustId, row.id))!;
}

/** Saves a draft. A change after sign-off takes the sign-off away: a lead signs off what is there now. */
export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: ContentInput & { version: number }): Promise<TRiskAssessment> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await forAction(tx, actor, id, body.version, 'edit');
    const before = contentOf(row);
    const content = await normalise(tx, actor, deps, pupil, body, before);
    if (!changesBetween(before, content).length) return dto(tx, actor, deps, pupil, row);
    const next = await bump(tx, row, { ...content, overallRating: contentRating(content), updatedBy: actor.userId, signedOffBy: null, signedOffAt: null });
    await recordVersion(tx, audit, actor, next, 'update', next.version, content, before);
    return dto(tx, actor, deps, pupil, next);
  });
}

export async function signOff(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number): Promise<TRiskAssessment> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await forAction(tx, actor, id, version, 'sign_off');
    const next = await bump(tx, row, { signedOffBy: actor.userId, signedOffAt: new Date(), updatedBy: actor.userId });
    await recordVersion(tx, audit, actor, next, 'sign_off', next.version, contentOf(next), contentOf(row));
    return dto(tx, actor, deps, pupil, next);
  });
}

/** Makes a signed-off draft the pupil's active assessment; the one active before is superseded (and versioned). */
export async function activate(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number): Promise<TRiskAssessment> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await forAction(tx, actor, id, version, 'activate');
    const previous = await repo.activeOf(tx, row.pupilId, row.id);
    if (previous) {
      const old = await bump(tx, previous, { status: 'superseded', supersededAt: new Date(), updatedBy: actor.userId });
      await recordVersion(tx, audit, actor, old, 'supersede', old.version, contentOf(old), contentOf(previous));
    }
    const next = await bump(tx, row, { status: 'active', activatedBy: actor.userId, activatedAt: new Date(), updatedBy: actor.userId });
    await recordVersion(tx, audit, actor, next, 'activate', next.version, contentOf(next), contentOf(row));
    return dto(tx, actor, deps, pupil, next);
  });
}

/** Starts the next version of the active assessment: a new draft holding what it holds, to change and sign off. */
export async function revise(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number): Promise<TRiskAssessment> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await forAction(tx, actor, id, version, 'revise');
    if (await repo.draftRevisionOf(tx, row.id)) throw conflict('A revision of this risk assessment is already in draft.');
    const content = contentOf(row);
    const newId = uuidv7();
    await repo.insert(tx, { id: newId, trustId: row.trustId, siteId: pupil.siteId, pupilId: row.pupilId, previousId: row.id, status: 'draft', ...content,
      overallRating: contentRating(content), createdBy: actor.userId, updatedBy: actor.userId, version: 1 });
    const draft = (await repo.find(tx, row.trustId, newId))!;
    await recordVersion(tx, audit, actor, draft, 'revise', 1, content, null);
    return dto(tx, actor, deps, pupil, draft);
  });
}

export async function history(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<TRiskAssessmentHistory> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row } = await readable(tx, actor, id);
    audit.record({ action: `${ENTITY}.history.read`, entityType: ENTITY, entityId: id, siteId: row.siteId, details: { pupilId: row.pupilId, specialCategory: true } });
    const versions = await repo.versionsOf(tx, id);
    return { items: versions.map((v) => ({ version: v.version, action: v.action, by: v.savedBy, at: pgTimestampToIso(v.savedAt), changes: v.changes })) };
  });
}

/** The assessment as the PDF shows it (the read audited as a print). */
export async function printable(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<TRiskAssessment> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await readable(tx, actor, id);
    audit.record({ action: `${ENTITY}.print`, entityType: ENTITY, entityId: id, siteId: row.siteId, details: { pupilId: row.pupilId, version: row.version, specialCategory: true } });
    return dto(tx, actor, deps, pupil, row);
  });
}
