/** Rota queries (STF-3): patterns, exceptions, periods, travel times and support needs; lists take the caller's site ids. */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { policyOptions } from '../../db/schema/policy.ts';
import { sites } from '../../db/schema/platform.ts';
import { pupils, staffMembers } from '../../db/schema/pupils.ts';
import { rotaExceptions, rotaPatterns, siteTravelTimes } from '../../db/schema/rota.ts';
import { uuidArray } from '../analytics/analytics.source.ts';
import type { Period } from './rota.rules.ts';

export type PatternRow = typeof rotaPatterns.$inferSelect;
export type ExceptionDbRow = typeof rotaExceptions.$inferSelect;

export async function trustSites(db: Executor, trustId: string) {
  return db.select({ id: sites.id, name: sites.name }).from(sites).where(and(eq(sites.trustId, trustId), eq(sites.active, true))).orderBy(asc(sites.name));
}

/**
 * The periods of each site: the trust's list (kind 'period', active) with a site's own entries replacing those of the
 * same code. Keyed by site id; '' holds the trust-wide list.
 */
export async function periodsBySite(db: Executor, trustId: string): Promise<Map<string, Map<string, Period>>> {
  const rows = await db.select({ siteId: policyOptions.siteId, code: policyOptions.code, label: policyOptions.label, details: policyOptions.details, sortOrder: policyOptions.sortOrder })
    .from(policyOptions).where(and(eq(policyOptions.trustId, trustId), eq(policyOptions.kind, 'period'), eq(policyOptions.active, true)))
    .orderBy(asc(policyOptions.sortOrder), asc(policyOptions.code));
  const toPeriod = (r: (typeof rows)[number]): Period => {
    const d = (r.details ?? {}) as { start?: unknown; end?: unknown };
    return { code: r.code, label: r.label, start: typeof d.start === 'string' ? d.start : '', end: typeof d.end === 'string' ? d.end : '' };
  };
  const trust = new Map(rows.filter((r) => r.siteId === null).map((r) => [r.code, toPeriod(r)]));
  const out = new Map<string, Map<string, Period>>([['', trust]]);
  for (const r of rows) {
    if (!r.siteId) continue;
    const m = out.get(r.siteId) ?? new Map(trust);
    m.set(r.code, toPeriod(r));
    out.set(r.siteId, m);
  }
  return out;
}

/** Patterns at these sites, or of these members of staff (wherever they are), in force at some point of [from, to]. */
export async function patternsFor(db: Executor, trustId: string, f: { siteIds?: readonly string[]; staffIds?: readonly string[]; from: string; to: string }) {
  const who = [f.siteIds?.length ? inArray(rotaPatterns.siteId, [...f.siteIds]) : undefined, f.staffIds?.length ? inArray(rotaPatterns.staffId, [...f.staffIds]) : undefined].filter(Boolean);
  if (!who.length) return [];
  return db.select().from(rotaPatterns).where(and(eq(rotaPatterns.trustId, trustId), or(...who), lte(rotaPatterns.validFrom, f.to),
    or(isNull(rotaPatterns.validTo), gte(rotaPatterns.validTo, f.from)))).orderBy(asc(rotaPatterns.weekday), asc(rotaPatterns.periodCode), asc(rotaPatterns.id));
}

/** The columns of a pattern the rota's rules read (not its note, version or bookkeeping times). */
const slotColumns = {
  id: rotaPatterns.id, staffId: rotaPatterns.staffId, siteId: rotaPatterns.siteId, weekday: rotaPatterns.weekday, periodCode: rotaPatterns.periodCode,
  mode: rotaPatterns.mode, pupilId: rotaPatterns.pupilId, teacherStaffId: rotaPatterns.teacherStaffId, validFrom: rotaPatterns.validFrom, validTo: rotaPatterns.validTo,
};
export type SlotRow = Pick<PatternRow, keyof typeof slotColumns>;
export interface AroundFilter { siteIds: readonly string[]; staffIds: readonly string[]; from: string; to: string }

/** Everyone with a pattern at these sites in force at some point of [from, to], and `staffIds` (a subquery of staff ids). */
function peopleAround(trustId: string, f: AroundFilter): SQL {
  return sql`(select q.staff_id from ${rotaPatterns} q where q.trust_id = ${trustId} and q.site_id = any(${uuidArray(f.siteIds)})
    and q.valid_from <= ${f.to}::date and (q.valid_to is null or q.valid_to >= ${f.from}::date)
    union all select unnest(${uuidArray(f.staffIds)}))`;
}

/**
 * A week's patterns in one statement: those at these sites, then every other pattern of the people with one there
 * (and of `staffIds`), wherever it is; in force at some point of [from, to]. The same rows, in the same order, as
 * patternsFor at the sites followed by patternsFor of those people (each part by weekday, period and id).
 */
export async function patternsAround(db: Executor, trustId: string, f: AroundFilter): Promise<SlotRow[]> {
  const here = sql`${rotaPatterns.siteId} = any(${uuidArray(f.siteIds)})`;
  return db.select(slotColumns).from(rotaPatterns).where(and(eq(rotaPatterns.trustId, trustId), lte(rotaPatterns.validFrom, f.to),
    or(isNull(rotaPatterns.validTo), gte(rotaPatterns.validTo, f.from)), or(here, sql`${rotaPatterns.staffId} in ${peopleAround(trustId, f)}`)))
    .orderBy(sql`${here} desc`, asc(rotaPatterns.weekday), asc(rotaPatterns.periodCode), asc(rotaPatterns.id));
}

/** Exceptions in [from, to] at these sites or of the people patternsAround reads (exceptionsFor of both, in one statement). */
export async function exceptionsAround(db: Executor, trustId: string, f: AroundFilter): Promise<ExceptionDbRow[]> {
  return db.select().from(rotaExceptions).where(and(eq(rotaExceptions.trustId, trustId), gte(rotaExceptions.date, f.from), lte(rotaExceptions.date, f.to),
    or(sql`${rotaExceptions.siteId} = any(${uuidArray(f.siteIds)})`, sql`${rotaExceptions.staffId} in ${peopleAround(trustId, f)}`)))
    .orderBy(asc(rotaExceptions.date), asc(rotaExceptions.id));
}

/** Exceptions at these sites or of these members of staff in [from, to]. */
export async function exceptionsFor(db: Executor, trustId: string, f: { siteIds?: readonly string[]; staffIds?: readonly string[]; from: string; to: string }) {
  const who = [f.siteIds?.length ? inArray(rotaExceptions.siteId, [...f.siteIds]) : undefined, f.staffIds?.length ? inArray(rotaExceptions.staffId, [...f.staffIds]) : undefined].filter(Boolean);
  if (!who.length) return [];
  return db.select().from(rotaExceptions).where(and(eq(rotaExceptions.trustId, trustId), or(...who), gte(rotaExceptions.date, f.from), lte(rotaExceptions.date, f.to)))
    .orderBy(asc(rotaExceptions.date), asc(rotaExceptions.id));
}

export async function findPattern(db: Executor, trustId: string, id: string): Promise<PatternRow | undefined> {
  return (await db.select().from(rotaPatterns).where(and(eq(rotaPatterns.trustId, trustId), eq(rotaPatterns.id, id))))[0];
}
export async function findException(db: Executor, trustId: string, id: string): Promise<ExceptionDbRow | undefined> {
  return (await db.select().from(rotaExceptions).where(and(eq(rotaExceptions.trustId, trustId), eq(rotaExceptions.id, id))))[0];
}
export async function coversOf(db: Executor, exceptionIds: readonly string[]): Promise<ExceptionDbRow[]> {
  if (!exceptionIds.length) return [];
  return db.select().from(rotaExceptions).where(inArray(rotaExceptions.coversExceptionId, [...exceptionIds]));
}
export async function insertPattern(tx: Executor, row: typeof rotaPatterns.$inferInsert) { await tx.insert(rotaPatterns).values(row); }
export async function updatePattern(tx: Executor, id: string, version: number, set: Partial<typeof rotaPatterns.$inferInsert>): Promise<boolean> {
  return (await tx.update(rotaPatterns).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(rotaPatterns.id, id), eq(rotaPatterns.version, version))).returning({ id: rotaPatterns.id })).length === 1;
}
export async function deletePattern(tx: Executor, id: string) { await tx.delete(rotaPatterns).where(eq(rotaPatterns.id, id)); }
/** A pattern that covers have been recorded against is ended (valid_to) rather than deleted, so the cover keeps its slot. */
export async function patternHasCovers(db: Executor, id: string): Promise<boolean> {
  return (await db.select({ id: rotaExceptions.id }).from(rotaExceptions).where(eq(rotaExceptions.coversPatternId, id)).limit(1)).length > 0;
}
export async function insertException(tx: Executor, row: typeof rotaExceptions.$inferInsert) { await tx.insert(rotaExceptions).values(row); }
export async function deleteExceptions(tx: Executor, ids: readonly string[]) { if (ids.length) await tx.delete(rotaExceptions).where(inArray(rotaExceptions.id, [...ids])); }

export type StaffRow = { id: string; siteId: string; forename: string; surname: string; userId: string | null; active: boolean; trustId: string };
export async function staffByIds(db: Executor, ids: readonly string[]): Promise<StaffRow[]> {
  if (!ids.length) return [];
  return db.select({ id: staffMembers.id, siteId: staffMembers.siteId, forename: staffMembers.forename, surname: staffMembers.surname, userId: staffMembers.userId, active: staffMembers.active, trustId: staffMembers.trustId })
    .from(staffMembers).where(inArray(staffMembers.id, [...ids]));
}
export async function staffOfUser(db: Executor, trustId: string, userId: string): Promise<StaffRow[]> {
  return db.select({ id: staffMembers.id, siteId: staffMembers.siteId, forename: staffMembers.forename, surname: staffMembers.surname, userId: staffMembers.userId, active: staffMembers.active, trustId: staffMembers.trustId })
    .from(staffMembers).where(and(eq(staffMembers.trustId, trustId), eq(staffMembers.userId, userId), eq(staffMembers.active, true)));
}

/** The support team of these sites: members of staff (active) with a pattern in force at some point of [from, to], wherever it is. */
export async function supportTeam(db: Executor, trustId: string, homeSiteIds: readonly string[], from: string, to: string): Promise<StaffRow[]> {
  if (!homeSiteIds.length) return [];
  return db.selectDistinct({ id: staffMembers.id, siteId: staffMembers.siteId, forename: staffMembers.forename, surname: staffMembers.surname, userId: staffMembers.userId, active: staffMembers.active, trustId: staffMembers.trustId })
    .from(staffMembers).innerJoin(rotaPatterns, eq(rotaPatterns.staffId, staffMembers.id))
    .where(and(eq(staffMembers.trustId, trustId), eq(staffMembers.active, true), inArray(staffMembers.siteId, [...homeSiteIds]), lte(rotaPatterns.validFrom, to),
      or(isNull(rotaPatterns.validTo), gte(rotaPatterns.validTo, from))));
}

export type PupilRow = { id: string; siteId: string; trustId: string; legalForename: string; legalSurname: string; preferredForename: string | null; preferredSurname: string | null; ehcpSupportMinutes: number | null; version: number; enrolmentEnd: string | null };
const pupilCols = {
  id: pupils.id, siteId: pupils.siteId, trustId: pupils.trustId, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
  preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname, ehcpSupportMinutes: pupils.ehcpSupportMinutes, version: pupils.version, enrolmentEnd: pupils.enrolmentEnd,
};
export async function pupilsByIds(db: Executor, ids: readonly string[]): Promise<PupilRow[]> {
  if (!ids.length) return [];
  return db.select(pupilCols).from(pupils).where(inArray(pupils.id, [...ids]));
}
/** Pupils on roll at these sites on `date` with EHCP support hours set. */
export async function pupilsWithSupportHours(db: Executor, siteIds: readonly string[], date: string): Promise<PupilRow[]> {
  if (!siteIds.length) return [];
  return db.select(pupilCols).from(pupils).where(and(inArray(pupils.siteId, [...siteIds]), lte(pupils.enrolmentStart, date),
    or(isNull(pupils.enrolmentEnd), gte(pupils.enrolmentEnd, date)), gte(pupils.ehcpSupportMinutes, 1)));
}
/** Pupils on roll at a site with an EHCP (sen_status 'ehcp') or hours set, for the support-hours page. */
export async function pupilsForSupport(db: Executor, siteId: string, date: string): Promise<PupilRow[]> {
  return db.select(pupilCols).from(pupils).where(and(eq(pupils.siteId, siteId), lte(pupils.enrolmentStart, date), or(isNull(pupils.enrolmentEnd), gte(pupils.enrolmentEnd, date)),
    or(eq(pupils.senStatus, 'ehcp'), gte(pupils.ehcpSupportMinutes, 0)))).orderBy(asc(pupils.legalSurname), asc(pupils.legalForename));
}
export async function setSupportMinutes(tx: Executor, id: string, version: number, minutes: number | null): Promise<boolean> {
  return (await tx.update(pupils).set({ ehcpSupportMinutes: minutes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(pupils.id, id), eq(pupils.version, version))).returning({ id: pupils.id })).length === 1;
}

export async function travelTimes(db: Executor, trustId: string) {
  return db.select({ siteA: siteTravelTimes.siteA, siteB: siteTravelTimes.siteB, minutes: siteTravelTimes.minutes }).from(siteTravelTimes).where(eq(siteTravelTimes.trustId, trustId));
}
export async function upsertTravelTime(tx: Executor, row: { id: string; trustId: string; siteA: string; siteB: string; minutes: number }) {
  await tx.insert(siteTravelTimes).values(row).onConflictDoUpdate({ target: [siteTravelTimes.siteA, siteTravelTimes.siteB], set: { minutes: row.minutes, updatedAt: new Date() } });
}


/** Technique code → label (the trust's list and sites' own entries), to name a plan's holds. */
export async function techniqueLabels(db: Executor, trustId: string): Promise<Map<string, string>> {
  const rows = await db.select({ code: policyOptions.code, label: policyOptions.label }).from(policyOptions)
    .where(and(eq(policyOptions.trustId, trustId), eq(policyOptions.kind, 'technique')));
  return new Map(rows.map((r) => [r.code, r.label]));
}
