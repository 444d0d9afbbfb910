/**
 * Support-intervention impact benchmark (issue 16, ANA-5): a synthetic 20-site trust (20,000 pupils, two academic
 * years of behaviour with BENCH_INTERVENTIONS_EVENTS events, a fiftieth of them incidents with involvements) with
 * 2,000 open interventions of three pupils each, started on school days of this autumn. The impact of every one of
 * them (each pupil's incidents per school day in the 6 school weeks before and after the start, per pupil and for the
 * group) through the real HTTP API as a trust-wide head, 20 times after warm-up: p95 under 300 ms on PostgreSQL. The
 * floor, in the same run: the same figures in one raw SQL statement (the windows as ranges of numbered school days,
 * found by equality joins; the counts joined in the database), whose totals the API's must equal.
 *   BENCH_INTERVENTIONS_EVENTS (500000)  BENCH_INTERVENTIONS_RUNS (20)  BENCH_INTERVENTIONS_FLOOR_RUNS (as many), taken in turn with the API's
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { englandTermDates, listSchoolDays } from '../apps/server/src/core/calendar/calendar.ts';
import { openPostgres, type Database } from '../apps/server/src/core/db/client.ts';
import { runMigrations } from '../apps/server/src/core/db/migrate.ts';
import { londonToday } from '../apps/server/src/core/time.ts';
import { percentile } from './lib/stats.ts';
import { BENCH_TRUST_ID, benchHeadUserId, generateTrust } from './lib/analytics-data.ts';
import { adminUrl, redact, startApp } from './lib/setup.ts';
import { int, sessionHeaders, type AnalyticsRow } from './analytics.ts';

const INTERVENTIONS = 2000;
const WEEKS = 6;
const T = `'${BENCH_TRUST_ID}'::uuid`;


/** 100 open interventions a site, three pupils each (different pupils), led by a member of its staff. */
export async function addInterventions(database: Database, starts: readonly string[]): Promise<void> {
  await database.exec(`
    set session_replication_role = replica;
    insert into support_intervention_types (id, trust_id, name, kind, default_weeks, measures, daily_points, daily_points_max)
      values (bench_uid('cico'), ${T}, 'Check-in/check-out', 'one_to_one', 6, '["daily_points","sdq"]', true, 10);
    create temp table bench_iv as
      select g, bench_uid('iv' || g) as id, s.id as site_id, (s.urn::int - 200000) as site_no, (g - 1) / 20 as k,
             ('{${starts.join(',')}}'::date[])[1 + (g * 7) % ${starts.length}] as start_date
        from generate_series(1, ${INTERVENTIONS}) g join sites s on s.trust_id = ${T} and (s.urn::int - 200000) = 1 + (g - 1) % 20;
    insert into support_interventions (id, trust_id, site_id, type_id, title, lead_user_id, start_date, planned_end_date, status, created_by)
      select id, ${T}, site_id, bench_uid('cico'), 'Check-in/check-out ' || g, bench_uid('user' || site_no || '-' || (g % 40)),
             start_date, start_date + 41, 'open', bench_uid('user' || site_no || '-0') from bench_iv;
    create temp table bench_site_pupils as
      select id, site_id, (row_number() over (partition by site_id order by id) - 1)::int as rn from pupils where trust_id = ${T};
    insert into support_intervention_pupils (intervention_id, pupil_id, trust_id, targets)
      select v.id, p.id, ${T}, '["Arrive on time"]' from bench_iv v join bench_site_pupils p on p.site_id = v.site_id and p.rn between v.k * 3 and v.k * 3 + 2;
    set session_replication_role = default;
    analyze;`);
}

/**
 * The floor: every open intervention's before and after counts and school days in one statement. The school days are
 * the trust's (one calendar for every site here), numbered; every calendar day of the span carries how many school
 * days fall before it and on or before it (a running count), so each window is a range of school-day numbers found
 * by equality joins: the 30 before the first school day on or after the start, and the 30 from it up to today, cut to
 * the numbers of the first school day on roll and the last. School days on roll are the range's length; incidents are
 * the involvements numbered by their day and joined by pupil within the range.
 */
export function floorSql(days: readonly string[], today: string): { text: string; params: unknown[] } {
  const n = WEEKS * 5;
  return {
    text: `
      with d as (select day, (row_number() over (order by day))::int as n from unnest($2::date[]) day),
      cal as (select g::date as day, (count(d.n) over w)::int as le, (count(d.n) over w)::int - (d.n is not null)::int as lt
                from generate_series($4::date, $5::date, interval '1 day') g left join d on d.day = g::date window w as (order by g)),
      m as (select i.id, ip.pupil_id, cs.lt + 1 as f, coalesce(ces.lt + 1, 1000000) as es_n,
                   coalesce(cee.le, case when p.enrolment_end is null then 1000000 else 0 end) as ee_n, (select le from cal where day = $3::date) as last
              from support_interventions i join support_intervention_pupils ip on ip.intervention_id = i.id join pupils p on p.id = ip.pupil_id
              join cal cs on cs.day = i.start_date
              left join cal ces on ces.day = greatest(p.enrolment_start, $4::date)
              left join cal cee on cee.day = least(p.enrolment_end, $5::date)
             where i.trust_id = $1 and i.status = 'open'),
      win as (select m.id, m.pupil_id, b.before,
                     greatest(case when b.before then m.f - ${n} else m.f end, m.es_n) as lo,
                     least(case when b.before then m.f - 1 else least(m.f + ${n - 1}, m.last) end, m.ee_n) as hi
                from m cross join (values (true), (false)) b(before)),
      inv as (select ip.pupil_id, d.n, count(*)::int as c from incident_pupils ip join incidents i on i.id = ip.incident_id join d on d.day = i.occurred_on
               where ip.role in ('involved', 'instigator') and i.voided_at is null and i.status <> 'draft' and i.trust_id = $1
                 and i.occurred_on between $4::date and $3::date group by 1, 2),
      cnt as (select win.id, win.before, sum(inv.c)::int as c from win join inv on inv.pupil_id = win.pupil_id and inv.n between win.lo and win.hi group by 1, 2),
      days as (select id, before, sum(greatest(0, hi - lo + 1))::int as school_days from win group by 1, 2)
      select days.id::text, days.before, days.school_days, coalesce(cnt.c, 0)::int as count
        from days left join cnt on cnt.id = days.id and cnt.before = days.before`,
    params: [BENCH_TRUST_ID, `{${days.join(',')}}`, today, days[0], days.at(-1)],
  };
}

/**
 * `runs` timings of the API and `floorRuns` of the floor, taken in turn after `warmup` of each (so a shared machine's
 * load falls on both alike), sorted; with the 1-minute load average at the start, middle and end.
 */
export async function interleaved(runs: number, floorRuns: number, warmup: number, api: () => Promise<void>, floor: () => Promise<void>) {
  for (let i = 0; i < warmup; i++) { await api(); await floor(); }
  const a: number[] = [];
  const f: number[] = [];
  const load = [os.loadavg()[0]!];
  const timed = async (fn: () => Promise<void>, out: number[]) => { const t0 = performance.now(); await fn(); out.push(performance.now() - t0); };
  for (let i = 0; i < Math.max(runs, floorRuns); i++) {
    if (i < runs) await timed(api, a);
    if (i < floorRuns) await timed(floor, f);
    if (i === Math.floor(Math.max(runs, floorRuns) / 2)) load.push(os.loadavg()[0]!);
  }
  load.push(os.loadavg()[0]!);
  return { api: a.sort((x, y) => x - y), floor: f.sort((x, y) => x - y), load };
}

interface Overview { items: { id: string; before: { count: number; schoolDays: number }; after: { count: number; schoolDays: number } }[] }

export async function interventionsBenchmark(): Promise<AnalyticsRow[]> {
  const base = adminUrl();
  const name = `haven_bench_iv_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try { await admin.connect(); } catch (e) {
    return [{ benchmark: 'support-intervention impact', database: 'postgres', runs: 0, p50: Number.NaN, p95: Number.NaN, floorRuns: 0, floorP50: null, floorP95: null,
      targets: `skipped: cannot connect to PostgreSQL at ${redact(base)} (${e instanceof Error ? e.message : String(e)})` }];
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const database = await openPostgres(u.toString(), { max: 20 });
  // the floor's session: PostgreSQL's defaults but for JIT, off as in the app (its misestimated joins cost seconds of compiling)
  const floorDb = await openPostgres(u.toString(), { max: 4, options: '-c jit=off' });
  const log = (s: string) => process.stdout.write(`  postgres: ${s}\n`);
  try {
    await runMigrations(database);
    const events = int('BENCH_INTERVENTIONS_EVENTS', 500_000);
    const t0 = performance.now();
    await generateTrust(database, { sites: 20, pupils: 20_000, events, firstYear: 2025, years: 2 });
    const today = londonToday();
    const cal = englandTermDates(2026);
    const starts = listSchoolDays(cal, '2026-09-14', today < '2026-11-27' ? today : '2026-11-27');
    await addInterventions(database, starts);
    log(`generated 20 sites, 20,000 pupils, ${events.toLocaleString('en-GB')} events and ${INTERVENTIONS.toLocaleString('en-GB')} open interventions in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const days = [...listSchoolDays(englandTermDates(2025), '2025-09-01', '2026-08-31'), ...listSchoolDays(cal, '2026-09-01', '2027-08-31')];

    const app = await startApp(database);
    const headers = await sessionHeaders(database, await benchHeadUserId(database));
    const runs = int('BENCH_INTERVENTIONS_RUNS', 20);
    try {
      let last: Overview | null = null;
      const callApi = async () => {
        const res = await fetch(`${app.baseUrl}/api/v1/support-interventions/impact?weeks=${WEEKS}`, { headers });
        if (res.status !== 200) throw new Error(`impact answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        last = await res.json() as Overview;
      };
      const floor = floorSql(days, today);
      let floorRows: { id: string; before: boolean; school_days: number; count: number }[] = [];
      const callFloor = async () => { floorRows = await floorDb.query(floor.text, floor.params); };
      // API and floor in turn, so that both meet the same load on a shared machine
      const { api, floor: f, load } = await interleaved(runs, int('BENCH_INTERVENTIONS_FLOOR_RUNS', runs), 3, callApi, callFloor);
      log(`load average during the runs (1 min): ${load.map((l) => l.toFixed(1)).join(' → ')} on ${os.cpus().length} cores`);
      // the two must agree: the same counts and school days, summed over every intervention
      const got = (last as Overview | null)?.items ?? [];
      const sum = (k: 'before' | 'after', p: 'count' | 'schoolDays') => got.reduce((s, i) => s + i[k][p], 0);
      const fsum = (before: boolean, p: 'count' | 'school_days') => floorRows.filter((r) => r.before === before).reduce((s, r) => s + Number(r[p]), 0);
      const agree = got.length === INTERVENTIONS && sum('before', 'count') === fsum(true, 'count') && sum('after', 'count') === fsum(false, 'count')
        && sum('before', 'schoolDays') === fsum(true, 'school_days') && sum('after', 'schoolDays') === fsum(false, 'school_days');
      log(`API: ${got.length} interventions, before ${sum('before', 'count')} incidents in ${sum('before', 'schoolDays')} pupil school days, after ${sum('after', 'count')} in ${sum('after', 'schoolDays')}; floor ${fsum(true, 'count')}/${fsum(true, 'school_days')} and ${fsum(false, 'count')}/${fsum(false, 'school_days')}`);
      const p95 = percentile(api, 95);
      const row: AnalyticsRow = {
        benchmark: `impact of ${INTERVENTIONS.toLocaleString('en-GB')} open interventions, 20 sites, ${WEEKS} weeks each side`, database: 'postgres', runs,
        p50: percentile(api, 50), p95, floorRuns: f.length, floorP50: percentile(f, 50), floorP95: percentile(f, 95),
        targets: `${p95 < 300 ? 'MET' : 'NOT MET'}: p95 < 300 ms; ${agree ? 'same figures as the floor' : 'FIGURES DIFFER FROM THE FLOOR'}; load average ${load.map((l) => l.toFixed(1)).join('→')}`,
      };
      log(`impact: p50 ${row.p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; floor p50 ${row.floorP50!.toFixed(1)} ms, p95 ${row.floorP95!.toFixed(1)} ms`);
      return [row];
    } finally { await app.close(); }
  } finally {
    await floorDb.close();
    await database.close();
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  }
}
