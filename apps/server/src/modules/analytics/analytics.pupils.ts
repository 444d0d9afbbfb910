/**
 * The pupil dimension of the rollup: analytics_pupil_rollup, one wide row per (grain, site, bucket, pupil) with a
 * count per measure (pos, neg, neu, inv, pi; an incident record has no pupil). The by-pupil table and the counts by
 * year group read one row a pupil, not one a pupil and measure. Kept exact like analytics_rollup: the refresh
 * re-materialises changed days from the source SQL and carries their difference into months, years and all time.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { COARSER_GRAINS, GRAINS, rangePieces, rowsOf, type CountQuery, type CountRow } from './analytics.repo.ts';
import { sourceSql, uuidArray, type SourceScope } from './analytics.source.ts';

export const PUPIL_MEASURES = ['pos', 'neg', 'neu', 'inv', 'pi'] as const;
const COLS = PUPIL_MEASURES.join(', ');
const ROW = `grain, site_id, bucket, pupil_id, trust_id, ${COLS}`;
const sums = (prefix = '') => sql.raw(PUPIL_MEASURES.map((m) => `sum(${prefix}${m})::int as ${m}`).join(', '));
const nonZero = (prefix = '') => sql.raw(`(${PUPIL_MEASURES.map((m) => `${prefix}${m}`).join(', ')}) <> (0, 0, 0, 0, 0)`);

/** Per-pupil counts of the source rows, grouped by `group` (columns of the source alias s). */
function fromSource(scope: SourceScope, filter: CountQuery['filter'] = {}): SQL {
  return sql`
    select s.site_id, s.day, s.pupil::uuid as pupil_id, s.trust_id,
           ${sql.raw(PUPIL_MEASURES.map((m) => `count(*) filter (where s.m = '${m}')::int as ${m}`).join(', '))}
      from (${sourceSql(scope, filter)}) s where s.pupil is not null
     group by s.site_id, s.day, s.pupil, s.trust_id`;
}

/**
 * Re-materialise the pupil rows of these (site, date) pairs and carry the difference into months, years and all time
 * (rows that reach nought everywhere are removed). Runs inside the refresh's transaction, under its lock.
 */
export async function materialisePupilDays(tx: Executor, pairs: readonly { siteId: string; day: string }[]): Promise<void> {
  if (pairs.length === 0) return;
  const json = JSON.stringify(pairs.map((p) => ({ site_id: p.siteId, day: p.day })));
  const set = sql`(select distinct site_id, day from jsonb_to_recordset(${json}::jsonb) as x(site_id uuid, day date))`;
  await tx.execute(sql`create temp table if not exists analytics_pupil_delta
    (site_id uuid, bucket date, pupil_id uuid, trust_id uuid, pos int, neg int, neu int, inv int, pi int) on commit delete rows`);
  await tx.execute(sql`
    with gone as (delete from analytics_pupil_rollup r using ${set} d where r.grain = 'd' and r.site_id = d.site_id and r.bucket = d.day
                  returning r.site_id, r.bucket, r.pupil_id, r.trust_id, ${sql.raw(PUPIL_MEASURES.map((m) => `r.${m}`).join(', '))})
    insert into analytics_pupil_delta select site_id, bucket, pupil_id, trust_id, ${sql.raw(PUPIL_MEASURES.map((m) => `-${m}`).join(', '))} from gone`);
  await tx.execute(sql`
    with added as (
      insert into analytics_pupil_rollup (${sql.raw(ROW)})
      select 'd', site_id, day, pupil_id, trust_id, ${sql.raw(COLS)} from (${fromSource({ kind: 'days', pairs })}) x
      returning site_id, bucket, pupil_id, trust_id, ${sql.raw(COLS)})
    insert into analytics_pupil_delta select * from added`);
  for (const { grain, bucket } of COARSER_GRAINS) {
    await tx.execute(sql`
      insert into analytics_pupil_rollup (${sql.raw(ROW)})
      select ${grain}, site_id, ${bucket}, pupil_id, trust_id, ${sums()} from analytics_pupil_delta
       group by site_id, ${bucket}, pupil_id, trust_id having (${sql.raw(PUPIL_MEASURES.map((m) => `sum(${m})`).join(', '))}) <> (0, 0, 0, 0, 0)
      on conflict (grain, site_id, bucket, pupil_id) do update set
        ${sql.raw(PUPIL_MEASURES.map((m) => `${m} = analytics_pupil_rollup.${m} + excluded.${m}`).join(', '))}`);
    await tx.execute(sql`
      delete from analytics_pupil_rollup r using (select distinct site_id, ${bucket} as bucket, pupil_id from analytics_pupil_delta) d
       where r.grain = ${grain} and r.site_id = d.site_id and r.bucket = d.bucket and r.pupil_id = d.pupil_id and not ${nonZero('r.')}`);
  }
  await tx.execute(sql`delete from analytics_pupil_delta`);
}

/**
 * Rebuild these sites' pupil rollup from the records (days, then months, years and all time), in key order: their
 * rows are deleted, not the table truncated, so readers go on seeing the old rows until the caller commits.
 */
export async function rebuildPupilRollup(tx: Executor, span: { siteIds: readonly string[]; from: string; to: string }): Promise<void> {
  await tx.execute(sql`delete from analytics_pupil_rollup where grain = any(${GRAINS}) and site_id = any(${uuidArray(span.siteIds)})`);
  await tx.execute(sql`
    insert into analytics_pupil_rollup (${sql.raw(ROW)})
    select 'd', site_id, day, pupil_id, trust_id, ${sql.raw(COLS)}
      from (${fromSource({ kind: 'range', siteIds: span.siteIds, from: span.from, to: span.to })}) x order by 2, 3, 4`);
  for (const { grain, from, bucket } of COARSER_GRAINS) {
    await tx.execute(sql`
      insert into analytics_pupil_rollup (${sql.raw(ROW)})
      select ${grain}, site_id, ${bucket}, pupil_id, trust_id, ${sums()} from analytics_pupil_rollup
       where grain = ${from} and site_id = any(${uuidArray(span.siteIds)})
       group by 2, 3, 4, 5 order by 2, 3, 4`);
  }
}

/** Per-pupil counts over the query's range: from the pupil rollup, or from the records (a filtered dashboard). */
function perPupil(q: CountQuery): SQL {
  if (!q.rollup) {
    return sql`select pupil_id, ${sums()} from (${fromSource({ kind: 'range', siteIds: q.siteIds, from: q.from, to: q.to }, q.filter)}) x group by pupil_id`;
  }
  const sites = uuidArray(q.siteIds);
  const cols = (sign: 1 | -1) => sql.raw(PUPIL_MEASURES.map((m) => (sign === 1 ? `r.${m}` : `-r.${m} as ${m}`)).join(', '));
  const parts = rangePieces(q, (grain, cond, sign) => sql`
    select r.pupil_id, ${cols(sign)} from analytics_pupil_rollup r where r.grain = ${grain} and r.site_id = any(${sites}) and ${cond}`);
  if (parts.length === 0) return sql`select null::uuid as pupil_id, ${sql.raw(PUPIL_MEASURES.map((m) => `0 as ${m}`).join(', '))} where false`;
  return sql`select pupil_id, ${sums()} from (${sql.join(parts, sql` union all `)}) r group by pupil_id`;
}

/**
 * The pupil figures in one pass inside the database: the `top` pupils' counts by measure (most negative events and
 * involvements, then most of anything, then id) and the counts by each pupil's current year group.
 */
export async function pupilFigures(db: Executor, q: CountQuery, top = 50): Promise<{ top: CountRow[]; byYear: { yearGroup: number; measure: string; n: number }[] }> {
  const rows = rowsOf<{ part: 'top' | 'yg'; key: string | null; yg: number | null } & Record<typeof PUPIL_MEASURES[number], number>>(await db.execute(sql`
    with pc as materialized (${perPupil(q)}),
    best as (select * from pc where ${nonZero()} order by neg + inv desc, pos + neg + neu + inv + pi desc, pupil_id limit ${top})
    select 'top' as part, pupil_id::text as key, null::int as yg, ${sql.raw(COLS)} from best
    union all
    select 'yg', null, p.year_group, ${sums('pc.')} from pc join pupils p on p.id = pc.pupil_id group by p.year_group`));
  const out: { top: CountRow[]; byYear: { yearGroup: number; measure: string; n: number }[] } = { top: [], byYear: [] };
  for (const r of rows) {
    for (const measure of PUPIL_MEASURES) {
      const n = r[measure];
      if (n === 0) continue;
      if (r.part === 'top') out.top.push({ key: r.key!, measure, n });
      else out.byYear.push({ yearGroup: r.yg!, measure, n });
    }
  }
  return out;
}

/** One pupil's count of a measure per (site, date) in the range, newest date first (the drill-down's pages). */
export async function pupilDayCounts(db: Executor, siteIds: readonly string[], from: string, to: string, measure: string, pupilId: string): Promise<{ site_id: string; day: string; n: number }[]> {
  if (!(PUPIL_MEASURES as readonly string[]).includes(measure) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(pupilId)) return [];
  return rowsOf(await db.execute(sql`
    select site_id, bucket::text as day, ${sql.raw(measure)} as n from analytics_pupil_rollup
     where pupil_id = ${pupilId}::uuid and grain = 'd' and bucket between ${from}::date and ${to}::date
       and site_id = any(${uuidArray(siteIds)}) and ${sql.raw(measure)} <> 0
     order by bucket desc`));
}
