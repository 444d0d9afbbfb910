/** Pupils, their groups (forms and classes), parents and carers, and the staff who are not (yet) users. */
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';

export const pupilGroups = pgTable('pupil_groups', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  yearGroup: integer('year_group'),
  tutorStaffId: uuid('tutor_staff_id'),
  /** Set when the school no longer uses the group: kept with its members for the records, hidden from pickers. */
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('pupil_groups_site_idx').on(t.siteId)]);

export const pupils = pgTable('pupils', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  upn: text('upn').notNull(),
  legalForename: text('legal_forename').notNull(),
  legalSurname: text('legal_surname').notNull(),
  preferredForename: text('preferred_forename'),
  preferredSurname: text('preferred_surname'),
  dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
  sex: text('sex').notNull(),
  yearGroup: integer('year_group').notNull(),
  formGroupId: uuid('form_group_id').references(() => pupilGroups.id),
  enrolmentStart: date('enrolment_start', { mode: 'string' }).notNull(),
  enrolmentEnd: date('enrolment_end', { mode: 'string' }),
  /** Why the pupil left (set with enrolmentEnd by the office; cleared when they re-join). */
  leavingReason: text('leaving_reason'),
  senStatus: text('sen_status').notNull().default('none'),
  primaryNeed: text('primary_need'),
  pupilPremium: boolean('pupil_premium').notNull().default(false),
  fsm: boolean('fsm').notNull().default(false),
  lookedAfter: boolean('looked_after').notNull().default(false),
  previouslyLookedAfter: boolean('previously_looked_after').notNull().default(false),
  /** Sealed (child in need / child protection plan): only the site's DSL reads these. */
  childInNeed: boolean('child_in_need').notNull().default(false),
  childProtectionPlan: boolean('child_protection_plan').notNull().default(false),
  eal: boolean('eal').notNull().default(false),
  firstLanguage: text('first_language'),
  ethnicity: text('ethnicity'),
  medicalFlag: boolean('medical_flag').notNull().default(false),
  medicalNotes: text('medical_notes'),
  /** EHCP support: minutes a week an adult is to be with the pupil (STF-3; shown and edited as hours). Null: none set. */
  ehcpSupportMinutes: integer('ehcp_support_minutes'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('pupils_trust_upn_uq').on(t.trustId, t.upn),
  index('pupils_site_surname_idx').on(t.siteId, t.legalSurname, t.legalForename),
]);

export const pupilGroupMembers = pgTable('pupil_group_members', {
  groupId: uuid('group_id').notNull().references(() => pupilGroups.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
}, (t) => [primaryKey({ columns: [t.groupId, t.pupilId] }), index('pupil_group_members_pupil_idx').on(t.pupilId)]);

/** A parent, carer or other contact; `userId` links a parent-portal account. */
export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  title: text('title'),
  forename: text('forename').notNull(),
  surname: text('surname').notNull(),
  email: text('email'),
  phone: text('phone'),
  preferredContact: text('preferred_contact').notNull().default('phone'),
  /** A postal address for letters (one block of text, lines separated by newlines). */
  address: text('address'),
  /** The language to write or speak to them in, when not English. */
  language: text('language'),
  userId: uuid('user_id').references(() => users.id),
  /** The contact's id in the school's MIS, when an import gave one: re-imports match on it. */
  externalId: text('external_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('contacts_user_idx').on(t.userId), index('contacts_trust_external_idx').on(t.trustId, t.externalId)]);

export const pupilContacts = pgTable('pupil_contacts', {
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  contactId: uuid('contact_id').notNull().references(() => contacts.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  relationship: text('relationship').notNull(),
  parentalResponsibility: boolean('parental_responsibility').notNull().default(true),
  priority: integer('priority').notNull().default(1),
}, (t) => [primaryKey({ columns: [t.pupilId, t.contactId] }), index('pupil_contacts_contact_idx').on(t.contactId)]);

/** A member of staff, who may or may not sign in (a user). */
export const staffMembers = pgTable('staff_members', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  userId: uuid('user_id').references(() => users.id),
  forename: text('forename').notNull(),
  surname: text('surname').notNull(),
  jobTitle: text('job_title').notNull(),
  email: text('email'),
  /** The school's short code for the member of staff (initials in most MIS): imports match on it, or on email. */
  staffCode: text('staff_code'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('staff_members_site_idx').on(t.siteId), index('staff_members_user_idx').on(t.userId),
  uniqueIndex('staff_members_site_code_uq').on(t.siteId, t.staffCode),
]);

/** A time-limited share of named records about one pupil with an agency user (SPEC §1, agency role). */
export const agencyShares = pgTable('agency_shares', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  grantedBy: uuid('granted_by').notNull().references(() => users.id),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
