/**
 * The soak's open-loop load generator (issue 19), in a worker thread: each kind of request is sent at its own steady
 * rate whatever the server does, and its latency is counted from when it was due (no coordinated omission). Every
 * `windowSeconds` it reports each kind's count, errors, 503s and percentiles; at the end, the ids of every write the
 * server acknowledged, for the main thread to find in the database.
 *
 * Requests go round the job's targets (one per trust: its staff, pupils and leaders). Dashboards may be sent in waves
 * (`dashWave` at the same instant, one per target in turn: many trusts' dashboards read together). Bursts are
 * `count` quick logs spread over one second every `everySeconds`; like the web app (sendIdempotent), a burst log
 * answered 503 is sent again with the same Idempotency-Key after Retry-After, up to 5 attempts, and its latency runs
 * from when it was first due to its final answer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { HttpClient } from './http.ts';
import { percentile } from './stats.ts';
import { incidentFor, type Fixtures } from '../requests.ts';

export interface SoakTarget {
  fixtures: Fixtures; staff: Record<string, string>[]; siteHead: Record<string, string>; trustHead: Record<string, string>;
  siteId: string; quickPupils: string[];
}
export interface SoakRates { incident: number; quick: number; dashSite: number; dashTrust: number }
export interface SoakJob {
  baseUrl: string; seconds: number; windowSeconds: number; scale: number; rates: SoakRates; targets: SoakTarget[];
  categories: { negative: string; positive: string }; year: { from: string; to: string };
  /** Dashboards sent this many at the same instant (1: evenly spaced). */
  dashWave: number;
  bursts: { count: number; everySeconds: number; firstAt: number } | null;
}
export type SoakKind = 'incident' | 'submit' | 'quick' | 'burst' | 'dashSite' | 'dashTrust';
export interface KindWindow {
  kind: SoakKind; done: number; errors: number; shed: number; p50: number; p95: number; p99: number; max: number;
  staleP95?: number; staleMax?: number; retried?: number;
}
export interface SoakWindow { index: number; seconds: number; kinds: KindWindow[]; outstanding: number; firstError: string | null }

const KINDS: SoakKind[] = ['incident', 'submit', 'quick', 'burst', 'dashSite', 'dashTrust'];
const job = workerData as SoakJob;
const http = new HttpClient(job.baseUrl, 2000);
const lat = new Map<SoakKind, number[]>();
const stale: number[] = [];
const counts = new Map<SoakKind, { done: number; errors: number; shed: number; retried: number }>();
let firstError: string | null = null;
let outstanding = 0;
const acked = { incidents: [] as string[], events: [] as string[] };
const target = (i: number) => job.targets[i % job.targets.length]!;

function count(kind: SoakKind) {
  return counts.get(kind) ?? counts.set(kind, { done: 0, errors: 0, shed: 0, retried: 0 }).get(kind)!;
}

function note(kind: SoakKind, ms: number | null, status: 'ok' | 'error' | 'shed', error?: string): void {
  const c = count(kind);
  if (status === 'ok' && ms !== null) { c.done += 1; (lat.get(kind) ?? lat.set(kind, []).get(kind)!).push(ms); }
  if (status === 'error') { c.errors += 1; firstError ??= `${kind}: ${error ?? ''}`.slice(0, 300); }
  if (status === 'shed') c.shed += 1;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request; with `retries`, a 503 is sent again (same headers, so the same Idempotency-Key) after Retry-After. */
async function send(kind: SoakKind, due: number, method: string, path: string, headers: Record<string, string>, body: unknown, expect: number, retries = 0) {
  outstanding += 1;
  try {
    for (let attempt = 0; ; attempt += 1) {
      const res = await http.request(method, path, headers, body);
      if (res.status === expect) {
        note(kind, performance.now() - due, 'ok');
        if (attempt > 0) count(kind).retried += 1;
        return res.body;
      }
      if (res.status === 503 && attempt < retries) {
        count(kind).shed += 1;
        await sleep(Math.min(30, Number(res.headers['retry-after']) || 1) * 1000);
        continue;
      }
      note(kind, null, res.status === 503 ? 'shed' : 'error', `HTTP ${res.status} ${res.body.slice(0, 160)}`);
      return null;
    }
  } catch (e) {
    note(kind, null, 'error', e instanceof Error ? e.message : String(e));
  } finally {
    outstanding -= 1;
  }
  return null;
}

let n = 0;
async function incident(due: number): Promise<void> {
  const i = n++;
  const t = target(i);
  const who = t.staff[i % t.staff.length]!;
  const body = await send('incident', due, 'POST', '/api/v1/incidents', { ...who, 'idempotency-key': randomUUID() }, incidentFor(t.fixtures, i), 201);
  if (!body) return;
  const inc = JSON.parse(body) as { id: string; version: number };
  acked.incidents.push(inc.id);
  if (i % 3 === 0) await send('submit', performance.now(), 'POST', `/api/v1/incidents/${inc.id}/submit`, who, { version: inc.version }, 200);
}

let q = 0;
async function quick(due: number, kind: 'quick' | 'burst' = 'quick'): Promise<void> {
  const i = q++;
  const t = target(i);
  const pupil = t.quickPupils[(i * 7) % t.quickPupils.length]!;
  const body = { pupilIds: [pupil], categoryCode: i % 3 === 0 ? job.categories.positive : job.categories.negative };
  const headers = { ...t.staff[i % t.staff.length]!, 'idempotency-key': randomUUID() };
  const res = await send(kind, due, 'POST', '/api/v1/behaviour-events', headers, body, 201, kind === 'burst' ? 4 : 0);
  if (res) for (const e of (JSON.parse(res) as { items: { id: string }[] }).items) acked.events.push(e.id);
}

let d = 0;
async function dashboard(due: number): Promise<void> {
  const i = d++;
  const t = target(i);
  // of every ten: nine of one site's academic year, one of the whole trust (18 and 2 a second in the mix)
  const kind = Math.floor(i / job.targets.length) % 10 === 9 ? 'dashTrust' : 'dashSite';
  const query = `from=${job.year.from}&to=${job.year.to}${kind === 'dashSite' ? `&siteIds=${t.siteId}` : ''}`;
  const res = await send(kind, due, 'GET', `/api/v1/analytics/dashboard?${query}`, kind === 'dashSite' ? t.siteHead : t.trustHead, undefined, 200);
  if (res) stale.push(Date.now() - new Date((JSON.parse(res) as { asOf: string }).asOf).getTime());
}

function windowReport(index: number): SoakWindow {
  const kinds: KindWindow[] = [];
  const s = stale.sort((a, b) => a - b);
  for (const kind of KINDS) {
    const l = (lat.get(kind) ?? []).sort((a, b) => a - b);
    const c = counts.get(kind) ?? { done: 0, errors: 0, shed: 0, retried: 0 };
    if (kind === 'burst' && !job.bursts) continue;
    const k: KindWindow = { kind, ...c, p50: percentile(l, 50), p95: percentile(l, 95), p99: percentile(l, 99), max: l.at(-1) ?? NaN };
    if (kind === 'dashSite') { k.staleP95 = percentile(s, 95); k.staleMax = s.at(-1) ?? NaN; }
    kinds.push(k);
  }
  stale.length = 0;
  lat.clear();
  counts.clear();
  const w: SoakWindow = { index, seconds: job.windowSeconds, kinds, outstanding, firstError };
  firstError = null;
  return w;
}

interface Stream { rate: number; wave: number; fire: (due: number) => Promise<void> }

async function main(): Promise<void> {
  const r = job.rates;
  const all: Stream[] = [
    { rate: r.incident * job.scale, wave: 1, fire: incident }, { rate: r.quick * job.scale, wave: 1, fire: (due) => quick(due) },
    { rate: (r.dashSite + r.dashTrust) * job.scale, wave: job.dashWave, fire: dashboard },
  ];
  const streams = all.filter((s) => s.rate > 0);
  const start = performance.now();
  const end = start + job.seconds * 1000;
  // the k-th request of a stream is due at the start of its wave
  const dueOf = (s: Stream, k: number) => start + (Math.floor(k / s.wave) * s.wave * 1000) / s.rate;
  const sent = streams.map(() => 0);
  let burstsSent = 0;
  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => { inFlight.add(p); void p.finally(() => inFlight.delete(p)); };
  let nextWindow = start + job.windowSeconds * 1000;
  let index = 0;
  while (performance.now() < end) {
    const now = performance.now();
    streams.forEach((s, k) => {
      // every request due by now goes out, each stamped with the moment it was due
      while (dueOf(s, sent[k]!) <= now) { track(s.fire(dueOf(s, sent[k]!))); sent[k]! += 1; }
    });
    const b = job.bursts;
    if (b) {
      // burst j's i-th log is due at firstAt + j × everySeconds + i / count seconds
      const dueBurst = (k: number) => start + (b.firstAt + Math.floor(k / b.count) * b.everySeconds + (k % b.count) / b.count) * 1000;
      while (dueBurst(burstsSent) <= now && dueBurst(burstsSent) < end) { track(quick(dueBurst(burstsSent), 'burst')); burstsSent += 1; }
    }
    if (now >= nextWindow) { parentPort?.postMessage({ type: 'window', window: windowReport(index++) }); nextWindow += job.windowSeconds * 1000; }
    await sleep(2);
  }
  await Promise.allSettled([...inFlight]);
  parentPort?.postMessage({ type: 'window', window: windowReport(index) });
  parentPort?.postMessage({ type: 'done', acked });
  http.close();
}

main().catch((e: unknown) => parentPort?.postMessage({ type: 'failed', error: e instanceof Error ? e.message : String(e) }));
