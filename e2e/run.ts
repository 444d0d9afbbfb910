/**
 * `npm run test:e2e`: builds the web app, starts the real server on a fresh embedded database seeded with the demo
 * trust, and runs every browser journey in Debian's Chromium. Prints "N passed, N failed" and exits non-zero on failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execSync } from 'node:child_process';
import { CHROMIUM, freePort, launch, waitReady, type Journey } from './lib.ts';
import { staffJourney } from './staff-pupils.journey.ts';
import { adminJourney } from './admin.journey.ts';
import { recordingJourney } from './recording.journey.ts';
import { safeguardingOnCallJourney } from './safeguarding-oncall.journey.ts';
import { suspensionsJourney } from './suspensions.journey.ts';
import { sanctionsJourney } from './sanctions.journey.ts';
import { reportsJourney } from './reports.journey.ts';
import { analyticsJourney } from './analytics.journey.ts';
import { governorsJourney } from './governors.journey.ts';
import { serverErrorsJourney } from './server-errors.journey.ts';
import { goingLiveJourney } from './going-live.journey.ts';

const JOURNEYS: Journey[] = [
  staffJourney, adminJourney, recordingJourney, safeguardingOnCallJourney, suspensionsJourney, sanctionsJourney,
  reportsJourney, analyticsJourney, governorsJourney, serverErrorsJourney, goingLiveJourney,
];

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    const msg = `Chromium not found at ${CHROMIUM}: the browser journeys need it. Install it with: apt-get install -y chromium`;
    if (process.env.CI) { console.error(msg); return 1; }
    console.log(`SKIPPED browser journeys. ${msg}`);
    return 0;
  }
  execSync('npx vite build --config apps/web/vite.config.ts --logLevel warn', { stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-e2e-'));
  const port = await freePort();
  const password = 'e2e-demo-password';
  const logFile = path.resolve('test-results/e2e-server.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/index.ts', 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', HAVEN_DATA_DIR: dataDir, HAVEN_DEMO_PASSWORD: password, DATABASE_URL: '', NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    stdio: ['ignore', log, log],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  let passed = 0; let failed = 0;
  try {
    await waitReady(baseUrl, child, 120_000);
    const browser = await launch();
    try {
      // E2E_ONLY=text runs only the journeys whose name contains it (for working on one journey)
      const only = process.env.E2E_ONLY;
      for (const j of JOURNEYS.filter((x) => !only || x.name.includes(only))) {
        const t0 = Date.now();
        try {
          await j.run({ baseUrl, browser, password });
          passed++;
          console.log(`  ✓ ${j.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        } catch (e) {
          failed++;
          // a picture of every page still open, to see what the journey saw
          for (const [ci, c] of browser.contexts().entries()) {
            for (const [pi, p] of c.pages().entries()) await p.screenshot({ path: `test-results/screenshots/FAILED-${j.name.split(':')[0]}-${ci}-${pi}.png`, fullPage: true }).catch(() => undefined);
          }
          console.error(`  ✗ ${j.name}\n${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        }
      }
    } finally { await browser.close(); }
  } catch (e) {
    console.error(`browser journeys could not run: ${e instanceof Error ? e.message : String(e)}`);
    console.error(`server log (${logFile}):\n${fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => !l.startsWith('npm warn')).slice(-20).join('\n')}`);
    failed++;
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\njourneys: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

// Fail unless main() finishes and says otherwise: an early, silent exit of the event loop must not pass.
process.exitCode = 1;
main().then((code) => process.exit(code), (e: unknown) => { console.error(e); process.exit(1); });
