/**
 * Suspensions and permanent exclusions (SAN-3, LAW-1 … LAW-9): the census reason codes (a table with validity
 * dates, so a new code set is data), the records themselves (never edited to extend or convert: LAW-9), the
 * notifications the law requires (LAW-5), each site's statutory contacts, and meetings (SUP-4: reintegration first).
 */
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { pupils } from './pupils.ts';

/** kind: staff (refId a user) | contact (a pupil contact) | agency_contact | pupil | other (a name only). */
export interface MeetingAttendee { kind: string; refId: string | null; name: string; role: string | null }

/**
 * A census reason code valid from one date (and until another, when expired). Rows without a trust are the DfE's
 * published code set, loaded as data by a migration; each trust works from its own copy (made from those the first
 * time it needs one), to which its administrator adds codes and whose codes they retire.
 */
export const exclusionReasons = pgTable('exclusion_reasons', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').references(() => trusts.id),
  code: text('code').notNull(),
  label: text('label').notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  source: text('source').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('exclusion_reasons_trust_code_from_uq').on(t.trustId, t.code, t.validFrom)]);

export const exclusions = pgTable('exclusions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  /** suspension | permanent | lunchtime */
  category: text('category').notNull(),
  /** issued | cancelled */
  status: text('status').notNull().default('issued'),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  startSession: text('start_session').notNull(),
  /** Sessions (lunchtimes for a lunchtime suspension); null for a permanent exclusion. */
  sessions: integer('sessions'),
  /** The suspended sessions as issued ('YYYY-MM-DD:am|pm|lunch'): totals never move when a calendar changes later. */
  slots: jsonb('slots').$type<string[]>().notNull(),
  lastDay: date('last_day', { mode: 'string' }),
  returnDate: date('return_date', { mode: 'string' }),
  returnSession: text('return_session'),
  reasonCodes: jsonb('reason_codes').$type<string[]>().notNull(),
  details: text('details').notNull(),
  missesPublicExam: boolean('misses_public_exam').notNull().default(false),
  /** The public examination or national curriculum test the exclusion makes the pupil miss (LAW-6). */
  publicExamDate: date('public_exam_date', { mode: 'string' }),
  /** The day the parents were told of the decision, as the head entered it; every deadline counts from it (null: before it was asked, read board_notified_on). */
  decisionDate: date('decision_date', { mode: 'string' }),
  incidentId: uuid('incident_id'),
  /** LAW-9: a further decision about the same matter is a new record pointing at the earlier one. */
  previousExclusionId: uuid('previous_exclusion_id'),
  issuedBy: uuid('issued_by').notNull().references(() => users.id),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the governing board was (or is taken to be) notified: the start of the LAW-6/LAW-7 count. */
  boardNotifiedOn: date('board_notified_on', { mode: 'string' }).notNull(),
  boardDutyKind: text('board_duty_kind').notNull(),
  boardDeadline: date('board_deadline', { mode: 'string' }),
  /** The board's duty in the words the head saw when issuing (its deadline phrase filled in once the calendar reaches it). */
  boardDutyMessage: text('board_duty_message'),
  /** LAW-8: the sixth school day, from which full-time education is due. */
  provisionDueFrom: date('provision_due_from', { mode: 'string' }),
  provisionProvider: text('provision_provider'),
  provisionFrom: date('provision_from', { mode: 'string' }),
  parentsMadeRepresentations: boolean('parents_made_representations').notNull().default(false),
  boardMeetingDate: date('board_meeting_date', { mode: 'string' }),
  /** reinstated | upheld | representations_considered */
  boardOutcome: text('board_outcome'),
  boardOutcomeOn: date('board_outcome_on', { mode: 'string' }),
  boardOutcomeNotes: text('board_outcome_notes'),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  cancelledBy: uuid('cancelled_by').references(() => users.id),
  cancelReason: text('cancel_reason'),
  version: integer('version').notNull().default(1),
}, (t) => [index('exclusions_pupil_idx').on(t.pupilId, t.startDate), index('exclusions_site_idx').on(t.siteId, t.startDate)]);

/** LAW-5 (and the parents, LAW-4): who must be told, and whether they have been. status: to_do | sent | done */
export const exclusionNotifications = pgTable('exclusion_notifications', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  exclusionId: uuid('exclusion_id').notNull().references(() => exclusions.id),
  /** issue | cancellation */
  occasion: text('occasion').notNull(),
  /** parents | governing_board | local_authority | social_worker | virtual_school_head */
  recipient: text('recipient').notNull(),
  status: text('status').notNull().default('to_do'),
  statusOn: date('status_on', { mode: 'string' }),
  note: text('note'),
  updatedBy: uuid('updated_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('exclusion_notifications_exclusion_idx').on(t.exclusionId)]);

/** Whom a site tells about exclusions, and what its letters say about making representations. */
export const exclusionContacts = pgTable('exclusion_contacts', {
  siteId: uuid('site_id').primaryKey().references(() => sites.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  laName: text('la_name').notNull(),
  laEmail: text('la_email'),
  laPhone: text('la_phone'),
  boardClerkName: text('board_clerk_name').notNull(),
  boardClerkEmail: text('board_clerk_email'),
  boardClerkPhone: text('board_clerk_phone'),
  /** The virtual school head of the local authority (told of suspensions of looked-after children). */
  virtualSchoolName: text('virtual_school_name'),
  virtualSchoolEmail: text('virtual_school_email'),
  virtualSchoolPhone: text('virtual_school_phone'),
  /** How parents make representations (address, email), printed in the letter. */
  representationsContact: text('representations_contact').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A meeting about a pupil (SUP-4): restorative, reintegration (created by a suspension), multi-agency or parent.
 * record_type/record_id is the generic link to what it was created from (exclusion, incident; later a plan).
 * Agreed actions live in meeting_actions (casework.ts); agreed_actions is the free-text list recorded before them,
 * copied into meeting_actions by the casework migration and no longer written.
 */
export const meetings = pgTable('meetings', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  /** reintegration | restorative | parent | multi_agency */
  type: text('type').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  session: text('session'),
  /** hh:mm, Europe/London */
  startTime: text('start_time'),
  place: text('place'),
  /** scheduled | held | cancelled */
  status: text('status').notNull().default('scheduled'),
  recordType: text('record_type'),
  recordId: uuid('record_id'),
  attendees: jsonb('attendees').$type<MeetingAttendee[]>().notNull().default([]),
  notes: text('notes'),
  agreedActions: jsonb('agreed_actions').$type<{ action: string; owner: string; dueOn: string | null }[]>().notNull().default([]),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('meetings_pupil_idx').on(t.pupilId, t.date), index('meetings_record_idx').on(t.recordType, t.recordId)]);
