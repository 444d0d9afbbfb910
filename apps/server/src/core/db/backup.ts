/**
 * Backup and restore as one portable plain-SQL file, the same from PGlite and PostgreSQL and restorable into an
 * empty database of either kind. Rows travel as `row_to_json` text and come back through `json_populate_record`,
 * so every type round-trips inside PostgreSQL and never through JavaScript values. One INSERT per line, so the
 * file is written and read as a stream. A header names the schema version (the applied migrations); restore
 * refuses a dump whose version differs from the target's, refuses a target that already holds data, and runs in
 * one transaction, so a failed restore leaves the target empty.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { is } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema/index.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import type { ChainProblem } from '../audit/chain.ts';
import { pgliteOf, poolOf, type Database } from './client.ts';
import { migrationsFolder, runMigrations } from './migrate.ts';

export const BACKUP_FORMAT_VERSION = 1;
const PAGE_ROWS = 1000;
const BATCH_CHARS = 1 << 20;

type Reader = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface SchemaVersion { tags: string[]; hash: string }
export interface BackupSummary { file: string; tables: number; rows: number; bytes: number; schema: SchemaVersion }
export interface RestoreSummary { tables: number; rows: number; audit: { count: number; problems: ChainProblem[] } }

export interface TableInfo { name: string; ref: string; key: { name: string; type: string }[]; deps: string[] }

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The application tables, parents before children (topological order of their foreign keys). */
export function tablesInDependencyOrder(): TableInfo[] {
  const byName = new Map<string, TableInfo>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const cfg = getTableConfig(value);
    // composite keys name their columns through stand-ins (whose getSQLType recurses): look the real ones up
    const pkNames = new Set((cfg.primaryKeys[0]?.columns ?? cfg.columns.filter((c) => c.primary)).map((c) => c.name));
    const pk = cfg.columns.filter((c) => pkNames.has(c.name));
    byName.set(cfg.name, {
      name: cfg.name,
      ref: cfg.schema ? `${ident(cfg.schema)}.${ident(cfg.name)}` : ident(cfg.name),
      key: pk.map((c) => ({ name: c.name, type: c.getSQLType() })),
      // a self-reference cannot be ordered by table; rows then go in key order
      deps: [...new Set(cfg.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name))]
        .filter((d) => d !== cfg.name),
    });
  }
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: TableInfo, path: string[]): void => {
    if (state.get(t.name) === 'done') return;
    if (state.get(t.name) === 'visiting') throw new Error(`Foreign keys form a cycle (${[...path, t.name].join(' → ')}); backup cannot order these tables`);
    state.set(t.name, 'visiting');
    for (const d of t.deps) {
      const dep = byName.get(d);
      if (!dep) throw new Error(`Table ${t.name} references ${d}, which is not in the Drizzle schema`);
      visit(dep, [...path, t.name]);
    }
    state.set(t.name, 'done');
    ordered.push(t);
  };
  for (const t of [...byName.values()].sort((a, b) => a.name.localeCompare(b.name))) visit(t, []);
  return ordered;
}

/** The migrations this code knows, from the drizzle-kit journal, with the hash drizzle records for each. */
export function codeSchemaVersion(): SchemaVersion & { entries: { tag: string; hash: string; when: number }[] } {
  const journal = JSON.parse(fs.readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: { tag: string; when: number }[] };
  const files = readMigrationFiles({ migrationsFolder });
  const entries = journal.entries.map((e, i) => ({ tag: e.tag, when: e.when, hash: files[i]?.hash ?? '' }));
  const hash = createHash('sha256').update(entries.map((e) => `${e.tag}:${e.hash}`).join('\n')).digest('hex');
  return { tags: entries.map((e) => e.tag), hash, entries };
}

/** The schema version a database is at: its applied migrations, which must all be ones this code knows. */
async function appliedSchemaVersion(read: Reader, describe: string): Promise<SchemaVersion> {
  const code = codeSchemaVersion();
  const exists = await read(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists[0]?.ok) throw new Error(`${describe} has no Haven migrations applied: run "haven migrate" first`);
  const applied = await read(`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id`);
  const known = applied.map((a, i) => code.entries[i]?.hash === a.hash && String(code.entries[i]?.when) === a.created_at);
  if (known.includes(false)) {
    throw new Error(`${describe} has migrations this Haven version does not know (a newer or different build); use the matching Haven version`);
  }
  const entries = code.entries.slice(0, applied.length);
  const hash = createHash('sha256').update(entries.map((e) => `${e.tag}:${e.hash}`).join('\n')).digest('hex');
  return { tags: entries.map((e) => e.tag), hash };
}

/** Runs `fn` on one consistent snapshot: a REPEATABLE READ transaction (pg) or PGlite's exclusive transaction. */
async function withSnapshot<T>(database: Database, fn: (read: Reader) => Promise<T>): Promise<T> {
  const pglite = pgliteOf(database);
  if (database.kind === 'pglite' && pglite) {
    return pglite.transaction((tx) => fn(async (sql, params = []) => (await tx.query<Record<string, unknown>>(sql, params)).rows));
  }
  const pool = poolOf(database);
  if (!pool) throw new Error(`${database.describe}: no connection pool to back up from`);
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const result = await fn(async (sql, params = []) => (await client.query(sql, params)).rows as Record<string, unknown>[]);
    await client.query('commit');
    return result;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

const insertLine = (t: TableInfo, json: string): string =>
  `INSERT INTO ${t.ref} SELECT * FROM json_populate_record(NULL::${t.ref}, '${json.replace(/'/g, "''")}');\n`;

/**
 * Writes the whole database to `file` (through `file.partial`, renamed when complete), from one snapshot.
 * On PGlite the snapshot is an exclusive transaction: other queries wait until the backup is written.
 */
/**
 * Attachments kept as files (the embedded database stores them on disk) travel inside the dump: the row is written
 * with the file's bytes in `data` and storage 'database', so a restore into either kind needs no files alongside.
 */
function inlineAttachment(json: string, root: string | undefined): string {
  const row = JSON.parse(json) as { id: string; storage: string; storage_path: string | null; data: string | null; sha256: string };
  if (row.storage !== 'disk') return json;
  if (!root || !row.storage_path) throw new Error(`Attachment ${row.id} is stored on disk, but no attachments directory was given to the backup.`);
  let bytes: Buffer;
  try { bytes = fs.readFileSync(path.join(root, row.storage_path)); } catch {
    throw new Error(`Attachment ${row.id} is missing from ${root}: the backup was not written.`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) throw new Error(`Attachment ${row.id} on disk does not match its recorded checksum: the backup was not written.`);
  return JSON.stringify({ ...row, storage: 'database', storage_path: null, data: `\\x${bytes.toString('hex')}` });
}

export async function backupDatabase(database: Database, file: string, opts: { pageRows?: number; attachmentsDir?: string } = {}): Promise<BackupSummary> {
  const pageRows = opts.pageRows ?? PAGE_ROWS;
  const tables = tablesInDependencyOrder();
  const partial = `${file}.partial`;
  const out = await fs.promises.open(partial, 'w');
  let rows = 0;
  let bytes = 0;
  const write = async (text: string): Promise<void> => { bytes += Buffer.byteLength(text); await out.write(text); };
  try {
    const version = await withSnapshot(database, async (read) => {
      const version = await appliedSchemaVersion(read, database.describe);
      await write([
        '-- Haven backup', `-- format: ${BACKUP_FORMAT_VERSION}`, `-- schema: ${version.tags.join(' ')}`,
        `-- schema-hash: ${version.hash}`, `-- created-at: ${new Date().toISOString()}`, `-- source: ${database.kind}`,
        `-- tables: ${tables.map((t) => t.name).join(' ')}`, '-- Restore with "haven restore" into an empty database.', 'BEGIN;', '',
      ].join('\n'));
      for (const t of tables) {
        const keyed = t.key.length > 0;
        const keys = keyed ? t.key.map((k) => `t.${ident(k.name)}`) : ['t.ctid'];
        const casts = keyed ? t.key.map((k, i) => `$${i + 1}::${k.type}`) : ['$1::tid'];
        let after: unknown[] | null = null;
        for (;;) {
          const where: string = after ? `where (${keys.join(', ')}) > (${casts.join(', ')})` : '';
          const page: Record<string, unknown>[] = await read(
            `select row_to_json(t)::text as j, ${keys.map((k, i) => `${k}::text as k${i}`).join(', ')}
               from ${t.ref} t ${where} order by ${keys.join(', ')} limit ${pageRows}`, after ?? []);
          if (page.length > 0) {
            await write(page.map((r) => insertLine(t, t.name === 'attachments' ? inlineAttachment(String(r.j), opts.attachmentsDir) : String(r.j))).join(''));
          }
          rows += page.length;
          if (page.length < pageRows) break;
          const last = page[page.length - 1]!;
          after = keys.map((_, i) => last[`k${i}`]);
        }
      }
      const sequences = await read(`select schemaname, sequencename, last_value::text as v from pg_sequences
         where schemaname not in ('pg_catalog', 'information_schema', 'drizzle') and last_value is not null order by 1, 2`);
      for (const s of sequences) {
        const name = `${ident(String(s.schemaname))}.${ident(String(s.sequencename))}`.replace(/'/g, "''");
        await write(`SELECT pg_catalog.setval('${name}', ${String(s.v)}, true);\n`);
      }
      return version;
    });
    await write(`COMMIT;\n-- end: ${rows} rows\n`);
    await out.sync();
    await out.close();
    await fs.promises.rename(partial, file);
    return { file, tables: tables.length, rows, bytes, schema: version };
  } catch (e) {
    await out.close().catch(() => undefined);
    await fs.promises.rm(partial, { force: true });
    throw e;
  }
}

/** Reads the `-- key: value` header of a dump. */
export async function readBackupHeader(file: string): Promise<Record<string, string>> {
  const header: Record<string, string> = {};
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const m = /^-- ([a-z-]+): (.*)$/.exec(line);
    if (m) header[m[1]!] = m[2]!;
    else if (!line.startsWith('--')) break;
  }
  lines.close();
  input.destroy();
  return header;
}

/**
 * Reference tables that migrations fill (the DfE national rates, SPEC §9; the DfE census reason codes, SPEC §6, which
 * also hold each trust's own copy): a freshly migrated database holds their rows, so they don't make a target "not
 * empty", and a restore replaces them with the backup's rows (which include any rows an operator added since).
 */
export const REFERENCE_TABLES: ReadonlySet<string> = new Set(['national_exclusion_rates', 'exclusion_reasons']);

/** Refuses a target that holds any application rows. */
async function assertEmpty(database: Database, tables: TableInfo[]): Promise<void> {
  for (const t of tables) {
    if (REFERENCE_TABLES.has(t.name)) continue;
    const [exists] = await database.query<{ ok: boolean }>(`select to_regclass($1) is not null as ok`, [t.ref]);
    if (!exists?.ok) continue;
    const any = await database.query(`select 1 from ${t.ref} limit 1`);
    if (any.length > 0) {
      throw new Error(`Refusing to restore into ${database.describe}: it already holds data (table ${t.name} has rows). Restore needs an empty database.`);
    }
  }
}

/** Checks one data line: a single INSERT into a known table from one closed literal, or a sequence setval. */
function checkLine(line: string, refs: Set<string>, lineNo: number): 'row' | 'sequence' {
  const m = /^INSERT INTO ("(?:[^"]|"")+"(?:\."(?:[^"]|"")+")?) SELECT \* FROM json_populate_record\(NULL::("(?:[^"]|"")+"(?:\."(?:[^"]|"")+")?), '/.exec(line);
  if (m && m[1] === m[2] && refs.has(m[1]!) && line.endsWith("');")) {
    const literal = line.slice(m[0].length, -3);
    if (!literal.replace(/''/g, '').includes("'")) return 'row';
  } else if (/^SELECT pg_catalog\.setval\('(?:[^']|'')+', -?\d+, true\);$/.test(line)) {
    return 'sequence';
  }
  throw new Error(`The backup is damaged at line ${lineNo}: not a complete statement`);
}

/** Runs batches of statements in one transaction on either kind of database. */
async function inRestoreTransaction(database: Database, fn: (exec: (sql: string) => Promise<void>) => Promise<void>): Promise<void> {
  const pglite = pgliteOf(database);
  if (database.kind === 'pglite' && pglite) {
    await pglite.transaction(async (tx) => { await fn(async (sql) => { await tx.exec(sql); }); });
    return;
  }
  const pool = poolOf(database);
  if (!pool) throw new Error(`${database.describe}: no connection pool to restore into`);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await fn(async (sql) => { await client.query(sql); });
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Restores `file` into an empty database (migrating it first), in one transaction. */
export async function restoreDatabase(database: Database, file: string): Promise<RestoreSummary> {
  const tables = tablesInDependencyOrder();
  const header = await readBackupHeader(file);
  if (header['format'] !== String(BACKUP_FORMAT_VERSION) || header['schema-hash'] === undefined) {
    throw new Error(`${file} is not a Haven backup of format ${BACKUP_FORMAT_VERSION}`);
  }
  await assertEmpty(database, tables);
  await runMigrations(database);
  const target = await appliedSchemaVersion(async (sql, params) => database.query(sql, params), database.describe);
  if (header['schema-hash'] !== target.hash || header['schema'] !== target.tags.join(' ')) {
    throw new Error(`The backup was taken at schema version "${header['schema']}" but ${database.describe} is at ` +
      `"${target.tags.join(' ')}". Restore it with the Haven version that made it, then upgrade.`);
  }
  const refs = new Set(tables.map((t) => t.ref));
  let rows = 0;
  await inRestoreTransaction(database, async (exec) => {
    // the rows arrive with their derived state (e.g. the analytics rollup): triggers must not derive it again
    await exec(`set local haven.restoring = 'on'`);
    for (const t of tables) if (REFERENCE_TABLES.has(t.name)) await exec(`delete from ${t.ref}`);
    rows = await replayDump(file, refs, exec);
  });
  return { tables: tables.length, rows, audit: await verifyAuditChain(database) };
}

/** Streams the dump's statements into `exec` in batches, checking each line and the trailer; returns the row count. */
async function replayDump(file: string, refs: Set<string>, exec: (sql: string) => Promise<void>): Promise<number> {
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let phase: 'header' | 'data' | 'trailer' = 'header';
  let batch: string[] = [];
  let batchChars = 0;
  let lineNo = 0;
  let rows = 0;
  let trailerRows: number | null = null;
  const flush = async (): Promise<void> => {
    if (batch.length > 0) await exec(batch.join('\n'));
    batch = [];
    batchChars = 0;
  };
  try {
    for await (const line of lines) {
      lineNo++;
      if (phase === 'header') {
        if (line === 'BEGIN;') phase = 'data';
        else if (!line.startsWith('--')) throw new Error(`The backup is damaged at line ${lineNo}: expected the header`);
      } else if (phase === 'data') {
        if (line === 'COMMIT;') { await flush(); phase = 'trailer'; continue; }
        if (line === '') continue;
        if (checkLine(line, refs, lineNo) === 'row') rows++;
        batch.push(line);
        batchChars += line.length;
        if (batchChars >= BATCH_CHARS) await flush();
      } else {
        const m = /^-- end: (\d+) rows$/.exec(line);
        if (m) trailerRows = Number(m[1]);
        else if (line !== '') throw new Error(`The backup is damaged at line ${lineNo}: unexpected text after COMMIT`);
      }
    }
  } finally {
    input.destroy();
  }
  if (phase !== 'trailer' || trailerRows === null) throw new Error('The backup is incomplete: it ends before its last statement');
  if (trailerRows !== rows) throw new Error(`The backup is damaged: it declares ${trailerRows} rows but holds ${rows}`);
  return rows;
}
