/**
 * Casework (SUP-4, SUP-5, ANA-7): meetings about a pupil with their attendees and agreed actions, the trust's
 * directory of agencies, referrals to them, and professional reports received and sent.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate } from './common.ts';
import { AGENCY_KINDS, ATTENDEE_KINDS, MEETING_TYPES, REFERRAL_STATUSES } from './casework-codes.ts';

const text = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'Contains a character that is not allowed');
const ZSession = z.enum(['am', 'pm']);
const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give a time as hh:mm (24-hour clock)');

// ---------------------------------------------------------------- meetings (SUP-4)
export const ZMeetingType = z.enum(MEETING_TYPES);
export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export const ZMeetingStatus = z.enum(MEETING_STATUSES);
/** What a meeting was created from (a generic link: a plan joins this list when the plans module lands). */
export const MEETING_SOURCE_TYPES = ['exclusion', 'incident'] as const;
export const ZMeetingSourceType = z.enum(MEETING_SOURCE_TYPES);

export const ZAttendeeKind = z.enum(ATTENDEE_KINDS);
/** An attendee: refId is the user (staff), the pupil contact, the agency contact or the pupil; 'other' has a name only. */
export const ZMeetingAttendee = z.object({ kind: ZAttendeeKind, refId: ZId.nullable(), name: z.string(), role: z.string().nullable() });
export type TMeetingAttendee = z.infer<typeof ZMeetingAttendee>;
export const ZMeetingAttendeeInput = z.strictObject({
  kind: ZAttendeeKind, refId: ZId.nullable().optional(), name: text(200).optional(), role: text(200).nullable().optional(),
});

export const ZMeetingAction = z.object({
  id: ZId, action: z.string(), owner: z.object({ id: ZId.nullable(), name: z.string() }), dueOn: ZIsoDate.nullable(),
  taskId: ZId.nullable(), done: z.boolean(), completedAt: z.string().nullable(),
});
export const ZMeeting = z.object({
  id: ZId, siteId: ZId, pupilId: ZId, pupilName: z.string(), type: z.string(), date: ZIsoDate, session: ZSession.nullable(),
  startTime: z.string().nullable(), place: z.string().nullable(),
  status: ZMeetingStatus, recordType: z.string().nullable().describe('What the meeting was created from: exclusion, incident (later plan)'), recordId: ZId.nullable(),
  attendees: z.array(ZMeetingAttendee), notes: z.string().nullable(),
  agreedActions: z.array(ZMeetingAction), version: z.number().int(), allowed: ZAllowed,
});
export type TMeeting = z.infer<typeof ZMeeting>;
export const ZMeetingList = z.object({ items: z.array(ZMeeting) });
export const ZMeetingListQuery = z.object({
  pupilId: z.uuid().optional(), from: ZIsoDate.optional(), type: ZMeetingType.optional(), status: ZMeetingStatus.optional(),
});
export const ZMeetingCreate = z.strictObject({
  pupilId: ZId, type: ZMeetingType, date: ZIsoDate, startTime: ZClock.nullable().optional(), place: text(200).nullable().optional(),
  source: z.strictObject({ type: ZMeetingSourceType, id: ZId }).nullable().optional(),
  attendees: z.array(ZMeetingAttendeeInput).max(40).optional(),
});
export const ZMeetingUpdate = z.strictObject({
  version: z.number().int().min(1).optional().describe('The version you edited (refused with 409 when someone changed it since)'),
  date: ZIsoDate.optional(), startTime: ZClock.nullable().optional(), place: text(200).nullable().optional(), status: ZMeetingStatus.optional(),
  attendees: z.array(ZMeetingAttendeeInput).max(40).optional(), notes: text(8000).nullable().optional(),
});
export const ZMeetingActionCreate = z.strictObject({
  action: text(500).min(1, 'Say what was agreed'), ownerUserId: ZId, dueOn: ZIsoDate,
});
export const ZAttendeeOptions = z.object({
  staff: z.array(z.object({ id: ZId, name: z.string() })),
  contacts: z.array(z.object({ id: ZId, name: z.string(), role: z.string().nullable() })),
  agencyContacts: z.array(z.object({ id: ZId, name: z.string(), role: z.string().nullable(), agencyName: z.string() })),
  pupil: z.object({ id: ZId, name: z.string() }),
});

// ---------------------------------------------------------------- agencies (SUP-5)
export const ZAgencyKind = z.enum(AGENCY_KINDS);
export const ZAgencyContact = z.object({
  id: ZId, agencyId: ZId, name: z.string(), role: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), active: z.boolean(), version: z.number().int(),
});
export const ZAgency = z.object({
  id: ZId, kind: ZAgencyKind, name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), active: z.boolean(),
  contacts: z.array(ZAgencyContact), version: z.number().int(), allowed: ZAllowed,
});
export type TAgency = z.infer<typeof ZAgency>;
export const ZAgencyList = z.object({ items: z.array(ZAgency) });
const ZEmailOrNull = z.email().max(254).nullable().optional();
const ZPhoneOrNull = text(40).nullable().optional();
export const ZAgencyInput = z.strictObject({ kind: ZAgencyKind, name: text(200).min(1, 'Name the agency'), email: ZEmailOrNull, phone: ZPhoneOrNull });
export const ZAgencyUpdate = ZAgencyInput.partial().extend({ active: z.boolean().optional(), version: z.number().int().min(1) }).strict();
export const ZAgencyContactInput = z.strictObject({ name: text(200).min(1, 'Name the contact'), role: text(200).nullable().optional(), email: ZEmailOrNull, phone: ZPhoneOrNull });
export const ZAgencyContactUpdate = ZAgencyContactInput.partial().extend({ active: z.boolean().optional(), version: z.number().int().min(1) }).strict();

// ---------------------------------------------------------------- referrals (SUP-5)
export const ZReferralStatus = z.enum(REFERRAL_STATUSES);
export const ZReferral = z.object({
  id: ZId, siteId: ZId, pupilId: ZId, pupilName: z.string(), agency: z.object({ id: ZId, name: z.string(), kind: ZAgencyKind }),
  contact: z.object({ id: ZId, name: z.string() }).nullable(),
  madeOn: ZIsoDate.nullable(), reason: z.string(), status: ZReferralStatus, expectedResponseOn: ZIsoDate.nullable(), respondedOn: ZIsoDate.nullable(),
  outcome: z.string().nullable(), referrer: z.object({ id: ZId, name: z.string() }),
  overdue: z.boolean().describe('Sent, the expected response date has passed and no response is recorded'),
  version: z.number().int(), allowed: ZAllowed,
});
export type TReferral = z.infer<typeof ZReferral>;
export const ZReferralList = z.object({ items: z.array(ZReferral) });
export const ZReferralListQuery = z.object({
  pupilId: z.uuid().optional(), siteId: z.uuid().optional(), status: ZReferralStatus.optional(), overdue: z.enum(['true', 'false']).optional(),
});
export const ZReferralCreate = z.strictObject({
  pupilId: ZId, agencyId: ZId, contactId: ZId.nullable().optional(), reason: text(4000).min(1, 'Give the reason for the referral'),
  status: z.enum(['draft', 'sent']).default('draft'), madeOn: ZIsoDate.nullable().optional(), expectedResponseOn: ZIsoDate.nullable().optional(),
});
export const ZReferralUpdate = z.strictObject({
  version: z.number().int().min(1), status: ZReferralStatus.optional(), madeOn: ZIsoDate.nullable().optional(),
  expectedResponseOn: ZIsoDate.nullable().optional(), respondedOn: ZIsoDate.nullable().optional(), outcome: text(4000).nullable().optional(),
  reason: text(4000).min(1).optional(), contactId: ZId.nullable().optional(),
});

// ---------------------------------------------------------------- professional reports (SUP-5)
export const ZReportDirection = z.enum(['received', 'sent']);
export const ZProfessionalReport = z.object({
  id: ZId, siteId: ZId, pupilId: ZId, pupilName: z.string(), direction: ZReportDirection, title: z.string(), reportDate: ZIsoDate,
  author: z.string(), agency: z.object({ id: ZId, name: z.string() }).nullable(), referralId: ZId.nullable(),
  file: z.object({ id: ZId, filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
  createdAt: z.string(), allowed: ZAllowed,
});
export type TProfessionalReport = z.infer<typeof ZProfessionalReport>;
export const ZProfessionalReportList = z.object({ items: z.array(ZProfessionalReport) });
export const ZProfessionalReportCreate = z.strictObject({
  pupilId: ZId, direction: ZReportDirection, title: text(300).min(1, 'Give the report a title'), reportDate: ZIsoDate,
  author: text(200).min(1, 'Name the author'), agencyId: ZId.nullable().optional(), referralId: ZId.nullable().optional(),
});
