/** Tenancy and the school calendar: trusts, sites, academic years, terms and closure days. */
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const trusts = pgTable('trusts', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  ...timestamps,
});

export const sites = pgTable('sites', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  urn: text('urn'),
  laCode: text('la_code'),
  establishmentNumber: text('establishment_number'),
  phase: text('phase').notNull(),
  kind: text('kind').notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, (t) => [
  index('sites_trust_idx').on(t.trustId),
  uniqueIndex('sites_trust_short_name_uq').on(t.trustId, t.shortName),
]);

/** An academic year (1 September to 31 August) of one trust; sites share the trust calendar unless they override. */
export const academicYears = pgTable('academic_years', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  label: text('label').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }).notNull(),
  ...timestamps,
}, (t) => [uniqueIndex('academic_years_trust_label_uq').on(t.trustId, t.label)]);

/** A half-term: the unit of teaching between holidays. `term` names the term it belongs to (autumn, spring, summer). */
export const terms = pgTable('terms', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  academicYearId: uuid('academic_year_id').notNull().references(() => academicYears.id),
  siteId: uuid('site_id').references(() => sites.id),
  term: text('term').notNull(),
  halfTerm: integer('half_term').notNull(),
  name: text('name').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }).notNull(),
  ...timestamps,
}, (t) => [index('terms_year_idx').on(t.academicYearId)]);

/** Closure and INSET days inside a term: not school days. A null site means the whole trust. */
export const closureDays = pgTable('closure_days', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  academicYearId: uuid('academic_year_id').notNull().references(() => academicYears.id),
  siteId: uuid('site_id').references(() => sites.id),
  date: date('date', { mode: 'string' }).notNull(),
  reason: text('reason').notNull(),
  kind: text('kind').notNull(),
  ...timestamps,
}, (t) => [index('closure_days_year_idx').on(t.academicYearId)]);
