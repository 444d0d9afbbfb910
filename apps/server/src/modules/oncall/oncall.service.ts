/**
 * On-call requests (INC-5). A member of staff calls for help at a location; every responder at the site (holders of
 * oncall.respond there and the site's on-call list) gets an in-app notification and a live 'oncall.created' event;
 * acknowledging, resolving and cancelling publish 'oncall.updated' to the requester and the responders.
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
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { effectiveEntry } from '../behaviour/behaviour.rules.ts';
import * as repo from './oncall.repo.ts';
import * as staffRepo from './oncall-staff.repo.ts';
import { locationLabel, presentEvent, presentRequest, type Viewer } from './oncall.presenter.ts';
import { STEP_REFUSED, canStep, locationText, type OnCallStep } from './oncall.rules.ts';

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
    await repo.insertRequest(tx, {
      id, trustId: actor.trustId, siteId, locationCode: input.locationCode ?? null, locationDetail: input.locationDetail || null,
      pupilId, urgency: input.urgency, note: input.note || null, status: 'open', requestedBy: actor.userId, requestedAt: new Date(),
    });
    audit.record({ action: 'oncall.request.create', entityType: ENTITY, entityId: id, siteId,
      details: { urgency: input.urgency, locationCode: input.locationCode ?? null, pupilId } });
    const row = (await repo.findRequest(tx, id))!;
    const event = presentEvent(row, locations);
    const responders = await respondersAt(tx, actor.trustId, siteId);
    for (const userId of responders) after.push(userId, 'oncall.created', { ...event });
    await notify(tx, after, responders.filter((u) => u !== actor.userId), {
      trustId: actor.trustId, siteId, kind: 'oncall.request',
      title: `${input.urgency === 'emergency' ? 'Emergency' : 'Urgent'} help needed: ${locationText(locationLabel(locations, siteId, input.locationCode ?? null), input.locationDetail ?? null)}`,
      body: `${row.requestedByName} at ${row.siteName} has asked for help.`,
      link: '/on-call',
    });
    return presentRequest(row, { userId: actor.userId, responderSiteIds: await responderSiteIds(tx, actor) }, locations);
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
  return { items: rows.map((r) => presentRequest(r, viewer, locations)) };
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
  return presentRequest(row, viewer, await repo.locationOptions(db, actor.trustId));
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
    const set = which === 'acknowledge' ? { status: 'acknowledged', acknowledgedBy: actor.userId, acknowledgedAt: now }
      : which === 'resolve' ? {
        status: 'resolved', resolvedBy: actor.userId, resolvedAt: now, outcome: outcome ?? null,
        // Resolving a call nobody had acknowledged is also its first response.
        ...(r.acknowledgedAt ? {} : { acknowledgedBy: actor.userId, acknowledgedAt: now }),
      }
        : { status: 'cancelled' };
    const from = which === 'acknowledge' ? ['open'] : ['open', 'acknowledged'];
    if (!(await repo.transition(tx, id, from, set))) {
      // Someone else moved it between our read and our write: say what happened.
      throw refusal((await repo.findRequest(tx, id))!.request.status);
    }
    audit.record({ action: `oncall.request.${which}`, entityType: ENTITY, entityId: id, siteId: r.siteId,
      details: { before: { status: r.status }, after: { status: set.status } } });
    const fresh = (await repo.findRequest(tx, id))!;
    const locations = await repo.locationOptions(tx, actor.trustId);
    const event = presentEvent(fresh, locations);
    for (const userId of new Set([r.requestedBy, ...(await respondersAt(tx, actor.trustId, r.siteId))])) after.push(userId, 'oncall.updated', { ...event });
    return presentRequest(fresh, viewer, locations);
  });
  after.publish(deps.hub);
  return result;
}
