/**
 * Where the CPU went during a load: this Node process (the app, or the floor's driver calls) and the PostgreSQL
 * backends serving the benchmark's database, read from /proc (Linux, PostgreSQL on this machine; otherwise null).
 * The HTTP clients' worker thread measures its own thread (/proc/thread-self) so the app's share can be told apart.
 * On a machine with few cores these, not any one of them, bound the throughput: requests a second ≈ cores ÷ CPU per request.
 */
import fs from 'node:fs';
import type { LoadResult } from './load.ts';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a /proc stat line, in ms (the command name may contain spaces: parse after its closing bracket). */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function readCpuMs(path: string): number | null {
  try { return statCpuMs(fs.readFileSync(path, 'utf8')); } catch { return null; }
}

/** CPU ms used so far by the calling thread, or null off Linux. */
export function threadCpuMs(): number | null {
  return readCpuMs('/proc/thread-self/stat');
}

/** CPU ms used so far by each PostgreSQL backend connected to `database` (found by its process title), by pid. */
function backendsCpuMs(database: string): Map<number, number> | null {
  let pids: string[];
  try { pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)); } catch { return null; }
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres:') || !cmd.split(' ').includes(database)) continue;
      const ms = readCpuMs(`/proc/${pid}/stat`);
      if (ms !== null) out.set(Number(pid), ms);
    } catch { /* gone, or not ours to read */ }
  }
  return out;
}

export interface CpuUse {
  /** This process, all threads (includes the client worker when there is one). */
  processMs: number;
  /** The database's PostgreSQL backends; null when they cannot be seen (PGlite, a remote server, not Linux). */
  postgresMs: number | null;
}

/** Starts measuring; the returned function ends the measurement. */
export function measureCpu(database: string | null): () => CpuUse {
  const p0 = process.cpuUsage();
  const b0 = database ? backendsCpuMs(database) : null;
  return () => {
    const p = process.cpuUsage(p0);
    const b1 = database ? backendsCpuMs(database) : null;
    let postgresMs: number | null = null;
    if (b0 && b1 && b1.size > 0) {
      postgresMs = 0;
      for (const [pid, ms] of b1) postgresMs += ms - (b0.get(pid) ?? 0);
    }
    return { processMs: (p.user + p.system) / 1000, postgresMs };
  };
}

/** Runs a load and adds its CPU per request: this process less the client worker, the client worker, PostgreSQL. */
export async function withCpu(database: string | null, requests: number, run: () => Promise<LoadResult>): Promise<LoadResult> {
  const stop = measureCpu(database);
  const result = await run();
  const use = stop();
  const clients = result.clientCpuMs ?? null;
  return {
    ...result,
    cpuPerRequest: {
      process: (use.processMs - (clients ?? 0)) / requests,
      clients: clients === null ? null : clients / requests,
      postgres: use.postgresMs === null ? null : use.postgresMs / requests,
    },
  };
}

const ms = (n: number | null | undefined): string => (n === null || n === undefined ? 'n/a' : `${n.toFixed(2)} ms`);

/** "CPU per request" notes for a row whose API and floor were measured with withCpu. */
export function cpuNote(row: { api?: LoadResult; floor?: LoadResult }): string[] {
  const a = row.api?.cpuPerRequest;
  const f = row.floor?.cpuPerRequest;
  const out: string[] = [];
  if (a) out.push(`CPU per request, API: app ${ms(a.process)}, HTTP clients ${ms(a.clients)}, PostgreSQL ${ms(a.postgres)}`);
  if (f) out.push(`CPU per request, floor: driver ${ms(f.process)}, PostgreSQL ${ms(f.postgres)}`);
  return out;
}
