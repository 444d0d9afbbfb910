/**
 * The worker: one pass (`runDue`) queues due schedules, claims due jobs and runs each through its registered
 * handler; a thrown error is a failed attempt (retried with backoff, dead after the last). `JobRunner` repeats
 * passes on a timer for `haven serve` and stops cleanly (waits for the job in hand) on SIGTERM. Tests do not start
 * it: they call runDue() themselves with the time they want.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Deps } from '../http/context.ts';
import { mailerFor } from '../mail/mailer.ts';
import { claimDue, markDone, markFailed, type ClaimedJob } from './queue.ts';
import { enqueueDueSchedules, ensureBuiltinSchedules } from './schedules.ts';
import { jobAuditContext, jobDefinition, type JobLog } from './registry.ts';

export interface PassResult { scheduled: number; done: number; retried: number; dead: number }
export interface RunOptions { now?: Date; workerId?: string; limit?: number; leaseMs?: number; log?: JobLog }

const silent: JobLog = { info() {}, warn() {} };
export const newWorkerId = () => `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

async function runOne(deps: Deps, job: ClaimedJob, workerId: string, now: Date, log: JobLog): Promise<'done' | 'queued' | 'dead'> {
  const db = deps.database.db;
  const def = jobDefinition(job.kind);
  try {
    if (!def) throw new Error(`No handler registered for job kind "${job.kind}"`);
    await def.handler({
      deps, database: deps.database, mailer: mailerFor(deps), now, log,
      job: { id: job.id, kind: job.kind, trustId: job.trustId, attempts: job.attempts, maxAttempts: job.maxAttempts },
      audit: jobAuditContext(job.kind, job.trustId),
    }, job.payload);
    await markDone(db, job, workerId, now);
    deps.database.syncCommitted();
    log.info({ jobId: job.id, kind: job.kind }, 'job done');
    return 'done';
  } catch (err) {
    const status = await markFailed(db, job, workerId, now, err);
    deps.database.syncCommitted();
    log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, status }, status === 'dead' ? 'job dead after its last attempt' : 'job failed; will retry');
    return status;
  }
}

/** One pass: queue due schedules, then claim and run due jobs (one at a time) until none is due or `limit` ran. */
export async function runDue(deps: Deps, opts: RunOptions = {}): Promise<PassResult> {
  const now = opts.now ?? new Date();
  const workerId = opts.workerId ?? newWorkerId();
  const log = opts.log ?? silent;
  const limit = opts.limit ?? 200;
  const result: PassResult = { scheduled: await enqueueDueSchedules(deps.database, now), done: 0, retried: 0, dead: 0 };
  let ran = 0;
  while (ran < limit) {
    const [job] = await claimDue(deps.database.db, workerId, now, opts.leaseMs ?? 5 * 60_000, 1);
    if (!job) break;
    ran += 1;
    const outcome = await runOne(deps, job, workerId, now, log);
    if (outcome === 'done') result.done += 1;
    else if (outcome === 'queued') result.retried += 1;
    else result.dead += 1;
  }
  return result;
}

export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private stopped = false;
  readonly workerId = newWorkerId();

  constructor(private readonly deps: Deps, private readonly intervalMs: number, private readonly log: JobLog = silent) {}

  async start(): Promise<void> {
    await ensureBuiltinSchedules(this.deps.database, new Date());
    this.stopped = false;
    this.tick();
  }

  private tick(): void {
    if (this.stopped) return;
    this.current = runDue(this.deps, { workerId: this.workerId, log: this.log })
      .catch((err: unknown) => this.log.warn({ error: err instanceof Error ? err.name : 'error' }, 'job pass failed'))
      .finally(() => {
        this.current = null;
        if (!this.stopped) { this.timer = setTimeout(() => this.tick(), this.intervalMs); this.timer.unref(); }
      });
  }

  /** Stop taking jobs and wait for the one in hand (its lease lets another worker finish it if we are killed). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.current) await this.current;
  }
}
