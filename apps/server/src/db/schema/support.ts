/**
 * Support interventions (SUP-3) and their impact (ANA-5): the trust's catalogue of interventions and its own
 * measurement scales, interventions for one pupil or a group with their targets, sessions (school days only) and
 * attendance, check-in/check-out daily points, and baseline and outcome measures. Not the physical interventions
 * (restraint) of incidents, which live with the incidents (recording.ts).
 */
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { pupils } from './pupils.ts';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** A trust's own measurement scale (e.g. "Self-esteem check, 1–10, higher is better"). */
export const supportScales = pgTable('support_scales', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  name: text('name').notNull(),
  minValue: integer('min_value').notNull(),
  maxValue: integer('max_value').notNull(),
  higherIsBetter: boolean('higher_is_better').notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, (t) => [uniqueIndex('support_scales_name_uq').on(t.trustId, t.name)]);

/**
 * One entry of the trust's catalogue. kind: group | one_to_one. measures: the measure keys it uses
 * ('sdq', 'boxall_developmental', 'boxall_diagnostic', 'daily_points', 'scale:<support_scales.id>').
 * dailyPoints: the intervention records check-in/check-out points each school day, out of dailyPointsMax.
 */
export const supportInterventionTypes = pgTable('support_intervention_types', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  description: text('description'),
  defaultWeeks: integer('default_weeks').notNull(),
  measures: jsonb('measures').$type<string[]>().notNull().default([]),
  dailyPoints: boolean('daily_points').notNull().default(false),
  dailyPointsMax: integer('daily_points_max'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, (t) => [uniqueIndex('support_intervention_types_name_uq').on(t.trustId, t.name)]);

/** An intervention run at one site, for one pupil or a group. status: open | ended. */
export const supportInterventions = pgTable('support_interventions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  typeId: uuid('type_id').notNull().references(() => supportInterventionTypes.id),
  title: text('title').notNull(),
  leadUserId: uuid('lead_user_id').notNull().references(() => users.id),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  plannedEndDate: date('planned_end_date', { mode: 'string' }).notNull(),
  endedOn: date('ended_on', { mode: 'string' }),
  endNotes: text('end_notes'),
  status: text('status').notNull().default('open'),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, (t) => [index('support_interventions_site_status_idx').on(t.siteId, t.status, t.startDate), index('support_interventions_lead_idx').on(t.leadUserId)]);

/** A pupil in an intervention, with their targets (one per line). */
export const supportInterventionPupils = pgTable('support_intervention_pupils', {
  interventionId: uuid('intervention_id').notNull().references(() => supportInterventions.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  targets: jsonb('targets').$type<string[]>().notNull().default([]),
  ...timestamps,
}, (t) => [primaryKey({ columns: [t.interventionId, t.pupilId] }), index('support_intervention_pupils_pupil_idx').on(t.pupilId)]);

/** A session on a school day: scheduled, then recorded (heldAt set) with each pupil's attendance. */
export const supportSessions = pgTable('support_sessions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  interventionId: uuid('intervention_id').notNull().references(() => supportInterventions.id),
  sessionDate: date('session_date', { mode: 'string' }).notNull(),
  notes: text('notes'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }),
  recordedBy: uuid('recorded_by').references(() => users.id),
  ...timestamps,
}, (t) => [uniqueIndex('support_sessions_day_uq').on(t.interventionId, t.sessionDate)]);

/** A pupil's attendance at a session. status: attended | absent | excused. */
export const supportAttendance = pgTable('support_attendance', {
  sessionId: uuid('session_id').notNull().references(() => supportSessions.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  status: text('status').notNull(),
}, (t) => [primaryKey({ columns: [t.sessionId, t.pupilId] })]);

/** Check-in/check-out: a pupil's points on one school day, out of the intervention type's maximum. */
export const supportDailyPoints = pgTable('support_daily_points', {
  interventionId: uuid('intervention_id').notNull().references(() => supportInterventions.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  day: date('day', { mode: 'string' }).notNull(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  points: integer('points').notNull(),
  maxPoints: integer('max_points').notNull(),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  ...timestamps,
}, (t) => [primaryKey({ columns: [t.interventionId, t.pupilId, t.day] })]);

/** A baseline or outcome measure of a pupil. phase: baseline | outcome. informant for the SDQ: teacher | parent | self. */
export const supportMeasures = pgTable('support_measures', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  interventionId: uuid('intervention_id').notNull().references(() => supportInterventions.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  measure: text('measure').notNull(),
  phase: text('phase').notNull(),
  value: numeric('value', { precision: 8, scale: 2, mode: 'number' }).notNull(),
  informant: text('informant'),
  recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
  notes: text('notes'),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  ...timestamps,
}, (t) => [index('support_measures_intervention_idx').on(t.interventionId, t.pupilId)]);
