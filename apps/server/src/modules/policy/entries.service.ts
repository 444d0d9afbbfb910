/**
 * Managing policy entries (POL-1): behaviour categories and the other lists (locations, periods, actions,
 * motivations, holds and techniques, settings). Codes never change once made and nothing is deleted, because
 * records keep the codes they were made with: an entry is deactivated instead.
 */
import type { z } from 'zod';
import { POLICY_CODE_MESSAGE, POLICY_CODE_PATTERN, type TCategory, type TOption, type TOptionKind, type ZCategoryCreate, type ZCategoryUpdate, type ZOptionCreate, type ZOptionUpdate, type ZPolicyScopeQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { diff } from '../../core/audit/diff.ts';
import { badRequest, conflict, fieldError, staleVersion, type FieldError } from '../../core/http/errors.ts';
import * as repo from './policy.repo.ts';
import { assertMayManageEntry, assertMayManageScope, listActions, listScope } from './policy.access.ts';
import { presentCategory, presentOption } from './policy.presenter.ts';
import { categoryProblems, checkOptionDetails, compareEntries, overriddenCodes } from './policy.rules.ts';

export function invalid(problems: FieldError[]): Error {
  return badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

/**
 * New codes are capitals; a code in another form is accepted only when a site overrides a trust entry that already
 * has it (seeded or imported data), because the override must carry the exact code records were made with.
 */
async function checkNewCode(code: string, siteId: string | null, trustHasCode: () => Promise<boolean>): Promise<void> {
  if (POLICY_CODE_PATTERN.test(code)) return;
  if (siteId !== null && (await trustHasCode())) return;
  throw fieldError('code', POLICY_CODE_MESSAGE);
}

const codeTaken = (what: string) => conflict(`Another ${what} here already uses that code.`, [{ field: 'code', message: 'Already used: choose another code' }]);

// ---- categories ----
export async function listCategories(deps: Deps, actor: Actor, q: z.infer<typeof ZPolicyScopeQuery>): Promise<{ items: TCategory[]; allowed: string[] }> {
  const s = listScope(actor, q);
  const rows = await repo.listCategories(deps.database.db, actor.trustId, s.siteId);
  const overridden = s.siteId ? overriddenCodes(rows, s.siteId) : new Set<string>();
  const items = rows.map((r) => presentCategory(actor, r, r.siteId === null && overridden.has(r.code)))
    .sort((a, b) => compareEntries(a, b, (x) => x.name) || Number(a.siteId !== null) - Number(b.siteId !== null));
  return { items, allowed: listActions(actor, s.siteId) };
}

export async function createCategory(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZCategoryCreate>): Promise<TCategory> {
  assertMayManageScope(actor, body.siteId);
  const problems = categoryProblems(body);
  if (problems.length) throw invalid(problems);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.lockPolicy(tx, actor.trustId);
    await checkNewCode(body.code, body.siteId, () => repo.categoryCodeTaken(tx, actor.trustId, null, body.code));
    if (await repo.categoryCodeTaken(tx, actor.trustId, body.siteId, body.code)) throw codeTaken('category');
    const row = await repo.insertCategory(tx, { trustId: actor.trustId, ...body });
    audit.record({ action: 'policy.category.create', entityType: 'behaviour_category', entityId: row.id, siteId: row.siteId, details: { after: body } });
    return presentCategory(actor, row);
  });
}

export async function updateCategory(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZCategoryUpdate>): Promise<TCategory> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.findCategory(tx, actor.trustId, id);
    assertMayManageEntry(actor, before, 'category');
    const { version, ...patch } = body;
    if (patch.polarity !== undefined || patch.points !== undefined) {
      const problems = categoryProblems({ polarity: patch.polarity ?? (before.polarity as TCategory['polarity']), points: patch.points ?? before.points });
      if (problems.length) throw invalid(problems);
    }
    const after = await repo.updateCategory(tx, id, version, patch);
    if (!after) throw staleVersion('category');
    audit.record({ action: 'policy.category.update', entityType: 'behaviour_category', entityId: id, siteId: after.siteId, details: diff(before, after, Object.keys(patch)) });
    return presentCategory(actor, after);
  });
}

// ---- options ----
export async function listOptions(deps: Deps, actor: Actor, q: z.infer<typeof ZPolicyScopeQuery> & { kind: TOptionKind }): Promise<{ items: TOption[]; allowed: string[] }> {
  const s = listScope(actor, q);
  const rows = await repo.listOptions(deps.database.db, actor.trustId, s.siteId, q.kind);
  const overridden = s.siteId ? overriddenCodes(rows, s.siteId) : new Set<string>();
  const items = rows.map((r) => presentOption(actor, r, r.siteId === null && overridden.has(r.code)))
    .sort((a, b) => compareEntries(a, b, (x) => x.label) || Number(a.siteId !== null) - Number(b.siteId !== null));
  return { items, allowed: listActions(actor, s.siteId) };
}

export async function createOption(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZOptionCreate>): Promise<TOption> {
  assertMayManageScope(actor, body.siteId);
  const { details, problems } = checkOptionDetails(body.kind, body.code, body.details);
  if (problems.length) throw invalid(problems);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.lockPolicy(tx, actor.trustId);
    await checkNewCode(body.code, body.siteId, () => repo.optionCodeTaken(tx, actor.trustId, null, body.kind, body.code));
    if (await repo.optionCodeTaken(tx, actor.trustId, body.siteId, body.kind, body.code)) throw codeTaken(body.kind);
    const row = await repo.insertOption(tx, { trustId: actor.trustId, ...body, details });
    audit.record({ action: 'policy.option.create', entityType: 'policy_option', entityId: row.id, siteId: row.siteId, details: { after: { ...body, details } } });
    return presentOption(actor, row);
  });
}

export async function updateOption(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZOptionUpdate>): Promise<TOption> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.findOption(tx, actor.trustId, id);
    assertMayManageEntry(actor, before, 'option');
    const { version, details: detailsIn, ...rest } = body;
    const patch: Partial<repo.OptionRow> = { ...rest };
    if (detailsIn !== undefined) {
      // details are replaced as a whole, then checked for the option's kind (e.g. a period's start before its end)
      const { details, problems } = checkOptionDetails(before.kind as TOptionKind, before.code, { ...detailsIn });
      if (problems.length) throw invalid(problems);
      patch.details = details;
    }
    const after = await repo.updateOption(tx, id, version, patch);
    if (!after) throw staleVersion(before.kind === 'technique' ? 'hold or technique' : before.kind);
    audit.record({ action: 'policy.option.update', entityType: 'policy_option', entityId: id, siteId: after.siteId, details: diff(before, after, Object.keys(patch)) });
    return presentOption(actor, after);
  });
}
