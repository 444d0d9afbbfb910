/**
 * Retention (CMP-1): the trust's schedule (one rule per kind of record: what the period counts from, how many years,
 * what happens), legal holds on a pupil or one record, purge runs, and the tombstone each purged record leaves. A
 * tombstone holds ids and dates only — never content — so a purged sealed record leaves nothing sealed behind.
 */
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';

/** kind: a TRetentionKind; trigger: date_of_birth | record_date | leaving_date | closure_date; action: purge. */
export const retentionRules = pgTable('retention_rules', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  kind: text('kind').notNull(),
  trigger: text('trigger').notNull(),
  years: integer('years').notNull(),
  action: text('action').notNull().default('purge'),
  enabled: boolean('enabled').notNull().default(true),
  /** Where the period comes from (e.g. the IRMS toolkit's row), shown beside the rule. */
  basis: text('basis').notNull().default(''),
  isDefault: boolean('is_default').notNull().default(true),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
}, (t) => [uniqueIndex('retention_rules_trust_kind_uq').on(t.trustId, t.kind)]);

/** A legal hold on all of a pupil's records (pupil_id) or on one record (kind + record_id). Released, never deleted. */
export const retentionHolds = pgTable('retention_holds', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id'),
  kind: text('kind'),
  recordId: uuid('record_id'),
  reason: text('reason').notNull(),
  placedBy: uuid('placed_by').notNull().references(() => users.id),
  placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
  releasedBy: uuid('released_by').references(() => users.id),
  releasedAt: timestamp('released_at', { withTimezone: true }),
  releaseReason: text('release_reason'),
}, (t) => [
  index('retention_holds_pupil_idx').on(t.pupilId).where(sql`released_at is null`),
  index('retention_holds_record_idx').on(t.kind, t.recordId).where(sql`released_at is null`),
]);

/** A confirmed purge run (dry runs write nothing). lines: [{ kind, siteId, records, held }]. */
export const retentionRuns = pgTable('retention_runs', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  /** manual | scheduled */
  source: text('source').notNull().default('manual'),
  startedBy: uuid('started_by').references(() => users.id),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  total: integer('total').notNull().default(0),
  held: integer('held').notNull().default(0),
  filesRemoved: integer('files_removed').notNull().default(0),
  lines: jsonb('lines').notNull().default([]),
}, (t) => [index('retention_runs_trust_idx').on(t.trustId, t.startedAt)]);

/** What a purge removed: the record's kind and id, its pupils' ids, its dates, the rule applied and the rows removed per table. */
export const retentionTombstones = pgTable('retention_tombstones', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  runId: uuid('run_id').notNull().references(() => retentionRuns.id),
  kind: text('kind').notNull(),
  recordId: uuid('record_id').notNull(),
  pupilIds: jsonb('pupil_ids').$type<string[]>().notNull().default([]),
  recordDate: date('record_date', { mode: 'string' }),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  trigger: text('trigger').notNull(),
  years: integer('years').notNull(),
  rowsRemoved: jsonb('rows_removed').$type<Record<string, number>>().notNull().default({}),
  filesRemoved: integer('files_removed').notNull().default(0),
  purgedAt: timestamp('purged_at', { withTimezone: true }).notNull().defaultNow(),
  purgedBy: uuid('purged_by').references(() => users.id),
}, (t) => [index('retention_tombstones_run_idx').on(t.runId), index('retention_tombstones_record_idx').on(t.kind, t.recordId)]);
