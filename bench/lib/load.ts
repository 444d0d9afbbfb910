/**
 * A load generator: `concurrency` workers take request numbers from one counter until warm-up plus count are done.
 * Warm-up requests are not measured. Closed loop by default (each worker sends its next request as soon as the last
 * answers); with `ratePerSecond`, measured requests are due at a fixed rate and each latency counts from the moment
 * its request was due, so a stall is not hidden by the clients simply waiting (no coordinated omission).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarise, type LatencyStats } from './stats.ts';

export interface LoadOptions {
  concurrency: number;
  warmup: number;
  count: number;
  ratePerSecond?: number;
}

export interface LoadResult extends LatencyStats {
  /** The first failure, to say why requests failed. */
  firstError: string | null;
  /** CPU of the HTTP clients' worker thread over the whole load (warm-up included), when measured. */
  clientCpuMs?: number | null;
  /** CPU ms per request (warm-up included) by where it was spent, when measured (withCpu). */
  cpuPerRequest?: { process: number; clients: number | null; postgres: number | null };
}

export async function runLoad(opts: LoadOptions, task: (worker: number, n: number) => Promise<void>): Promise<LoadResult> {
  const total = opts.warmup + opts.count;
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  let measuredFrom = Number.POSITIVE_INFINITY;
  let measuredTo = 0;
  let pacedFrom = 0;
  const worker = async (w: number): Promise<void> => {
    for (;;) {
      const n = next;
      next += 1;
      if (n >= total) return;
      const measured = n >= opts.warmup;
      let start = performance.now();
      if (measured && opts.ratePerSecond) {
        if (!pacedFrom) pacedFrom = start;
        const due = pacedFrom + ((n - opts.warmup) * 1000) / opts.ratePerSecond;
        if (due > start) await sleep(due - start);
        start = due;
      }
      if (measured) measuredFrom = Math.min(measuredFrom, start);
      try {
        await task(w, n);
        if (measured) latencies.push(performance.now() - start);
      } catch (e) {
        if (measured) errors += 1;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
      if (measured) measuredTo = Math.max(measuredTo, performance.now());
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  return { ...summarise(latencies, errors, measuredTo - measuredFrom), firstError };
}
