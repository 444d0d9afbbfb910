/**
 * The database handle: PGlite (embedded, in a data directory) or PostgreSQL (through `pg`), behind one Drizzle API.
 * PGlite is one connection: never query through another handle from inside a transaction callback.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from '../../db/schema/index.ts';
import { WalSyncer } from './durable.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  kind: DbKind;
  db: Db;
  /** Run raw SQL text with no parameters (migrations, restore). */
  exec(sql: string): Promise<void>;
  /** Run one parameterised query and return its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** A human description, without credentials. */
  describe: string;
  /** Make every committed transaction durable on disk (a no-op for PostgreSQL, which does this itself). */
  syncCommitted(): void;
}

/** PGlite's default start parameters include -F (fsync off). Haven keeps fsync on: an acknowledged write survives a crash. */
export const pgliteStartParams = (): string[] => PGlite.defaultStartParams.filter((p) => p !== '-F');

export async function openPglite(dataDir: string | undefined, opts: { loadDataDir?: Blob | File } = {}): Promise<Database> {
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    startParams: pgliteStartParams(),
    // dates and timestamps as text, int8 as number: the same shapes the pg pool gives
    parsers: { 1082: (v: string) => v, 1114: (v: string) => v, 1184: (v: string) => v, 20: (v: string) => Number(v) },
  });
  return fromPglite(client, dataDir ? `PGlite (embedded) in ${dataDir}` : 'PGlite (in memory)', dataDir);
}

export function fromPglite(client: PGlite, describe: string, dataDir?: string): Database {
  const syncer = dataDir ? new WalSyncer(dataDir) : null;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    describe,
    async exec(sql) { await client.exec(sql); },
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await client.query<T>(sql, params);
      return r.rows;
    },
    async close() { if (!client.closed) await client.close(); },
    syncCommitted() { syncer?.sync(); },
    // exposed for dumpDataDir in tests
    ...({ pglite: client } as object),
  };
}

export function pgliteOf(database: Database): PGlite | undefined {
  return (database as unknown as { pglite?: PGlite }).pglite;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch { return 'postgres://(unparseable URL)'; }
}

// Dates and timestamps come back as strings from both drivers so that presenters see one shape.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    // 1082 date, 1114 timestamp, 1184 timestamptz: keep as text
    if (oid === 1082 || oid === 1114 || oid === 1184) return (v: string) => v;
    // 20 int8: numbers (audit seq and counts stay well inside 2^53)
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * Settings of the app's PostgreSQL sessions (PGOPTIONS replaces them):
 * - plan_cache_mode: the named (prepared) statements of the hot paths are index lookups and inserts: one generic plan
 *   each, made once per connection, not a fresh plan at each execution (unnamed statements are still planned with
 *   their values);
 * - work_mem 32MB: a dashboard's per-pupil aggregation (tens of thousands of groups) hashes in memory;
 * - no parallel workers: a dashboard already runs its queries side by side on the pool, and a gather-merge plan sorts
 *   by text keys where one hash aggregate does it several times faster;
 * - no JIT: the app's statements touch few rows, but a generic plan can estimate many (a set-returning function counts
 *   as 100 rows) and pass jit_above_cost, and compiling then took 70-150 ms of a 60 ms analytics refresh.
 */
export const SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan -c work_mem=32MB -c max_parallel_workers_per_gather=0 -c jit=off';

export async function openPostgres(url: string, opts: { max?: number; options?: string } = {}): Promise<Database> {
  const config: pg.PoolConfig = {
    connectionString: url, max: opts.max ?? 20, types: types as pg.CustomTypesConfig, options: opts.options ?? process.env.PGOPTIONS ?? SESSION_OPTIONS,
    // pg's pipeline mode: a statement is written as soon as it is queried, each with its own Sync (so its own result
    // and error), rather than after the previous one's answer. Code that awaits each statement behaves exactly as
    // without it; a transaction (tx.ts) uses it to send BEGIN, deferred writes and its COMMIT with other statements.
    pipeline: true,
  };
  const pool = new pg.Pool(config);
  // A connection can end at any moment (PostgreSQL restarted or failed over, an administrator's
  // pg_terminate_backend). pg then emits 'error' on the client, and on an EventEmitter with no listener that is an
  // uncaught exception: the pool listens only while a client is idle, so a checked-out one (a transaction, tx.ts)
  // would take the process down. Every client gets a listener for its whole life, from the moment it connects: the
  // statements in flight fail with the error (the request answers 503, error-handler.ts), the transaction is never
  // committed, and the pool discards the client when it is released (it is no longer queryable) and opens another.
  pool.on('connect', (client) => { client.on('error', () => { /* reported through the failed statements */ }); });
  pool.on('error', () => { /* an idle client's connection ended: the pool has already removed it */ });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    describe: `PostgreSQL at ${redactUrl(url)}`,
    async exec(sql) { await pool.query(sql); },
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await pool.query(sql, params);
      return r.rows as T[];
    },
    async close() { await pool.end(); },
    syncCommitted() { /* PostgreSQL flushes its WAL at commit */ },
    ...({ pool } as object),
  };
}

export function poolOf(database: Database): pg.Pool | undefined {
  return (database as unknown as { pool?: pg.Pool }).pool;
}
