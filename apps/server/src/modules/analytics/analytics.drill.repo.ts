/**
 * Drill-down (ANA-1, ANA-7): the records behind one figure, from the very source SQL the figure counts, so the
 * total here always equals the number on the dashboard.
 */
import { sql } from 'drizzle-orm';
import type { TDrillDown, TDrillDownQuery } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { addDays } from '../../core/calendar/calendar.ts';
import { bucketOf } from './analytics.rules.ts';
import { sourceSql, uuidArray } from './analytics.source.ts';
import { rowsOf } from './analytics.repo.ts';
import { PUPIL_MEASURES, pupilDayCounts } from './analytics.pupils.ts';
import type { Resolved } from './analytics.service.ts';

function bucketEnd(bucket: string, granularity: TDrillDownQuery['granularity']): string {
  if (granularity === 'day') return bucket;
  if (granularity === 'week') return addDays(bucket, 6);
  const y = Number(bucket.slice(0, 4));
  const m = Number(bucket.slice(5, 7));
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
}

interface Row {
  record_type: 'event' | 'incident'; record_id: string; occurred_at: string | null; day: string; site_id: string; site_name: string;
  pupil_id: string | null; pupil_name: string | null; cats: string[]; loc: string; wp: string; staff_name: string | null; total: number;
}

export async function drillDown(db: Executor, r: Resolved, q: TDrillDownQuery): Promise<TDrillDown> {
  let { from, to } = r;
  if (q.bucket) {
    const start = bucketOf(q.bucket, q.granularity);
    from = start > from ? start : from;
    const end = bucketEnd(start, q.granularity);
    to = end < to ? end : to;
  }
  const keyCond = q.dim === 'all' ? sql`true`
    : q.dim === 'cat' ? sql`${q.key} = any(s.cats)`
      : sql`${sql.raw(`s.${q.dim}`)} = ${q.key}`;
  let offset = (q.page - 1) * q.pageSize;
  let src = sourceSql({ kind: 'range', siteIds: r.siteIds, from, to }, r.filter);
  let known: number | null = null;
  if (r.rollup) {
    // The rollup's day rows say how many records each (site, date) holds for this figure: their sum is the total,
    // and the page needs only the records of the dates that hold it (newest date first).
    // Days the background refresher has not folded in yet are counted from the records instead, so the total is
    // exact however far behind it is. Their marks are read first: a day refreshed in between is then counted from
    // the records (still exact); read the other way round, a day could be missed.
    const waiting = rowsOf<{ site_id: string; day: string }>(await db.execute(sql`
      select distinct site_id, day::text as day from analytics_dirty_days
       where site_id = any(${uuidArray(r.siteIds)}) and day between ${from}::date and ${to}::date`));
    const isWaiting = new Set(waiting.map((w) => `${w.site_id}|${w.day}`));
    const rolled = q.dim === 'pupil' ? await pupilDayCounts(db, r.siteIds, from, to, q.measure, q.key ?? '')
      : rowsOf<{ site_id: string; day: string; n: number }>(await db.execute(sql`
      select site_id, bucket::text as day, n from analytics_rollup
       where dim = ${q.dim} and grain = 'd' and site_id = any(${uuidArray(r.siteIds)}) and bucket between ${from}::date and ${to}::date
         and measure = ${q.measure} and key = ${q.dim === 'all' ? '' : q.key}
       order by bucket desc`));
    const days = rolled.filter((d) => !isWaiting.has(`${d.site_id}|${d.day}`));
    // (the pupil table holds only its own measures: other measures by pupil read as none, waiting or not)
    if (waiting.length && (q.dim !== 'pupil' || (PUPIL_MEASURES as readonly string[]).includes(q.measure))) {
      const fresh = sourceSql({ kind: 'days', pairs: waiting.map((w) => ({ siteId: w.site_id, day: w.day })) }, r.filter);
      days.push(...rowsOf<{ site_id: string; day: string; n: number }>(await db.execute(sql`
        select s.site_id, s.day::text as day, count(*)::int as n from (${fresh}) s where s.m = ${q.measure} and ${keyCond} group by 1, 2`)));
    }
    const page = pageDays(days, offset, q.pageSize);
    known = page.total;
    if (page.pairs.length === 0) return { total: known, page: q.page, pageSize: q.pageSize, items: [] };
    src = sourceSql({ kind: 'days', pairs: page.pairs }, r.filter);
    offset -= page.skipped;
  }
  const rows = rowsOf<Row>(await db.execute(sql`
    select s.record_type, s.record_id, s.occurred_at::text as occurred_at, s.day::text as day, s.site_id, st.name as site_name,
           s.pupil as pupil_id,
           case when p.id is null then null else coalesce(p.preferred_forename, p.legal_forename) || ' ' || coalesce(p.preferred_surname, p.legal_surname) end as pupil_name,
           s.cats, s.loc, s.wp, u.display_name as staff_name, count(*) over ()::int as total
      from (${src}) s join sites st on st.id = s.site_id
      left join pupils p on p.id = s.pupil::uuid
      left join users u on u.id = s.staff::uuid
     where s.m = ${q.measure} and ${keyCond}
     order by s.day desc, s.occurred_at desc nulls last, s.record_id
     limit ${q.pageSize} offset ${offset}`));
  const total = known ?? rows[0]?.total ?? (offset > 0 ? await countOnly(db, src, q) : 0);
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((x) => ({
      recordType: x.record_type, recordId: x.record_id, occurredAt: x.occurred_at ? pgTimestampToIso(x.occurred_at) : null, occurredOn: x.day,
      siteId: x.site_id, siteName: x.site_name,
      pupil: x.pupil_id && x.pupil_name ? { id: x.pupil_id, name: x.pupil_name } : null,
      categoryCodes: x.cats.filter((c) => c !== ''), locationCode: x.loc || null, period: x.wp.split(':')[1] || null,
      categories: [], location: null, periodLabel: null,
      recordedBy: x.staff_name,
      link: x.record_type === 'incident' ? `/incidents/${x.record_id}` : x.pupil_id ? `/pupils/${x.pupil_id}` : '/',
    })),
  };
}

/**
 * The dates (newest first) holding records offset … offset + size − 1 of a figure, given its count per (site, date),
 * and how many records the newer dates before them hold.
 */
export function pageDays(days: readonly { site_id: string; day: string; n: number }[], offset: number, size: number) {
  let before = 0;
  let skipped = 0;
  const pairs: { siteId: string; day: string }[] = [];
  // every site's rows of one date go together: the page is ordered by date first
  const byDay = new Map<string, { n: number; sites: string[] }>();
  for (const d of days) {
    const e = byDay.get(d.day) ?? { n: 0, sites: [] };
    e.n += d.n;
    e.sites.push(d.site_id);
    byDay.set(d.day, e);
  }
  for (const day of [...byDay.keys()].sort().reverse()) {
    const { n, sites } = byDay.get(day)!;
    if (before + n > offset && before < offset + size) {
      if (pairs.length === 0) skipped = before;
      for (const siteId of sites) pairs.push({ siteId, day });
    }
    before += n;
  }
  return { total: before, pairs, skipped };
}

async function countOnly(db: Executor, src: ReturnType<typeof sourceSql>, q: TDrillDownQuery): Promise<number> {
  const keyCond = q.dim === 'all' ? sql`true` : q.dim === 'cat' ? sql`${q.key} = any(s.cats)` : sql`${sql.raw(`s.${q.dim}`)} = ${q.key}`;
  const r = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${src}) s where s.m = ${q.measure} and ${keyCond}`));
  return r[0]?.n ?? 0;
}
