/**
 * `npm run bench`: every benchmark on PostgreSQL and on PGlite, each beside its floor measured in the same run.
 * Prints a table and writes bench/results/<date>.json. Settings from the environment:
 *   BENCH_DATABASE_URL   admin URL used to CREATE and DROP a scratch database (else TEST_DATABASE_URL, else
 *                        postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_DB             postgres | pglite (default: both)      BENCH_ONLY   recording | pupils | quicklog | plans | analytics | import | ctf | training | interventions | chronology | lighthouse | rota | subject-access | retention | soak (default: all but soak)
 *   BENCH_SOAK_SCENARIO (mix | burst | trusts | rebuild), BENCH_SOAK_SECONDS (mix 600, burst 60, others 90),
 *   BENCH_SOAK_DOUBLE_SECONDS (60), BENCH_SOAK_WINDOW (30), BENCH_SOAK_BURST (200), BENCH_SOAK_TRUSTS (20),
 *   BENCH_SOAK_PRELOAD (0): the soak (soak.ts)
 *   BENCH_CLIENTS (50)   BENCH_WARMUP (200)   BENCH_COUNT (2000)   BENCH_API_POOL (the app's pool; default as in production)
 *   BENCH_LOG_LEVEL (info, as in production; silent: no request logs)
 *   BENCH_PLANS_CLIENTS (1), BENCH_PLANS_BUSY_CLIENTS (10), BENCH_PLANS_WARMUP (20), BENCH_PLANS_COUNT (300): plans.ts
 *   BENCH_QUICKLOG_COUNT (BENCH_COUNT): one-pupil quick logs measured (a quarter as many logs of ten); BENCH_QUICKLOG_CLIENTS (10)
 *   BENCH_PACED_RATE (50 req/s) and BENCH_PACED_COUNT (1000): the recording benchmark again at a steady offered rate
 *   LIGHTHOUSE_RUNS (1), LIGHTHOUSE_NO_BUILD: the Lighthouse benchmark (lighthouse.ts; builds the web app first)
 * The HTTP clients run in a worker thread, so the app's event loop does only the app's work.
 * A benchmark that cannot run (no PostgreSQL, an endpoint not there yet) is reported as skipped, with the reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpClient } from './lib/http.ts';
import { rawPglite, rawPostgres, type RawDb } from './lib/raw.ts';
import { createPglite, createPostgres, redact, adminUrl, signInStaff, siteOne, startApp, type BenchDatabase } from './lib/setup.ts';
import { fmt } from './lib/stats.ts';
import type { BenchDbKind, BenchRow, BenchSettings } from './lib/types.ts';
import { recordingBenchmark } from './recording.ts';
import { pupilListBenchmark } from './pupils.ts';
import { plansBenchmark } from './plans.ts';
import { quickLogBenchmark } from './quicklog.ts';
import { analyticsBenchmark, analyticsTable, type AnalyticsRow } from './analytics.ts';
import { interventionsBenchmark } from './interventions.ts';
import { soakBenchmark, type SoakPhase } from './soak.ts';
import { importBenchmark, importTable, type ImportRow } from './imports.ts';
import { ctfBenchmark } from './ctf.ts';
import { trainingBenchmark, trainingTable, type TrainingRow } from './training.ts';
import { rotaBenchmark, rotaTable, type RotaRow } from './rota.ts';
import { chronologyBenchmark, chronologyTable, type ChronologyRow } from './chronology.ts';
import { subjectAccessBenchmark, subjectAccessTable, type SarRow } from './subject-access.ts';
import { retentionBenchmark, retentionTable, type RetentionRow } from './retention.ts';
import { lighthouseBenchmark, lighthouseTable, type LighthouseInfo, type LighthouseRow } from './lighthouse.ts';

const BENCHMARKS = { recording: recordingBenchmark, pupils: pupilListBenchmark, quicklog: quickLogBenchmark, plans: plansBenchmark } as const;
type BenchName = keyof typeof BENCHMARKS;
const NAMES: Record<BenchName, string> = { recording: 'recording: create a full incident', pupils: 'pupil list: search at one site', quicklog: 'quick log: 1 and 10 pupils', plans: "plans: a pupil's page with the key points" };

const int = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

async function runOn(kind: BenchDbKind, settings: BenchSettings, only: BenchName[]): Promise<{ rows: BenchRow[]; info: Record<string, unknown> }> {
  const info: Record<string, unknown> = {};
  let db: BenchDatabase;
  try {
    const apiPool = process.env.BENCH_API_POOL ? int('BENCH_API_POOL', 20) : undefined;
    db = kind === 'postgres' ? await createPostgres(apiPool ?? 20) : await createPglite();
    info.seedMs = db.seedMs;
    info.logLevel = process.env.BENCH_LOG_LEVEL || 'info';
    if (kind === 'postgres') Object.assign(info, { admin: redact(adminUrl()), apiPool: apiPool ?? 20 });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { rows: only.map((b) => ({ benchmark: NAMES[b], database: kind, skipped: reason })), info };
  }
  const rows: BenchRow[] = [];
  const app = await startApp(db.database);
  const http = new HttpClient(app.baseUrl, settings.concurrency);
  const raw: RawDb = kind === 'postgres' ? rawPostgres(db.url ?? '', settings.concurrency) : rawPglite(db.database);
  try {
    const site = await siteOne(db.database);
    const sessions = await signInStaff(db.database, site, settings.concurrency);
    const databaseName = db.url ? new URL(db.url).pathname.slice(1) : null;
    for (const name of only) {
      process.stdout.write(`  ${kind}: ${NAMES[name]}…\n`);
      try {
        rows.push(...await BENCHMARKS[name]({ kind, settings, database: db.database, databaseName, raw, http, baseUrl: app.baseUrl, sessions, site }));
      } catch (e) {
        rows.push({ benchmark: NAMES[name], database: kind, skipped: `failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
  } finally {
    http.close();
    await app.close();
    await raw.close();
    await db.close();
  }
  return { rows, info };
}

function table(rows: readonly BenchRow[]): string {
  const header = ['benchmark', 'db', 'API req/s', 'p50', 'p95', 'p99', 'err', 'floor req/s', 'p50', 'p95', 'p99', 'API/floor', 'targets'];
  const lines = rows.map((r) => r.skipped
    ? [r.benchmark, r.database, `skipped: ${r.skipped}`]
    : [r.benchmark, r.database, fmt(r.api?.throughput, 0), fmt(r.api?.p50), fmt(r.api?.p95), fmt(r.api?.p99), String(r.api?.errors ?? 0),
      fmt(r.floor?.throughput, 0), fmt(r.floor?.p50), fmt(r.floor?.p95), fmt(r.floor?.p99), r.ratio === undefined ? '–' : `${(r.ratio * 100).toFixed(0)}%`,
      (r.targets ?? []).map((t) => `${t.met ? 'MET' : 'NOT MET'}: ${t.label}`).join('; ')]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.filter((l) => l.length > 3).map((l) => (l[i] ?? '').length)));
  const fmtLine = (l: readonly string[]) => (l.length === 3 ? `${l[0]?.padEnd(widths[0] ?? 0)}  ${l[1]?.padEnd(widths[1] ?? 0)}  ${l[2]}`
    : l.map((c, i) => (i < 2 || i === l.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
  return [fmtLine(header), ...lines.map(fmtLine)].join('\n');
}

async function main(): Promise<void> {
  const settings: BenchSettings = {
    concurrency: int('BENCH_CLIENTS', 50), warmup: int('BENCH_WARMUP', 200), count: int('BENCH_COUNT', 2000),
    pacedRate: int('BENCH_PACED_RATE', 50), pacedCount: int('BENCH_PACED_COUNT', 1000),
  };
  const kinds = (process.env.BENCH_DB ? [process.env.BENCH_DB] : ['postgres', 'pglite']).filter((k): k is BenchDbKind => k === 'postgres' || k === 'pglite');
  const requested = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : [...Object.keys(BENCHMARKS), 'analytics', 'import', 'ctf', 'training', 'interventions', 'chronology', 'lighthouse', 'rota', 'subject-access', 'retention'];
  // the soak runs for minutes: only when asked for by name
  const only = requested.filter((b): b is BenchName => b in BENCHMARKS);
  process.stdout.write(`Haven benchmarks: ${settings.concurrency} clients, ${settings.warmup} warm-up + ${settings.count} measured requests each`
    + ` (paced runs: ${settings.pacedCount} at ${settings.pacedRate}/s); latencies in ms\n`);
  const rows: BenchRow[] = [];
  const info: Record<string, unknown> = {};
  for (const kind of kinds) {
    if (only.length === 0) break;
    const r = await runOn(kind, settings, only);
    rows.push(...r.rows);
    info[kind] = r.info;
  }
  // analytics (issue 5): its own synthetic trust and its own table (single requests, p50/p95 beside the naive floor)
  // soak (issue 19): an open-loop mix for minutes, its own scratch database, per-window figures printed as it goes
  let soak: SoakPhase[] = [];
  if (requested.includes('soak')) {
    process.stdout.write('Soak: open-loop mix of incidents, quick events and dashboards on PostgreSQL\n');
    soak = await soakBenchmark();
  }
  let analytics: AnalyticsRow[] = [];
  if (requested.includes('analytics')) {
    process.stdout.write('Analytics: synthetic trust, dashboards through the API beside the naive SQL floor\n');
    analytics = await analyticsBenchmark();
  }
  if (requested.includes('interventions')) {
    process.stdout.write('Support interventions: impact of 2,000 open interventions in a 20-site trust through the API, beside the same figures in one SQL statement\n');
    analytics.push(...await interventionsBenchmark());
  }
  let importRows: ImportRow[] = [];
  if (requested.includes('import')) {
    process.stdout.write('Import: 2,000 generated pupils and their contacts as CSV and XLSX, beside the same rows inserted through the driver\n');
    importRows = await importBenchmark(kinds);
  }
  let ctfRows: ImportRow[] = [];
  if (requested.includes('ctf')) {
    process.stdout.write('CTF: a generated common transfer file of 2,000 pupils and their contacts, beside the same rows inserted through the driver\n');
    ctfRows = await ctfBenchmark(kinds);
  }
  let trainingRows: TrainingRow[] = [];
  if (requested.includes('training')) {
    process.stdout.write('Training: the training matrix of a 20-site trust (2,000 staff, 10 courses, five years of certificates) beside the raw SQL\n');
    trainingRows = await trainingBenchmark(process.env.BENCH_DB ? kinds : ['postgres']);
  }
  let rotaRows: RotaRow[] = [];
  if (requested.includes('rota')) {
    process.stdout.write('Rota: one week for 9 sites with its gaps through the API, beside the same rows read in raw SQL\n');
    rotaRows = await rotaBenchmark(kinds);
  }
  let chronologyRows: ChronologyRow[] = [];
  if (requested.includes('chronology')) {
    process.stdout.write("Chronology: a pupil with 5,000 records of every kind, the page's first 50 and a deep page through the API, beside the same rows in plain SQL\n");
    chronologyRows = await chronologyBenchmark(process.env.BENCH_DB ? kinds : ['postgres']);
  }
  let sarRows: SarRow[] = [];
  if (requested.includes('subject-access')) {
    process.stdout.write('Subject access: a SAR for a pupil with 5,000 records through the API (gather, review, decide, release, download), beside the kinds\' SQL through the driver\n');
    sarRows = await subjectAccessBenchmark(kinds);
  }
  let retentionRows: RetentionRow[] = [];
  if (requested.includes('retention')) {
    process.stdout.write('Retention: a confirmed retention run over a 20-site trust\'s five years of records through the API, beside plain DELETEs of the same rows\n');
    retentionRows = await retentionBenchmark(kinds);
  }
  let lighthouseRows: LighthouseRow[] = [];
  const lighthouseInfo: LighthouseInfo = { benchmarkIndex: 0, cpuSlowdown: 4 };
  if (requested.includes('lighthouse')) {
    process.stdout.write('Lighthouse: the production build on the real server, mobile profile, beside a static page with no JavaScript\n');
    lighthouseRows = await lighthouseBenchmark(lighthouseInfo);
  }
  if (rows.length) process.stdout.write(`\n${table(rows)}\n`);
  if (lighthouseRows.length) process.stdout.write(`\n${lighthouseTable(lighthouseRows)}\n  host BenchmarkIndex ${lighthouseInfo.benchmarkIndex}, CPU slowdown ${lighthouseInfo.cpuSlowdown}×\n`);
  if (importRows.length) process.stdout.write(`\n${importTable(importRows)}\n`);
  if (ctfRows.length) process.stdout.write(`\n${importTable(ctfRows, 'import: a CTF of 2,000 pupils + 4,000 contacts (XML, preview + commit)')}\n`);
  if (analytics.length) process.stdout.write(`\n${analyticsTable(analytics)}\n`);
  if (trainingRows.length) process.stdout.write(`\n${trainingTable(trainingRows)}\n`);
  if (rotaRows.length) process.stdout.write(`\n${rotaTable(rotaRows)}\n`);
  if (chronologyRows.length) process.stdout.write(`\n${chronologyTable(chronologyRows)}\n`);
  if (sarRows.length) process.stdout.write(`\n${subjectAccessTable(sarRows)}\n`);
  if (retentionRows.length) process.stdout.write(`\n${retentionTable(retentionRows)}\n`);
  for (const r of rows) for (const note of r.notes ?? []) process.stdout.write(`  ${r.database} ${r.benchmark}: ${note}\n`);
  for (const r of rows) if (r.api?.firstError || r.floor?.firstError) process.stdout.write(`  ${r.database} ${r.benchmark}: first error: ${r.api?.firstError ?? r.floor?.firstError}\n`);
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  const machine = { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage: os.loadavg() };
  fs.writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), settings, machine, databases: info, results: rows, analytics, imports: importRows, ctfImports: ctfRows, training: trainingRows, rota: rotaRows, chronology: chronologyRows, subjectAccess: sarRows, retention: retentionRows, lighthouse: { ...lighthouseInfo, pages: lighthouseRows }, soak: soak.map((p) => ({ label: p.label, scenario: p.scenario, windows: p.windows, rebuildsMs: p.rebuilds, acknowledged: { incidents: p.acked.incidents.length, events: p.acked.events.length } })) }, null, 2)}\n`);
  process.stdout.write(`\nSaved ${path.relative(process.cwd(), file)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
