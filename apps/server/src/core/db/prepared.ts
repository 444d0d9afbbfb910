/**
 * Hot statements as named prepared statements. On PostgreSQL each connection then parses a statement once and,
 * once PostgreSQL has settled on a generic plan, stops planning it: a request's statements cost the server their
 * execution only. The name is derived from the SQL text, so a statement whose text varies (an optional part left
 * out) is simply another prepared statement; the texts must therefore come from a small fixed set (never values
 * spliced into the text, which would also defeat the point). PGlite runs the same text unnamed: it is one
 * in-process connection with no statement cache of its own to feed.
 * Rows come back through the driver's own type parsers (client.ts: dates and timestamps as text, int8 as numbers).
 */
import { createHash } from 'node:crypto';
import { is, type SQL } from 'drizzle-orm';
import { NodePgSession } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

type Row = Record<string, unknown>;
interface PgLike { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }> }
interface PgliteLike { query(text: string, params: unknown[]): Promise<{ rows: Row[] }> }

/** The driver-level client under a Drizzle database or transaction (the pool, a pooled client, PGlite or its transaction). */
function internals(db: Executor): { dialect: PgDialect; session: unknown; client: unknown } {
  const session = db._.session;
  return { dialect: (db as unknown as { dialect: PgDialect }).dialect, session, client: (session as unknown as { client: unknown }).client };
}

const names = new Map<string, string>();

/** A stable statement name for a text: its hash (PostgreSQL names are at most 63 bytes). */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `h_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size > 10_000) names.clear(); // texts come from a fixed set; this only bounds a mistake
    names.set(text, name);
  }
  return name;
}

/** Runs `query` as a prepared statement (PostgreSQL) and returns its rows. */
export async function executePrepared<T = Row>(db: Executor, query: SQL): Promise<T[]> {
  const { dialect, session, client } = internals(db);
  const q = dialect.sqlToQuery(query);
  if (is(session, NodePgSession)) {
    return (await (client as PgLike).query({ name: statementName(q.sql), text: q.sql, values: q.params })).rows as T[];
  }
  return (await (client as PgliteLike).query(q.sql, q.params)).rows as T[];
}

/**
 * A PostgreSQL array literal of strings, every element quoted: pass it as ONE parameter and cast it (`$1::uuid[]`),
 * so `= any(…)` lists of any length keep one statement text. Both drivers send it as plain text.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * A string as a SQL literal, for the few statements that must travel as text in one simple-protocol message
 * (core/db/tx.ts). Quotes are doubled; a string with a backslash becomes an E'' literal with backslashes doubled,
 * so the result reads the same whatever standard_conforming_strings is. The same rule as pg's escapeLiteral
 * (prepared.test.ts checks the two agree), without its character-by-character loop.
 */
export function quoteLiteral(text: string): string {
  const quoted = text.replaceAll("'", "''");
  return text.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}
