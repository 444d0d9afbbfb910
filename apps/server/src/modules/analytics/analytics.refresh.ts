/**
 * Keeps the rollup exact. Triggers (migration analytics_triggers) append the (site, date) of every changed record
 * to analytics_dirty_days and a trust whose calendar or timetable changed to analytics_trust_dirty. Off the request
 * path (analytics.refresher.ts), refreshTrust() takes one trust's marks in small batches under that trust's own lock
 * and re-materialises those days (then their months and academic years) from the same source SQL the naive query
 * uses; a dashboard only reads, and says how fresh it is (rollupAsOf). A mark added by a transaction still open is
 * not seen (nor deleted), so it is refreshed next time: nothing is missed.
 */
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../core/db/client.ts';
import { dimKeysSql, sourceSql } from './analytics.source.ts';
import { COARSER_GRAINS, rowsOf } from './analytics.repo.ts';
import { materialisePupilDays } from './analytics.pupils.ts';
import { pgTimestampToIso } from '../../core/time.ts';

export const ROW = 'dim, grain, site_id, bucket, measure, key, trust_id, n';

/**
 * Re-materialise the day rollups of these (site, date) pairs, then carry the difference into their months and
 * academic years: a day's old rows go out negated and its new rows in, and the per-key sums are added to the month
 * and year rows (rows that reach nought are removed). The cost is the changed days' rows, not a month or a year of
 * them; months stay the sums of their days and years of their months, as the property tests check.
 */
async function materialiseDays(tx: Executor, pairs: { siteId: string; day: string }[]): Promise<void> {
  if (pairs.length === 0) return;
  const json = JSON.stringify(pairs.map((p) => ({ site_id: p.siteId, day: p.day })));
  const set = sql`(select distinct site_id, day from jsonb_to_recordset(${json}::jsonb) as x(site_id uuid, day date))`;
  await tx.execute(sql`create temp table if not exists analytics_delta (dim text, site_id uuid, bucket date, measure text, key text, trust_id uuid, n int) on commit delete rows`);
  await tx.execute(sql`
    with gone as (delete from analytics_rollup r using ${set} d where r.grain = 'd' and r.site_id = d.site_id and r.bucket = d.day
                  returning r.dim, r.site_id, r.bucket, r.measure, r.key, r.trust_id, r.n)
    insert into analytics_delta select dim, site_id, bucket, measure, key, trust_id, -n from gone`);
  await tx.execute(sql`
    with added as (
      insert into analytics_rollup (${sql.raw(ROW)})
      select dk.dim, 'd', s.site_id, s.day, s.m, dk.key, s.trust_id, count(*)::int
        from (${sourceSql({ kind: 'days', pairs })}) s ${dimKeysSql('s')}
       group by dk.dim, s.site_id, s.day, s.m, dk.key, s.trust_id
      returning dim, site_id, bucket, measure, key, trust_id, n)
    insert into analytics_delta select dim, site_id, bucket, measure, key, trust_id, n from added`);
  for (const { grain, bucket } of COARSER_GRAINS) {
    await tx.execute(sql`
      insert into analytics_rollup (${sql.raw(ROW)})
      select dim, ${grain}, site_id, ${bucket}, measure, key, trust_id, sum(n)::int from analytics_delta
       group by dim, site_id, ${bucket}, measure, key, trust_id having sum(n) <> 0
      on conflict (dim, grain, site_id, bucket, measure, key) do update set n = analytics_rollup.n + excluded.n`);
    await tx.execute(sql`
      delete from analytics_rollup r using (select distinct dim, site_id, ${bucket} as bucket, measure, key from analytics_delta) d
       where r.grain = ${grain} and r.dim = d.dim and r.site_id = d.site_id and r.bucket = d.bucket and r.measure = d.measure and r.key = d.key and r.n = 0`);
  }
  await tx.execute(sql`delete from analytics_delta`);
}

/**
 * A site's calendar: its own terms for an academic year when it has any, else the trust's; closures of the trust and
 * of the site. Every date from the first term's start to the last term's end, with the running count of school days.
 */
export async function rebuildCalendar(tx: Executor, trustId: string): Promise<void> {
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
    term_days as (select distinct st.site_id, g::date as day from st, generate_series(st.start_date, st.end_date, interval '1 day') g),
    closed as (select distinct s.id as site_id, c.date as day from sites s join closure_days c on c.trust_id = s.trust_id and (c.site_id is null or c.site_id = s.id)
                where s.trust_id = ${trustId}::uuid),
    flags as (
      select d.site_id, d.day, extract(isodow from d.day) <= 5 and td.day is not null and cl.day is null as school_day
        from days d left join term_days td on td.site_id = d.site_id and td.day = d.day
                    left join closed cl on cl.site_id = d.site_id and cl.day = d.day
    )
    insert into analytics_calendar (site_id, day, trust_id, school_day, cum)
    select site_id, day, ${trustId}::uuid, school_day, sum(school_day::int) over (partition by site_id order by day)::int from flags`);
}

/**
 * The pupils on roll at each date of a trust's calendar: one ordered pass over its pupils' enrolment starts and ends
 * (a leaving date before the joining date means never on roll), written only where the count changed.
 */
export async function recomputeOnRoll(tx: Executor, trustId: string): Promise<void> {
  await tx.execute(sql`
    with ev as (select site_id, day, sum(c)::int as c from (
                  select site_id, enrolment_start as day, 1 as c from pupils
                   where trust_id = ${trustId}::uuid and (enrolment_end is null or enrolment_end >= enrolment_start)
                  union all
                  select site_id, enrolment_end + 1, -1 from pupils
                   where trust_id = ${trustId}::uuid and enrolment_end is not null and enrolment_end >= enrolment_start) x
                group by 1, 2),
    merged as (select site_id, day, c, 0 as k from ev
               union all select site_id, day, 0, 1 from analytics_calendar where trust_id = ${trustId}::uuid),
    run as (select site_id, day, k, sum(c) over (partition by site_id order by day, k rows unbounded preceding)::int as roll from merged)
    update analytics_calendar c set on_roll = run.roll from run
     where run.k = 1 and c.site_id = run.site_id and c.day = run.day and c.on_roll <> run.roll`);
}

/** Days whose records have no recorded period: their derived period depends on the trust's timetable. */
async function daysWithDerivedPeriods(tx: Executor, trustId: string): Promise<{ siteId: string; day: string }[]> {
  return rowsOf<{ siteId: string; day: string }>(await tx.execute(sql`
    select site_id as "siteId", occurred_on::text as day from behaviour_events where trust_id = ${trustId}::uuid and period_code is null
    union
    select site_id, occurred_on::text from incidents where trust_id = ${trustId}::uuid and period_code is null and occurred_on is not null`));
}

/** Trusts with anything waiting to be folded in (one cheap probe: a clean database takes no lock). */
async function dirtyTrusts(db: Executor): Promise<string[]> {
  return rowsOf<{ trust_id: string }>(await db.execute(sql`
    select distinct s.trust_id from analytics_dirty_days d join sites s on s.id = d.site_id
    union select trust_id from analytics_trust_dirty`)).map((r) => r.trust_id);
}

export interface RefreshResult { days: number; calendars: number }
export interface TrustRefresh extends RefreshResult { busy: boolean; more: boolean }

/**
 * A trust's rollup is folded (or rebuilt, analytics.rebuild.ts) by one transaction at a time: that trust's own lock,
 * never one shared with another trust or with any writer.
 */
export const trustLock = (trustId: string, wait: boolean) => (wait
  ? sql`select pg_advisory_xact_lock(7421341, hashtext(${trustId}))::text as got`
  : sql`select pg_try_advisory_xact_lock(7421341, hashtext(${trustId}))::text as got`);

/**
 * Fold up to `maxDays` of one trust's changed (site, date) pairs into the rollups, in one short transaction under
 * that trust's own lock (never a lock shared with other trusts or with any writer). Calendar and timetable marks are
 * taken first. With `wait` false a trust another refresher is working on is skipped (`busy`). `more`: marks remain.
 */
export async function refreshTrust(database: Database, trustId: string, opts: { maxDays: number; wait: boolean }): Promise<TrustRefresh> {
  const result = await database.db.transaction(async (tx): Promise<TrustRefresh> => {
    const got = rowsOf<{ got: string }>(await tx.execute(trustLock(trustId, opts.wait)))[0]?.got;
    if (got === 'false') return { days: 0, calendars: 0, busy: true, more: true };
    const marks = rowsOf<{ what: string }>(await tx.execute(sql`
      with d as (delete from analytics_trust_dirty where trust_id = ${trustId}::uuid returning what) select distinct what from d`)).map((m) => m.what);
    const calendar = marks.includes('calendar');
    if (calendar) await rebuildCalendar(tx, trustId);
    // a rebuilt calendar starts with no one on roll
    if (calendar || marks.includes('roll')) await recomputeOnRoll(tx, trustId);
    const pairs = rowsOf<{ siteId: string; day: string }>(await tx.execute(sql`
      with batch as (select distinct d.site_id, d.day from analytics_dirty_days d join sites s on s.id = d.site_id
                      where s.trust_id = ${trustId}::uuid order by d.site_id, d.day limit ${opts.maxDays}),
           taken as (delete from analytics_dirty_days d using batch b where d.site_id = b.site_id and d.day = b.day returning d.site_id, d.day)
      select distinct site_id as "siteId", day::text as day from taken`));
    if (marks.includes('periods')) pairs.push(...await daysWithDerivedPeriods(tx, trustId));
    const unique = [...new Map(pairs.map((p) => [`${p.siteId}|${p.day}`, p])).values()]
      .sort((a, b) => (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    // chunks keep each statement small; months and years take each chunk's difference, so chunks may split them anywhere
    for (let i = 0; i < unique.length; i += 5000) {
      await materialiseDays(tx, unique.slice(i, i + 5000));
      await materialisePupilDays(tx, unique.slice(i, i + 5000));
    }
    const left = rowsOf<{ more: boolean }>(await tx.execute(sql`
      select exists (select 1 from analytics_dirty_days d join sites s on s.id = d.site_id where s.trust_id = ${trustId}::uuid) as more`));
    return { days: unique.length, calendars: calendar ? 1 : 0, busy: false, more: left[0]?.more === true };
  });
  database.syncCommitted();
  return result;
}

/**
 * Bring every trust's rollup up to date with every change committed before the call (the CLI, the demo seed, tests,
 * and a document that must hold everything up to now). Waits only for a refresher working on the same trust.
 */
export async function refreshAnalytics(database: Database, trustIds?: readonly string[]): Promise<RefreshResult> {
  const total: RefreshResult = { days: 0, calendars: 0 };
  const trusts = trustIds ?? await dirtyTrusts(database.db);
  for (const trustId of trusts) {
    for (;;) {
      const r = await refreshTrust(database, trustId, { maxDays: 500, wait: true });
      total.days += r.days;
      total.calendars += r.calendars;
      if (!r.more) break;
    }
  }
  return total;
}

/**
 * How fresh a trust's rollup is: every change committed before this moment is in it. The oldest mark still waiting
 * (its writer's transaction start), or now when nothing is waiting.
 */
export async function rollupAsOf(db: Executor, trustId: string): Promise<Date> {
  const r = rowsOf<{ at: string }>(await db.execute(sql`
    select coalesce(least((select min(d.at) from analytics_dirty_days d join sites s on s.id = d.site_id where s.trust_id = ${trustId}::uuid),
                          (select min(at) from analytics_trust_dirty where trust_id = ${trustId}::uuid)), now())::text as at`));
  return new Date(pgTimestampToIso(r[0]!.at));
}

/** Every trust with changes waiting (for the background refresher). */
export { dirtyTrusts };
