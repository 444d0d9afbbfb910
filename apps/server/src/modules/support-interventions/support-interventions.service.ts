/**
 * Support interventions (SUP-3) for one pupil or a group at one site: the lead member of staff, start and planned end,
 * targets per pupil, and the sessions scheduled on school days. Read with intervention.read at the site (staff there),
 * started, changed and ended with intervention.manage; other sites see nothing (404), parents and governors never.
 * Sessions, points and measures: support-sessions.service.ts; impact: support-impact.service.ts.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { DATA_ROLE_LIST } from '../../core/policy/permissions.ts';
import type { ZSupportInterventionEnd, ZSupportInterventionInput, ZSupportInterventionQuery, ZSupportInterventionUpdate, ZSupportPupilInput, ZSupportTargets } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { usersWithRoleAt } from '../../core/notify/notify.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import * as catalogueRepo from './support-catalogue.repo.ts';
import { assertCatalogueEntry, scalesOf } from './support-catalogue.service.ts';
import * as repo from './support-interventions.repo.ts';
import { mayRecord, presentIntervention, presentSummary } from './support-interventions.presenter.ts';
import { datesProblem, plannedEndFrom, scheduleDays, type Problem } from './support-interventions.rules.ts';

export const problem = (p: Problem | null): void => { if (p) throw fieldError(p.field, p.message); };

export async function visible(db: Executor, actor: Actor, id: string): Promise<repo.InterventionRow> {
  const row = await repo.findIntervention(db, actor.trustId, id);
  if (!row || !can(actor, 'intervention.read', row.i)) throw notFound('intervention');
  return row;
}

export async function manageable(db: Executor, actor: Actor, id: string): Promise<repo.InterventionRow> {
  const row = await visible(db, actor, id);
  if (!can(actor, 'intervention.manage', row.i)) throw forbidden('You do not manage support interventions at that site.');
  return row;
}

/** Sessions, points and measures: a manager at the site or the member of staff leading it, while it is open. */
export async function recordable(db: Executor, actor: Actor, id: string): Promise<repo.InterventionRow> {
  const row = await visible(db, actor, id);
  if (!mayRecord(actor, row)) throw forbidden('Only the member of staff leading this intervention, or a lead at the site, records it.');
  if (row.i.status !== 'open') throw conflict('This intervention has ended: its record is closed.');
  return row;
}

export async function detail(db: Executor, actor: Actor, row: repo.InterventionRow) {
  const members = await repo.membersOf(db, [row.i.id]);
  const { sessions, attendance } = await repo.sessionsOf(db, row.i.id);
  const points = await repo.pointsOf(db, row.i.id);
  const measures = await repo.measuresOf(db, row.i.id);
  const scales = scalesOf(await catalogueRepo.listScales(db, actor.trustId));
  return presentIntervention(actor, row, { members, sessions, attendance, points, measures, scales });
}

export async function list(deps: Deps, actor: Actor, q: z.infer<typeof ZSupportInterventionQuery>) {
  const sites = scope(actor, 'intervention.read').siteIds;
  if (q.siteId && !sites.includes(q.siteId)) throw forbidden('You do not work at that site.');
  const db = deps.database.db;
  const rows = await repo.listInterventions(db, { trustId: actor.trustId, siteIds: q.siteId ? [q.siteId] : sites, pupilId: q.pupilId, status: q.status });
  const members = await repo.membersOf(db, rows.map((r) => r.i.id));
  return { items: rows.map((r) => presentSummary(r, members)), allowed: scope(actor, 'intervention.manage').siteIds.length ? ['create'] : [] };
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  return detail(db, actor, await visible(db, actor, id));
}

async function assertLead(db: Executor, trustId: string, siteId: string, userId: string): Promise<void> {
  if (!(await usersWithRoleAt(db, trustId, siteId, DATA_ROLE_LIST)).includes(userId)) throw fieldError('leadUserId', 'Choose a member of staff who works at this site');
}

async function assertPupils(db: Executor, actor: Actor, siteId: string, ids: readonly string[], fieldOf: (n: number) => string): Promise<void> {
  if (new Set(ids).size !== ids.length) throw fieldError(fieldOf(ids.length - 1), 'A pupil is named twice');
  const found = await repo.pupilsAt(db, actor.trustId, ids);
  for (const [n, id] of ids.entries()) {
    const p = found.find((f) => f.id === id);
    if (!p || !can(actor, 'intervention.read', p)) throw fieldError(fieldOf(n), 'No such pupil at your sites');
    if (p.siteId !== siteId) throw fieldError(fieldOf(n), 'The pupil is at another site: an intervention is for pupils of one site');
  }
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZSupportInterventionInput>) {
  if (!can(actor, 'intervention.manage', { trustId: actor.trustId, siteId: body.siteId })) {
    if (!scope(actor, 'intervention.read').siteIds.includes(body.siteId)) throw fieldError('siteId', 'Choose a site where you work');
    throw forbidden('You do not manage support interventions at that site.');
  }
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const type = await assertCatalogueEntry(tx, actor.trustId, body.typeId, 'typeId');
    if (!type.active) throw fieldError('typeId', 'That intervention is no longer offered in the catalogue');
    const plannedEndDate = body.plannedEndDate ?? plannedEndFrom(body.startDate, type.defaultWeeks);
    problem(datesProblem(body.startDate, plannedEndDate));
    await assertLead(tx, actor.trustId, body.siteId, body.leadUserId);
    await assertPupils(tx, actor, body.siteId, body.pupils.map((p) => p.pupilId), (n) => `pupils.${n}.pupilId`);
    const id = uuidv7();
    const values = { typeId: type.id, title: body.title || type.name, leadUserId: body.leadUserId, startDate: body.startDate, plannedEndDate };
    await repo.insertIntervention(tx, { id, trustId: actor.trustId, siteId: body.siteId, ...values, status: 'open', createdBy: actor.userId });
    await repo.insertMembers(tx, body.pupils.map((p) => ({ interventionId: id, pupilId: p.pupilId, trustId: actor.trustId, targets: p.targets })));
    const days = body.sessionWeekdays.length ? scheduleDays(await loadSiteCalendar(tx, actor.trustId, body.siteId), body.startDate, plannedEndDate, body.sessionWeekdays) : [];
    await repo.insertSessions(tx, days.map((sessionDate) => ({ id: uuidv7(), trustId: actor.trustId, interventionId: id, sessionDate })));
    audit.record({ action: 'support_intervention.create', entityType: 'support_intervention', entityId: id, siteId: body.siteId,
      details: { after: { ...values, pupils: body.pupils, sessionsScheduled: days.length } } });
    return detail(tx, actor, (await repo.findIntervention(tx, actor.trustId, id))!);
  });
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZSupportInterventionUpdate>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await manageable(tx, actor, id);
    if (row.i.status !== 'open') throw conflict('This intervention has ended: its record is closed.');
    const { version, ...set } = body;
    if (set.plannedEndDate) problem(datesProblem(row.i.startDate, set.plannedEndDate));
    if (set.leadUserId) await assertLead(tx, actor.trustId, row.i.siteId, set.leadUserId);
    if (!(await repo.updateIntervention(tx, id, version, set))) throw staleVersion('intervention');
    audit.record({ action: 'support_intervention.update', entityType: 'support_intervention', entityId: id, siteId: row.i.siteId,
      details: { before: { title: row.i.title, leadUserId: row.i.leadUserId, plannedEndDate: row.i.plannedEndDate }, after: set } });
    return detail(tx, actor, (await repo.findIntervention(tx, actor.trustId, id))!);
  });
}

export async function end(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZSupportInterventionEnd>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await manageable(tx, actor, id);
    if (row.i.status !== 'open') throw conflict('This intervention has already ended.');
    if (body.endedOn < row.i.startDate) throw fieldError('endedOn', 'An intervention cannot end before it starts');
    const set = { status: 'ended', endedOn: body.endedOn, endNotes: body.notes || null };
    if (!(await repo.updateIntervention(tx, id, body.version, set))) throw staleVersion('intervention');
    audit.record({ action: 'support_intervention.end', entityType: 'support_intervention', entityId: id, siteId: row.i.siteId, details: { after: set } });
    return detail(tx, actor, (await repo.findIntervention(tx, actor.trustId, id))!);
  });
}

export async function addPupil(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZSupportPupilInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await manageable(tx, actor, id);
    if (row.i.status !== 'open') throw conflict('This intervention has ended: its record is closed.');
    const members = await repo.membersOf(tx, [id]);
    if (members.some((m) => m.pupilId === body.pupilId)) throw fieldError('pupilId', 'The pupil is already in this intervention');
    if (members.length >= 30) throw fieldError('pupilId', 'An intervention has at most 30 pupils');
    await assertPupils(tx, actor, row.i.siteId, [body.pupilId], () => 'pupilId');
    await repo.insertMembers(tx, [{ interventionId: id, pupilId: body.pupilId, trustId: actor.trustId, targets: body.targets }]);
    audit.record({ action: 'support_intervention.pupil.add', entityType: 'support_intervention', entityId: id, siteId: row.i.siteId, details: { pupilId: body.pupilId, targets: body.targets } });
    return detail(tx, actor, row);
  });
}

export async function setTargets(deps: Deps, actor: Actor, ctx: AuditContext, id: string, pupilId: string, body: z.infer<typeof ZSupportTargets>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await recordable(tx, actor, id);
    const before = (await repo.membersOf(tx, [id])).find((m) => m.pupilId === pupilId);
    if (!before || !(await repo.setTargets(tx, id, pupilId, body.targets))) throw notFound('pupil in this intervention');
    audit.record({ action: 'support_intervention.targets', entityType: 'support_intervention', entityId: id, siteId: row.i.siteId, details: { pupilId, before: before.targets, after: body.targets } });
    return detail(tx, actor, row);
  });
}
