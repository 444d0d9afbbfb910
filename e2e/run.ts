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
import { plansJourney } from './plans.journey.ts';
import { trainingJourney } from './training.journey.ts';
import { interventionsJourney } from './interventions.journey.ts';
import { riskAssessmentsJourney } from './risk-assessments.journey.ts';
import { retentionJourney } from './retention.journey.ts';
import { plansUseJourney } from './plans-use.journey.ts';
import { rotaJourney } from './rota.journey.ts';
import { caseworkJourney } from './casework.journey.ts';
import { staffReviewsJourney } from './staff-reviews.journey.ts';
import { parentPortalJourney } from './parent-portal.journey.ts';
import { visitsJourney } from './visits.journey.ts';
import { subjectAccessJourney } from './subject-access.journey.ts';
import { cpTransferJourney } from './cp-transfer.journey.ts';

// Longest first, so that the lanes finish together (admin visits every route with an accessibility check).
const JOURNEYS: Journey[] = [
  adminJourney, staffJourney, recordingJourney, safeguardingOnCallJourney, suspensionsJourney, sanctionsJourney,
  reportsJourney, analyticsJourney, governorsJourney, serverErrorsJourney, goingLiveJourney, plansJourney, trainingJourney, interventionsJourney, riskAssessmentsJourney, retentionJourney, plansUseJourney, rotaJourney, caseworkJourney, staffReviewsJourney, parentPortalJourney, cpTransferJourney, subjectAccessJourney, visitsJourney,
];

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    const msg = `Chromium not found at ${CHROMIUM}: the browser journeys need it. Install it with: apt-get install -y chromium`;
    if (process.env.CI) { console.error(msg); return 1; }
    console.log(`SKIPPED browser journeys. ${msg}`);
    return 0;
  }
  fs.mkdirSync('test-results/screenshots', { recursive: true }); // failure pictures are written here
  execSync('npx vite build --config apps/web/vite.config.ts --logLevel warn', { stdio: 'inherit' });
  const password = 'e2e-demo-password';
  // E2E_ONLY=text runs only the journeys whose name contains it (several texts: comma-separated)
  const only = process.env.E2E_ONLY?.split(',').map((x) => x.trim()).filter(Boolean);
  const selected = JOURNEYS.filter((x) => !only?.length || only.some((o) => x.name.includes(o)));
  // Journeys that read email run on a second server that sends to a test mailbox; the others on one that has no
  // email (so letters are "to send by hand", as several journeys expect). Each server starts only when needed.
  // E2E_LANES journeys run at once (default 2, one per core), each lane with its own servers and browser context, so
  // that one journey's waits overlap another's work. A lane takes the next journey from one queue, longest first.
  const lanes = Math.max(1, Math.min(Number(process.env.E2E_LANES ?? 2) || 1, selected.length));
  const queue = [...selected];
  const servers: Server[] = [];
  const mailboxes: Mailbox[] = [];
  let passed = 0; let failed = 0;
  try {
    const browser = await launch();
    try {
      await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
        // Journeys that read email run on a server that sends to a test mailbox; the others on one that has no email
        // (so letters are "to send by hand", as several journeys expect). Each server starts only when needed.
        let plain: Server | undefined;
        let withMail: { server: Server; mailbox: Mailbox } | undefined;
        for (let j = queue.shift(); j; j = queue.shift()) {
          const t0 = Date.now();
          try {
            let ctx: JourneyContext;
            if (j.mail) {
              if (!withMail) {
                const mailbox = await startMailbox();
                mailboxes.push(mailbox);
                const server = await startServer(`mail-${lane + 1}`, password, mailbox.env);
                servers.push(server);
                withMail = { server, mailbox };
              }
              ctx = { baseUrl: withMail.server.baseUrl, browser, password, mailbox: withMail.mailbox };
            } else {
              if (!plain) { plain = await startServer(`${lane + 1}`, password); servers.push(plain); }
              ctx = { baseUrl: plain.baseUrl, browser, password };
            }
            const before = new Set(browser.contexts());
            try { await j.run(ctx); } catch (e) {
              // a picture of every page this journey opened and still has open, to see what it saw
              const mine = browser.contexts().filter((c) => !before.has(c));
              for (const [ci, c] of mine.entries()) {
                for (const [pi, p] of c.pages().entries()) await p.screenshot({ path: `test-results/screenshots/FAILED-${j.name.split(':')[0]}-${ci}-${pi}.png`, fullPage: true }).catch(() => undefined);
              }
              throw e;
            }
            passed++;
            console.log(`  ✓ ${j.name} (${((Date.now() - t0) / 1000).toFixed(1)} s, lane ${lane + 1})`);
          } catch (e) {
            failed++;
            console.error(`  ✗ ${j.name} (lane ${lane + 1})\n${e instanceof Error ? e.stack ?? e.message : String(e)}`);
          }
        }
      }));
    } finally { await browser.close(); }
  } catch (e) {
    console.error(`browser journeys could not run: ${e instanceof Error ? e.message : String(e)}`);
    failed++;
  } finally {
    for (const server of servers) await server.stop();
    for (const mailbox of mailboxes) await mailbox.close();
  }
  console.log(`\njourneys: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

// Fail unless main() finishes and says otherwise: an early, silent exit of the event loop must not pass.
process.exitCode = 1;
main().then((code) => process.exit(code), (e: unknown) => { console.error(e); process.exit(1); });
