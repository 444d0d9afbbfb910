/**
 * Trend-alert queries: the settings rows, the counts of each window (from the one source definition of what every
 * figure counts, analytics.source.ts), the site's enrolments, and the alerts themselves. Every read takes site ids
 * the service has already limited to the caller's scope.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { TREND_ALERT_MEASURES, type TAlertSettingsValues, type TTrendAlertMeasure } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { analyticsAlertSettings, analyticsAlerts } from '../../db/schema/analytics.ts';
import { sites, trusts } from '../../db/schema/platform.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { users } from '../../db/schema/users.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { sourceSql } from '../analytics/analytics.source.ts';
import { SITE_KEY, type Enrolment, type SubjectCounts, type TrendWindows } from './trend-alerts.rules.ts';

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export type SettingsRecord = typeof analyticsAlertSettings.$inferSelect & { updatedByName: string | null };

export async function settingsRows(db: Executor, trustId: string): Promise<SettingsRecord[]> {
  return db.select({ row: analyticsAlertSettings, updatedByName: users.displayName }).from(analyticsAlertSettings)
    .leftJoin(users, eq(users.id, analyticsAlertSettings.updatedBy))
    .where(eq(analyticsAlertSettings.trustId, trustId)).orderBy(asc(analyticsAlertSettings.id))
    .then((rows) => rows.map((r) => ({ ...r.row, updatedByName: r.updatedByName })));
}

/**
 * Saves to one scope take turns (per trust): the trust-wide row has a null site, which a unique index does not make
 * unique, so two first saves must not both insert.
 */
export async function lockSettings(tx: Executor, trustId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7421340, hashtext(${trustId}))`);
}

const scopeWhere = (trustId: string, siteId: string | null) =>
  and(eq(analyticsAlertSettings.trustId, trustId), siteId === null ? isNull(analyticsAlertSettings.siteId) : eq(analyticsAlertSettings.siteId, siteId));

export async function insertSettings(tx: Executor, trustId: string, siteId: string | null, v: TAlertSettingsValues, by: string): Promise<void> {
  await tx.insert(analyticsAlertSettings).values({ id: uuidv7(), trustId, siteId, ...v, version: 1, updatedBy: by, updatedAt: new Date() });
}

/** Changes a scope's row if it is still at `version`; false when someone saved it meanwhile (or it is gone). */
export async function updateSettings(tx: Executor, trustId: string, siteId: string | null, version: number, v: TAlertSettingsValues, by: string): Promise<boolean> {
  const rows = await tx.update(analyticsAlertSettings).set({ ...v, version: version + 1, updatedBy: by, updatedAt: new Date() })
    .where(and(scopeWhere(trustId, siteId), eq(analyticsAlertSettings.version, version))).returning({ id: analyticsAlertSettings.id });
  return rows.length > 0;
}

export async function deleteSettings(tx: Executor, trustId: string, siteId: string, version: number): Promise<boolean> {
  const rows = await tx.delete(analyticsAlertSettings)
    .where(and(scopeWhere(trustId, siteId), eq(analyticsAlertSettings.version, version))).returning({ id: analyticsAlertSettings.id });
  return rows.length > 0;
}

export async function trustIds(db: Executor): Promise<string[]> {
  return (await db.select({ id: trusts.id }).from(trusts).orderBy(asc(trusts.id))).map((r) => r.id);
}

export async function sitesOfTrust(db: Executor, trustId: string): Promise<{ id: string; name: string }[]> {
  return db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.trustId, trustId)).orderBy(asc(sites.name));
}

const MEASURE_LIST = sql.join(TREND_ALERT_MEASURES.map((m) => sql`${m}`), sql`, `);

/**
 * Records of the site in each window, per measure and pupil, counted by analytics.source.ts (voided records and drafts
 * never count; involvements only as involved or instigator). The site's own rows are the sum over every record,
 * including physical interventions with no pupil recorded.
 */
export async function windowCounts(db: Executor, siteId: string, w: Pick<TrendWindows, 'previousFrom' | 'currentFrom' | 'currentTo'>): Promise<SubjectCounts[]> {
  const rows = rowsOf<{ measure: TTrendAlertMeasure; pupil: string | null; previous: number; current: number }>(await db.execute(sql`
    select s.m as measure, s.pupil,
           (count(*) filter (where s.day < ${w.currentFrom}::date))::int as previous,
           (count(*) filter (where s.day >= ${w.currentFrom}::date))::int as current
      from (${sourceSql({ kind: 'range', siteIds: [siteId], from: w.previousFrom, to: w.currentTo })}) s
     where s.m in (${MEASURE_LIST})
     group by 1, 2`));
  const site = new Map<string, SubjectCounts>();
  const out: SubjectCounts[] = [];
  for (const r of rows) {
    const previous = Number(r.previous);
    const current = Number(r.current);
    const total = site.get(r.measure) ?? { subjectKey: SITE_KEY, measure: r.measure, previous: 0, current: 0 };
    total.previous += previous;
    total.current += current;
    site.set(r.measure, total);
    if (r.pupil !== null) out.push({ subjectKey: r.pupil, measure: r.measure, previous, current });
  }
  return [...site.values(), ...out];
}

/** The site's pupils on roll at some time in [from, to], with their enrolment dates. */
export async function enrolments(db: Executor, siteId: string, from: string, to: string): Promise<Map<string, Enrolment>> {
  const rows = await db.select({ id: pupils.id, start: pupils.enrolmentStart, end: pupils.enrolmentEnd }).from(pupils)
    .where(and(eq(pupils.siteId, siteId), lte(pupils.enrolmentStart, to), sql`(${pupils.enrolmentEnd} is null or ${pupils.enrolmentEnd} >= ${from}::date)`));
  return new Map(rows.map((r) => [r.id, { start: r.start, end: r.end }]));
}

export type AlertInsert = Omit<typeof analyticsAlerts.$inferInsert, 'id' | 'createdAt' | 'taskId'>;

/** Inserts the alerts not raised before (one per site, subject, measure and period end); returns those inserted. */
export async function insertNewAlerts(tx: Executor, rows: readonly AlertInsert[]): Promise<{ id: string; subjectKey: string; measure: string }[]> {
  if (rows.length === 0) return [];
  return tx.insert(analyticsAlerts).values(rows.map((r) => ({ id: uuidv7(), ...r }))).onConflictDoNothing()
    .returning({ id: analyticsAlerts.id, subjectKey: analyticsAlerts.subjectKey, measure: analyticsAlerts.measure });
}

/** Subject|measure pairs of the site already alerted with a period ending on or after `since`. */
export async function alertedSince(db: Executor, siteId: string, since: string): Promise<Set<string>> {
  const rows = await db.select({ subjectKey: analyticsAlerts.subjectKey, measure: analyticsAlerts.measure }).from(analyticsAlerts)
    .where(and(eq(analyticsAlerts.siteId, siteId), gte(analyticsAlerts.currentTo, since)));
  return new Set(rows.map((r) => `${r.subjectKey}|${r.measure}`));
}

export async function setAlertTask(tx: Executor, alertId: string, taskId: string): Promise<void> {
  await tx.update(analyticsAlerts).set({ taskId }).where(eq(analyticsAlerts.id, alertId));
}

export async function insertTask(tx: Executor, row: Omit<typeof tasks.$inferInsert, 'id'>): Promise<string> {
  const id = uuidv7();
  await tx.insert(tasks).values({ id, ...row });
  return id;
}

export async function pupilNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: pupils.id, f: pupils.legalForename, s: pupils.legalSurname, pf: pupils.preferredForename, ps: pupils.preferredSurname })
    .from(pupils).where(inArray(pupils.id, [...ids]));
  return new Map(rows.map((p) => [p.id, `${p.pf ?? p.f} ${p.ps ?? p.s}`]));
}

export interface AlertFilter { siteIds: readonly string[]; subject?: string | undefined; measure?: string | undefined; from?: string | undefined; to?: string | undefined }

function alertWhere(f: AlertFilter): SQL {
  return and(
    inArray(analyticsAlerts.siteId, [...f.siteIds]),
    f.subject ? eq(analyticsAlerts.subject, f.subject) : undefined,
    f.measure ? eq(analyticsAlerts.measure, f.measure) : undefined,
    f.from ? gte(analyticsAlerts.currentTo, f.from) : undefined,
    f.to ? lte(analyticsAlerts.currentTo, f.to) : undefined,
  )!;
}

/** Alerts of the sites, newest first. */
export async function listAlerts(db: Executor, f: AlertFilter, page: number, pageSize: number) {
  if (f.siteIds.length === 0) return { rows: [], total: 0 };
  const where = alertWhere(f);
  const rows = await db.select({
    alert: analyticsAlerts, siteName: sites.name, taskStatus: tasks.status,
    pupilForename: pupils.legalForename, pupilSurname: pupils.legalSurname, pupilPreferredForename: pupils.preferredForename,
    pupilPreferredSurname: pupils.preferredSurname, pupilYearGroup: pupils.yearGroup,
  }).from(analyticsAlerts)
    .innerJoin(sites, eq(sites.id, analyticsAlerts.siteId))
    .leftJoin(pupils, eq(pupils.id, analyticsAlerts.pupilId))
    .leftJoin(tasks, eq(tasks.id, analyticsAlerts.taskId))
    .where(where).orderBy(desc(analyticsAlerts.createdAt), desc(analyticsAlerts.currentTo), desc(analyticsAlerts.id))
    .limit(pageSize).offset((page - 1) * pageSize);
  const totals = await db.select({ n: count() }).from(analyticsAlerts).where(where);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export type AlertRow = Awaited<ReturnType<typeof listAlerts>>['rows'][number];
