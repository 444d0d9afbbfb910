/**
 * Sealed safeguarding concerns (INC-4, LAW-11): only the DSL role of the concern's site may read them. Nothing here
 * may reach a list, search, count, export, notification or log for anyone else.
 */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { pupils } from './pupils.ts';

export const safeguardingConcerns = pgTable('safeguarding_concerns', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  /** The incident it was raised from, if any (the link is visible only to the DSL). */
  incidentId: uuid('incident_id'),
  raisedBy: uuid('raised_by').notNull().references(() => users.id),
  raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
  /** KCSIE category: physical | emotional | sexual | neglect | peer_on_peer | online | self_harm | radicalisation | other */
  category: text('category').notNull(),
  concern: text('concern').notNull(),
  /** What the child said, in their words. */
  childWords: text('child_words'),
  actionTaken: text('action_taken'),
  bodyMap: jsonb('body_map').notNull().default([]),
  /** new | triaged | referred | closed */
  status: text('status').notNull().default('new'),
  /** The DSL's decision and notes. */
  triageOutcome: text('triage_outcome'),
  triageNotes: text('triage_notes'),
  triagedBy: uuid('triaged_by').references(() => users.id),
  triagedAt: timestamp('triaged_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
}, (t) => [index('safeguarding_concerns_site_idx').on(t.siteId, t.raisedAt)]);

export const safeguardingConcernPupils = pgTable('safeguarding_concern_pupils', {
  concernId: uuid('concern_id').notNull().references(() => safeguardingConcerns.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
}, (t) => [primaryKey({ columns: [t.concernId, t.pupilId] }), index('safeguarding_concern_pupils_pupil_idx').on(t.pupilId)]);
