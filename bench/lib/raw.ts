/**
 * The floor's database access: plain SQL straight to the driver (a `pg` pool of its own, or the PGlite instance the
 * app uses), one transaction per unit of work, no ORM, no app code in between.
 */
import pg from 'pg';
import { appendAndCommit } from '../../apps/server/src/core/audit/audit.ts';
import { pgliteOf, type Database } from '../../apps/server/src/core/db/client.ts';

export interface RawTx {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Ends the transaction by appending these audit entries as the app does (core/db/tx.ts): on PostgreSQL, the append
   * and the COMMIT in one message; on PGlite, the append as the last statement before the commit.
   */
  appendAuditAndCommit(rows: Record<string, unknown>[]): Promise<void>;
}

export interface RawDb {
  /** Connections the floor may use at once (PGlite has one). */
  connections: number;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  transaction<T>(fn: (tx: RawTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function rawPostgres(url: string, max: number): RawDb {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => { /* surfaced on next use */ });
  return {
    connections: max,
    async query<T>(text: string, params: unknown[] = []) { return (await pool.query(text, params)).rows as T[]; },
    async transaction<T>(fn: (tx: RawTx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let committed = false;
      try {
        await client.query('begin');
        const result = await fn({
          async query<R>(text: string, params: unknown[] = []) { return (await client.query(text, params)).rows as R[]; },
          async appendAuditAndCommit(rows) {
            await client.query(appendAndCommit(rows));
            committed = true;
          },
        });
        if (!committed) await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function rawPglite(database: Database): RawDb {
  const client = pgliteOf(database);
  if (!client) throw new Error('Not a PGlite database');
  return {
    connections: 1,
    async query<T>(text: string, params: unknown[] = []) { return (await client.query<T>(text, params)).rows; },
    transaction<T>(fn: (tx: RawTx) => Promise<T>): Promise<T> {
      return client.transaction(async (tx) => fn({
        async query<R>(text: string, params: unknown[] = []) { return (await tx.query<R>(text, params)).rows; },
        async appendAuditAndCommit(rows) { if (rows.length) await tx.query('select haven_audit_append($1::jsonb)', [JSON.stringify(rows)]); },
      }));
    },
    async close() { /* the app's database: closed by its owner */ },
  };
}
