/**
 * Soak benchmark (issue 19), `BENCH_ONLY=soak npm run bench`, PostgreSQL only, against the real app with its
 * background analytics refresher. `BENCH_SOAK_SCENARIO` chooses what is offered, open loop (latency counted from
 * when each request was due):
 * - `mix` (default): for BENCH_SOAK_SECONDS (600) 50 full incidents a second (a third then submitted), 10 quick events
 *   a second (a third positive), 20 dashboard reads a second (18 of one site's academic year, 2 of the whole trust);
 *   then BENCH_SOAK_DOUBLE_SECONDS (60) at twice the rate, to show where it saturates and that it sheds load (503).
 * - `burst`: the mix for 60 s, and every 20 s (from 10 s) BENCH_SOAK_BURST (200) quick logs within one second, as
 *   at 08:45 registration; a burst log answered 503 is sent again with its Idempotency-Key, as the web app does.
 * - `trusts`: BENCH_SOAK_TRUSTS (20) demo trusts on one database, the mix's rates spread over them for 90 s, the
 *   dashboards in waves (one per trust at the same instant) — many trusts' dashboards read together while writing.
 * - `rebuild`: the mix for 90 s while `haven analytics-rebuild` runs over and over on its own connections.
 * BENCH_SOAK_SECONDS sets any scenario's length; BENCH_SOAK_PRELOAD puts that many counted incidents on today's date
 * first (the refresher then re-counts a day that big on every pass: its fold cost is printed per window).
 * Every BENCH_SOAK_WINDOW seconds (30) it prints per kind the throughput, p50/p95/p99, errors and 503s, the
 * dashboards' staleness (now − asOf), the refresher's fold cost per day, the server's memory, PostgreSQL's
 * connections by state and wait event, and the lock requests not granted (sampled twice a second, with what was
 * waiting). At the end every acknowledged incident and quick event is looked up and the audit chain verified.
 */
import { Worker } from 'node:worker_threads';
import { verifyAuditChain } from '../apps/server/src/core/audit/verify.ts';
import { openPostgres, type Database } from '../apps/server/src/core/db/client.ts';
import { AnalyticsRefresher } from '../apps/server/src/modules/analytics/analytics.refresher.ts';
import { rawPostgres, type RawDb } from './lib/raw.ts';
import { createPostgres, startApp } from './lib/setup.ts';
import { fmt } from './lib/stats.ts';
import { dayHolds, firstSites, pgSampler, preloadDay, rebuildLoop, seedMoreTrusts, targetFor, type PgSample } from './lib/soak-setup.ts';
import type { SoakJob, SoakTarget, SoakWindow } from './lib/soak-worker.ts';

const int = (name: string, fallback: number): number => {
  const text = process.env[name];
  const v = Number(text);
  return text && Number.isInteger(v) && v >= 0 ? v : fallback;
};

export const SCENARIOS = ['mix', 'burst', 'trusts', 'rebuild'] as const;
export type Scenario = typeof SCENARIOS[number];

function bootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./lib/soak-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`;
}

interface Fold { days: number; msPerDay: number; slowestMs: number; dayIncidents: number; dayCounted: number }
type Window = SoakWindow & { rssMb: number; heapMb: number; pg: PgSample; fold: Fold };
export interface SoakPhase { label: string; scenario: Scenario; windows: Window[]; acked: { incidents: string[]; events: string[] }; rebuilds?: number[] }

export async function soakBenchmark(): Promise<SoakPhase[]> {
  const scenario = (process.env.BENCH_SOAK_SCENARIO || 'mix') as Scenario;
  if (!SCENARIOS.includes(scenario)) throw new Error(`BENCH_SOAK_SCENARIO=${scenario}: expected one of ${SCENARIOS.join(', ')}`);
  const trustCount = scenario === 'trusts' ? Math.max(2, int('BENCH_SOAK_TRUSTS', 20)) : 1;
  const db = await createPostgres(20);
  const app = await startApp(db.database);
  const refresher = new AnalyticsRefresher(db.database, { intervalMs: int('BENCH_SOAK_REFRESH_MS', 2000) });
  const raw = rawPostgres(db.url!, 2);
  const dbName = new URL(db.url!).pathname.slice(1);
  const sampler = pgSampler(raw, dbName);
  const phases: SoakPhase[] = [];
  try {
    if (trustCount > 1) {
      process.stdout.write(`  seeding ${trustCount - 1} more demo trusts…\n`);
      process.stdout.write(`  seeded in ${(await seedMoreTrusts(db.database, trustCount) / 1000).toFixed(0)} s\n`);
      await db.database.exec('analyze');
    }
    const sites = await firstSites(db.database);
    const targets: SoakTarget[] = [];
    for (const site of sites) targets.push(await targetFor(db.database, raw, site, trustCount > 1 ? 5 : 50));
    const cats = await raw.query<{ code: string; polarity: string }>(
      `select code, polarity from behaviour_categories where site_id is null and quick_log and active order by sort_order`);
    const categories = { negative: cats.find((c) => c.polarity === 'negative')!.code, positive: cats.find((c) => c.polarity === 'positive')!.code };
    await preloadDay(raw, app.baseUrl, targets[0]!, int('BENCH_SOAK_PRELOAD', 0));
    refresher.start();
    const base: Omit<SoakJob, 'seconds' | 'scale'> = {
      baseUrl: app.baseUrl, windowSeconds: int('BENCH_SOAK_WINDOW', 30), targets, categories, year: { from: '2026-09-01', to: '2027-07-31' },
      rates: { incident: 50, quick: 10, dashSite: 18, dashTrust: 2 }, dashWave: scenario === 'trusts' ? targets.length : 1,
      bursts: scenario === 'burst' ? { count: int('BENCH_SOAK_BURST', 200), everySeconds: 20, firstAt: 10 } : null,
    };
    const plan: [string, number, number][] = scenario === 'mix'
      ? [['mix', int('BENCH_SOAK_SECONDS', 600), 1], ['doubled', int('BENCH_SOAK_DOUBLE_SECONDS', 60), 2]]
      : [[scenario, int('BENCH_SOAK_SECONDS', scenario === 'burst' ? 60 : 90), 1]];
    const watch = { raw, dbName, sampler, refresher, siteId: targets[0]!.siteId };
    for (const [label, seconds, scale] of plan) {
      if (seconds === 0) continue;
      process.stdout.write(`  soak ${label}: ${seconds} s at ${scale}× (incidents ${50 * scale}/s, quick ${10 * scale}/s, dashboards ${20 * scale}/s`
        + `${trustCount > 1 ? `, over ${trustCount} trusts, dashboards in waves of ${targets.length}` : ''}`
        + `${base.bursts ? `; bursts of ${base.bursts.count} quick logs in a second every ${base.bursts.everySeconds} s` : ''}`
        + `${scenario === 'rebuild' ? '; analytics-rebuild over and over' : ''})\n`);
      // the CLI's rebuild is another process with its own connections
      const rebuildDb = scenario === 'rebuild' ? await openPostgres(db.url!, { max: 2 }) : null;
      const rebuilds = rebuildDb ? rebuildLoop(rebuildDb, 5, 2000) : null;
      try {
        phases.push({ ...await runPhase(label, scenario, { ...base, seconds, scale }, watch), ...(rebuilds ? { rebuilds: rebuilds.took } : {}) });
      } finally {
        await rebuilds?.stop();
        await rebuildDb?.close();
      }
      if (rebuilds) process.stdout.write(`  rebuilds during the phase: ${rebuilds.took.length}, each ${rebuilds.took.map((ms) => fmt(ms / 1000, 1)).join(', ')} s\n`);
    }
    await refresher.stop();
    for (const p of phases) process.stdout.write(`  ${p.label}: app heap ${memoryTrend(p.windows, 'heapMb')}; process RSS ${memoryTrend(p.windows, 'rssMb')} (after the first two windows)\n`);
    await report(phases, raw, db.database, refresher);
  } finally {
    await sampler.stop();
    await refresher.stop();
    await app.close();
    await raw.close();
    await db.close();
  }
  return phases;
}

/** Least-squares slope in MB a minute over the windows after warm-up (the first two), with the range seen. */
export function memoryTrend(windows: { index: number; seconds: number; rssMb: number; heapMb: number }[], key: 'rssMb' | 'heapMb'): string {
  const ws = windows.slice(2);
  if (ws.length < 3) return 'too few windows for a trend';
  const xs = ws.map((w) => (w.index * w.seconds) / 60);
  const ys = ws.map((w) => w[key]);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return `${fmt(slope, 2)} MB/min (${fmt(Math.min(...ys), 0)}–${fmt(Math.max(...ys), 0)} MB)`;
}

/** Every acknowledged write is there, and the chain verifies; what the refresher did. */
async function report(phases: SoakPhase[], raw: RawDb, database: Database, refresher: AnalyticsRefresher): Promise<void> {
  const all = { incidents: phases.flatMap((p) => p.acked.incidents), events: phases.flatMap((p) => p.acked.events) };
  const foundInc = (await raw.query<{ n: number }>(`select count(*)::int as n from incidents where id = any($1::uuid[])`, [all.incidents]))[0]!.n;
  const foundEv = (await raw.query<{ n: number }>(`select count(*)::int as n from behaviour_events where id = any($1::uuid[])`, [all.events]))[0]!.n;
  const chain = await verifyAuditChain(database);
  process.stdout.write(`  acknowledged incidents ${all.incidents.length}, found ${foundInc}; quick events ${all.events.length}, found ${foundEv}; `
    + `audit chain: ${chain.count} entries, ${chain.problems.length === 0 ? 'verifies' : `${chain.problems.length} problems`}\n`);
  const pending = (await raw.query<{ n: number }>(`select count(*)::int as n from analytics_dirty_days`))[0]!.n;
  const s = refresher.stats;
  process.stdout.write(`  refresher: ${s.passes} passes, ${s.days} days folded (${fmt(s.days ? s.foldMs / s.days : NaN, 0)} ms a day on average), `
    + `last pass ${s.lastPassMs} ms${s.lastError ? `, last error ${s.lastError}` : ''}; marks waiting at the end ${pending}\n`);
}

interface Watch { raw: RawDb; dbName: string; sampler: ReturnType<typeof pgSampler>; refresher: AnalyticsRefresher; siteId: string }

async function runPhase(label: string, scenario: Scenario, job: SoakJob, w: Watch): Promise<SoakPhase> {
  const phase: SoakPhase = { label, scenario, windows: [], acked: { incidents: [], events: [] } };
  w.sampler.take();
  let before = { ...w.refresher.stats };
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(bootstrap(), { eval: true, workerData: job });
    worker.on('message', (m: { type: 'window'; window: SoakWindow } | { type: 'done'; acked: SoakPhase['acked'] } | { type: 'failed'; error: string }) => {
      if (m.type === 'window') {
        const s = w.refresher.stats;
        const fold = { days: s.days - before.days, ms: s.foldMs - before.foldMs, slowestMs: s.slowestBatchMs };
        before = { ...s };
        s.slowestBatchMs = 0;
        const pg = w.sampler.take();
        void dayHolds(w.raw, w.siteId).then((day) => {
          // the process's RSS includes the load generator's worker thread; the heap is the app's own isolate
          const mem = process.memoryUsage();
          const win: Window = { ...m.window, rssMb: Math.round(mem.rss / 1048576), heapMb: Math.round(mem.heapUsed / 104857.6) / 10, pg,
            fold: { days: fold.days, msPerDay: fold.days ? fold.ms / fold.days : NaN, slowestMs: fold.slowestMs, dayIncidents: day.all, dayCounted: day.counted } };
          phase.windows.push(win);
          process.stdout.write(`${line(label, win)}\n`);
        });
      } else if (m.type === 'done') {
        phase.acked = m.acked;
        void worker.terminate().then(() => resolve());
      } else reject(new Error(m.error));
    });
    worker.once('error', reject);
  });
  return phase;
}

function line(label: string, w: Window): string {
  const k = w.kinds.map((x) => `${x.kind} ${fmt(x.done / w.seconds, 1)}/s p50 ${fmt(x.p50, 0)} p95 ${fmt(x.p95, 0)} p99 ${fmt(x.p99, 0)}`
    + `${x.errors ? ` err ${x.errors}` : ''}${x.shed ? ` 503 ${x.shed}` : ''}${x.retried ? ` (${x.retried} served on a retry)` : ''}`
    + `${x.staleP95 !== undefined ? ` stale p95 ${fmt(x.staleP95 / 1000, 1)} s max ${fmt((x.staleMax ?? NaN) / 1000, 1)} s` : ''}`).join(' | ');
  const waited = Object.entries(w.pg.waiting).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([what, n]) => `${what} ×${n}`).join('; ');
  const f = w.fold;
  return `  ${label} w${w.index}: ${k} | fold ${f.days} days, ${fmt(f.msPerDay, 0)} ms a day (slowest batch ${fmt(f.slowestMs, 0)} ms; the day holds ${f.dayIncidents} incidents, ${f.dayCounted} counted)`
    + ` | rss ${w.rssMb} MB heap ${w.heapMb} MB | pg ${JSON.stringify(w.pg.conns)} | lock waits max ${w.pg.lockWaitsMax}${waited ? ` (${waited})` : ''}`
    + `${w.outstanding ? ` | in flight ${w.outstanding}` : ''}${w.firstError ? ` | first error: ${w.firstError}` : ''}`;
}
