/**
 * Databases and the app for the benchmarks: a fresh PostgreSQL database (created from an admin URL, dropped at the
 * end) or an in-memory PGlite, migrated and seeded with the demo trust; the real app listening on a free port; and
 * signed-in users made directly in the database, as the API tests' harness does.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { asc } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPglite, openPostgres, type Database } from '../../apps/server/src/core/db/client.ts';
import { runMigrations } from '../../apps/server/src/core/db/migrate.ts';
import { seedDemo } from '../../apps/server/src/db/seed/demo.ts';
import { roleAssignments, sites, users } from '../../apps/server/src/db/schema/index.ts';
import { insertSession } from '../../apps/server/src/modules/auth/auth.repo.ts';
import { CSRF_COOKIE, SESSION_COOKIE, hashSecret, newSecret } from '../../apps/server/src/modules/auth/tokens.ts';

/** The demo trust is seeded as of this instant, so every run benchmarks the same data. */
export const BENCH_TODAY = new Date('2026-11-18T10:00:00Z');

export function adminUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

export function redact(url: string): string {
  try { const u = new URL(url); if (u.password) u.password = '***'; return u.toString(); } catch { return '(unparseable URL)'; }
}

export interface BenchDatabase {
  database: Database;
  /** The connection URL (PostgreSQL only). */
  url: string | null;
  seedMs: number;
  close(): Promise<void>;
}

async function migrateAndSeed(database: Database): Promise<number> {
  await runMigrations(database);
  const t0 = Date.now();
  await seedDemo(database, { today: BENCH_TODAY, password: `bench-${randomBytes(6).toString('hex')}` });
  // Planner statistics for the seeded tables now, as autovacuum would soon give them, rather than part-way through a run.
  await database.exec('analyze');
  return Date.now() - t0;
}

/** Creates haven_bench_<pid>_<n> from the admin URL; throws a readable error when PostgreSQL cannot be reached. */
export async function createPostgres(poolMax: number): Promise<BenchDatabase> {
  const base = adminUrl();
  const name = `haven_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try { await admin.connect(); } catch (e) {
    throw new Error(`cannot connect to PostgreSQL at ${redact(base)} (${e instanceof Error ? e.message : String(e)}); set BENCH_DATABASE_URL`);
  }
  try { await admin.query(`create database ${name}`); } finally { await admin.end(); }
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await openPostgres(url, { max: poolMax });
  const drop = async () => {
    // BENCH_KEEP_DB=1 leaves the scratch database behind, to look at its plans afterwards (drop it by hand)
    if (process.env.BENCH_KEEP_DB === '1') { console.log(`  kept database ${name}`); return; }
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    try { await a.query(`drop database if exists ${name} with (force)`); } finally { await a.end(); }
  };
  try {
    const seedMs = await migrateAndSeed(database);
    return { database, url, seedMs, async close() { await database.close(); await drop(); } };
  } catch (e) {
    await database.close();
    await drop();
    throw e;
  }
}

export async function createPglite(): Promise<BenchDatabase> {
  const database = await openPglite(undefined);
  try {
    const seedMs = await migrateAndSeed(database);
    return { database, url: null, seedMs, close: () => database.close() };
  } catch (e) {
    await database.close();
    throw e;
  }
}

export interface RunningApp { baseUrl: string; close(): Promise<void> }

/**
 * The real app with production settings on 127.0.0.1 and a free port, logging as production does (LOG_LEVEL info:
 * a line when each request arrives and one when it is answered) into /dev/null, so that building and writing the
 * lines is counted but not the cost of wherever a deployment sends them. BENCH_LOG_LEVEL=silent turns logging off
 * (as benchmarks before 2026-11-22 ran). The API alone unless `webDist` names a built web app to serve beside it.
 */
export async function startApp(database: Database, webDist = '/nonexistent'): Promise<RunningApp> {
  const level = process.env.BENCH_LOG_LEVEL || 'info';
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: level, HAVEN_WEB_DIST: webDist, COOKIE_SECURE: 'false' } as NodeJS.ProcessEnv);
  const devNull = fs.openSync('/dev/null', 'w');
  const logStream = { write: (line: string) => { fs.writeSync(devNull, line); } };
  const app = await buildApp({ config, database, logger: level !== 'silent', logStream });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The app is not listening on a TCP port');
  return { baseUrl: `http://127.0.0.1:${address.port}`, close: async () => { await app.close(); fs.closeSync(devNull); } };
}

export interface BenchSession { userId: string; headers: Record<string, string> }

export interface SiteOne { trustId: string; siteId: string }

/** The demo trust's first site (the SEMH school): sites are numbered by URN. */
export async function siteOne(database: Database): Promise<SiteOne> {
  const rows = await database.db.select({ id: sites.id, trustId: sites.trustId }).from(sites).orderBy(asc(sites.urn)).limit(1);
  const site = rows[0];
  if (!site) throw new Error('The database has no site: was the demo trust seeded?');
  return { trustId: site.trustId, siteId: site.id };
}

/**
 * `n` members of staff at site 1 (or users of another role, at a site or trust-wide with siteId null), each signed in
 * (a session made in the database; no password or TOTP involved).
 */
export async function signInStaff(database: Database, at: SiteOne, n: number, role = 'staff', siteId: string | null = at.siteId): Promise<BenchSession[]> {
  const out: BenchSession[] = [];
  const db = database.db;
  for (let i = 0; i < n; i += 1) {
    const userId = uuidv7();
    const email = `bench-${i}-${randomBytes(3).toString('hex')}@bench.haven.test`;
    await db.insert(users).values({ id: userId, trustId: at.trustId, email, displayName: `Bench user ${i + 1}`, passwordHash: null });
    await db.insert(roleAssignments).values({ id: uuidv7(), trustId: at.trustId, userId, role, siteId });
    const token = newSecret();
    const csrf = newSecret();
    await insertSession(db, { trustId: at.trustId, userId, tokenHash: hashSecret(token), csrfToken: csrf, expiresAt: new Date(Date.now() + 4 * 3_600_000), ip: null, userAgent: 'bench' });
    const cookie = `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`;
    out.push({ userId, headers: { cookie, 'x-csrf-token': csrf } });
  }
  return out;
}
