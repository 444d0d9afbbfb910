/**
 * One use case, one transaction: the audit entries it queues are chained and written at the end, with the commit.
 * On PostgreSQL the transaction is run here rather than by Drizzle, over a pooled connection in pg's pipeline mode
 * (client.ts), so that it costs as few round trips as the use case allows:
 * - BEGIN is not sent on its own: it goes out with the use case's first statement, in the same write;
 * - a write whose result nobody reads (prepared.ts runStatementLater) waits and goes out with the next statement;
 * - the audit append and the COMMIT go out together, with any deferred writes before them, in one write. The chain's
 *   lock is then held from the moment it is granted until the commit is durable without waiting on this process.
 * Each statement keeps its own result and error (pipeline mode gives each its own Sync); the first error fails the
 * transaction and it is rolled back, as before. The use case still gets an ordinary Drizzle transaction (savepoints
 * included) over the same connection.
 */
import type pg from 'pg';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { poolOf, type Database, type Tx } from './client.ts';
import { AuditQueue, APPEND_STATEMENT, type AuditContext } from '../audit/audit.ts';
import { claimKey, Replayed, storeAnswer } from './idempotency.ts';
import { sqlStateOf } from '../http/safe-error.ts';
import { isDatabaseUnavailable } from './errors.ts';

/**
 * The connection ended after COMMIT was sent and before its answer came: the transaction may or may not have
 * committed (it is whole either way). The request answers 503 saying so (error-handler.ts).
 */
export class CommitOutcomeUnknownError extends Error {
  constructor(cause: unknown) {
    super('The database connection ended before the commit was acknowledged');
    this.name = 'CommitOutcomeUnknownError';
    this.cause = cause;
  }
}

type Schema = ConstructorParameters<typeof NodePgSession>[2];
type Options = ConstructorParameters<typeof NodePgSession>[3];
interface Deferred { name: string; text: string; values: unknown[] }

/** The results of statements sent together, in order; the first failure (in the order sent) is thrown. */
async function inOrder(sent: Promise<pg.QueryResult>[]): Promise<pg.QueryResult[]> {
  const settled = await Promise.allSettled(sent);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<pg.QueryResult>).value);
}

/**
 * The pooled connection as the transaction's Drizzle session sees it. Its name must not contain "Pool": Drizzle
 * takes such a client for a pool and would check out another connection for a nested transaction.
 */
export class PipelinedClient {
  private begun = false;
  private corked = false;
  private readonly deferred: Deferred[] = [];
  constructor(private readonly client: pg.PoolClient) {}

  private get stream(): { cork?(): void; uncork?(): void } | undefined {
    return (this.client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
  }

  /**
   * Statements issued in the same tick (a use case's `Promise.all` of reads, the Idempotency-Key claim with the first
   * of them) leave in one write to the socket rather than one each: the stream is corked until the next tick.
   */
  private corkForTick(): void {
    const stream = this.stream;
    if (this.corked || !stream?.cork || !stream.uncork) return;
    stream.cork();
    this.corked = true;
    process.nextTick(() => { this.corked = false; stream.uncork?.(); });
  }

  /** Ready for the next transaction on this connection. */
  reset(): void { this.begun = false; this.deferred.length = 0; }

  /** A write sent later, with the next statement or the commit (prepared.ts runStatementLater). */
  defer(config: Deferred): void { this.deferred.push(config); }

  /** Drizzle and prepared.ts call this: the statement goes out after BEGIN (if not yet sent) and any deferred writes. */
  query(...args: unknown[]): Promise<pg.QueryResult> {
    this.corkForTick();
    const send = () => (this.client.query as (...a: unknown[]) => Promise<pg.QueryResult>).apply(this.client, args);
    if (this.begun && this.deferred.length === 0) return send();
    const out = this.sendTogether(send);
    return inOrder(out).then((r) => r[r.length - 1]!);
  }

  /** Deferred writes, the audit append (if any entries) and COMMIT, in one write; throws if anything failed. */
  async commit(entries: readonly Record<string, unknown>[]): Promise<void> {
    const results = await inOrder(this.sendTogether(
      () => (entries.length ? this.client.query({ name: APPEND_STATEMENT.name, text: APPEND_STATEMENT.text, values: [JSON.stringify(entries)] }) : null),
      () => this.client.query('commit'),
    )).catch((e: unknown) => {
      // A statement the server refused (it has a SQLSTATE, e.g. 57P01 when terminated while running it) means the
      // ones after it, COMMIT included, never ran. A connection that simply ended leaves the COMMIT's fate unknown.
      throw !sqlStateOf(e) && isDatabaseUnavailable(e) ? new CommitOutcomeUnknownError(e) : e;
    });
    // A transaction that had failed ends with ROLLBACK rather than an error: never report that as committed.
    const last = results[results.length - 1];
    if (last?.command !== 'COMMIT') throw new Error(`The transaction did not commit (${last?.command ?? 'no answer'})`);
  }

  /** BEGIN (once), the deferred writes and then `then`'s statements, corked into one write to the socket. */
  private sendTogether(...then: (() => Promise<pg.QueryResult> | null)[]): Promise<pg.QueryResult>[] {
    const stream = this.stream;
    stream?.cork?.();
    try {
      const sent: Promise<pg.QueryResult>[] = [];
      if (!this.begun) { this.begun = true; sent.push(this.client.query('begin')); }
      for (const d of this.deferred.splice(0)) sent.push(this.client.query(d));
      for (const f of then) { const p = f(); if (p) sent.push(p); }
      return sent;
    } finally {
      stream?.uncork?.();
    }
  }
}

/**
 * The transaction objects of one pooled connection, made once per connection as Drizzle's own
 * NodePgSession.transaction makes them, and reused by each transaction that checks the connection out (making them
 * builds Drizzle's query API for every table, a visible share of a small request's CPU).
 */
const perConnection = new WeakMap<pg.PoolClient, { pipelined: PipelinedClient; tx: Tx }>();

function transactionOver(database: Database, client: pg.PoolClient): { pipelined: PipelinedClient; tx: Tx } {
  let made = perConnection.get(client);
  if (!made) {
    const base = database.db._.session as unknown as { dialect: PgDialect; schema: Schema; options: Options };
    const pipelined = new PipelinedClient(client);
    const session = new NodePgSession(pipelined as unknown as pg.PoolClient, base.dialect, base.schema, base.options);
    made = { pipelined, tx: new NodePgTransaction(base.dialect, session, base.schema) as unknown as Tx };
    perConnection.set(client, made);
  }
  made.pipelined.reset();
  return made;
}

async function pgTransaction<T>(database: Database, pool: pg.Pool, ctx: AuditContext, fn: (tx: Tx, audit: AuditQueue) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const { pipelined, tx } = transactionOver(database, client);
    const audit = new AuditQueue(ctx);
    const value = await fn(tx, audit);
    await pipelined.commit(audit.drain());
    return value;
  } catch (e) {
    // (after a BEGIN that was never sent, or a COMMIT that became ROLLBACK, this only draws a warning)
    await client.query('rollback').catch((err: unknown) => { broken = err instanceof Error ? err : new Error(String(err)); });
    throw e;
  } finally {
    client.release(broken); // a connection that could not even roll back is discarded, not reused
  }
}

/**
 * Options of a use case's transaction. `pipelineClaim`: the use case's first statements go out together with the
 * Idempotency-Key claim (one round trip, not two) and `fn` gets the claim as its third argument, which it MUST await
 * before it acts on anything it read (a retry's claim ends the transaction with the stored answer). Without it the
 * claim is awaited before `fn` starts.
 */
export interface TransactionOptions { pipelineClaim?: boolean }

export async function inTransaction<T>(
  database: Database,
  ctx: AuditContext,
  fn: (tx: Tx, audit: AuditQueue, claimed: Promise<void>) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const pool = poolOf(database);
  // a request's Idempotency-Key: claimed first, the answer stored last, in this transaction (core/db/idempotency.ts)
  const claim = ctx.idempotency && !ctx.idempotency.used && ctx.actorUserId ? ctx.idempotency : null;
  if (claim) claim.used = true;
  const userId = ctx.actorUserId!;
  const run = claim ? async (tx: Tx, audit: AuditQueue) => {
    const claimed = claimKey(tx, userId, claim);
    let value: T;
    if (options.pipelineClaim) {
      claimed.catch(() => undefined); // awaited by fn, and again below
      value = await fn(tx, audit, claimed);
      await claimed;
    } else {
      await claimed;
      value = await fn(tx, audit, claimed);
    }
    await storeAnswer(tx, userId, claim, value);
    return value;
  } : (tx: Tx, audit: AuditQueue) => fn(tx, audit, Promise.resolve());
  try {
    const result = pool ? await pgTransaction(database, pool, ctx, run) : await database.db.transaction(async (tx) => {
      const audit = new AuditQueue(ctx);
      const value = await run(tx, audit);
      await audit.flush(tx);
      return value;
    });
    database.syncCommitted();
    return result;
  } catch (e) {
    if (e instanceof Replayed) return e.value as T;
    throw e;
  }
}
