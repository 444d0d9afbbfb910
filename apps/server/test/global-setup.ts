/**
 * Builds one migrated, seeded database per test run and hands it to every test file, which clones it
 * (PGlite: a dumped data directory; PostgreSQL: CREATE DATABASE … TEMPLATE). Seeding once keeps the suite fast.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openPglite, openPostgres, pgliteOf } from '../src/core/db/client.ts';
import { runMigrations } from '../src/core/db/migrate.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import { TEST_TODAY } from './constants.ts';
import { DEMO_PASSWORD } from '../src/db/seed/accounts.ts';
import { dbKinds } from './db-kinds.ts';

declare module 'vitest' {
  export interface ProvidedContext { pgliteTemplate: string | null; pgTemplateDb: string | null }
}

const tmpDir = path.resolve('.tmp');

async function buildPgliteTemplate(): Promise<string> {
  fs.mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `pglite-template-${process.pid}.tar.gz`);
  const database = await openPglite(undefined);
  await runMigrations(database);
  await seedDemo(database, { today: TEST_TODAY, password: DEMO_PASSWORD });
  const dump = await pgliteOf(database)!.dumpDataDir('gzip');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  return file;
}

function adminUrl(base: string, dbName: string): string {
  const u = new URL(base); u.pathname = `/${dbName}`; return u.toString();
}

async function buildPgTemplate(base: string): Promise<string> {
  const name = `haven_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openPostgres(adminUrl(base, name), { max: 4 });
  await runMigrations(database);
  await seedDemo(database, { today: TEST_TODAY, password: DEMO_PASSWORD });
  await database.close();
  return name;
}

export default async function setup(project: TestProject) {
  // only the kinds this run uses (HAVEN_TEST_DB): CI runs PGlite and PostgreSQL as two runs side by side
  const kinds = dbKinds();
  const [pgliteTemplate, pgTemplateDb] = await Promise.all([
    kinds.includes('pglite') ? buildPgliteTemplate() : Promise.resolve(null),
    kinds.includes('postgres') ? buildPgTemplate(process.env.TEST_DATABASE_URL!) : Promise.resolve(null),
  ]);
  project.provide('pgliteTemplate', pgliteTemplate);
  project.provide('pgTemplateDb', pgTemplateDb);
  return async () => {
    if (pgliteTemplate) fs.rmSync(pgliteTemplate, { force: true });
    if (pgTemplateDb && process.env.TEST_DATABASE_URL) {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      // clones still open are closed by their own files; force any leftovers
      // only this run's clones (named after this process): another run may be using the same server
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname like $1 or datname = $2`, [`haven_t_${process.pid}_%`, pgTemplateDb]);
      const left = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'haven_t_${process.pid}_%'`);
      for (const r of left.rows) await admin.query(`drop database if exists ${r.datname}`);
      await admin.query(`drop database if exists ${pgTemplateDb}`);
      await admin.end();
    }
  };
}
