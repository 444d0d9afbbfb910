/**
 * One use case, one transaction: the audit entries it queues are chained and written at the end, with the commit.
 * On PostgreSQL the transaction is run here rather than by Drizzle so that the audit append and the COMMIT travel
 * as one message (audit.ts appendAndCommit): BEGIN, the use case's statements, then append-and-commit. The use case
 * still gets an ordinary Drizzle transaction (savepoints included) over the same pooled connection.
 */
import type pg from 'pg';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { poolOf, type Database, type Tx } from './client.ts';
import { AuditQueue, appendAndCommit, type AuditContext } from '../audit/audit.ts';

type Schema = ConstructorParameters<typeof NodePgSession>[2];
type Options = ConstructorParameters<typeof NodePgSession>[3];

/** A Drizzle transaction over one pooled client, made as Drizzle's own NodePgSession.transaction makes it. */
function drizzleTxOver(database: Database, client: pg.PoolClient): Tx {
  const base = database.db._.session as unknown as { dialect: PgDialect; schema: Schema; options: Options };
  const session = new NodePgSession(client, base.dialect, base.schema, base.options);
  return new NodePgTransaction(base.dialect, session, base.schema) as unknown as Tx;
}

async function pgTransaction<T>(database: Database, pool: pg.Pool, ctx: AuditContext, fn: (tx: Tx, audit: AuditQueue) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const audit = new AuditQueue(ctx);
    const value = await fn(drizzleTxOver(database, client), audit);
    await client.query(appendAndCommit(audit.drain()));
    return value;
  } catch (e) {
    await client.query('rollback').catch((err: unknown) => { broken = err instanceof Error ? err : new Error(String(err)); });
    throw e;
  } finally {
    client.release(broken); // a connection that could not even roll back is discarded, not reused
  }
}

export async function inTransaction<T>(
  database: Database,
  ctx: AuditContext,
  fn: (tx: Tx, audit: AuditQueue) => Promise<T>,
): Promise<T> {
  const pool = poolOf(database);
  const result = pool ? await pgTransaction(database, pool, ctx, fn) : await database.db.transaction(async (tx) => {
    const audit = new AuditQueue(ctx);
    const value = await fn(tx, audit);
    await audit.flush(tx);
    return value;
  });
  database.syncCommitted();
  return result;
}
