/**
 * Sanctions (issue 4): the behaviour lead schedules a detention at 390 px, puts a pupil in it from an incident, takes a
 * past register marking a pupil missed and sees the escalation; visits isolation, rewards and a pupil's profile; the
 * trust administrator adds a closure day to the school calendar at 1280 px. axe and no sideways scrolling on each page.
 */
import type { Browser, Page } from 'playwright-core';
import { assertNoHorizontalScroll, checkAccessibility, hasText, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
import { totpNow } from '../apps/server/src/modules/auth/totp.ts';
import { DEMO_TOTP_SECRETS } from '../apps/server/src/db/seed/accounts.ts';

const uk = (iso: string) => iso.split('-').reverse().join('/');
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const plusDays = (iso: string, n: number) => { const d = new Date(`${iso}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };

async function newPage(browser: Browser, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });
  return context.newPage();
}

async function signIn(page: Page, baseUrl: string, email: string, password: string, totpSecret?: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (totpSecret) {
    await visible(page.getByRole('heading', { level: 1, name: 'Enter your two-factor code' }));
    await page.getByLabel('6-digit code').fill(totpNow(totpSecret));
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await visible(page.getByRole('button', { name: /navigation/ }).or(page.getByRole('link', { name: 'Haven home' })));
}

async function check(page: Page, label: string, shot: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
  await screenshot(page, shot);
}

/** The next school days at a site after today, from the calendar API the pages use. */
async function schoolDaysAhead(page: Page, baseUrl: string, siteId: string): Promise<string[]> {
  const from = plusDays(londonToday(), 1);
  const res = await page.request.get(`${baseUrl}/api/v1/calendar/school-days?siteId=${siteId}&from=${from}&to=${plusDays(from, 40)}`);
  const body = await res.json() as { days: { date: string; schoolDay: boolean }[] };
  const days = body.days.filter((d) => d.schoolDay).map((d) => d.date);
  if (days.length < 3) throw new JourneyFailure('the calendar has too few school days ahead');
  return days;
}

async function chooseOption(page: Page, label: string, option: RegExp | string, scope = page.getByRole('dialog')): Promise<void> {
  await scope.getByLabel(label).first().click();
  await page.getByRole('option', { name: option }).first().click();
}

async function lead(browser: Browser, baseUrl: string, password: string): Promise<void> {
  const page = await newPage(browser, 390);
  try {
    await signIn(page, baseUrl, 'behaviour-lead@demo.haven.test', password);
    const me = await (await page.request.get(`${baseUrl}/api/v1/me`)).json() as { sites: { id: string }[] };
    const siteId = me.sites[0]!.id;
    const [day] = await schoolDaysAhead(page, baseUrl, siteId);

    // schedule a detention
    await page.goto(`${baseUrl}/detentions`);
    await visible(page.getByRole('heading', { level: 1, name: 'Detentions' }));
    await visible(page.getByRole('list', { name: 'Coming detentions' }));
    await check(page, 'detentions', 'sanctions-detentions-390');
    await page.getByRole('button', { name: 'Schedule a detention' }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule a detention' });
    await dialog.getByLabel('Date').fill(uk(day!));
    await dialog.getByLabel('Start time').fill('15:45');
    await chooseOption(page, 'Supervised by', /Hargreaves/);
    await checkAccessibility(page, 'schedule a detention');
    await dialog.getByRole('button', { name: 'Schedule detention' }).click();
    await visible(page.getByText(`on ${uk(day!)} at 15:45 scheduled.`));

    // put a pupil in it from an incident
    const list = await (await page.request.get(`${baseUrl}/api/v1/incidents?siteId=${siteId}&status=signed_off&pageSize=30`)).json() as { items: { id: string; pupilNames: string[]; voided: boolean }[] };
    const incident = list.items.find((i) => !i.voided && i.pupilNames.length === 1);
    if (!incident) throw new JourneyFailure('no signed-off incident with one pupil to assign from');
    await page.goto(`${baseUrl}/incidents/${incident.id}`);
    const card = page.getByRole('region', { name: 'Detention' });
    await visible(card);
    await card.getByLabel('Detention session').first().click();
    await page.getByRole('option', { name: new RegExp(`${uk(day!)} at 15:45`) }).click();
    await card.getByRole('button', { name: 'Put in detention' }).click();
    await hasText(card.getByRole('status'), new RegExp(`on ${uk(day!)} at 15:45\\. Parents have been told`));
    await check(page, 'incident with detention', 'sanctions-incident-detention-390');

    // take a past register: one pupil missed, and the escalation shows
    await page.goto(`${baseUrl}/detentions`);
    await page.getByText('Past', { exact: true }).click();
    const past = page.getByRole('list', { name: 'Past detentions' });
    await visible(past.getByText(/Register not taken/));
    await past.getByRole('listitem').filter({ hasText: /Register not taken/ }).first().getByRole('link').click();
    await visible(page.getByRole('heading', { level: 2, name: 'Register' }));
    await check(page, 'detention register', 'sanctions-register-390');
    await page.getByRole('list', { name: 'Pupils in this detention' }).getByRole('button', { name: /^Missed/ }).first().click();
    const updated = page.getByRole('status').filter({ hasText: 'missed this detention' });
    await visible(updated);
    await hasText(updated, /task has been created|Re-assigned to/);
    await screenshot(page, 'sanctions-register-missed-390');

    for (const [path, heading, shot] of [['/isolation', 'Isolation', 'sanctions-isolation-390'], ['/rewards', 'Rewards', 'sanctions-rewards-390'], ['/calendar', 'School calendar', 'sanctions-calendar-390']] as const) {
      await page.goto(`${baseUrl}${path}`);
      await visible(page.getByRole('heading', { level: 1, name: heading }));
      await page.waitForLoadState('networkidle');
      await check(page, heading, shot);
    }
    const placement = await (await page.request.get(`${baseUrl}/api/v1/placements?siteId=${siteId}`)).json() as { items: { pupil: { id: string } }[] };
    await page.goto(`${baseUrl}/pupils/${placement.items[0]!.pupil.id}`);
    await visible(page.getByRole('heading', { level: 2, name: 'Managed moves and alternative provision' }));
    await page.waitForLoadState('networkidle');
    await check(page, 'pupil profile with placements', 'sanctions-pupil-390');
  } catch (e) {
    await page.screenshot({ path: `test-results/screenshots/FAILED-sanctions-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
  }
}

async function admin(browser: Browser, baseUrl: string, password: string): Promise<void> {
  const page = await newPage(browser, 1280);
  try {
    await signIn(page, baseUrl, 'trust-admin@demo.haven.test', password, DEMO_TOTP_SECRETS.trust_admin);
    const sites = await (await page.request.get(`${baseUrl}/api/v1/calendar`)).json() as { sites: { id: string }[] };
    const days = await schoolDaysAhead(page, baseUrl, sites.sites[0]!.id);
    const closure = days[2]!;
    await page.getByRole('link', { name: 'School calendar' }).first().click();
    await visible(page.getByRole('heading', { level: 1, name: 'School calendar' }));
    await visible(page.getByRole('heading', { level: 2, name: 'Half-terms' }));
    await check(page, 'school calendar', 'sanctions-calendar-1280');
    await page.getByRole('button', { name: 'Add a closure day' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a closure day' });
    await dialog.getByLabel('Date').fill(uk(closure));
    await dialog.getByLabel('Reason').fill('Polling station');
    await checkAccessibility(page, 'add a closure day');
    await dialog.getByRole('button', { name: 'Add closure day' }).click();
    await visible(page.getByText(`${uk(closure)} is now a closure day.`));
    await visible(page.getByRole('list', { name: 'Closure and INSET days' }).getByText('Polling station'));
    const after = await (await page.request.get(`${baseUrl}/api/v1/calendar/school-days?siteId=${sites.sites[0]!.id}&from=${closure}&to=${closure}`)).json() as { schoolDays: number };
    if (after.schoolDays !== 0) throw new JourneyFailure(`${closure} is still a school day after the closure was added`);
    await screenshot(page, 'sanctions-calendar-closure-1280');
    await page.goto(`${baseUrl}/detentions`).catch(() => undefined);
  } catch (e) {
    await page.screenshot({ path: `test-results/screenshots/FAILED-sanctions-admin-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
  }
}

export const sanctionsJourney: Journey = {
  name: 'sanctions: the behaviour lead schedules a detention, assigns a pupil from an incident, marks a register missed and sees the escalation (390 px); the trust admin adds a closure day (1280 px)',
  async run({ baseUrl, browser, password }) {
    await lead(browser, baseUrl, password);
    await admin(browser, baseUrl, password);
  },
};
