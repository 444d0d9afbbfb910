/** Latency statistics for the benchmarks: nearest-rank percentiles over every measured request. */

export interface LatencyStats {
  count: number;
  errors: number;
  /** Completed measured requests per second of wall-clock time. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** The nearest-rank percentile (p in 0..100) of values sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarise(latenciesMs: readonly number[], errors: number, wallMs: number): LatencyStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length, errors, throughput: wallMs > 0 ? (sorted.length / wallMs) * 1000 : 0,
    p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN, mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

export const fmt = (n: number | undefined, digits = 1): string => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
