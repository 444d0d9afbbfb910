/**
 * Casework (SUP-4, SUP-5): the agreed actions of meetings (each becomes a task), the trust's directory of agencies
 * and their contacts, referrals of pupils to agencies, and professional reports received and sent (the file is an
 * `attachments` row owned by the report: owner_type 'professional_report').
 */
import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { pupils } from './pupils.ts';
import { meetings } from './exclusions.ts';
import { tasks } from './workflow.ts';

/** An action agreed at a meeting: owned by a member of staff, due on a day; done when its task is done. */
export const meetingActions = pgTable('meeting_actions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
  action: text('action').notNull(),
  /** null only for actions recorded as free text before owners were members of staff */
  ownerUserId: uuid('owner_user_id').references(() => users.id),
  ownerName: text('owner_name').notNull(),
  dueOn: date('due_on', { mode: 'string' }),
  taskId: uuid('task_id').references(() => tasks.id),
  /** The day its owner was reminded that it is due (once only). */
  remindedOn: date('reminded_on', { mode: 'string' }),
  position: integer('position').notNull().default(0),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('meeting_actions_meeting_idx').on(t.meetingId, t.position)]);

/** An agency the trust works with (CAMHS, children's social care, educational psychology …). */
export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  /** camhs | social_care | educational_psychology | behaviour_support | youth_justice | early_help | other */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('agencies_trust_idx').on(t.trustId, t.name)]);

export const agencyContacts = pgTable('agency_contacts', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  agencyId: uuid('agency_id').notNull().references(() => agencies.id),
  name: text('name').notNull(),
  role: text('role'),
  email: text('email'),
  phone: text('phone'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('agency_contacts_agency_idx').on(t.agencyId)]);

/** A referral of a pupil to an agency. overdue_alerted_on makes the overdue alert once-only (the job is idempotent). */
export const referrals = pgTable('referrals', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  agencyId: uuid('agency_id').notNull().references(() => agencies.id),
  contactId: uuid('contact_id').references(() => agencyContacts.id),
  madeOn: date('made_on', { mode: 'string' }),
  reason: text('reason').notNull(),
  /** draft | sent | accepted | declined | waiting | closed */
  status: text('status').notNull().default('draft'),
  expectedResponseOn: date('expected_response_on', { mode: 'string' }),
  respondedOn: date('responded_on', { mode: 'string' }),
  outcome: text('outcome'),
  referrerId: uuid('referrer_id').notNull().references(() => users.id),
  overdueAlertedOn: date('overdue_alerted_on', { mode: 'string' }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('referrals_pupil_idx').on(t.pupilId), index('referrals_site_status_idx').on(t.siteId, t.status, t.expectedResponseOn)]);

export const professionalReports = pgTable('professional_reports', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  /** received | sent */
  direction: text('direction').notNull(),
  title: text('title').notNull(),
  reportDate: date('report_date', { mode: 'string' }).notNull(),
  author: text('author').notNull(),
  agencyId: uuid('agency_id').references(() => agencies.id),
  referralId: uuid('referral_id').references(() => referrals.id),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('professional_reports_pupil_idx').on(t.pupilId, t.reportDate)]);
