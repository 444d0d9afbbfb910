/**
 * Pupil risk assessments (SUP-2): hazards, who is at risk, likelihood × severity before and after controls on the
 * usual 5 × 5 matrix, the controls, a review date and a lead's sign-off; draft → active → superseded, every change a
 * version. The matrix rules are pure and shared, so the editor colours a cell exactly as the server and the PDF do.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';

export const RISK_AT_RISK = ['pupil', 'other_pupils', 'staff', 'public'] as const;
export type TRiskAtRisk = (typeof RISK_AT_RISK)[number];
export const RISK_AT_RISK_LABELS: Record<TRiskAtRisk, string> = { pupil: 'The pupil', other_pupils: 'Other pupils', staff: 'Staff', public: 'Members of the public' };

export const RISK_RATINGS = ['low', 'medium', 'high', 'very_high'] as const;
export type TRiskRating = (typeof RISK_RATINGS)[number];
export const RISK_RATING_LABELS: Record<TRiskRating, string> = { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' };
/** Fill colours of the matrix (screen and PDF), dark enough text on each to read (WCAG AA with black text). */
export const RISK_RATING_COLOURS: Record<TRiskRating, string> = { low: '#8fd19e', medium: '#ffe08a', high: '#ffb366', very_high: '#ff8080' };

export const RISK_LIKELIHOOD_LABELS = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'] as const;
export const RISK_SEVERITY_LABELS = ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'] as const;

export const RISK_ASSESSMENT_STATUSES = ['draft', 'active', 'superseded'] as const;
export type TRiskAssessmentStatus = (typeof RISK_ASSESSMENT_STATUSES)[number];

/** Likelihood and severity are each 1 (lowest) to 5 (highest). */
export const RISK_SCALE_MIN = 1;
export const RISK_SCALE_MAX = 5;

export function isRiskLevel(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= RISK_SCALE_MIN && n <= RISK_SCALE_MAX;
}

/** The score of a cell: likelihood × severity, 1 to 25. */
export function riskScore(likelihood: number, severity: number): number {
  if (!isRiskLevel(likelihood) || !isRiskLevel(severity)) throw new RangeError('Likelihood and severity are whole numbers from 1 to 5');
  return likelihood * severity;
}

/** The rating of a score: 1–4 low, 5–9 medium, 10–16 high, 20–25 very high (the usual 5 × 5 bands). */
export function ratingOfScore(score: number): TRiskRating {
  if (!Number.isInteger(score) || score < 1 || score > 25) throw new RangeError('A risk score is a whole number from 1 to 25');
  if (score <= 4) return 'low';
  if (score <= 9) return 'medium';
  if (score <= 16) return 'high';
  return 'very_high';
}

export function riskRating(likelihood: number, severity: number): TRiskRating {
  return ratingOfScore(riskScore(likelihood, severity));
}

const RANK: Record<TRiskRating, number> = { low: 0, medium: 1, high: 2, very_high: 3 };
export function higherRating(a: TRiskRating, b: TRiskRating): TRiskRating { return RANK[a] >= RANK[b] ? a : b; }

/** The overall rating of an assessment: the highest rating left after controls; null with no hazards. */
export function overallRating(hazards: readonly { likelihoodAfter: number; severityAfter: number }[]): TRiskRating | null {
  return hazards.reduce<TRiskRating | null>((acc, h) => {
    const r = riskRating(h.likelihoodAfter, h.severityAfter);
    return acc ? higherRating(acc, r) : r;
  }, null);
}

/** The 5 × 5 matrix as rows from likelihood 5 (top) down to 1, each cell with its score and rating. */
export function riskMatrix(): { likelihood: number; cells: { severity: number; score: number; rating: TRiskRating }[] }[] {
  const rows = [];
  for (let l = RISK_SCALE_MAX; l >= RISK_SCALE_MIN; l--) {
    const cells = [];
    for (let s = RISK_SCALE_MIN; s <= RISK_SCALE_MAX; s++) cells.push({ severity: s, score: l * s, rating: riskRating(l, s) });
    rows.push({ likelihood: l, cells });
  }
  return rows;
}

const ZLevel = z.number().int().min(RISK_SCALE_MIN).max(RISK_SCALE_MAX);
const ZText = (max: number) => z.string().trim().max(max);

export const ZRiskHazardInput = z.object({
  /** Kept across versions so that history can say which hazard changed; a new row has none. */
  id: ZId.optional(),
  hazard: ZText(500).min(1, 'Describe the hazard or behaviour'),
  atRisk: z.array(z.enum(RISK_AT_RISK)).min(1, 'Choose who is at risk').max(RISK_AT_RISK.length)
    .refine((a) => new Set(a).size === a.length, 'Each group once'),
  likelihoodBefore: ZLevel,
  severityBefore: ZLevel,
  controls: ZText(4000).min(1, 'Say what controls the risk'),
  likelihoodAfter: ZLevel,
  severityAfter: ZLevel,
});
export type TRiskHazardInput = z.infer<typeof ZRiskHazardInput>;

export const ZRiskAssessmentContent = z.object({
  title: ZText(200).min(1, 'Give the assessment a title'),
  summary: ZText(4000).default(''),
  hazards: z.array(ZRiskHazardInput).max(50),
  reviewDate: ZIsoDate,
  /** The pupil's behaviour support plan this assessment goes with (none while the pupil has no plan). */
  planId: ZId.nullable().default(null),
});

export const ZRiskAssessmentCreate = ZRiskAssessmentContent.extend({ pupilId: ZId });
export const ZRiskAssessmentUpdate = ZRiskAssessmentContent.extend({ version: z.number().int().min(1) });
export const ZRiskAssessmentVersionOnly = z.object({ version: z.number().int().min(1) });
export const ZRiskAssessmentParams = z.object({ id: ZId });
export const ZRiskAssessmentListQuery = z.object({ pupilId: ZId });

export const ZRiskHazard = ZRiskHazardInput.extend({
  id: ZId,
  scoreBefore: z.number().int(), ratingBefore: z.enum(RISK_RATINGS),
  scoreAfter: z.number().int(), ratingAfter: z.enum(RISK_RATINGS),
});
export type TRiskHazard = z.infer<typeof ZRiskHazard>;

const ZPersonAt = z.object({ name: z.string(), at: ZIsoDateTime });

export const ZRiskAssessment = z.object({
  id: ZId,
  pupil: z.object({ id: ZId, displayName: z.string(), siteId: ZId }),
  status: z.enum(RISK_ASSESSMENT_STATUSES),
  title: z.string(),
  summary: z.string(),
  hazards: z.array(ZRiskHazard),
  overallRating: z.enum(RISK_RATINGS).nullable(),
  reviewDate: ZIsoDate,
  reviewDue: z.boolean().describe('Active and the review date is today or past'),
  plan: z.object({ id: ZId, label: z.string() }).nullable(),
  signedOff: ZPersonAt.nullable(),
  activated: ZPersonAt.nullable(),
  supersededAt: ZIsoDateTime.nullable(),
  previousId: ZId.nullable(),
  created: ZPersonAt,
  updated: ZPersonAt,
  version: z.number().int(),
  allowed: ZAllowed,
});
export type TRiskAssessment = z.infer<typeof ZRiskAssessment>;

export const ZRiskAssessmentSummary = ZRiskAssessment.pick({
  id: true, status: true, title: true, overallRating: true, reviewDate: true, reviewDue: true, signedOff: true, activated: true, supersededAt: true, version: true, plan: true,
}).extend({ hazardCount: z.number().int() });

export const ZRiskAssessmentList = z.object({
  pupil: z.object({ id: ZId, displayName: z.string(), siteId: ZId }),
  items: z.array(ZRiskAssessmentSummary),
  /** The pupil's behaviour support plans an assessment may be linked to, newest first. */
  plans: z.array(z.object({ id: ZId, label: z.string(), status: z.string() })),
  allowed: ZAllowed,
});
export type TRiskAssessmentList = z.infer<typeof ZRiskAssessmentList>;

export const ZRiskAssessmentChange = z.object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() });
export const ZRiskAssessmentHistory = z.object({
  items: z.array(z.object({
    version: z.number().int(), action: z.string(), by: z.string(), at: ZIsoDateTime, changes: z.array(ZRiskAssessmentChange),
  })),
});
export type TRiskAssessmentHistory = z.infer<typeof ZRiskAssessmentHistory>;
