/**
 * Behaviour support plans (SUP-1): a pupil's positive behaviour support plan with its handling plan (the approved
 * physical interventions, as technique codes from the site's policy list of kind 'technique').
 *
 * A plan is draft → active → superseded; activating one supersedes the pupil's previous active plan. Every saved
 * change bumps `version` and writes a full snapshot to behaviour_support_plan_versions plus one row per changed field
 * to behaviour_support_plan_changes. `site_id` is the site the plan was written at: a pupil who moves keeps their
 * plans, and staff at the pupil's current site read them (and may copy one into a new draft).
 * Parent acknowledgements are recorded by staff now (`recorded_via` 'staff'); the parent portal will record its own
 * ('portal', `recorded_by` the parent's user). The trust's template gives each section its heading and prompt.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { contacts, pupils } from './pupils.ts';

/** A section's heading and prompt, as the trust's template words them. */
export type PlanSectionWording = Record<string, { heading: string; prompt: string }>;

/** The plan's content: what a version snapshot holds and what the field-level history compares. */
export interface PlanContent {
  aboutStrengths: string;
  aboutInterests: string;
  aboutCommunication: string;
  perceivedFunction: string;
  triggers: string[];
  earlyWarningSigns: string[];
  proactiveStrategies: string[];
  deescalationStrategies: string[];
  whatToAvoid: string[];
  reactiveStrategies: string;
  approvedHolds: string[];
  recoverySupport: string;
  targets: string[];
  pupilVoice: string;
  parentVoice: string;
  ownerUserId: string | null;
  reviewDate: string | null;
}

export const behaviourSupportPlans = pgTable('behaviour_support_plans', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  /** The site the plan was written at (the pupil's site then). */
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  /** draft | active | superseded */
  status: text('status').notNull().default('draft'),
  aboutStrengths: text('about_strengths').notNull().default(''),
  aboutInterests: text('about_interests').notNull().default(''),
  aboutCommunication: text('about_communication').notNull().default(''),
  perceivedFunction: text('perceived_function').notNull().default(''),
  triggers: jsonb('triggers').$type<string[]>().notNull().default([]),
  earlyWarningSigns: jsonb('early_warning_signs').$type<string[]>().notNull().default([]),
  proactiveStrategies: jsonb('proactive_strategies').$type<string[]>().notNull().default([]),
  deescalationStrategies: jsonb('deescalation_strategies').$type<string[]>().notNull().default([]),
  whatToAvoid: jsonb('what_to_avoid').$type<string[]>().notNull().default([]),
  reactiveStrategies: text('reactive_strategies').notNull().default(''),
  /** Technique codes (policy_options kind 'technique') approved for this pupil. */
  approvedHolds: jsonb('approved_holds').$type<string[]>().notNull().default([]),
  recoverySupport: text('recovery_support').notNull().default(''),
  targets: jsonb('targets').$type<string[]>().notNull().default([]),
  pupilVoice: text('pupil_voice').notNull().default(''),
  parentVoice: text('parent_voice').notNull().default(''),
  /** The member of staff who owns the plan (reviews, reminders). */
  ownerUserId: uuid('owner_user_id').references(() => users.id),
  reviewDate: date('review_date', { mode: 'string' }),
  /** The headings and prompts the plan was started with (from the trust's template). */
  wording: jsonb('wording').$type<PlanSectionWording>().notNull().default({}),
  /** template | previous | other_site */
  startedFrom: text('started_from').notNull().default('template'),
  copiedFromPlanId: uuid('copied_from_plan_id'),
  authorSignedBy: uuid('author_signed_by').references(() => users.id),
  authorSignedAt: timestamp('author_signed_at', { withTimezone: true }),
  /** The version the author signed; a later change shows the signature as for an earlier version. */
  authorSignedVersion: integer('author_signed_version'),
  activatedBy: uuid('activated_by').references(() => users.id),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  supersededAt: timestamp('superseded_at', { withTimezone: true }),
  supersededByPlanId: uuid('superseded_by_plan_id'),
  /** The plan may be read and acknowledged by the pupil's parents in the parent portal (PAR-1). */
  shareableWithParents: boolean('shareable_with_parents').notNull().default(false),
  sharedWithParentsAt: timestamp('shared_with_parents_at', { withTimezone: true }),
  /** The last review-date reminder raised (the date it was for), so the job raises one per review date. */
  reminderForDate: date('reminder_for_date', { mode: 'string' }),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('behaviour_support_plans_pupil_idx').on(t.pupilId, t.status),
  index('behaviour_support_plans_site_review_idx').on(t.siteId, t.status, t.reviewDate),
  uniqueIndex('behaviour_support_plans_one_active_uq').on(t.pupilId).where(sql`status = 'active'`),
]);

/** Every saved state of a plan: a full snapshot of its content and status. */
export const behaviourSupportPlanVersions = pgTable('behaviour_support_plan_versions', {
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull().references(() => behaviourSupportPlans.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  version: integer('version').notNull(),
  status: text('status').notNull(),
  content: jsonb('content').$type<PlanContent>().notNull(),
  /** created | edited | signed | activated | superseded | acknowledged */
  event: text('event').notNull(),
  savedBy: uuid('saved_by').notNull().references(() => users.id),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('behaviour_support_plan_versions_uq').on(t.planId, t.version),
  index('behaviour_support_plan_versions_pupil_idx').on(t.pupilId, t.savedAt),
]);

/** Field-level history: which field changed, from what to what, by whom, when. */
export const behaviourSupportPlanChanges = pgTable('behaviour_support_plan_changes', {
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull().references(() => behaviourSupportPlans.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  version: integer('version').notNull(),
  field: text('field').notNull(),
  fromValue: jsonb('from_value'),
  toValue: jsonb('to_value'),
  changedBy: uuid('changed_by').notNull().references(() => users.id),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('behaviour_support_plan_changes_plan_idx').on(t.planId, t.version)]);

/** A parent's acknowledgement of one version of a plan. */
export const behaviourSupportPlanAcknowledgements = pgTable('behaviour_support_plan_acknowledgements', {
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull().references(() => behaviourSupportPlans.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  planVersion: integer('plan_version').notNull(),
  contactId: uuid('contact_id').notNull().references(() => contacts.id),
  /** in_person | phone | email | letter | portal */
  method: text('method').notNull(),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull(),
  /** staff | portal */
  recordedVia: text('recorded_via').notNull().default('staff'),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('behaviour_support_plan_acks_plan_idx').on(t.planId)]);

/** The trust's plan template: each section's heading and prompt. One per trust; each save keeps a version number. */
export const behaviourSupportPlanTemplates = pgTable('behaviour_support_plan_templates', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  sections: jsonb('sections').$type<PlanSectionWording>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('behaviour_support_plan_templates_trust_uq').on(t.trustId)]);
