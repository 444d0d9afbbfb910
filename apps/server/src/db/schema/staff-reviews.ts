/**
 * Holds checked against certificates (STF-2) and performance reviews of support staff (STF-4).
 *
 * incident_certificate_flags: for each physical intervention of an incident, each (member of staff, technique) that was
 * not covered by a valid certificate on the day (missing, expired, in grace, not covering the technique). Rewritten
 * whenever the incident's physical-intervention section or date changes, so it always says what the record says now.
 *
 * performance_reviews: one per member of staff and academic year; objectives, a mid-year and an annual review with
 * comments by the reviewer (the line manager) and the reviewee, evidence linked from Haven and the reviewer's
 * observations, then sign-off by both. Personnel data: every read and write is audited.
 */
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { staffMembers } from './pupils.ts';
import { incidents, physicalInterventions } from './recording.ts';

/** problem: missing | expired | in_grace | not_covered */
export const incidentCertificateFlags = pgTable('incident_certificate_flags', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id),
  physicalInterventionId: uuid('physical_intervention_id').notNull().references(() => physicalInterventions.id),
  staffId: uuid('staff_id').notNull().references(() => staffMembers.id),
  techniqueCode: text('technique_code').notNull(),
  problem: text('problem').notNull(),
  /** The day the hold was checked against (the intervention's start, else the incident's date). */
  checkedOn: date('checked_on', { mode: 'string' }).notNull(),
  /** For expired / in grace: the last day the certificate was valid. */
  expiredOn: date('expired_on', { mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('incident_certificate_flags_incident_idx').on(t.incidentId),
  index('incident_certificate_flags_site_idx').on(t.siteId, t.checkedOn),
  uniqueIndex('incident_certificate_flags_uq').on(t.physicalInterventionId, t.staffId, t.techniqueCode),
]);

/** stage: objectives | mid_year | annual | signed */
export const performanceReviews = pgTable('performance_reviews', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  staffId: uuid('staff_id').notNull().references(() => staffMembers.id),
  /** The line manager who started the review (the reviewer); access follows line management on the day. */
  reviewerStaffId: uuid('reviewer_staff_id').notNull().references(() => staffMembers.id),
  /** '2026/27' */
  academicYear: text('academic_year').notNull(),
  stage: text('stage').notNull().default('objectives'),
  /** [{ id, title, successMeasure, midYearProgress, annualOutcome }] */
  objectives: jsonb('objectives').notNull().default([]),
  midYearReviewerComment: text('mid_year_reviewer_comment'),
  midYearRevieweeComment: text('mid_year_reviewee_comment'),
  midYearOn: date('mid_year_on', { mode: 'string' }),
  annualReviewerComment: text('annual_reviewer_comment'),
  annualRevieweeComment: text('annual_reviewee_comment'),
  annualOn: date('annual_on', { mode: 'string' }),
  /** [{ id, on, text }] written by the reviewer */
  observations: jsonb('observations').notNull().default([]),
  /** [{ kind: certificate|incident, refId, label, on }] linked from Haven */
  evidence: jsonb('evidence').notNull().default([]),
  reviewerSignedAt: timestamp('reviewer_signed_at', { withTimezone: true }),
  reviewerSignedBy: uuid('reviewer_signed_by').references(() => users.id),
  revieweeSignedAt: timestamp('reviewee_signed_at', { withTimezone: true }),
  revieweeSignedBy: uuid('reviewee_signed_by').references(() => users.id),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('performance_reviews_staff_year_uq').on(t.staffId, t.academicYear),
  index('performance_reviews_reviewer_idx').on(t.reviewerStaffId),
]);
