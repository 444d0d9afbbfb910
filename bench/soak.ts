/**
 * Soak benchmark (issue 19), `BENCH_ONLY=soak npm run bench`, PostgreSQL only: for BENCH_SOAK_SECONDS (600) an
 * open-loop mix — 50 full incidents a second (a third then submitted), 10 quick events a second (a third positive),
 * 20 dashboard reads a second (18 of one site's academic year, 2 of the whole trust) — against the real app with its
 * background analytics refresher; then BENCH_SOAK_DOUBLE_SECONDS (60) at twice the rate, to show where it saturates
 * and that it sheds load (503) rather than collapsing. Every BENCH_SOAK_WINDOW seconds (30) it prints per kind the
 * throughput, p50/p95/p99 (from when each request was due), errors and 503s, the dashboards' staleness (now − asOf),
 * the server's memory and PostgreSQL's connections by state and wait event, and the locks being waited for. At the
 * end every acknowledged incident and quick event is looked up and the audit chain verified.
 */
import { Worker } from 'node:worker_threads';
import { verifyAuditChain } from '../apps/server/src/core/audit/verify.ts';
import { AnalyticsRefresher } from '../apps/server/src/modules/analytics/analytics.refresher.ts';
import { rawPostgres } from './lib/raw.ts';
import { createPostgres, signInStaff, siteOne, startApp } from './lib/setup.ts';
import { fmt } from './lib/stats.ts';
import type { SoakJob, SoakWindow } from './lib/soak-worker.ts';
import { loadFixtures } from './recording.ts';

const int = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

function bootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./lib/soak-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`;
}

export interface SoakPhase { label: string; windows: (SoakWindow & { rssMb: number; heapMb: number; pg: Record<string, number>; lockWaits: number })[]; acked: { incidents: string[]; events: string[] } }

export async function soakBenchmark(): Promise<SoakPhase[]> {
  const db = await createPostgres(20);
  const app = await startApp(db.database);
  const refresher = new AnalyticsRefresher(db.database, { intervalMs: int('BENCH_SOAK_REFRESH_MS', 2000) });
  const raw = rawPostgres(db.url!, 2);
  const dbName = new URL(db.url!).pathname.slice(1);
  const phases: SoakPhase[] = [];
  try {
    const site = await siteOne(db.database);
    const fixtures = await loadFixtures(raw, site);
    const staff = await signInStaff(db.database, site, 50);
    const [siteHead] = await signInStaff(db.database, site, 1, 'head');
    const [trustHead] = await signInStaff(db.database, site, 1, 'head', null);
    const cats = await raw.query<{ code: string; polarity: string }>(
      `select code, polarity from behaviour_categories where site_id is null and quick_log and active order by sort_order`);
    const categories = { negative: cats.find((c) => c.polarity === 'negative')!.code, positive: cats.find((c) => c.polarity === 'positive')!.code };
    refresher.start();
    const base: Omit<SoakJob, 'seconds' | 'scale'> = {
      baseUrl: app.baseUrl, windowSeconds: int('BENCH_SOAK_WINDOW', 30), fixtures, staff: staff.map((s) => s.headers),
      siteHead: siteHead!.headers, trustHead: trustHead!.headers, siteId: site.siteId, quickPupils: fixtures.pupils.map((p) => p.id),
      categories, year: { from: '2026-09-01', to: '2027-07-31' },
    };
    for (const [label, seconds, scale] of [['mix', int('BENCH_SOAK_SECONDS', 600), 1], ['doubled', int('BENCH_SOAK_DOUBLE_SECONDS', 60), 2]] as const) {
      process.stdout.write(`  soak ${label}: ${seconds} s at ${scale}× (incidents ${50 * scale}/s, quick ${10 * scale}/s, dashboards ${20 * scale}/s)\n`);
      phases.push(await runPhase(label, { ...base, seconds, scale }, raw, dbName));
    }
    await refresher.stop();
    for (const p of phases) process.stdout.write(`  ${p.label}: app heap ${memoryTrend(p.windows, 'heapMb')}; process RSS ${memoryTrend(p.windows, 'rssMb')} (after the first two windows)\n`);
    // every acknowledged write is there, and the chain verifies
    const all = { incidents: phases.flatMap((p) => p.acked.incidents), events: phases.flatMap((p) => p.acked.events) };
    const foundInc = (await raw.query<{ n: number }>(`select count(*)::int as n from incidents where id = any($1::uuid[])`, [all.incidents]))[0]!.n;
    const foundEv = (await raw.query<{ n: number }>(`select count(*)::int as n from behaviour_events where id = any($1::uuid[])`, [all.events]))[0]!.n;
    const chain = await verifyAuditChain(db.database);
    process.stdout.write(`  acknowledged incidents ${all.incidents.length}, found ${foundInc}; quick events ${all.events.length}, found ${foundEv}; `
      + `audit chain: ${chain.count} entries, ${chain.problems.length === 0 ? 'verifies' : `${chain.problems.length} problems`}\n`);
    const pending = (await raw.query<{ n: number }>(`select count(*)::int as n from analytics_dirty_days`))[0]!.n;
    process.stdout.write(`  refresher: ${refresher.stats.passes} passes, ${refresher.stats.days} days folded, last pass ${refresher.stats.lastPassMs} ms; marks waiting at the end ${pending}\n`);
  } finally {
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

async function runPhase(label: string, job: SoakJob, raw: ReturnType<typeof rawPostgres>, dbName: string): Promise<SoakPhase> {
  const phase: SoakPhase = { label, windows: [], acked: { incidents: [], events: [] } };
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(bootstrap(), { eval: true, workerData: job });
    worker.on('message', (m: { type: 'window'; window: SoakWindow } | { type: 'done'; acked: SoakPhase['acked'] } | { type: 'failed'; error: string }) => {
      if (m.type === 'window') {
        void sample(raw, dbName).then((s) => {
          const w = { ...m.window, ...s };
          phase.windows.push(w);
          process.stdout.write(`${line(label, w)}\n`);
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

/**
 * The server's memory (the process's RSS, which includes the load generator's worker thread, and the app's own V8 heap:
 * this thread's isolate, which the worker does not share), PostgreSQL's connections to the scratch database by state/wait event, and lock waits. */
async function sample(raw: ReturnType<typeof rawPostgres>, dbName: string) {
  const rows = await raw.query<{ k: string; n: number }>(
    `select coalesce(state, '?') || coalesce(':' || wait_event_type || '/' || wait_event, '') as k, count(*)::int as n
       from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() group by 1 order by 2 desc`, [dbName]);
  const locks = await raw.query<{ n: number }>(`select count(*)::int as n from pg_locks where not granted`);
  const m = process.memoryUsage();
  return { rssMb: Math.round(m.rss / 1048576), heapMb: Math.round(m.heapUsed / 104857.6) / 10, pg: Object.fromEntries(rows.map((r) => [r.k, r.n])), lockWaits: locks[0]!.n };
}

function line(label: string, w: SoakPhase['windows'][number]): string {
  const k = w.kinds.map((x) => `${x.kind} ${fmt(x.done / w.seconds, 1)}/s p50 ${fmt(x.p50, 0)} p95 ${fmt(x.p95, 0)} p99 ${fmt(x.p99, 0)}`
    + `${x.errors ? ` err ${x.errors}` : ''}${x.shed ? ` 503 ${x.shed}` : ''}${x.staleP95 !== undefined ? ` stale p95 ${fmt(x.staleP95 / 1000, 1)} s` : ''}`).join(' | ');
  return `  ${label} w${w.index}: ${k} | rss ${w.rssMb} MB heap ${w.heapMb} MB | pg ${JSON.stringify(w.pg)} | lock waits ${w.lockWaits}${w.outstanding ? ` | in flight ${w.outstanding}` : ''}${w.firstError ? ` | first error: ${w.firstError}` : ''}`;
}
