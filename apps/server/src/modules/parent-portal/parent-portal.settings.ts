/**
 * The parent portal's settings: the trust's visibility settings (which behaviour categories parents see, whether staff
 * are named; trust admin and leads), a parent's own email preferences per kind of record (PAR-2), and a plan's
 * "shareable with parents" flag (plan.write). Every change is audited.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { PORTAL_KINDS, PORTAL_KIND_LABELS, type TNotificationPreferences, type TPortalSettings, type ZNotificationPreferencesUpdate, type ZPortalSettingsUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, holdsAnywhere, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { clockNow } from '../../core/time.ts';
import { parentNotificationPreferences, parentPortalSettings } from '../../db/schema/parent-portal.ts';
import { behaviourSupportPlans } from '../../db/schema/plans.ts';
import { pupils } from '../../db/schema/pupils.ts';
import * as repo from './parent-portal.repo.ts';
import { frequencies } from './parent-portal.rules.ts';

export async function getSettings(deps: Deps, actor: Actor): Promise<TPortalSettings> {
  const db = deps.database.db;
  const s = await repo.settingsOf(db, actor.trustId);
  const cats = await repo.categoriesAt(db, actor.trustId, null);
  return {
    hiddenCategoryCodes: [...s.hiddenCategoryCodes], hideStaffNames: s.hideStaffNames, version: s.version,
    categories: [...cats].map(([code, c]) => ({ code, name: c.name, polarity: c.polarity })),
    updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null, updatedByName: s.updatedByName,
  };
}

export async function putSettings(deps: Deps, actor: Actor, ctx: AuditContext, b: z.infer<typeof ZPortalSettingsUpdate>): Promise<TPortalSettings> {
  if (!holdsAnywhere(actor, 'parent_portal.manage')) throw forbidden();
  const known = new Set((await repo.categoriesAt(deps.database.db, actor.trustId, null)).keys());
  b.hiddenCategoryCodes.forEach((c, i) => { if (!known.has(c)) throw fieldError(`hiddenCategoryCodes.${i}`, 'Not one of the trust\'s behaviour categories'); });
  const hidden = [...new Set(b.hiddenCategoryCodes)];
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.settingsOf(tx, actor.trustId);
    if (before.version !== b.version) throw staleVersion('setting');
    const row = { hiddenCategoryCodes: hidden, hideStaffNames: b.hideStaffNames, version: before.version + 1, updatedBy: actor.userId, updatedAt: clockNow(deps) };
    if (before.version === 0) await tx.insert(parentPortalSettings).values({ trustId: actor.trustId, ...row });
    else await tx.update(parentPortalSettings).set(row).where(eq(parentPortalSettings.trustId, actor.trustId));
    audit.record({ action: 'parent_portal.settings.update', entityType: 'trust', entityId: actor.trustId, details: {
      before: { hiddenCategoryCodes: before.hiddenCategoryCodes, hideStaffNames: before.hideStaffNames },
      after: { hiddenCategoryCodes: hidden, hideStaffNames: b.hideStaffNames } } });
  });
  return getSettings(deps, actor);
}

export async function getPreferences(deps: Deps, actor: Actor): Promise<TNotificationPreferences> {
  const rows = await deps.database.db.select().from(parentNotificationPreferences).where(eq(parentNotificationPreferences.userId, actor.userId));
  const f = frequencies(new Map(rows.map((r) => [r.kind, r.frequency])));
  return { items: PORTAL_KINDS.map((k) => ({ kind: k, label: PORTAL_KIND_LABELS[k], frequency: f[k] })) };
}

export async function putPreferences(deps: Deps, actor: Actor, ctx: AuditContext, b: z.infer<typeof ZNotificationPreferencesUpdate>) {
  const seen = new Set<string>();
  b.items.forEach((it, i) => { if (seen.has(it.kind)) throw fieldError(`items.${i}.kind`, 'Each kind may be given once'); seen.add(it.kind); });
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    await tx.delete(parentNotificationPreferences).where(and(eq(parentNotificationPreferences.userId, actor.userId),
      inArray(parentNotificationPreferences.kind, b.items.map((i) => i.kind))));
    await tx.insert(parentNotificationPreferences).values(b.items.map((i) => ({ userId: actor.userId, trustId: actor.trustId, kind: i.kind, frequency: i.frequency })));
    audit.record({ action: 'parent.preferences.update', entityType: 'user', entityId: actor.userId, details: { items: b.items } });
  });
  return getPreferences(deps, actor);
}

/** Mark a plan shareable with the pupil's parents (or not): the parents then read and acknowledge it in the portal. */
export async function setPlanSharing(deps: Deps, actor: Actor, ctx: AuditContext, planId: string, shareable: boolean) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = (await tx.select({ p: behaviourSupportPlans, pupilSiteId: pupils.siteId }).from(behaviourSupportPlans)
      .innerJoin(pupils, eq(pupils.id, behaviourSupportPlans.pupilId)).where(eq(behaviourSupportPlans.id, planId)).for('update'))[0];
    const readable = row && (can(actor, 'plan.read', { trustId: row.p.trustId, siteId: row.pupilSiteId }) || can(actor, 'plan.read', { trustId: row.p.trustId, siteId: row.p.siteId }));
    if (!row || !readable) throw notFound('plan');
    if (!can(actor, 'plan.write', { trustId: row.p.trustId, siteId: row.pupilSiteId })) throw forbidden('Only the leads and the SENCO can share a plan with parents.');
    const at = shareable ? (row.p.sharedWithParentsAt ?? clockNow(deps)) : null;
    await tx.update(behaviourSupportPlans).set({ shareableWithParents: shareable, sharedWithParentsAt: at }).where(eq(behaviourSupportPlans.id, planId));
    if (row.p.shareableWithParents !== shareable) {
      audit.record({ action: 'plan.sharing.update', entityType: 'behaviour_support_plan', entityId: planId, siteId: row.p.siteId,
        details: { pupilId: row.p.pupilId, before: row.p.shareableWithParents, after: shareable } });
    }
    return { id: planId, shareableWithParents: shareable, sharedWithParentsAt: at ? at.toISOString() : null };
  });
}
