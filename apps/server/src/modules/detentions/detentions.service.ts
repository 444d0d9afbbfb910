/**
 * Detention sessions, assignments and registers (SAN-1). Anyone who may put a pupil in a detention (detention.assign)
 * sees the sessions of their sites; the pupils in them are shown to those who read sanctions and to the supervisor.
 * Leaders (sanction.manage) schedule sessions and assign any pupil of the site; a member of staff assigns only from an
 * incident they recorded, where the site's policy allows it (setting `staff_assign_detention`, on by default).
 * The register is taken by leaders and by the supervising member of staff; a missed detention escalates by the
 * type's rule (detentions.missed.ts).
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { ZDetentionAssignInput, ZDetentionSessionInput, ZDetentionSessionUpdate, ZRegisterMarkInput } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { AfterCommit, usersWithRoleAt } from '../../core/notify/notify.ts';
import { londonToday } from '../../core/time.ts';
import { DATA_ROLE_LIST } from '../../core/policy/permissions.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import { effectiveSettings } from '../policy/policy.rules.ts';
import * as repo from './detentions.repo.ts';
import { mayMark, presentAssignment, presentSession } from './detentions.presenter.ts';
import { capacityProblem, endTimeFor, markProblem, policyAllowsStaff, sessionProblem, staffMayAssign } from './detentions.rules.ts';
import { assertVisibleSite } from './detention-types.service.ts';
import { finishWrite, newWrite, placePupil } from './detentions.place.ts';
import { escalateMissed } from './detentions.missed.ts';

const problem = (p: { field: string; message: string } | null): void => { if (p) throw fieldError(p.field, p.message); };

async function visibleSession(db: Executor, actor: Actor, id: string) {
  const row = await repo.findSession(db, actor.trustId, id);
  if (!row || !can(actor, 'detention.assign', row.session)) throw notFound('detention session');
  return row;
}

export async function list(deps: Deps, actor: Actor, q: { siteId?: string | undefined; from?: string | undefined; to?: string | undefined; typeId?: string | undefined; withSpace?: string | undefined }) {
  const siteIds = assertVisibleSite(actor, q.siteId);
  const db = deps.database.db;
  let rows = await repo.listSessions(db, { trustId: actor.trustId, siteIds, from: q.from, to: q.to, typeId: q.typeId });
  if (q.withSpace === 'true') rows = rows.filter((r) => !r.session.cancelledAt && r.assigned < r.session.capacity);
  const pupils = await repo.assignmentsOfSessions(db, rows.map((r) => r.session.id));
  const bySession = new Map<string, repo.AssignmentRow[]>();
  for (const p of pupils) bySession.set(p.a.sessionId, [...(bySession.get(p.a.sessionId) ?? []), p]);
  const canCreate = q.siteId ? can(actor, 'sanction.manage', { trustId: actor.trustId, siteId: q.siteId }) : false;
  return { items: rows.map((r) => presentSession(actor, r, bySession.get(r.session.id) ?? [])), allowed: canCreate ? ['create'] : [] };
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const row = await visibleSession(db, actor, id);
  return presentSession(actor, row, await repo.assignmentsOfSessions(db, [id]));
}

async function assertSupervisor(db: Executor, trustId: string, siteId: string, userId: string): Promise<void> {
  const staff = await usersWithRoleAt(db, trustId, siteId, DATA_ROLE_LIST);
  if (!staff.includes(userId)) throw fieldError('supervisorUserId', 'Choose a member of staff who works at this site');
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZDetentionSessionInput>) {
  if (!can(actor, 'sanction.manage', { trustId: actor.trustId, siteId: body.siteId })) throw forbidden('You do not manage sanctions at that site.');
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const type = await repo.findType(tx, actor.trustId, body.typeId);
    if (!type || !type.active || (type.siteId !== null && type.siteId !== body.siteId)) throw fieldError('typeId', 'Not a detention type in use at this site');
    const endTime = body.endTime ?? endTimeFor(body.startTime, type.durationMinutes);
    const room = body.room || type.defaultLocation;
    if (!room) throw fieldError('room', 'Say where the detention is held');
    if (body.date < londonToday()) throw fieldError('date', 'Choose today or a later day');
    problem(sessionProblem(await loadSiteCalendar(tx, actor.trustId, body.siteId), { date: body.date, startTime: body.startTime, endTime }));
    await assertSupervisor(tx, actor.trustId, body.siteId, body.supervisorUserId);
    const id = uuidv7();
    const values = { siteId: body.siteId, typeId: type.id, date: body.date, startTime: body.startTime, endTime, room, supervisorUserId: body.supervisorUserId, capacity: body.capacity };
    await repo.insertSession(tx, { id, trustId: actor.trustId, ...values, createdBy: actor.userId });
    audit.record({ action: 'detention.session.create', entityType: 'detention_session', entityId: id, siteId: body.siteId, details: { after: values } });
    return presentSession(actor, (await repo.findSession(tx, actor.trustId, id))!, []);
  });
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZDetentionSessionUpdate>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.lockSession(tx, id);
    const row = await visibleSession(tx, actor, id);
    const s = row.session;
    if (!can(actor, 'sanction.manage', s)) throw forbidden('You do not manage sanctions at that site.');
    const { version, cancelled, ...rest } = body;
    const startTime = rest.startTime ?? s.startTime;
    const endTime = rest.endTime ?? s.endTime;
    if (rest.startTime !== undefined || rest.endTime !== undefined) {
      problem(sessionProblem(await loadSiteCalendar(tx, actor.trustId, s.siteId), { date: s.date, startTime, endTime }));
    }
    if (rest.capacity !== undefined) problem(capacityProblem(rest.capacity, row.assigned));
    if (rest.supervisorUserId) await assertSupervisor(tx, actor.trustId, s.siteId, rest.supervisorUserId);
    if (cancelled === true && row.assigned > 0) throw conflict('Pupils are still in this session: move them to another session first.', [{ field: 'cancelled', message: 'Session has pupils' }]);
    const set = { ...rest, ...(cancelled === undefined ? {} : { cancelledAt: cancelled ? new Date() : null }) };
    if (!(await repo.updateSession(tx, id, version, set))) throw staleVersion('detention session');
    audit.record({ action: 'detention.session.update', entityType: 'detention_session', entityId: id, siteId: s.siteId, details: { before: { ...s }, after: set } });
    const fresh = (await repo.findSession(tx, actor.trustId, id))!;
    return presentSession(actor, fresh, await repo.assignmentsOfSessions(tx, [id]));
  });
}

/** May this actor put this pupil in a detention at this site (with this incident)? Throws the refusal. */
async function assertMayAssign(db: Executor, actor: Actor, siteId: string, pupilId: string, incidentId: string | null | undefined): Promise<'incident' | 'direct'> {
  const incident = incidentId ? await repo.findIncident(db, actor.trustId, incidentId) : undefined;
  if (incidentId) {
    if (!incident || incident.siteId !== siteId) throw fieldError('incidentId', 'No such incident at this site');
    if (incident.status === 'draft' || incident.voidedAt) throw fieldError('incidentId', 'The incident must be submitted and not voided');
    const role = incident.pupilRoles[pupilId];
    if (role !== 'involved' && role !== 'instigator') throw fieldError('incidentId', 'The pupil was not involved in this incident');
  }
  const source = incidentId ? 'incident' : 'direct';
  if (can(actor, 'sanction.manage', { trustId: actor.trustId, siteId })) return source;
  const settings = effectiveSettings(await repo.settingRows(db, actor.trustId, siteId));
  const ok = staffMayAssign({ policyAllows: policyAllowsStaff(settings), incident: incident ? { recordedBy: incident.createdBy, pupilRoles: incident.pupilRoles } : null, userId: actor.userId, pupilId });
  if (!ok) throw forbidden('Staff can put a pupil in a detention only from an incident they recorded (where the school allows it).');
  return source;
}

export async function assign(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZDetentionAssignInput>) {
  const after = new AfterCommit();
  const comms: string[] = [];
  const result = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const w = { ...newWrite(deps, after, audit), comms };
    const session = await visibleSession(tx, actor, body.sessionId);
    const s = session.session;
    const pupil = await repo.findPupil(tx, body.pupilId);
    if (!pupil || pupil.trustId !== actor.trustId) throw fieldError('pupilId', 'No such pupil');
    if (pupil.siteId !== s.siteId) throw fieldError('pupilId', 'This pupil is not at the site of that session');
    if (s.date < londonToday()) throw fieldError('sessionId', 'That session has already happened');
    const source = await assertMayAssign(tx, actor, s.siteId, body.pupilId, body.incidentId);
    const row = await placePupil(tx, w, {
      trustId: actor.trustId, sessionId: s.id, pupilId: body.pupilId, source, incidentId: body.incidentId ?? null, reason: body.reason ?? null,
      assignedBy: actor.userId, actingUserId: actor.userId,
    });
    return presentAssignment(row);
  });
  finishWrite(deps, after, comms);
  return result;
}

export async function mark(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZRegisterMarkInput>) {
  const after = new AfterCommit();
  const comms: string[] = [];
  const result = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.findAssignment(tx, actor.trustId, id);
    const session = before ? await repo.findSession(tx, actor.trustId, before.a.sessionId) : undefined;
    if (!before || !session || !(can(actor, 'sanction.read', session.session) || mayMark(actor, session.session))) throw notFound('detention');
    if (!mayMark(actor, session.session)) throw forbidden('Only the supervisor or a leader can take this register.');
    problem(markProblem(before.date, londonToday(), body));
    const excuseReason = body.status === 'excused' ? body.excuseReason!.trim() : null;
    await repo.updateAssignment(tx, id, { status: body.status, excuseReason, markedBy: actor.userId, markedAt: new Date() });
    audit.record({ action: 'detention.register.mark', entityType: 'detention_assignment', entityId: id, siteId: before.a.siteId,
      details: { before: { status: before.a.status }, after: { status: body.status, excuseReason } } });
    const fresh = (await repo.findAssignment(tx, actor.trustId, id))!;
    // a missed detention escalates once: marking it missed again (or correcting it later) does not repeat the escalation
    const escalation = body.status === 'missed' && before.a.status !== 'missed'
      ? await escalateMissed(tx, { ...newWrite(deps, after, audit), comms }, { actor, assignment: fresh, session: session.session }) : null;
    return { assignment: presentAssignment(fresh), escalation };
  });
  finishWrite(deps, after, comms);
  return result;
}

export async function forPupil(deps: Deps, actor: Actor, pupilId: string) {
  const db = deps.database.db;
  const pupil = await repo.findPupil(db, pupilId);
  if (!pupil || !can(actor, 'sanction.read', pupil)) throw notFound('pupil');
  return { items: (await repo.assignmentsOfPupil(db, actor.trustId, pupilId)).map(presentAssignment) };
}
