/**
 * `npm run test:e2e`: builds the web app, starts the real server on a fresh embedded database seeded with the demo
 * trust (a second one, sending email to a test mailbox, for journeys that read email), and runs every browser journey
 * in Debian's Chromium. Prints "N passed, N failed" and exits non-zero on failure.
 */
import fs from 'node:fs';
import { execSync } from 'node:child_process';
import { CHROMIUM, launch, type Journey, type JourneyContext } from './lib.ts';
import { startMailbox, type Mailbox } from './mailbox.ts';
import { startServer, type Server } from './server.ts';
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
import { rotaJourney } from './rota.journey.ts';

const JOURNEYS: Journey[] = [
  staffJourney, adminJourney, recordingJourney, safeguardingOnCallJourney, suspensionsJourney, sanctionsJourney,
  reportsJourney, analyticsJourney, governorsJourney, serverErrorsJourney, goingLiveJourney, rotaJourney,
];

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    const msg = `Chromium not found at ${CHROMIUM}: the browser journeys need it. Install it with: apt-get install -y chromium`;
    if (process.env.CI) { console.error(msg); return 1; }
    console.log(`SKIPPED browser journeys. ${msg}`);
    return 0;
  }
  execSync('npx vite build --config apps/web/vite.config.ts --logLevel warn', { stdio: 'inherit' });
  const password = 'e2e-demo-password';
  // E2E_ONLY=text runs only the journeys whose name contains it (for working on one journey)
  const only = process.env.E2E_ONLY;
  const selected = JOURNEYS.filter((x) => !only || x.name.includes(only));
  // Journeys that read email run on a second server that sends to a test mailbox; the others on one that has no
  // email (so letters are "to send by hand", as several journeys expect). Each server starts only when needed.
  const servers: Server[] = [];
  let plain: Server | undefined;
  let withMail: { server: Server; mailbox: Mailbox } | undefined;
  let mailbox: Mailbox | undefined;
  let passed = 0; let failed = 0;
  try {
    const browser = await launch();
    try {
      for (const j of selected) {
        const t0 = Date.now();
        try {
          let ctx: JourneyContext;
          if (j.mail) {
            if (!withMail) {
              mailbox = await startMailbox();
              const server = await startServer('mail', password, mailbox.env);
              servers.push(server);
              withMail = { server, mailbox };
            }
            ctx = { baseUrl: withMail.server.baseUrl, browser, password, mailbox: withMail.mailbox };
          } else {
            if (!plain) { plain = await startServer('', password); servers.push(plain); }
            ctx = { baseUrl: plain.baseUrl, browser, password };
          }
          await j.run(ctx);
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
    failed++;
  } finally {
    for (const server of servers) await server.stop();
    await mailbox?.close();
  }
  console.log(`\njourneys: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

// Fail unless main() finishes and says otherwise: an early, silent exit of the event loop must not pass.
process.exitCode = 1;
main().then((code) => process.exit(code), (e: unknown) => { console.error(e); process.exit(1); });
