/**
 * The trust's behaviour support plan template (SUP-1): its own heading and prompt for each section of the plan.
 * A new plan takes the template's wording when it starts and keeps it (a later change to the template does not
 * rewrite plans already written). The trust administrator edits it; every member of staff who writes plans reads it.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { PLAN_SECTIONS, type TPlanTemplate, type ZPlanTemplateUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import type { PlanSectionWording } from '../../db/schema/plans.ts';
import { can, holdsAnywhere, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { fieldError, forbidden, staleVersion } from '../../core/http/errors.ts';
import * as repo from './plans.repo.ts';
import { defaultWording } from './plans.presenter.ts';

/** The wording a new plan starts with: the trust's template over Haven's defaults. */
export async function wordingForNewPlan(db: Executor, trustId: string): Promise<PlanSectionWording> {
  const t = await repo.findTemplate(db, trustId);
  return { ...defaultWording(), ...(t?.sections ?? {}) };
}

function present(actor: Actor, t: repo.PlanTemplateRow | undefined): TPlanTemplate {
  const wording = { ...defaultWording(), ...(t?.sections ?? {}) };
  return {
    sections: PLAN_SECTIONS.map((s) => ({ key: s.key, heading: wording[s.key]!.heading, prompt: wording[s.key]!.prompt })),
    version: t?.version ?? 0,
    customised: !!t,
    allowed: can(actor, 'plan.template.manage', { trustId: actor.trustId, siteId: null }) ? ['edit'] : [],
  };
}

export async function getTemplate(deps: Deps, actor: Actor): Promise<TPlanTemplate> {
  if (!holdsAnywhere(actor, 'plan.write') && !holdsAnywhere(actor, 'plan.template.manage')) throw forbidden('You do not write behaviour support plans.');
  return present(actor, await repo.findTemplate(deps.database.db, actor.trustId));
}

export async function updateTemplate(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZPlanTemplateUpdate>): Promise<TPlanTemplate> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const seen = new Set<string>();
    body.sections.forEach((s, i) => {
      if (seen.has(s.key)) throw fieldError(`sections.${i}.key`, 'Each section appears once');
      seen.add(s.key);
    });
    const before = await repo.findTemplate(tx, actor.trustId);
    if ((before?.version ?? 0) !== body.version) throw staleVersion('plan template');
    const sections: PlanSectionWording = { ...(before?.sections ?? defaultWording()) };
    for (const s of body.sections) sections[s.key] = { heading: s.heading, prompt: s.prompt };
    if (before) {
      if (!(await repo.updateTemplate(tx, before.id, body.version, { sections, updatedBy: actor.userId }))) throw staleVersion('plan template');
    } else {
      await repo.insertTemplate(tx, { id: uuidv7(), trustId: actor.trustId, sections, version: 1, updatedBy: actor.userId });
    }
    audit.record({ action: 'plan.template.update', entityType: 'behaviour_support_plan_template', entityId: actor.trustId,
      details: { sections: body.sections.map((s) => s.key), version: body.version + 1 } });
    return present(actor, await repo.findTemplate(tx, actor.trustId));
  });
}
