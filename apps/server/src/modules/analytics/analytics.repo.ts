/**
 * Analytics queries. Every read takes the caller's site ids (already limited to their scope by the service). Counts
 * come from the rollup (rollup: true) or from the same source SQL over the records (rollup: false: filtered views,
 * the benchmark's naive floor and the tests' cross-check); both return the same shape.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { monthBuckets, signedBuckets, type Granularity, type RangeBuckets } from './analytics.rules.ts';
import { pupilCondition, sourceSql, uuidArray, type Dim, type SourceFilter } from './analytics.source.ts';
import { addDays } from '../../core/calendar/calendar.ts';

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface CountQuery {
  siteIds: readonly string[]; from: string; to: string; filter: SourceFilter; rollup: boolean;
  /** The range holds every record of the sites (holdsEveryRecord): read the all-time rows. */
  allTime?: boolean;
}
export interface CountRow { measure: string; key: string; n: number }

/** The bucket of the all-time rows (grain 'a'): the sums of every academic year's rows. */
export const ALL_TIME = '1900-01-01';

/**
 * The coarser grains, each with the bucket a row of the finer grain before it (d → m → y → a) falls in: every
 * rollup table's refresh and rebuild carry rows up by these, so months, years and all time mean one thing.
 */
export const COARSER_GRAINS: readonly { grain: 'm' | 'y' | 'a'; from: 'd' | 'm' | 'y'; bucket: SQL }[] = [
  { grain: 'm', from: 'd', bucket: sql.raw(`date_trunc('month', bucket)::date`) },
  { grain: 'y', from: 'm', bucket: sql.raw(`make_date(extract(year from bucket)::int - case when extract(month from bucket) < 9 then 1 else 0 end, 9, 1)`) },
  { grain: 'a', from: 'y', bucket: sql.raw(`'${ALL_TIME}'::date`) },
];

/** Every grain (a text[] parameter): what a rebuild deletes of a site, reaching its rows through the (grain, site) index. */
export const GRAINS = sql`${`{d,${COARSER_GRAINS.map((g) => g.grain).join(',')}}`}::text[]`;

const dateArray = (dates: readonly string[]) => sql`${`{${dates.join(',')}}`}::date[]`;

/** One piece of a range: the rows of one grain whose bucket meets `cond`, counted with `sign`. */
export type Piece = (grain: 'a' | 'y' | 'm' | 'd', cond: SQL, sign: 1 | -1) => SQL;

/**
 * The rollup pieces covering [from, to] exactly once: academic years (less their parts outside the range, counted
 * negatively), whole months and edge days; or the all-time rows when the range holds every record; or, for a monthly
 * series, months and days only (monthBuckets: a year's or all time's row cannot say which month its records fell in,
 * so whole years and all time are read as their months). Shared by every rollup table.
 */
export function rangePieces(q: CountQuery, piece: Piece, opts: { months?: boolean } = {}): SQL[] {
  if (q.allTime && !opts.months) return [piece('a', sql`r.bucket = ${ALL_TIME}::date`, 1)];
  const parts: SQL[] = [];
  const add = (b: RangeBuckets, sign: 1 | -1) => {
    if (b.years.length) parts.push(piece('y', sql`r.bucket = any(${dateArray(b.years)})`, sign));
    if (b.months.length) parts.push(piece('m', sql`r.bucket = any(${dateArray(b.months)})`, sign));
    for (const [a, z] of b.days) parts.push(piece('d', sql`r.bucket between ${a}::date and ${z}::date`, sign));
  };
  if (opts.months) {
    add(monthBuckets(q.from, q.to), 1);
  } else {
    const b = signedBuckets(q.from, q.to);
    if (b.years.length) parts.push(piece('y', sql`r.bucket = any(${dateArray(b.years)})`, 1));
    add(b.plus, 1);
    add(b.minus, -1);
  }
  return parts;
}

/**
 * Rollup rows of one dimension covering [from, to] exactly once, as (measure, key, site_id, bucket, n). One index
 * range scan per piece on the primary key (dim, grain, site_id, bucket, …).
 */
function rollupRows(dim: Dim, q: CountQuery, opts: { months?: boolean } = {}): SQL {
  const sites = uuidArray(q.siteIds);
  const parts = rangePieces(q, (grain, cond, sign) => sql`
    select r.measure, r.key, r.site_id, r.bucket, ${sql.raw(sign === 1 ? 'r.n' : '-r.n')} as n from analytics_rollup r
     where r.dim = ${dim} and r.grain = ${grain} and r.site_id = any(${sites}) and ${cond}`, opts);
  if (parts.length === 0) return sql`(select null::text as measure, null::text as key, null::uuid as site_id, null::date as bucket, 0 as n where false)`;
  return sql`(${sql.join(parts, sql` union all `)})`;
}

/**
 * Does [from, to] hold every record of these sites that the rollup counts? True when `from` is on or before the
 * first academic year with any and `to` on or after the last date with any: then the all-time rows answer it. Two
 * index probes a site.
 */
export async function holdsEveryRecord(db: Executor, siteIds: readonly string[], from: string, to: string): Promise<boolean> {
  const r = rowsOf<{ first: string | null; last: string | null }>(await db.execute(sql`
    select min(f.b)::text as first, max(l.b)::text as last from unnest(${uuidArray(siteIds)}) s(id)
      cross join lateral (select min(bucket) as b from analytics_rollup where dim = 'all' and grain = 'y' and site_id = s.id) f
      cross join lateral (select max(bucket) as b from analytics_rollup where dim = 'all' and grain = 'd' and site_id = s.id) l`))[0];
  return !!r?.first && !!r.last && r.first >= from && r.last <= to;
}

function rawKey(dim: Dim, q: CountQuery): { from: SQL; key: SQL; where: SQL } {
  if (dim === 'cat') {
    return { from: sql`cross join lateral unnest(s.cats) c`, key: sql`c`, where: q.filter.categoryCode ? sql`c = ${q.filter.categoryCode}` : sql`true` };
  }
  if (dim === 'all') return { from: sql``, key: sql`''`, where: sql`true` };
  return { from: sql``, key: sql.raw(`s.${dim}`), where: sql.raw(`s.${dim} is not null`) };
}

/**
 * Counts per measure and key of one dimension over the range; with `top`, only the `top` keys with most of all
 * measures together (then by key), as the dashboard lists them.
 */
export async function countsBy(db: Executor, dim: Dim, q: CountQuery, top?: number): Promise<CountRow[]> {
  let counts: SQL;
  if (q.rollup) {
    counts = sql`select r.measure, r.key, sum(r.n)::int as n from ${rollupRows(dim, q)} r group by r.measure, r.key having sum(r.n) <> 0`;
  } else {
    const k = rawKey(dim, q);
    counts = sql`
      select s.m as measure, ${k.key} as key, count(*)::int as n
        from (${sourceSql({ kind: 'range', siteIds: q.siteIds, from: q.from, to: q.to }, q.filter)}) s ${k.from}
       where ${k.where} group by 1, 2`;
  }
  if (top === undefined) return rowsOf<CountRow>(await db.execute(counts));
  return rowsOf<CountRow>(await db.execute(sql`
    with c as materialized (${counts}),
    best as (select key from c group by key order by sum(n) desc, key collate "C" limit ${top})
    select c.measure, c.key, c.n from c join best on best.key = c.key`));
}

/** Counts per measure and site (the comparison between sites). */
export async function countsBySite(db: Executor, q: CountQuery): Promise<CountRow[]> {
  if (q.rollup) {
    return rowsOf<CountRow>(await db.execute(sql`
      select r.measure, r.site_id::text as key, sum(r.n)::int as n from ${rollupRows('all', q)} r group by 1, 2 having sum(r.n) <> 0`));
  }
  return rowsOf<CountRow>(await db.execute(sql`
    select s.m as measure, s.site_id::text as key, count(*)::int as n
      from (${sourceSql({ kind: 'range', siteIds: q.siteIds, from: q.from, to: q.to }, q.filter)}) s group by 1, 2`));
}

const TRUNC: Record<Granularity, string> = { day: 'day', week: 'week', month: 'month' };

/** Counts per time bucket (the first date of the day, Monday week or month) and measure. */
export async function seriesCounts(db: Executor, granularity: Granularity, q: CountQuery): Promise<{ bucket: string; measure: string; n: number }[]> {
  const g = sql.raw(`'${TRUNC[granularity]}'`);
  if (!q.rollup) {
    return rowsOf(await db.execute(sql`
      select date_trunc(${g}, s.day)::date::text as bucket, s.m as measure, count(*)::int as n
        from (${sourceSql({ kind: 'range', siteIds: q.siteIds, from: q.from, to: q.to }, q.filter)}) s group by 1, 2 order by 1`));
  }
  const rows = granularity === 'month' ? rollupRows('all', q, { months: true })
    : sql`(select r.measure, r.bucket, r.n from analytics_rollup r
            where r.dim = 'all' and r.grain = 'd' and r.site_id = any(${uuidArray(q.siteIds)}) and r.bucket between ${q.from}::date and ${q.to}::date)`;
  return rowsOf(await db.execute(sql`
    select date_trunc(${g}, r.bucket)::date::text as bucket, r.measure, sum(r.n)::int as n
      from ${rows} r group by 1, 2 order by 1`));
}

/**
 * Pupil-days per time bucket (SPEC §9): the sum over the bucket's school days of the pupils on roll that day at each
 * site, enrolment dates respected; and the school days (dates that are a school day at one or more of the sites).
 * Pupils on roll per day come from the calendar (kept by the refresh: callers with rollup set have refreshed), or, for a
 * filtered group, from one ordered pass over its enrolment starts and ends.
 */
export async function pupilDaysSeries(db: Executor, granularity: Granularity | 'all', q: CountQuery): Promise<{ bucket: string; pupilDays: number; schoolDays: number }[]> {
  const pc = pupilCondition(q.filter.pupil);
  const bucket = granularity === 'all' ? sql`${q.from}::date` : sql`date_trunc(${sql.raw(`'${TRUNC[granularity]}'`)}, day)::date`;
  const sites = uuidArray(q.siteIds);
  if (q.rollup && !pc) {
    // every pupil, and the caller refreshed: the calendar's pupils on roll, summed over the school days
    return rowsOf(await db.execute(sql`
      select ${bucket}::text as bucket, coalesce(sum(roll), 0)::int as "pupilDays", count(*)::int as "schoolDays"
        from (select day, sum(on_roll) as roll from analytics_calendar
               where site_id = any(${sites}) and school_day and day between ${q.from}::date and ${q.to}::date group by day) per_day
       group by 1 order by 1`));
  }
  const pupils = sql`pupils p where p.site_id = any(${sites}) and p.enrolment_start <= ${q.to}::date
    -- a leaving date before the joining date means never on roll (not minus one pupil in between)
    and (p.enrolment_end is null or p.enrolment_end >= p.enrolment_start) ${pc ? sql`and ${pc}` : sql``}`;
  return rowsOf(await db.execute(sql`
    with ev as (select site_id, day, sum(c)::int as c from (
                  select p.site_id, p.enrolment_start as day, 1 as c from ${pupils}
                  union all select p.site_id, p.enrolment_end + 1, -1 from ${pupils} and p.enrolment_end is not null) x
                group by 1, 2),
    merged as (select site_id, day, c, 0 as k from ev
               union all select site_id, day, 0, 1 from analytics_calendar
                where site_id = any(${sites}) and school_day and day between ${q.from}::date and ${q.to}::date),
    run as (select day, k, sum(c) over (partition by site_id order by day, k rows unbounded preceding) as roll from merged),
    per_day as (select day, sum(roll) as roll from run where k = 1 group by day)
    select ${bucket}::text as bucket, coalesce(sum(roll), 0)::int as "pupilDays", count(*)::int as "schoolDays"
      from per_day group by 1 order by 1`));
}

export interface PupilDaysRow {
  pupilId: string; siteId: string; yearGroup: number; senStatus: string; pupilPremium: boolean; fsm: boolean;
  lookedAfter: boolean; eal: boolean; sex: string; ethnicity: string | null; pupilDays: number;
}

/** Pupil-days of each pupil of the sites over the range: school days from max(from, start) to min(to, end). */
function perPupilSql(q: CountQuery, onlyIds?: readonly string[]): SQL {
  const pc = pupilCondition(q.filter.pupil);
  return sql`
    with pp as (
      select p.*, greatest(${q.from}::date, p.enrolment_start) as lo, least(${q.to}::date, coalesce(p.enrolment_end, ${q.to}::date)) as hi
        from pupils p where p.site_id = any(${uuidArray(q.siteIds)}) ${pc ? sql`and ${pc}` : sql``}
         ${onlyIds ? sql`and p.id = any(${uuidArray(onlyIds)})` : sql``}),
    span as (select site_id, min(day) as first, max(day) as last from analytics_calendar where site_id = any(${uuidArray(q.siteIds)}) group by site_id)
    select pp.*, greatest(0, coalesce(h.cum, 0) - coalesce(l.cum, 0))::int as pupil_days
      from pp left join span on span.site_id = pp.site_id
      -- school days up to a date = the calendar's running count at that date (clamped to the calendar; before it: 0)
      left join analytics_calendar h on h.site_id = pp.site_id and h.day = least(pp.hi, span.last) and pp.hi >= span.first
      left join analytics_calendar l on l.site_id = pp.site_id and l.day = least(pp.lo - 1, span.last) and pp.lo - 1 >= span.first`;
}

export async function pupilDaysPerPupil(db: Executor, q: CountQuery, onlyIds?: readonly string[]): Promise<PupilDaysRow[]> {
  if (onlyIds && onlyIds.length === 0) return [];
  return rowsOf<PupilDaysRow>(await db.execute(sql`
    select x.id as "pupilId", x.site_id as "siteId", x.year_group as "yearGroup", x.sen_status as "senStatus",
           x.pupil_premium as "pupilPremium", x.fsm, x.looked_after as "lookedAfter", x.eal, x.sex, x.ethnicity, x.pupil_days as "pupilDays"
      from (${perPupilSql(q, onlyIds)}) x`));
}

/**
 * Pupil-days per site and year group (the dashboard's denominators for sites and year groups): pupils who share a
 * site, year group and enrolment dates are looked up in the calendar once, as a group.
 */
export async function pupilDaysBySiteAndYear(db: Executor, q: CountQuery): Promise<{ siteId: string; yearGroup: number; pupilDays: number }[]> {
  const pc = pupilCondition(q.filter.pupil);
  const sites = uuidArray(q.siteIds);
  return rowsOf(await db.execute(sql`
    with pp as (
      select p.site_id, p.year_group, greatest(${q.from}::date, p.enrolment_start) as lo,
             least(${q.to}::date, coalesce(p.enrolment_end, ${q.to}::date)) as hi, count(*)::int as pupils
        from pupils p where p.site_id = any(${sites}) and p.enrolment_start <= ${q.to}::date ${pc ? sql`and ${pc}` : sql``} group by 1, 2, 3, 4),
    -- the calendar's ends per site (two index probes each), and only the dates a lookup below can land on: a clamped
    -- date outside [from − 1, to] is a calendar end before the range (both lookups then give the same count) or a
    -- leaving date before it (no school days in the range: the difference is at most nought)
    span as (select s.id as site_id, (select min(day) from analytics_calendar c where c.site_id = s.id) as first,
                    (select max(day) from analytics_calendar c where c.site_id = s.id) as last from unnest(${sites}) s(id)),
    cal as (select site_id, day, cum from analytics_calendar where site_id = any(${sites}) and day between ${q.from}::date - 1 and ${q.to}::date)
    select pp.site_id as "siteId", pp.year_group as "yearGroup",
           sum(pp.pupils * greatest(0, coalesce(h.cum, 0) - coalesce(l.cum, 0)))::int as "pupilDays"
      from pp left join span on span.site_id = pp.site_id
      left join cal h on h.site_id = pp.site_id and h.day = least(pp.hi, span.last) and pp.hi >= span.first
      left join cal l on l.site_id = pp.site_id and l.day = least(pp.lo - 1, span.last) and pp.lo - 1 >= span.first
     group by 1, 2`));
}

/** Pupils' year groups and names (names only for callers who may see them). */
export async function pupilsByIds(db: Executor, ids: readonly string[]): Promise<{ id: string; name: string; yearGroup: number; siteId: string }[]> {
  if (ids.length === 0) return [];
  return rowsOf(await db.execute(sql`
    select id, coalesce(preferred_forename, legal_forename) || ' ' || coalesce(preferred_surname, legal_surname) as name, year_group as "yearGroup", site_id as "siteId"
      from pupils where id = any(${uuidArray(ids)})`));
}

export async function userNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const valid = ids.filter((x) => /^[0-9a-f-]{36}$/i.test(x));
  if (valid.length === 0) return new Map();
  const rows = rowsOf<{ id: string; name: string }>(await db.execute(sql`select id, display_name as name from users where id = any(${uuidArray(valid)})`));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function sitesOfTrust(db: Executor, trustId: string): Promise<{ id: string; name: string }[]> {
  return rowsOf(await db.execute(sql`select id, name from sites where trust_id = ${trustId}::uuid order by name`));
}

/** Labels of the trust's categories (with polarity), locations and periods: the site's entry, else the trust's. */
export async function labels(db: Executor, trustId: string): Promise<{ kind: string; code: string; label: string; polarity: string | null }[]> {
  return rowsOf(await db.execute(sql`
    select distinct on (kind, code) kind, code, label, polarity from (
      select 'cat' as kind, code, name as label, polarity, site_id from behaviour_categories where trust_id = ${trustId}::uuid
      union all select kind, code, label, null, site_id from policy_options where trust_id = ${trustId}::uuid and kind in ('location', 'period', 'technique')
    ) x order by kind, code, site_id is not null`));
}

export async function termDates(db: Executor, trustId: string, termId: string): Promise<{ startDate: string; endDate: string } | undefined> {
  return rowsOf<{ startDate: string; endDate: string }>(await db.execute(sql`
    select start_date::text as "startDate", end_date::text as "endDate" from terms where id = ${termId}::uuid and trust_id = ${trustId}::uuid`))[0];
}

/** Does one of the trust's terms (trust-wide or a site's) run exactly from `from` to `to`? (The wording of a note.) */
export async function isTermRange(db: Executor, trustId: string, from: string, to: string): Promise<boolean> {
  return rowsOf(await db.execute(sql`
    select 1 from terms where trust_id = ${trustId}::uuid and start_date = ${from}::date and end_date = ${to}::date limit 1`)).length > 0;
}

/**
 * The last date of the first `n` school days of [from, to] (dates that are a school day at one or more of the sites,
 * as the dashboards count school days), running on to the day before the next school day so that a weekend or a
 * holiday after them goes with them; `to` when the range has no more than `n`. With n = 0: the day before its first
 * school day. A period in progress is compared with this much of the period before (SPEC §9).
 */
export async function endAfterSchoolDays(db: Executor, siteIds: readonly string[], from: string, to: string, n: number): Promise<string> {
  const next = rowsOf<{ day: string }>(await db.execute(sql`
    select day::text as day from (select distinct day from analytics_calendar
      where site_id = any(${uuidArray(siteIds)}) and school_day and day between ${from}::date and ${to}::date) d
     order by day offset ${n} limit 1`))[0];
  return next ? addDays(next.day, -1) : to;
}

/** The trust's lesson periods in timetable order (start time, then the policy's order): the heatmap's columns. */
export async function timetable(db: Executor, trustId: string): Promise<{ code: string; label: string }[]> {
  return rowsOf(await db.execute(sql`
    select code, label from (
      select distinct on (code) code, label, details->>'start' as start, sort_order from policy_options
       where trust_id = ${trustId}::uuid and kind = 'period' and active order by code, site_id is not null) x
     order by start nulls last, sort_order, code`));
}

/** ISO weekdays (1 = Monday) that are a school day at one or more of the sites in [from, to]: the heatmap's rows. */
export async function schoolWeekdays(db: Executor, siteIds: readonly string[], from: string, to: string): Promise<number[]> {
  return rowsOf<{ d: number }>(await db.execute(sql`
    select distinct extract(isodow from day)::int as d from analytics_calendar
     where site_id = any(${uuidArray(siteIds)}) and school_day and day between ${from}::date and ${to}::date order by 1`)).map((r) => Number(r.d));
}
