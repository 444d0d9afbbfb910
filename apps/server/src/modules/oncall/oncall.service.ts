/**
 * On-call requests (INC-5). A member of staff calls for help at a location; the first responders at the site (its
 * on-call list, else its leads; every tier for an emergency) get an in-app notification and a live 'oncall.created'
 * event, and an escalation timer starts (oncall-escalation.service.ts). Saying "I'm coming" (acknowledge), resolving
 * and cancelling publish 'oncall.updated' to the requester and the responders; the caller sees who is coming.
 * A request is visible to the responders of its site and to its requester; to anyone else it does not exist (404).
 */
import { uuidv7 } from 'uuidv7';
import type { TOnCallRequestInput, TOnCallStatus } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { PERMISSIONS } from '../../core/policy/permissions.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { AfterCommit, usersWithRoleAt } from '../../core/notify/notify.ts';
import { effectiveEntry } from '../behaviour/behaviour.rules.ts';
import * as repo from './oncall.repo.ts';
import * as staffRepo from './oncall-staff.repo.ts';
import * as recipients from './oncall-recipients.repo.ts';
import { callPeople, scheduleEscalation, tiersAt } from './oncall-escalation.service.ts';
import { firstCall } from './oncall.escalation.ts';
import { presentEvent, presentRequest, type LocationEntry, type Viewer } from './oncall.presenter.ts';
import { ALREADY_COMING, STEP_REFUSED, canStep, type OnCallStep } from './oncall.rules.ts';

const ENTITY = 'on_call_request';

/** Sites where the actor answers calls: by role, or by being on the site's on-call list while working there. */
export async function responderSiteIds(db: Executor, actor: Actor): Promise<string[]> {
  const byRole = scope(actor, 'oncall.respond').siteIds;
  const worksAt = scope(actor, 'oncall.request').siteIds;
  const listed = (await staffRepo.listedSitesOf(db, actor.trustId, actor.userId)).filter((s) => worksAt.includes(s));
  return [...new Set([...byRole, ...listed])];
}

/** Everyone who answers calls at a site. */
async function respondersAt(db: Executor, trustId: string, siteId: string): Promise<string[]> {
  const [byRole, listed] = [
    await usersWithRoleAt(db, trustId, siteId, PERMISSIONS['oncall.respond'].roles),
    await staffRepo.listedResponders(db, trustId, siteId),
  ];
  return [...new Set([...byRole, ...listed])];
}

async function chooseSite(db: Executor, actor: Actor, input: TOnCallRequestInput): Promise<{ siteId: string; pupilId: string | null }> {
  const worksAt = scope(actor, 'oncall.request').siteIds;
  let pupilSite: string | null = null;
  if (input.pupilId) {
    const pupil = await repo.findPupil(db, input.pupilId);
    if (!pupil || !can(actor, 'pupil.read', pupil)) throw notFound('pupil');
    pupilSite = pupil.siteId;
  }
  if (input.siteId && !worksAt.includes(input.siteId)) throw forbidden('You do not work at that site.');
  const siteId = input.siteId ?? pupilSite ?? (worksAt.length === 1 ? worksAt[0]! : null);
  if (!siteId) throw fieldError('siteId', 'Choose the site where help is needed');
  if (pupilSite && pupilSite !== siteId) throw fieldError('pupilId', 'This pupil is not at that site');
  return { siteId, pupilId: input.pupilId ?? null };
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, input: TOnCallRequestInput) {
  if (!input.locationCode && !input.locationDetail) throw fieldError('locationDetail', 'Say where help is needed');
  const after = new AfterCommit();
  const result = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const { siteId, pupilId } = await chooseSite(tx, actor, input);
    const locations = await repo.locationOptions(tx, actor.trustId);
    if (input.locationCode && !effectiveEntry(locations, siteId, input.locationCode)?.active) {
      throw fieldError('locationCode', "This is not one of the site's locations");
    }
    const id = uuidv7();
    const now = new Date();
    await repo.insertRequest(tx, {
      id, trustId: actor.trustId, siteId, locationCode: input.locationCode ?? null, locationDetail: input.locationDetail || null,
      pupilId, urgency: input.urgency, note: input.note || null, status: 'open', requestedBy: actor.userId, requestedAt: now,
    });
    const row = (await repo.findRequest(tx, id))!;
    const called = firstCall(await tiersAt(tx, actor.trustId, siteId, actor.userId), input.urgency);
    await callPeople(tx, after, row, locations, called, 0, now);
    await scheduleEscalation(tx, actor.trustId, siteId, id, 1, now);
    audit.record({ action: 'oncall.request.create', entityType: ENTITY, entityId: id, siteId,
      details: { urgency: input.urgency, locationCode: input.locationCode ?? null, pupilId, called: called.length } });
    return presentOne(tx, row, { userId: actor.userId, responderSiteIds: await responderSiteIds(tx, actor) }, locations);
  });
  after.publish(deps.hub);
  return result;
}

export async function list(deps: Deps, actor: Actor, q: { siteId?: string | undefined; status: string; limit: number }) {
  const db = deps.database.db;
  const viewer: Viewer = { userId: actor.userId, responderSiteIds: await responderSiteIds(db, actor) };
  const statuses = q.status === 'active' ? ['open', 'acknowledged'] : [q.status];
  const rows = await repo.listRequests(db, { trustId: actor.trustId, responderSiteIds: viewer.responderSiteIds, userId: actor.userId, siteId: q.siteId, statuses, limit: q.limit });
  const locations = rows.length ? await repo.locationOptions(db, actor.trustId) : [];
  const people = await recipients.recipientsOf(db, rows.map((r) => r.request.id));
  return { items: rows.map((r) => presentRequest(r, viewer, locations, people.filter((p) => p.requestId === r.request.id))) };
}

async function presentOne(db: Executor, row: repo.RequestRow, viewer: Viewer, locations: readonly LocationEntry[]) {
  return presentRequest(row, viewer, locations, await recipients.recipientsOf(db, [row.request.id]));
}

async function visibleRequest(db: Executor, actor: Actor, id: string) {
  const row = await repo.findRequest(db, id);
  const viewer: Viewer = { userId: actor.userId, responderSiteIds: await responderSiteIds(db, actor) };
  if (!row || row.request.trustId !== actor.trustId) throw notFound('on-call request');
  if (row.request.requestedBy !== actor.userId && !viewer.responderSiteIds.includes(row.request.siteId)) throw notFound('on-call request');
  return { row, viewer };
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const { row, viewer } = await visibleRequest(db, actor, id);
  return presentOne(db, row, viewer, await repo.locationOptions(db, actor.trustId));
}

/** acknowledge and resolve are for responders of the site; cancel is for the requester. */
export async function step(deps: Deps, actor: Actor, ctx: AuditContext, id: string, which: OnCallStep, outcome?: string) {
  const after = new AfterCommit();
  const result = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, viewer } = await visibleRequest(tx, actor, id);
    const r = row.request;
    const allowed = which === 'cancel' ? r.requestedBy === actor.userId : viewer.responderSiteIds.includes(r.siteId);
    if (!allowed) {
      throw forbidden(which === 'cancel' ? 'Only the person who called for help can cancel the call.' : 'Only on-call responders at this site can do that.');
    }
    const refusal = (status: string) => conflict(STEP_REFUSED[which][status as TOnCallStatus] ?? 'This call has moved on.');
    if (!canStep(r.status as TOnCallStatus, which)) throw refusal(r.status);
    const now = new Date();
    if (which === 'acknowledge') {
      // "I'm coming": the first one moves the call on (and stops its escalation); later ones join the list the caller sees.
      if (!(await recipients.markComing(tx, r.trustId, id, actor.userId, now))) throw conflict(ALREADY_COMING);
      if (r.status === 'acknowledged') {
        audit.record({ action: 'oncall.request.acknowledge', entityType: ENTITY, entityId: id, siteId: r.siteId, details: { joined: true } });
        return publishUpdate(tx, after, actor, id, r, viewer);
      }
    }
    const set = which === 'acknowledge' ? { status: 'acknowledged', acknowledgedBy: actor.userId, acknowledgedAt: now }
      : which === 'resolve' ? {
        status: 'resolved', resolvedBy: actor.userId, resolvedAt: now, outcome: outcome ?? null,
        // Resolving a call nobody had acknowledged is also its first response.
        ...(r.acknowledgedAt ? {} : { acknowledgedBy: actor.userId, acknowledgedAt: now }),
      }
        : { status: 'cancelled' };
    const from = which === 'acknowledge' ? ['open'] : ['open', 'acknowledged'];
    if (!(await repo.transition(tx, id, from, set))) {
      // Someone else moved it between our read and our write: join them if they are coming, else say what happened.
      const moved = (await repo.findRequest(tx, id))!.request.status;
      if (which === 'acknowledge' && moved === 'acknowledged') return publishUpdate(tx, after, actor, id, r, viewer);
      throw refusal(moved);
    }
    audit.record({ action: `oncall.request.${which}`, entityType: ENTITY, entityId: id, siteId: r.siteId,
      details: { before: { status: r.status }, after: { status: set.status } } });
    return publishUpdate(tx, after, actor, id, r, viewer);
  });
  after.publish(deps.hub);
  return result;
}

/** After a step: 'oncall.updated' to the requester, the site's responders and everyone called; the fresh request. */
async function publishUpdate(tx: Executor, after: AfterCommit, actor: Actor, id: string, r: repo.RequestRow['request'], viewer: Viewer) {
  const fresh = (await repo.findRequest(tx, id))!;
  const locations = await repo.locationOptions(tx, actor.trustId);
  const event = presentEvent(fresh, locations);
  const people = await recipients.recipientsOf(tx, [id]);
  const told = new Set([r.requestedBy, ...(await respondersAt(tx, actor.trustId, r.siteId)), ...people.map((p) => p.userId)]);
  for (const userId of told) after.push(userId, 'oncall.updated', { ...event });
  return presentRequest(fresh, viewer, locations, people);
}
