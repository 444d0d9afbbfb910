/** On-call requests (INC-5): a call for urgent help at a location, answered live; response and resolution times kept. */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDateTime } from './common.ts';

export const ON_CALL_URGENCIES = ['urgent', 'emergency'] as const;
export const ZOnCallUrgency = z.enum(ON_CALL_URGENCIES);
export type TOnCallUrgency = z.infer<typeof ZOnCallUrgency>;
export const ON_CALL_URGENCY_LABELS: Record<TOnCallUrgency, string> = { urgent: 'Urgent', emergency: 'Emergency' };

export const ON_CALL_STATUSES = ['open', 'acknowledged', 'resolved', 'cancelled'] as const;
export const ZOnCallStatus = z.enum(ON_CALL_STATUSES);
export type TOnCallStatus = z.infer<typeof ZOnCallStatus>;
export const ON_CALL_STATUS_LABELS: Record<TOnCallStatus, string> = {
  open: 'Waiting for a responder', acknowledged: 'On the way', resolved: 'Resolved', cancelled: 'Cancelled',
};

/** Free text: trimmed, bounded, and without NUL characters (PostgreSQL cannot store them; refuse with 400, not 500). */
const text = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'Contains a character that is not allowed');

export const ZOnCallRequestInput = z.strictObject({
  siteId: z.uuid().optional().describe('Needed only when you work at more than one site'),
  locationCode: z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_-]+$/, 'Not a location code').nullable().optional().describe("A location from the site's behaviour policy"),
  locationDetail: text(300).nullable().optional().describe('Where, in words (room, corridor, playground)'),
  pupilId: z.uuid().nullable().optional(),
  urgency: ZOnCallUrgency,
  note: text(2000).nullable().optional(),
});
export type TOnCallRequestInput = z.infer<typeof ZOnCallRequestInput>;

export const ZOnCallResolve = z.strictObject({ outcome: text(2000).min(1, 'Say how it was resolved') });

const ZPerson = z.object({ id: ZId, displayName: z.string() });

export const ZOnCallRequest = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  locationCode: z.string().nullable(),
  locationLabel: z.string().nullable().describe("The policy location's label, when a code was given"),
  locationDetail: z.string().nullable(),
  pupil: ZPerson.nullable(),
  urgency: ZOnCallUrgency,
  note: z.string().nullable(),
  status: ZOnCallStatus,
  requestedBy: ZPerson,
  requestedAt: ZIsoDateTime,
  acknowledgedBy: ZPerson.nullable(),
  acknowledgedAt: ZIsoDateTime.nullable(),
  resolvedBy: ZPerson.nullable(),
  resolvedAt: ZIsoDateTime.nullable(),
  outcome: z.string().nullable(),
  /** Seconds from the request to the first response (acknowledgement); null until then. */
  responseSeconds: z.number().int().nullable(),
  /** Seconds from the request to its resolution; null until resolved. */
  resolutionSeconds: z.number().int().nullable(),
  /** Everyone who said they are coming, first first (the caller sees these names live). */
  coming: z.array(ZPerson),
  /** How many times the call has gone to the next responders because nobody answered (0: not yet). */
  escalationLevel: z.number().int(),
  escalatedAt: ZIsoDateTime.nullable(),
  /** You were called for this and have not yet said you are coming (drives the banner and the sound). */
  alertsYou: z.boolean(),
  allowed: ZAllowed,
});
export type TOnCallRequest = z.infer<typeof ZOnCallRequest>;

export const ZOnCallListQuery = z.object({
  siteId: z.uuid().optional(),
  status: z.enum([...ON_CALL_STATUSES, 'active']).default('active').describe("'active' means open or acknowledged"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZOnCallList = z.object({ items: z.array(ZOnCallRequest) });

export const ZOnCallStaff = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  userId: ZId,
  displayName: z.string(),
  email: z.string(),
  active: z.boolean(),
});
export type TOnCallStaff = z.infer<typeof ZOnCallStaff>;
export const ZOnCallStaffList = z.object({ items: z.array(ZOnCallStaff) });
export const ZOnCallStaffQuery = z.object({ siteId: z.uuid().optional(), includeInactive: z.enum(['true', 'false']).optional() });
export const ZOnCallStaffInput = z.strictObject({ siteId: z.uuid(), userId: z.uuid() });
export const ZOnCallCandidateQuery = z.object({ siteId: z.uuid() });
export const ZOnCallCandidates = z.object({ items: z.array(ZPerson.extend({ email: z.string() })) });

/** What a live event carries: ids and labels for the panel to refresh, never a pupil's name. */
export const ZOnCallEvent = z.object({
  id: ZId, siteId: ZId, status: ZOnCallStatus, urgency: ZOnCallUrgency, location: z.string(), at: ZIsoDateTime, escalationLevel: z.number().int(),
});
export type TOnCallEvent = z.infer<typeof ZOnCallEvent>;

/** How long a call may wait unanswered before it goes to the next responders (the site's, else the trust's, else 60 s). */
export const ON_CALL_ESCALATE_LIMITS = { min: 15, max: 900, default: 60 } as const;
export const ZOnCallSettingsQuery = z.object({ siteId: z.uuid().optional().describe('Omit for the trust-wide setting') });
export const ZOnCallSettingsInput = z.strictObject({
  siteId: z.uuid().nullable().describe('null: the trust-wide setting (needs a trust-wide role)'),
  escalateAfterSeconds: z.number().int().min(ON_CALL_ESCALATE_LIMITS.min).max(ON_CALL_ESCALATE_LIMITS.max),
});
export const ZOnCallSettings = z.object({
  siteId: ZId.nullable(),
  escalateAfterSeconds: z.number().int(),
  source: z.enum(['site', 'trust', 'default']).describe('Where the value comes from'),
});
export type TOnCallSettings = z.infer<typeof ZOnCallSettings>;
