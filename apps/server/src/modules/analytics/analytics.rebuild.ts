/**
 * Rebuilding the rollups from the records (`haven analytics-rebuild`: after a bulk load with triggers off, or to
 * repair) while Haven is in use (issue 19). Trust by trust — its calendar and pupils on roll in one transaction, then
 * each of its sites in its own — every transaction under that trust's own lock, the one the background refresher
 * try-locks: the two never fold the same days at once, and the refresher skips a trust only while one of its sites is
 * being rebuilt, carrying on with every other trust.
 *
 * Nothing waits for a rebuild. A site's transaction deletes that site's marks and rows (row by row, never TRUNCATE,
 * whose lock would stop every dashboard read of every trust) and writes them again from the records; until it
 * commits, every other session still sees the old rows and the old marks, so a dashboard reads what it read before
 * with the same "as of", and the drill-down still counts the waiting days from the records. A recording transaction
 * only appends a mark to a table with no unique key, so it never waits either. A change committed during a site's
 * rebuild leaves its mark, and the refresher folds that day in again afterwards: nothing is missed.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../core/db/client.ts';
import { dimKeysSql, sourceSql, uuidArray } from './analytics.source.ts';
import { COARSER_GRAINS, GRAINS, rowsOf } from './analytics.repo.ts';
import { rebuildPupilRollup } from './analytics.pupils.ts';
import { rebuildCalendar, recomputeOnRoll, ROW, trustLock, type RefreshResult } from './analytics.refresh.ts';

export interface RebuildOptions {
  /**
   * Called inside each site's transaction once its rows are written, before it commits (tests: what other sessions
   * can do while a rebuild's transaction is open).
   */
  duringSite?: (siteId: string) => Promise<void>;
}

/** Rebuild every trust's rollups and calendars from the records; returns the site-days written and the calendars. */
export async function rebuildAnalytics(database: Database, opts: RebuildOptions = {}): Promise<RefreshResult> {
  const trusts = rowsOf<{ id: string }>(await database.db.execute(sql`select id from trusts order by id`));
  let days = 0;
  for (const { id: trustId } of trusts) {
    await database.db.transaction(async (tx) => {
      await tx.execute(trustLock(trustId, true));
      // the site transactions below re-count every day with the calendar and timetable of now
      await tx.execute(sql`delete from analytics_trust_dirty where trust_id = ${trustId}::uuid`);
      await rebuildCalendar(tx, trustId);
      await recomputeOnRoll(tx, trustId);
    });
    database.syncCommitted();
    const sites = rowsOf<{ id: string }>(await database.db.execute(sql`select id from sites where trust_id = ${trustId}::uuid order by id`));
    for (const { id: siteId } of sites) days += await rebuildSite(database, trustId, siteId, opts);
  }
  // what is left of sites that no longer exist
  await database.db.transaction(async (tx) => {
    for (const table of ['analytics_rollup', 'analytics_pupil_rollup', 'analytics_dirty_days']) {
      await tx.execute(sql`delete from ${sql.identifier(table)} x where not exists (select 1 from sites s where s.id = x.site_id)`);
    }
  });
  database.syncCommitted();
  return { days, calendars: trusts.length };
}

/**
 * One site: its marks and rows out, its rows in from the records — days from the source SQL, months from days, years
 * from months, all time from years — written in key order so that the site's rows of a dimension lie together on disk.
 */
async function rebuildSite(database: Database, trustId: string, siteId: string, opts: RebuildOptions): Promise<number> {
  const days = await database.db.transaction(async (tx) => {
    await tx.execute(trustLock(trustId, true));
    // one large GROUP BY: let it hash in memory rather than sort on disk
    await tx.execute(sql`set local work_mem = '256MB'`);
    const site = uuidArray([siteId]);
    await tx.execute(sql`delete from analytics_dirty_days where site_id = ${siteId}::uuid`);
    await tx.execute(sql`delete from analytics_rollup where grain = any(${GRAINS}) and site_id = ${siteId}::uuid`);
    const span = rowsOf<{ lo: string | null; hi: string | null }>(await tx.execute(sql`
      select least((select min(occurred_on) from behaviour_events where site_id = ${siteId}::uuid),
                   (select min(occurred_on) from incidents where site_id = ${siteId}::uuid))::text as lo,
             greatest((select max(occurred_on) from behaviour_events where site_id = ${siteId}::uuid),
                      (select max(occurred_on) from incidents where site_id = ${siteId}::uuid))::text as hi`))[0];
    const from = span?.lo ?? '1900-01-01';
    const to = span?.hi ?? '1900-01-01';
    await rebuildPupilRollup(tx, { siteIds: [siteId], from, to });
    if (span?.lo && span.hi) {
      await tx.execute(sql`
        insert into analytics_rollup (${sql.raw(ROW)})
        select dk.dim, 'd', s.site_id, s.day, s.m, dk.key, s.trust_id, count(*)::int
          from (${sourceSql({ kind: 'range', siteIds: [siteId], from, to })}) s ${dimKeysSql('s')}
         group by dk.dim, s.site_id, s.day, s.m, dk.key, s.trust_id order by 1, 4, 5, 6`);
      for (const g of COARSER_GRAINS) {
        await tx.execute(sql`
          insert into analytics_rollup (${sql.raw(ROW)})
          select dim, ${g.grain}, site_id, ${g.bucket}, measure, key, trust_id, sum(n)::int
            from analytics_rollup where grain = ${g.from} and site_id = any(${site}) group by 1, 3, 4, 5, 6, 7 order by 1, 4, 5, 6`);
      }
    }
    const n = rowsOf<{ n: number }>(await tx.execute(sql`
      select count(distinct bucket)::int as n from analytics_rollup where grain = 'd' and site_id = ${siteId}::uuid`))[0]?.n ?? 0;
    await opts.duringSite?.(siteId);
    return n;
  });
  database.syncCommitted();
  return days;
}
