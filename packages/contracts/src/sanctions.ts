/** Detentions (SAN-1) and internal exclusion / isolation (SAN-2): types, sessions, assignments and registers. */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';

const text = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'Contains a character that is not allowed');
import { ZClockTime } from './policy.ts';
import { ZPhotoField } from './photos.ts';
import { ISOLATION_PARTS, MISSED_TASK_ROLES, REGISTER_MARKS } from './sanctions-codes.ts';

/** A pupil on a register (detention or isolation), with their photo for recognising them at the door. */
export const ZRegisterPupil = z.object({ id: ZId, displayName: z.string(), yearGroup: z.number().int(), photo: ZPhotoField });

export const ZRegisterMark = z.enum(REGISTER_MARKS);

// ---- Detention types -----------------------------------------------------------------------------------------
export const ZDetentionTypeInput = z.strictObject({
  siteId: ZId.nullable().default(null).describe('A site, or null for the whole trust'),
  name: text(120).min(1, 'Enter a name'),
  durationMinutes: z.number().int().min(5, 'At least 5 minutes').max(480, 'At most 8 hours'),
  defaultLocation: text(120).nullable().optional(),
  missedTaskRole: z.enum(MISSED_TASK_ROLES).nullable().optional().describe('When a pupil misses one: a task for this role'),
  missedReassignTypeId: ZId.nullable().optional().describe('When a pupil misses one: put them in the next session of this (longer) type'),
  active: z.boolean().default(true),
});
export const ZDetentionTypeUpdate = ZDetentionTypeInput.omit({ siteId: true }).partial().extend({ version: z.number().int() });
export const ZDetentionType = z.object({
  id: ZId, siteId: ZId.nullable(), name: z.string(), durationMinutes: z.number().int(), defaultLocation: z.string().nullable(),
  missedTaskRole: z.string().nullable(), missedReassignTypeId: ZId.nullable(), active: z.boolean(), version: z.number().int(), allowed: ZAllowed,
});
export type TDetentionType = z.infer<typeof ZDetentionType>;
export const ZDetentionTypeList = z.object({ items: z.array(ZDetentionType), allowed: ZAllowed });
export const ZSiteQuery = z.object({ siteId: z.uuid().optional() });

// ---- Sessions ------------------------------------------------------------------------------------------------
export const ZDetentionSessionInput = z.strictObject({
  siteId: ZId,
  typeId: ZId,
  date: ZIsoDate,
  startTime: ZClockTime,
  endTime: ZClockTime.optional().describe("Defaults to the start plus the type's duration"),
  room: text(120).optional().describe("Defaults to the type's default location"),
  supervisorUserId: ZId,
  capacity: z.number().int().min(1, 'At least one pupil').max(200),
});
export const ZDetentionSessionUpdate = z.strictObject({
  startTime: ZClockTime.optional(), endTime: ZClockTime.optional(), room: text(120).min(1).optional(),
  supervisorUserId: ZId.optional(), capacity: z.number().int().min(1).max(200).optional(), cancelled: z.boolean().optional(),
  version: z.number().int(),
});
const ZPerson = z.object({ id: ZId, displayName: z.string() });
export const ZDetentionAssignment = z.object({
  id: ZId, sessionId: ZId, pupil: ZRegisterPupil,
  source: z.enum(['incident', 'direct', 'rule', 'missed']), incidentId: ZId.nullable(), reason: z.string().nullable(),
  status: ZRegisterMark, excuseReason: z.string().nullable(), markedAt: ZIsoDateTime.nullable(), parentsNotifiedAt: ZIsoDateTime.nullable(),
  date: ZIsoDate, startTime: z.string(), typeName: z.string(),
});
export type TDetentionAssignment = z.infer<typeof ZDetentionAssignment>;
export const ZDetentionSession = z.object({
  id: ZId, siteId: ZId, siteName: z.string(), type: z.object({ id: ZId, name: z.string(), durationMinutes: z.number().int() }),
  date: ZIsoDate, startTime: z.string(), endTime: z.string(), room: z.string(), supervisor: ZPerson,
  capacity: z.number().int(), assigned: z.number().int(), cancelled: z.boolean(), version: z.number().int(),
  pupils: z.array(ZDetentionAssignment).nullable().describe('The register (null when you may only see the session)'),
  allowed: ZAllowed,
});
export type TDetentionSession = z.infer<typeof ZDetentionSession>;
export const ZDetentionSessionQuery = z.object({
  siteId: z.uuid().optional(), from: ZIsoDate.optional(), to: ZIsoDate.optional(), typeId: z.uuid().optional(),
  withSpace: z.enum(['true', 'false']).optional().describe('Only sessions with a place left'),
});
export const ZDetentionSessionList = z.object({ items: z.array(ZDetentionSession), allowed: ZAllowed });

export const ZDetentionAssignInput = z.strictObject({
  sessionId: ZId,
  pupilId: ZId,
  incidentId: ZId.nullable().optional().describe('The incident this detention follows (needed for staff without sanction.manage)'),
  reason: text(500).nullable().optional(),
});
export const ZRegisterMarkInput = z.strictObject({
  status: z.enum(['attended', 'missed', 'excused']),
  excuseReason: text(500).nullable().optional().describe('Required when excused'),
});
export const ZDetentionMarkResult = z.object({
  assignment: ZDetentionAssignment,
  escalation: z.object({ taskId: ZId.nullable(), reassignedTo: ZDetentionAssignment.nullable(), note: z.string().nullable() }).nullable(),
});
export const ZPupilDetentions = z.object({ items: z.array(ZDetentionAssignment) });

// ---- Isolation -----------------------------------------------------------------------------------------------
export const ZIsolationSessionInput = z.strictObject({
  siteId: ZId,
  date: ZIsoDate,
  session: z.enum(ISOLATION_PARTS),
  startTime: ZClockTime.nullable().optional().describe('Required for set times'),
  endTime: ZClockTime.nullable().optional(),
  room: text(120).min(1, 'Enter the room'),
  staffUserId: ZId,
  workSet: text(4000).nullable().optional(),
  capacity: z.number().int().min(1).max(100).nullable().optional(),
});
export const ZIsolationSessionUpdate = z.strictObject({
  room: text(120).min(1).optional(), staffUserId: ZId.optional(), workSet: text(4000).nullable().optional(), version: z.number().int(),
});
export const ZIsolationPupil = z.object({
  id: ZId, sessionId: ZId, pupil: ZRegisterPupil,
  incidentId: ZId.nullable(), reason: z.string().nullable(), status: ZRegisterMark, excuseReason: z.string().nullable(), markedAt: ZIsoDateTime.nullable(),
});
export const ZIsolationSession = z.object({
  id: ZId, siteId: ZId, siteName: z.string(), date: ZIsoDate, session: z.enum(ISOLATION_PARTS), startTime: z.string().nullable(), endTime: z.string().nullable(),
  room: z.string(), staff: ZPerson, workSet: z.string().nullable(), capacity: z.number().int().nullable(), version: z.number().int(),
  pupils: z.array(ZIsolationPupil), allowed: ZAllowed,
});
export type TIsolationSession = z.infer<typeof ZIsolationSession>;
export const ZIsolationQuery = z.object({ siteId: z.uuid().optional(), from: ZIsoDate.optional(), to: ZIsoDate.optional() });
export const ZIsolationList = z.object({ items: z.array(ZIsolationSession), allowed: ZAllowed });
export const ZIsolationAssignInput = z.strictObject({ pupilId: ZId, incidentId: ZId.nullable().optional(), reason: text(500).nullable().optional() });

// ---- Escalation rules that assign a detention ----------------------------------------------------------------
export const ZDetentionRuleLink = z.strictObject({ detentionTypeId: ZId.nullable().describe('Assign a detention of this type when the rule fires; null: none') });
export const ZDetentionRule = z.object({
  ruleId: ZId, ruleName: z.string(), siteId: ZId.nullable(), active: z.boolean(), detentionTypeId: ZId.nullable(), allowed: ZAllowed,
});
export const ZDetentionRuleList = z.object({ items: z.array(ZDetentionRule) });
export type TDetentionRule = z.infer<typeof ZDetentionRule>;
