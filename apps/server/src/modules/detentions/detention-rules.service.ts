/**
 * Linking escalation rules (POL-3) to a detention type: the rule's action "assign a detention of type X". Managed by
 * whoever manages the rule (policy.manage at its scope); the engine (detentions.auto.ts) acts on the link.
 */
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { fieldError } from '../../core/http/errors.ts';
import * as escalationRepo from '../policy/escalation.repo.ts';
import { assertMayManageEntry, entryActions, readSite } from '../policy/policy.access.ts';
import * as repo from './detentions.repo.ts';

export async function list(deps: Deps, actor: Actor, siteId: string | undefined) {
  const site = readSite(actor, siteId);
  const db = deps.database.db;
  const rules = await escalationRepo.listRules(db, actor.trustId, site);
  const links = await repo.ruleTypes(db, actor.trustId, rules.map((r) => r.id));
  return {
    items: rules.map((r) => ({ ruleId: r.id, ruleName: r.name, siteId: r.siteId, active: r.active, detentionTypeId: links.get(r.id) ?? null, allowed: entryActions(actor, r.siteId) })),
  };
}

export async function link(deps: Deps, actor: Actor, ctx: AuditContext, ruleId: string, detentionTypeId: string | null) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const rule = await escalationRepo.findRule(tx, actor.trustId, ruleId);
    assertMayManageEntry(actor, rule, 'escalation rule');
    if (detentionTypeId) {
      const type = await repo.findType(tx, actor.trustId, detentionTypeId);
      if (!type || !type.active || (type.siteId !== null && type.siteId !== rule.siteId)) {
        throw fieldError('detentionTypeId', rule.siteId === null ? 'A trust-wide rule needs a trust-wide detention type' : 'Not a detention type in use at this site');
      }
    }
    const before = (await repo.ruleTypes(tx, actor.trustId, [ruleId])).get(ruleId) ?? null;
    await repo.setRuleType(tx, actor.trustId, ruleId, detentionTypeId);
    audit.record({ action: 'policy.escalation_rule.detention', entityType: 'escalation_rule', entityId: ruleId, siteId: rule.siteId, details: { before: { detentionTypeId: before }, after: { detentionTypeId } } });
    return { ruleId, ruleName: rule.name, siteId: rule.siteId, active: rule.active, detentionTypeId, allowed: entryActions(actor, rule.siteId) };
  });
}
