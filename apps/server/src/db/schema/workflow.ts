/** In-app notifications (PLT-4), tasks from escalation rules (POL-3) and on-call requests (INC-5). */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { pupils } from './pupils.ts';

/** The pattern of a record's id inside a notification's link (/incidents/<id>, /safeguarding/<id>…). */
export const NOTIFICATION_LINK_ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** One notification to one user. `body` never carries sealed content: a safeguarding notice only says one was raised. */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  siteId: uuid('site_id').references(() => sites.id),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  link: text('link'),
  /** Sent by email too (when SMTP is configured): when, or why not. */
  emailedAt: timestamp('emailed_at', { withTimezone: true }),
  emailStatus: text('email_status'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [
  index('notifications_user_idx').on(t.userId, t.createdAt),
  // the record a notification links to (the first id in its link): what retention removes with the record
  index('notifications_link_record_idx').on(sql`(substring(${t.link} from ${sql.raw(`'${NOTIFICATION_LINK_ID}'`)})::uuid)`),
]);

export const tasks = pgTable('tasks', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').references(() => pupils.id),
  /** escalation_rule | review | … */
  sourceType: text('source_type').notNull(),
  sourceId: uuid('source_id'),
  title: text('title').notNull(),
  detail: text('detail'),
  suggestion: text('suggestion'),
  assignedRole: text('assigned_role'),
  assignedUserId: uuid('assigned_user_id').references(() => users.id),
  /** open | done | dismissed */
  status: text('status').notNull().default('open'),
  dueOn: text('due_on'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  completedBy: uuid('completed_by').references(() => users.id),
}, (t) => [index('tasks_site_status_idx').on(t.siteId, t.status), index('tasks_source_idx').on(t.sourceType, t.sourceId, t.pupilId)]);

/** A call for urgent help (INC-5): times kept for the response and the resolution. status: open | acknowledged | resolved | cancelled */
export const onCallRequests = pgTable('on_call_requests', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  locationCode: text('location_code'),
  locationDetail: text('location_detail'),
  pupilId: uuid('pupil_id').references(() => pupils.id),
  urgency: text('urgency').notNull().default('urgent'),
  note: text('note'),
  status: text('status').notNull().default('open'),
  requestedBy: uuid('requested_by').notNull().references(() => users.id),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  resolvedBy: uuid('resolved_by').references(() => users.id),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  outcome: text('outcome'),
  incidentId: uuid('incident_id'),
  /** How many times the call has escalated to the next responders because nobody answered (0: not yet). */
  escalationLevel: integer('escalation_level').notNull().default(0),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
}, (t) => [index('on_call_requests_site_idx').on(t.siteId, t.status, t.requestedAt)]);

/**
 * Who was called for a request and when (level 0 when it was raised, n at its nth escalation), and who said they are
 * coming. A responder who answers without having been called gets a row with no alertedAt.
 */
export const onCallRecipients = pgTable('on_call_recipients', {
  requestId: uuid('request_id').notNull().references(() => onCallRequests.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  level: integer('level'),
  alertedAt: timestamp('alerted_at', { withTimezone: true }),
  comingAt: timestamp('coming_at', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.requestId, t.userId] })]);

/** How long a call may wait unanswered before it escalates: trust-wide (siteId null) with per-site overrides. */
export const onCallSettings = pgTable('on_call_settings', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').references(() => sites.id),
  escalateAfterSeconds: integer('escalate_after_seconds').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('on_call_settings_trust_site_uq').on(t.trustId, t.siteId).nullsNotDistinct()]);

/** Who answers on-call requests at a site (besides behaviour leads, senior leaders and heads there). */
export const onCallStaff = pgTable('on_call_staff', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  active: boolean('active').notNull().default(true),
});
