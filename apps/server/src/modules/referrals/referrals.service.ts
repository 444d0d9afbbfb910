/**
 * Referrals to agencies (SUP-5): what this module owns (with professional reports, reports.service.ts, and the
 * overdue alerts, referrals.jobs.ts). A referral names a pupil and an agency from the trust's directory, with the
 * date it was made, the reason, its status (draft, sent, accepted, declined, waiting, closed) and the day a response
 * is expected; once that day passes with no response it is overdue.
 */
import type { z } from 'zod';
import type { TReferral, TReferralStatus, ZReferralCreate, ZReferralListQuery, ZReferralUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { allowedActions, can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { findPupil } from '../pupils/pupils.repo.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { findAgency, findContact } from '../agencies/agencies.repo.ts';
import * as repo from './referrals.repo.ts';
import { RESPONSE_STATUSES, datesProblem, isOverdue, statusChangeProblem } from './referrals.rules.ts';

export function presentReferral(actor: Actor, x: repo.ReferralListRow, today: string): TReferral {
  const r = x.r;
  return {
    id: r.id, siteId: r.siteId, pupilId: r.pupilId, pupilName: displayName(x), agency: { id: r.agencyId, name: x.agencyName, kind: x.agencyKind as TReferral['agency']['kind'] },
    contact: r.contactId && x.contactName ? { id: r.contactId, name: x.contactName } : null,
    madeOn: r.madeOn, reason: r.reason, status: r.status as TReferralStatus, expectedResponseOn: r.expectedResponseOn, respondedOn: r.respondedOn,
    outcome: r.outcome, referrer: { id: r.referrerId, name: x.referrerName }, overdue: isOverdue(r, today), version: r.version,
    allowed: r.status === 'closed' ? [] : allowedActions(actor, { trustId: r.trustId, siteId: r.siteId }, { update: 'casework.manage' }),
  };
}

async function readable(db: Executor, actor: Actor, id: string) {
  const x = await repo.findReferral(db, id);
  if (!x || !can(actor, 'casework.read', x.r)) throw notFound('referral');
  return x;
}

export async function list(deps: Deps, actor: Actor, q: z.infer<typeof ZReferralListQuery>) {
  const today = londonToday(clockNow(deps));
  let siteIds = scope(actor, 'casework.read').siteIds;
  if (q.siteId) {
    if (!siteIds.includes(q.siteId)) throw forbidden('You may not read the referrals of that site.');
    siteIds = [q.siteId];
  }
  const rows = await repo.listReferrals(deps.database.db, siteIds, { pupilId: q.pupilId, status: q.status, overdueOn: q.overdue === 'true' ? today : undefined });
  const items = rows.map((x) => presentReferral(actor, x, today));
  return { items: q.overdue === 'false' ? items.filter((i) => !i.overdue) : items };
}

export async function get(deps: Deps, actor: Actor, id: string) {
  return presentReferral(actor, await readable(deps.database.db, actor, id), londonToday(clockNow(deps)));
}

async function checkContact(db: Executor, trustId: string, agencyId: string, contactId: string | null | undefined): Promise<void> {
  if (!contactId) return;
  const c = await findContact(db, trustId, contactId);
  if (!c || c.agencyId !== agencyId) throw fieldError('contactId', 'Not a contact at this agency');
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZReferralCreate>) {
  const db = deps.database.db;
  const found = await findPupil(db, body.pupilId);
  if (!found || !can(actor, 'casework.manage', found.pupil)) throw notFound('pupil');
  const p = found.pupil;
  const agency = await findAgency(db, actor.trustId, body.agencyId);
  if (!agency) throw fieldError('agencyId', 'Not an agency in your directory');
  if (!agency.active) throw fieldError('agencyId', 'This agency is no longer active in your directory');
  await checkContact(db, actor.trustId, agency.id, body.contactId);
  const today = londonToday(clockNow(deps));
  const madeOn = body.madeOn ?? (body.status === 'sent' ? today : null);
  if (madeOn && madeOn > today) throw fieldError('madeOn', 'A referral cannot be made in the future.');
  const problem = datesProblem({ madeOn, expectedResponseOn: body.expectedResponseOn ?? null, respondedOn: null });
  if (problem) throw fieldError(problem.field, problem.message);
  if (body.status === 'sent' && !body.expectedResponseOn) throw fieldError('expectedResponseOn', 'Say when the agency is expected to respond');
  const id = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const rid = await repo.insertReferral(tx, {
      trustId: p.trustId, siteId: p.siteId, pupilId: p.id, agencyId: agency.id, contactId: body.contactId ?? null, madeOn, reason: body.reason,
      status: body.status, expectedResponseOn: body.expectedResponseOn ?? null, referrerId: actor.userId,
    });
    audit.record({ action: 'referral.create', entityType: 'referral', entityId: rid, siteId: p.siteId,
      details: { pupilId: p.id, agencyId: agency.id, status: body.status, madeOn, expectedResponseOn: body.expectedResponseOn ?? null } });
    return rid;
  });
  return get(deps, actor, id);
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZReferralUpdate>) {
  const db = deps.database.db;
  const x = await readable(db, actor, id);
  if (!can(actor, 'casework.manage', x.r)) throw notFound('referral');
  const r = x.r;
  const today = londonToday(clockNow(deps));
  const status = body.status ?? (r.status as TReferralStatus);
  const sp = statusChangeProblem(r.status as TReferralStatus, status);
  if (sp) throw fieldError('status', sp);
  const becomesSent = status === 'sent' && r.status !== 'sent';
  const answered = RESPONSE_STATUSES.includes(status) && !RESPONSE_STATUSES.includes(r.status as TReferralStatus);
  const next = {
    status,
    madeOn: body.madeOn !== undefined ? body.madeOn : (becomesSent && !r.madeOn ? today : r.madeOn),
    expectedResponseOn: body.expectedResponseOn !== undefined ? body.expectedResponseOn : r.expectedResponseOn,
    respondedOn: body.respondedOn !== undefined ? body.respondedOn : (answered && !r.respondedOn ? today : r.respondedOn),
    outcome: body.outcome !== undefined ? body.outcome : r.outcome,
    reason: body.reason ?? r.reason,
    contactId: body.contactId !== undefined ? body.contactId : r.contactId,
  };
  if (next.madeOn && next.madeOn > today) throw fieldError('madeOn', 'A referral cannot be made in the future.');
  if (next.respondedOn && next.respondedOn > today) throw fieldError('respondedOn', 'A response cannot be recorded for a day still to come.');
  const dp = datesProblem(next);
  if (dp) throw fieldError(dp.field, dp.message);
  if (status === 'sent' && !next.expectedResponseOn) throw fieldError('expectedResponseOn', 'Say when the agency is expected to respond');
  await checkContact(db, actor.trustId, r.agencyId, body.contactId);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    if (body.version !== r.version || !(await repo.updateReferral(tx, id, r.version, next))) throw staleVersion('referral');
    audit.record({ action: 'referral.update', entityType: 'referral', entityId: id, siteId: r.siteId,
      details: { pupilId: r.pupilId, before: { status: r.status, expectedResponseOn: r.expectedResponseOn, respondedOn: r.respondedOn }, after: { status: next.status, expectedResponseOn: next.expectedResponseOn, respondedOn: next.respondedOn } } });
  });
  return get(deps, actor, id);
}
