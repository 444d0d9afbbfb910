/**
 * Managing a site's on-call list (policy.manage at the site): who, besides behaviour leads, senior leaders and heads,
 * is called when someone needs help. Nothing is deleted: taking someone off the list deactivates their row.
 */
import { uuidv7 } from 'uuidv7';
import type { TOnCallStaff } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import * as staffRepo from './oncall-staff.repo.ts';

const ENTITY = 'on_call_staff';

function present(r: staffRepo.StaffRow): TOnCallStaff {
  return { id: r.id, siteId: r.siteId, siteName: r.siteName, userId: r.userId, displayName: r.displayName, email: r.email, active: r.active };
}

function sitesFor(actor: Actor, siteId: string | undefined): string[] {
  const managed = scope(actor, 'policy.manage').siteIds;
  if (siteId && !managed.includes(siteId)) throw forbidden('You do not manage the on-call list of that site.');
  return siteId ? [siteId] : managed;
}

export async function list(deps: Deps, actor: Actor, q: { siteId?: string | undefined; includeInactive?: 'true' | 'false' | undefined }) {
  const rows = await staffRepo.listStaff(deps.database.db, actor.trustId, sitesFor(actor, q.siteId), q.includeInactive === 'true');
  return { items: rows.map(present) };
}

export async function candidates(deps: Deps, actor: Actor, siteId: string) {
  sitesFor(actor, siteId);
  return { items: await staffRepo.candidates(deps.database.db, actor.trustId, siteId) };
}

export async function add(deps: Deps, actor: Actor, ctx: AuditContext, input: { siteId: string; userId: string }) {
  sitesFor(actor, input.siteId);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const eligible = await staffRepo.candidates(tx, actor.trustId, input.siteId);
    if (!eligible.some((c) => c.id === input.userId)) throw fieldError('userId', 'This person does not work at that site');
    const existing = await staffRepo.findStaffFor(tx, input.siteId, input.userId);
    if (existing?.active) throw conflict('This person is already on the on-call list.', [{ field: 'userId', message: 'Already on the on-call list' }]);
    const id = existing?.id ?? uuidv7();
    if (existing) await staffRepo.setStaffActive(tx, id, true);
    else await staffRepo.insertStaff(tx, { id, trustId: actor.trustId, siteId: input.siteId, userId: input.userId });
    audit.record({ action: existing ? 'oncall.staff.reactivate' : 'oncall.staff.add', entityType: ENTITY, entityId: id, siteId: input.siteId,
      details: { userId: input.userId } });
    return present((await staffRepo.findStaffRow(tx, id))!);
  });
}

export async function deactivate(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await staffRepo.findStaffRow(tx, id);
    if (!row || !can(actor, 'policy.manage', row)) throw notFound('on-call list entry');
    if (row.active) {
      await staffRepo.setStaffActive(tx, id, false);
      audit.record({ action: 'oncall.staff.deactivate', entityType: ENTITY, entityId: id, siteId: row.siteId, details: { userId: row.userId } });
    }
    return { ...present(row), active: false };
  });
}
