/**
 * Retention (CMP-1): a schedule per kind of record (data, editable by the trust), the review list of what is due,
 * legal holds on a pupil or a single record, and purge runs (dry run first, then confirmed) that leave a tombstone
 * of what was removed, when and under which rule.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { RETENTION_KINDS, RETENTION_TRIGGERS, type TRetentionKind } from './retention-codes.ts';


/** Kinds that are sealed child-protection records: only the DSL of the site reviews, holds and purges them. */
export const SEALED_RETENTION_KINDS: readonly TRetentionKind[] = ['safeguarding_concern'];


export const RETENTION_ACTIONS = ['purge'] as const;

export const ZRetentionRule = z.object({
  kind: z.enum(RETENTION_KINDS),
  label: z.string(),
  sealed: z.boolean(),
  trigger: z.enum(RETENTION_TRIGGERS),
  years: z.number().int(),
  action: z.enum(RETENTION_ACTIONS),
  enabled: z.boolean(),
  basis: z.string(),
  isDefault: z.boolean().describe('True while the trust has not changed the default'),
  updatedAt: ZIsoDateTime.nullable(),
  updatedByName: z.string().nullable(),
});
export type TRetentionRule = z.infer<typeof ZRetentionRule>;
export const ZRetentionRules = z.object({ rules: z.array(ZRetentionRule), canEdit: z.boolean() });
export type TRetentionRules = z.infer<typeof ZRetentionRules>;

export const ZRetentionRuleUpdate = z.object({
  trigger: z.enum(RETENTION_TRIGGERS),
  years: z.number().int().min(1, 'At least 1 year').max(100, 'At most 100 years'),
  enabled: z.boolean(),
  basis: z.string().trim().max(500).default(''),
});
export const ZRetentionKindParams = z.object({ kind: z.enum(RETENTION_KINDS) });

export const ZRetentionDueQuery = z.object({ asOf: ZIsoDate.optional() });
export const ZRetentionDueRow = z.object({
  kind: z.enum(RETENTION_KINDS), label: z.string(), sealed: z.boolean(), siteId: ZId, siteName: z.string(),
  due: z.number().int().describe('Records past their retention date and not on hold'), held: z.number().int().describe('Past their date but on legal hold'),
});
export const ZRetentionDue = z.object({ asOf: ZIsoDate, rows: z.array(ZRetentionDueRow) });
export type TRetentionDue = z.infer<typeof ZRetentionDue>;

export const ZRetentionRecordsQuery = z.object({
  kind: z.enum(RETENTION_KINDS), siteId: ZId, asOf: ZIsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0),
});
export const ZRetentionRecord = z.object({
  kind: z.enum(RETENTION_KINDS), recordId: ZId, siteId: ZId, recordDate: ZIsoDate.nullable(), dueOn: ZIsoDate,
  pupils: z.array(z.object({ id: ZId, name: z.string() })), held: z.boolean(), holdReasons: z.array(z.string()),
});
export const ZRetentionRecords = z.object({ total: z.number().int(), records: z.array(ZRetentionRecord) });
export type TRetentionRecords = z.infer<typeof ZRetentionRecords>;

export const ZRetentionHoldCreate = z.object({
  pupilId: ZId.optional(),
  kind: z.enum(RETENTION_KINDS).optional(),
  recordId: ZId.optional(),
  reason: z.string().trim().min(1, 'Say why the records must be kept').max(1000),
});
export const ZRetentionHoldRelease = z.object({ reason: z.string().trim().min(1, 'Say why the hold is released').max(1000) });
export const ZRetentionHold = z.object({
  id: ZId, pupilId: ZId.nullable(), pupilName: z.string().nullable(), kind: z.enum(RETENTION_KINDS).nullable(), recordId: ZId.nullable(),
  siteId: ZId, reason: z.string(), placedByName: z.string(), placedAt: ZIsoDateTime,
  releasedByName: z.string().nullable(), releasedAt: ZIsoDateTime.nullable(), releaseReason: z.string().nullable(),
});
export type TRetentionHold = z.infer<typeof ZRetentionHold>;
export const ZRetentionHolds = z.object({ holds: z.array(ZRetentionHold) });
export const ZRetentionHoldsQuery = z.object({ active: z.enum(['true', 'false']).optional() });
export const ZRetentionIdParams = z.object({ id: ZId });

export const ZRetentionRunCreate = z.object({
  dryRun: z.boolean(),
  kinds: z.array(z.enum(RETENTION_KINDS)).min(1).optional(),
  siteIds: z.array(ZId).min(1).optional(),
  asOf: ZIsoDate.optional(),
  /** On a confirmed run: the number of records the dry run said would go; a different number now is refused (409). */
  expectedTotal: z.number().int().min(0).optional(),
});
export const ZRetentionRunLine = z.object({ kind: z.enum(RETENTION_KINDS), label: z.string(), siteId: ZId, siteName: z.string(), records: z.number().int(), held: z.number().int() });
export const ZRetentionRun = z.object({
  id: ZId.nullable().describe('Null for a dry run: nothing was written'),
  dryRun: z.boolean(), asOf: ZIsoDate, total: z.number().int(), held: z.number().int(), lines: z.array(ZRetentionRunLine),
  startedAt: ZIsoDateTime, finishedAt: ZIsoDateTime.nullable(), startedByName: z.string(), filesRemoved: z.number().int(),
});
export type TRetentionRun = z.infer<typeof ZRetentionRun>;
export const ZRetentionRuns = z.object({ runs: z.array(ZRetentionRun) });

export const ZRetentionTombstonesQuery = z.object({
  runId: ZId.optional(), kind: z.enum(RETENTION_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0),
});
export const ZRetentionTombstone = z.object({
  id: ZId, runId: ZId, kind: z.enum(RETENTION_KINDS), recordId: ZId, siteId: ZId, pupilIds: z.array(ZId), recordDate: ZIsoDate.nullable(),
  dueOn: ZIsoDate, trigger: z.enum(RETENTION_TRIGGERS), years: z.number().int(), rowsRemoved: z.record(z.string(), z.number().int()),
  filesRemoved: z.number().int(), purgedAt: ZIsoDateTime, purgedByName: z.string(),
});
export const ZRetentionTombstones = z.object({ total: z.number().int(), tombstones: z.array(ZRetentionTombstone) });
export type TRetentionTombstone = z.infer<typeof ZRetentionTombstone>;
