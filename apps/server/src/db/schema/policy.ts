/**
 * Behaviour policy configuration (POL-1, POL-2): per trust (site_id null) with per-site overrides (a site row with
 * the same code replaces the trust row for that site). Records keep the code and the form version they were made with.
 */
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { supportInterventionTypes } from './support.ts';

export const behaviourCategories = pgTable('behaviour_categories', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').references(() => sites.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  /** positive | negative | neutral (an observation) */
  polarity: text('polarity').notNull(),
  /** 0 (none) … 5 (most serious) */
  severity: integer('severity').notNull().default(0),
  points: integer('points').notNull().default(0),
  /** May be logged in the quick log (INC-1); otherwise only within a full incident. */
  quickLog: boolean('quick_log').notNull().default(true),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('behaviour_categories_trust_idx').on(t.trustId, t.siteId)]);

/**
 * The other configured lists, one table: kind is location | period | action | motivation | technique.
 * `details` holds what a kind needs (a period's start and end times; a technique's hold level).
 */
export const policyOptions = pgTable('policy_options', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').references(() => sites.id),
  kind: text('kind').notNull(),
  code: text('code').notNull(),
  label: text('label').notNull(),
  details: jsonb('details').notNull().default({}),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('policy_options_trust_kind_idx').on(t.trustId, t.kind, t.siteId)]);

/** Custom incident-form fields (POL-2): each change makes a new immutable version; incidents point at theirs. */
export const incidentFormVersions = pgTable('incident_form_versions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').references(() => sites.id),
  version: integer('version').notNull(),
  /** [{ key, label, type: text|choice|yes_no|date, options?: string[], required: boolean, help?: string }] */
  fields: jsonb('fields').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('incident_form_versions_uq').on(t.trustId, t.siteId, t.version)]);

/** Escalation rules (POL-3): N events of a kind in a period, or a points total, create a task and notify a role. */
export const escalationRules = pgTable('escalation_rules', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').references(() => sites.id),
  name: text('name').notNull(),
  /** count | points */
  measure: text('measure').notNull(),
  /** Category codes counted (empty: every category of the polarity). */
  categoryCodes: jsonb('category_codes').notNull().default([]),
  polarity: text('polarity').notNull().default('negative'),
  threshold: integer('threshold').notNull(),
  periodDays: integer('period_days').notNull(),
  notifyRole: text('notify_role').notNull(),
  taskTitle: text('task_title').notNull(),
  suggestion: text('suggestion'),
  /** A support intervention from the catalogue the task suggests for the pupil (SUP-3), or null. */
  suggestInterventionTypeId: uuid('suggest_intervention_type_id').references(() => supportInterventionTypes.id),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
