/**
 * Analytics benchmark (issue 5): a synthetic trust — 20 sites, 20,000 pupils, 5,000,000 behaviour events (plus
 * 100,000 incidents with involvements and physical interventions) over 5 academic years — on PostgreSQL; the trust
 * dashboard for one year and for five, one site's dashboard and a drill-down, each through the real HTTP API, 20
 * times after warm-up (p50, p95). The floor, in the same run: the naive SQL for the same figures — the same GROUP BYs
 * over the raw record tables, no rollup. Then the governors' termly PDF for the whole trust (target under 5 s), and
 * everything again on PGlite at 500,000 events. BENCH_ANALYTICS_KEEP_DB=<name> keeps the generated trust for re-runs.
 *   BENCH_ANALYTICS_EVENTS (5000000)  BENCH_ANALYTICS_PGLITE_EVENTS (500000)  BENCH_ANALYTICS_RUNS (20)
 *   BENCH_ANALYTICS_FLOOR_RUNS (5: the naive floor takes seconds a run)  BENCH_DB (postgres | pglite | both)
 */
import { performance } from 'node:perf_hooks';
import { SESSION_COOKIE, CSRF_COOKIE, hashSecret, newSecret } from '../apps/server/src/modules/auth/tokens.ts';
import { insertSession } from '../apps/server/src/modules/auth/auth.repo.ts';
import { openPglite, openPostgres, type Database } from '../apps/server/src/core/db/client.ts';
import { runMigrations } from '../apps/server/src/core/db/migrate.ts';
import { rebuildAnalytics } from '../apps/server/src/modules/analytics/analytics.rebuild.ts';
import { computeDashboard, type Resolved } from '../apps/server/src/modules/analytics/analytics.service.ts';
import { percentile } from './lib/stats.ts';
import { BENCH_TRUST_ID, benchHeadUserId, generateTrust, type TrustShape } from './lib/analytics-data.ts';
import { adminUrl, redact, startApp } from './lib/setup.ts';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export interface AnalyticsRow {
  benchmark: string; database: string; runs: number; p50: number; p95: number;
  floorRuns: number; floorP50: number | null; floorP95: number | null; targets: string;
}

export const int = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

export async function time(n: number, warmup: number, fn: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

interface Case { name: string; url: string; floor: Resolved | null }

/**
 * A GET that is tried once more when the kept-alive connection was closed under it: after a long floor run the
 * server's keep-alive timeout can close the idle socket just as the next request goes out (ECONNRESET).
 */
async function fetchAgain(url: string, headers: Record<string, string>): Promise<Response> {
  try {
    return await fetch(url, { headers });
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw e;
    return fetch(url, { headers });
  }
}

export async function sessionHeaders(database: Database, userId: string): Promise<Record<string, string>> {
  const token = newSecret();
  const csrf = newSecret();
  await insertSession(database.db, { trustId: BENCH_TRUST_ID, userId, tokenHash: hashSecret(token), csrfToken: csrf, expiresAt: new Date(Date.now() + 8 * 3_600_000), ip: null, userAgent: 'bench' });
  return { cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}` };
}

async function runOn(kind: 'postgres' | 'pglite', database: Database, shape: TrustShape, reuse = false, floorDb: Database = database): Promise<AnalyticsRow[]> {
  const log = (s: string) => process.stdout.write(`  ${kind}: ${s}\n`);
  await runMigrations(database);
  let days: string[];
  const kept = reuse && (await database.query<{ n: number }>('select count(*)::int as n from trusts where id = $1', [BENCH_TRUST_ID]))[0]?.n;
  if (kept) {
    days = (await database.query<{ d: string }>(`select day::text as d from analytics_calendar where trust_id = $1 and school_day group by day order by day`, [BENCH_TRUST_ID])).map((r) => r.d);
    log(`reusing the trust already generated in this database (${days.length} school days)`);
  } else {
    let t0 = performance.now();
    ({ days } = await generateTrust(database, shape));
    log(`generated ${shape.events.toLocaleString('en-GB')} events, ${shape.pupils.toLocaleString('en-GB')} pupils, ${shape.sites} sites in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    t0 = performance.now();
    const rebuilt = await rebuildAnalytics(database);
    const rollupRows = (await database.query<{ n: number }>('select count(*)::int as n from analytics_rollup'))[0]?.n ?? 0;
    log(`rollup built from the records in ${((performance.now() - t0) / 1000).toFixed(0)} s (${rebuilt.days} site-days, ${rollupRows.toLocaleString('en-GB')} rows)`);
    await database.exec('analyze');
  }

  const sites = (await database.query<{ id: string; name: string }>(`select id::text, name from sites where trust_id = $1 order by urn`, [BENCH_TRUST_ID]));
  const lastYear = { from: `${shape.firstYear + shape.years - 1}-09-01`, to: days.at(-1)! };
  const allYears = { from: `${shape.firstYear}-09-01`, to: days.at(-1)! };
  const site = sites[0]!;
  const resolved = (siteIds: string[], r: { from: string; to: string }): Resolved => ({
    siteIds, sites: sites.filter((s) => siteIds.includes(s.id)), from: r.from, to: r.to, filter: {}, aggregateOnly: false, rollup: false,
    requestedTo: r.to, progress: { figuresTo: r.to, inProgress: false, note: null },
  });
  const all = sites.map((s) => s.id);
  const cases: Case[] = [
    { name: 'trust dashboard, one year', url: `/api/v1/analytics/dashboard?from=${lastYear.from}&to=${lastYear.to}`, floor: resolved(all, lastYear) },
    { name: 'trust dashboard, five years', url: `/api/v1/analytics/dashboard?from=${allYears.from}&to=${allYears.to}`, floor: resolved(all, allYears) },
    { name: "one site's dashboard, one year", url: `/api/v1/analytics/dashboard?from=${lastYear.from}&to=${lastYear.to}&siteIds=${site.id}`, floor: resolved([site.id], lastYear) },
    { name: 'drill-down: a heatmap cell, one site, one year (first 50)', url: `/api/v1/analytics/drill-down?from=${lastYear.from}&to=${lastYear.to}&siteIds=${site.id}&measure=neg&dim=wp&key=2:P2`, floor: null },
  ];

  const app = await startApp(database);
  const headers = await sessionHeaders(database, await benchHeadUserId(database));
  const runs = int('BENCH_ANALYTICS_RUNS', 20);
  const floorRuns = int('BENCH_ANALYTICS_FLOOR_RUNS', 5);
  const rows: AnalyticsRow[] = [];
  try {
    for (const c of cases) {
      const get = async () => {
        const res = await fetchAgain(`${app.baseUrl}${c.url}`, headers);
        if (res.status !== 200) throw new Error(`${c.url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        await res.arrayBuffer();
      };
      const api = await time(runs, 3, get);
      let floor: number[] = [];
      if (c.floor) {
        const r = c.floor;
        floor = await time(floorRuns, 1, async () => { await computeDashboard(floorDb.db, r, 'month', BENCH_TRUST_ID); });
      } else {
        // the naive drill-down: the same rows straight from behaviour_events, newest first, with the total
        floor = await time(runs, 3, async () => {
          await database.query(`select e.id, e.occurred_at, count(*) over () from behaviour_events e
            where e.site_id = $1 and e.occurred_on between $2 and $3 and e.voided_at is null and e.polarity = 'negative'
              and extract(isodow from e.occurred_on) = 2 and coalesce(e.period_code, '') = 'P2'
            order by e.occurred_at desc limit 50`, [site.id, lastYear.from, lastYear.to]);
        });
      }
      const p95 = percentile(api, 95);
      const f95 = floor.length ? percentile(floor, 95) : null;
      const targets = c.floor
        ? `${f95 !== null && p95 <= 0.25 * f95 ? 'MET' : 'NOT MET'}: p95 ≤ 0.25 × floor; ${p95 < 300 ? 'MET' : 'NOT MET'}: p95 < 300 ms`
        : `${p95 < 300 ? 'MET' : 'NOT MET'}: p95 < 300 ms`;
      rows.push({ benchmark: c.name, database: kind, runs, p50: percentile(api, 50), p95, floorRuns: floor.length, floorP50: floor.length ? percentile(floor, 50) : null, floorP95: f95, targets });
      log(`${c.name}: p50 ${percentile(api, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; floor p50 ${floor.length ? percentile(floor, 50).toFixed(0) : '–'} ms`);
    }
    // the governors' termly PDF for the whole trust (ANA-7): target under 5 s
    const [term] = await database.query<{ id: string }>(`select id::text from terms where trust_id = $1 and site_id is null order by start_date desc limit 1`, [BENCH_TRUST_ID]);
    if (term) {
      const pdf = await time(Math.min(runs, 5), 1, async () => {
        const res = await fetchAgain(`${app.baseUrl}/api/v1/reports/governors?termId=${term.id}`, headers);
        if (res.status !== 200 || res.headers.get('content-type') !== 'application/pdf') throw new Error(`governors' report answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        await res.arrayBuffer();
      });
      rows.push({ benchmark: "governors' termly PDF, whole trust, last half-term", database: kind, runs: pdf.length, p50: percentile(pdf, 50), p95: percentile(pdf, 95), floorRuns: 0, floorP50: null, floorP95: null, targets: `${percentile(pdf, 95) < 5000 ? 'MET' : 'NOT MET'}: under 5 s` });
      log(`governors' PDF: p50 ${percentile(pdf, 50).toFixed(0)} ms, p95 ${percentile(pdf, 95).toFixed(0)} ms`);
    }
    // the cost of keeping the rollup exact: one changed event, then the next dashboard (refresh of one dirty day
    // included); warmed up like the other cases (the process's first refresh also makes its temporary tables)
    const [one] = await database.query<{ id: string }>(`select id::text from behaviour_events where trust_id = $1 limit 1`, [BENCH_TRUST_ID]);
    const after = await time(Math.min(runs, 10), 2, async () => {
      await database.query(`update behaviour_events set note = coalesce(note, '') || '.' where id = $1`, [one!.id]);
      const res = await fetch(`${app.baseUrl}${cases[0]!.url}`, { headers });
      await res.arrayBuffer();
    });
    rows.push({ benchmark: 'trust dashboard, one year, just after a change (re-materialises one day)', database: kind, runs: after.length, p50: percentile(after, 50), p95: percentile(after, 95), floorRuns: 0, floorP50: null, floorP95: null, targets: `${percentile(after, 95) < 300 ? 'MET' : 'NOT MET'}: p95 < 300 ms` });
  } finally {
    await app.close();
  }
  return rows;
}

async function pgliteRows(): Promise<AnalyticsRow[]> {
  const database = await openPglite(undefined);
  try {
    return await runOn('pglite', database, { sites: 20, pupils: 20_000, events: int('BENCH_ANALYTICS_PGLITE_EVENTS', 500_000), firstYear: 2021, years: 5 });
  } finally {
    await database.close();
  }
}

export async function analyticsBenchmark(): Promise<AnalyticsRow[]> {
  const kinds = process.env.BENCH_DB ? [process.env.BENCH_DB] : ['postgres', 'pglite'];
  const rows: AnalyticsRow[] = [];
  const shape = (events: number): TrustShape => ({ sites: 20, pupils: 20_000, events, firstYear: 2021, years: 5 });
  if (kinds.includes('postgres')) {
    const base = adminUrl();
    // BENCH_ANALYTICS_KEEP_DB=<name>: generate into that database once and keep it; later runs reuse it
    const keep = process.env.BENCH_ANALYTICS_KEEP_DB?.replace(/[^a-z0-9_]/g, '') || null;
    const name = keep ?? `haven_bench_ana_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (!exists) await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    process.stdout.write(`  postgres: scratch database at ${redact(u.toString())}\n`);
    const database = await openPostgres(u.toString(), { max: 20 });
    // the naive floor runs with PostgreSQL's own settings (parallel workers allowed), not the app's session settings
    const floorDb = await openPostgres(u.toString(), { max: 20, options: '' });
    try {
      rows.push(...await runOn('postgres', database, shape(int('BENCH_ANALYTICS_EVENTS', 5_000_000)), keep !== null, floorDb));
    } finally {
      await floorDb.close();
      await database.close();
      if (!keep) {
        const a = new pg.Client({ connectionString: base });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      }
    }
  }
  if (kinds.includes('pglite')) rows.push(...await pgliteRows());
  return rows;
}

export function analyticsTable(rows: readonly AnalyticsRow[]): string {
  const header = ['benchmark', 'db', 'runs', 'p50 ms', 'p95 ms', 'floor runs', 'floor p50', 'floor p95', 'p95 ÷ floor p95', 'targets'];
  const lines = rows.map((r) => [r.benchmark, r.database, String(r.runs), r.p50.toFixed(1), r.p95.toFixed(1), String(r.floorRuns),
    r.floorP50 === null ? '–' : r.floorP50.toFixed(0), r.floorP95 === null ? '–' : r.floorP95.toFixed(0),
    r.floorP95 === null ? '–' : `${((r.p95 / r.floorP95) * 100).toFixed(1)}%`, r.targets]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  return [header, ...lines].map((l) => l.map((c, i) => (i < 2 || i === l.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}
