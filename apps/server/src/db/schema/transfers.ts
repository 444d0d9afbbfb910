/**
 * What previous schools sent about a pupil in a common transfer file (DAT-2) beyond the pupil's own columns: SEN and
 * FSM history, languages, addresses, contacts' addresses, attendance and school history, kept as one typed document
 * per pupil and source school (a re-import from the same school replaces its document). Shown on the profile as
 * "From previous schools", read audited (it holds SEN and ethnicity); never sent on in safeguarding's place.
 */
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { pupils } from './pupils.ts';
import { imports } from './imports.ts';

export const pupilTransferRecords = pgTable('pupil_transfer_records', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  /** The import that brought the latest document (null if that import record is gone). */
  importId: uuid('import_id').references(() => imports.id),
  /** The source school as re-imports match it: its LA and establishment number, else its URN, else its name. */
  sourceKey: text('source_key').notNull(),
  sourceLea: text('source_lea'),
  sourceEstab: text('source_estab'),
  sourceUrn: text('source_urn'),
  sourceName: text('source_name'),
  ctfVersion: text('ctf_version').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  /** TCtfTransferDocument (packages/contracts/src/ctf.ts). */
  document: jsonb('document').notNull(),
  /** SHA-256 of the document as stored: an unchanged re-import changes nothing. */
  documentHash: text('document_hash').notNull(),
}, (t) => [
  uniqueIndex('pupil_transfer_records_pupil_source_uq').on(t.pupilId, t.sourceKey),
  index('pupil_transfer_records_site_idx').on(t.siteId),
]);
