/**
 * Keeps the rollup exact. Triggers (migration analytics_triggers) append the (site, date) of every changed record
 * to analytics_dirty_days and a trust whose calendar or timetable changed to analytics_trust_dirty. Before any
 * figure is read, refreshAnalytics() takes an advisory lock and, in one transaction, takes the dirty marks and
 * re-materialises those days (then their months and academic years) from the same source SQL the naive query uses.
 * A mark added by a transaction still open is not seen (nor deleted), so it is refreshed next time: nothing is missed.
 */
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../core/db/client.ts';
import { dimKeysSql, sourceSql } from './analytics.source.ts';

const LOCK = sql`select pg_advisory_xact_lock(7421340, 1)`;

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Re-materialise the day rollups of these (site, date) pairs, then their months and academic years. */
async function materialiseDays(tx: Executor, pairs: { siteId: string; day: string }[]): Promise<void> {
  if (pairs.length === 0) return;
  const json = JSON.stringify(pairs.map((p) => ({ site_id: p.siteId, day: p.day })));
  const set = sql`(select distinct site_id, day from jsonb_to_recordset(${json}::jsonb) as x(site_id uuid, day date))`;
  await tx.execute(sql`delete from analytics_rollup r using ${set} d where r.grain = 'd' and r.site_id = d.site_id and r.bucket = d.day`);
  await tx.execute(sql`
    insert into analytics_rollup (dim, grain, site_id, bucket, measure, key, trust_id, n)
    select dk.dim, 'd', s.site_id, s.day, s.m, dk.key, s.trust_id, count(*)::int
      from (${sourceSql({ kind: 'days', pairs })}) s ${dimKeysSql('s')}
     group by dk.dim, s.site_id, s.day, s.m, dk.key, s.trust_id`);
  const months = sql`(select distinct site_id, date_trunc('month', day)::date as bucket from ${set} d)`;
  await tx.execute(sql`delete from analytics_rollup r using ${months} m where r.grain = 'm' and r.site_id = m.site_id and r.bucket = m.bucket`);
  await tx.execute(sql`
    insert into analytics_rollup (dim, grain, site_id, bucket, measure, key, trust_id, n)
    select r.dim, 'm', r.site_id, m.bucket, r.measure, r.key, r.trust_id, sum(r.n)::int
      from ${months} m join analytics_rollup r
        on r.grain = 'd' and r.site_id = m.site_id and r.bucket >= m.bucket and r.bucket < (m.bucket + interval '1 month')::date
     group by r.dim, r.site_id, m.bucket, r.measure, r.key, r.trust_id`);
  const years = sql`(select distinct site_id, make_date(extract(year from day)::int - case when extract(month from day) < 9 then 1 else 0 end, 9, 1) as bucket from ${set} d)`;
  await tx.execute(sql`delete from analytics_rollup r using ${years} y where r.grain = 'y' and r.site_id = y.site_id and r.bucket = y.bucket`);
  await tx.execute(sql`
    insert into analytics_rollup (dim, grain, site_id, bucket, measure, key, trust_id, n)
    select r.dim, 'y', r.site_id, y.bucket, r.measure, r.key, r.trust_id, sum(r.n)::int
      from ${years} y join analytics_rollup r
        on r.grain = 'm' and r.site_id = y.site_id and r.bucket >= y.bucket and r.bucket < (y.bucket + interval '1 year')::date
     group by r.dim, r.site_id, y.bucket, r.measure, r.key, r.trust_id`);
}

/**
 * A site's calendar: its own terms for an academic year when it has any, else the trust's; closures of the trust and
 * of the site. Every date from the first term's start to the last term's end, with the running count of school days.
 */
async function rebuildCalendar(tx: Executor, trustId: string): Promise<void> {
  await tx.execute(sql`delete from analytics_calendar where trust_id = ${trustId}::uuid`);
  await tx.execute(sql`
    with st as (
      select s.id as site_id, t.start_date, t.end_date
        from sites s join terms t on t.trust_id = s.trust_id
       where s.trust_id = ${trustId}::uuid
         and (t.site_id = s.id or (t.site_id is null and not exists (
              select 1 from terms t2 where t2.site_id = s.id and t2.academic_year_id = t.academic_year_id)))
    ), bounds as (select site_id, min(start_date) as lo, max(end_date) as hi from st group by site_id),
    days as (select b.site_id, g::date as day from bounds b, generate_series(b.lo, b.hi, interval '1 day') g),
    flags as (
      select d.site_id, d.day,
             extract(isodow from d.day) <= 5
             and exists (select 1 from st where st.site_id = d.site_id and d.day between st.start_date and st.end_date)
             and not exists (select 1 from closure_days c where c.trust_id = ${trustId}::uuid and c.date = d.day and (c.site_id is null or c.site_id = d.site_id))
             as school_day
        from days d
    )
    insert into analytics_calendar (site_id, day, trust_id, school_day, cum)
    select site_id, day, ${trustId}::uuid, school_day, sum(school_day::int) over (partition by site_id order by day)::int from flags`);
}

/** Days whose records have no recorded period: their derived period depends on the trust's timetable. */
async function daysWithDerivedPeriods(tx: Executor, trustId: string): Promise<{ siteId: string; day: string }[]> {
  return rowsOf<{ siteId: string; day: string }>(await tx.execute(sql`
    select site_id as "siteId", occurred_on::text as day from behaviour_events where trust_id = ${trustId}::uuid and period_code is null
    union
    select site_id, occurred_on::text from incidents where trust_id = ${trustId}::uuid and period_code is null and occurred_on is not null`));
}

/** Is anything waiting to be refreshed? One cheap probe, so a clean dashboard read takes no lock. */
async function anythingDirty(db: Executor): Promise<boolean> {
  const r = rowsOf<{ dirty: boolean }>(await db.execute(sql`
    select exists (select 1 from analytics_dirty_days) or exists (select 1 from analytics_trust_dirty) as dirty`));
  return r[0]?.dirty === true;
}

export interface RefreshResult { days: number; calendars: number }

/** Bring the rollup and calendar up to date with every committed change. Safe to call concurrently. */
export async function refreshAnalytics(database: Database): Promise<RefreshResult> {
  if (!(await anythingDirty(database.db))) return { days: 0, calendars: 0 };
  const result = await database.db.transaction(async (tx) => {
    await tx.execute(LOCK);
    const trusts = rowsOf<{ trust_id: string; what: string }>(await tx.execute(sql`
      with d as (delete from analytics_trust_dirty returning trust_id, what) select distinct trust_id, what from d`));
    const calendars = [...new Set(trusts.filter((t) => t.what === 'calendar').map((t) => t.trust_id))];
    for (const t of calendars) await rebuildCalendar(tx, t);
    const pairs = rowsOf<{ siteId: string; day: string }>(await tx.execute(sql`
      with d as (delete from analytics_dirty_days returning site_id, day) select distinct site_id as "siteId", day::text as day from d`));
    for (const t of trusts.filter((x) => x.what === 'periods')) pairs.push(...await daysWithDerivedPeriods(tx, t.trust_id));
    pairs.sort((a, b) => (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    // in date order per site, so a month or year split between chunks is recomputed last by the chunk that completes it
    for (let i = 0; i < pairs.length; i += 5000) await materialiseDays(tx, pairs.slice(i, i + 5000));
    return { days: pairs.length, calendars: calendars.length };
  });
  database.syncCommitted();
  return result;
}

/** Mark every day of every record dirty and every trust's calendar, then refresh (after a bulk load without triggers). */
export async function rebuildAnalytics(database: Database): Promise<RefreshResult> {
  await database.db.transaction(async (tx) => {
    await tx.execute(LOCK);
    await tx.execute(sql`truncate analytics_rollup`);
    await tx.execute(sql`insert into analytics_trust_dirty (trust_id, what) select id, 'calendar' from trusts`);
    await tx.execute(sql`
      insert into analytics_dirty_days (site_id, day)
      select distinct site_id, occurred_on from behaviour_events
      union select site_id, occurred_on from incidents where occurred_on is not null`);
  });
  return refreshAnalytics(database);
}
