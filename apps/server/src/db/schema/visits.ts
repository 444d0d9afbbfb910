/**
 * Off-site visits (TRP-1 … TRP-4). A visit belongs to a site; its pupils and staff are that site's. The trust keeps
 * its local authority's visit categories (which are routine and pre-approved by a site's standing approval, which
 * need the LA's outdoor education adviser) and a library of generic visit risk assessments a visit adopts. A site
 * names its educational visits coordinators (EVCs). Consent is one row per decision (the latest per pupil counts);
 * each approval step is a row (who, when, decision, comment). incidents.visit_id links an incident to a visit.
 */
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { contacts, pupils, staffMembers } from './pupils.ts';
import { users } from './users.ts';

/** A hazard of a generic assessment or of the visit itself, with its controls. */
export interface VisitHazard { id: string; hazard: string; controls: string }
/** One stop of the itinerary, in order: the day, the time and where. */
export interface VisitStop { date: string; time: string; place: string; notes: string }
export interface VisitEvaluation { wentWell: string; toImprove: string; incidentsSummary: string; by: string; at: string }

/** The LA's categories as the trust words them; pre_approved: routine (a standing approval covers it). */
export const visitCategories = pgTable('visit_categories', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  preApproved: boolean('pre_approved').notNull().default(false),
  /** The LA says its outdoor education adviser approves visits of this category (after the head). */
  laAdviserRequired: boolean('la_adviser_required').notNull().default(false),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
}, (t) => [uniqueIndex('visit_categories_trust_code_uq').on(t.trustId, t.code)]);

/** A site's standing approval for routine visits of a category, until it expires (or is revoked). */
export const visitStandingApprovals = pgTable('visit_standing_approvals', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  categoryId: uuid('category_id').notNull().references(() => visitCategories.id),
  description: text('description').notNull(),
  approvedBy: uuid('approved_by').notNull().references(() => users.id),
  approvedOn: date('approved_on', { mode: 'string' }).notNull(),
  expiresOn: date('expires_on', { mode: 'string' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('visit_standing_approvals_site_idx').on(t.siteId, t.categoryId)]);

/** Who is the educational visits coordinator at a site (one or more users). */
export const visitCoordinators = pgTable('visit_coordinators', {
  siteId: uuid('site_id').notNull().references(() => sites.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.siteId, t.userId] })]);

/** The trust's library of generic visit risk assessments (e.g. "Travel by coach", "Museum visit"). */
export const visitRiskLibrary = pgTable('visit_risk_library', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  title: text('title').notNull(),
  hazards: jsonb('hazards').$type<VisitHazard[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * status: draft | awaiting_evc | awaiting_head | awaiting_la | approved | returned | departed | completed | cancelled.
 * ratio_pupils_per_adult: the ratio required (one adult for every N pupils).
 */
export const visits = pgTable('visits', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  purpose: text('purpose').notNull(),
  venue: text('venue').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  departTime: text('depart_time').notNull(),
  endDate: date('end_date', { mode: 'string' }).notNull(),
  returnTime: text('return_time').notNull(),
  itinerary: jsonb('itinerary').$type<VisitStop[]>().notNull().default([]),
  transport: text('transport').notNull().default(''),
  categoryId: uuid('category_id').notNull().references(() => visitCategories.id),
  leaderStaffId: uuid('leader_staff_id').references(() => staffMembers.id),
  ratioPupilsPerAdult: integer('ratio_pupils_per_adult').notNull(),
  status: text('status').notNull().default('draft'),
  adoptedAssessmentIds: jsonb('adopted_assessment_ids').$type<string[]>().notNull().default([]),
  ownHazards: jsonb('own_hazards').$type<VisitHazard[]>().notNull().default([]),
  /** The leader's confirmation that the risk assessment is complete; a change to the hazards takes it away. */
  riskConfirmedBy: uuid('risk_confirmed_by').references(() => users.id),
  riskConfirmedAt: timestamp('risk_confirmed_at', { withTimezone: true }),
  standingApprovalId: uuid('standing_approval_id').references(() => visitStandingApprovals.id),
  departedBy: uuid('departed_by').references(() => users.id),
  departedAt: timestamp('departed_at', { withTimezone: true }),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  evaluation: jsonb('evaluation').$type<VisitEvaluation | null>(),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('visits_site_date_idx').on(t.siteId, t.startDate)]);

export const visitPupils = pgTable('visit_pupils', {
  visitId: uuid('visit_id').notNull().references(() => visits.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
}, (t) => [primaryKey({ columns: [t.visitId, t.pupilId] }), index('visit_pupils_pupil_idx').on(t.pupilId)]);

export const visitStaff = pgTable('visit_staff', {
  visitId: uuid('visit_id').notNull().references(() => visits.id),
  staffId: uuid('staff_id').notNull().references(() => staffMembers.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
}, (t) => [primaryKey({ columns: [t.visitId, t.staffId] })]);

/** decision: given | refused; via: portal (a parent, contact_id theirs) | staff (recorded_by, how: paper form, phone…). */
export const visitConsents = pgTable('visit_consents', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  visitId: uuid('visit_id').notNull().references(() => visits.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  decision: text('decision').notNull(),
  via: text('via').notNull(),
  how: text('how').notNull().default(''),
  contactId: uuid('contact_id').references(() => contacts.id),
  parentName: text('parent_name').notNull(),
  medicalInfo: text('medical_info').notNull().default(''),
  emergencyName: text('emergency_name').notNull().default(''),
  emergencyPhone: text('emergency_phone').notNull().default(''),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('visit_consents_visit_idx').on(t.visitId, t.pupilId, t.recordedAt)]);

/** step: submit | standing | evc | head | la | depart | return_home; decision: submitted | approved | returned | done. */
export const visitApprovalSteps = pgTable('visit_approval_steps', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  visitId: uuid('visit_id').notNull().references(() => visits.id),
  step: text('step').notNull(),
  decision: text('decision').notNull(),
  comment: text('comment').notNull().default(''),
  /** For the LA step: the adviser who approved (recorded by the EVC or head). */
  adviserName: text('adviser_name'),
  byUserId: uuid('by_user_id').notNull().references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('visit_approval_steps_visit_idx').on(t.visitId, t.at)]);
