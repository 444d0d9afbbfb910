/**
 * Many rows written in one statement (a chunk at a time), never row by row: inserts through the seed's
 * jsonb_populate_recordset helper, and updates by id the same way. Many rows read in one statement too: the keys as
 * ONE array parameter, the rows back as ONE json value. The same SQL runs on PGlite and PostgreSQL.
 */
import { getTableColumns, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor, Tx } from '../../core/db/client.ts';

export { bulkInsert } from '../../db/seed/bulk-insert.ts';

const CHUNK = 2000;

/** A PostgreSQL array literal of text values (each quoted, quotes and backslashes escaped), sent as one parameter. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * `column in (values)` for thousands of keys: one array parameter, unnested and hashed (a semi-join). A list of
 * thousands of parameters (`inArray`) is compared one by one against every row under a generic plan (the app's
 * sessions use them: core/db/client.ts), which cost 0.2–0.5 s a lookup of 2,000 UPNs.
 */
export function inValues(column: SQLWrapper, values: readonly string[], type: 'text' | 'uuid' = 'text'): SQL {
  return sql`${column} in (select unnest(${arrayLiteral(values)}::${sql.raw(type)}[]))`;
}

/** The columns of `table` named by these property names, for readJson. */
export function columnsOf(table: PgTable, fields: readonly string[]): Record<string, SQLWrapper> {
  const all = getTableColumns(table) as Record<string, SQLWrapper>;
  return Object.fromEntries(fields.map((f) => {
    const c = all[f];
    if (!c) throw new Error(`columnsOf: no column ${f}`);
    return [f, c];
  }));
}

/** A json object of these keys (property names) and SQL values: one level of readJson's rows. */
export function jsonObject(values: Record<string, SQLWrapper>): SQL {
  const pairs = Object.entries(values).map(([k, v]) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(k)) throw new Error(`jsonObject: ${k} is not a plain key`);
    return sql`${sql.raw(`'${k}'`)}, ${v}`;
  });
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

/**
 * The rows of a query as objects keyed by property name, sent as ONE json value (json_agg) that JSON.parse reads
 * natively, rather than value by value through the driver and Drizzle's mapping: reading 2,000 pupils or 4,000
 * contact links costs several times less, most of all on PGlite. Dates come back as yyyy-mm-dd text, booleans and
 * integers as themselves (as the schema's string-mode dates do through Drizzle). `rest` is the FROM … WHERE … part.
 */
export async function readJson<T>(db: Executor, row: SQL, rest: SQL): Promise<T[]> {
  const result = await db.execute(sql`select coalesce(json_agg(${row}), '[]'::json) as rows ${rest}`);
  const value = (result as unknown as { rows: { rows: T[] | string }[] }).rows[0]?.rows ?? [];
  return typeof value === 'string' ? JSON.parse(value) as T[] : value;
}

/**
 * Sets `fields` (property names) of each row, found by its `id`, from the values given; `extra` adds assignments
 * (e.g. a version bump). Rows must give every field listed.
 */
export async function bulkUpdate<T extends PgTable>(tx: Tx, table: T, rows: readonly Record<string, unknown>[], fields: readonly string[], extra?: SQL): Promise<void> {
  if (rows.length === 0 || fields.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const names = fields.map((f) => {
    const c = columns[f];
    if (!c) throw new Error(`bulkUpdate: no column ${f}`);
    return c.name;
  });
  const sets = sql.join(names.map((n) => sql`${sql.identifier(n)} = v.${sql.identifier(n)}`), sql`, `);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => {
      const out: Record<string, unknown> = { id: r.id };
      fields.forEach((f, j) => { out[names[j]!] = r[f] ?? null; });
      return out;
    });
    await tx.execute(sql`update ${table} as t set ${sets}${extra ? sql`, ${extra}` : sql``}
      from jsonb_populate_recordset(null::${table}, ${JSON.stringify(chunk)}::jsonb) as v where t.id = v.id`);
  }
}

/** Deletes rows of a two-key table (e.g. group memberships) given as pairs. */
export async function bulkDeletePairs(tx: Tx, table: PgTable, a: string, b: string, pairs: readonly [string, string][]): Promise<void> {
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const chunk = pairs.slice(i, i + CHUNK);
    await tx.execute(sql`delete from ${table} as t using unnest(${`{${chunk.map((p) => p[0]).join(',')}}`}::uuid[], ${`{${chunk.map((p) => p[1]).join(',')}}`}::uuid[]) as v(a, b)
      where t.${sql.identifier(a)} = v.a and t.${sql.identifier(b)} = v.b`);
  }
}
