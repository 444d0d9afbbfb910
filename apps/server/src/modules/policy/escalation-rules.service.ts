/** Managing escalation rules (POL-3). Trust-wide rules apply at every site; a site's rules add to them. */
import type { z } from 'zod';
import { ESCALATION_NOTIFY_ROLES, ROLE_LABELS, type TEscalationRule, type ZEscalationRuleCreate, type ZEscalationRuleUpdate, type ZPolicyScopeQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { diff } from '../../core/audit/diff.ts';
import { fieldError, staleVersion } from '../../core/http/errors.ts';
import * as repo from './escalation.repo.ts';
import { assertMayManageEntry, assertMayManageScope, listActions, listScope } from './policy.access.ts';
import { presentRule } from './policy.presenter.ts';
import { assertCatalogueEntry } from '../support-interventions/support-catalogue.service.ts';

/** A rule notifies a role that can open the task it creates (task.read). */
function checkNotifyRole(role: string | undefined): void {
  if (role !== undefined && !(ESCALATION_NOTIFY_ROLES as readonly string[]).includes(role)) {
    throw fieldError('notifyRole', `Choose a role that can see tasks: ${ESCALATION_NOTIFY_ROLES.map((r) => ROLE_LABELS[r]).join(', ')}`);
  }
}

const uniqueCodes = (codes: readonly string[] | undefined) => (codes === undefined ? undefined : [...new Set(codes)]);

export async function listRules(deps: Deps, actor: Actor, q: z.infer<typeof ZPolicyScopeQuery>): Promise<{ items: TEscalationRule[]; allowed: string[] }> {
  const s = listScope(actor, q);
  const rows = await repo.listRules(deps.database.db, actor.trustId, s.siteId);
  return { items: rows.map((r) => presentRule(actor, r)), allowed: listActions(actor, s.siteId) };
}

export async function createRule(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZEscalationRuleCreate>): Promise<TEscalationRule> {
  assertMayManageScope(actor, body.siteId);
  checkNotifyRole(body.notifyRole);
  const values = { ...body, categoryCodes: uniqueCodes(body.categoryCodes) ?? [], suggestion: body.suggestion || null };
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    if (values.suggestInterventionTypeId) await assertCatalogueEntry(tx, actor.trustId, values.suggestInterventionTypeId, 'suggestInterventionTypeId');
    const row = await repo.insertRule(tx, { trustId: actor.trustId, ...values });
    audit.record({ action: 'policy.escalation_rule.create', entityType: 'escalation_rule', entityId: row.id, siteId: row.siteId, details: { after: values } });
    return presentRule(actor, row);
  });
}

export async function updateRule(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZEscalationRuleUpdate>): Promise<TEscalationRule> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.findRule(tx, actor.trustId, id);
    assertMayManageEntry(actor, before, 'escalation rule');
    checkNotifyRole(body.notifyRole);
    if (body.suggestInterventionTypeId) await assertCatalogueEntry(tx, actor.trustId, body.suggestInterventionTypeId, 'suggestInterventionTypeId');
    const { version, ...rest } = body;
    const patch = {
      ...rest,
      ...(rest.categoryCodes !== undefined ? { categoryCodes: uniqueCodes(rest.categoryCodes) } : {}),
      ...(rest.suggestion !== undefined ? { suggestion: rest.suggestion || null } : {}),
    };
    const after = await repo.updateRule(tx, id, version, patch);
    if (!after) throw staleVersion('escalation rule');
    audit.record({ action: 'policy.escalation_rule.update', entityType: 'escalation_rule', entityId: id, siteId: after.siteId, details: diff(before, after, Object.keys(patch)) });
    return presentRule(actor, after);
  });
}
