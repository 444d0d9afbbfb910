/**
 * Support interventions (SUP-3) and their impact (ANA-5): the trust's catalogue and scales, interventions with their
 * pupils, targets, sessions and attendance, check-in/check-out daily points, measures, and the before/after impact.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate } from './common.ts';
import { ATTENDANCE_STATUSES, SUPPORT_KINDS } from './support-interventions-codes.ts';

const text = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'Contains a character that is not allowed');

/** A built-in measure or `scale:<id>` of one of the trust's own scales. */
export const ZMeasureKey = z.string().regex(/^(sdq|boxall_developmental|boxall_diagnostic|daily_points|scale:[0-9a-f-]{36})$/, 'Choose a measure from the list');

// ---- Scales and the catalogue --------------------------------------------------------------------------------------
export const ZSupportScaleInput = z.strictObject({
  name: text(80).min(1, 'Enter a name'),
  min: z.number().int().min(-1000).max(1000),
  max: z.number().int().min(-1000).max(1000),
  higherIsBetter: z.boolean(),
});
export const ZSupportScale = z.object({ id: ZId, name: z.string(), min: z.number().int(), max: z.number().int(), higherIsBetter: z.boolean(), active: z.boolean(), key: z.string() });
export type TSupportScale = z.infer<typeof ZSupportScale>;

export const ZSupportTypeInput = z.strictObject({
  name: text(80).min(1, 'Enter a name'),
  kind: z.enum(SUPPORT_KINDS),
  description: text(1000).nullable().optional(),
  defaultWeeks: z.number().int().min(1, 'At least one week').max(52, 'At most 52 weeks'),
  measures: z.array(ZMeasureKey).max(10).default([]),
  dailyPoints: z.boolean().default(false),
  dailyPointsMax: z.number().int().min(1).max(100).nullable().optional(),
});
export const ZSupportTypeUpdate = ZSupportTypeInput.partial().extend({ active: z.boolean().optional(), version: z.number().int() }).strict();
export const ZSupportType = z.object({
  id: ZId, name: z.string(), kind: z.enum(SUPPORT_KINDS), description: z.string().nullable(), defaultWeeks: z.number().int(),
  measures: z.array(z.string()), dailyPoints: z.boolean(), dailyPointsMax: z.number().int().nullable(), active: z.boolean(),
  version: z.number().int(), allowed: ZAllowed,
});
export type TSupportType = z.infer<typeof ZSupportType>;
export const ZSupportCatalogue = z.object({ items: z.array(ZSupportType), scales: z.array(ZSupportScale), allowed: ZAllowed });
export type TSupportCatalogue = z.infer<typeof ZSupportCatalogue>;

// ---- Interventions -------------------------------------------------------------------------------------------------
const ZTargets = z.array(text(300).min(1, 'A target cannot be empty')).max(10);
export const ZSupportInterventionInput = z.strictObject({
  typeId: ZId,
  siteId: ZId,
  title: text(120).nullable().optional(),
  leadUserId: ZId,
  startDate: ZIsoDate,
  plannedEndDate: ZIsoDate.nullable().optional(),
  pupils: z.array(z.strictObject({ pupilId: ZId, targets: ZTargets.default([]) })).min(1, 'Add at least one pupil').max(30, 'At most 30 pupils'),
  /** Schedule sessions on these weekdays (1 = Monday … 5 = Friday) on every school day from the start to the planned end. */
  sessionWeekdays: z.array(z.number().int().min(1).max(5)).max(5).default([]),
});
export const ZSupportInterventionUpdate = z.strictObject({
  title: text(120).min(1).optional(), leadUserId: ZId.optional(), plannedEndDate: ZIsoDate.optional(), version: z.number().int(),
});
export const ZSupportInterventionEnd = z.strictObject({ endedOn: ZIsoDate, notes: text(2000).nullable().optional(), version: z.number().int() });
export const ZSupportPupilInput = z.strictObject({ pupilId: ZId, targets: ZTargets.default([]) });
export const ZSupportTargets = z.strictObject({ targets: ZTargets });

export const ZSupportSessionInput = z.strictObject({
  sessionDate: ZIsoDate,
  notes: text(2000).nullable().optional(),
  /** When given, the register is taken now: every pupil of the intervention with their attendance. */
  attendance: z.array(z.strictObject({ pupilId: ZId, status: z.enum(ATTENDANCE_STATUSES) })).max(30).optional(),
});
export const ZSupportRegister = z.strictObject({
  notes: text(2000).nullable().optional(),
  attendance: z.array(z.strictObject({ pupilId: ZId, status: z.enum(ATTENDANCE_STATUSES) })).min(1).max(30),
});
export const ZSupportPointsInput = z.strictObject({
  day: ZIsoDate,
  points: z.array(z.strictObject({ pupilId: ZId, points: z.number().int().min(0, 'Points cannot be negative').max(100) })).min(1).max(30),
});
export const ZSupportMeasureInput = z.strictObject({
  pupilId: ZId,
  measure: ZMeasureKey,
  phase: z.enum(['baseline', 'outcome']),
  value: z.number().min(-1000).max(1000),
  informant: z.enum(['teacher', 'parent', 'self']).nullable().optional(),
  recordedOn: ZIsoDate,
  notes: text(1000).nullable().optional(),
});

const ZPupilRef = z.object({ id: ZId, displayName: z.string() });
export const ZSupportSession = z.object({
  id: ZId, sessionDate: ZIsoDate, notes: z.string().nullable(), recorded: z.boolean(),
  attendance: z.array(z.object({ pupilId: ZId, status: z.enum(ATTENDANCE_STATUSES) })),
});
export const ZSupportMeasure = z.object({
  id: ZId, pupilId: ZId, measure: z.string(), measureName: z.string(), phase: z.enum(['baseline', 'outcome']), value: z.number(),
  informant: z.string().nullable(), band: z.string().nullable(), recordedOn: ZIsoDate, notes: z.string().nullable(),
});
export const ZSupportIntervention = z.object({
  id: ZId, siteId: ZId, siteName: z.string(), type: z.object({ id: ZId, name: z.string(), kind: z.enum(SUPPORT_KINDS), dailyPoints: z.boolean(), dailyPointsMax: z.number().int().nullable(), measures: z.array(z.object({ key: z.string(), name: z.string(), min: z.number(), max: z.number(), higherIsBetter: z.boolean() })) }),
  title: z.string(), lead: z.object({ id: ZId, displayName: z.string() }), startDate: ZIsoDate, plannedEndDate: ZIsoDate, endedOn: ZIsoDate.nullable(),
  endNotes: z.string().nullable(), status: z.enum(['open', 'ended']),
  pupils: z.array(ZPupilRef.extend({ targets: z.array(z.string()), attended: z.number().int(), sessionsRecorded: z.number().int(), pointsAverage: z.number().nullable() })),
  sessions: z.array(ZSupportSession),
  points: z.array(z.object({ pupilId: ZId, day: ZIsoDate, points: z.number().int(), maxPoints: z.number().int() })),
  measures: z.array(ZSupportMeasure),
  version: z.number().int(), allowed: ZAllowed,
});
export type TSupportIntervention = z.infer<typeof ZSupportIntervention>;
export const ZSupportInterventionSummary = z.object({
  id: ZId, siteId: ZId, siteName: z.string(), typeName: z.string(), kind: z.enum(SUPPORT_KINDS), title: z.string(), leadName: z.string(),
  startDate: ZIsoDate, plannedEndDate: ZIsoDate, status: z.enum(['open', 'ended']), pupils: z.array(ZPupilRef),
});
export type TSupportInterventionSummary = z.infer<typeof ZSupportInterventionSummary>;
export const ZSupportInterventionQuery = z.object({
  siteId: z.uuid().optional(), pupilId: z.uuid().optional(), status: z.enum(['open', 'ended', 'all']).default('open'),
});
export const ZSupportInterventionList = z.object({ items: z.array(ZSupportInterventionSummary), allowed: ZAllowed });

// ---- Impact (ANA-5) ------------------------------------------------------------------------------------------------
export const ZImpactQuery = z.object({ weeks: z.coerce.number().int().min(1, 'At least one week').max(26, 'At most 26 weeks').default(6) });
const ZRatePart = z.object({ count: z.number().int(), schoolDays: z.number().int(), rate: z.number().nullable() });
const ZWindow = z.object({ from: ZIsoDate.nullable(), to: ZIsoDate.nullable(), schoolDays: z.number().int(), complete: z.boolean() });
export const ZImpactFigures = z.object({ before: ZRatePart, after: ZRatePart, change: z.number().nullable() });
export const ZSupportImpact = z.object({
  interventionId: ZId, weeks: z.number().int(), startDate: ZIsoDate, today: ZIsoDate,
  before: ZWindow, after: ZWindow,
  pupils: z.array(ZPupilRef.extend({ impact: ZImpactFigures })),
  group: ZImpactFigures,
});
export type TSupportImpact = z.infer<typeof ZSupportImpact>;
export const ZImpactRecordsQuery = ZImpactQuery.extend({ pupilId: z.uuid().optional(), window: z.enum(['before', 'after']) });
export const ZImpactRecords = z.object({
  window: z.enum(['before', 'after']), from: ZIsoDate.nullable(), to: ZIsoDate.nullable(),
  items: z.array(z.object({ incidentId: ZId, occurredOn: ZIsoDate, pupil: ZPupilRef, role: z.string(), categories: z.array(z.string()), status: z.string() })),
});
export type TImpactRecords = z.infer<typeof ZImpactRecords>;
export const ZImpactOverviewQuery = ZImpactQuery.extend({ siteId: z.uuid().optional() });
export const ZImpactOverview = z.object({
  weeks: z.number().int(), today: ZIsoDate,
  items: z.array(z.object({ id: ZId, siteId: ZId, title: z.string(), startDate: ZIsoDate, pupils: z.number().int(), before: ZRatePart, after: ZRatePart, change: z.number().nullable() })),
});
export type TImpactOverview = z.infer<typeof ZImpactOverview>;
