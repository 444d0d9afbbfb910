/**
 * Going live (issue 12 #6, #7): a server started with NODE_ENV=production on an EMPTY embedded database prints a
 * one-time code; the first-run page at 390 px takes it (a wrong LAESTAB is named and fixed), sets up the trust; the
 * administrator signs in and enrols two-factor (the code computed here from the key on the page), imports pupils and
 * staff from CSV files through the Import page, invites a member of staff by email (a real SMTP exchange), who sets a
 * password from the link on a phone, signs in at 390 px and quick-logs a point
 * for an imported pupil. axe on every page; no sideways scrolling at 390 px.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpNow } from '../apps/server/src/modules/auth/totp.ts';
import { makeUpn } from '../apps/server/src/modules/pupils/upn.rules.ts';
import { startMailbox, type Mailbox } from './mailbox.ts';
import { assertNoHorizontalScroll, checkAccessibility, freePort, JourneyFailure, screenshot, visible, waitReady, type Journey } from './lib.ts';

const ADMIN = { name: 'Priya Shah', email: 'priya.shah@riverside.example', password: 'a long first-run password' };
const STAFF = { name: 'Tom Reid', email: 'tom.reid@riverside.example', password: 'a long starting password' };

/** A SIMS-style pupil export and a staff export, as a school would download them (CRLF, UTF-8 with a byte order mark). */
function importFiles(dir: string): { pupils: string; staff: string } {
  const pupils = [
    'UPN,Legal Forename,Legal Surname,Preferred Forename,Date of Birth,Gender,Year Taught In,Reg Group',
    `${makeUpn(801, 2345, 26, 1)},Amara,Okonkwo,,14/03/2013,F,Year 8,8RB`,
    `${makeUpn(801, 2345, 26, 2)},Jayden,Whitfield,Jay,02/11/2012,M,Year 8,8RB`,
    `${makeUpn(801, 2345, 26, 3)},Zofia,Nowak,,21/07/2011,F,Year 9,9KT`,
  ].join('\r\n');
  const staff = ['Staff Code,Legal Forename,Legal Surname,Role,Work Email', `TRE,Tom,Reid,Teaching assistant,${STAFF.email}`, 'HMA,Hannah,Marsh,Teacher,hannah.marsh@riverside.example'].join('\r\n');
  const write = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, `\uFEFF${text}\r\n`); return f; };
  return { pupils: write('sims-pupils.csv', pupils), staff: write('staff.csv', staff) };
}

/** `haven serve` in production on an empty data directory; resolves with its address and the code it printed. */
async function startEmptyProductionServer(dataDir: string, mailEnv: Record<string, string>): Promise<{ baseUrl: string; code: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/index.ts', 'serve'], {
    // COOKIE_SECURE=false: this test server speaks plain http on 127.0.0.1; production is behind TLS
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', HAVEN_DATA_DIR: dataDir, DATABASE_URL: '', COOKIE_SECURE: 'false', LOG_LEVEL: 'warn', HAVEN_JOBS: 'false', HAVEN_PUBLIC_URL: `http://127.0.0.1:${port}`, ...mailEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitReady(baseUrl, child, 120_000);
    const end = Date.now() + 20_000;
    while (!/First-run setup code: /.test(out) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const code = /First-run setup code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(out)?.[1];
    if (!code) throw new JourneyFailure(`the server printed no one-time code:\n${out}`);
    if (/Demo accounts/.test(out)) throw new JourneyFailure('a production server mentioned demo accounts');
    return { baseUrl, code, stop };
  } catch (e) { await stop(); throw e; }
}

const phone = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });

async function check(page: Page, label: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
}

async function firstRun(page: Page, baseUrl: string, code: string): Promise<void> {
  await page.goto(baseUrl);
  await visible(page.getByText('Haven is not set up yet'));
  await page.getByRole('link', { name: 'Set up Haven' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Set up Haven' }));
  await check(page, 'first run: code');
  await page.getByLabel('One-time code').fill('AAAA-BBBB-CCCC');
  await page.getByRole('button', { name: 'Continue' }).click();
  await visible(page.getByText('That is not the one-time code'));
  await page.getByLabel('One-time code').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Continue' }).click();
  await visible(page.getByRole('heading', { level: 2, name: /^Calendar for \d{4}\/\d{2}$/ }));
  await page.getByLabel('Name of the trust').fill('Riverside Learning Trust');
  await page.getByLabel('Name', { exact: true }).fill('Oak Hill School');
  await page.getByLabel('Short name').fill('OAK');
  await page.getByLabel('URN').fill('123456');
  await page.getByLabel('LAESTAB').fill('801/234'); // one digit short
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Email address').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Password again', { exact: true }).fill(ADMIN.password);
  await check(page, 'first run: form');
  await screenshot(page, 'going-live-setup-form-390');
  await page.getByRole('button', { name: 'Set up Haven' }).click();
  await visible(page.getByText(/A LAESTAB is 7 digits/).first());
  await screenshot(page, 'going-live-setup-laestab-390');
  await page.getByLabel('LAESTAB').fill('801/2345');
  await page.getByRole('button', { name: 'Set up Haven' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Haven is set up' }), 30_000);
  await check(page, 'first run: done');
  await screenshot(page, 'going-live-setup-done-390');
  // the page is gone once a trust exists
  const again = await page.request.get(`${baseUrl}/api/v1/setup`);
  if (again.status() !== 404) throw new JourneyFailure(`/api/v1/setup answered ${again.status()} after setup, not 404`);
}

async function signInEnrolling(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email address').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' }));
  await check(page, 'two-factor enrolment');
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  await page.getByLabel('6-digit code').fill(totpNow(secret));
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await visible(page.getByRole('button', { name: /navigation/ }).or(page.getByRole('link', { name: 'Haven home' })));
}

async function importFile(page: Page, kind: string, file: string, rows: number): Promise<void> {
  await page.getByRole('combobox', { name: 'What the file holds' }).click();
  await page.getByRole('option', { name: kind, exact: true }).click();
  // the MIS file's input (the Photos card below has its own, for a zip)
  await page.locator('input[type="file"]:not([accept*="zip"])').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await visible(page.getByText('No problems found'), 30_000);
  await check(page, `import preview (${kind})`);
  await page.getByRole('button', { name: `Import ${rows} rows` }).click();
  await visible(page.getByRole('status').filter({ hasText: 'Imported' }), 30_000);
  await visible(page.getByText(`${rows} added`).first());
}

/** The admin invites the imported member of staff by email; they open the link on their phone and set a password. */
async function inviteStaffMember(page: Page, browser: Browser, baseUrl: string, mailbox: Mailbox): Promise<void> {
  await page.goto(`${baseUrl}/admin/users`);
  await visible(page.getByRole('heading', { level: 1, name: 'Users' }));
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a user' });
  await dialog.getByLabel('Email address').fill(STAFF.email);
  await dialog.getByLabel('Name', { exact: true }).fill(STAFF.name);
  await visible(dialog.getByRole('radio', { name: 'Email them an invitation to set their own password' }));
  await dialog.getByLabel('Where').selectOption({ label: 'Oak Hill School' }).catch(() => dialog.getByLabel('Where').selectOption({ index: 1 }));
  await check(page, 'invite a member of staff');
  await dialog.getByRole('button', { name: 'Create user and send invitation' }).click();
  await visible(page.getByText(`Invitation sent to ${STAFF.email}.`, { exact: false }));

  const link = await mailbox.latestInvitationLink(STAFF.email);
  const context = await phone(browser);
  const invited = await context.newPage();
  try {
    await invited.goto(link);
    await visible(invited.getByRole('heading', { level: 1, name: 'Set your password' }));
    await check(invited, 'set your password');
    await invited.getByLabel('New password', { exact: true }).fill(STAFF.password);
    await invited.getByLabel('Type it again').fill(STAFF.password);
    await invited.getByRole('button', { name: 'Set password and sign in' }).click();
    await visible(invited.getByRole('button', { name: /navigation/ }));
  } finally { await context.close(); }
}

async function staffQuickLog(browser: Browser, baseUrl: string): Promise<void> {
  const context = await phone(browser);
  const page = await context.newPage();
  try {
    await page.goto(baseUrl);
    await page.getByLabel('Email address').fill(STAFF.email);
    await page.getByLabel('Password', { exact: true }).fill(STAFF.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('button', { name: /navigation/ }).or(page.getByRole('link', { name: 'Haven home' })));
    await page.goto(`${baseUrl}/quick-log`);
    await visible(page.getByRole('heading', { level: 1 }));
    await page.getByText('Search', { exact: true }).click();
    await page.getByLabel('Search pupils').fill('Whitfield');
    const pupils = page.getByRole('list', { name: 'Pupils to choose from' });
    await visible(pupils.getByRole('button', { name: /Jay/ }));
    await pupils.getByRole('button', { name: /Jay/ }).first().click();
    await check(page, 'quick log (an imported pupil)');
    await page.getByRole('list', { name: /Positive categories/i }).getByRole('button').first().click();
    await visible(page.getByText('Saved', { exact: true }));
    await screenshot(page, 'going-live-quick-log-390');
    const mine = await page.request.get(`${baseUrl}/api/v1/behaviour-events?mine=true`);
    const body = await mine.json() as { total: number };
    if (!mine.ok() || body.total !== 1) throw new JourneyFailure(`the quick-logged point was not saved (${mine.status()}, ${JSON.stringify(body).slice(0, 200)})`);
  } finally { await context.close(); }
}

export const goingLiveJourney: Journey = {
  name: 'going live: empty production database, first-run page, two-factor, MIS import, a member of staff logs a point (390 px)',
  async run({ browser }) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-going-live-'));
    const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-going-live-files-'));
    const files = importFiles(fileDir);
    const mailbox = await startMailbox();
    const server = await startEmptyProductionServer(dataDir, mailbox.env);
    const context = await phone(browser);
    const page = await context.newPage();
    try {
      await firstRun(page, server.baseUrl, server.code);
      await signInEnrolling(page);
      await check(page, 'home after setup');
      await page.goto(`${server.baseUrl}/admin/import`);
      await visible(page.getByRole('heading', { level: 1, name: 'Import from the MIS' }));
      await check(page, 'import');
      await importFile(page, 'Pupils', files.pupils, 3);
      await importFile(page, 'Staff', files.staff, 2);
      await screenshot(page, 'going-live-import-390');
      await inviteStaffMember(page, browser, server.baseUrl, mailbox);
      await staffQuickLog(browser, server.baseUrl);
    } finally {
      await context.close();
      await server.stop();
      await mailbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(fileDir, { recursive: true, force: true });
    }
  },
};
