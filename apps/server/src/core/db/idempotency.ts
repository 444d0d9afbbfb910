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
import { runStatement, runStatementLater, statement } from './prepared.ts';

export interface IdempotencyClaim { key: string; fingerprint: string; used: boolean }

/** The answer of a request already made with this key and thrown to end the retry's transaction (caught by inTransaction). */
export class Replayed {
  constructor(readonly value: unknown) {}
}

// fixed texts, prepared once per connection (core/db/prepared.ts): every idempotent write runs the first and last
const CLAIM = statement('insert into idempotency_keys (user_id, key, fingerprint) values ($1::uuid, $2, $3) on conflict do nothing returning 1 as ok');
const PRIOR = statement('select fingerprint, response from idempotency_keys where user_id = $1::uuid and key = $2');
// The answer is written onto the claimed row as an upsert rather than an UPDATE: the conflict is found through the
// primary key whatever the planner's statistics say. An UPDATE's cached plan chose a sequential scan of the whole
// table while its statistics still described it as empty (a day's keys: about 1 ms a log at 5,000 keys).
const STORE = statement(`insert into idempotency_keys (user_id, key, fingerprint, response) values ($2::uuid, $3, $4, $1::jsonb)
  on conflict (user_id, key) do update set response = excluded.response`);

/** Claim the key, or throw the stored answer (Replayed), or 422 when the key was used for another request. */
export async function claimKey(tx: Executor, userId: string, c: IdempotencyClaim): Promise<void> {
  const claimed = await runStatement(tx, CLAIM, [userId, c.key, c.fingerprint]);
  if (claimed.length === 1) return;
  const prior = (await runStatement<{ fingerprint: string; response: unknown }>(tx, PRIOR, [userId, c.key]))[0];
  if (!prior || prior.fingerprint !== c.fingerprint) {
    throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request: send a new key with each new request.',
      [{ field: 'Idempotency-Key', message: 'Already used for a different request' }]);
  }
  throw new Replayed(typeof prior.response === 'string' ? JSON.parse(prior.response) : prior.response);
}

/**
 * Keep the answer with the key, in the same transaction as the write: on PostgreSQL sent with the commit (nothing
 * reads its result; a failure fails the commit and the whole transaction rolls back).
 */
export async function storeAnswer(tx: Executor, userId: string, c: IdempotencyClaim, value: unknown): Promise<void> {
  await runStatementLater(tx, STORE, [JSON.stringify(value ?? null), userId, c.key, c.fingerprint]);
}

/** Keys older than a day are of no more use (a client retries for minutes, not days). */
export async function purgeKeys(db: Executor, olderThan: Date): Promise<void> {
  await db.execute(sql`delete from idempotency_keys where created_at < ${olderThan.toISOString()}::timestamptz`);
}
