/**
 * The background refresher (ANA-1, PLT-4; issue 19): keeps the analytics rollups current off the request path, so a
 * dashboard read is only a read and never waits for, nor holds up, a write. Each pass folds every trust's changed
 * days in small batches (refreshTrust: one short transaction per batch under that trust's own lock), trust by trust,
 * and skips a trust another process is already refreshing. The next pass starts `intervalMs` after the last ended,
 * or as long after as the last pass took when that is longer, so the refresher never takes more than about half of
 * one core however busy the day is; a dashboard shows the age of what it read (rollupAsOf).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../core/db/client.ts';
import { dirtyTrusts, refreshTrust } from './analytics.refresh.ts';

export interface RefresherOptions {
  /** Pause between passes (ms). */
  intervalMs: number;
  /** Changed (site, date) pairs per transaction. */
  batchDays?: number;
}

/** `foldMs`: time spent in batches that folded at least one day (so foldMs ÷ days is the cost of re-counting a day). */
export interface RefresherStats { passes: number; days: number; foldMs: number; slowestBatchMs: number; lastPassMs: number; lastError: string | null }

export class AnalyticsRefresher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private started = false;
  private stopping = false;
  private readonly batchDays: number;
  readonly stats: RefresherStats = { passes: 0, days: 0, foldMs: 0, slowestBatchMs: 0, lastPassMs: 0, lastError: null };

  constructor(private readonly database: Database, private readonly opts: RefresherOptions, private readonly log?: FastifyBaseLogger) {
    this.batchDays = opts.batchDays ?? 20;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops after the pass under way (if any) has finished. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass now over every trust with changes waiting (also what tests call to bring the rollups up to date). */
  async pass(): Promise<number> {
    const started = Date.now();
    let days = 0;
    for (const trustId of await dirtyTrusts(this.database.db)) {
      for (;;) {
        const t0 = performance.now();
        const r = await refreshTrust(this.database, trustId, { maxDays: this.batchDays, wait: false });
        if (r.days > 0) {
          const ms = performance.now() - t0;
          this.stats.foldMs += ms;
          this.stats.slowestBatchMs = Math.max(this.stats.slowestBatchMs, ms);
        }
        days += r.days;
        // a batch that was not full took every day waiting when it began: what is left came in since, and waits for
        // the next pass (so under steady writes the refresher pauses between passes instead of re-counting today's
        // date back to back); a full batch means a backlog, folded on at once
        if (r.busy || !r.more || r.days < this.batchDays || this.stopping) break;
      }
    }
    this.stats.passes += 1;
    this.stats.days += days;
    this.stats.lastPassMs = Date.now() - started;
    return days;
  }

  private schedule(ms: number): void {
    if (!this.started) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.pass().then(() => { this.stats.lastError = null; }, (e: unknown) => {
        // never the driver's message (it may quote parameters): the error's name and code only
        const code = (e as { code?: string }).code ?? (e instanceof Error ? e.name : 'error');
        this.stats.lastError = code;
        this.log?.error({ code }, 'analytics refresh failed; retrying on the next pass');
      }).finally(() => {
        this.running = null;
        this.schedule(Math.max(this.opts.intervalMs, this.stats.lastPassMs));
      });
    }, ms);
    this.timer.unref?.();
  }
}
