/** What each benchmark reports: the app's figures, the floor's in the same run, their ratio and the targets. */
import type { Database } from '../../apps/server/src/core/db/client.ts';
import type { HttpClient } from './http.ts';
import type { LoadResult } from './load.ts';
import type { RawDb } from './raw.ts';
import type { BenchSession, SiteOne } from './setup.ts';

export type BenchDbKind = 'postgres' | 'pglite';

export interface Target { label: string; met: boolean }

export interface BenchRow {
  benchmark: string;
  database: BenchDbKind;
  /** Why it did not run (an endpoint missing, no PostgreSQL, …). */
  skipped?: string;
  api?: LoadResult;
  floor?: LoadResult;
  /** API throughput ÷ floor throughput. */
  ratio?: number;
  targets?: Target[];
  notes?: string[];
}

export interface BenchSettings {
  concurrency: number;
  warmup: number;
  count: number;
  /** The steady-rate run: requests per second offered, and how many. */
  pacedRate: number;
  pacedCount: number;
}

/** What a benchmark gets: the seeded database (through the app's handle and raw), the running app, signed-in staff. */
export interface BenchContext {
  kind: BenchDbKind;
  settings: BenchSettings;
  database: Database;
  /** The scratch PostgreSQL database's name (to find its backends' CPU use); null on PGlite. */
  databaseName: string | null;
  raw: RawDb;
  /** For probes and checks from the main thread; the load itself comes from a worker thread. */
  http: HttpClient;
  baseUrl: string;
  sessions: readonly BenchSession[];
  site: SiteOne;
}
