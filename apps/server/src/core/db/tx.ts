/** One use case, one transaction: the audit entries it queues are chained and written just before commit. */
import type { Database, Tx } from './client.ts';
import { AuditQueue, type AuditContext } from '../audit/audit.ts';

export async function inTransaction<T>(
  database: Database,
  ctx: AuditContext,
  fn: (tx: Tx, audit: AuditQueue) => Promise<T>,
): Promise<T> {
  const result = await database.db.transaction(async (tx) => {
    const audit = new AuditQueue(ctx);
    const value = await fn(tx, audit);
    await audit.flush(tx);
    return value;
  });
  database.syncCommitted();
  return result;
}
