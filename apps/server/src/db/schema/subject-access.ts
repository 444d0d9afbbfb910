/**
 * Subject access requests (DAT-3): a request for everything Haven holds about a pupil, tracked against its one-month
 * deadline (received → gathering → redaction → released, or withdrawn); the reviewer's decision on each record
 * (release as it is, redact named fields, or withhold with a reason); and the release itself — the PDF and the
 * archive exactly as handed over, with their SHA-256, so a download later is the same bytes that were released.
 */
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { pupils } from './pupils.ts';
import { users } from './users.ts';
import { bytea } from './recording.ts';

export const subjectAccessRequests = pgTable('subject_access_requests', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  /** The pupil's site when the request was received: who may handle it. */
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  /** parent | pupil | other */
  requesterKind: text('requester_kind').notNull(),
  requesterName: text('requester_name').notNull(),
  receivedOn: date('received_on', { mode: 'string' }).notNull(),
  /** One calendar month from receipt (subject-access.rules.ts), kept as computed when the request was logged. */
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  /** received | gathering | redaction | released | withdrawn */
  status: text('status').notNull().default('received'),
  /** Replace staff names with "[member of staff]" in the release (other pupils' names are always replaced). */
  redactStaff: boolean('redact_staff').notNull().default(false),
  notes: text('notes'),
  withdrawnReason: text('withdrawn_reason'),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('subject_access_requests_site_idx').on(t.siteId, t.status, t.dueOn), index('subject_access_requests_pupil_idx').on(t.pupilId)]);

/** The reviewer's decision on one gathered record (key "<kind>:<id>"). No row: released as gathered (after automatic redaction). */
export const subjectAccessDecisions = pgTable('subject_access_decisions', {
  requestId: uuid('request_id').notNull().references(() => subjectAccessRequests.id),
  recordKey: text('record_key').notNull(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  /** release | redact | withhold */
  action: text('action').notNull(),
  /** For redact: the fields replaced by "[redacted]". */
  fields: jsonb('fields').notNull().default([]),
  reason: text('reason'),
  decidedBy: uuid('decided_by').notNull().references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.requestId, t.recordKey] })]);

/** What was handed over: the files as released and their hashes (one release a request). */
export const subjectAccessReleases = pgTable('subject_access_releases', {
  requestId: uuid('request_id').primaryKey().references(() => subjectAccessRequests.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  pdf: bytea('pdf').notNull(),
  pdfSha256: text('pdf_sha256').notNull(),
  archive: bytea('archive').notNull(),
  archiveSha256: text('archive_sha256').notNull(),
  recordCount: integer('record_count').notNull(),
  withheldCount: integer('withheld_count').notNull(),
  releasedBy: uuid('released_by').notNull().references(() => users.id),
  releasedAt: timestamp('released_at', { withTimezone: true }).notNull().defaultNow(),
});
