/** The plan on a page as a PDF (SUP-1): read like the plan (plan.read at the pupil's site) and audited as a print. */
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { loadPlan, readablePlan } from './plans.service.ts';
import { renderPlanOnAPage } from './plans.pdf.ts';

export async function planPdf(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<{ pdf: Buffer; filename: string }> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { plan, pupil } = await readablePlan(tx, actor, id);
    const dto = await loadPlan(tx, actor, plan, pupil);
    const pdf = await renderPlanOnAPage(dto, { siteName: pupil.siteName, yearGroup: pupil.yearGroup, printedBy: actor.displayName });
    audit.record({ action: 'plan.print', entityType: 'behaviour_support_plan', entityId: id, siteId: pupil.siteId, details: { specialCategory: true, pupilId: pupil.id, version: plan.version } });
    const safe = pupil.displayName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return { pdf, filename: `plan-on-a-page-${safe}-${new Date().toISOString().slice(0, 10)}.pdf` };
  });
}
