/**
 * Every CSV/XLSX import (DAT-1): who uploaded and who committed it, when, the file's SHA-256, its kind and site, and
 * the counts it produced. The file itself is kept only between the preview and the commit (it holds pupils'
 * personal data), then cleared; the hash and the counts stay as the record.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { bytea } from './recording.ts';

export const imports = pgTable('imports', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  kind: text('kind').notNull(),
  /** previewed → committed. */
  status: text('status').notNull(),
  filename: text('filename'),
  format: text('format').notNull(),
  encoding: text('encoding'),
  fileHash: text('file_hash').notNull(),
  byteCount: integer('byte_count').notNull(),
  /** The uploaded file, until it is committed. */
  data: bytea('data'),
  /** field key → column index. */
  mapping: jsonb('mapping').notNull(),
  /** rows, added, changed, unchanged, left: as previewed, then as committed. */
  counts: jsonb('counts').notNull(),
  errorCount: integer('error_count').notNull(),
  /** Null for the command line (`haven import`), which acts for no user. */
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  committedBy: uuid('committed_by').references(() => users.id),
  committedAt: timestamp('committed_at', { withTimezone: true }),
}, (t) => [index('imports_site_created_idx').on(t.siteId, t.createdAt)]);
