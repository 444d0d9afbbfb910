/**
 * Sealed safeguarding concerns (INC-4, the sealed half of LAW-11). The author gets a receipt only; everything else
 * here is for the DSL of the concern's site.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDateTime, ZPageQuery, page } from './common.ts';
import { TRIAGE_OUTCOMES, SAFEGUARDING_CATEGORIES, SAFEGUARDING_STATUSES } from './safeguarding-codes.ts';

export const ZSafeguardingCategory = z.enum(SAFEGUARDING_CATEGORIES);

export const ZSafeguardingStatus = z.enum(SAFEGUARDING_STATUSES);

export const ZTriageOutcome = z.enum(TRIAGE_OUTCOMES);

/** Free text: trimmed, bounded, and without NUL characters (PostgreSQL cannot store them; refuse with 400, not 500). */
const text = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'Contains a character that is not allowed');

/** A mark on the front or back outline of the child, as a fraction of the outline's width and height. */
export const ZSafeguardingBodyMapMark = z.strictObject({
  side: z.enum(['front', 'back']),
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  note: text(500),
});

export const ZSafeguardingConcernInput = z.strictObject({
  siteId: z.uuid().optional().describe("Defaults to the pupils' site; must match it when given"),
  pupilIds: z.array(z.uuid()).min(1, 'Choose at least one pupil').max(10, 'At most 10 pupils in one concern')
    .refine((ids) => new Set(ids).size === ids.length, 'A pupil is listed twice'),
  category: ZSafeguardingCategory,
  concern: text(20_000).min(1, 'Describe the concern'),
  childWords: text(10_000).nullable().optional().describe("What the child said, in the child's own words"),
  actionTaken: text(10_000).nullable().optional(),
  bodyMap: z.array(ZSafeguardingBodyMapMark).max(50).optional(),
  incidentId: z.uuid().nullable().optional().describe('The incident it was raised from, if any'),
});
export type TSafeguardingConcernInput = z.infer<typeof ZSafeguardingConcernInput>;

/** All the author ever gets back: that it was submitted, and when. */
export const ZSafeguardingReceipt = z.object({
  id: ZId,
  submittedAt: ZIsoDateTime,
  status: z.literal('submitted'),
});
export type TSafeguardingReceipt = z.infer<typeof ZSafeguardingReceipt>;

const ZPerson = z.object({ id: ZId, displayName: z.string() });

/** A row of the DSL's inbox: who and what kind, never the text (reading the text is a separate, audited read). */
export const ZSafeguardingConcernListItem = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  raisedAt: ZIsoDateTime,
  raisedBy: ZPerson,
  category: ZSafeguardingCategory,
  status: ZSafeguardingStatus,
  pupils: z.array(ZPerson),
  triagedAt: ZIsoDateTime.nullable(),
  allowed: ZAllowed,
});
export type TSafeguardingConcernListItem = z.infer<typeof ZSafeguardingConcernListItem>;
export const ZSafeguardingConcernList = page(ZSafeguardingConcernListItem);

export const ZSafeguardingConcern = ZSafeguardingConcernListItem.extend({
  concern: z.string(),
  childWords: z.string().nullable(),
  actionTaken: z.string().nullable(),
  bodyMap: z.array(ZSafeguardingBodyMapMark),
  incidentId: ZId.nullable(),
  /** One of TRIAGE_OUTCOMES when recorded in Haven; records imported from another system may hold free text. */
  triageOutcome: z.string().nullable(),
  triageNotes: z.string().nullable(),
  triagedBy: ZPerson.nullable(),
  version: z.number().int(),
});
export type TSafeguardingConcern = z.infer<typeof ZSafeguardingConcern>;

export const ZSafeguardingListQuery = ZPageQuery.extend({
  siteId: z.uuid().optional(),
  status: z.enum([...SAFEGUARDING_STATUSES, 'open']).optional().describe("'open' means new, triaged or referred"),
});

export const ZSafeguardingTriage = z.strictObject({
  status: z.enum(['triaged', 'referred', 'closed']),
  triageOutcome: ZTriageOutcome,
  triageNotes: text(20_000).nullable().optional(),
  version: z.number().int().min(1),
});
export type TSafeguardingTriage = z.infer<typeof ZSafeguardingTriage>;

/** LAW-11: a pupil's child-protection chronology, kept apart from the behaviour chronology; newest first. */
export const ZSafeguardingChronology = z.object({
  pupil: ZPerson.extend({ siteId: ZId }),
  items: z.array(ZSafeguardingConcern),
});
