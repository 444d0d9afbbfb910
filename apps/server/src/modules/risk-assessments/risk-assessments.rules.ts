/**
 * Pure rules of pupil risk assessments (SUP-2): the 5 × 5 matrix (shared with the web app through the contracts),
 * what may happen in each status, the field-level changes between two versions, and when a review reminder is due.
 */
import {
  RISK_AT_RISK_LABELS, overallRating, riskRating, riskScore, type TRiskAtRisk, type TRiskAssessmentStatus, type TRiskRating,
} from '@haven/contracts';
import type { RiskAssessmentContent, StoredRiskHazard } from '../../db/schema/risk-assessments.ts';

export { overallRating, ratingOfScore, riskMatrix, riskRating, riskScore } from '@haven/contracts';

/** Review reminders start this many days before the review date (and go on while it is overdue). */
export const REVIEW_REMINDER_DAYS = 14;

export type Action = 'edit' | 'sign_off' | 'activate' | 'revise';

/** What may be done to an assessment in this status (the caller also needs risk_assessment.manage). */
export function actionsIn(status: TRiskAssessmentStatus, signedOff: boolean, hasDraftRevision: boolean): Action[] {
  if (status === 'draft') return signedOff ? ['edit', 'activate'] : ['edit', 'sign_off'];
  if (status === 'active') return hasDraftRevision ? [] : ['revise'];
  return [];
}

/** Why this action cannot happen now, or null when it can. */
export function actionProblem(action: Action, status: TRiskAssessmentStatus, signedOff: boolean, hazardCount: number): string | null {
  if (action === 'edit' && status !== 'draft') return 'Only a draft can be changed: start a revision of the active assessment instead';
  if (action === 'sign_off') {
    if (status !== 'draft') return 'Only a draft is signed off';
    if (signedOff) return 'This draft is already signed off';
    if (hazardCount === 0) return 'Add at least one hazard before signing off';
  }
  if (action === 'activate') {
    if (status !== 'draft') return 'Only a draft can be made active';
    if (!signedOff) return 'A lead signs the draft off before it becomes active';
  }
  if (action === 'revise' && status !== 'active') return 'Only the active assessment is revised';
  return null;
}

/** A review is due from the review date on (for an active assessment). */
export function reviewDue(status: TRiskAssessmentStatus, reviewDate: string, today: string): boolean {
  return status === 'active' && reviewDate <= today;
}

/** Does the morning reminder fall due: active and the review date within REVIEW_REMINDER_DAYS (or past)? */
export function reminderDue(status: TRiskAssessmentStatus, reviewDate: string, today: string): boolean {
  if (status !== 'active') return false;
  const days = (Date.parse(`${reviewDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= REVIEW_REMINDER_DAYS;
}

export function hazardWithRatings(h: StoredRiskHazard): StoredRiskHazard & { scoreBefore: number; ratingBefore: TRiskRating; scoreAfter: number; ratingAfter: TRiskRating } {
  return {
    ...h, scoreBefore: riskScore(h.likelihoodBefore, h.severityBefore), ratingBefore: riskRating(h.likelihoodBefore, h.severityBefore),
    scoreAfter: riskScore(h.likelihoodAfter, h.severityAfter), ratingAfter: riskRating(h.likelihoodAfter, h.severityAfter),
  };
}

export function contentRating(c: Pick<RiskAssessmentContent, 'hazards'>): TRiskRating | null { return overallRating(c.hazards); }

export interface Change { field: string; label: string; before: string | null; after: string | null }

const HAZARD_FIELDS: [keyof StoredRiskHazard, string][] = [
  ['hazard', 'hazard'], ['atRisk', 'who is at risk'], ['likelihoodBefore', 'likelihood before controls'], ['severityBefore', 'severity before controls'],
  ['controls', 'controls'], ['likelihoodAfter', 'likelihood after controls'], ['severityAfter', 'severity after controls'],
];

function show(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.map((x) => RISK_AT_RISK_LABELS[x as TRiskAtRisk] ?? String(x)).join(', ');
  return String(v);
}

function hazardSummary(h: StoredRiskHazard): string {
  return `${h.hazard} (before ${riskScore(h.likelihoodBefore, h.severityBefore)}, after ${riskScore(h.likelihoodAfter, h.severityAfter)})`;
}

/** The field-level changes from one version's content to the next (hazards matched by id); none when equal. */
export function changesBetween(before: RiskAssessmentContent | null, after: RiskAssessmentContent, planLabel: (id: string | null) => string | null = (id) => id): Change[] {
  const out: Change[] = [];
  const top: [keyof RiskAssessmentContent, string][] = [['title', 'Title'], ['summary', 'Summary'], ['reviewDate', 'Review date']];
  for (const [k, label] of top) {
    const b = before ? show(before[k]) : null; const a = show(after[k]);
    if (b !== a) out.push({ field: k, label, before: b, after: a });
  }
  if ((before?.planId ?? null) !== after.planId) out.push({ field: 'planId', label: 'Behaviour support plan', before: planLabel(before?.planId ?? null), after: planLabel(after.planId) });
  const old = new Map((before?.hazards ?? []).map((h) => [h.id, h]));
  const now = new Set(after.hazards.map((h) => h.id));
  for (const h of after.hazards) {
    const o = old.get(h.id);
    if (!o) { out.push({ field: `hazards.${h.id}`, label: `Hazard added: ${h.hazard}`, before: null, after: hazardSummary(h) }); continue; }
    for (const [k, label] of HAZARD_FIELDS) {
      const b = show(o[k]); const a = show(h[k]);
      if (b !== a) out.push({ field: `hazards.${h.id}.${k}`, label: `${h.hazard}: ${label}`, before: b, after: a });
    }
  }
  for (const o of before?.hazards ?? []) {
    if (!now.has(o.id)) out.push({ field: `hazards.${o.id}`, label: `Hazard removed: ${o.hazard}`, before: hazardSummary(o), after: null });
  }
  return out;
}
