/**
 * Durability of the embedded database: a writing process is killed with SIGKILL several times, and after each
 * restart every write it acknowledged (printed after COMMIT returned) is still there, with the audit chain intact.
 * Also: the data directory's lock keeps a second process out while the writer runs, and a killed writer's stale
 * lock is taken over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../src/core/db/lock.ts';
import { openPglite } from '../src/core/db/client.ts';
import { verifyAuditChain } from '../src/core/audit/verify.ts';

const writerPath = fileURLToPath(new URL('./durability/writer.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const RUNS = 3;
const MIN_ACKS = 20;

interface Writer {
  child: ChildProcess;
  acks: string[];
  stderr: () => string;
  /** Resolves when at least `n` writes have been acknowledged. */
  acked(n: number): Promise<void>;
  /** Resolves with the exit code or signal once the process has exited and its output is read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWriter(dir: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', writerPath, dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: string[] = [];
  let err = '';
  const waiters: { n: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const m = /^ACK ([0-9a-f-]{36})$/.exec(line);
    if (m) acks.push(m[1]!);
    for (const w of waiters.filter((w) => acks.length >= w.n)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`writer exited (${code ?? signal}) after ${acks.length} acks: ${err}`));
      resolve({ code, signal });
    });
  });
  return {
    child, acks, exited, stderr: () => err,
    acked: (n) => (acks.length >= n ? Promise.resolve() : new Promise((resolve, reject) => { waiters.push({ n, resolve, reject }); })),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

describe('durability of the embedded database', () => {
  it('finds every acknowledged write after the writer is killed with SIGKILL, three times over', { timeout: 360_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-durability-'));
    dirs.push(dir);
    const acknowledged: string[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const writer = startWriter(dir);
      await writer.acked(MIN_ACKS);
      if (run === 1) {
        // while the writer holds the directory, neither this process nor another writer may open it
        let refused: unknown;
        try { acquireDataDirLock(dir)(); } catch (e) { refused = e; }
        expect(refused).toBeInstanceOf(DataDirLockedError);
        expect((refused as DataDirLockedError).message).toContain(dir);
        expect((refused as DataDirLockedError).pid).toBe(writer.child.pid);
        const second = startWriter(dir);
        expect((await second.exited).code).toBe(3);
        expect(second.stderr()).toContain(`The data directory ${dir} is in use`);
      }
      await sleep(Math.floor(Math.random() * 300)); // a random moment, mid-transaction or between them
      writer.child.kill('SIGKILL');
      const { signal } = await writer.exited;
      expect(signal).toBe('SIGKILL');
      expect(writer.acks.length).toBeGreaterThanOrEqual(MIN_ACKS);
      acknowledged.push(...writer.acks);
      // the killed writer leaves its lock behind; the next run must take it over as stale
      expect(fs.readFileSync(path.join(dir, 'haven.lock'), 'utf8')).toBe(String(writer.child.pid));
    }

    const release = acquireDataDirLock(dir);
    const database = await openPglite(dir);
    try {
      const ids = new Set((await database.query<{ id: string }>('select id from sites')).map((r) => r.id));
      const missing = acknowledged.filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(RUNS * MIN_ACKS);
      expect(await database.query('select id from trusts')).toHaveLength(1);
      // each site and its audit entry were one transaction: neither survives without the other
      const [counts] = await database.query<{ sites: number; entries: number }>(
        `select (select count(*) from sites)::int as sites, (select count(*) from audit_entries where action = 'site.create')::int as entries`);
      expect(counts!.entries).toBe(counts!.sites);
      const chain = await verifyAuditChain(database);
      expect(chain.problems).toEqual([]);
      expect(chain.count).toBe(counts!.sites + 1);
    } finally {
      await database.close();
      release();
    }
  });
});
