/**
 * The parent portal (PAR-1, PAR-2, LAW-12): the trust's visibility settings (which behaviour categories parents see,
 * whether staff are named), what a parent has acknowledged through the portal (a copy of a restraint record; a plan's
 * acknowledgement is a behaviour_support_plan_acknowledgements row with recorded_via 'portal'), each parent's email
 * preferences per kind of record, and how far the notification job has told them.
 */
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, integer } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { contacts, pupils } from './pupils.ts';

/** One row per trust; no row means the defaults (every category shown, staff names hidden). */
export const parentPortalSettings = pgTable('parent_portal_settings', {
  trustId: uuid('trust_id').primaryKey().references(() => trusts.id),
  /** Behaviour category codes whose records parents never see (an incident with any of them is not shown). */
  hiddenCategoryCodes: jsonb('hidden_category_codes').$type<string[]>().notNull().default([]),
  hideStaffNames: boolean('hide_staff_names').notNull().default(true),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A parent's acknowledgement through the portal of something sent to them (kind 'restraint_copy': a communication). */
export const parentPortalAcknowledgements = pgTable('parent_portal_acknowledgements', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  contactId: uuid('contact_id').notNull().references(() => contacts.id),
  kind: text('kind').notNull(),
  recordId: uuid('record_id').notNull(),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('parent_portal_acks_uq').on(t.userId, t.kind, t.recordId),
  index('parent_portal_acks_record_idx').on(t.kind, t.recordId),
]);

/** How a parent wants to hear of new records of a kind: immediately | daily | off (no row: the kind's default). */
export const parentNotificationPreferences = pgTable('parent_notification_preferences', {
  userId: uuid('user_id').notNull().references(() => users.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  kind: text('kind').notNull(),
  frequency: text('frequency').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.kind] })]);

/** Up to when each parent has been told (the first run starts the clock: nothing from before is emailed). */
export const parentNotificationState = pgTable('parent_notification_state', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  immediateThrough: timestamp('immediate_through', { withTimezone: true }).notNull(),
  digestThrough: timestamp('digest_through', { withTimezone: true }).notNull(),
});
