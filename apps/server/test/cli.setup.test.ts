/**
 * `haven setup` by flags, as automation runs it (no terminal): bad LAESTAB and URN named by the flag with nothing
 * written, then the trust set up in production, the audit chain verifying, and a second run refused. On the embedded
 * database, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dbKinds } from './db-kinds.ts';

const CLI = path.resolve('apps/server/bin/haven.js');
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => { for (const c of cleanups) await c(); });

async function target(kind: string): Promise<Record<string, string>> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-setup-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return { HAVEN_DATA_DIR: dir, DATABASE_URL: '' };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `haven_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    try { await a.query(`drop database if exists ${name} with (force)`); } finally { await a.end(); }
  });
  const u = new URL(base); u.pathname = `/${name}`;
  return { DATABASE_URL: u.toString() };
}

const SITE = 'name=Oak Hill School;short=OAK;urn=123456;laestab=801/2345;phase=secondary;type=semh';
const flags = (site = SITE) => ['setup', '--trust', 'Riverside Learning Trust', '--site', site, '--site', 'name=Ash Grove;urn=145678;laestab=8017012;phase=primary;type=asc',
  '--admin-name', 'Priya Shah', '--admin-email', 'priya@riverside.example'];

describe.each(dbKinds())('haven setup on %s', (kind) => {
  it('names bad input by flag, sets up once in production, and refuses a second run', async () => {
    const db = await target(kind);
    const run = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...db, NODE_ENV: 'production', LOG_LEVEL: 'warn', HAVEN_SETUP_PASSWORD: 'correct horse battery', ...extra }, encoding: 'utf8', timeout: 240_000,
    });
    const badLaestab = run(flags(SITE.replace('801/2345', '801/234')));
    expect(badLaestab.status).toBe(1);
    expect(badLaestab.stderr).toMatch(/--site 1 laestab: A LAESTAB is 7 digits/);
    const badUrn = run(flags(SITE.replace('123456', '12345')));
    expect(badUrn.stderr).toMatch(/--site 1 urn: A URN is 6 digits/);
    const noPassword = run(flags(), { HAVEN_SETUP_PASSWORD: '' });
    expect(noPassword.status).toBe(1);
    expect(noPassword.stderr).toMatch(/HAVEN_SETUP_PASSWORD/);
    const badSite = run(flags('name=Oak;urn=123456'));
    expect(badSite.stderr).toMatch(/--site 1: give laestab, phase, type/);

    const ok = run(flags());
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Haven is set up: Riverside Learning Trust, 2 schools, calendar \d{4}\/\d{2}/);
    expect(ok.stdout).toMatch(/Autumn 1 +\d{2}\/09\/\d{4} to/);
    expect(ok.stdout).toMatch(/first sign-in sets up two-factor/);

    const verify = run(['audit', 'verify']);
    expect(verify.stdout).toMatch(/Audit chain intact: \d+ entries verified/);
    const again = run(flags());
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already set up/);
  }, 300_000);
});
