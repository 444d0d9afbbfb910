/**
 * Child-protection file transfers (DAT-4, LAW-11): the DSL of a leaving pupil's site sends the sealed safeguarding
 * records to the receiving school's DSL, separately from the main pupil file, within 5 school days of the leaving
 * date, and records the receipt. Only the encrypted pack is kept (an `attachments` row, owner 'cp_transfer_pack');
 * the passphrase and the one-time link's token are never stored (the token as a SHA-256 hash only).
 * Sealed like the concerns: only the DSLs of the site read these rows.
 */
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { pupils } from './pupils.ts';

export const cpTransfers = pgTable('cp_transfers', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  /** draft | packed | sent | received */
  status: text('status').notNull().default('draft'),
  leavingDate: date('leaving_date', { mode: 'string' }).notNull(),
  /** pupil_record (the pupil's enrolment end) | entered (by the DSL) */
  leavingDateSource: text('leaving_date_source').notNull(),
  /** The 5th school day after the leaving date; null while the calendar does not reach it. */
  dueOn: date('due_on', { mode: 'string' }),
  receivingSchool: text('receiving_school').notNull(),
  receivingDslName: text('receiving_dsl_name').notNull(),
  receivingDslEmail: text('receiving_dsl_email').notNull(),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** The pack: which records (ids and counts only), how it was encrypted, and the stored .pgp file. */
  packAttachmentId: uuid('pack_attachment_id'),
  packContents: jsonb('pack_contents'),
  /** passphrase | public_key */
  encryption: text('encryption'),
  keyFingerprint: text('key_fingerprint'),
  packedAt: timestamp('packed_at', { withTimezone: true }),
  packedBy: uuid('packed_by').references(() => users.id),
  /** link | download */
  sentVia: text('sent_via'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  sentBy: uuid('sent_by').references(() => users.id),
  linkTokenHash: text('link_token_hash'),
  linkExpiresAt: timestamp('link_expires_at', { withTimezone: true }),
  linkDownloadedAt: timestamp('link_downloaded_at', { withTimezone: true }),
  receivedOn: date('received_on', { mode: 'string' }),
  receivedByName: text('received_by_name'),
  /** link (the receiving DSL confirmed on the link's page) | recorded (by a DSL of the sending school) */
  receiptVia: text('receipt_via'),
  receiptRecordedBy: uuid('receipt_recorded_by').references(() => users.id),
  receiptRecordedAt: timestamp('receipt_recorded_at', { withTimezone: true }),
  /** The last reminder sent: due_soon | overdue (each once). */
  remindedStage: text('reminded_stage'),
  version: integer('version').notNull().default(1),
}, (t) => [
  index('cp_transfers_pupil_idx').on(t.pupilId),
  index('cp_transfers_site_status_idx').on(t.siteId, t.status),
  uniqueIndex('cp_transfers_link_uq').on(t.linkTokenHash),
]);
