/** Trust administrators create and change sites. */
import type { z } from 'zod';
import type { TSite, ZSiteCreate, ZSiteUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { allowedActions, can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import * as repo from './sites.repo.ts';
import { diff } from '../../core/audit/diff.ts';
import { ensureStaffRecordsAtNewSite } from '../people/people.staff.ts';

const SITE_ACTIONS = { update: 'site.manage' } as const;

export function presentSite(actor: Actor, s: repo.SiteRow): TSite {
  return {
    id: s.id, name: s.name, shortName: s.shortName, urn: s.urn, laCode: s.laCode, establishmentNumber: s.establishmentNumber,
    phase: s.phase as TSite['phase'], kind: s.kind as TSite['kind'], active: s.active, version: s.version,
    allowed: allowedActions(actor, { trustId: s.trustId }, SITE_ACTIONS),
  };
}

function assertManage(actor: Actor) {
  if (!can(actor, 'site.manage', { trustId: actor.trustId })) throw forbidden();
}

export async function list(deps: Deps, actor: Actor) {
  assertManage(actor);
  const rows = await repo.listSites(deps.database.db, actor.trustId);
  return { items: rows.map((s) => presentSite(actor, s)), total: rows.length };
}

async function uniqueShortName(deps: Deps, actor: Actor, shortName: string, exceptId?: string) {
  const all = await repo.listSites(deps.database.db, actor.trustId);
  if (all.some((s) => s.shortName.toLowerCase() === shortName.toLowerCase() && s.id !== exceptId)) {
    throw conflict('Another site already uses that short name.', [{ field: 'shortName', message: 'Already used by another site' }]);
  }
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZSiteCreate>) {
  assertManage(actor);
  await uniqueShortName(deps, actor, body.shortName);
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const s = await repo.insertSite(tx, { trustId: actor.trustId, name: body.name, shortName: body.shortName, urn: body.urn ?? null,
      laCode: body.laCode ?? null, establishmentNumber: body.establishmentNumber ?? null, phase: body.phase, kind: body.kind });
    audit.record({ action: 'site.create', entityType: 'site', entityId: s.id, siteId: s.id, details: { after: body } });
    await ensureStaffRecordsAtNewSite(tx, audit, actor.trustId);
    return s;
  });
  return presentSite(actor, row);
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZSiteUpdate>) {
  assertManage(actor);
  const { version, ...patch } = body;
  if (patch.shortName) await uniqueShortName(deps, actor, patch.shortName, id);
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.findSite(tx, actor.trustId, id);
    if (!before) throw notFound('site');
    const after = await repo.updateSite(tx, id, version, patch);
    if (!after) throw staleVersion('site');
    audit.record({ action: 'site.update', entityType: 'site', entityId: id, siteId: id, details: diff(before, after, Object.keys(patch)) });
    return after;
  });
  return presentSite(actor, row);
}
