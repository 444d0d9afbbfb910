/**
 * Letters (PAR-2): the templates a trust edits (with per-site overrides) for every letter Haven sends, their merge
 * fields, the letterhead of each site, and the site-wide communications log with its "to send by hand" queue.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { ZCommunication, ZCommunicationChannel, ZCommunicationStatus } from './comms.ts';
import { LETTER_KINDS, type TLetterKind } from './letters-codes.ts';

export const ZLetterKind = z.enum(LETTER_KINDS);

const COMMON_FIELDS = {
  'school.name': "The school's name", 'school.address': "The school's address", 'today': "The letter's date, e.g. 6 December 2026",
  'parent.names': 'The names of the parents or carers written to', 'pupil.firstName': "The pupil's first (preferred) name",
  'pupil.lastName': "The pupil's surname", 'pupil.fullName': "The pupil's full name", 'pupil.yearGroup': "The pupil's year group",
  'sender.name': 'Who signs the letter', 'sender.role': 'Their role, e.g. Headteacher',
} as const;

const SUSPENSION_FIELDS = {
  'suspension.startDate': 'The first day', 'suspension.lastDay': 'The last day', 'suspension.returnDate': 'The day the pupil returns',
  'suspension.days': 'How many school days', 'suspension.sessions': 'How many sessions (or lunchtimes)',
  'suspension.periodText': 'The decision and the period, as the law requires it to be stated',
  'suspension.schoolDaysText': 'The school days of the suspension', 'suspension.returnText': 'When and how the pupil returns',
  'suspension.reasonsList': 'The reasons, as a list', 'suspension.details': "The headteacher's account of what happened",
  'suspension.boardDutyText': "What the governing board must do", 'suspension.representationsContact': 'Whom parents contact to make representations',
  'suspension.firstFiveDaysText': "The parents' duty in the first five school days", 'suspension.provisionText': 'Education from the sixth school day',
  'suspension.laName': 'The local authority',
} as const;

/** The merge fields each kind of letter offers ({{pupil.firstName}}); any other name is refused when a template is saved. */
export const LETTER_MERGE_FIELDS: Record<TLetterKind, Record<string, string>> = {
  suspension: { ...COMMON_FIELDS, ...SUSPENSION_FIELDS },
  lunchtime_suspension: { ...COMMON_FIELDS, ...SUSPENSION_FIELDS },
  permanent_exclusion: { ...COMMON_FIELDS, ...SUSPENSION_FIELDS },
  detention: { ...COMMON_FIELDS, 'detention.typeName': 'The kind of detention', 'detention.date': 'Its date', 'detention.startTime': 'When it starts',
    'detention.endTime': 'When it ends', 'detention.room': 'Where it is' },
  restraint_copy: { ...COMMON_FIELDS, 'restraint.date': 'The day of the intervention', 'restraint.interventions': '"intervention" or "interventions"',
    'restraint.beforehand': 'What happened beforehand' },
  milestone: { ...COMMON_FIELDS, 'milestone.name': 'The milestone, e.g. Gold', 'milestone.points': 'The points it needs', 'milestone.pupilPoints': "The pupil's points this year" },
};

export const ZLetterBlock = z.object({
  key: z.string(),
  heading: z.string().nullable(),
  text: z.string(),
  /** A part the law requires: shown read-only, and the server refuses any change to it. */
  locked: z.boolean(),
});
export type TLetterBlock = z.infer<typeof ZLetterBlock>;

export const ZLetterTemplate = z.object({
  kind: ZLetterKind,
  /** null: the trust's template; a site: that site's override. */
  siteId: ZId.nullable(),
  /** Where the text in force comes from: Haven's default, the trust's template, or this site's override. */
  source: z.enum(['default', 'trust', 'site']),
  subject: z.string(),
  blocks: z.array(ZLetterBlock),
  version: z.number().int(),
  updatedAt: ZIsoDateTime.nullable(),
  updatedBy: z.string().nullable(),
  mergeFields: z.array(z.object({ name: z.string(), description: z.string() })),
  allowed: ZAllowed,
});
export type TLetterTemplate = z.infer<typeof ZLetterTemplate>;
export const ZLetterTemplateList = z.object({ items: z.array(ZLetterTemplate), allowed: ZAllowed });
export const ZLetterTemplateQuery = z.object({ siteId: ZId.optional().describe("A site: its overrides (else the trust's templates)") });
export const ZLetterKindParams = z.object({ kind: ZLetterKind });

const ZBlockInput = z.strictObject({
  key: z.string().trim().min(1).max(60),
  heading: z.string().trim().max(200).nullable(),
  text: z.string().max(5000),
});
export const ZLetterTemplateUpdate = z.strictObject({
  siteId: ZId.nullable().describe("null for the trust's template, or a site for its override"),
  subject: z.string().trim().min(1).max(200),
  /** Every part of the letter, in order: the locked parts exactly as they are. */
  blocks: z.array(ZBlockInput).min(1).max(40),
  /** The version you edited (0 when there was none yet): a stale version is refused. */
  version: z.number().int().min(0),
});
export type TLetterTemplateUpdate = z.infer<typeof ZLetterTemplateUpdate>;
export const ZLetterTemplateRevert = z.strictObject({ siteId: ZId.nullable() });

export const ZLetterPreviewInput = z.strictObject({
  siteId: ZId.describe('The site whose letterhead and override to use'),
  /** An unsaved draft to preview; without it, the template in force. */
  subject: z.string().trim().min(1).max(200).optional(),
  blocks: z.array(ZBlockInput).min(1).max(40).optional(),
});

export const ZLetterTemplateVersion = z.object({
  version: z.number().int(), subject: z.string(), savedAt: ZIsoDateTime, savedBy: z.string(),
});
export const ZLetterTemplateHistory = z.object({ items: z.array(ZLetterTemplateVersion) });

export const ZLetterhead = z.object({
  siteId: ZId,
  schoolName: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  hasCrest: z.boolean(),
  version: z.number().int(),
  allowed: ZAllowed,
});
export type TLetterhead = z.infer<typeof ZLetterhead>;
const optionalText = (max: number) => z.string().trim().max(max).nullable();
export const ZLetterheadUpdate = z.strictObject({
  address: optionalText(400).describe('One line per line of the address'),
  phone: optionalText(40),
  email: z.email().max(200).nullable(),
  website: optionalText(200),
  version: z.number().int().min(0),
});

export const ZCommsLogQuery = z.object({
  siteId: ZId,
  pupilId: ZId.optional(),
  kind: z.string().trim().min(1).max(60).regex(/^[a-z_]+$/, 'Not a kind of record').optional().describe('exclusion, incident, detention_assignment…'),
  channel: ZCommunicationChannel.optional(),
  status: ZCommunicationStatus.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TCommsLogQuery = z.infer<typeof ZCommsLogQuery>;
export const ZCommsLogEntry = ZCommunication.extend({ pupilName: z.string().nullable(), printable: z.boolean() });
export type TCommsLogEntry = z.infer<typeof ZCommsLogEntry>;
export const ZCommsLog = z.object({ items: z.array(ZCommsLogEntry), truncated: z.boolean() });
