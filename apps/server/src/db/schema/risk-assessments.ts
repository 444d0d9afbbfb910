/**
 * Pupil risk assessments (SUP-2). One row per edition of a pupil's assessment: a draft, the active one, or one
 * superseded when a revision was activated (previous_id links a revision to what it revised). The hazards are held
 * with the row (each keeps its id across versions, so the history can say which one changed); every change adds a
 * row to risk_assessment_versions with the whole content and the fields it changed. plan_id links the pupil's
 * behaviour support plan (modules/support-plans).
 */
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { sites, trusts } from './platform.ts';
import { pupils } from './pupils.ts';
import { users } from './users.ts';
import { behaviourSupportPlans } from './plans.ts';

/** A hazard as stored: likelihood and severity 1–5 before and after controls. */
export interface StoredRiskHazard {
  id: string; hazard: string; atRisk: string[];
  likelihoodBefore: number; severityBefore: number; controls: string; likelihoodAfter: number; severityAfter: number;
}

/** What a version holds: the editable content of the assessment. */
export interface RiskAssessmentContent { title: string; summary: string; hazards: StoredRiskHazard[]; reviewDate: string; planId: string | null }

/** status: draft | active | superseded. A pupil has at most one active assessment. */
export const riskAssessments = pgTable('risk_assessments', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  planId: uuid('plan_id').references(() => behaviourSupportPlans.id),
  previousId: uuid('previous_id'),
  status: text('status').notNull().default('draft'),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  hazards: jsonb('hazards').$type<StoredRiskHazard[]>().notNull(),
  /** The highest rating after controls (low | medium | high | very_high), kept for lists and record quality. */
  overallRating: text('overall_rating'),
  reviewDate: date('review_date', { mode: 'string' }).notNull(),
  signedOffBy: uuid('signed_off_by').references(() => users.id),
  signedOffAt: timestamp('signed_off_at', { withTimezone: true }),
  activatedBy: uuid('activated_by').references(() => users.id),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  supersededAt: timestamp('superseded_at', { withTimezone: true }),
  /** The review date the last reminder was raised for, so the morning job raises one task per review date. */
  reminderForDate: date('reminder_for_date', { mode: 'string' }),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('risk_assessments_pupil_idx').on(t.pupilId, t.status),
  index('risk_assessments_review_idx').on(t.status, t.reviewDate),
  uniqueIndex('risk_assessments_one_active_uq').on(t.pupilId).where(sql`status = 'active'`),
]);

/** Every version of an assessment: its content then, the action, and the fields that changed ({ field, label, before, after }). */
export const riskAssessmentVersions = pgTable('risk_assessment_versions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  assessmentId: uuid('assessment_id').notNull().references(() => riskAssessments.id),
  version: integer('version').notNull(),
  action: text('action').notNull(),
  content: jsonb('content').$type<RiskAssessmentContent>().notNull(),
  changes: jsonb('changes').$type<{ field: string; label: string; before: string | null; after: string | null }[]>().notNull(),
  savedBy: uuid('saved_by').notNull().references(() => users.id),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('risk_assessment_versions_uq').on(t.assessmentId, t.version)]);
