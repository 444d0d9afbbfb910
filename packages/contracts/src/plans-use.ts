/**
 * The plan in use (issue 14 §3–4): the key points of a pupil's active behaviour support plan as staff read them before
 * a lesson, the plan's check of an incident's holds, the plan and risk-assessment versions a post-incident review
 * changed, and the overdue plan and risk-assessment reviews of record-keeping quality.
 */
import { z } from 'zod';
import { ZId, ZIsoDate } from './common.ts';

export const ZPlanHold = z.object({ code: z.string(), label: z.string(), level: z.string().nullable() });
export type TPlanHold = z.infer<typeof ZPlanHold>;

/** GET /api/v1/pupils/:id/plan-key-points. `plan` null: the pupil has no active plan. Each read is audited. */
export const ZPlanKeyPoints = z.object({
  pupil: z.object({ id: ZId, displayName: z.string(), yearGroup: z.number().int(), siteName: z.string(), photoId: ZId.nullable() }),
  plan: z.object({
    id: ZId,
    version: z.number().int(),
    activatedAt: z.string().nullable(),
    reviewDate: ZIsoDate.nullable(),
    reviewOverdue: z.boolean(),
    ownerName: z.string().nullable(),
    triggers: z.array(z.string()),
    earlyWarningSigns: z.array(z.string()),
    /** What helps: the proactive strategies, then the de-escalation strategies. */
    proactiveStrategies: z.array(z.string()),
    deescalationStrategies: z.array(z.string()),
    whatToAvoid: z.array(z.string()),
    approvedHolds: z.array(ZPlanHold),
    /** The whole plan. */
    link: z.string(),
  }).nullable(),
});
export type TPlanKeyPoints = z.infer<typeof ZPlanKeyPoints>;

/** GET /api/v1/incidents/:id/plan-check: for each pupil held, the plan version in force when it happened and the holds it did not approve. */
export const ZIncidentPlanCheck = z.object({
  items: z.array(z.object({
    pupilId: ZId,
    pupilName: z.string(),
    plan: z.object({ id: ZId, version: z.number().int(), link: z.string() }).nullable(),
    approvedHolds: z.array(ZPlanHold),
    unapprovedHolds: z.array(ZPlanHold),
  })),
});
export type TIncidentPlanCheck = z.infer<typeof ZIncidentPlanCheck>;

export const REVIEW_LINK_KINDS = ['plan', 'risk_assessment'] as const;
export const ZReviewLinkKind = z.enum(REVIEW_LINK_KINDS);
export const ZReviewLinkInput = z.strictObject({ kind: ZReviewLinkKind, recordId: z.uuid(), version: z.number().int().min(1).max(100000) });
export const ZReviewLink = z.object({ kind: ZReviewLinkKind, recordId: ZId, version: z.number().int(), label: z.string(), link: z.string() });
export type TReviewLink = z.infer<typeof ZReviewLink>;

/** The plans and risk assessments a review could link: those of the incident's pupils, with their versions. */
export const ZReviewLinkOptions = z.object({
  items: z.array(z.object({ kind: ZReviewLinkKind, recordId: ZId, pupilName: z.string(), status: z.string(), versions: z.array(z.number().int()), label: z.string() })),
});

/** Overdue plan and risk-assessment reviews (ANA-6): counts per site and per owner. */
export const ZOverdueReviewCounts = z.object({ plans: z.number().int(), riskAssessments: z.number().int() });
export const ZOverdueReviews = z.object({
  today: ZIsoDate,
  totals: ZOverdueReviewCounts,
  bySite: z.array(ZOverdueReviewCounts.extend({ siteId: ZId, siteName: z.string() })),
  byOwner: z.array(ZOverdueReviewCounts.extend({ userId: ZId.nullable(), name: z.string() })).nullable()
    .describe('null for aggregate-only viewers (governors, trust administrators)'),
});
export type TOverdueReviews = z.infer<typeof ZOverdueReviews>;
export const ZOverdueReviewsQuery = z.object({ siteId: z.uuid().optional().describe('One site; all the sites whose dashboards you see when absent') });
export const ZOverdueReviewRecordsQuery = z.object({
  siteId: z.uuid().optional(),
  ownerId: z.union([z.uuid(), z.literal('none')]).optional().describe("An owner's user id, or 'none' for records without an owner"),
  kind: ZReviewLinkKind.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZOverdueReviewRecords = z.object({
  total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
  items: z.array(z.object({
    kind: ZReviewLinkKind, id: ZId, pupilId: ZId, pupilName: z.string(), siteName: z.string(), ownerName: z.string().nullable(),
    reviewDate: ZIsoDate, daysOverdue: z.number().int(), link: z.string(),
  })),
});
export type TOverdueReviewRecords = z.infer<typeof ZOverdueReviewRecords>;
export type TReviewLinkOptions = z.infer<typeof ZReviewLinkOptions>;
