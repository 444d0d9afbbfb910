/** Full incidents (INC-2, INC-3, INC-6) and their review (REV-1 … REV-3); their codes and words are in incidents-codes.ts. */
import { z } from 'zod';
import { ZExportFormat } from './export.ts';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime, ZPageQuery, page } from './common.ts';
import { ZSenStatus } from './enums.ts';
import {
  INCIDENT_STATUSES, INTERVENTION_KINDS, PARENT_COPY_STATUSES, PARENT_COPY_WITHHOLD_REASONS, PUPIL_ROLES, STAFF_ROLES,
} from './incidents-codes.ts';
import { ZCertificateFlag } from './staff-reviews.ts';
import { ZReviewLink, ZReviewLinkInput } from './plans-use.ts';

export const ZIncidentStatus = z.enum(INCIDENT_STATUSES);
export const ZIncidentPupilRole = z.enum(PUPIL_ROLES);
export const ZIncidentStaffRole = z.enum(STAFF_ROLES);

const text = (max: number) => z.string().trim().max(max);

/** A body-map mark: position as a fraction of the outline's width and height. */
export const ZBodyMapMark = z.strictObject({
  person: z.enum(['pupil', 'staff']),
  side: z.enum(['front', 'back']),
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  note: text(500),
});
export type TBodyMapMark = z.infer<typeof ZBodyMapMark>;

export const ZInterventionKind = z.enum(INTERVENTION_KINDS);

export const ZPhysicalInterventionInput = z.strictObject({
  pupilId: z.uuid().nullable().optional(),
  kind: ZInterventionKind.nullable().optional(),
  startedAt: ZIsoDateTime.nullable().optional(),
  endedAt: ZIsoDateTime.nullable().optional(),
  staffTechniques: z.array(z.strictObject({ staffId: z.uuid(), techniqueCodes: z.array(z.string().max(50)).max(20) })).max(20).optional(),
  reason: text(5000).nullable().optional(),
  deescalationTried: text(5000).nullable().optional(),
  pupilInjured: z.boolean().optional(),
  staffInjured: z.boolean().optional(),
  injuryNotes: text(5000).nullable().optional(),
  bodyMap: z.array(ZBodyMapMark).max(100).optional(),
  medicalAttention: text(2000).nullable().optional(),
  /** LAW-10: the support offered to the pupil (and staff) afterwards. */
  supportOffered: text(5000).nullable().optional(),
  pupilDebriefAt: ZIsoDateTime.nullable().optional(),
  pupilDebriefBy: z.uuid().nullable().optional(),
  staffDebriefAt: ZIsoDateTime.nullable().optional(),
  staffDebriefBy: z.uuid().nullable().optional(),
  parentInformedAt: ZIsoDateTime.nullable().optional(),
  parentInformedHow: z.enum(['phone', 'in_person', 'email', 'letter', 'text_message']).nullable().optional(),
  parentInformedBy: z.uuid().nullable().optional(),
});

/**
 * The editable body of an incident. Every field is optional while it is a draft (autosave sends what was typed);
 * completeness is checked on submit and on sign-off, naming each missing field.
 */
export const ZIncidentInput = z.strictObject({
  siteId: z.uuid().optional(),
  occurredAt: ZIsoDateTime.nullable().optional(),
  locationCode: z.string().max(50).nullable().optional(),
  periodCode: z.string().max(50).nullable().optional(),
  severity: z.number().int().min(0).max(5).nullable().optional(),
  categoryCodes: z.array(z.string().max(50)).max(20).optional(),
  pupils: z.array(z.strictObject({ pupilId: z.uuid(), role: ZIncidentPupilRole })).max(30).optional(),
  staff: z.array(z.strictObject({ staffId: z.uuid(), role: ZIncidentStaffRole })).max(30).optional(),
  antecedent: text(10000).nullable().optional(),
  behaviour: text(10000).nullable().optional(),
  consequence: text(10000).nullable().optional(),
  motivationCode: z.string().max(50).nullable().optional(),
  actionCodes: z.array(z.string().max(50)).max(30).optional(),
  dfeReasonCode: z.string().max(10).nullable().optional(),
  customValues: z.record(z.string().max(60), z.union([z.string().max(5000), z.boolean(), z.null()])).optional(),
  physicalIntervention: z.boolean().optional(),
  physicalInterventions: z.array(ZPhysicalInterventionInput).max(10).optional(),
});
export type TIncidentInput = z.infer<typeof ZIncidentInput>;

/** An edit carries the version it was made from: a stale version is refused with 409 (optimistic concurrency). */
export const ZIncidentUpdate = ZIncidentInput.extend({ version: z.number().int().min(1) }).strict();

export const ZPhysicalIntervention = z.object({
  id: ZId,
  pupilId: ZId.nullable(),
  kind: ZInterventionKind.nullable(),
  /** LAW-10: the pupil's SEN status when the pupil was recorded on the intervention (derived, never typed). */
  pupilSenStatus: ZSenStatus.nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  staffTechniques: z.array(z.object({ staffId: ZId, techniqueCodes: z.array(z.string()) })),
  reason: z.string().nullable(),
  deescalationTried: z.string().nullable(),
  pupilInjured: z.boolean(),
  staffInjured: z.boolean(),
  injuryNotes: z.string().nullable(),
  bodyMap: z.array(ZBodyMapMark),
  medicalAttention: z.string().nullable(),
  supportOffered: z.string().nullable(),
  pupilDebriefAt: z.string().nullable(),
  pupilDebriefBy: ZId.nullable(),
  staffDebriefAt: z.string().nullable(),
  staffDebriefBy: ZId.nullable(),
  parentInformedAt: z.string().nullable(),
  parentInformedHow: z.string().nullable(),
  parentInformedBy: ZId.nullable(),
  /** LAW-10: the parent was not told by the end of the school day of the intervention. */
  parentNotInformedSameDay: z.boolean(),
});

export const ZIncident = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  status: ZIncidentStatus,
  voided: z.boolean(),
  voidReason: z.string().nullable(),
  occurredAt: z.string().nullable(),
  locationCode: z.string().nullable(),
  periodCode: z.string().nullable(),
  severity: z.number().int().nullable(),
  categoryCodes: z.array(z.string()),
  pupils: z.array(z.object({ pupilId: ZId, displayName: z.string(), yearGroup: z.number().int(), role: ZIncidentPupilRole })),
  staff: z.array(z.object({ staffId: ZId, name: z.string(), role: ZIncidentStaffRole })),
  antecedent: z.string().nullable(),
  behaviour: z.string().nullable(),
  consequence: z.string().nullable(),
  motivationCode: z.string().nullable(),
  actionCodes: z.array(z.string()),
  dfeReasonCode: z.string().nullable(),
  formVersion: z.number().int().nullable(),
  customFields: z.array(z.object({ key: z.string(), label: z.string(), type: z.enum(['text', 'choice', 'yes_no', 'date']), options: z.array(z.string()).optional(), required: z.boolean() })),
  customValues: z.record(z.string(), z.union([z.string(), z.boolean(), z.null()])),
  physicalIntervention: z.boolean(),
  physicalInterventions: z.array(ZPhysicalIntervention),
  /** STF-2: holds used by a member of staff without a valid certificate on the day (recomputed when the section changes). */
  certificateFlags: z.array(ZCertificateFlag),
  /** TRP-4: the off-site visit it happened on, if any (linked when submitted, or from the visit's page). */
  visit: z.object({ id: ZId, purpose: z.string() }).nullable(),
  serious: z.boolean(),
  createdBy: z.object({ id: ZId, name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  signedOffAt: z.string().nullable(),
  signedOffBy: z.object({ id: ZId, name: z.string() }).nullable(),
  /** The reviewer's latest comments when returned for amendment. */
  returnComments: z.string().nullable(),
  /** What is still missing before submission / sign-off (REV-2), each naming its field. */
  missing: z.array(z.object({ field: z.string(), message: z.string() })),
  version: z.number().int(),
  allowed: ZAllowed,
});
export type TIncident = z.infer<typeof ZIncident>;

/** A query-string flag: 'true'/'1' are true, 'false'/'0' false (z.coerce.boolean would read 'false' as true). */
const queryFlag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((v) => v === true || v === 'true' || v === '1');

/** Filters the incident list and the review queue share: at least this severity, with or without a physical intervention, a category. */
const triageFilters = {
  /** STF-2: only incidents where a hold was used without a valid certificate. */
  uncertifiedHold: queryFlag.optional(),
  severityMin: z.coerce.number().int().min(0).max(5).optional(),
  physicalIntervention: queryFlag.optional(),
  categoryCode: z.string().trim().min(1).max(60).optional(),
  /** Only incidents where a hold was used that the pupil's behaviour support plan does not approve. */
  unapprovedHold: queryFlag.optional(),
};
export const ZIncidentListQuery = ZPageQuery.extend({
  siteId: z.uuid().optional(),
  status: ZIncidentStatus.optional(),
  pupilId: z.uuid().optional(),
  mine: queryFlag.optional(),
  includeVoided: queryFlag.optional(),
  /** The day it happened, from and to (inclusive). */
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  ...triageFilters,
  format: ZExportFormat.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'The end date is before the start date' });
export const ZIncidentListItem = z.object({
  id: ZId, siteId: ZId, siteName: z.string(), status: ZIncidentStatus, voided: z.boolean(), occurredAt: z.string().nullable(),
  severity: z.number().int().nullable(), categoryCodes: z.array(z.string()), physicalIntervention: z.boolean(),
  pupilNames: z.array(z.string()), createdByName: z.string(), updatedAt: z.string(), version: z.number().int(), allowed: ZAllowed,
  /** The categories' names as the site calls them (codes without a current name are given as the code). */
  categoryNames: z.array(z.string()),
  /** The start of what happened (the behaviour), at most 200 characters. */
  summary: z.string().nullable(),
});
export const ZIncidentList = page(ZIncidentListItem);

export const ZReturnBody = z.strictObject({ comments: z.string().trim().min(1, 'Say what needs amending').max(5000), version: z.number().int() });
export const ZVersionBody = z.strictObject({ version: z.number().int() });
export const ZVoidBody = z.strictObject({ reason: z.string().trim().min(3, 'Give a reason for voiding').max(2000), version: z.number().int() });

export const ZIncidentVersion = z.object({
  version: z.number().int(),
  change: z.enum(['create', 'edit', 'submit', 'return', 'resubmit', 'sign_off', 'void']),
  changedBy: z.object({ id: ZId, name: z.string() }),
  changedAt: z.string(),
  comment: z.string().nullable(),
  /** Field-level differences from the previous version. */
  diff: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export const ZIncidentHistory = z.object({ items: z.array(ZIncidentVersion) });

/** The review queue (REV-2): oldest first, with ages in hours and an overdue flag. */
export const ZReviewQueueQuery = z.object({
  siteId: z.uuid().optional(),
  ...triageFilters,
  /** Only what has waited at least this many hours (48: the overdue ones). */
  olderThanHours: z.coerce.number().int().min(0).max(8760).optional(),
  format: ZExportFormat.optional(),
});
export const ZReviewQueueItem = ZIncidentListItem.extend({
  submittedAt: z.string(),
  ageHours: z.number(),
  overdue: z.boolean(),
  parentNotInformedSameDay: z.boolean(),
  /** LAW-12: a pupil's parent's copy of the record is not yet given (sent) or withheld, and the day of the intervention is over. */
  parentCopyOutstanding: z.boolean(),
  /** LAW-12: the parent's copy of the record was withheld (with a reason) for at least one pupil. */
  parentCopyWithheld: z.boolean(),
  resubmitted: z.boolean(),
  /** STF-2: a hold was used without a valid certificate (missing, expired or not covering it). */
  uncertifiedHold: z.boolean(),
  /** A hold was used that the pupil's behaviour support plan in force at the time does not approve. */
  unapprovedHold: z.boolean(),
});
export const ZReviewQueue = z.object({ items: z.array(ZReviewQueueItem), total: z.number().int() });

export const ZPostIncidentReviewInput = z.strictObject({
  whatHappened: text(10000).nullable().optional(),
  learning: text(10000).nullable().optional(),
  planChanges: text(10000).nullable().optional(),
  riskAssessmentChanges: text(10000).nullable().optional(),
  staffSupport: text(10000).nullable().optional(),
  /** The plan and risk-assessment versions this review changed (replaces the list sent before). */
  links: z.array(ZReviewLinkInput).max(20).optional(),
  complete: z.boolean().optional(),
});
export const ZPostIncidentReview = z.object({
  id: ZId, incidentId: ZId, whatHappened: z.string().nullable(), learning: z.string().nullable(), planChanges: z.string().nullable(),
  riskAssessmentChanges: z.string().nullable(), staffSupport: z.string().nullable(), status: z.enum(['open', 'completed']),
  completedAt: z.string().nullable(), version: z.number().int(), allowed: ZAllowed,
  /** The plan and risk-assessment versions this review changed. */
  links: z.array(ZReviewLink),
});

export const ZAttachment = z.object({ id: ZId, filename: z.string(), contentType: z.string(), sizeBytes: z.number().int(), createdAt: z.string() });
export const ZAttachmentList = z.object({ items: z.array(ZAttachment) });

export const ZParentContactInput = z.strictObject({
  pupilId: z.uuid(), contactedAt: ZIsoDateTime, method: z.enum(['phone', 'in_person', 'email', 'letter', 'text_message']),
  contactName: text(200).nullable().optional(), summary: z.string().trim().min(1).max(5000),
});
export const ZParentContact = z.object({ id: ZId, pupilId: ZId, contactedAt: z.string(), method: z.string(), contactName: z.string().nullable(), summary: z.string(), recordedByName: z.string(), createdAt: z.string(),
  /** 'incident_form': fed by a physical intervention's "parent told" on the incident form (changes with it); 'log': logged here. */
  source: z.enum(['log', 'incident_form']) });
export const ZParentContactList = z.object({ items: z.array(ZParentContact) });

/** Counts for the dashboard (behaviour.read roles): what waits for review, what is overdue, PIs whose parent was not told the same day. */
export const ZIncidentFlagsQuery = z.object({ siteId: z.uuid().optional() });
export const ZIncidentFlags = z.object({
  awaitingReview: z.number().int(),
  overdue: z.number().int(),
  /** Open (not signed off, not voided) incidents with a physical intervention whose parent was not informed the same day (LAW-10). */
  parentNotInformedSameDay: z.number().int(),
});
export type TIncidentFlags = z.infer<typeof ZIncidentFlags>;

export const ZParentCopyWithholdReason = z.enum(PARENT_COPY_WITHHOLD_REASONS);
export const ZParentCopyQuery = z.object({ pupilId: z.uuid() });
export const ZParentCopySend = z.strictObject({ pupilId: z.uuid() });
export const ZParentCopyWithhold = z.strictObject({
  pupilId: z.uuid(),
  reason: ZParentCopyWithholdReason,
  explanation: z.string().trim().min(10, 'Explain the decision in a sentence or two').max(5000),
});
export const ZParentCopyStatus = z.enum(PARENT_COPY_STATUSES);
export const ZParentCopy = z.object({
  pupilId: ZId,
  pupilName: z.string(),
  status: ZParentCopyStatus,
  /** When the latest decision (send or withhold) was made, and by whom. */
  decidedAt: z.string().nullable(),
  decidedBy: z.object({ id: ZId, name: z.string() }).nullable(),
  /** When every parent had been sent the copy (emailed, or marked as handed over), if they have. */
  givenAt: z.string().nullable(),
  withholdReason: ZParentCopyWithholdReason.nullable(),
  withholdExplanation: z.string().nullable(),
  /** The parents the latest copy went to, and how each stands (the communications log has the detail). */
  recipients: z.array(z.object({ communicationId: ZId, name: z.string(), channel: z.enum(['email', 'by_hand']), status: z.enum(['pending', 'sent', 'failed', 'to_send_by_hand']) })),
  /** The same-day warning: the day of the intervention is over and the copy has been neither given nor withheld. */
  outstanding: z.boolean(),
  allowed: ZAllowed,
});
export type TParentCopy = z.infer<typeof ZParentCopy>;
export const ZParentCopyList = z.object({ items: z.array(ZParentCopy) });
