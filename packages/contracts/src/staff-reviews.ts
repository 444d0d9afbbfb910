/**
 * STF-2: holds checked against certificates (the live check as the record is made, and the flags kept on an incident).
 * STF-4: performance reviews of support staff (objectives, mid-year and annual reviews, evidence, sign-off by both).
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { CERTIFICATE_PROBLEMS, REVIEW_STAGES } from './staff-reviews-codes.ts';

const text = (max: number) => z.string().trim().max(max);
const code = z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_-]+$/, 'Not a technique code');

// ---------------------------------------------------------------------------------------------------------------
// STF-2

export const ZCertificateProblem = z.enum(CERTIFICATE_PROBLEMS);

export const ZCertificateFlag = z.object({
  physicalInterventionId: ZId,
  staffId: ZId,
  staffName: z.string(),
  techniqueCode: z.string(),
  problem: ZCertificateProblem,
  checkedOn: ZIsoDate,
  expiredOn: ZIsoDate.nullable(),
});
export type TCertificateFlag = z.infer<typeof ZCertificateFlag>;

export const ZCertificateCheckQuery = z.object({
  siteId: z.uuid(),
  staffId: z.uuid(),
  /** Comma-separated technique codes. */
  techniques: z.string().trim().min(1).max(2000).transform((v) => v.split(',').map((c) => c.trim()).filter(Boolean))
    .pipe(z.array(code).min(1).max(40)),
  on: ZIsoDate.optional().describe('The day of the intervention (default: today)'),
});
export type TCertificateCheckQuery = z.infer<typeof ZCertificateCheckQuery>;
export const ZCertificateCheck = z.object({
  staffId: ZId, on: ZIsoDate,
  items: z.array(z.object({ techniqueCode: z.string(), problem: ZCertificateProblem.nullable(), expiredOn: ZIsoDate.nullable() })),
});
export type TCertificateCheck = z.infer<typeof ZCertificateCheck>;

// ---------------------------------------------------------------------------------------------------------------
// STF-4

export const ZReviewStage = z.enum(REVIEW_STAGES);

export const ZReviewObjective = z.strictObject({
  id: z.uuid().optional(),
  title: text(300).min(1, 'Say what the objective is'),
  successMeasure: text(2000).nullable().optional(),
  midYearProgress: text(4000).nullable().optional(),
  annualOutcome: text(4000).nullable().optional(),
});
export const ZReviewObservation = z.strictObject({ id: z.uuid().optional(), on: ZIsoDate, text: text(4000).min(1, 'Write the observation') });
export const ZReviewEvidence = z.strictObject({ kind: z.enum(['certificate', 'incident']), refId: z.uuid() });

export const ZPerformanceReviewCreate = z.strictObject({
  staffId: z.uuid(),
  academicYear: z.string().regex(/^\d{4}\/\d{2}$/, 'An academic year such as 2026/27'),
});
export const ZPerformanceReviewUpdate = z.strictObject({
  version: z.number().int().min(1),
  stage: z.enum(['objectives', 'mid_year', 'annual']).optional(),
  objectives: z.array(ZReviewObjective).max(12).optional(),
  midYearReviewerComment: text(8000).nullable().optional(),
  midYearRevieweeComment: text(8000).nullable().optional(),
  midYearOn: ZIsoDate.nullable().optional(),
  annualReviewerComment: text(8000).nullable().optional(),
  annualRevieweeComment: text(8000).nullable().optional(),
  annualOn: ZIsoDate.nullable().optional(),
  observations: z.array(ZReviewObservation).max(50).optional(),
  evidence: z.array(ZReviewEvidence).max(100).optional(),
});
export type TPerformanceReviewUpdate = z.infer<typeof ZPerformanceReviewUpdate>;
export const ZReviewVersionBody = z.strictObject({ version: z.number().int().min(1) });

const person = z.object({ staffId: ZId, name: z.string(), siteName: z.string() });
export const ZPerformanceReview = z.object({
  id: ZId, academicYear: z.string(), stage: ZReviewStage,
  staff: person, reviewer: person,
  objectives: z.array(z.object({ id: ZId, title: z.string(), successMeasure: z.string().nullable(), midYearProgress: z.string().nullable(), annualOutcome: z.string().nullable() })),
  midYearReviewerComment: z.string().nullable(), midYearRevieweeComment: z.string().nullable(), midYearOn: ZIsoDate.nullable(),
  annualReviewerComment: z.string().nullable(), annualRevieweeComment: z.string().nullable(), annualOn: ZIsoDate.nullable(),
  observations: z.array(z.object({ id: ZId, on: ZIsoDate, text: z.string() })),
  evidence: z.array(z.object({ kind: z.enum(['certificate', 'incident']), refId: ZId, label: z.string(), on: ZIsoDate.nullable() })),
  reviewerSignedAt: ZIsoDateTime.nullable(), revieweeSignedAt: ZIsoDateTime.nullable(),
  /** How the caller relates to this review. */
  as: z.enum(['reviewee', 'reviewer', 'lead']),
  version: z.number().int(), updatedAt: z.string(), allowed: ZAllowed,
});
export type TPerformanceReview = z.infer<typeof ZPerformanceReview>;

export const ZPerformanceReviewListQuery = z.object({ view: z.enum(['mine', 'team']).default('mine') });
export const ZPerformanceReviewListItem = z.object({
  id: ZId, academicYear: z.string(), stage: ZReviewStage, staff: person, reviewer: person,
  reviewerSigned: z.boolean(), revieweeSigned: z.boolean(), updatedAt: z.string(),
});
export const ZPerformanceReviewList = z.object({
  items: z.array(ZPerformanceReviewListItem),
  /** For "my team": the members of staff the caller line-manages today, who may be given a review. */
  team: z.array(person),
});
export type TPerformanceReviewList = z.infer<typeof ZPerformanceReviewList>;

export const ZReviewEvidenceOptions = z.object({
  items: z.array(z.object({ kind: z.enum(['certificate', 'incident']), refId: ZId, label: z.string(), on: ZIsoDate.nullable() })),
});
export type TReviewEvidenceOptions = z.infer<typeof ZReviewEvidenceOptions>;
