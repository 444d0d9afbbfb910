/**
 * A site's SchoolCalendar from the database (academic_years, terms, closure_days): the site's own terms for a year
 * when it has any, else the trust's; closures of the whole trust and of the site. Every school-day count here uses it.
 */
import { and, asc, eq, isNull, lte, gte, or } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import type { SchoolCalendar, TermName } from '../../core/calendar/calendar.ts';
import { academicYears, closureDays, terms } from '../../db/schema/platform.ts';

export async function loadSiteCalendar(db: Executor, trustId: string, siteId: string): Promise<SchoolCalendar> {
  const rows = await db.select().from(terms)
    .where(and(eq(terms.trustId, trustId), or(isNull(terms.siteId), eq(terms.siteId, siteId)))).orderBy(asc(terms.startDate));
  const siteYears = new Set(rows.filter((t) => t.siteId === siteId).map((t) => t.academicYearId));
  const chosen = rows.filter((t) => (siteYears.has(t.academicYearId) ? t.siteId === siteId : t.siteId === null));
  const closures = await db.select({ date: closureDays.date, reason: closureDays.reason }).from(closureDays)
    .where(and(eq(closureDays.trustId, trustId), or(isNull(closureDays.siteId), eq(closureDays.siteId, siteId))));
  return {
    terms: chosen.map((t) => ({ name: t.name, term: t.term as TermName, halfTerm: t.halfTerm === 2 ? 2 : 1, startDate: t.startDate, endDate: t.endDate })),
    closures,
  };
}

/** The trust's academic year containing `date`, or null. */
export async function academicYearAt(db: Executor, trustId: string, date: string): Promise<{ startDate: string; endDate: string; label: string } | null> {
  const rows = await db.select({ startDate: academicYears.startDate, endDate: academicYears.endDate, label: academicYears.label }).from(academicYears)
    .where(and(eq(academicYears.trustId, trustId), lte(academicYears.startDate, date), gte(academicYears.endDate, date)));
  return rows[0] ?? null;
}
