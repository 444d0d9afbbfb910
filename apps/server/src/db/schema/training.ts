/**
 * Staff training and certificates (STF-1) and line management (STF-4 builds on it).
 *
 * A course is one trust's catalogue entry (provider, level, validity, grace, the techniques a certificate covers —
 * codes of the sites' policy lists of kind 'technique'). A session of a course has a tutor, a venue, dates and a
 * register; attendees who attend have competence recorded per technique, and certificates are issued from the
 * register for the techniques passed. Certificates may also be imported or recorded by hand. A certificate is valid
 * from `issued_on` to `expires_on`; up to `grace_until` it is "in grace" (e.g. a Team Teach trainer may assist but
 * not lead). Reminders before expiry are logged in training_reminders, one row per certificate and threshold, so a
 * sweep run twice never sends twice.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { staffMembers } from './pupils.ts';
import { users } from './users.ts';

export const trainingCourses = pgTable('training_courses', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  /** Short code, unique in the trust (e.g. TT-L1). */
  code: text('code').notNull(),
  name: text('name').notNull(),
  /** General Services, Team Teach, PRICE, … (free text: the provider's own name). */
  provider: text('provider').notNull(),
  /** e.g. 'Level 1', 'Level 2', 'Trainer', 'Refresher'. */
  level: text('level'),
  validityMonths: integer('validity_months').notNull(),
  /** Months after expiry during which the certificate is "in grace" (0 = none). */
  graceMonths: integer('grace_months').notNull().default(0),
  /** What a certificate holder may do in the grace period (e.g. "assist but not lead"). */
  graceNote: text('grace_note'),
  /** Technique codes (policy lists kind 'technique') a certificate of this course may cover. */
  techniqueCodes: jsonb('technique_codes').$type<string[]>().notNull().default([]),
  physicalSkills: boolean('physical_skills').notNull().default(false),
  /** A tutor's (instructor's) course: holding it valid lets a member of staff tutor sessions of this provider. */
  tutorCourse: boolean('tutor_course').notNull().default(false),
  /** The course to book when a certificate of this one runs out (itself when null). */
  refresherCourseId: uuid('refresher_course_id'),
  /** e.g. RRN: refresher yearly, the full course every fourth year (null: no such rule). */
  fullCourseEveryYears: integer('full_course_every_years'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('training_courses_trust_code_uq').on(t.trustId, t.code)]);

/** status: planned | completed (register closed, certificates issued) | cancelled. */
export const trainingSessions = pgTable('training_sessions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  courseId: uuid('course_id').notNull().references(() => trainingCourses.id),
  /** The site hosting it (its staff and leads see it); null for a trust-wide or external venue. */
  siteId: uuid('site_id').references(() => sites.id),
  tutorStaffId: uuid('tutor_staff_id').notNull().references(() => staffMembers.id),
  venue: text('venue').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  capacity: integer('capacity').notNull(),
  instructors: integer('instructors').notNull().default(1),
  status: text('status').notNull().default('planned'),
  notes: text('notes'),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('training_sessions_trust_idx').on(t.trustId, t.startsOn), index('training_sessions_course_idx').on(t.courseId, t.startsOn)]);

/** The register: attendance is booked | attended | absent; competence maps a technique code to passed | not_yet. */
export const trainingAttendees = pgTable('training_attendees', {
  id: uuid('id').primaryKey(),
  sessionId: uuid('session_id').notNull().references(() => trainingSessions.id),
  staffId: uuid('staff_id').notNull().references(() => staffMembers.id),
  attendance: text('attendance').notNull().default('booked'),
  competence: jsonb('competence').$type<Record<string, 'passed' | 'not_yet'>>().notNull().default({}),
  certificateId: uuid('certificate_id'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('training_attendees_session_staff_uq').on(t.sessionId, t.staffId), index('training_attendees_staff_idx').on(t.staffId)]);

/** source: session | import | manual. A revoked certificate (issued in error) no longer counts. */
export const trainingCertificates = pgTable('training_certificates', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  staffId: uuid('staff_id').notNull().references(() => staffMembers.id),
  courseId: uuid('course_id').notNull().references(() => trainingCourses.id),
  issuedOn: date('issued_on').notNull(),
  expiresOn: date('expires_on').notNull(),
  /** Valid on issued_on ≤ d < expires_on; in grace on expires_on ≤ d < grace_until (equal when the course has no grace). */
  graceUntil: date('grace_until').notNull(),
  techniqueCodes: jsonb('technique_codes').$type<string[]>().notNull().default([]),
  certificateNumber: text('certificate_number'),
  source: text('source').notNull(),
  sessionId: uuid('session_id').references(() => trainingSessions.id),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('training_certificates_staff_idx').on(t.staffId, t.courseId, t.expiresOn),
  index('training_certificates_trust_course_idx').on(t.trustId, t.courseId, t.expiresOn),
  // the matrix's "latest certificate of each member of staff and course" read in index order, from the index alone
  // (no sort of every certificate a trust ever issued): the columns it reads, current (unrevoked) certificates only
  index('training_certificates_latest_idx').on(t.staffId, t.courseId, t.expiresOn.desc().nullsFirst(), t.id, t.issuedOn, t.graceUntil, t.trustId).where(sql`revoked_at is null`),
  uniqueIndex('training_certificates_session_staff_uq').on(t.sessionId, t.staffId).where(sql`session_id is not null and revoked_at is null`),
]);

/** One reminder per certificate and threshold (60, 30, 7 days): the row is the idempotency. */
export const trainingReminders = pgTable('training_reminders', {
  certificateId: uuid('certificate_id').notNull().references(() => trainingCertificates.id),
  thresholdDays: integer('threshold_days').notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('training_reminders_uq').on(t.certificateId, t.thresholdDays)]);

/**
 * Line management: who manages whom, across sites, from a date until a date (null: still). A member of staff has at
 * most one line manager on any day (the service refuses overlaps).
 */
export const lineManagement = pgTable('line_management', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  staffId: uuid('staff_id').notNull().references(() => staffMembers.id),
  managerStaffId: uuid('manager_staff_id').notNull().references(() => staffMembers.id),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on'),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('line_management_staff_idx').on(t.staffId, t.startsOn), index('line_management_manager_idx').on(t.managerStaffId, t.startsOn)]);
