/**
 * Detention types (SAN-1): per trust or per site, with a duration, a default location and what a missed detention
 * leads to. Read by anyone who may put a pupil in a detention; changed by those who manage sanctions at the site
 * (trust-wide types by a trust-wide holder). Types are deactivated, never deleted: sessions keep them.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { ZDetentionTypeInput, ZDetentionTypeUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { diff } from '../../core/audit/diff.ts';
import { fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import * as repo from './detentions.repo.ts';
import { presentType } from './detentions.presenter.ts';

export function assertVisibleSite(actor: Actor, siteId: string | undefined): string[] {
  const visible = scope(actor, 'detention.assign').siteIds;
  if (siteId && !visible.includes(siteId)) throw forbidden('You do not work at that site.');
  return siteId ? [siteId] : visible;
}

export async function list(deps: Deps, actor: Actor, siteId: string | undefined) {
  const sites = assertVisibleSite(actor, siteId);
  const rows = await repo.listTypes(deps.database.db, actor.trustId, sites, siteId);
  const canCreate = siteId ? can(actor, 'sanction.manage', { trustId: actor.trustId, siteId }) : scope(actor, 'sanction.manage').siteIds.length > 0;
  return { items: rows.map((r) => presentType(actor, r)), allowed: canCreate ? ['create'] : [] };
}

function assertManage(actor: Actor, siteId: string | null): void {
  if (!can(actor, 'sanction.manage', { trustId: actor.trustId, siteId })) {
    throw forbidden(siteId === null ? 'Only a trust-wide leader can change trust-wide detention types.' : 'You do not manage sanctions at that site.');
  }
}

/** The type a missed detention moves a pupil to: another type of the trust, in force at the same scope. */
async function checkReassign(db: Executor, actor: Actor, selfId: string | null, siteId: string | null, typeId: string | null | undefined): Promise<void> {
  if (!typeId) return;
  if (typeId === selfId) throw fieldError('missedReassignTypeId', 'Choose a different (longer) type');
  const t = await repo.findType(db, actor.trustId, typeId);
  if (!t || (t.siteId !== null && t.siteId !== siteId)) throw fieldError('missedReassignTypeId', 'Not a detention type in force here');
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZDetentionTypeInput>) {
  assertManage(actor, body.siteId);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await checkReassign(tx, actor, null, body.siteId, body.missedReassignTypeId);
    const id = uuidv7();
    const values = { ...body, defaultLocation: body.defaultLocation || null, missedTaskRole: body.missedTaskRole ?? null, missedReassignTypeId: body.missedReassignTypeId ?? null };
    await repo.insertType(tx, { id, trustId: actor.trustId, ...values });
    audit.record({ action: 'detention.type.create', entityType: 'detention_type', entityId: id, siteId: body.siteId, details: { after: values } });
    return presentType(actor, (await repo.findType(tx, actor.trustId, id))!);
  });
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZDetentionTypeUpdate>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.findType(tx, actor.trustId, id);
    if (!before || !(before.siteId === null || scope(actor, 'detention.assign').siteIds.includes(before.siteId))) throw notFound('detention type');
    assertManage(actor, before.siteId);
    await checkReassign(tx, actor, id, before.siteId, body.missedReassignTypeId);
    const { version, ...patch } = body;
    const after = await repo.updateType(tx, id, version, patch);
    if (!after) throw staleVersion('detention type');
    audit.record({ action: 'detention.type.update', entityType: 'detention_type', entityId: id, siteId: before.siteId, details: diff(before, after, Object.keys(patch)) });
    return presentType(actor, after);
  });
}
