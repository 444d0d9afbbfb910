/**
 * Visits (TRP-1, TRP-2, TRP-4): proposed and planned by staff at a site (visit.plan), read by the site's staff
 * (visit.read; each read of a visit is audited as special-category data, since it carries medical flags and plan key
 * points), submitted for approval along the path its category takes, and let leave only when the checklist is done.
 * Another site's visit is not there (404); a role that may not do something is refused (403). Every write is audited.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TVisit, TVisitStatus, ZVisitDecision, ZVisitEvaluationInput, ZVisitParticipants, ZVisitProposal, ZVisitRisk, ZVisitUpdate } from '@haven/contracts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Executor, Tx } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { Deps } from '../../core/http/context.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import * as repo from './visits.repo.ts';
import { load } from './visits.presenter.ts';
import { BEFORE_DEPARTURE, missingItems, PLAN_EDITABLE, proposalProblem, statusAfterApproval, statusOnSubmit, STEP_OF } from './visits.rules.ts';

const ENTITY = 'visit';
const res = (v: { trustId: string; siteId: string }) => ({ trustId: v.trustId, siteId: v.siteId });

export async function readable(db: Executor, actor: Actor, id: string, lock = false): Promise<repo.VisitRow> {
  const row = await repo.find(db, actor.trustId, id, lock);
  if (!row || !can(actor, 'visit.read', res(row))) throw notFound('visit');
  return row;
}

function need(actor: Actor, permission: Permission, row: repo.VisitRow, message: string): void {
  if (!can(actor, permission, res(row))) throw forbidden(message);
}

function inStatus(row: repo.VisitRow, statuses: readonly TVisitStatus[], message: string): void {
  if (!statuses.includes(row.status as TVisitStatus)) throw conflict(message);
}

export async function present(db: Executor, actor: Actor, row: repo.VisitRow): Promise<TVisit> {
  return (await load(db, actor, row, await repo.isCoordinator(db, row.siteId, actor.userId))).dto;
}

function record(audit: AuditQueue, row: repo.VisitRow, action: string, details: Record<string, unknown> = {}): void {
  audit.record({ action: `${ENTITY}.${action}`, entityType: ENTITY, entityId: row.id, siteId: row.siteId, details });
}

async function bump(tx: Tx, row: repo.VisitRow, version: number, set: Parameters<typeof repo.update>[3]): Promise<repo.VisitRow> {
  if (row.version !== version) throw staleVersion('visit');
  const next = await repo.update(tx, row.id, version, set);
  if (!next) throw staleVersion('visit');
  return next;
}

export async function list(deps: Deps, actor: Actor, siteId: string | undefined) {
  const sites = scope(actor, 'visit.read').siteIds.filter((s) => !siteId || s === siteId);
  const rows = await repo.listAt(deps.database.db, actor.trustId, sites);
  return {
    items: rows.map((r) => ({ id: r.v.id, siteId: r.v.siteId, siteName: r.siteName, purpose: r.v.purpose, venue: r.v.venue, startDate: r.v.startDate, endDate: r.v.endDate,
      status: r.v.status as TVisitStatus, categoryName: r.categoryName, leaderName: r.leaderName, pupilCount: r.pupilCount, staffCount: r.staffCount })),
    allowed: scope(actor, 'visit.plan').siteIds.length ? ['create'] : [],
  };
}

export async function get(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id);
    const dto = await present(tx, actor, row);
    record(audit, row, 'read', { specialCategory: true, pupils: dto.pupils.length });
    return dto;
  });
}

type Proposal = z.output<typeof ZVisitProposal>;
async function checkProposal(db: Executor, actor: Actor, siteId: string, p: Omit<Proposal, 'siteId'>) {
  const problem = proposalProblem(p);
  if (problem) throw fieldError(problem.field, problem.message);
  const category = await repo.category(db, actor.trustId, p.categoryId);
  if (!category || !category.active) throw fieldError('categoryId', 'Choose one of the trust’s visit categories');
  if (p.leaderStaffId && !(await repo.staffAtSite(db, actor.trustId, siteId, [p.leaderStaffId])).length) throw fieldError('leaderStaffId', 'The leader is a member of staff at the visit’s site');
}
const planFields = (p: Omit<Proposal, 'siteId'>) => ({
  purpose: p.purpose, venue: p.venue, startDate: p.startDate, departTime: p.departTime, endDate: p.endDate, returnTime: p.returnTime,
  itinerary: p.itinerary.map((s) => ({ date: s.date, time: s.time, place: s.place, notes: s.notes })), transport: p.transport, categoryId: p.categoryId,
  leaderStaffId: p.leaderStaffId, ratioPupilsPerAdult: p.ratioPupilsPerAdult,
});

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: Proposal): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    if (!can(actor, 'visit.read', { trustId: actor.trustId, siteId: body.siteId })) throw fieldError('siteId', 'Not one of your sites');
    if (!can(actor, 'visit.plan', { trustId: actor.trustId, siteId: body.siteId })) throw forbidden('You do not plan visits at that site.');
    await checkProposal(tx, actor, body.siteId, body);
    const id = uuidv7();
    await repo.insert(tx, { id, trustId: actor.trustId, siteId: body.siteId, ...planFields(body), createdBy: actor.userId });
    const row = (await repo.find(tx, actor.trustId, id))!;
    if (row.leaderStaffId) await repo.setParticipants(tx, row.trustId, id, [], [row.leaderStaffId]);
    record(audit, row, 'create', { after: planFields(body) });
    return present(tx, actor, row);
  });
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZVisitUpdate>): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    need(actor, 'visit.plan', row, 'You do not plan visits at that site.');
    inStatus(row, PLAN_EDITABLE, 'The plan is changed only while it is a draft or returned for changes.');
    await checkProposal(tx, actor, row.siteId, body);
    const next = await bump(tx, row, body.version, planFields(body));
    record(audit, next, 'update', { after: planFields(body) });
    return present(tx, actor, next);
  });
}

export async function participants(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZVisitParticipants>): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    need(actor, 'visit.plan', row, 'You do not plan visits at that site.');
    inStatus(row, BEFORE_DEPARTURE, 'Participants change only before the visit leaves.');
    const okPupils = new Set((await repo.pupilsAtSite(tx, row.trustId, row.siteId, body.pupilIds)).map((p) => p.id));
    body.pupilIds.forEach((p, n) => { if (!okPupils.has(p)) throw fieldError(`pupilIds.${n}`, 'Not a pupil at the visit’s site'); });
    const okStaff = new Set((await repo.staffAtSite(tx, row.trustId, row.siteId, body.staffIds)).map((p) => p.id));
    body.staffIds.forEach((p, n) => { if (!okStaff.has(p)) throw fieldError(`staffIds.${n}`, 'Not a member of staff at the visit’s site'); });
    const before = { pupils: (await repo.pupilsOf(tx, id)).map((p) => p.id), staff: (await repo.staffOf(tx, id)).map((s) => s.id) };
    await repo.setParticipants(tx, row.trustId, id, body.pupilIds, body.staffIds);
    const next = await bump(tx, row, body.version, {});
    record(audit, next, 'participants', { before, after: { pupils: body.pupilIds, staff: body.staffIds } });
    return present(tx, actor, next);
  });
}

export async function risk(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZVisitRisk>): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    need(actor, 'visit.plan', row, 'You do not plan visits at that site.');
    inStatus(row, BEFORE_DEPARTURE, 'The risk assessment changes only before the visit leaves.');
    const lib = new Set((await repo.library(tx, row.trustId)).map((l) => l.id));
    body.adoptedAssessmentIds.forEach((a, n) => { if (!lib.has(a) && !row.adoptedAssessmentIds.includes(a)) throw fieldError(`adoptedAssessmentIds.${n}`, 'Not one of the trust’s generic assessments'); });
    const known = new Set(row.ownHazards.map((h) => h.id));
    const ownHazards = body.ownHazards.map((h) => ({ id: h.id && known.has(h.id) ? h.id : uuidv7(), hazard: h.hazard, controls: h.controls }));
    const next = await bump(tx, row, body.version, { adoptedAssessmentIds: body.adoptedAssessmentIds, ownHazards, riskConfirmedBy: null, riskConfirmedAt: null });
    record(audit, next, 'risk', { after: { adoptedAssessmentIds: body.adoptedAssessmentIds, ownHazards } });
    return present(tx, actor, next);
  });
}

export async function confirmRisk(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    need(actor, 'visit.plan', row, 'You do not plan visits at that site.');
    inStatus(row, BEFORE_DEPARTURE, 'The visit has left.');
    if (!row.adoptedAssessmentIds.length && !row.ownHazards.length) throw conflict('Adopt a generic assessment or add the visit’s own hazards first.');
    const next = await bump(tx, row, version, { riskConfirmedBy: actor.userId, riskConfirmedAt: new Date() });
    record(audit, next, 'risk.confirm');
    return present(tx, actor, next);
  });
}

export async function submit(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    need(actor, 'visit.plan', row, 'You do not plan visits at that site.');
    inStatus(row, PLAN_EDITABLE, 'Only a draft or a returned visit is submitted.');
    const category = (await repo.category(tx, row.trustId, row.categoryId))!;
    const standing = category.preApproved ? await repo.currentStandingApproval(tx, row.siteId, row.categoryId, row.startDate, row.endDate) : undefined;
    const status = statusOnSubmit(category, !!standing);
    const next = await bump(tx, row, version, { status, standingApprovalId: standing?.id ?? null });
    await repo.addStep(tx, { id: uuidv7(), trustId: row.trustId, visitId: id, step: 'submit', decision: 'submitted', byUserId: actor.userId });
    if (standing) await repo.addStep(tx, { id: uuidv7(), trustId: row.trustId, visitId: id, step: 'standing', decision: 'approved', comment: `Standing approval: ${standing.description} (until ${standing.expiresOn})`, byUserId: actor.userId });
    record(audit, next, 'submit', { status, standingApprovalId: standing?.id ?? null });
    return present(tx, actor, next);
  });
}

async function mayDecide(tx: Tx, actor: Actor, row: repo.VisitRow) {
  const step = STEP_OF[row.status as TVisitStatus];
  if (!step) throw conflict('The visit is not awaiting approval.');
  const evc = await repo.isCoordinator(tx, row.siteId, actor.userId);
  const head = can(actor, 'visit.approve', res(row));
  const ok = step === 'evc' ? evc : step === 'head' ? head : head || evc;
  if (!ok) throw forbidden(step === 'evc' ? 'The site’s educational visits coordinator approves this step.' : step === 'head' ? 'The head approves this step.' : 'The EVC or the head records the LA adviser’s approval.');
  return step;
}

export async function approve(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZVisitDecision>): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    const step = await mayDecide(tx, actor, row);
    if (step === 'la' && !body.adviserName) throw fieldError('adviserName', 'Name the LA adviser who approved the visit');
    const category = (await repo.category(tx, row.trustId, row.categoryId))!;
    const status = statusAfterApproval(step, category);
    const next = await bump(tx, row, body.version, { status });
    await repo.addStep(tx, { id: uuidv7(), trustId: row.trustId, visitId: id, step, decision: 'approved', comment: body.comment, adviserName: step === 'la' ? body.adviserName! : null, byUserId: actor.userId });
    record(audit, next, 'approve', { step, status, comment: body.comment });
    return present(tx, actor, next);
  });
}

export async function returnForChanges(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZVisitDecision>): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    const step = await mayDecide(tx, actor, row);
    if (!body.comment) throw fieldError('comment', 'Give the reasons for returning the visit');
    const next = await bump(tx, row, body.version, { status: 'returned' });
    await repo.addStep(tx, { id: uuidv7(), trustId: row.trustId, visitId: id, step, decision: 'returned', comment: body.comment, byUserId: actor.userId });
    record(audit, next, 'return', { step, comment: body.comment });
    return present(tx, actor, next);
  });
}

/** The gate: the visit leaves only when every checklist item is done; otherwise 409 listing what is missing. */
export async function depart(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    need(actor, 'visit.plan', row, 'You do not plan visits at that site.');
    const loaded = await load(tx, actor, row, false);
    const missing = missingItems(loaded.dto.checklist);
    if (!missing.length && row.status !== 'approved') throw conflict('The visit has already left.');
    if (missing.length) throw conflict(`The visit cannot leave yet: ${missing.map((m) => m.label.toLowerCase()).join(', ')}.`, missing.map((m) => ({ field: m.code, message: m.detail || m.label })));
    const next = await bump(tx, row, version, { status: 'departed', departedBy: actor.userId, departedAt: new Date() });
    await repo.addStep(tx, { id: uuidv7(), trustId: row.trustId, visitId: id, step: 'depart', decision: 'done', byUserId: actor.userId });
    record(audit, next, 'depart', { pupils: loaded.pupils.length, staff: loaded.staff.length });
    return present(tx, actor, next);
  });
}

async function simple(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number, from: readonly TVisitStatus[], message: string, action: string, set: Parameters<typeof repo.update>[3]) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    need(actor, 'visit.plan', row, 'You do not plan visits at that site.');
    inStatus(row, from, message);
    const next = await bump(tx, row, version, set);
    await repo.addStep(tx, { id: uuidv7(), trustId: row.trustId, visitId: id, step: action, decision: 'done', byUserId: actor.userId });
    record(audit, next, action);
    return present(tx, actor, next);
  });
}
export const returnHome = (deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number) =>
  simple(deps, actor, ctx, id, version, ['departed'], 'Only a visit that is out comes back.', 'return_home', { status: 'completed', completedAt: new Date() });
export const cancel = (deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number) =>
  simple(deps, actor, ctx, id, version, BEFORE_DEPARTURE, 'A visit that has left cannot be cancelled.', 'cancel', { status: 'cancelled' });

export async function evaluate(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZVisitEvaluationInput> & { version: number }): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    need(actor, 'visit.plan', row, 'You do not plan visits at that site.');
    inStatus(row, ['departed', 'completed'], 'A visit is evaluated once it has taken place.');
    const evaluation = { wentWell: body.wentWell, toImprove: body.toImprove, incidentsSummary: body.incidentsSummary, by: actor.displayName, at: new Date().toISOString() };
    const next = await bump(tx, row, body.version, { evaluation });
    record(audit, next, 'evaluate', { after: evaluation });
    return present(tx, actor, next);
  });
}

/** Links an incident of the visit's site to the visit (shown on the visit). */
export async function linkIncident(deps: Deps, actor: Actor, ctx: AuditContext, id: string, incidentId: string): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    need(actor, 'visit.plan', row, 'You do not plan visits at that site.');
    inStatus(row, [...BEFORE_DEPARTURE, 'departed', 'completed'], 'A cancelled visit has no incidents.');
    const incident = await repo.findIncident(tx, row.trustId, incidentId);
    if (!incident || incident.siteId !== row.siteId) throw fieldError('incidentId', 'No such incident at the visit’s site');
    if (incident.visitId && incident.visitId !== row.id) throw conflict('That incident is linked to another visit.');
    await repo.linkIncident(tx, incidentId, row.id);
    record(audit, row, 'incident.link', { incidentId });
    audit.record({ action: 'incident.visit.link', entityType: 'incident', entityId: incidentId, siteId: row.siteId, details: { visitId: row.id } });
    return present(tx, actor, row);
  });
}

/** Take off a link made by mistake (by hand, or on submit when the incident was not on the visit after all). */
export async function unlinkIncident(deps: Deps, actor: Actor, ctx: AuditContext, id: string, incidentId: string): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    need(actor, 'visit.plan', row, 'You do not plan visits at that site.');
    if (!(await repo.unlinkIncident(tx, incidentId, row.id))) throw fieldError('incidentId', 'That incident is not linked to this visit');
    record(audit, row, 'incident.unlink', { incidentId });
    audit.record({ action: 'incident.visit.unlink', entityType: 'incident', entityId: incidentId, siteId: row.siteId, details: { visitId: row.id } });
    return present(tx, actor, row);
  });
}
