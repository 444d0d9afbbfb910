/**
 * What the soak's scenarios need besides the load (soak.ts): each trust's signed-in users and fixtures, further demo
 * trusts, a day already holding many incidents (to measure the refresher's fold of a busy day), the rebuild loop, and
 * a sampler that reads PostgreSQL's own views twice a second — connections by state and wait event, and every lock
 * request not granted with what its backend was running — so that a wait of a second is seen, not only the state at
 * the end of a window.
 */
import { randomBytes } from 'node:crypto';
import { asc } from 'drizzle-orm';
import type { Database } from '../../apps/server/src/core/db/client.ts';
import { seedDemo } from '../../apps/server/src/db/seed/demo.ts';
import { sites } from '../../apps/server/src/db/schema/index.ts';
import { rebuildAnalytics } from '../../apps/server/src/modules/analytics/analytics.rebuild.ts';
import type { RawDb } from './raw.ts';
import { BENCH_TODAY, signInStaff, type SiteOne } from './setup.ts';
import type { SoakTarget } from './soak-worker.ts';
import { loadFixtures } from '../recording.ts';
import { HttpClient } from './http.ts';
import { incidentFor } from '../requests.ts';

/** Demo trusts 2 … n beside the first (each a full demo trust under its own ids); returns how long seeding took. */
export async function seedMoreTrusts(database: Database, n: number): Promise<number> {
  const t0 = Date.now();
  for (let copy = 1; copy < n; copy += 1) {
    await seedDemo(database, { today: BENCH_TODAY, password: `bench-${randomBytes(6).toString('hex')}`, copy });
  }
  return Date.now() - t0;
}

/** Every trust's first site (by URN), the trusts in a fixed order. */
export async function firstSites(database: Database): Promise<SiteOne[]> {
  const rows = await database.db.select({ id: sites.id, trustId: sites.trustId, urn: sites.urn }).from(sites).orderBy(asc(sites.trustId), asc(sites.urn));
  const out = new Map<string, SiteOne>();
  for (const r of rows) if (!out.has(r.trustId)) out.set(r.trustId, { trustId: r.trustId, siteId: r.id });
  return [...out.values()];
}

/** A trust's target for the load: staff at its first site, a site head, a trust-wide head, pupils and codes. */
export async function targetFor(database: Database, raw: RawDb, site: SiteOne, staffCount: number): Promise<SoakTarget> {
  const fixtures = await loadFixtures(raw, site);
  const staff = await signInStaff(database, site, staffCount);
  const [siteHead] = await signInStaff(database, site, 1, 'head');
  const [trustHead] = await signInStaff(database, site, 1, 'head', null);
  return {
    fixtures, staff: staff.map((s) => s.headers), siteHead: siteHead!.headers, trustHead: trustHead!.headers,
    siteId: site.siteId, quickPupils: fixtures.pupils.map((p) => p.id),
  };
}

/**
 * Put `n` counted (submitted) incidents on today's date at the target's site: one made and submitted through the
 * API, then copied in the database with its pupils, staff and interventions (the triggers mark the day as any write
 * does). The refresher then re-counts a day that holds them all every time a write lands on it.
 */
export async function preloadDay(raw: RawDb, baseUrl: string, t: SoakTarget, n: number): Promise<void> {
  if (n <= 0) return;
  const http = new HttpClient(baseUrl, 2);
  try {
    const who = t.staff[0]!;
    const made = await http.request('POST', '/api/v1/incidents', who, incidentFor(t.fixtures, 0));
    if (made.status !== 201) throw new Error(`preload: creating the template incident answered ${made.status}`);
    const inc = JSON.parse(made.body) as { id: string; version: number };
    const sub = await http.request('POST', `/api/v1/incidents/${inc.id}/submit`, who, { version: inc.version });
    if (sub.status !== 200) throw new Error(`preload: submitting the template incident answered ${sub.status}`);
    const cols = async (table: string) => (await raw.query<{ c: string }>(
      `select quote_ident(column_name) as c from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`, [table])).map((r) => r.c);
    // one statement: the copies' ids drawn once, the incidents and their rows inserted together (foreign keys and
    // the analytics triggers run at its end, when every row is there)
    const incCols = await cols('incidents');
    const children = await Promise.all(['incident_pupils', 'incident_staff', 'physical_interventions'].map(async (table) => ({ table, cols: await cols(table) })));
    await raw.query(`
      with m as materialized (select gen_random_uuid() as new from generate_series(2, $2::int)),
      i as (insert into incidents (${incCols.join(', ')})
            select ${incCols.map((c) => (c === 'id' ? 'm.new' : `i.${c}`)).join(', ')} from incidents i cross join m where i.id = $1 returning 1)
      ${children.map((ch, k) => `, c${k} as (insert into ${ch.table} (${ch.cols.join(', ')})
            select ${ch.cols.map((c) => (c === 'incident_id' ? 'm.new' : c === 'id' ? 'gen_random_uuid()' : `x.${c}`)).join(', ')}
              from ${ch.table} x cross join m where x.incident_id = $1 returning 1)`).join('\n')}
      select (select count(*) from i)::int as n`, [inc.id, n]);
  } finally {
    http.close();
  }
}

/** Incidents on today's date at a site: all, and those counted (not drafts). */
export async function dayHolds(raw: RawDb, siteId: string): Promise<{ all: number; counted: number }> {
  const r = await raw.query<{ all: number; counted: number }>(
    `select count(*)::int as all, (count(*) filter (where status <> 'draft'))::int as counted from incidents
      where site_id = $1 and occurred_on = (now() at time zone 'Europe/London')::date`, [siteId]);
  return r[0] ?? { all: 0, counted: 0 };
}

export interface PgSample { conns: Record<string, number>; lockWaitsMax: number; waiting: Record<string, number> }

/**
 * Reads pg_stat_activity and pg_locks every `everyMs` until stopped; `take()` returns what was seen since the last
 * take: the connections by state and wait event at the last sample, the most lock requests not granted at once, and
 * for each (lock type, relation, statement) waited on, in how many samples a backend was waiting on it.
 */
export function pgSampler(raw: RawDb, dbName: string, everyMs = 500) {
  let last: Record<string, number> = {};
  let maxWaits = 0;
  let waiting: Record<string, number> = {};
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const conns = await raw.query<{ k: string; n: number }>(
          `select coalesce(state, '?') || coalesce(':' || wait_event_type || '/' || wait_event, '') as k, count(*)::int as n
             from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() group by 1 order by 2 desc`, [dbName]);
        last = Object.fromEntries(conns.map((r) => [r.k, r.n]));
        const locks = await raw.query<{ k: string }>(
          `select l.locktype || ':' || coalesce(c.relname, l.classid::text || '/' || l.objid::text, '') || ' ← ' || left(regexp_replace(a.query, '\\s+', ' ', 'g'), 50) as k
             from pg_locks l left join pg_class c on c.oid = l.relation left join pg_stat_activity a on a.pid = l.pid
            where not l.granted`);
        maxWaits = Math.max(maxWaits, locks.length);
        for (const l of locks) waiting[l.k] = (waiting[l.k] ?? 0) + 1;
      } catch { /* a sample lost while the database is busy is only a sample */ }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    take(): PgSample {
      const s = { conns: last, lockWaitsMax: maxWaits, waiting };
      maxWaits = 0;
      waiting = {};
      return s;
    },
    async stop() { stopped = true; await loop; },
  };
}

/**
 * `haven analytics-rebuild` over and over on its own connections (as the CLI, a separate process, would), from
 * `firstAt` seconds until stopped, with a pause of `pauseMs` between rebuilds; returns each rebuild's duration.
 */
export function rebuildLoop(database: Database, firstAt: number, pauseMs: number) {
  const took: number[] = [];
  let stopped = false;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const loop = (async () => {
    await sleep(firstAt * 1000);
    while (!stopped) {
      const t0 = performance.now();
      try {
        await rebuildAnalytics(database);
        took.push(performance.now() - t0);
      } catch (e) {
        took.push(Number.NaN);
        process.stdout.write(`  rebuild failed: ${(e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e))}\n`);
      }
      await sleep(pauseMs);
    }
  })();
  return { took, async stop() { stopped = true; await loop; } };
}
