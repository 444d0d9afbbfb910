/** Report subscriptions (ANA-7 scheduled delivery) and the log of every report sent by email. */
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';

/** One user's standing order for a report kind over a set of sites, on a schedule (a row in job_schedules). */
export const reportSubscriptions = pgTable('report_subscriptions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  /** weekly_leaders */
  kind: text('kind').notNull(),
  siteIds: jsonb('site_ids').notNull().default([]),
  /** weekday 1 (Monday) … 7 and hour 0 … 23, Europe/London; stored as a cron expression in the schedule too. */
  weekday: text('weekday').notNull().default('1'),
  hour: text('hour').notNull().default('7'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
}, (t) => [index('report_subscriptions_user_idx').on(t.userId, t.active)]);

/** status: sent | failed: <reason> | skipped: <reason>. The email's text is not kept; the period and the figures' date are. */
export const reportDeliveries = pgTable('report_deliveries', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  subscriptionId: uuid('subscription_id').notNull().references(() => reportSubscriptions.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  kind: text('kind').notNull(),
  periodStart: text('period_start').notNull(),
  periodEnd: text('period_end').notNull(),
  status: text('status').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('report_deliveries_sub_idx').on(t.subscriptionId, t.createdAt)]);

/**
 * The head's commentary on a report period of one site, printed in the governors' termly report (period: the term's
 * id) or the weekly report (period: the week's Monday). One row per site, report and period; each save a new version.
 */
export const reportCommentaries = pgTable('report_commentaries', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  /** governors | weekly */
  report: text('report').notNull(),
  period: text('period').notNull(),
  text: text('text').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('report_commentaries_site_report_period_idx').on(t.siteId, t.report, t.period)]);
