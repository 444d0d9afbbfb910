/** Suspensions and permanent exclusions (SAN-3, LAW-1 … LAW-9), their reason codes, notifications, deadlines. */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { ZMeeting } from './casework.ts';
import { BOARD_OUTCOMES, EXCLUSION_CATEGORIES, NOTIFICATION_RECIPIENTS } from './exclusions-codes.ts';

export const ZExclusionCategory = z.enum(EXCLUSION_CATEGORIES);
export const ZSessionOfDay = z.enum(['am', 'pm']);
export const SESSION_LABELS = { am: 'morning', pm: 'afternoon' } as const;

export const BOARD_DUTY_KINDS = ['must_consider_reinstatement', 'consider_if_representations', 'representations_only'] as const;
export const ZBoardDutyKind = z.enum(BOARD_DUTY_KINDS);
export const ZNotificationRecipient = z.enum(NOTIFICATION_RECIPIENTS);
export const ZNotificationStatus = z.enum(['to_do', 'sent', 'done']);
export const ZBoardOutcome = z.enum(BOARD_OUTCOMES);

const text = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'Contains a character that is not allowed');
const ZCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2,4}$/, 'A reason code is 2 to 4 letters');

export const ZExclusionDraft = z.strictObject({
  pupilId: z.uuid(),
  category: ZExclusionCategory,
  startDate: ZIsoDate,
  startSession: ZSessionOfDay.default('am'),
  sessions: z.number().int().min(1).max(90).nullable().optional().describe('Sessions (a day is 2); lunchtimes for a lunchtime suspension; omit for a permanent exclusion'),
  decisionDate: ZIsoDate.optional().describe('The day the parents were told of the decision (default today; never in the future). Every deadline counts from it.'),
  missesPublicExam: z.boolean().default(false),
  publicExamDate: ZIsoDate.nullable().optional().describe('The public examination or national curriculum test the pupil misses (required when missesPublicExam)'),
});
export type TExclusionDraft = z.infer<typeof ZExclusionDraft>;
/** The preview takes the form as it is (reasons and details may still be empty). */
export const ZExclusionPreviewInput = ZExclusionDraft.extend({
  reasonCodes: z.array(z.string().max(10)).max(3).optional(), details: z.string().max(4000).optional(), incidentId: z.uuid().nullable().optional(),
});

export const ZExclusionInput = ZExclusionDraft.extend({
  reasonCodes: z.array(ZCode).min(1, 'Give at least one reason').max(3, 'Give at most three reasons'),
  details: text(4000).min(1, 'Say what happened, in words the parents will read'),
  incidentId: z.uuid().nullable().optional(),
});
export type TExclusionInput = z.infer<typeof ZExclusionInput>;

export const ZFinding = z.object({
  rule: z.string().describe('The rule id (e.g. LAW-2), for code; the message names the rule in words'), field: z.string(), message: z.string(),
});

export const DEADLINE_KINDS = ['board_consideration', 'alternative_provision', 'notification', 'reintegration_meeting', 'independent_review'] as const;
/** One statutory deadline of a record, counted from the dates entered; pending = "needs next year's calendar". */
export const ZStatutoryDeadline = z.object({
  kind: z.enum(DEADLINE_KINDS), rule: z.string().nullable(), label: z.string(), due: ZIsoDate.nullable(),
  pending: z.boolean().describe("The calendar does not reach it yet: needs next year's calendar"), conditional: z.boolean(),
});
export type TStatutoryDeadline = z.infer<typeof ZStatutoryDeadline>;

export const ZExclusionPreview = z.object({
  days: z.number(),
  yearDaysBefore: z.number(),
  yearDays: z.number(),
  termDays: z.object({ autumn: z.number(), spring: z.number(), summer: z.number() }),
  schoolDays: z.array(ZIsoDate),
  lastDay: ZIsoDate.nullable(),
  returnDate: ZIsoDate.nullable(),
  returnSession: ZSessionOfDay.nullable(),
  warnings: z.array(ZFinding),
  refusal: ZFinding.nullable(),
  boardDuty: z.object({
    kind: ZBoardDutyKind, rule: z.string(), deadline: ZIsoDate.nullable(), pending: z.boolean(), schoolDays: z.number().int().nullable(), conditional: z.boolean(),
    message: z.string().describe('The whole duty in words; stored with the record when issued'),
  }),
  provisionDueFrom: ZIsoDate.nullable(),
  decisionDate: ZIsoDate.describe('The day the parents were told (as entered, or today)'),
  deadlines: z.array(ZStatutoryDeadline),
  passedDeadlines: z.array(ZStatutoryDeadline).describe('Deadlines that have already passed today (a record entered late)'),
  pendingDeadlines: z.array(ZStatutoryDeadline).describe("Deadlines that need next year's calendar"),
});
export type TExclusionPreview = z.infer<typeof ZExclusionPreview>;

export const ZExclusionNotification = z.object({
  id: ZId, occasion: z.enum(['issue', 'cancellation']), recipient: ZNotificationRecipient,
  status: ZNotificationStatus, statusOn: ZIsoDate.nullable(), note: z.string().nullable(), allowed: ZAllowed,
});
export const ZNotificationUpdate = z.strictObject({ status: ZNotificationStatus, statusOn: ZIsoDate.optional(), note: text(500).optional() });

export const ZExclusion = z.object({
  id: ZId, siteId: ZId, siteName: z.string(),
  pupil: z.object({ id: ZId, displayName: z.string(), yearGroup: z.number().int(), lookedAfter: z.boolean() }),
  category: ZExclusionCategory, status: z.enum(['issued', 'cancelled']),
  startDate: ZIsoDate, startSession: ZSessionOfDay, sessions: z.number().int().nullable(), days: z.number(),
  lastDay: ZIsoDate.nullable(), returnDate: ZIsoDate.nullable(), returnSession: ZSessionOfDay.nullable(),
  reasons: z.array(z.object({ code: z.string(), label: z.string() })),
  details: z.string(), missesPublicExam: z.boolean(), publicExamDate: ZIsoDate.nullable(), incidentId: ZId.nullable(),
  decisionDate: ZIsoDate.describe('The day the parents were told of the decision'),
  previousExclusionId: ZId.nullable(), laterExclusionIds: z.array(ZId),
  issuedBy: z.object({ id: ZId, displayName: z.string() }), issuedAt: ZIsoDateTime,
  boardNotifiedOn: ZIsoDate, boardDutyKind: ZBoardDutyKind, boardDeadline: ZIsoDate.nullable(), boardDutyMessage: z.string(),
  provisionDueFrom: ZIsoDate.nullable(), provisionProvider: z.string().nullable(), provisionFrom: ZIsoDate.nullable(),
  provisionMissing: z.boolean().describe('Alternative provision is due (LAW-8) and none is recorded'),
  parentsMadeRepresentations: z.boolean(), boardMeetingDate: ZIsoDate.nullable(), boardOutcome: ZBoardOutcome.nullable(),
  boardOutcomeOn: ZIsoDate.nullable(), boardOutcomeNotes: z.string().nullable(),
  independentReviewBy: ZIsoDate.nullable().describe('Permanent exclusion upheld: the last day parents may ask for an independent review'),
  cancelledAt: ZIsoDateTime.nullable(), cancelReason: z.string().nullable(),
  yearDays: z.number().describe("The pupil's suspension days this academic year, this record included"),
  deadlines: z.array(ZStatutoryDeadline),
  pendingDeadlines: z.array(ZStatutoryDeadline).describe("Deadlines that need next year's calendar (filled in when it is entered)"),
  lateEntry: z.object({ enteredOn: ZIsoDate, passed: z.array(ZStatutoryDeadline) }).nullable()
    .describe('Entered after the parents were told: the deadlines that had already passed when it was entered'),
  notifications: z.array(ZExclusionNotification),
  meetings: z.array(ZMeeting),
  allowed: ZAllowed,
});
export type TExclusion = z.infer<typeof ZExclusion>;

export const ZExclusionListItem = ZExclusion.omit({ notifications: true, meetings: true, details: true });
export const ZExclusionList = z.object({ items: z.array(ZExclusionListItem) });
export const ZExclusionListQuery = z.object({ pupilId: z.uuid().optional(), siteId: z.uuid().optional(), status: z.enum(['issued', 'cancelled']).optional() });

export const ZExclusionCancel = z.strictObject({ reason: text(2000).min(1, 'Give the reason for cancelling') });
export const ZExclusionBoard = z.strictObject({
  parentsMadeRepresentations: z.boolean().optional(),
  boardMeetingDate: ZIsoDate.nullable().optional(),
  boardOutcome: ZBoardOutcome.nullable().optional(),
  boardOutcomeOn: ZIsoDate.nullable().optional(),
  boardOutcomeNotes: text(4000).nullable().optional(),
});
export const ZExclusionProvision = z.strictObject({ provider: text(300).min(1, 'Name the provider'), from: ZIsoDate });

export const ZExclusionReason = z.object({
  id: ZId, code: z.string(), label: z.string(), validFrom: ZIsoDate, validTo: ZIsoDate.nullable(), source: z.string(), allowed: ZAllowed,
});
export const ZExclusionReasonList = z.object({ items: z.array(ZExclusionReason) });
export const ZExclusionReasonQuery = z.object({ validOn: ZIsoDate.optional() });
export const ZExclusionReasonInput = z.strictObject({
  code: ZCode, label: text(200).min(1), validFrom: ZIsoDate, validTo: ZIsoDate.nullable().optional(), source: text(300).min(1),
});
export const ZExclusionReasonExpire = z.strictObject({ validTo: ZIsoDate });

export const ZIssued = z.object({
  id: ZId,
  passedDeadlines: z.array(ZStatutoryDeadline).describe('Deadlines that had already passed when it was entered'),
  pendingDeadlines: z.array(ZStatutoryDeadline).describe("Deadlines that need next year's calendar"),
});
export type TIssued = z.infer<typeof ZIssued>;

export const ZDeadline = z.object({
  kind: z.enum(DEADLINE_KINDS), label: z.string(), rule: z.string(), ruleName: z.string().describe('The rule in words'), due: ZIsoDate.nullable(),
  pending: z.boolean().describe("The date needs next year's calendar"),
  schoolDaysRemaining: z.number().int().nullable(), overdue: z.boolean(), conditional: z.boolean(),
  siteId: ZId, siteName: z.string(), pupil: z.object({ id: ZId, displayName: z.string() }), link: z.string(),
});
export type TDeadline = z.infer<typeof ZDeadline>;
export const ZDeadlineList = z.object({ items: z.array(ZDeadline), today: ZIsoDate });
export const ZDeadlineQuery = z.object({ siteId: z.uuid().optional() });
