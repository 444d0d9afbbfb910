/**
 * STF-2: why a hold was not covered by a certificate; STF-4: the stages of a staff review, in words. No zod here, so
 * the pages that show them (the incident form among them) do not load the schema library.
 */
/** Why a hold was not covered on the day: no certificate, one that had run out, one in its grace period, or one that does not cover it. */
export const CERTIFICATE_PROBLEMS = ['missing', 'expired', 'in_grace', 'not_covered'] as const;
export type TCertificateProblem = (typeof CERTIFICATE_PROBLEMS)[number];
/** Problems that count as "used without a valid certificate" (ANA-3); a certificate in its grace period is shown, not counted. */
export const UNCERTIFIED_PROBLEMS: readonly TCertificateProblem[] = ['missing', 'expired', 'not_covered'];
export const CERTIFICATE_PROBLEM_LABELS: Record<TCertificateProblem, string> = {
  missing: 'No certificate', expired: 'Certificate expired', in_grace: 'Certificate in its grace period', not_covered: 'Certificate does not cover this hold',
};

export const REVIEW_STAGES = ['objectives', 'mid_year', 'annual', 'signed'] as const;
export type TReviewStage = (typeof REVIEW_STAGES)[number];

export const REVIEW_STAGE_LABELS: Record<TReviewStage, string> = {
  objectives: 'Objectives set', mid_year: 'Mid-year review', annual: 'Annual review', signed: 'Signed by both',
};
