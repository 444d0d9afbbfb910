/** Row → contract: ratings worked out from the stored likelihoods and severities, people named, and what the caller may do. */
import type { TRiskAssessment, TRiskAssessmentStatus, TRiskAtRisk } from '@haven/contracts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { RiskAssessmentContent } from '../../db/schema/risk-assessments.ts';
import type { AssessmentRow } from './risk-assessments.repo.ts';
import { actionsIn, contentRating, hazardWithRatings, reviewDue } from './risk-assessments.rules.ts';

export type PupilRow = { id: string; trustId: string; siteId: string; legalForename: string; legalSurname: string; preferredForename: string | null; preferredSurname: string | null };

export function contentOf(r: AssessmentRow): RiskAssessmentContent {
  return { title: r.title, summary: r.summary, hazards: r.hazards, reviewDate: r.reviewDate, planId: r.planId };
}

const at = (names: Map<string, string>, by: string | null, when: Date | string | null) => (by && when ? { name: names.get(by) ?? 'Unknown', at: pgTimestampToIso(when) } : null);

export function allowedFor(actor: Actor, pupil: PupilRow, r: AssessmentRow, hasDraftRevision: boolean): string[] {
  const res = { trustId: pupil.trustId, siteId: pupil.siteId };
  const out: string[] = ['print', 'history'];
  const write = can(actor, 'risk_assessment.write', res); const signOff = can(actor, 'risk_assessment.sign_off', res);
  for (const a of actionsIn(r.status as TRiskAssessmentStatus, !!r.signedOffAt, hasDraftRevision)) {
    if ((a === 'edit' || a === 'revise') && write) out.push(a);
    if ((a === 'sign_off' || a === 'activate') && signOff) out.push(a);
  }
  return out;
}

export function present(actor: Actor, pupil: PupilRow, r: AssessmentRow, names: Map<string, string>, planLabels: Map<string, string>, today: string, hasDraftRevision: boolean): TRiskAssessment {
  const status = r.status as TRiskAssessmentStatus;
  return {
    id: r.id, pupil: { id: pupil.id, displayName: displayName(pupil), siteId: pupil.siteId }, status, title: r.title, summary: r.summary,
    hazards: r.hazards.map((h) => ({ ...hazardWithRatings(h), atRisk: h.atRisk as TRiskAtRisk[] })),
    overallRating: contentRating(r), reviewDate: r.reviewDate, reviewDue: reviewDue(status, r.reviewDate, today),
    plan: r.planId ? { id: r.planId, label: planLabels.get(r.planId) ?? 'Behaviour support plan' } : null,
    signedOff: at(names, r.signedOffBy, r.signedOffAt), activated: at(names, r.activatedBy, r.activatedAt),
    supersededAt: r.supersededAt ? pgTimestampToIso(r.supersededAt) : null, previousId: r.previousId,
    created: at(names, r.createdBy, r.createdAt)!, updated: at(names, r.updatedBy, r.updatedAt)!,
    version: r.version, allowed: allowedFor(actor, pupil, r, hasDraftRevision),
  };
}
