/**
 * The communications log (PAR-2): every message Haven sends (or records for sending by hand) to a pupil's parents
 * and carers or to a named recipient (a local authority's exclusions officer, a clerk to the governors), with what
 * was sent, to whom, about which record, by whom, and how it went. The log is also the outbox: rows are written in
 * the use case's transaction as 'pending' and sent after commit, so a message is never lost to a mail server outage.
 */
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { contacts, pupils } from './pupils.ts';
import { bytea } from './recording.ts';


/** A file sent with one or more communications (a generated letter): kept, so what was sent can be shown again. */
export const communicationAttachments = pgTable('communication_attachments', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const communications = pgTable('communications', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').references(() => pupils.id),
  /** What it is about, e.g. suspension / <id>. */
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  /** parent (a contact with parental responsibility) | named (an address given by the sender) */
  recipientKind: text('recipient_kind').notNull(),
  contactId: uuid('contact_id').references(() => contacts.id),
  recipientName: text('recipient_name').notNull(),
  recipientEmail: text('recipient_email'),
  /** email | by_hand (post, hand delivery: staff send it and mark it sent) */
  channel: text('channel').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  attachmentId: uuid('attachment_id').references(() => communicationAttachments.id),
  /** pending → sent | failed (with reason); to_send_by_hand → sent (marked by a member of staff) */
  status: text('status').notNull(),
  failureReason: text('failure_reason'),
  messageId: text('message_id'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  sentBy: uuid('sent_by').references(() => users.id),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('communications_record_idx').on(t.recordType, t.recordId), index('communications_site_status_idx').on(t.siteId, t.status), index('communications_pupil_idx').on(t.pupilId)]);
