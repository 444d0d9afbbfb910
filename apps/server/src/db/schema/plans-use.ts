/**
 * The plan in use (issue 14 §3–4): what an incident's physical interventions were judged against (the pupil's plan
 * version in force when it happened, and the holds used that it does not approve), the "review the plan" requests
 * raised (one per trigger, so a re-save or a second job run adds no second task), and the plan and risk-assessment
 * versions a post-incident review (REV-3) changed.
 */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, date, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { pupils } from './pupils.ts';
import { incidents, postIncidentReviews } from './recording.ts';
import { tasks } from './workflow.ts';

/**
 * One row per pupil restrained on an incident, rewritten with every save of the incident: the plan version in force
 * at the time it happened (null when the pupil had no active plan) and the hold codes used that it does not approve.
 */
export const incidentPlanChecks = pgTable('incident_plan_checks', {
  incidentId: uuid('incident_id').notNull().references(() => incidents.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  planId: uuid('plan_id'),
  planVersion: integer('plan_version'),
  approvedCodes: jsonb('approved_codes').$type<string[]>().notNull().default([]),
  unapprovedCodes: jsonb('unapproved_codes').$type<string[]>().notNull().default([]),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.incidentId, t.pupilId] })]);

/**
 * A "review the plan" request: kind physical_intervention | frequency | trend_alert; trigger_key names the trigger
 * (pi:<incident>, frequency:<day>, trend:<alert>) and is unique per plan.
 */
export const planReviewTriggers = pgTable('plan_review_triggers', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  planId: uuid('plan_id').notNull(),
  kind: text('kind').notNull(),
  triggerKey: text('trigger_key').notNull(),
  triggeredOn: date('triggered_on', { mode: 'string' }).notNull(),
  incidentId: uuid('incident_id').references(() => incidents.id),
  taskId: uuid('task_id').references(() => tasks.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('plan_review_triggers_uq').on(t.planId, t.triggerKey),
  index('plan_review_triggers_plan_idx').on(t.planId, t.kind, t.triggeredOn),
]);

/** A version of the pupil's plan (kind 'plan') or risk assessment ('risk_assessment') a post-incident review changed. */
export const postIncidentReviewLinks = pgTable('post_incident_review_links', {
  reviewId: uuid('review_id').notNull().references(() => postIncidentReviews.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  kind: text('kind').notNull(),
  recordId: uuid('record_id').notNull(),
  version: integer('version').notNull(),
  linkedBy: uuid('linked_by').notNull().references(() => users.id),
  linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.reviewId, t.kind, t.recordId, t.version] })]);
