/**
 * The soak's open-loop load generator (issue 19), in a worker thread: each kind of request is sent at its own steady
 * rate whatever the server does, and its latency is counted from when it was due (no coordinated omission). Every
 * `windowSeconds` it reports each kind's count, errors, 503s and percentiles; at the end, the ids of every write the
 * server acknowledged, for the main thread to find in the database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { HttpClient } from './http.ts';
import { percentile } from './stats.ts';
import { incidentFor, type Fixtures } from '../requests.ts';

export interface SoakJob {
  baseUrl: string; seconds: number; windowSeconds: number; scale: number;
  fixtures: Fixtures; staff: Record<string, string>[]; siteHead: Record<string, string>; trustHead: Record<string, string>;
  siteId: string; quickPupils: string[]; categories: { negative: string; positive: string }; year: { from: string; to: string };
}
export type SoakKind = 'incident' | 'submit' | 'quick' | 'dashSite' | 'dashTrust';
export interface KindWindow { kind: SoakKind; done: number; errors: number; shed: number; p50: number; p95: number; p99: number; max: number; staleP95?: number; staleMax?: number }
export interface SoakWindow { index: number; seconds: number; kinds: KindWindow[]; outstanding: number; firstError: string | null }

const job = workerData as SoakJob;
const http = new HttpClient(job.baseUrl, 2000);
const lat = new Map<SoakKind, number[]>();
const stale: number[] = [];
const counts = new Map<SoakKind, { done: number; errors: number; shed: number }>();
let firstError: string | null = null;
let outstanding = 0;
const acked = { incidents: [] as string[], events: [] as string[] };

function note(kind: SoakKind, ms: number | null, status: 'ok' | 'error' | 'shed', error?: string): void {
  const c = counts.get(kind) ?? { done: 0, errors: 0, shed: 0 };
  if (status === 'ok' && ms !== null) { c.done += 1; (lat.get(kind) ?? lat.set(kind, []).get(kind)!).push(ms); }
  if (status === 'error') { c.errors += 1; firstError ??= `${kind}: ${error ?? ''}`.slice(0, 300); }
  if (status === 'shed') c.shed += 1;
  counts.set(kind, c);
}

async function send(kind: SoakKind, due: number, method: string, path: string, headers: Record<string, string>, body: unknown, expect: number) {
  outstanding += 1;
  try {
    const res = await http.request(method, path, headers, body);
    const ms = performance.now() - due;
    if (res.status === expect) { note(kind, ms, 'ok'); return res.body; }
    note(kind, null, res.status === 503 ? 'shed' : 'error', `HTTP ${res.status} ${res.body.slice(0, 160)}`);
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
  const who = job.staff[i % job.staff.length]!;
  const body = await send('incident', due, 'POST', '/api/v1/incidents', { ...who, 'idempotency-key': randomUUID() }, incidentFor(job.fixtures, i), 201);
  if (!body) return;
  const inc = JSON.parse(body) as { id: string; version: number };
  acked.incidents.push(inc.id);
  if (i % 3 === 0) await send('submit', performance.now(), 'POST', `/api/v1/incidents/${inc.id}/submit`, who, { version: inc.version }, 200);
}

let q = 0;
async function quick(due: number): Promise<void> {
  const i = q++;
  const pupil = job.quickPupils[(i * 7) % job.quickPupils.length]!;
  const body = { pupilIds: [pupil], categoryCode: i % 3 === 0 ? job.categories.positive : job.categories.negative };
  const res = await send('quick', due, 'POST', '/api/v1/behaviour-events', { ...job.staff[i % job.staff.length]!, 'idempotency-key': randomUUID() }, body, 201);
  if (res) for (const e of (JSON.parse(res) as { items: { id: string }[] }).items) acked.events.push(e.id);
}

async function dashboard(kind: 'dashSite' | 'dashTrust', due: number): Promise<void> {
  const query = `from=${job.year.from}&to=${job.year.to}${kind === 'dashSite' ? `&siteIds=${job.siteId}` : ''}`;
  const res = await send(kind, due, 'GET', `/api/v1/analytics/dashboard?${query}`, kind === 'dashSite' ? job.siteHead : job.trustHead, undefined, 200);
  if (res) stale.push(Date.now() - new Date((JSON.parse(res) as { asOf: string }).asOf).getTime());
}

function windowReport(index: number): SoakWindow {
  const kinds: KindWindow[] = [];
  for (const kind of ['incident', 'submit', 'quick', 'dashSite', 'dashTrust'] as SoakKind[]) {
    const l = (lat.get(kind) ?? []).sort((a, b) => a - b);
    const c = counts.get(kind) ?? { done: 0, errors: 0, shed: 0 };
    const k: KindWindow = { kind, ...c, p50: percentile(l, 50), p95: percentile(l, 95), p99: percentile(l, 99), max: l.at(-1) ?? NaN };
    if (kind === 'dashSite') { const s = stale.sort((a, b) => a - b); k.staleP95 = percentile(s, 95); k.staleMax = s.at(-1) ?? NaN; stale.length = 0; }
    kinds.push(k);
  }
  lat.clear();
  counts.clear();
  const w: SoakWindow = { index, seconds: job.windowSeconds, kinds, outstanding, firstError };
  firstError = null;
  return w;
}

async function main(): Promise<void> {
  const rates: [number, (due: number) => Promise<void>][] = [
    [50 * job.scale, incident], [10 * job.scale, quick],
    [18 * job.scale, (d) => dashboard('dashSite', d)], [2 * job.scale, (d) => dashboard('dashTrust', d)],
  ];
  const start = performance.now();
  const end = start + job.seconds * 1000;
  const sent = rates.map(() => 0);
  const inFlight = new Set<Promise<void>>();
  let nextWindow = start + job.windowSeconds * 1000;
  let index = 0;
  while (performance.now() < end) {
    const now = performance.now();
    rates.forEach(([rate, fire], k) => {
      // every request due by now goes out, each stamped with the moment it was due
      while (start + (sent[k]! * 1000) / rate <= now) {
        const p = fire(start + (sent[k]! * 1000) / rate);
        sent[k]! += 1;
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
    });
    if (now >= nextWindow) { parentPort?.postMessage({ type: 'window', window: windowReport(index++) }); nextWindow += job.windowSeconds * 1000; }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.allSettled([...inFlight]);
  parentPort?.postMessage({ type: 'window', window: windowReport(index) });
  parentPort?.postMessage({ type: 'done', acked });
  http.close();
}

main().catch((e: unknown) => parentPort?.postMessage({ type: 'failed', error: e instanceof Error ? e.message : String(e) }));
