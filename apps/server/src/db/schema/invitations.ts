/**
 * Invitations (issue 12): a set-password link emailed to a member of staff, a parent or an agency professional.
 * The link's token is random and single-use; only its SHA-256 is kept. Re-sending revokes the previous one.
 * And the records named in an agency share (the share itself is `agency_shares`, in pupils.ts).
 */
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { agencyShares } from './pupils.ts';

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  /** The account the link sets a password for. */
  userId: uuid('user_id').notNull().references(() => users.id),
  /** staff | parent | agency */
  kind: text('kind').notNull(),
  /** For a parent or an agency professional: the site whose office (or DSL) sent it; null for staff. */
  siteId: uuid('site_id').references(() => sites.id),
  email: text('email').notNull(),
  tokenHash: text('token_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** pending | sent | failed: <reason without content> */
  emailStatus: text('email_status').notNull().default('pending'),
  emailedAt: timestamp('emailed_at', { withTimezone: true }),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('invitations_token_hash_uq').on(t.tokenHash), index('invitations_user_idx').on(t.userId)]);

/** A record named in an agency share: what the agency professional may read until the share expires. */
export const agencyShareRecords = pgTable('agency_share_records', {
  shareId: uuid('share_id').notNull().references(() => agencyShares.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  /** incident (more kinds later) */
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
}, (t) => [primaryKey({ columns: [t.shareId, t.recordType, t.recordId] })]);
