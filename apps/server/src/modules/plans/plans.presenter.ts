/** Plan rows → contract DTOs, with what the caller may do (SUP-1). */
import type { TPlan, TPlanFields, TPlanSummary } from '@haven/contracts';
import { PLAN_SECTIONS } from '@haven/contracts';
import type { PlanContent, PlanSectionWording } from '../../db/schema/plans.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { contentOf, type PlanAckRow, type PlanRow } from './plans.repo.ts';
import { actionsFor, reviewOverdue, type PlanStatus } from './plans.rules.ts';

export interface PresentContext {
  pupil: { id: string; siteId: string; trustId: string; displayName: string };
  siteNames: Map<string, string>;
  userNames: Map<string, string>;
  contactNames: Map<string, { name: string; relationship: string | null }>;
  holdLabels: Map<string, string>;
  today: string;
}

export function fieldsOf(c: PlanContent): TPlanFields {
  return { ...c };
}

/** Haven's own headings and prompts, for a trust that has not written its own. */
export function defaultWording(): PlanSectionWording {
  return Object.fromEntries(PLAN_SECTIONS.map((s) => [s.key, { heading: s.heading, prompt: s.prompt }]));
}

export function presentSummary(p: PlanRow, acks: readonly PlanAckRow[], ctx: PresentContext): TPlanSummary {
  return {
    id: p.id, pupilId: p.pupilId, siteId: p.siteId, siteName: ctx.siteNames.get(p.siteId) ?? '', status: p.status as TPlanSummary['status'],
    version: p.version, ownerName: p.ownerUserId ? ctx.userNames.get(p.ownerUserId) ?? null : null, reviewDate: p.reviewDate,
    reviewOverdue: reviewOverdue(p, ctx.today), activatedAt: p.activatedAt?.toISOString() ?? null, supersededAt: p.supersededAt?.toISOString() ?? null,
    updatedAt: p.updatedAt.toISOString(), signed: p.authorSignedAt !== null, acknowledged: acks.some((a) => a.planId === p.id), shareableWithParents: p.shareableWithParents,
    otherSite: p.siteId !== ctx.pupil.siteId,
  };
}

export function presentPlan(actor: Actor, p: PlanRow, acks: readonly PlanAckRow[], ctx: PresentContext, lastContentVersion: number): TPlan {
  const write = can(actor, 'plan.write', ctx.pupil);
  const allowed = write ? [...actionsFor(p.status as PlanStatus), 'pdf'] : ['pdf'];
  const own = acks.filter((a) => a.planId === p.id);
  return {
    ...presentSummary(p, own, ctx),
    pupil: { id: ctx.pupil.id, displayName: ctx.pupil.displayName },
    fields: fieldsOf(contentOf(p)),
    wording: { ...defaultWording(), ...p.wording },
    holdLabels: Object.fromEntries(p.approvedHolds.map((c) => [c, ctx.holdLabels.get(c) ?? c])),
    startedFrom: p.startedFrom as TPlan['startedFrom'],
    copiedFromPlanId: p.copiedFromPlanId,
    signature: p.authorSignedAt && p.authorSignedBy && p.authorSignedVersion !== null ? {
      byName: ctx.userNames.get(p.authorSignedBy) ?? '', at: p.authorSignedAt.toISOString(), version: p.authorSignedVersion,
      current: lastContentVersion <= p.authorSignedVersion,
    } : null,
    acknowledgements: own.map((a) => ({
      id: a.id, planVersion: a.planVersion, contactId: a.contactId, contactName: ctx.contactNames.get(a.contactId)?.name ?? '',
      relationship: ctx.contactNames.get(a.contactId)?.relationship ?? null, method: a.method, acknowledgedAt: a.acknowledgedAt.toISOString(),
      recordedVia: a.recordedVia, recordedByName: ctx.userNames.get(a.recordedBy) ?? null, note: a.note,
    })),
    createdByName: ctx.userNames.get(p.createdBy) ?? '', updatedByName: ctx.userNames.get(p.updatedBy) ?? '',
    allowed,
  };
}
