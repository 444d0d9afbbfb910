/**
 * Support-team deployment across sites (STF-3): weekly patterns, dated exceptions, the week's rota with its gaps,
 * double bookings and impossible journeys beside the weekday × period incident heatmap, cover suggestions, "where am
 * I today", travel times between sites and each pupil's EHCP support hours.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZSiteIdList } from './common.ts';
import { ROTA_EXCEPTION_KINDS, ROTA_MODES } from './rota-codes.ts';

export const ZRotaMode = z.enum(ROTA_MODES);
export const ZRotaExceptionKind = z.enum(ROTA_EXCEPTION_KINDS);

const ZPeriodCode = z.string().trim().min(1).max(40);
const ZNote = z.string().trim().max(500);
const ZPerson = z.object({ id: ZId, displayName: z.string() });

export const ZRotaPatternInput = z.object({
  staffId: ZId,
  siteId: ZId,
  weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday'),
  periodCode: ZPeriodCode,
  mode: ZRotaMode,
  pupilId: ZId.nullish().describe('one_to_one: the pupil'),
  teacherStaffId: ZId.nullish().describe('behaviour_buddy: the teacher'),
  note: ZNote.nullish(),
  validFrom: ZIsoDate,
  validTo: ZIsoDate.nullish(),
});
export type TRotaPatternInput = z.input<typeof ZRotaPatternInput>;
export const ZRotaPatternUpdate = ZRotaPatternInput.omit({ staffId: true, siteId: true }).extend({ version: z.number().int().min(1) });

export const ZRotaPattern = z.object({
  id: ZId, siteId: ZId, siteName: z.string(), staff: ZPerson, weekday: z.number().int(), periodCode: z.string(), periodLabel: z.string(),
  mode: ZRotaMode, pupil: ZPerson.nullable(), teacher: ZPerson.nullable(), note: z.string().nullable(),
  validFrom: ZIsoDate, validTo: ZIsoDate.nullable(), version: z.number().int(), allowed: ZAllowed,
});
export type TRotaPattern = z.infer<typeof ZRotaPattern>;
export const ZRotaPatternQuery = z.object({ siteId: ZId.optional(), staffId: ZId.optional() });
export const ZRotaPatternList = z.object({ items: z.array(ZRotaPattern), periods: z.array(z.object({ code: z.string(), label: z.string() })).describe("The site's periods (the trust's without a site)"), allowed: ZAllowed });

export const ZRotaExceptionInput = z.object({
  staffId: ZId,
  date: ZIsoDate,
  periodCode: ZPeriodCode.nullish().describe('Null: the whole day'),
  kind: ZRotaExceptionKind,
  siteId: ZId.nullish().describe('cover: where they go (absence and training: their own site)'),
  mode: ZRotaMode.nullish(),
  pupilId: ZId.nullish(),
  teacherStaffId: ZId.nullish(),
  note: ZNote.nullish(),
});
export type TRotaExceptionInput = z.input<typeof ZRotaExceptionInput>;

export const ZRotaException = z.object({
  id: ZId, siteId: ZId, siteName: z.string(), staff: ZPerson, date: ZIsoDate, periodCode: z.string().nullable(), periodLabel: z.string().nullable(),
  kind: ZRotaExceptionKind, mode: ZRotaMode.nullable(), pupil: ZPerson.nullable(), teacher: ZPerson.nullable(), note: z.string().nullable(),
  coversExceptionId: ZId.nullable(), covers: ZPerson.nullable(),
  /** absence and training: the pattern slots emptied and who covers each. */
  slots: z.array(z.object({
    patternId: ZId, siteId: ZId, siteName: z.string(), periodCode: z.string(), periodLabel: z.string(), mode: ZRotaMode,
    pupil: ZPerson.nullable(), coveredBy: ZPerson.nullable(),
  })),
  version: z.number().int(), allowed: ZAllowed,
});
export type TRotaException = z.infer<typeof ZRotaException>;
export const ZRotaExceptionQuery = z.object({ siteId: ZId.optional(), from: ZIsoDate.optional(), to: ZIsoDate.optional() });
export const ZRotaExceptionList = z.object({ items: z.array(ZRotaException), allowed: ZAllowed });

export const ZRotaSuggestionQuery = z.object({ patternId: ZId });
export const ZRotaSuggestions = z.object({
  exceptionId: ZId, patternId: ZId, date: ZIsoDate, siteId: ZId, periodCode: z.string(), periodLabel: z.string(),
  pupil: ZPerson.nullable(), holds: z.array(z.object({ code: z.string(), label: z.string() })),
  items: z.array(z.object({ staff: ZPerson, fromSiteId: ZId, fromSiteName: z.string(), travelMinutes: z.number().int() })),
});
export type TRotaSuggestions = z.infer<typeof ZRotaSuggestions>;
export const ZRotaCoverInput = z.object({ patternId: ZId, staffId: ZId, note: ZNote.nullish() });

export const ZRotaWeekQuery = z.object({
  weekOf: ZIsoDate.optional().describe('Any date of the week (default: this week)'),
  siteIds: ZSiteIdList.optional().describe('Comma-separated site ids (default: every site you manage or read)'),
  format: z.enum(['json', 'pdf']).default('json'),
});

export const ZRotaCell = z.object({
  staffId: ZId, siteId: ZId, date: ZIsoDate, periodCode: z.string(), mode: ZRotaMode, pupil: ZPerson.nullable(), teacher: ZPerson.nullable(),
  coversStaff: ZPerson.nullable(), source: z.enum(['pattern', 'cover']), flagged: z.boolean(),
});
export const ZRotaGap = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('untrained_adult'), pupil: ZPerson, date: ZIsoDate, periodCode: z.string(), staff: ZPerson, missing: z.array(z.string()) }),
  z.object({ kind: z.literal('no_trained_adult'), pupil: ZPerson, date: ZIsoDate }),
  z.object({ kind: z.literal('ehcp_hours'), pupil: ZPerson, requiredMinutes: z.number().int(), coveredMinutes: z.number().int() }),
  z.object({ kind: z.literal('uncovered_absence'), staff: ZPerson, date: ZIsoDate, periodCode: z.string(), siteId: ZId, exceptionId: ZId, patternId: ZId, pupil: ZPerson.nullable() }),
]);
export type TRotaGap = z.infer<typeof ZRotaGap>;

export const ZRotaWeek = z.object({
  weekStart: ZIsoDate,
  dates: z.array(z.object({ date: ZIsoDate, weekday: z.number().int(), openSiteIds: z.array(ZId) })),
  sites: z.array(z.object({ id: ZId, name: z.string() })),
  periods: z.array(z.object({ code: z.string(), label: z.string(), start: z.string().nullable(), end: z.string().nullable() })),
  staff: z.array(z.object({ id: ZId, displayName: z.string(), siteId: ZId })),
  cells: z.array(ZRotaCell),
  away: z.array(z.object({ staffId: ZId, date: ZIsoDate, periodCode: z.string().nullable(), kind: ZRotaExceptionKind, exceptionId: ZId })),
  gaps: z.array(ZRotaGap),
  doubleBookings: z.array(z.object({ staff: ZPerson, date: ZIsoDate, periodCode: z.string(), siteIds: z.array(ZId) })),
  travel: z.array(z.object({ staff: ZPerson, date: ZIsoDate, fromSiteId: ZId, fromPeriod: z.string(), toSiteId: ZId, toPeriod: z.string(), gapMinutes: z.number().int(), travelMinutes: z.number().int() })),
  /** Where incidents cluster: the weekday × period heatmap of the analytics (this academic year so far), null without analytics.read. */
  heatmap: z.object({ from: ZIsoDate, to: ZIsoDate, cells: z.array(z.object({ weekday: z.number().int(), period: z.string(), incidents: z.number().int().nullable() })) }).nullable(),
  allowed: ZAllowed,
});
export type TRotaWeek = z.infer<typeof ZRotaWeek>;

export const ZRotaToday = z.object({
  date: ZIsoDate,
  staff: z.array(ZPerson),
  slots: z.array(z.object({
    periodCode: z.string(), periodLabel: z.string(), start: z.string().nullable(), end: z.string().nullable(), siteId: ZId, siteName: z.string(),
    mode: ZRotaMode, pupil: ZPerson.nullable(), teacher: ZPerson.nullable(), coversStaff: ZPerson.nullable(),
  })),
  away: z.array(z.object({ periodCode: z.string().nullable(), kind: ZRotaExceptionKind })),
});
export type TRotaToday = z.infer<typeof ZRotaToday>;

export const ZTravelTimeInput = z.object({ siteA: ZId, siteB: ZId, minutes: z.number().int().min(0).max(480) });
export const ZTravelTimes = z.object({
  defaultMinutes: z.number().int(),
  items: z.array(z.object({ siteA: ZId, siteB: ZId, minutes: z.number().int() })),
});

export const ZSupportHoursInput = z.object({
  hours: z.number().min(0).max(40).multipleOf(0.25).nullable().describe('EHCP support hours a week (null: none)'),
  version: z.number().int().min(1),
});
export const ZSupportNeed = z.object({
  pupil: ZPerson, siteId: ZId, hours: z.number().nullable(), holds: z.array(z.string()), version: z.number().int(),
});
export const ZSupportNeedList = z.object({ items: z.array(ZSupportNeed) });
export const ZSupportNeedQuery = z.object({ siteId: ZId });
export type TSupportNeed = z.infer<typeof ZSupportNeed>;
export type TSupportNeedList = z.infer<typeof ZSupportNeedList>;
export type TTravelTimes = z.infer<typeof ZTravelTimes>;


