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
import { sourceSql } from './analytics.source.ts';
import { rowsOf } from './analytics.repo.ts';
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
  const src = sourceSql({ kind: 'range', siteIds: r.siteIds, from, to }, r.filter);
  const keyCond = q.dim === 'all' ? sql`true`
    : q.dim === 'cat' ? sql`${q.key} = any(s.cats)`
      : sql`${sql.raw(`s.${q.dim}`)} = ${q.key}`;
  const offset = (q.page - 1) * q.pageSize;
  const rows = rowsOf<Row>(await db.execute(sql`
    select s.record_type, s.record_id, s.occurred_at::text as occurred_at, s.day::text as day, s.site_id, st.name as site_name,
           s.pupil as pupil_id,
           case when p.id is null then null else coalesce(p.preferred_forename, p.legal_forename) || ' ' || coalesce(p.preferred_surname, p.legal_surname) end as pupil_name,
           s.cats, s.loc, s.wp, u.display_name as staff_name, count(*) over ()::int as total
      from (${src}) s join sites st on st.id = s.site_id
      left join pupils p on p.id = s.pupil::uuid
      left join users u on u.id = s.staff::uuid
     where s.m = ${q.measure} and ${keyCond}
     order by s.occurred_at desc nulls last, s.record_id
     limit ${q.pageSize} offset ${offset}`));
  const total = rows[0]?.total ?? (offset > 0 ? await countOnly(db, src, q) : 0);
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((x) => ({
      recordType: x.record_type, recordId: x.record_id, occurredAt: x.occurred_at ? pgTimestampToIso(x.occurred_at) : null, occurredOn: x.day,
      siteId: x.site_id, siteName: x.site_name,
      pupil: x.pupil_id && x.pupil_name ? { id: x.pupil_id, name: x.pupil_name } : null,
      categoryCodes: x.cats.filter((c) => c !== ''), locationCode: x.loc || null, period: x.wp.split(':')[1] || null,
      recordedBy: x.staff_name,
      link: x.record_type === 'incident' ? `/incidents/${x.record_id}` : x.pupil_id ? `/pupils/${x.pupil_id}` : '/',
    })),
  };
}

async function countOnly(db: Executor, src: ReturnType<typeof sourceSql>, q: TDrillDownQuery): Promise<number> {
  const keyCond = q.dim === 'all' ? sql`true` : q.dim === 'cat' ? sql`${q.key} = any(s.cats)` : sql`${sql.raw(`s.${q.dim}`)} = ${q.key}`;
  const r = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${src}) s where s.m = ${q.measure} and ${keyCond}`));
  return r[0]?.n ?? 0;
}
