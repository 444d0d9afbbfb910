/**
 * A Haven server for browser journeys: `haven serve` in a child process on a free port and a fresh embedded database
 * (seeded with the demo trust unless `env` says otherwise, e.g. NODE_ENV=production and HAVEN_SEED_DEMO=false for a
 * first run), its log in test-results/. Pass a test mailbox's `env` to have it send email there.
 * The demo trust is seeded once per run, by `haven seed` into a template directory, and each server starts on a copy
 * of it (seeding took a fifth of a CPU-minute per server). Serving an empty directory, which seeds it, is the CLI
 * test's (apps/server/test/cli.test.ts) and the README's own path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { freePort, waitReady } from './lib.ts';

export interface Server { baseUrl: string; stop(): Promise<void> }

const templates = new Map<string, Promise<string>>();

/** A data directory holding the seeded demo trust with this password, made once per run. */
function seededTemplate(password: string): Promise<string> {
  let t = templates.get(password);
  if (!t) {
    t = new Promise<string>((resolve, reject) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-e2e-template-'));
      process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
      // spawnSync would block the other lane's event loop for the seed: run it as a child and wait
      const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/index.ts', 'seed'], {
        env: { ...process.env, HAVEN_DATA_DIR: dir, HAVEN_DEMO_PASSWORD: password, DATABASE_URL: '', NODE_ENV: 'development', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      child.once('exit', (code) => (code === 0 ? resolve(dir) : reject(new Error(`haven seed for the journeys failed (${code}): ${err.slice(-2000)}`))));
    });
    templates.set(password, t);
  }
  return t;
}

/** The real server on a fresh embedded database seeded with the demo trust; `env` adds to (or overrides) its environment. */
export async function startServer(name: string, password: string, env: Record<string, string> = {}): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-e2e-'));
  if (env.HAVEN_SEED_DEMO !== 'false' && env.NODE_ENV !== 'production') fs.cpSync(await seededTemplate(password), dataDir, { recursive: true });
  const port = await freePort();
  const logFile = path.resolve(`test-results/e2e-server${name ? `-${name}` : ''}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/index.ts', 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', HAVEN_DATA_DIR: dataDir, HAVEN_DEMO_PASSWORD: password, DATABASE_URL: '', NODE_ENV: 'development', LOG_LEVEL: 'warn', HAVEN_PUBLIC_URL: baseUrl, ...env },
    stdio: ['ignore', log, log],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(baseUrl, child, Number(process.env.E2E_SERVER_READY_MS ?? 120_000));
  } catch (e) {
    console.error(`server log (${logFile}):\n${fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => !l.startsWith('npm warn')).slice(-20).join('\n')}`);
    await stop();
    throw e;
  }
  return { baseUrl, stop };
}

