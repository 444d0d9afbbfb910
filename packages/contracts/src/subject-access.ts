/**
 * Subject access requests (DAT-3): a request for everything held about a pupil, its one-month deadline, the gathered
 * records with the names found in them, the reviewer's decision on each record, and the release.
 */
import { z } from 'zod';
import { ZId, ZIsoDate } from './common.ts';
import { SAR_REQUESTER_KINDS, SAR_STATUSES } from './subject-access-codes.ts';

const text = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'Contains a character that is not allowed');

export const ZSarRequesterKind = z.enum(SAR_REQUESTER_KINDS);

export const ZSarStatus = z.enum(SAR_STATUSES);

export const SAR_DECISION_ACTIONS = ['release', 'redact', 'withhold'] as const;
export const ZSarDecisionAction = z.enum(SAR_DECISION_ACTIONS);
export type TSarDecisionAction = z.infer<typeof ZSarDecisionAction>;

export const ZSarCreate = z.strictObject({
  pupilId: ZId,
  requesterKind: ZSarRequesterKind,
  requesterName: text(200).min(1, 'Give the name of the person asking'),
  receivedOn: ZIsoDate,
  redactStaff: z.boolean().default(false),
  notes: text(2000).nullable().optional(),
});
export type TSarCreate = z.input<typeof ZSarCreate>;

export const ZSarUpdate = z.strictObject({
  version: z.number().int().positive(),
  requesterName: text(200).min(1, 'Give the name of the person asking').optional(),
  redactStaff: z.boolean().optional(),
  notes: text(2000).nullable().optional(),
});

export const ZSarStatusChange = z.strictObject({
  version: z.number().int().positive(),
  status: z.enum(['gathering', 'redaction', 'withdrawn']),
  reason: text(1000).min(1).optional(),
});

export const ZSarDecisionInput = z.strictObject({
  recordKey: z.string().regex(/^[a-z_]+:[A-Za-z0-9:_-]{1,120}$/, 'Not a record of this request'),
  action: ZSarDecisionAction,
  fields: z.array(z.string().regex(/^[a-z0-9_]{1,60}$/)).max(60).optional(),
  reason: text(1000).optional(),
});
export type TSarDecisionInput = z.infer<typeof ZSarDecisionInput>;

export const ZSarParams = z.object({ id: ZId });
export const ZSarListQuery = z.object({ status: z.enum([...SAR_STATUSES, 'open']).optional() });
export const ZSarDownloadParams = z.object({ id: ZId, format: z.enum(['pdf', 'archive']) });

export const ZSarSummary = z.object({
  id: ZId, siteId: ZId, pupil: z.object({ id: ZId, displayName: z.string(), yearGroup: z.number() }),
  requesterKind: ZSarRequesterKind, requesterName: z.string(), receivedOn: ZIsoDate, dueOn: ZIsoDate,
  status: ZSarStatus, overdue: z.boolean(), daysLeft: z.number().int(), redactStaff: z.boolean(), notes: z.string().nullable(),
  withdrawnReason: z.string().nullable(), version: z.number().int(),
  createdBy: z.string(), createdAt: z.string(),
  release: z.object({ releasedAt: z.string(), releasedBy: z.string(), pdfSha256: z.string(), archiveSha256: z.string(), recordCount: z.number().int(), withheldCount: z.number().int() }).nullable(),
  next: z.array(ZSarStatus),
  allowed: z.array(z.string()),
});
export type TSarSummary = z.infer<typeof ZSarSummary>;
export const ZSarList = z.object({ items: z.array(ZSarSummary) });
export type TSarList = z.infer<typeof ZSarList>;

/** A name found in a record's free text: another pupil's or a member of staff's. */
export const ZSarFlag = z.object({ field: z.string(), label: z.string(), as: z.enum(['pupil', 'staff']), text: z.string() });
export type TSarFlag = z.infer<typeof ZSarFlag>;
export const ZSarField = z.object({ name: z.string(), label: z.string(), value: z.string() });
export type TSarField = z.infer<typeof ZSarField>;

export const ZSarRecord = z.object({
  key: z.string(), kind: z.string(), id: z.string(), at: z.string().nullable(), title: z.string(),
  /** As it would be released now (names replaced; the decision's redactions applied). */
  fields: z.array(ZSarField),
  flags: z.array(ZSarFlag),
  decision: z.object({ action: ZSarDecisionAction, fields: z.array(z.string()), reason: z.string().nullable(), decidedBy: z.string(), decidedAt: z.string() }).nullable(),
  /** Flagged and not yet decided: release waits for it. */
  needsReview: z.boolean(),
  /** The release's treatment: released, redacted or withheld. */
  outcome: ZSarDecisionAction,
});
export type TSarRecord = z.infer<typeof ZSarRecord>;

export const ZSarSection = z.object({ kind: z.string(), label: z.string(), sealed: z.boolean(), records: z.array(ZSarRecord) });
export type TSarSection = z.infer<typeof ZSarSection>;
export const ZSarRecords = z.object({
  request: ZSarSummary,
  sections: z.array(ZSarSection),
  counts: z.object({ records: z.number().int(), flagged: z.number().int(), needsReview: z.number().int(), withheld: z.number().int() }),
  /** Sealed safeguarding records were gathered (the DSL only) and are in sections marked sealed, withheld until decided. */
  sealedIncluded: z.boolean(),
});
export type TSarRecords = z.infer<typeof ZSarRecords>;
