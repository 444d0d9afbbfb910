/** School calendar queries: the trust's academic years, half-terms and closure days (trust-wide and per site). */
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { academicYears, closureDays, sites, terms } from '../../db/schema/platform.ts';
import type { ClosureRow, TermRow, YearRow } from './calendar.rules.ts';

export async function years(db: Executor, trustId: string): Promise<YearRow[]> {
  return db.select({ id: academicYears.id, label: academicYears.label, startDate: academicYears.startDate, endDate: academicYears.endDate })
    .from(academicYears).where(eq(academicYears.trustId, trustId)).orderBy(asc(academicYears.startDate));
}

export async function allTerms(db: Executor, trustId: string): Promise<TermRow[]> {
  return db.select({
    id: terms.id, academicYearId: terms.academicYearId, siteId: terms.siteId, term: terms.term, halfTerm: terms.halfTerm,
    name: terms.name, startDate: terms.startDate, endDate: terms.endDate,
  }).from(terms).where(eq(terms.trustId, trustId)).orderBy(asc(terms.startDate));
}

export async function allClosures(db: Executor, trustId: string): Promise<ClosureRow[]> {
  return db.select({
    id: closureDays.id, academicYearId: closureDays.academicYearId, siteId: closureDays.siteId, date: closureDays.date, reason: closureDays.reason, kind: closureDays.kind,
  }).from(closureDays).where(eq(closureDays.trustId, trustId)).orderBy(asc(closureDays.date));
}

export async function trustSites(db: Executor, trustId: string) {
  return db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.trustId, trustId)).orderBy(asc(sites.name));
}

export async function insertYear(tx: Executor, row: typeof academicYears.$inferInsert): Promise<void> { await tx.insert(academicYears).values(row); }
export async function updateYear(tx: Executor, trustId: string, id: string, set: Partial<typeof academicYears.$inferInsert>): Promise<void> {
  await tx.update(academicYears).set({ ...set, updatedAt: new Date() }).where(and(eq(academicYears.trustId, trustId), eq(academicYears.id, id)));
}
export async function insertTerm(tx: Executor, row: typeof terms.$inferInsert): Promise<void> { await tx.insert(terms).values(row); }
export async function updateTerm(tx: Executor, trustId: string, id: string, set: Partial<typeof terms.$inferInsert>): Promise<void> {
  await tx.update(terms).set({ ...set, updatedAt: new Date() }).where(and(eq(terms.trustId, trustId), eq(terms.id, id)));
}
export async function deleteTerm(tx: Executor, trustId: string, id: string): Promise<void> {
  await tx.delete(terms).where(and(eq(terms.trustId, trustId), eq(terms.id, id)));
}
export async function insertClosure(tx: Executor, row: typeof closureDays.$inferInsert): Promise<void> { await tx.insert(closureDays).values(row); }
export async function deleteClosure(tx: Executor, trustId: string, id: string): Promise<void> {
  await tx.delete(closureDays).where(and(eq(closureDays.trustId, trustId), eq(closureDays.id, id)));
}
