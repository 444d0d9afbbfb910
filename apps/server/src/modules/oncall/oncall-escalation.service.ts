/**
 * Calling people for a request and escalating it (issue 13): the tiers of responders at a site, calling a set of
 * them (recorded in on_call_recipients, an in-app notification, a live event), the escalation timer — a job on the
 * jobs queue, so it survives a restart — and each site's wait before escalating (policy.manage). Rules are in
 * oncall.escalation.ts.
 */
import type { TOnCallSettings } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { scope, type Actor } from '../../core/policy/policy.ts';
import { PERMISSIONS } from '../../core/policy/permissions.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { forbidden } from '../../core/http/errors.ts';
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { enqueue } from '../../core/jobs/queue.ts';
import type { JobContext } from '../../core/jobs/registry.ts';
import * as repo from './oncall.repo.ts';
import * as staffRepo from './oncall-staff.repo.ts';
import * as recipients from './oncall-recipients.repo.ts';
import { presentEvent, type LocationEntry } from './oncall.presenter.ts';
import { escalateAfter, nextEscalation, responderTiers } from './oncall.escalation.ts';

export const ESCALATE_KIND = 'oncall.escalate';
const ENTITY = 'on_call_request';

/** The site's responders in tiers: its on-call list, then its leads (oncall.respond by role); never the caller. */
export async function tiersAt(db: Executor, trustId: string, siteId: string, callerId: string): Promise<string[][]> {
  const listed = await staffRepo.listedResponders(db, trustId, siteId);
  const leads = await usersWithRoleAt(db, trustId, siteId, PERMISSIONS['oncall.respond'].roles);
  return responderTiers([listed, leads], callerId);
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findRequest>>>;

/** Call these people for the request at `level`: recorded, told in the app (bell) and live (banner and sound). */
export async function callPeople(tx: Executor, after: AfterCommit, row: Row, locations: readonly LocationEntry[], userIds: readonly string[], level: number, at: Date): Promise<void> {
  const r = row.request;
  await recipients.addAlerted(tx, r.trustId, r.id, userIds, level, at);
  const event = presentEvent(row, locations);
  for (const userId of userIds) after.push(userId, 'oncall.created', { ...event });
  const urgency = r.urgency === 'emergency' ? 'Emergency' : 'Urgent';
  await notify(tx, after, userIds, {
    trustId: r.trustId, siteId: r.siteId, kind: 'oncall.request',
    title: `${level > 0 ? 'Still no one on the way – ' : ''}${urgency} help needed: ${event.location}`,
    body: `${row.requestedByName} at ${row.siteName} has asked for help.`,
    link: '/on-call',
  });
}

/** Set the timer for the next escalation (in the caller's transaction): a job due once the site's wait has passed. */
export async function scheduleEscalation(tx: Executor, trustId: string, siteId: string, requestId: string, level: number, from: Date): Promise<void> {
  const { seconds } = escalateAfter(await recipients.settingsOf(tx, trustId), siteId);
  await enqueue(tx, {
    kind: ESCALATE_KIND, trustId, payload: { requestId, level }, runAt: new Date(from.getTime() + seconds * 1000),
    dedupeKey: `${ESCALATE_KIND}:${requestId}:${level}`, maxAttempts: 5,
  });
}

/** The escalation job: if the call is still open and at the level before this one, call the next responders. */
export async function escalate(ctx: JobContext, payload: Record<string, unknown>): Promise<void> {
  const requestId = String(payload.requestId ?? '');
  const dueLevel = Number(payload.level ?? 0);
  const after = new AfterCommit();
  await inTransaction(ctx.database, ctx.audit, async (tx, audit) => {
    const row = await repo.findRequest(tx, requestId);
    if (!row) return;
    const r = row.request;
    const tiers = await tiersAt(tx, r.trustId, r.siteId, r.requestedBy);
    const called = new Set((await recipients.recipientsOf(tx, [r.id])).filter((x) => x.alertedAt !== null).map((x) => x.userId));
    const decision = nextEscalation({ status: r.status as never, currentLevel: r.escalationLevel, dueLevel, tiers, called });
    if (decision.kind === 'none') return;
    if (!(await recipients.raiseLevel(tx, r.id, r.escalationLevel, decision.level, ctx.now))) return;
    const fresh = (await repo.findRequest(tx, r.id))!;
    const locations = await repo.locationOptions(tx, r.trustId);
    await callPeople(tx, after, fresh, locations, decision.call, decision.level, ctx.now);
    audit.record({ action: 'oncall.request.escalate', entityType: ENTITY, entityId: r.id, siteId: r.siteId,
      details: { level: decision.level, called: decision.call.length, again: decision.again } });
    // the caller and everyone already called see the new level
    const event = presentEvent(fresh, locations);
    for (const userId of new Set([r.requestedBy, ...called])) if (!decision.call.includes(userId)) after.push(userId, 'oncall.updated', { ...event });
    if (decision.scheduleNext) await scheduleEscalation(tx, r.trustId, r.siteId, r.id, decision.level + 1, ctx.now);
  });
  after.publish(ctx.deps.hub);
}

function settingSites(actor: Actor, siteId: string | null | undefined): void {
  const s = scope(actor, 'policy.manage');
  if (siteId ? !s.siteIds.includes(siteId) : !s.trustWide) {
    throw forbidden(siteId ? 'You do not manage the policy of that site.' : 'Only a trust-wide role sets the trust-wide wait.');
  }
}

export async function getSettings(deps: Deps, actor: Actor, siteId: string | undefined): Promise<TOnCallSettings> {
  if (siteId) settingSites(actor, siteId);
  const settings = await recipients.settingsOf(deps.database.db, actor.trustId);
  if (!siteId) {
    const trust = settings.find((s) => s.siteId === null);
    return { siteId: null, escalateAfterSeconds: trust?.escalateAfterSeconds ?? escalateAfter([], '').seconds, source: trust ? 'trust' : 'default' };
  }
  const e = escalateAfter(settings, siteId);
  return { siteId, escalateAfterSeconds: e.seconds, source: e.source };
}

export async function putSettings(deps: Deps, actor: Actor, ctx: AuditContext, input: { siteId: string | null; escalateAfterSeconds: number }) {
  settingSites(actor, input.siteId);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await recipients.upsertSetting(tx, actor.trustId, input.siteId, input.escalateAfterSeconds, new Date());
    audit.record({ action: 'oncall.settings.update', entityType: 'on_call_settings', entityId: input.siteId ?? actor.trustId,
      ...(input.siteId ? { siteId: input.siteId } : {}), details: { before: { escalateAfterSeconds: before }, after: { escalateAfterSeconds: input.escalateAfterSeconds } } });
  });
  return getSettings(deps, actor, input.siteId ?? undefined);
}

