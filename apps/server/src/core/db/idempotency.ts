/**
 * Idempotent writes (issue 19, INC-1): a use case whose request carried an `Idempotency-Key` claims (user, key) as
 * the first statement of its transaction and stores its answer as the last, so the claim, the write and the answer
 * commit together or not at all. A retry finds the key and gets the stored answer (nothing is written twice); a retry
 * sent while the first is still running waits on the key's row and then does the same; a first attempt that failed
 * left nothing behind, so its retry simply runs. Only the first transaction of a request uses the key.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { AppError } from '../http/errors.ts';

export interface IdempotencyClaim { key: string; fingerprint: string; used: boolean }

/** The answer of a request already made with this key and thrown to end the retry's transaction (caught by inTransaction). */
export class Replayed {
  constructor(readonly value: unknown) {}
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Claim the key, or throw the stored answer (Replayed), or 422 when the key was used for another request. */
export async function claimKey(tx: Executor, userId: string, c: IdempotencyClaim): Promise<void> {
  const claimed = rowsOf(await tx.execute(sql`
    insert into idempotency_keys (user_id, key, fingerprint) values (${userId}::uuid, ${c.key}, ${c.fingerprint})
    on conflict do nothing returning 1 as ok`));
  if (claimed.length === 1) return;
  const prior = rowsOf<{ fingerprint: string; response: unknown }>(await tx.execute(sql`
    select fingerprint, response from idempotency_keys where user_id = ${userId}::uuid and key = ${c.key}`))[0];
  if (!prior || prior.fingerprint !== c.fingerprint) {
    throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request: send a new key with each new request.',
      [{ field: 'Idempotency-Key', message: 'Already used for a different request' }]);
  }
  throw new Replayed(typeof prior.response === 'string' ? JSON.parse(prior.response) : prior.response);
}

/** Keep the answer with the key, in the same transaction as the write. */
export async function storeAnswer(tx: Executor, userId: string, c: IdempotencyClaim, value: unknown): Promise<void> {
  await tx.execute(sql`update idempotency_keys set response = ${JSON.stringify(value ?? null)}::jsonb where user_id = ${userId}::uuid and key = ${c.key}`);
}

/** Keys older than a day are of no more use (a client retries for minutes, not days). */
export async function purgeKeys(db: Executor, olderThan: Date): Promise<void> {
  await db.execute(sql`delete from idempotency_keys where created_at < ${olderThan.toISOString()}::timestamptz`);
}
