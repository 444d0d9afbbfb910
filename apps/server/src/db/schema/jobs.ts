/**
 * Background jobs (PLT-4): one persistent queue and its recurring schedules. A job row is claimed by a worker with
 * FOR UPDATE SKIP LOCKED and a lease (locked_by, locked_until), so several processes on one PostgreSQL database
 * never run a job twice at once, and a job whose worker died is picked up again when its lease runs out.
 */
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { trusts } from './platform.ts';

/** status: queued | running | done | dead (gave up after max_attempts; kept for the operator to see and retry). */
export const jobs = pgTable('jobs', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').references(() => trusts.id),
  kind: text('kind').notNull(),
  payload: jsonb('payload').notNull().default({}),
  /** At most one job per key, ever: makes enqueueing from sweeps and schedules idempotent. */
  dedupeKey: text('dedupe_key'),
  status: text('status').notNull().default('queued'),
  runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(5),
  lastError: text('last_error'),
  lockedBy: text('locked_by'),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [
  index('jobs_due_idx').on(t.status, t.runAt),
  uniqueIndex('jobs_dedupe_idx').on(t.dedupeKey),
]);

/** A recurring schedule: at each cron time (in its time zone) one job of `kind` with `payload` is queued. */
export const jobSchedules = pgTable('job_schedules', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').references(() => trusts.id),
  /** Stable name: built-in schedules use their kind; report subscriptions use `report:<subscription id>`. */
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  payload: jsonb('payload').notNull().default({}),
  cron: text('cron').notNull(),
  timezone: text('timezone').notNull().default('Europe/London'),
  enabled: boolean('enabled').notNull().default(true),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
}, (t) => [uniqueIndex('job_schedules_name_idx').on(t.name), index('job_schedules_due_idx').on(t.enabled, t.nextRunAt)]);

/**
 * Idempotency keys (issue 19, INC-1): a write sent with an `Idempotency-Key` header (the quick log, the incident
 * autosave) claims (user, key) in its own transaction and stores its answer there, so a retry after a lost answer or
 * a 503 gets the same answer and never writes twice. A retry while the first is still running waits for it (the
 * primary key). `fingerprint` is a hash of the route and body: the same key with another request is refused.
 * Kept for a day (the jobs sweep removes older keys).
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  userId: uuid('user_id').notNull(),
  key: text('key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  response: jsonb('response'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)]);
