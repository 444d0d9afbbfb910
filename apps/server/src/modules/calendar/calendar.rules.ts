/**
 * School calendar validation (pure): an academic year is a date range that overlaps no other of the trust; a
 * half-term lies inside its academic year and overlaps no other half-term of the same scope (the trust's, or one
 * site's own dates); a closure day lies inside an academic year and is not recorded twice for one scope. Also
 * how a site's calendar is assembled from the trust's entries and its own.
 */
import type { CalendarClosure, CalendarTerm, SchoolCalendar, TermName } from '../../core/calendar/calendar.ts';
import { daysBetween, formatUkDate } from '../../core/calendar/calendar.ts';

export interface Problem { field: string; message: string }

export interface YearRow { id: string; label: string; startDate: string; endDate: string }
export interface TermRow { id: string; academicYearId: string; siteId: string | null; term: string; halfTerm: number; name: string; startDate: string; endDate: string }
export interface ClosureRow { id: string; academicYearId: string; siteId: string | null; date: string; reason: string; kind: string }

const overlaps = (a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }) => a.startDate <= b.endDate && b.startDate <= a.endDate;

export function yearProblem(year: Omit<YearRow, 'id'> & { id?: string }, others: readonly YearRow[]): Problem | null {
  if (year.endDate <= year.startDate) return { field: 'endDate', message: 'The year must end after it starts' };
  if (daysBetween(year.startDate, year.endDate) > 366) return { field: 'endDate', message: 'An academic year lasts at most a year' };
  for (const o of others) {
    if (o.id === year.id) continue;
    if (o.label === year.label) return { field: 'label', message: `There is already an academic year ${o.label}` };
    if (overlaps(year, o)) return { field: 'startDate', message: `This overlaps the academic year ${o.label}` };
  }
  return null;
}

/** The problem with a half-term among the others of its academic year (any scope), or null. */
export function termProblem(term: Omit<TermRow, 'id'> & { id?: string }, year: YearRow, others: readonly TermRow[]): Problem | null {
  if (term.endDate < term.startDate) return { field: 'endDate', message: 'The half-term must end on or after the day it starts' };
  if (term.startDate < year.startDate || term.startDate > year.endDate) return { field: 'startDate', message: `Must be inside the academic year ${year.label} (${formatUkDate(year.startDate)} to ${formatUkDate(year.endDate)})` };
  if (term.endDate > year.endDate) return { field: 'endDate', message: `Must be inside the academic year ${year.label} (ends ${formatUkDate(year.endDate)})` };
  for (const o of others) {
    if (o.id === term.id || o.academicYearId !== term.academicYearId || o.siteId !== term.siteId) continue;
    if (o.term === term.term && o.halfTerm === term.halfTerm) return { field: 'halfTerm', message: `${o.name} is already this half-term` };
    if (overlaps(term, o)) return { field: 'startDate', message: `This overlaps ${o.name} (${formatUkDate(o.startDate)} to ${formatUkDate(o.endDate)})` };
  }
  return null;
}

export function yearContaining(years: readonly YearRow[], date: string): YearRow | null {
  return years.find((y) => y.startDate <= date && date <= y.endDate) ?? null;
}

export function closureProblem(c: { date: string; siteId: string | null }, years: readonly YearRow[], others: readonly ClosureRow[]): Problem | null {
  if (!yearContaining(years, c.date)) return { field: 'date', message: 'No academic year contains this date: add the year first' };
  if (others.some((o) => o.date === c.date && o.siteId === c.siteId)) return { field: 'date', message: `${formatUkDate(c.date)} is already a closure day here` };
  return null;
}

/**
 * A site's calendar: for each academic year the site's own half-terms when it has any, else the trust's; closures
 * are the trust-wide ones and the site's own.
 */
export function siteCalendar(siteId: string, terms: readonly TermRow[], closures: readonly ClosureRow[]): SchoolCalendar {
  const calTerms: CalendarTerm[] = termsInForce(siteId, terms).map((t) => ({
    name: t.name, term: t.term as TermName, halfTerm: (t.halfTerm === 2 ? 2 : 1), startDate: t.startDate, endDate: t.endDate,
  }));
  const calClosures: CalendarClosure[] = closures.filter((c) => c.siteId === null || c.siteId === siteId).map((c) => ({ date: c.date, reason: c.reason }));
  return { terms: calTerms, closures: calClosures };
}

/** Whether a half-term is in force at the site (the site has its own dates for that year, or it is the trust's). */
export function termsInForce(siteId: string, terms: readonly TermRow[]): TermRow[] {
  const ownYears = new Set(terms.filter((t) => t.siteId === siteId).map((t) => t.academicYearId));
  return terms.filter((t) => (ownYears.has(t.academicYearId) ? t.siteId === siteId : t.siteId === null));
}
