/**
 * Reference data for reports (SPEC §9): national exclusion rates for England, held as data with the year and source so
 * a new DfE release is a row, not a code change. Not tenant data (the same for every trust); loaded by the custom
 * migration reports_triggers.
 */
import { doublePrecision, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const nationalExclusionRates = pgTable('national_exclusion_rates', {
  /** Academic year as the DfE writes it, e.g. 2023/24. */
  year: text('year').notNull(),
  /** suspension | permanent */
  measure: text('measure').notNull(),
  /** Per 100 pupils on roll (headcount). */
  rate: doublePrecision('rate').notNull(),
  source: text('source').notNull(),
}, (t) => [primaryKey({ columns: [t.year, t.measure] })]);
