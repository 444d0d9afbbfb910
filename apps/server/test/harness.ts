/**
 * Test harness: a real database (never a mock) cloned from the run's seeded template, and the real app on it.
 * `dbKinds()` is PGlite, plus PostgreSQL when TEST_DATABASE_URL is set (or as HAVEN_TEST_DB says: see db-kinds.ts):
 * API suites run once per kind. A suite that does not depend on the database runs once, on `dbKinds()[0]`.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openPglite, openPostgres, type Database, type DbKind } from '../src/core/db/client.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { buildApp } from '../src/app.ts';
import { runMigrations } from '../src/core/db/migrate.ts';
import { users } from '../src/db/schema/users.ts';
import { insertSession } from '../src/modules/auth/auth.repo.ts';
import { hashSecret, newSecret, SESSION_COOKIE, CSRF_COOKIE } from '../src/modules/auth/tokens.ts';
import { dbKinds } from './db-kinds.ts';

export { dbKinds };

function dbUrl(base: string, name: string): string { const u = new URL(base); u.pathname = `/${name}`; return u.toString(); }

/** A new PostgreSQL database on the test server (named after this run, so global teardown drops leftovers), dropped on close. */
async function newPostgresDatabase(template: string | null): Promise<Database> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `haven_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    // CREATE DATABASE … TEMPLATE needs the template to have no other connections; retry briefly if a sibling is cloning
    for (let i = 0; ; i++) {
      try { await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`); break; } catch (e) {
        if (i > 40) throw e;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally { await admin.end(); }
  const database = await openPostgres(dbUrl(base, name), { max: 10 });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    try { await a.query(`drop database if exists ${name} with (force)`); } finally { await a.end(); }
  };
  return database;
}

/** A private copy of the seeded template database. */
export async function cloneDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'pglite') {
    const file = inject('pgliteTemplate');
    if (!file) throw new Error(`No PGlite template in this run (HAVEN_TEST_DB=${process.env.HAVEN_TEST_DB}): a suite that does not depend on the database should use dbKinds()[0]`);
    return openPglite(undefined, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  }
  const template = inject('pgTemplateDb');
  if (!template) throw new Error('No PostgreSQL template: TEST_DATABASE_URL was not set for global setup');
  return newPostgresDatabase(template);
}

/** A migrated database holding no trust at all, as a new installation starts (the first run, modules/setup). */
export async function emptyDatabase(kind: DbKind): Promise<Database> {
  const database = kind === 'pglite' ? await openPglite(undefined) : await newPostgresDatabase(null);
  await runMigrations(database);
  return database;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HAVEN_WEB_DIST: '/nonexistent' } as NodeJS.ProcessEnv);
  // Tests sign in many times from one address; the throttling test sets its own low limit.
  return { ...base, login: { ...base.login, ratePerMinute: 10_000 }, ...overrides };
}

export interface TestContext {
  kind: DbKind;
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export async function createTestContext(kind: DbKind, config: Config = testConfig()): Promise<TestContext> {
  const database = await cloneDatabase(kind);
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return { kind, app, database, async close() { await app.close(); await database.close(); } };
}

export interface Session { cookie: string; csrf: string; userId: string; headers: Record<string, string> }

/**
 * A signed-in session for a user, made directly in the database (skipping password and TOTP, which the auth
 * tests exercise through the API). Tests use it to act as any role quickly.
 */
export async function sessionFor(ctx: TestContext, email: string): Promise<Session> {
  const db = ctx.database.db;
  const user = (await db.select().from(users).where(eq(users.email, email)))[0];
  if (!user) throw new Error(`No user ${email}`);
  const token = newSecret();
  const csrf = newSecret();
  await insertSession(db, { trustId: user.trustId, userId: user.id, tokenHash: hashSecret(token), csrfToken: csrf, expiresAt: new Date(Date.now() + 3_600_000), ip: null, userAgent: 'test' });
  const cookie = `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`;
  return { cookie, csrf, userId: user.id, headers: { cookie, 'x-csrf-token': csrf } };
}

export const demoEmail = (role: string) => `${role.replace(/_/g, '-')}@demo.haven.test`;

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}

/** The sites a user holds a role at (site-level assignments only), in a stable order. */
export async function sitesOf(ctx: TestContext, email: string): Promise<string[]> {
  return (await ctx.database.query<{ site_id: string }>(
    `select ra.site_id from role_assignments ra join users u on u.id = ra.user_id where u.email = $1 and ra.site_id is not null order by ra.site_id`,
    [email])).map((r) => r.site_id);
}

/** The demo accounts the policy suites act as, and the two sites they work across (site 1, and the cluster lead's other). */
export async function policyActors(ctx: TestContext) {
  const [admin, lead, staff, cluster, parent] = await Promise.all(
    ['trust_admin', 'behaviour_lead', 'staff', 'cluster_lead', 'parent'].map((r) => sessionFor(ctx, demoEmail(r))));
  const site1 = (await sitesOf(ctx, demoEmail('staff')))[0]!;
  const site2 = (await sitesOf(ctx, demoEmail('cluster_lead'))).find((s) => s !== site1)!;
  return { admin: admin!, lead: lead!, staff: staff!, cluster: cluster!, parent: parent!, site1, site2 };
}
