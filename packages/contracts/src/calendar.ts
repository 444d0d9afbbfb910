/** The school calendar (SPEC §3): academic years, terms and half-terms, closure and INSET days, per trust or site. */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate } from './common.ts';
import { CLOSURE_KINDS, TERM_NAMES } from './calendar-codes.ts';

const text = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'Contains a character that is not allowed');

export const ZTermName = z.enum(TERM_NAMES);

export const ZClosureKind = z.enum(CLOSURE_KINDS);

export const ZAcademicYearInput = z.strictObject({
  label: z.string().trim().regex(/^\d{4}\/\d{2}$/, 'Write the year as 2026/27'),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
});
export const ZAcademicYearUpdate = ZAcademicYearInput.partial();

export const ZTermInput = z.strictObject({
  academicYearId: ZId,
  siteId: ZId.nullable().default(null).describe("A site's own term dates (replacing the trust's for that year), or null for the whole trust"),
  term: ZTermName,
  halfTerm: z.union([z.literal(1), z.literal(2)]),
  name: text(80).min(1, 'Enter a name'),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
});
export const ZTermUpdate = z.strictObject({
  term: ZTermName.optional(),
  halfTerm: z.union([z.literal(1), z.literal(2)]).optional(),
  name: text(80).min(1, 'Enter a name').optional(),
  startDate: ZIsoDate.optional(),
  endDate: ZIsoDate.optional(),
});

export const ZClosureInput = z.strictObject({
  siteId: ZId.nullable().default(null).describe('One site, or null for the whole trust'),
  date: ZIsoDate,
  kind: ZClosureKind,
  reason: text(200).min(1, 'Say why the school is closed'),
});

export const ZCalendarTerm = z.object({
  id: ZId, academicYearId: ZId, siteId: ZId.nullable(), term: ZTermName, halfTerm: z.number().int(), name: z.string(),
  startDate: ZIsoDate, endDate: ZIsoDate, schoolDays: z.number().int().describe('School days in this half-term at its scope'),
});
export const ZCalendarClosure = z.object({
  id: ZId, academicYearId: ZId, siteId: ZId.nullable(), date: ZIsoDate, kind: z.string(), reason: z.string(),
});
export const ZAcademicYear = z.object({ id: ZId, label: z.string(), startDate: ZIsoDate, endDate: ZIsoDate });

export const ZCalendarQuery = z.object({
  siteId: z.uuid().optional().describe("A site: the terms and closures in force there (the site's own or the trust's). Omit for the whole trust's own entries and every site's"),
});
export const ZCalendar = z.object({
  academicYears: z.array(ZAcademicYear),
  terms: z.array(ZCalendarTerm),
  closures: z.array(ZCalendarClosure),
  sites: z.array(z.object({ id: ZId, name: z.string() })),
  allowed: ZAllowed,
});
export type TCalendar = z.infer<typeof ZCalendar>;

export const ZSchoolDaysQuery = z.object({
  siteId: z.uuid(),
  from: ZIsoDate,
  to: ZIsoDate,
});
export const ZSchoolDays = z.object({
  siteId: ZId, from: ZIsoDate, to: ZIsoDate,
  days: z.array(z.object({ date: ZIsoDate, schoolDay: z.boolean(), term: z.string().nullable(), closure: z.string().nullable() })),
  schoolDays: z.number().int(),
});
export type TSchoolDays = z.infer<typeof ZSchoolDays>;
