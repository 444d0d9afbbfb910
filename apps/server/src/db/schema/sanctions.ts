/**
 * Sanctions and rewards (SAN-1, SAN-2, SAN-4, SAN-5): detention types, sessions and assignments with their register,
 * internal exclusion (isolation) sessions, reward milestones and the milestones pupils reached, managed moves and
 * alternative-provision placements with their reviews. Suspensions and exclusions (SAN-3) live elsewhere.
 */
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { pupils } from './pupils.ts';
import { escalationRules } from './policy.ts';
import { incidents } from './recording.ts';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/**
 * A kind of detention (e.g. "After-school detention, 60 minutes"). A null site means the whole trust. What happens
 * when a pupil misses one is configured here: a task for a role and/or a new assignment to a (longer) type.
 */
export const detentionTypes = pgTable('detention_types', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').references(() => sites.id),
  name: text('name').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  defaultLocation: text('default_location'),
  /** Role given a task when a pupil misses a detention of this type (null: no task). */
  missedTaskRole: text('missed_task_role'),
  /** Type of the detention the pupil is re-assigned to when they miss one of this type (null: none). */
  missedReassignTypeId: uuid('missed_reassign_type_id'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, (t) => [index('detention_types_trust_idx').on(t.trustId)]);

/** One scheduled detention: a school day, a time, a room, the member of staff supervising and how many pupils fit. */
export const detentionSessions = pgTable('detention_sessions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  typeId: uuid('type_id').notNull().references(() => detentionTypes.id),
  date: date('date', { mode: 'string' }).notNull(),
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  room: text('room').notNull(),
  supervisorUserId: uuid('supervisor_user_id').notNull().references(() => users.id),
  capacity: integer('capacity').notNull(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, (t) => [index('detention_sessions_site_date_idx').on(t.siteId, t.date)]);

/**
 * A pupil assigned to a detention session, and their register mark. source: incident | direct | rule | missed
 * (re-assigned after missing `previousAssignmentId`). status: assigned | attended | missed | excused.
 */
export const detentionAssignments = pgTable('detention_assignments', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  sessionId: uuid('session_id').notNull().references(() => detentionSessions.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  source: text('source').notNull(),
  incidentId: uuid('incident_id').references(() => incidents.id),
  escalationRuleId: uuid('escalation_rule_id').references(() => escalationRules.id),
  previousAssignmentId: uuid('previous_assignment_id'),
  reason: text('reason'),
  status: text('status').notNull().default('assigned'),
  excuseReason: text('excuse_reason'),
  markedBy: uuid('marked_by').references(() => users.id),
  markedAt: timestamp('marked_at', { withTimezone: true }),
  assignedBy: uuid('assigned_by').references(() => users.id),
  /** Parents told: when it was recorded for them (a notification or the communications log). */
  parentsNotifiedAt: timestamp('parents_notified_at', { withTimezone: true }),
  ...timestamps,
}, (t) => [
  uniqueIndex('detention_assignments_session_pupil_uq').on(t.sessionId, t.pupilId),
  index('detention_assignments_pupil_idx').on(t.pupilId),
]);

/** Escalation rules (POL-3) that also assign a detention of a type when they fire: one type per rule. */
export const escalationRuleDetentions = pgTable('escalation_rule_detentions', {
  ruleId: uuid('rule_id').primaryKey().references(() => escalationRules.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  detentionTypeId: uuid('detention_type_id').notNull().references(() => detentionTypes.id),
  ...timestamps,
});

/** Internal exclusion (isolation) session (SAN-2): a morning, afternoon or whole day, or set times. */
export const isolationSessions = pgTable('isolation_sessions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  date: date('date', { mode: 'string' }).notNull(),
  /** am | pm | day | times */
  session: text('session').notNull(),
  startTime: text('start_time'),
  endTime: text('end_time'),
  room: text('room').notNull(),
  staffUserId: uuid('staff_user_id').notNull().references(() => users.id),
  workSet: text('work_set'),
  capacity: integer('capacity'),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, (t) => [index('isolation_sessions_site_date_idx').on(t.siteId, t.date)]);

export const isolationPupils = pgTable('isolation_pupils', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  sessionId: uuid('session_id').notNull().references(() => isolationSessions.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  incidentId: uuid('incident_id').references(() => incidents.id),
  reason: text('reason'),
  status: text('status').notNull().default('assigned'),
  excuseReason: text('excuse_reason'),
  markedBy: uuid('marked_by').references(() => users.id),
  markedAt: timestamp('marked_at', { withTimezone: true }),
  assignedBy: uuid('assigned_by').notNull().references(() => users.id),
  ...timestamps,
}, (t) => [uniqueIndex('isolation_pupils_session_pupil_uq').on(t.sessionId, t.pupilId), index('isolation_pupils_pupil_idx').on(t.pupilId)]);

/** A rewards milestone (e.g. Bronze at 50 points in the academic year). A null site means the whole trust. */
export const rewardMilestones = pgTable('reward_milestones', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').references(() => sites.id),
  name: text('name').notNull(),
  points: integer('points').notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, (t) => [index('reward_milestones_trust_idx').on(t.trustId)]);

/** A milestone a pupil reached in an academic year (recorded once, when reached, and notified then). */
export const rewardMilestoneAwards = pgTable('reward_milestone_awards', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  milestoneId: uuid('milestone_id').notNull().references(() => rewardMilestones.id),
  academicYear: text('academic_year').notNull(),
  points: integer('points').notNull(),
  reachedAt: timestamp('reached_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('reward_milestone_awards_uq').on(t.pupilId, t.milestoneId, t.academicYear)]);

/**
 * A managed move or an alternative-provision placement (SAN-4). kind: managed_move | alternative_provision.
 * status: planned | active | ended. finalOutcome once ended.
 */
export const placements = pgTable('placements', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  kind: text('kind').notNull(),
  provider: text('provider').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }),
  sessionsPerWeek: integer('sessions_per_week').notNull(),
  purpose: text('purpose'),
  status: text('status').notNull().default('active'),
  finalOutcome: text('final_outcome'),
  outcomeNotes: text('outcome_notes'),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, (t) => [index('placements_pupil_idx').on(t.pupilId)]);

export const placementReviews = pgTable('placement_reviews', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  placementId: uuid('placement_id').notNull().references(() => placements.id),
  reviewDate: date('review_date', { mode: 'string' }).notNull(),
  /** Null until the review has happened. */
  outcome: text('outcome'),
  notes: text('notes'),
  recordedBy: uuid('recorded_by').references(() => users.id),
  ...timestamps,
}, (t) => [index('placement_reviews_placement_idx').on(t.placementId)]);
