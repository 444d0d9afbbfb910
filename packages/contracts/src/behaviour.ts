/**
 * Quick behaviour events (INC-1), the pupil chronology (first part of SUP-6) and the pupil groups the quick log
 * picks from. A quick event is one row per pupil; a multi-pupil log shares a batch id, which the undo acts on.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime, ZPageQuery, page } from './common.ts';
import { ZGroupKind } from './enums.ts';
import { ZIncidentPupilRole, ZIncidentStatus } from './incidents.ts';
import { ZPolarity } from './policy.ts';
import { CHRONOLOGY_KINDS, type TChronologyKind } from './behaviour-codes.ts';

/** The author may undo a quick log for this long (the server allows a little more, for network latency). */
export const QUICK_LOG_UNDO_SECONDS = 10;
export const QUICK_LOG_MAX_PUPILS = 60;
/** What an undo records as the void reason. */
export const UNDO_REASON = 'Undone by the author';

/** A query-string flag: true/false, 1/0, yes/no, on/off. */
const ZQueryFlag = z.stringbool();

export const ZQuickLogInput = z.strictObject({
  pupilIds: z.array(z.uuid()).min(1, 'Choose at least one pupil').max(QUICK_LOG_MAX_PUPILS, `Log for at most ${QUICK_LOG_MAX_PUPILS} pupils at once`),
  categoryCode: z.string().trim().min(1, 'Choose a category').max(50),
  note: z.string().trim().max(2000).nullable().optional(),
  occurredAt: ZIsoDateTime.optional().describe('When it happened; defaults to now'),
  periodCode: z.string().trim().min(1).max(50).nullable().optional().describe("Defaults to the site's period containing the time"),
  locationCode: z.string().trim().min(1).max(50).nullable().optional(),
});
export type TQuickLogInput = z.infer<typeof ZQuickLogInput>;

export const ZRecorderRef = z.object({ id: ZId, name: z.string() });

export const ZBehaviourEvent = z.object({
  id: ZId,
  batchId: ZId,
  siteId: ZId,
  pupilId: ZId,
  pupilName: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  polarity: ZPolarity,
  severity: z.number().int(),
  points: z.number().int(),
  occurredAt: z.string(),
  occurredOn: ZIsoDate,
  periodCode: z.string().nullable(),
  locationCode: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: ZRecorderRef,
  createdAt: z.string(),
  voided: z.boolean(),
  voidReason: z.string().nullable(),
  allowed: ZAllowed,
});
export type TBehaviourEvent = z.infer<typeof ZBehaviourEvent>;

export const ZQuickLogResult = z.object({
  batchId: ZId,
  items: z.array(ZBehaviourEvent),
  undoUntil: z.string().describe('Until when the author may undo this log (ISO 8601)'),
});
export type TQuickLogResult = z.infer<typeof ZQuickLogResult>;

export const ZUndoResult = z.object({ batchId: ZId, items: z.array(ZBehaviourEvent) });

export const ZEventVoidBody = z.strictObject({ reason: z.string().trim().min(3, 'Give a reason for voiding').max(2000) });

export const ZBehaviourEventListQuery = ZPageQuery.extend({
  pupilId: z.uuid().optional(),
  siteId: z.uuid().optional(),
  mine: ZQueryFlag.optional().describe('Only events you recorded'),
  from: ZIsoDate.optional().describe('First school day (inclusive)'),
  to: ZIsoDate.optional().describe('Last school day (inclusive)'),
  includeVoided: ZQueryFlag.optional().describe('Include voided events (leads, at the sites they lead)'),
});
export type TBehaviourEventListQuery = z.infer<typeof ZBehaviourEventListQuery>;
export const ZBehaviourEventList = page(ZBehaviourEvent);
export type TBehaviourEventList = z.infer<typeof ZBehaviourEventList>;

export const ZPupilGroupQuery = z.object({ siteId: z.uuid().optional() });
export const ZPupilGroupItem = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  name: z.string(),
  kind: ZGroupKind,
  yearGroup: z.number().int().nullable(),
  pupilCount: z.number().int(),
});
export type TPupilGroupItem = z.infer<typeof ZPupilGroupItem>;
export const ZPupilGroupList = z.object({ items: z.array(ZPupilGroupItem) });
export type TPupilGroupList = z.infer<typeof ZPupilGroupList>;

// ---- Pupil chronology --------------------------------------------------------------------------------------------

export const ZChronologyKind = z.enum(CHRONOLOGY_KINDS);
/** The kinds shown as a ZChronologyRecord (all but points and incidents). */
export const CHRONOLOGY_RECORD_KINDS = CHRONOLOGY_KINDS.filter((k): k is Exclude<TChronologyKind, 'event' | 'incident'> => k !== 'event' && k !== 'incident');

export const ZChronologyQuery = ZPageQuery.extend({
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  kinds: z.string().trim().max(400).optional()
    .refine((s) => s === undefined || s.split(',').every((k) => (CHRONOLOGY_KINDS as readonly string[]).includes(k.trim())),
      `Use a comma-separated list of: ${CHRONOLOGY_KINDS.join(', ')}`)
    .describe(`Comma-separated: ${CHRONOLOGY_KINDS.join(', ')} (default: every kind you may see)`),
  includeVoided: ZQueryFlag.optional().describe('Include voided records (leads, at the sites they lead)'),
  keyEvents: ZQueryFlag.optional().describe('Key events only: serious incidents, physical interventions, suspensions and exclusions, placements, plans made active, referrals'),
});
export type TChronologyQuery = z.infer<typeof ZChronologyQuery>;
/** The chronology as a PDF: the same filters, every matching record (at most CHRONOLOGY_PDF_MAX). */
export const CHRONOLOGY_PDF_MAX = 5000;
export const ZChronologyPdfQuery = ZChronologyQuery.omit({ page: true, pageSize: true });
export type TChronologyPdfQuery = z.infer<typeof ZChronologyPdfQuery>;

const ZCategoryRef = z.object({ code: z.string(), name: z.string() });

export const ZChronologyEvent = z.object({
  kind: z.literal('event'),
  id: ZId,
  siteId: ZId,
  occurredAt: z.string(),
  category: ZCategoryRef,
  polarity: ZPolarity,
  severity: z.number().int(),
  points: z.number().int(),
  periodCode: z.string().nullable(),
  locationCode: z.string().nullable(),
  /** The names of the period and location in the site's policy (the code when no longer configured). */
  periodLabel: z.string().nullable(),
  locationLabel: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: ZRecorderRef,
  voided: z.boolean(),
  voidReason: z.string().nullable(),
  allowed: ZAllowed,
});

export const ZChronologyIncident = z.object({
  kind: z.literal('incident'),
  id: ZId,
  siteId: ZId,
  /** A draft may not have a time yet: then this is when the draft was started. */
  occurredAt: z.string(),
  status: ZIncidentStatus,
  categories: z.array(ZCategoryRef),
  severity: z.number().int().nullable(),
  physicalIntervention: z.boolean(),
  serious: z.boolean(),
  /** The pupil's role in the incident. */
  role: ZIncidentPupilRole,
  recordedBy: ZRecorderRef,
  voided: z.boolean(),
  voidReason: z.string().nullable(),
  allowed: ZAllowed,
});

/** Any other kind of record: what it was, its state, and where it is read in full (a path in the web app, or null). */
export const ZChronologyRecord = z.object({
  kind: z.enum(CHRONOLOGY_RECORD_KINDS as [Exclude<TChronologyKind, 'event' | 'incident'>, ...Exclude<TChronologyKind, 'event' | 'incident'>[]]),
  id: ZId,
  siteId: ZId,
  occurredAt: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  status: z.string().nullable(),
  /** A key event (a suspension or exclusion, a placement…): shown in the key-events view. */
  key: z.boolean(),
  link: z.string().nullable(),
  recordedBy: ZRecorderRef.nullable(),
});
export type TChronologyRecord = z.infer<typeof ZChronologyRecord>;

export const ZChronologyItem = z.discriminatedUnion('kind', [ZChronologyEvent, ZChronologyIncident, ZChronologyRecord]);
export type TChronologyItem = z.infer<typeof ZChronologyItem>;
export const ZChronology = page(ZChronologyItem).extend({
  /** What the viewer sees: every record at the pupil's site, or only those they recorded themselves. */
  visibility: z.enum(['all', 'own']),
  /** Whether this viewer may ask for voided records. */
  mayIncludeVoided: z.boolean(),
  /** The kinds of record this viewer may see in this pupil's chronology (the filters offer these). */
  kindsAvailable: z.array(ZChronologyKind),
});
export type TChronology = z.infer<typeof ZChronology>;
