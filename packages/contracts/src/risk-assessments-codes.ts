/**
 * The codes and words of risk-assessments.ts (and its small rules) shared by the API and the web app. No zod here, so
 * a page that shows them does not load the schema library; risk-assessments.ts builds its schemas from these.
 */
export const RISK_AT_RISK = ['pupil', 'other_pupils', 'staff', 'public'] as const;
export type TRiskAtRisk = (typeof RISK_AT_RISK)[number];

export const RISK_RATINGS = ['low', 'medium', 'high', 'very_high'] as const;
export type TRiskRating = (typeof RISK_RATINGS)[number];

export const RISK_ASSESSMENT_STATUSES = ['draft', 'active', 'superseded'] as const;
export type TRiskAssessmentStatus = (typeof RISK_ASSESSMENT_STATUSES)[number];

/** Likelihood and severity are each 1 (lowest) to 5 (highest). */
export const RISK_SCALE_MIN = 1;
export const RISK_SCALE_MAX = 5;

export function isRiskLevel(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= RISK_SCALE_MIN && n <= RISK_SCALE_MAX;
}

/** The rating of a score: 1–4 low, 5–9 medium, 10–16 high, 20–25 very high (the usual 5 × 5 bands). */
export function ratingOfScore(score: number): TRiskRating {
  if (!Number.isInteger(score) || score < 1 || score > 25) throw new RangeError('A risk score is a whole number from 1 to 25');
  if (score <= 4) return 'low';
  if (score <= 9) return 'medium';
  if (score <= 16) return 'high';
  return 'very_high';
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

export const RISK_AT_RISK_LABELS: Record<TRiskAtRisk, string> = { pupil: 'The pupil', other_pupils: 'Other pupils', staff: 'Staff', public: 'Members of the public' };

export const RISK_RATING_LABELS: Record<TRiskRating, string> = { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' };

/** Fill colours of the matrix (screen and PDF), dark enough text on each to read (WCAG AA with black text). */
export const RISK_RATING_COLOURS: Record<TRiskRating, string> = { low: '#8fd19e', medium: '#ffe08a', high: '#ffb366', very_high: '#ff8080' };

export const RISK_LIKELIHOOD_LABELS = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'] as const;

export const RISK_SEVERITY_LABELS = ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'] as const;

/** The score of a cell: likelihood × severity, 1 to 25. */
export function riskScore(likelihood: number, severity: number): number {
  if (!isRiskLevel(likelihood) || !isRiskLevel(severity)) throw new RangeError('Likelihood and severity are whole numbers from 1 to 5');
  return likelihood * severity;
}

export function riskRating(likelihood: number, severity: number): TRiskRating {
  return ratingOfScore(riskScore(likelihood, severity));
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
