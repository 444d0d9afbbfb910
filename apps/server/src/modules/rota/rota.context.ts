/**
 * Loads what the rota rules need for a set of sites and dates: open days from the school calendar, the patterns and
 * exceptions of the sites and of everyone deployed there (wherever else they work that week), periods, travel times,
 * pupils' needs (EHCP hours, holds their plan approves) and who is trained for what on each date.
 */
import type { Executor } from '../../core/db/client.ts';
import { addDays, isSchoolDay, weekdayOf, type SchoolCalendar } from '../../core/calendar/calendar.ts';
import { siteCalendar, type ClosureRow, type TermRow } from '../calendar/calendar.rules.ts';
import * as calendarRepo from '../calendar/calendar.repo.ts';
import * as repo from './rota.repo.ts';
import { holdsNeeded, trainedOn } from './rota.sources.ts';
import { deploymentsFor, travelTimeOf, type ExceptionRow, type PatternSlot, type Period, type PupilNeed, type RotaDay, type RotaMode, type ExceptionKind } from './rota.rules.ts';

/** Minutes between two sites when no figure is configured for the pair (docs/rota.md). */
export const DEFAULT_TRAVEL_MINUTES = 20;

export const mondayOf = (date: string): string => addDays(date, 1 - weekdayOf(date));

export function toSlot(p: repo.SlotRow): PatternSlot {
  return { id: p.id, staffId: p.staffId, siteId: p.siteId, weekday: p.weekday, periodCode: p.periodCode, mode: p.mode as RotaMode,
    pupilId: p.pupilId, teacherStaffId: p.teacherStaffId, validFrom: p.validFrom, validTo: p.validTo };
}
export function toException(e: repo.ExceptionDbRow): ExceptionRow {
  return { id: e.id, staffId: e.staffId, siteId: e.siteId, date: e.date, periodCode: e.periodCode, kind: e.kind as ExceptionKind, mode: e.mode as RotaMode | null,
    pupilId: e.pupilId, teacherStaffId: e.teacherStaffId, coversExceptionId: e.coversExceptionId, coversPatternId: e.coversPatternId };
}

function openOn(cal: SchoolCalendar, date: string): boolean {
  try { return isSchoolDay(cal, date); } catch { return false; }
}

/** The school days of [from, to] per site, from the trust's terms and closures (sites outside every term: closed). */
export async function rotaDays(db: Executor, trustId: string, siteIds: readonly string[], from: string, to: string): Promise<RotaDay[]> {
  const [terms, closures] = await Promise.all([calendarRepo.allTerms(db, trustId), calendarRepo.allClosures(db, trustId)]);
  return daysOf(terms, closures, siteIds, from, to);
}

function daysOf(terms: readonly TermRow[], closures: readonly ClosureRow[], siteIds: readonly string[], from: string, to: string): RotaDay[] {
  const cals = siteIds.map((id) => [id, siteCalendar(id, terms, closures)] as const);
  const days: RotaDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    days.push({ date: d, weekday: weekdayOf(d), openSiteIds: new Set(cals.filter(([, c]) => openOn(c, d)).map(([id]) => id)) });
  }
  return days;
}

export type RotaContext = Awaited<ReturnType<typeof loadContext>>;

/**
 * Everything for [from, to] at `siteIds`, including the other sites the same people work at that week (so a double
 * booking or a journey across the cluster's boundary is still seen) and the support team whose home is one of
 * `candidateSiteIds` (who may be suggested as cover).
 */
export async function loadContext(db: Executor, trustId: string, siteIds: readonly string[], from: string, to: string, candidateSiteIds: readonly string[] = []) {
  // what does not depend on anything else, side by side: a week for nine sites is a few round trips, not twenty
  const team = candidateSiteIds.length ? await repo.supportTeam(db, trustId, candidateSiteIds, from, to) : [];
  const around = { siteIds, staffIds: team.map((s) => s.id), from, to };
  const [patternRows, exceptionRows, terms, closures, periods, travelRows, withHours] = await Promise.all([
    repo.patternsAround(db, trustId, around), repo.exceptionsAround(db, trustId, around),
    calendarRepo.allTerms(db, trustId), calendarRepo.allClosures(db, trustId), repo.periodsBySite(db, trustId), repo.travelTimes(db, trustId),
    repo.pupilsWithSupportHours(db, siteIds, from),
  ]);
  const inScope = new Set(siteIds);
  const staffIds = [...new Set([...patternRows.filter((p) => inScope.has(p.siteId)).map((p) => p.staffId), ...around.staffIds])];
  const allSiteIds = [...new Set([...siteIds, ...patternRows.map((p) => p.siteId), ...exceptionRows.map((e) => e.siteId), ...team.map((s) => s.siteId)])];
  const days = daysOf(terms, closures, allSiteIds, from, to);
  const travel = travelTimeOf(travelRows, DEFAULT_TRAVEL_MINUTES);
  const patterns = patternRows.map(toSlot);
  const exceptions = exceptionRows.map(toException);
  const { deployments, displaced } = deploymentsFor(days, patterns, exceptions);

  // pupils: EHCP hours at the sites, anyone supported one-to-one, anyone whose plan needs a trained adult
  const staffIdsAll = [...new Set([...staffIds, ...deployments.map((d) => d.staffId), ...patterns.map((p) => p.teacherStaffId).filter((x): x is string => !!x),
    ...exceptions.map((e) => e.staffId), ...exceptions.map((e) => e.teacherStaffId).filter((x): x is string => !!x)])];
  const [holds, staffRows, trainedFor] = await Promise.all([
    holdsNeeded(db, trustId, siteIds, [...new Set([...patterns.map((p) => p.pupilId), ...displaced.map((d) => d.pupilId)].filter((x): x is string => !!x))]),
    repo.staffByIds(db, staffIdsAll),
    trainedOn(db, [...new Set([...staffIds, ...deployments.map((d) => d.staffId)])], days.map((d) => d.date)),
  ]);
  const pupilIds = [...new Set([...withHours.map((p) => p.id), ...holds.keys(), ...patterns.map((p) => p.pupilId).filter((x): x is string => !!x)])];
  const pupils = new Map((await repo.pupilsByIds(db, pupilIds)).map((p) => [p.id, p]));
  const needs: PupilNeed[] = [...pupils.values()].filter((p) => inScope.has(p.siteId))
    .map((p) => ({ pupilId: p.id, siteId: p.siteId, holds: holds.get(p.id) ?? [], ehcpMinutes: p.ehcpSupportMinutes }))
    .filter((n) => n.holds.length || (n.ehcpMinutes ?? 0) > 0);
  const staff = new Map(staffRows.map((s) => [s.id, s]));
  const periodsOf = (siteId: string): ReadonlyMap<string, Period> => periods.get(siteId) ?? periods.get('') ?? new Map();
  return { days, patterns, exceptions, deployments, displaced, needs, holds, pupils, staff, team, trainedFor, periodsOf, periods, travel, siteIds };
}

export const personName = (s: { forename: string; surname: string } | undefined): string => (s ? `${s.forename} ${s.surname}`.trim() : 'Unknown');
