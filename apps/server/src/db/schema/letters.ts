/**
 * Letter templates and letterheads (PAR-2). A template holds the editable parts of one kind of letter, for the whole
 * trust (site_id null) or as one site's override; the locked statutory parts live in code (modules/letters) and are
 * never stored, so a change in the law reaches every school's letters. Each save keeps its version in
 * letter_template_versions. A site's letterhead is its address and contact details; its crest is an attachment
 * (owner_type 'letterhead_crest', owner_id the site), checked and re-encoded like a photo.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';

/** The editable parts of a template: block key → its heading and text. */
export type LetterParts = Record<string, { heading: string | null; text: string }>;

export const letterTemplates = pgTable('letter_templates', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').references(() => sites.id),
  kind: text('kind').notNull(),
  subject: text('subject').notNull(),
  parts: jsonb('parts').$type<LetterParts>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('letter_templates_trust_kind_uq').on(t.trustId, t.kind).where(sql`site_id is null`),
  uniqueIndex('letter_templates_site_kind_uq').on(t.siteId, t.kind).where(sql`site_id is not null`),
]);

export const letterTemplateVersions = pgTable('letter_template_versions', {
  id: uuid('id').primaryKey(),
  templateId: uuid('template_id').notNull().references(() => letterTemplates.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  version: integer('version').notNull(),
  subject: text('subject').notNull(),
  parts: jsonb('parts').$type<LetterParts>().notNull(),
  savedBy: uuid('saved_by').notNull().references(() => users.id),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('letter_template_versions_template_idx').on(t.templateId, t.version)]);

export const siteLetterheads = pgTable('site_letterheads', {
  siteId: uuid('site_id').primaryKey().references(() => sites.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  address: text('address'),
  phone: text('phone'),
  email: text('email'),
  website: text('website'),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
