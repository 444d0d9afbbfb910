/**
 * The job queue in the database. enqueue() runs inside the caller's transaction, so a job exists if and only if the
 * use case committed. claimDue() takes due jobs with FOR UPDATE SKIP LOCKED and a lease: on PostgreSQL several
 * workers share the queue without running a job twice; on PGlite (one connection) the same statement simply runs alone.
 */
import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../db/client.ts';
import { jobs } from '../../db/schema/jobs.ts';
import { DEFAULT_MAX_ATTEMPTS, afterFailure, errorText } from './jobs.rules.ts';

export interface EnqueueInput {
  kind: string;
  payload?: Record<string, unknown>;
  trustId?: string | null;
  runAt?: Date;
  /** At most one job per key, ever; a second enqueue with the same key is a no-op. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Queue a job (in the caller's transaction). Returns its id, or null when a job with the same dedupe key exists. */
export async function enqueue(tx: Executor, input: EnqueueInput): Promise<string | null> {
  const id = uuidv7();
  const rows = await tx.insert(jobs).values({
    id, kind: input.kind, payload: input.payload ?? {}, trustId: input.trustId ?? null, runAt: input.runAt ?? new Date(),
    dedupeKey: input.dedupeKey ?? null, maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  }).onConflictDoNothing().returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

export interface ClaimedJob { id: string; kind: string; payload: Record<string, unknown>; trustId: string | null; attempts: number; maxAttempts: number }

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/** Claim up to `limit` due jobs (queued and due, or running with an expired lease) for this worker; counts an attempt. */
export async function claimDue(db: Executor, workerId: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const r = await db.execute(sql`update jobs set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
      locked_until = ${until}::timestamptz
    where id in (select id from jobs
      where (status = 'queued' and run_at <= ${at}::timestamptz) or (status = 'running' and locked_until < ${at}::timestamptz)
      order by run_at, id limit ${limit} for update skip locked)
    returning id, kind, payload, trust_id, attempts, max_attempts`);
  return rowsOf<{ id: string; kind: string; payload: unknown; trust_id: string | null; attempts: number; max_attempts: number }>(r)
    .map((j) => ({
      id: j.id, kind: j.kind, trustId: j.trust_id, attempts: Number(j.attempts), maxAttempts: Number(j.max_attempts),
      payload: (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload ?? {}) as Record<string, unknown>,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Mark done (only while this worker still holds the lease). */
export async function markDone(db: Executor, job: ClaimedJob, workerId: string, now: Date): Promise<void> {
  await db.update(jobs).set({ status: 'done', finishedAt: now, lockedBy: null, lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
}

/** A failed attempt: queue again after the backoff, or dead after the last allowed attempt. */
export async function markFailed(db: Executor, job: ClaimedJob, workerId: string, now: Date, err: unknown): Promise<'queued' | 'dead'> {
  const next = afterFailure(job.attempts, job.maxAttempts, now);
  await db.update(jobs).set(next.status === 'dead'
    ? { status: 'dead', finishedAt: now, lockedBy: null, lockedUntil: null, lastError: errorText(err) }
    : { status: 'queued', runAt: next.runAt, lockedBy: null, lockedUntil: null, lastError: errorText(err) })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
  return next.status;
}

/** Put a dead job back in the queue with fresh attempts (the operator's `haven jobs retry <id>`). */
export async function retryDead(db: Executor, id: string, now: Date): Promise<boolean> {
  const r = await db.update(jobs).set({ status: 'queued', attempts: 0, runAt: now, finishedAt: null })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'dead'))).returning({ id: jobs.id });
  return r.length > 0;
}

export async function jobCounts(db: Executor): Promise<Record<string, number>> {
  const r = await db.select({ status: jobs.status, n: sql<number>`count(*)::int` }).from(jobs).groupBy(jobs.status);
  return Object.fromEntries(r.map((x) => [x.status, Number(x.n)]));
}
