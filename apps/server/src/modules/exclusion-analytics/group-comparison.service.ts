/**
 * ANA-2 for incidents, physical interventions, sanctions and suspensions: per-pupil counts of one measure over the
 * resolved sites and dates, compared across pupil groups (group-comparison.rules). Detentions and isolations count
 * a pupil's places in sessions that were not cancelled, excused ones left out; suspensions and permanent exclusions
 * count issued records by start date (cancelled ones never count).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { TGroupComparison, TGroupComparisonQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Executor } from '../../core/db/client.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { schoolToday } from '../../core/time.ts';
import { resolve, type Resolved } from '../analytics/analytics.service.ts';
import { pupilDaysPerPupil, rowsOf } from '../analytics/analytics.repo.ts';
import { sourceSql, uuidArray } from '../analytics/analytics.source.ts';
import { compareGroups } from './group-comparison.rules.ts';

export type GroupMeasure = TGroupComparisonQuery['measure'];

type Window = Pick<Resolved, 'siteIds' | 'from' | 'to'>;

function perPupilSql(measure: GroupMeasure, w: Window): SQL {
  const sites = uuidArray(w.siteIds);
  const range = sql`between ${w.from}::date and ${w.to}::date`;
  switch (measure) {
    case 'inv': case 'pi':
      return sql`select s.pupil as pupil_id from (${sourceSql({ kind: 'range', siteIds: w.siteIds, from: w.from, to: w.to })}) s where s.m = ${measure}`;
    case 'detention':
      return sql`select a.pupil_id::text from detention_assignments a join detention_sessions s on s.id = a.session_id
                  where a.site_id = any(${sites}) and s.cancelled_at is null and a.status <> 'excused' and s.date ${range}`;
    case 'isolation':
      return sql`select a.pupil_id::text from isolation_pupils a join isolation_sessions s on s.id = a.session_id
                  where a.site_id = any(${sites}) and a.status <> 'excused' and s.date ${range}`;
    default:
      return sql`select x.pupil_id::text from exclusions x where x.site_id = any(${sites}) and x.status <> 'cancelled'
                  and ${measure === 'permanent' ? sql`x.category = 'permanent'` : sql`x.category in ('suspension', 'lunchtime')`} and x.start_date ${range}`;
  }
}

/** Pupil id → count of the measure over the window. */
export async function perPupilCounts(db: Executor, measure: GroupMeasure, w: Window): Promise<Map<string, number>> {
  const rows = rowsOf<{ p: string; n: number }>(await db.execute(sql`select pupil_id as p, count(*)::int as n from (${perPupilSql(measure, w)}) x group by 1`));
  return new Map(rows.map((r) => [r.p, r.n]));
}

/** Group rows for several measures over one window: the pupils and their pupil-days are read once. */
export async function groupRowsFor<M extends GroupMeasure>(db: Executor, r: Resolved, measures: readonly M[]): Promise<Record<M, TGroupComparison['rows']>> {
  const [pupils, ...counts] = await Promise.all([
    pupilDaysPerPupil(db, { siteIds: r.siteIds, from: r.from, to: r.to, filter: r.filter, rollup: false }),
    ...measures.map((m) => perPupilCounts(db, m, r)),
  ]);
  return Object.fromEntries(measures.map((m, i) => [m, compareGroups(pupils, counts[i]!, r.aggregateOnly)])) as Record<M, TGroupComparison['rows']>;
}

export async function groupRows(db: Executor, r: Resolved, measure: GroupMeasure): Promise<TGroupComparison['rows']> {
  return (await groupRowsFor(db, r, [measure]))[measure];
}

export async function groupComparison(deps: Deps, actor: Actor, q: TGroupComparisonQuery): Promise<TGroupComparison> {
  const db = deps.database.db;
  const r = await resolve(db, actor, q, schoolToday(deps));
  return { from: r.from, to: r.requestedTo, progress: r.progress, measure: q.measure, aggregateOnly: r.aggregateOnly, rows: await groupRows(db, r, q.measure) };
}
