/**
 * Internal exclusion / isolation (SAN-2): sessions (a morning, afternoon, whole day or set times) on school days, in a
 * room with a member of staff and the work set, the pupils in them and the register. Leaders schedule and assign
 * (sanction.manage); those who read sanctions see the sessions; the member of staff in charge takes the register too.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { ZIsolationAssignInput, ZIsolationSessionInput, ZIsolationSessionUpdate, ZRegisterMarkInput } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { usersWithRoleAt } from '../../core/notify/notify.ts';
import { DATA_ROLE_LIST } from '../../core/policy/permissions.ts';
import { londonToday } from '../../core/time.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import * as detentionRepo from '../detentions/detentions.repo.ts';
import * as repo from './isolations.repo.ts';
import { mayMarkIsolation, presentIsolation, presentIsolationPupil } from './isolations.presenter.ts';
import { hasSpace, isolationProblem, markProblem } from './isolations.rules.ts';

const problem = (p: { field: string; message: string } | null): void => { if (p) throw fieldError(p.field, p.message); };

async function visible(db: Executor, actor: Actor, id: string) {
  const row = await repo.findSession(db, actor.trustId, id);
  if (!row || !(can(actor, 'sanction.read', row.session) || row.session.staffUserId === actor.userId)) throw notFound('isolation session');
  return row;
}

function manageable(actor: Actor, row: repo.IsolationRow): void {
  if (!can(actor, 'sanction.manage', row.session)) throw forbidden('You do not manage sanctions at that site.');
}

export async function list(deps: Deps, actor: Actor, q: { siteId?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const sites = scope(actor, 'sanction.read').siteIds;
  if (q.siteId && !sites.includes(q.siteId)) throw forbidden('You do not work at that site.');
  const db = deps.database.db;
  const rows = await repo.listSessions(db, { trustId: actor.trustId, siteIds: q.siteId ? [q.siteId] : sites, from: q.from, to: q.to });
  const pupils = await repo.pupilsOfSessions(db, rows.map((r) => r.session.id));
  const canCreate = q.siteId ? can(actor, 'sanction.manage', { trustId: actor.trustId, siteId: q.siteId }) : false;
  return { items: rows.map((r) => presentIsolation(actor, r, pupils.filter((p) => p.p.sessionId === r.session.id))), allowed: canCreate ? ['create'] : [] };
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const row = await visible(db, actor, id);
  return presentIsolation(actor, row, await repo.pupilsOfSessions(db, [id]));
}

async function assertStaff(db: Executor, trustId: string, siteId: string, userId: string): Promise<void> {
  if (!(await usersWithRoleAt(db, trustId, siteId, DATA_ROLE_LIST)).includes(userId)) throw fieldError('staffUserId', 'Choose a member of staff who works at this site');
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZIsolationSessionInput>) {
  if (!can(actor, 'sanction.manage', { trustId: actor.trustId, siteId: body.siteId })) throw forbidden('You do not manage sanctions at that site.');
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    if (body.date < londonToday()) throw fieldError('date', 'Choose today or a later day');
    problem(isolationProblem(await loadSiteCalendar(tx, actor.trustId, body.siteId), body));
    await assertStaff(tx, actor.trustId, body.siteId, body.staffUserId);
    const id = uuidv7();
    const values = {
      siteId: body.siteId, date: body.date, session: body.session, startTime: body.startTime ?? null, endTime: body.endTime ?? null,
      room: body.room, staffUserId: body.staffUserId, workSet: body.workSet || null, capacity: body.capacity ?? null,
    };
    await repo.insertSession(tx, { id, trustId: actor.trustId, ...values, createdBy: actor.userId });
    audit.record({ action: 'isolation.session.create', entityType: 'isolation_session', entityId: id, siteId: body.siteId, details: { after: values } });
    return presentIsolation(actor, (await repo.findSession(tx, actor.trustId, id))!, []);
  });
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZIsolationSessionUpdate>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await visible(tx, actor, id);
    manageable(actor, row);
    const { version, ...set } = body;
    if (set.staffUserId) await assertStaff(tx, actor.trustId, row.session.siteId, set.staffUserId);
    if (!(await repo.updateSession(tx, id, version, set))) throw staleVersion('isolation session');
    audit.record({ action: 'isolation.session.update', entityType: 'isolation_session', entityId: id, siteId: row.session.siteId, details: { before: { room: row.session.room, staffUserId: row.session.staffUserId, workSet: row.session.workSet }, after: set } });
    return presentIsolation(actor, (await repo.findSession(tx, actor.trustId, id))!, await repo.pupilsOfSessions(tx, [id]));
  });
}

export async function assign(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZIsolationAssignInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.lockSession(tx, id);
    const row = await visible(tx, actor, id);
    manageable(actor, row);
    const s = row.session;
    const pupil = await detentionRepo.findPupil(tx, body.pupilId);
    if (!pupil || pupil.trustId !== actor.trustId || pupil.siteId !== s.siteId) throw fieldError('pupilId', 'No such pupil at this site');
    if (body.incidentId) {
      const incident = await detentionRepo.findIncident(tx, actor.trustId, body.incidentId);
      if (!incident || incident.siteId !== s.siteId || !incident.pupilRoles[body.pupilId]) throw fieldError('incidentId', 'No such incident involving this pupil at this site');
    }
    const current = await repo.pupilsOfSessions(tx, [id]);
    if (current.some((p) => p.p.pupilId === body.pupilId)) throw conflict('This pupil is already in this session.', [{ field: 'pupilId', message: 'Already in this session' }]);
    if (s.capacity !== null && !hasSpace(s.capacity, current.length)) throw conflict(`This session is full (${s.capacity} places).`, [{ field: 'pupilId', message: 'Full' }]);
    const entryId = uuidv7();
    await repo.insertPupil(tx, { id: entryId, trustId: actor.trustId, siteId: s.siteId, sessionId: id, pupilId: body.pupilId, incidentId: body.incidentId ?? null, reason: body.reason || null, assignedBy: actor.userId });
    audit.record({ action: 'isolation.assign', entityType: 'isolation_pupil', entityId: entryId, siteId: s.siteId, details: { sessionId: id, pupilId: body.pupilId, incidentId: body.incidentId ?? null } });
    return presentIsolationPupil((await repo.findPupilEntry(tx, actor.trustId, entryId))!);
  });
}

export async function mark(deps: Deps, actor: Actor, ctx: AuditContext, entryId: string, body: z.infer<typeof ZRegisterMarkInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const entry = await repo.findPupilEntry(tx, actor.trustId, entryId);
    const row = entry ? await repo.findSession(tx, actor.trustId, entry.p.sessionId) : undefined;
    if (!entry || !row || !(can(actor, 'sanction.read', row.session) || row.session.staffUserId === actor.userId)) throw notFound('isolation place');
    if (!mayMarkIsolation(actor, row.session)) throw forbidden('Only the member of staff in charge or a leader can take this register.');
    problem(markProblem(row.session.date, londonToday(), body));
    const excuseReason = body.status === 'excused' ? body.excuseReason!.trim() : null;
    await repo.updatePupil(tx, entryId, { status: body.status, excuseReason, markedBy: actor.userId, markedAt: new Date() });
    audit.record({ action: 'isolation.register.mark', entityType: 'isolation_pupil', entityId: entryId, siteId: row.session.siteId, details: { before: { status: entry.p.status }, after: { status: body.status, excuseReason } } });
    return presentIsolationPupil((await repo.findPupilEntry(tx, actor.trustId, entryId))!);
  });
}
