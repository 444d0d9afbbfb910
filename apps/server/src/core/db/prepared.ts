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
import { PgDialect } from 'drizzle-orm/pg-core';
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
  const { dialect } = internals(db);
  const q = dialect.sqlToQuery(query);
  return runStatement<T>(db, { name: statementName(q.sql), text: q.sql }, q.params);
}

/** A fixed SQL text with $n parameters and its statement name, made once (module load) rather than per request. */
export interface Statement { readonly name: string; readonly text: string }

export function statement(text: string): Statement {
  return { name: statementName(text), text };
}

const dialect = new PgDialect();

/**
 * The text of a Drizzle query, for a statement built once: its values are only there to number the parameters
 * (runStatement is then given the real values in the same order).
 */
export function statementFrom(query: SQL): Statement {
  return statement(dialect.sqlToQuery(query).sql);
}

/** Runs a fixed statement with these parameters (a named prepared statement on PostgreSQL) and returns its rows. */
export async function runStatement<T = Row>(db: Executor, st: Statement, params: unknown[]): Promise<T[]> {
  const { session, client } = internals(db);
  if (is(session, NodePgSession)) return (await (client as PgLike).query({ name: st.name, text: st.text, values: params })).rows as T[];
  return (await (client as PgliteLike).query(st.text, params)).rows as T[];
}

/** What a transaction on PostgreSQL offers for writes whose result nobody reads (core/db/tx.ts PipelinedClient). */
interface Deferring { defer(config: { name: string; text: string; values: unknown[] }): void }
const defers = (client: unknown): client is Deferring => typeof (client as Partial<Deferring> | null)?.defer === 'function';

/**
 * A write whose result the caller does not need: inside a PostgreSQL transaction it is sent with the transaction's
 * next statement, or with its audit append and COMMIT (one round trip fewer); its error, if any, then fails that
 * statement or the commit, and the whole transaction rolls back as it would have. Anywhere else it runs at once.
 * Use it only where nothing catches this statement's own error.
 */
export async function runStatementLater(db: Executor, st: Statement, params: unknown[]): Promise<void> {
  const { session, client } = internals(db);
  if (is(session, NodePgSession) && defers(client)) { client.defer({ name: st.name, text: st.text, values: params }); return; }
  await runStatement(db, st, params);
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
