/**
 * Training matrix benchmark (STF-1, issue 15): a synthetic trust of 20 sites, 2,000 staff, 10 courses and five years
 * of certificates (each member of staff renewing most courses on their own rhythm: about 60,000 certificates), the
 * whole-trust matrix and one site's through the real HTTP API as the cluster lead (trust-wide), 30 times after
 * warm-up (p50, p95; target p95 < 300 ms on PostgreSQL). The floor, in the same run: the same two queries (staff of
 * the sites; each member of staff's latest certificate per course) in raw SQL through the driver.
 *   BENCH_TRAINING_RUNS (30)  BENCH_DB (postgres | pglite | both; default postgres)
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SESSION_COOKIE, CSRF_COOKIE, hashSecret, newSecret } from '../apps/server/src/modules/auth/tokens.ts';
import { insertSession } from '../apps/server/src/modules/auth/auth.repo.ts';
import { openPglite, openPostgres, type Database } from '../apps/server/src/core/db/client.ts';
import { runMigrations } from '../apps/server/src/core/db/migrate.ts';
import { londonToday } from '../apps/server/src/core/time.ts';
import { percentile } from './lib/stats.ts';
import { adminUrl, startApp } from './lib/setup.ts';

export interface TrainingRow { benchmark: string; database: string; runs: number; p50: number; p95: number; floorP50: number; floorP95: number; target: string }

const TRUST = '0b3c0000-0000-4000-8000-0000000000f1';
const USER = '0b3c0000-0000-4000-8000-0000000000f2';
const runs = Number(process.env.BENCH_TRAINING_RUNS) > 0 ? Number(process.env.BENCH_TRAINING_RUNS) : 30;

/** The synthetic trust, in a few set-based statements. */
async function generate(database: Database): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => database.query(sql, params);
  await q(`insert into trusts (id, name) values ($1, 'Training bench trust')`, [TRUST]);
  await q(`insert into sites (id, trust_id, name, short_name, phase, kind)
    select gen_random_uuid(), $1, 'Site ' || n, 'S' || n, 'secondary', 'semh' from generate_series(1, 20) n`, [TRUST]);
  await q(`insert into users (id, trust_id, email, display_name) values ($1, $2, 'training-bench@example.org', 'Bench cluster lead')`, [USER, TRUST]);
  await q(`insert into role_assignments (id, trust_id, user_id, role, site_id) values (gen_random_uuid(), $1, $2, 'cluster_lead', null)`, [TRUST, USER]);
  await q(`insert into staff_members (id, trust_id, site_id, forename, surname, job_title)
    select gen_random_uuid(), $1, s.id, 'Forename' || n, 'Surname' || n, 'Teaching assistant'
    from (select id, row_number() over (order by short_name) - 1 as k from sites where trust_id = $1) s
    cross join generate_series(1, 100) n`, [TRUST]);
  await q(`insert into training_courses (id, trust_id, code, name, provider, level, validity_months, grace_months, physical_skills, technique_codes)
    select gen_random_uuid(), $1, 'C' || n, 'Course ' || n, 'Provider ' || (n % 3), 'Level ' || (n % 2 + 1),
      case when n % 3 = 0 then 24 else 12 end, case when n = 5 then 4 else 0 end, n <= 6, '["CARING_C_GUIDE","FRIENDLY_HOLD"]'::jsonb
    from generate_series(1, 10) n`, [TRUST]);
  // five years: for 80% of (staff, course) pairs, a certificate every validity period from a staggered start
  await q(`insert into training_certificates (id, trust_id, staff_id, course_id, issued_on, expires_on, grace_until, technique_codes, source)
    select gen_random_uuid(), $1, s.id, c.id, d::date, (d + make_interval(months => c.validity_months))::date,
      (d + make_interval(months => c.validity_months + c.grace_months))::date, c.technique_codes, 'import'
    from staff_members s cross join training_courses c
    cross join lateral generate_series(
      current_date - interval '5 years' + ((abs(hashtext(s.id::text || c.id::text)) % 400) || ' days')::interval,
      current_date, make_interval(months => c.validity_months)) d
    where s.trust_id = $1 and c.trust_id = $1 and abs(hashtext(c.id::text || s.id::text)) % 10 < 8`, [TRUST]);
  // statistics and the visibility map, as autovacuum gives a table soon after a bulk insert (PostgreSQL 13+ vacuums
  // after inserts too): five years of certificates are not all written a moment before the matrix is read
  await database.exec('vacuum analyze');
}

async function headers(database: Database): Promise<Record<string, string>> {
  const token = newSecret();
  const csrf = newSecret();
  await insertSession(database.db, { trustId: TRUST, userId: USER, tokenHash: hashSecret(token), csrfToken: csrf, expiresAt: new Date(Date.now() + 3_600_000), ip: null, userAgent: 'bench' });
  return { cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}` };
}

async function time(n: number, fn: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) { const t0 = performance.now(); await fn(); out.push(performance.now() - t0); }
  return out.sort((a, b) => a - b);
}

async function runOn(kind: 'postgres' | 'pglite', database: Database, raw: (sql: string, params: unknown[]) => Promise<unknown[]>): Promise<TrainingRow[]> {
  await runMigrations(database);
  const t0 = performance.now();
  await generate(database);
  const counts = (await database.query<{ staff: number; certs: number }>(`select (select count(*) from staff_members where trust_id = $1)::int as staff, (select count(*) from training_certificates where trust_id = $1)::int as certs`, [TRUST]))[0]!;
  process.stdout.write(`  ${kind}: generated ${counts.staff} staff, ${counts.certs} certificates in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const app = await startApp(database);
  const h = await headers(database);
  const siteIds = (await database.query<{ id: string }>(`select id from sites where trust_id = $1 order by short_name`, [TRUST])).map((r) => r.id);
  const today = londonToday();
  const rows: TrainingRow[] = [];
  try {
    for (const [label, siteId] of [['training matrix: whole trust (20 sites, 2,000 staff × 10 courses)', null], ['training matrix: one site (100 staff)', siteIds[0]!]] as const) {
      const url = `${app.baseUrl}/api/v1/training/matrix${siteId ? `?siteId=${siteId}` : ''}`;
      const api = await time(runs, async () => {
        const res = await fetch(url, { headers: h });
        if (res.status !== 200) throw new Error(`matrix answered ${res.status}`);
        await res.arrayBuffer();
      });
      const sites = siteId ? [siteId] : siteIds;
      const floor = await time(runs, async () => {
        await Promise.all([
          raw(`select s.id, s.forename, s.surname, s.job_title, s.site_id, t.name from staff_members s join sites t on t.id = s.site_id
            where s.site_id = any($1::uuid[]) and s.active order by t.name, s.surname, s.forename, s.id`, [sites]),
          raw(`select distinct on (c.staff_id, c.course_id) c.staff_id, c.course_id, c.id, c.issued_on, c.expires_on, c.grace_until
            from training_certificates c join staff_members s on s.id = c.staff_id
            where c.trust_id = $1 and c.revoked_at is null and c.issued_on <= $2 and s.site_id = any($3::uuid[]) and s.active
            order by c.staff_id, c.course_id, c.expires_on desc`, [TRUST, today, sites]),
        ]);
      });
      const p95 = percentile(api, 95);
      rows.push({ benchmark: label, database: kind, runs, p50: percentile(api, 50), p95, floorP50: percentile(floor, 50), floorP95: percentile(floor, 95),
        target: kind === 'postgres' && !siteId ? `${p95 < 300 ? 'MET' : 'NOT MET'}: p95 < 300 ms` : '' });
    }
  } finally {
    await app.close();
  }
  return rows;
}

export async function trainingBenchmark(kinds: readonly string[]): Promise<TrainingRow[]> {
  const rows: TrainingRow[] = [];
  if (kinds.includes('postgres')) {
    const base = adminUrl();
    const name = `haven_bench_training_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    const database = await openPostgres(u.toString(), { max: 20 });
    const pool = new pg.Pool({ connectionString: u.toString(), max: 4 });
    try {
      rows.push(...await runOn('postgres', database, async (sql, params) => (await pool.query(sql, params)).rows));
    } finally {
      await pool.end();
      await database.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      try { await a.query(`drop database if exists ${name} with (force)`); } finally { await a.end(); }
    }
  }
  if (kinds.includes('pglite')) {
    const database = await openPglite(undefined);
    try {
      rows.push(...await runOn('pglite', database, (sql, params) => database.query(sql, params)));
    } finally {
      await database.close();
    }
  }
  return rows;
}

export function trainingTable(rows: readonly TrainingRow[]): string {
  const f = (n: number) => n.toFixed(1);
  return ['training matrix (ms): benchmark | db | runs | API p50 | API p95 | floor p50 | floor p95 | target',
    ...rows.map((r) => `${r.benchmark} | ${r.database} | ${r.runs} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.floorP50)} | ${f(r.floorP95)} | ${r.target}`)].join('\n');
}
