/** Rewards (SAN-5) and managed moves / alternative-provision placements (SAN-4). */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { PLACEMENT_KINDS, PLACEMENT_OUTCOMES } from './rewards-codes.ts';

const text = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'Contains a character that is not allowed');

// ---- Milestones ----------------------------------------------------------------------------------------------
export const ZMilestoneInput = z.strictObject({
  siteId: ZId.nullable().default(null),
  name: text(60).min(1, 'Enter a name'),
  points: z.number().int().min(1, 'At least 1 point').max(1_000_000),
  active: z.boolean().default(true),
});
export const ZMilestoneUpdate = z.strictObject({
  name: text(60).min(1, 'Enter a name').optional(), points: z.number().int().min(1).max(1_000_000).optional(), active: z.boolean().optional(),
  version: z.number().int(),
});
export const ZMilestone = z.object({ id: ZId, siteId: ZId.nullable(), name: z.string(), points: z.number().int(), active: z.boolean(), version: z.number().int(), allowed: ZAllowed });
export const ZMilestoneList = z.object({ items: z.array(ZMilestone), allowed: ZAllowed });

// ---- Ratios and totals ---------------------------------------------------------------------------------------
export const RATIO_SUBJECTS = ['pupil', 'group', 'staff', 'site'] as const;
export const ZRatioQuery = z.object({
  subject: z.enum(RATIO_SUBJECTS),
  id: z.uuid().describe('The pupil, group (form or class), member of staff (user) or site'),
  from: ZIsoDate.optional().describe('Default: the start of the academic year'),
  to: ZIsoDate.optional().describe('Default: today'),
});
export const ZRatio = z.object({
  subject: z.enum(RATIO_SUBJECTS), id: ZId, label: z.string(), from: ZIsoDate, to: ZIsoDate,
  positive: z.number().int(), negative: z.number().int(), positivePoints: z.number().int(),
  ratio: z.number().nullable().describe('positive ÷ negative; null ("n/a") when there is no negative'),
  ratioText: z.string(),
});
export type TRatio = z.infer<typeof ZRatio>;

export const ZPupilRewards = z.object({
  pupilId: ZId, academicYear: z.string(), points: z.number().int(),
  milestones: z.array(z.object({ id: ZId, name: z.string(), points: z.number().int(), reachedAt: ZIsoDateTime.nullable() })),
  next: z.object({ name: z.string(), points: z.number().int(), toGo: z.number().int() }).nullable(),
  ratio: ZRatio,
});
export type TPupilRewards = z.infer<typeof ZPupilRewards>;
export const ZLeaderboardQuery = z.object({ siteId: z.uuid().optional(), groupId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(20) });
export const ZLeaderboard = z.object({
  academicYear: z.string(),
  items: z.array(z.object({ pupilId: ZId, displayName: z.string(), yearGroup: z.number().int(), points: z.number().int(), milestone: z.string().nullable() })),
});

// ---- Placements ----------------------------------------------------------------------------------------------
export const ZPlacementInput = z.strictObject({
  pupilId: ZId,
  kind: z.enum(PLACEMENT_KINDS),
  provider: text(200).min(1, 'Name the provider or receiving school'),
  startDate: ZIsoDate,
  endDate: ZIsoDate.nullable().optional(),
  sessionsPerWeek: z.number().int().min(1, 'At least one session').max(10, 'At most 10 sessions (5 days)'),
  purpose: text(2000).nullable().optional(),
  reviewDates: z.array(ZIsoDate).max(20).default([]),
});
export const ZPlacementUpdate = z.strictObject({
  provider: text(200).min(1).optional(), endDate: ZIsoDate.nullable().optional(), sessionsPerWeek: z.number().int().min(1).max(10).optional(),
  purpose: text(2000).nullable().optional(), version: z.number().int(),
});
export const ZPlacementEnd = z.strictObject({
  finalOutcome: z.enum(PLACEMENT_OUTCOMES), endDate: ZIsoDate, outcomeNotes: text(2000).nullable().optional(), version: z.number().int(),
});
export const ZPlacementReviewInput = z.strictObject({ reviewDate: ZIsoDate, outcome: text(2000).nullable().optional(), notes: text(4000).nullable().optional() });
export const ZPlacementReviewOutcome = z.strictObject({ outcome: text(2000).min(1, 'Record the outcome of the review'), notes: text(4000).nullable().optional() });
export const ZPlacementReview = z.object({ id: ZId, reviewDate: ZIsoDate, outcome: z.string().nullable(), notes: z.string().nullable(), overdue: z.boolean() });
export const ZPlacement = z.object({
  id: ZId, siteId: ZId, pupil: z.object({ id: ZId, displayName: z.string() }), kind: z.enum(PLACEMENT_KINDS), provider: z.string(),
  startDate: ZIsoDate, endDate: ZIsoDate.nullable(), sessionsPerWeek: z.number().int(), purpose: z.string().nullable(),
  status: z.enum(['planned', 'active', 'ended']), finalOutcome: z.enum(PLACEMENT_OUTCOMES).nullable(), outcomeNotes: z.string().nullable(),
  reviews: z.array(ZPlacementReview), nextReview: ZIsoDate.nullable(), version: z.number().int(), allowed: ZAllowed,
});
export type TPlacement = z.infer<typeof ZPlacement>;
export const ZPlacementQuery = z.object({ siteId: z.uuid().optional(), pupilId: z.uuid().optional(), status: z.enum(['planned', 'active', 'ended', 'all']).default('all') });
export const ZPlacementList = z.object({ items: z.array(ZPlacement), allowed: ZAllowed });
export const ZRewardGroups = z.object({ items: z.array(z.object({ id: ZId, siteId: ZId, name: z.string(), kind: z.string() })) });
export type TMilestone = z.infer<typeof ZMilestone>;
export type TLeaderboard = z.infer<typeof ZLeaderboard>;
export type TRewardGroups = z.infer<typeof ZRewardGroups>;
