/**
 * Recurring schedules: each due schedule queues one job (dedupe key = schedule name + the time it was due) and moves
 * to its next time, in one transaction with the schedule row locked (FOR UPDATE SKIP LOCKED), so two workers never
 * queue the same run. Runs missed while Haven was stopped are run once, not once per missed time.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Database, Executor } from '../db/client.ts';
import { jobSchedules } from '../../db/schema/jobs.ts';
import { enqueue } from './queue.ts';
import { nextRun } from './jobs.rules.ts';
import { builtinSchedules } from './registry.ts';
import { SCHOOL_TIME_ZONE, pgTimestampToIso } from '../time.ts';

export interface ScheduleInput { name: string; kind: string; cron: string; timezone?: string; payload?: Record<string, unknown>; trustId?: string | null }

/** Create or update a schedule by name (in the caller's transaction). A changed cron moves its next run. */
export async function upsertSchedule(tx: Executor, s: ScheduleInput, now: Date): Promise<void> {
  const timezone = s.timezone ?? SCHOOL_TIME_ZONE;
  const next = nextRun(s.cron, timezone, now);
  const existing = (await tx.select().from(jobSchedules).where(eq(jobSchedules.name, s.name)))[0];
  if (!existing) {
    await tx.insert(jobSchedules).values({ id: uuidv7(), name: s.name, kind: s.kind, cron: s.cron, timezone, payload: s.payload ?? {}, trustId: s.trustId ?? null, nextRunAt: next })
      .onConflictDoNothing();
    return;
  }
  const changed = existing.cron !== s.cron || existing.timezone !== timezone || !existing.enabled;
  await tx.update(jobSchedules).set({ kind: s.kind, payload: s.payload ?? {}, cron: s.cron, timezone, enabled: true, ...(changed ? { nextRunAt: next } : {}) })
    .where(eq(jobSchedules.id, existing.id));
}

export async function disableSchedule(tx: Executor, name: string): Promise<void> {
  await tx.update(jobSchedules).set({ enabled: false }).where(eq(jobSchedules.name, name));
}

/** Queue a job for every schedule that is due at `now`. Returns the number queued. */
export async function enqueueDueSchedules(database: Database, now: Date, limit = 100): Promise<number> {
  const n = await database.db.transaction(async (tx) => {
    const due = await tx.select().from(jobSchedules)
      .where(and(eq(jobSchedules.enabled, true), lte(jobSchedules.nextRunAt, now)))
      .orderBy(asc(jobSchedules.nextRunAt)).limit(limit).for('update', { skipLocked: true });
    let queued = 0;
    for (const s of due) {
      const dueAt = new Date(pgTimestampToIso(s.nextRunAt));
      const id = await enqueue(tx, {
        kind: s.kind, trustId: s.trustId, runAt: now,
        payload: { ...(s.payload as Record<string, unknown>), scheduledFor: dueAt.toISOString() },
        dedupeKey: `schedule:${s.name}@${dueAt.toISOString()}`,
      });
      if (id) queued += 1;
      await tx.update(jobSchedules).set({ lastRunAt: now, nextRunAt: nextRun(s.cron, s.timezone, now) }).where(eq(jobSchedules.id, s.id));
    }
    return queued;
  });
  database.syncCommitted();
  return n;
}

export const scheduleCount = async (db: Executor) =>
  Number((await db.select({ n: sql<number>`count(*)::int` }).from(jobSchedules).where(eq(jobSchedules.enabled, true)))[0]?.n ?? 0);

/** Create or update every schedule declared in code (called when the runner starts, and by `haven jobs run-due`). */
export async function ensureBuiltinSchedules(database: Database, now: Date): Promise<void> {
  await database.db.transaction(async (tx) => {
    for (const s of builtinSchedules()) await upsertSchedule(tx, s, now);
  });
  database.syncCommitted();
}
