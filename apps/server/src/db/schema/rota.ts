/**
 * Support-team deployment across sites (STF-3): each member's weekly pattern (site, weekday, period, mode), dated
 * exceptions (absence, training, cover elsewhere, and the cover chosen for an absence), the travel time between two
 * sites, and each pupil's EHCP support hours (a column on pupils: pupils.ehcp_support_minutes).
 */
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { pupils, staffMembers } from './pupils.ts';
import { users } from './users.ts';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/**
 * One slot of a member of the support team's usual week: at a site, on an ISO weekday (1 = Monday), in a period (a
 * policy option of kind 'period'), in one mode. one_to_one names a pupil; behaviour_buddy names a teacher.
 * Two slots of one person in one weekday and period are a double booking: shown on the rota, not refused.
 */
export const rotaPatterns = pgTable('rota_patterns', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  staffId: uuid('staff_id').notNull().references(() => staffMembers.id),
  weekday: integer('weekday').notNull(),
  periodCode: text('period_code').notNull(),
  mode: text('mode').notNull(),
  pupilId: uuid('pupil_id').references(() => pupils.id),
  teacherStaffId: uuid('teacher_staff_id').references(() => staffMembers.id),
  note: text('note'),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').references(() => users.id),
  ...timestamps,
}, (t) => [
  index('rota_patterns_site_idx').on(t.siteId, t.weekday),
  index('rota_patterns_staff_idx').on(t.staffId, t.weekday),
  index('rota_patterns_pupil_idx').on(t.pupilId),
]);

/**
 * A dated change to someone's pattern. absence and training take them out of the period (or the whole day when
 * period_code is null); cover puts them at a site in a period, in a mode, either for an absence (covers_exception_id,
 * covers_pattern_id: the slot they take over) or as cover elsewhere.
 */
export const rotaExceptions = pgTable('rota_exceptions', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  staffId: uuid('staff_id').notNull().references(() => staffMembers.id),
  date: date('date', { mode: 'string' }).notNull(),
  periodCode: text('period_code'),
  kind: text('kind').notNull(),
  mode: text('mode'),
  pupilId: uuid('pupil_id').references(() => pupils.id),
  teacherStaffId: uuid('teacher_staff_id').references(() => staffMembers.id),
  coversExceptionId: uuid('covers_exception_id'),
  coversPatternId: uuid('covers_pattern_id').references(() => rotaPatterns.id),
  note: text('note'),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').references(() => users.id),
  ...timestamps,
}, (t) => [
  index('rota_exceptions_site_date_idx').on(t.siteId, t.date),
  index('rota_exceptions_staff_date_idx').on(t.staffId, t.date),
  index('rota_exceptions_covers_idx').on(t.coversExceptionId),
]);

/** Minutes to travel between two sites of a trust (stored once per pair, site_a < site_b); missing pairs use the default. */
export const siteTravelTimes = pgTable('site_travel_times', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteA: uuid('site_a').notNull().references(() => sites.id),
  siteB: uuid('site_b').notNull().references(() => sites.id),
  minutes: integer('minutes').notNull(),
  version: integer('version').notNull().default(1),
  ...timestamps,
}, (t) => [uniqueIndex('site_travel_times_pair_uq').on(t.siteA, t.siteB)]);
