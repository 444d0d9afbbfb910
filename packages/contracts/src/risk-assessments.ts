/**
 * Pupil risk assessments (SUP-2): hazards, who is at risk, likelihood × severity before and after controls on the
 * usual 5 × 5 matrix, the controls, a review date and a lead's sign-off; draft → active → superseded, every change a
 * version. The matrix rules are pure and shared, so the editor colours a cell exactly as the server and the PDF do.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { RISK_AT_RISK, RISK_RATINGS, RISK_ASSESSMENT_STATUSES, RISK_SCALE_MIN, RISK_SCALE_MAX } from './risk-assessments-codes.ts';

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
