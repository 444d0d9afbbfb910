/**
 * The retention module's queries (CMP-1): the schedule rows, what is due per kind (one statement per kind, built from
 * its candidates in retention.kinds.ts), legal holds, runs and tombstones. Every query takes the trust and the
 * site ids the caller may see; nothing here reads the content of a record.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { RETENTION_KINDS, type TRetentionKind } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { pgArray, runStatement, statement, type Statement } from '../../core/db/prepared.ts';
import { retentionHolds, retentionRules, retentionRuns } from '../../db/schema/retention.ts';
import { KIND_SPECS } from './retention.kinds.ts';
import { DEFAULT_RULES, type RuleData } from './retention.rules.ts';

export interface RuleRow extends RuleData { kind: TRetentionKind; isDefault: boolean; updatedAt: string | null; updatedByName: string | null }

/** The trust's rules, a default standing in for any kind the trust has no row for yet. */
export async function rules(db: Executor, trustId: string): Promise<Map<TRetentionKind, RuleRow>> {
  const rows = await runStatement<{ kind: string; trigger: string; years: number; enabled: boolean; basis: string; is_default: boolean; updated_at: string | null; name: string | null }>(db, RULES, [trustId]);
  const out = new Map<TRetentionKind, RuleRow>();
  for (const k of RETENTION_KINDS) out.set(k, { kind: k, ...DEFAULT_RULES[k], isDefault: true, updatedAt: null, updatedByName: null });
  for (const r of rows) {
    if (!(RETENTION_KINDS as readonly string[]).includes(r.kind)) continue;
    out.set(r.kind as TRetentionKind, { kind: r.kind as TRetentionKind, trigger: r.trigger as RuleData['trigger'], years: Number(r.years), enabled: r.enabled, basis: r.basis,
      isDefault: r.is_default, updatedAt: r.updated_at, updatedByName: r.name });
  }
  return out;
}
const RULES = statement(`select r.kind, r.trigger, r.years, r.enabled, r.basis, r.is_default, to_char(r.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at, u.display_name as name
  from retention_rules r left join users u on u.id = r.updated_by where r.trust_id = $1`);

/** Writes the default rules for every kind the trust has none for (a new trust, or a kind added by an upgrade). */
export async function seedDefaults(db: Executor, trustId: string, newId: () => string): Promise<void> {
  await db.insert(retentionRules).values(RETENTION_KINDS.map((k) => ({ id: newId(), trustId, kind: k, ...DEFAULT_RULES[k], action: 'purge', isDefault: true })))
    .onConflictDoNothing();
}

export async function saveRule(db: Executor, trustId: string, kind: TRetentionKind, r: RuleData, userId: string, newId: string): Promise<void> {
  await db.insert(retentionRules).values({ id: newId, trustId, kind, ...r, action: 'purge', isDefault: false, updatedBy: userId, updatedAt: new Date() })
    .onConflictDoUpdate({ target: [retentionRules.trustId, retentionRules.kind],
      set: { trigger: r.trigger, years: r.years, enabled: r.enabled, basis: r.basis, isDefault: false, updatedBy: userId, updatedAt: new Date() } });
}

/**
 * Per kind: the records of these sites past their date under a rule ($2 trigger, $3 years, $4 as-of date), one row
 * per record with its pupils, record date, due date and whether a live hold covers it (on the record or on any of
 * its pupils). A record about several pupils is due when it is due for all of them (the latest date).
 */
function dueStatement(kind: TRetentionKind, tail: string): Statement {
  return statement(`with c as (${KIND_SPECS[kind].candidates}),
    d as (
      select c.id, c.site_id, c.pupil_id, c.record_date::date as record_date,
        (case $2::text when 'date_of_birth' then p.date_of_birth when 'leaving_date' then p.enrolment_end
           when 'record_date' then c.record_date::date else c.closure_date::date end + make_interval(years => $3::int))::date as due
      from c left join pupils p on p.id = c.pupil_id where c.site_id = any($5::uuid[])
    ),
    r as (
      select id, site_id, min(record_date) as record_date, max(due) as due_on, bool_and(due is not null) as known,
             array_remove(array_agg(distinct pupil_id), null) as pupil_ids
        from d group by id, site_id
    ),
    due as (
      select r.id, r.site_id, r.record_date, r.due_on, r.pupil_ids,
             exists (select 1 from retention_holds h where h.trust_id = $1 and h.released_at is null
                      and ((h.kind = $6 and h.record_id = r.id) or h.pupil_id = any(r.pupil_ids))) as held
        from r where r.known and r.due_on <= $4::date
    )
    ${tail}`);
}
const COUNT_TAIL = `select site_id, count(*) filter (where not held)::int as due, count(*) filter (where held)::int as held from due group by site_id`;
const LIST_TAIL = `select id, site_id, record_date::text as record_date, due_on::text as due_on, pupil_ids::text[] as pupil_ids, held,
    count(*) over ()::int as total from due order by due_on, id limit $7 offset $8`;
const ALL_TAIL = `select id, site_id, record_date::text as record_date, due_on::text as due_on, pupil_ids::text[] as pupil_ids from due where not held order by id`;
const COUNT = new Map(RETENTION_KINDS.map((k) => [k, dueStatement(k, COUNT_TAIL)]));
const LIST = new Map(RETENTION_KINDS.map((k) => [k, dueStatement(k, LIST_TAIL)]));
const ALL = new Map(RETENTION_KINDS.map((k) => [k, dueStatement(k, ALL_TAIL)]));

export interface DueQuery { trustId: string; kind: TRetentionKind; rule: Pick<RuleData, 'trigger' | 'years'>; asOf: string; siteIds: string[] }
const dueParams = (q: DueQuery) => [q.trustId, q.rule.trigger, q.rule.years, q.asOf, pgArray(q.siteIds), q.kind];

export async function dueCounts(db: Executor, q: DueQuery): Promise<{ siteId: string; due: number; held: number }[]> {
  if (!q.siteIds.length) return [];
  const rows = await runStatement<{ site_id: string; due: number; held: number }>(db, COUNT.get(q.kind)!, dueParams(q));
  return rows.map((r) => ({ siteId: r.site_id, due: Number(r.due), held: Number(r.held) }));
}

export interface DueRecord { id: string; siteId: string; recordDate: string | null; dueOn: string; pupilIds: string[]; held: boolean }

export async function dueRecords(db: Executor, q: DueQuery, limit: number, offset: number): Promise<{ total: number; records: DueRecord[] }> {
  if (!q.siteIds.length) return { total: 0, records: [] };
  const rows = await runStatement<{ id: string; site_id: string; record_date: string | null; due_on: string; pupil_ids: string[]; held: boolean; total: number }>(
    db, LIST.get(q.kind)!, [...dueParams(q), limit, offset]);
  return { total: Number(rows[0]?.total ?? 0), records: rows.map((r) => ({ id: r.id, siteId: r.site_id, recordDate: r.record_date, dueOn: r.due_on, pupilIds: r.pupil_ids ?? [], held: r.held })) };
}

/** Every due record not on hold (for a purge run: one kind at one site at a time, so the list stays small). */
export async function duePurgeable(db: Executor, q: DueQuery): Promise<Omit<DueRecord, 'held'>[]> {
  if (!q.siteIds.length) return [];
  const rows = await runStatement<{ id: string; site_id: string; record_date: string | null; due_on: string; pupil_ids: string[] }>(db, ALL.get(q.kind)!, dueParams(q));
  return rows.map((r) => ({ id: r.id, siteId: r.site_id, recordDate: r.record_date, dueOn: r.due_on, pupilIds: r.pupil_ids ?? [] }));
}

/** Of these records, those a live hold now covers (checked again inside each purge batch's transaction). */
export async function heldNow(db: Executor, trustId: string, kind: TRetentionKind, recs: { id: string; pupilIds: string[] }[]): Promise<Set<string>> {
  if (!recs.length) return new Set();
  const rows = await runStatement<{ id: string }>(db, HELD_NOW, [trustId, kind, JSON.stringify(recs.map((r) => ({ id: r.id, pupils: r.pupilIds })))]);
  return new Set(rows.map((r) => r.id));
}
const HELD_NOW = statement(`select x.id from jsonb_to_recordset($3::jsonb) as x(id uuid, pupils uuid[])
  where exists (select 1 from retention_holds h where h.trust_id = $1 and h.released_at is null and ((h.kind = $2 and h.record_id = x.id) or h.pupil_id = any(x.pupils)))`);

export async function pupilNames(db: Executor, ids: string[]): Promise<Map<string, { name: string; siteId: string; trustId: string }>> {
  if (!ids.length) return new Map();
  const rows = await runStatement<{ id: string; name: string; site_id: string; trust_id: string }>(db, PUPIL_NAMES, [pgArray(ids)]);
  return new Map(rows.map((r) => [r.id, { name: r.name, siteId: r.site_id, trustId: r.trust_id }]));
}
const PUPIL_NAMES = statement(`select id, coalesce(preferred_forename, legal_forename) || ' ' || coalesce(preferred_surname, legal_surname) as name, site_id, trust_id
  from pupils where id = any($1::uuid[])`);

export async function siteNames(db: Executor, trustId: string): Promise<Map<string, string>> {
  const rows = await runStatement<{ id: string; name: string }>(db, SITE_NAMES, [trustId]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
const SITE_NAMES = statement('select id, name from sites where trust_id = $1');

/** The site and pupils of one record of a kind (for a hold on it), or undefined when the trust has no such record. */
export async function recordOf(db: Executor, trustId: string, kind: TRetentionKind, id: string): Promise<{ siteId: string; pupilIds: string[] } | undefined> {
  const rows = await runStatement<{ site_id: string; pupil_ids: string[] }>(db, RECORD_OF.get(kind)!, [trustId, id]);
  const r = rows[0];
  return r ? { siteId: r.site_id, pupilIds: r.pupil_ids ?? [] } : undefined;
}
const RECORD_OF = new Map(RETENTION_KINDS.map((k) => [k, statement(`with c as (${KIND_SPECS[k].candidates})
  select site_id, array_remove(array_agg(distinct pupil_id), null)::text[] as pupil_ids from c where id = $2::uuid group by site_id`)]));

export type HoldRow = typeof retentionHolds.$inferSelect;
export async function holds(db: Executor, trustId: string, activeOnly: boolean): Promise<HoldRow[]> {
  return db.select().from(retentionHolds).where(and(eq(retentionHolds.trustId, trustId), activeOnly ? isNull(retentionHolds.releasedAt) : undefined))
    .orderBy(desc(retentionHolds.placedAt)).limit(1000);
}
export async function hold(db: Executor, trustId: string, id: string, lock = false): Promise<HoldRow | undefined> {
  const q = db.select().from(retentionHolds).where(and(eq(retentionHolds.trustId, trustId), eq(retentionHolds.id, id)));
  return (await (lock ? q.for('update') : q))[0];
}
export async function insertHold(db: Executor, row: typeof retentionHolds.$inferInsert): Promise<void> { await db.insert(retentionHolds).values(row); }
export async function releaseHold(db: Executor, id: string, userId: string, reason: string): Promise<void> {
  await db.update(retentionHolds).set({ releasedAt: new Date(), releasedBy: userId, releaseReason: reason }).where(eq(retentionHolds.id, id));
}

export async function userNames(db: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await runStatement<{ id: string; display_name: string }>(db, USER_NAMES, [pgArray(list)]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
const USER_NAMES = statement('select id, display_name from users where id = any($1::uuid[])');

export type RunRow = typeof retentionRuns.$inferSelect;
export async function insertRun(db: Executor, row: typeof retentionRuns.$inferInsert): Promise<void> { await db.insert(retentionRuns).values(row); }
export async function finishRun(db: Executor, id: string, v: { total: number; held: number; filesRemoved: number; lines: unknown }): Promise<void> {
  await db.update(retentionRuns).set({ ...v, finishedAt: new Date() }).where(eq(retentionRuns.id, id));
}
export async function runs(db: Executor, trustId: string): Promise<RunRow[]> {
  return db.select().from(retentionRuns).where(eq(retentionRuns.trustId, trustId)).orderBy(desc(retentionRuns.startedAt)).limit(50);
}

export interface TombstoneInsert {
  id: string; trust_id: string; site_id: string; run_id: string; kind: string; record_id: string; pupil_ids: string[]; record_date: string | null;
  due_on: string; trigger: string; years: number; rows_removed: Record<string, number>; files_removed: number; purged_by: string | null;
}
export async function insertTombstones(db: Executor, rows: TombstoneInsert[]): Promise<void> {
  if (rows.length) await runStatement(db, INSERT_TOMBSTONES, [JSON.stringify(rows)]);
}
const INSERT_TOMBSTONES = statement(`insert into retention_tombstones (id, trust_id, site_id, run_id, kind, record_id, pupil_ids, record_date, due_on, trigger, years, rows_removed, files_removed, purged_by)
  select id, trust_id, site_id, run_id, kind, record_id, pupil_ids, record_date, due_on, trigger, years, rows_removed, files_removed, purged_by
    from jsonb_to_recordset($1::jsonb) as x(id uuid, trust_id uuid, site_id uuid, run_id uuid, kind text, record_id uuid, pupil_ids jsonb, record_date date,
      due_on date, trigger text, years int, rows_removed jsonb, files_removed int, purged_by uuid)`);

export interface TombstoneFilter { trustId: string; ordinary: boolean; sealedKinds: readonly string[]; sealedSiteIds: string[]; runId?: string | undefined; kind?: string | undefined; limit: number; offset: number }
/** Tombstones the caller may see: ordinary kinds (retention.records), sealed kinds only at the DSL's sites. */
export async function tombstones(db: Executor, f: TombstoneFilter) {
  const rows = await runStatement<{ id: string; run_id: string; kind: string; record_id: string; site_id: string; pupil_ids: string[]; record_date: string | null; due_on: string;
    trigger: string; years: number; rows_removed: Record<string, number>; files_removed: number; purged_at: string; purged_by: string | null; total: number }>(db, TOMBSTONES,
    [f.trustId, f.ordinary, pgArray([...f.sealedKinds]), pgArray(f.sealedSiteIds), f.runId ?? null, f.kind ?? null, f.limit, f.offset]);
  return rows;
}
const TOMBSTONES = statement(`select id, run_id, kind, record_id, site_id, pupil_ids, record_date::text as record_date, due_on::text as due_on, trigger, years, rows_removed, files_removed,
    to_char(purged_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as purged_at, purged_by, count(*) over ()::int as total
  from retention_tombstones
  where trust_id = $1 and (($2::boolean and kind <> all($3::text[])) or (kind = any($3::text[]) and site_id = any($4::uuid[])))
    and ($5::uuid is null or run_id = $5::uuid) and ($6::text is null or kind = $6::text)
  order by purged_at desc, id limit $7 offset $8`);

