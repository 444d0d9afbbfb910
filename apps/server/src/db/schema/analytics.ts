/**
 * Analytics (ANA-1 … ANA-6). Derived tables only: every row here can be rebuilt from the records.
 *
 * - analytics_rollup: counts per (site, grain, bucket, measure, dimension, key). Grain 'd' is one school date,
 *   'm' a calendar month (bucket = its 1st), 'y' an academic year (bucket = 1 September), 'a' all time (bucket
 *   1900-01-01). Months are sums of days, years sums of months and all time the sum of the years, so any date range
 *   is answered from a few year and month rows plus its ragged edge days, and a range holding every record from one row
 *   per key.
 * - analytics_dirty_days: (site, date) pairs whose records changed since they were last materialised. Triggers on
 *   the record tables fill it (migration analytics_triggers), so no write path can forget; the background refresher
 *   re-materialises them (analytics.refresh.ts), so the rollup always equals the same SQL over the raw records as of
 *   its oldest waiting mark.
 * - analytics_calendar: every date of each site's calendar with a running count of school days, so pupil-days over
 *   any range are two lookups per pupil, and the pupils on roll that day, so a whole site's pupil-days are one sum.
 *   Rebuilt for a trust when its terms or closure days change; its pupils on roll when its pupils' enrolments change.
 */
import { boolean, date, index, integer, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { pupils } from './pupils.ts';
import { users } from './users.ts';

export const analyticsRollup = pgTable('analytics_rollup', {
  dim: text('dim').notNull(),
  grain: text('grain').notNull(),
  siteId: uuid('site_id').notNull(),
  bucket: date('bucket', { mode: 'string' }).notNull(),
  measure: text('measure').notNull(),
  key: text('key').notNull(),
  trustId: uuid('trust_id').notNull(),
  n: integer('n').notNull(),
}, (t) => [
  primaryKey({ columns: [t.dim, t.grain, t.siteId, t.bucket, t.measure, t.key] }),
  // the refresh finds a site's day rows of a month, and a month's of a year, without reading other sites' rows
  index('analytics_rollup_site_bucket_idx').on(t.grain, t.siteId, t.bucket),
]);

/**
 * Per-pupil counts, one wide row per (grain, site, bucket, pupil): the by-pupil table and the year-group figures read
 * one row a pupil rather than one a pupil and measure. Same grains, buckets and exactness rules as analytics_rollup
 * (which holds every other dimension); 'inc' has no pupil, so it has no column.
 */
export const analyticsPupilRollup = pgTable('analytics_pupil_rollup', {
  grain: text('grain').notNull(),
  siteId: uuid('site_id').notNull(),
  bucket: date('bucket', { mode: 'string' }).notNull(),
  pupilId: uuid('pupil_id').notNull(),
  trustId: uuid('trust_id').notNull(),
  pos: integer('pos').notNull(),
  neg: integer('neg').notNull(),
  neu: integer('neu').notNull(),
  inv: integer('inv').notNull(),
  pi: integer('pi').notNull(),
}, (t) => [
  primaryKey({ columns: [t.grain, t.siteId, t.bucket, t.pupilId] }),
  // the drill-down from one pupil's figure finds that pupil's days
  index('analytics_pupil_rollup_pupil_idx').on(t.pupilId, t.grain, t.bucket),
]);

/**
 * Append-only (no unique key): a recording transaction adds a row without ever waiting on another writer's
 * uncommitted row for the same day; the background refresher takes them in small batches and de-duplicates.
 * `at` is the start of the writing transaction: the oldest mark still waiting is how far behind a trust's rollup is
 * (every change committed before it has been folded in), which a dashboard shows as "as of".
 */
export const analyticsDirtyDays = pgTable('analytics_dirty_days', {
  siteId: uuid('site_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const analyticsCalendar = pgTable('analytics_calendar', {
  siteId: uuid('site_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  trustId: uuid('trust_id').notNull(),
  schoolDay: boolean('school_day').notNull(),
  /** School days from the start of the site's calendar up to and including this date. */
  cum: integer('cum').notNull(),
  /**
   * Pupils on roll at the site on this date (enrolment dates respected): an unfiltered dashboard's pupil-days are the
   * sum over its school days. Recomputed for a trust when its pupils' sites or enrolment dates change (trigger).
   */
  onRoll: integer('on_roll').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.siteId, t.day] })]);

/**
 * A trust whose calendar ('calendar': terms, closure days, sites) or timetable ('periods': a record without a
 * recorded period falls in the period containing its time) changed; the next refresh rebuilds what depends on it.
 */
export const analyticsTrustDirty = pgTable('analytics_trust_dirty', {
  trustId: uuid('trust_id').notNull(),
  what: text('what').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Trend-alert settings (ANA-5): trust-wide (site null) with per-site overrides. An alert is raised when a rate over
 * the last `periodDays` school days exceeds the previous `periodDays` by more than `marginPercent`, with at least
 * `minCount` events in the latest period (so one event more than none is not an alert).
 */
export const analyticsAlertSettings = pgTable('analytics_alert_settings', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').references(() => sites.id),
  enabled: boolean('enabled').notNull().default(true),
  periodDays: integer('period_days').notNull().default(20),
  marginPercent: integer('margin_percent').notNull().default(50),
  minCount: integer('min_count').notNull().default(5),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('analytics_alert_settings_scope_uq').on(t.trustId, t.siteId)]);

/** A raised trend alert: a pupil's or a site's rate rose by more than the margin. One per subject and period end. */
export const analyticsAlerts = pgTable('analytics_alerts', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  /** site | pupil */
  subject: text('subject').notNull(),
  pupilId: uuid('pupil_id').references(() => pupils.id),
  /** The pupil's id, or 'site': one alert per subject, measure and period end. */
  subjectKey: text('subject_key').notNull(),
  measure: text('measure').notNull(),
  previousFrom: date('previous_from', { mode: 'string' }).notNull(),
  currentFrom: date('current_from', { mode: 'string' }).notNull(),
  currentTo: date('current_to', { mode: 'string' }).notNull(),
  previousCount: integer('previous_count').notNull(),
  currentCount: integer('current_count').notNull(),
  previousRate: real('previous_rate'),
  currentRate: real('current_rate'),
  taskId: uuid('task_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('analytics_alerts_subject_uq').on(t.siteId, t.subjectKey, t.measure, t.currentTo),
  index('analytics_alerts_site_idx').on(t.siteId, t.createdAt),
]);
