/**
 * Reports (issue 5): a behaviour lead exports the incident list to CSV (the file is checked against the API),
 * downloads a pupil summary PDF (its text read back with unpdf), looks at the weekly report and the definitions,
 * and subscribes to the weekly report by email. At 390 px, axe on every page, screenshots at both widths. Then, with
 * the keyboard alone (Tab, Shift+Tab, arrows, Space, Enter and typing; no mouse, no page addresses after the first),
 * a member of staff signs in, quick-logs a point for a pupil and finds it on the pupil's record.
 */
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { assertNoHorizontalScroll, checkAccessibility, download, JourneyFailure, screenshot, SCREENSHOTS, visible, type Journey } from './lib.ts';

async function signIn(browser: Browser, baseUrl: string, email: string, password: string, width: number, where = { locale: 'en-GB', timezoneId: 'Europe/London' }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, ...where, reducedMotion: 'reduce', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('button', { name: /navigation/ }).or(page.getByRole('link', { name: 'Haven home' })));
  return page;
}

async function checkPage(page: Page, label: string, shot: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
  await screenshot(page, shot);
}

async function exportIncidents(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/incidents`);
  await visible(page.getByRole('heading', { level: 1, name: 'Incidents' }));
  await visible(page.getByRole('link', { name: 'Download CSV: this incident list' }));
  await checkPage(page, 'incidents with downloads', 'reports-incidents-390');
  const { file, name } = await download(page, () => page.getByRole('link', { name: 'Download CSV: this incident list' }).click());
  if (!/^haven-incidents-\d{4}-\d\d-\d\d\.csv$/.test(name)) throw new JourneyFailure(`unexpected file name ${name}`);
  const text = file.toString('utf8');
  if (text.charCodeAt(0) !== 0xfeff) throw new JourneyFailure('the CSV has no UTF-8 byte order mark');
  const lines = text.slice(1).split('\r\n').filter((l) => l !== '');
  if (!lines[0]!.startsWith('Happened,Site,Pupils,Status')) throw new JourneyFailure(`unexpected CSV header: ${lines[0]}`);
  const api = await (await page.request.get(`${baseUrl}/api/v1/incidents?pageSize=1`)).json() as { total: number };
  // quoted fields never hold line breaks here (no free text is exported), so lines = rows
  if (lines.length - 1 !== api.total) throw new JourneyFailure(`the CSV has ${lines.length - 1} rows, the list ${api.total}`);
}

async function pupilSummary(page: Page, baseUrl: string): Promise<void> {
  const pupils = await (await page.request.get(`${baseUrl}/api/v1/pupils?pageSize=1`)).json() as { items: { id: string; displayName: string }[] };
  const pupil = pupils.items[0]!;
  await page.goto(`${baseUrl}/pupils/${pupil.id}`);
  await visible(page.getByRole('heading', { name: 'Pupil summary for a review' }));
  await page.getByRole('heading', { name: 'Pupil summary for a review' }).scrollIntoViewIfNeeded();
  await checkPage(page, 'pupil profile with the summary download', 'reports-pupil-profile-390');
  const { file } = await download(page, () => page.getByRole('link', { name: 'Download summary (PDF)' }).click());
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(file)), { mergePages: true });
  if (!text.includes(`Pupil summary: ${pupil.displayName}`)) throw new JourneyFailure('the PDF does not name the pupil');
  for (const h of ['Behaviour points', 'Trend by half-term', 'Physical interventions', 'Incidents (signed off)']) {
    if (!text.includes(h)) throw new JourneyFailure(`the PDF has no "${h}" section`);
  }
}

async function weeklyAndDefinitions(page: Page, baseUrl: string, suffix: string): Promise<void> {
  await page.goto(`${baseUrl}/reports`);
  await visible(page.getByRole('heading', { level: 1, name: 'Weekly report' }));
  await visible(page.getByRole('heading', { level: 2, name: 'Aurora Park School' }));
  await checkPage(page, 'weekly report', `reports-weekly-${suffix}`);
  await page.getByRole('main').getByRole('link', { name: 'How figures are counted' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'How figures are counted' }));
  await visible(page.getByText('Pupil involvements', { exact: true }));
  await checkPage(page, 'definitions', `reports-definitions-${suffix}`);
}

async function subscribe(page: Page, baseUrl: string, suffix: string): Promise<void> {
  await page.goto(`${baseUrl}/reports/subscriptions`);
  await visible(page.getByRole('heading', { level: 1, name: 'Email subscriptions' }));
  await visible(page.getByText('You have no report subscriptions.'));
  const site = page.getByRole('checkbox', { name: 'Aurora Park School' });
  if (!(await site.isChecked())) await site.check();
  await page.getByLabel('Day').selectOption('1');
  await page.getByLabel('Time (UK)').selectOption('7');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await visible(page.getByText('Subscribed. The first email comes at the next time you chose.'));
  await visible(page.getByRole('article', { name: /Senior leaders' weekly report, Every Monday at 07:00/ }));
  await checkPage(page, 'subscriptions', `reports-subscriptions-${suffix}`);
}

/** In a US-English browser in New York, the incident list shows London's date and time as dd/mm/yyyy hh:mm, and a date box reads dd/mm/yyyy. */
async function ukDatesWhateverTheBrowser(page: Page, baseUrl: string): Promise<void> {
  const zone = await page.evaluate(() => [Intl.DateTimeFormat().resolvedOptions().timeZone, navigator.language]);
  if (zone[0] !== 'America/New_York' || zone[1] !== 'en-US') throw new JourneyFailure(`the browser is not set to New York, US English (${zone.join(', ')})`);
  const api = await (await page.request.get(`${baseUrl}/api/v1/incidents?pageSize=1`)).json() as { items: { occurredAt: string | null }[] };
  const at = api.items[0]?.occurredAt;
  if (!at) throw new JourneyFailure('no incident with a time to show');
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const london = `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
  await page.goto(`${baseUrl}/incidents`);
  await visible(page.getByRole('main').getByText(london).first());
  const main = await page.getByRole('main').innerText();
  if (/\b\d{1,2}:\d{2}\s?(AM|PM)\b/i.test(main)) throw new JourneyFailure('the incident list shows a 12-hour time');
  await page.getByLabel('Happened from').fill('03/02/2026');
  await page.getByLabel('Happened from').blur();
  if (await page.getByText('Not a date').count()) throw new JourneyFailure('03/02/2026 was not read as a date');
  await screenshot(page, 'reports-incidents-en-US-new-york-1280');
}

/** The keys pressed in the keyboard-only part (Tab and Shift+Tab count one each, as does a whole typed word). */
let keys = 0;

/** Presses Tab (or Shift+Tab) until the focused element matches `selector` and, when given, its name matches `name`. */
async function tabTo(page: Page, what: string, selector: string, name?: RegExp, back = false): Promise<string> {
  for (let i = 0; i < 250; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab'); keys++;
    const hit = await page.evaluate(([sel, src, flags]) => {
      const el = document.activeElement;
      if (!el || el === document.body || !el.matches(sel)) return null;
      const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
      const n = [el.getAttribute('aria-label') ?? '', label, el.textContent ?? ''].join(' ').replace(/\s+/g, ' ').trim();
      return !src || new RegExp(src, flags).test(n) ? (el.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
    }, [selector, name?.source ?? '', name?.flags ?? ''] as const);
    if (hit !== null) return hit;
  }
  throw new JourneyFailure(`Tab never reached ${what}`);
}

async function type(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text); keys++;
}
async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key); keys++;
}

/** Sign in, quick-log a point and find it on the pupil's record, with the keyboard alone (desktop width). */
async function keyboardOnly(browser: Browser, baseUrl: string, password: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });
  const page = await context.newPage();
  keys = 0;
  try {
    await page.goto(baseUrl);
    await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
    await tabTo(page, 'the email box', 'input', /Email address/);
    await type(page, 'staff@demo.haven.test');
    await tabTo(page, 'the password box', 'input', /^Password/);
    await type(page, password);
    await press(page, 'Enter');
    await visible(page.getByRole('link', { name: 'Haven home' }));

    // the skip link comes first, then the navigation: Quick log
    await tabTo(page, 'the Quick log link', '#app-navigation a', /^Quick log$/);
    await press(page, 'Enter');
    await visible(page.getByRole('heading', { level: 1, name: 'Quick log' }));
    // the groups load after the page: the picker offers them before a key can choose one
    const options = page.getByLabel('Form, class or group').locator('option');
    for (const end = Date.now() + 20_000; Date.now() < end && (await options.count()) < 2;) await page.waitForTimeout(100);
    await tabTo(page, 'the form picker', 'select', /Form, class or group/);
    await press(page, 'ArrowDown');
    await visible(page.getByRole('list', { name: 'Pupils to choose from' }).getByRole('button').first());
    await tabTo(page, 'a pupil', 'ul[aria-label="Pupils to choose from"] button');
    const pupil = await page.evaluate(() => document.activeElement?.querySelector('.ql-tile-text')?.firstChild?.textContent?.trim() ?? '');
    await press(page, 'Space');
    await visible(page.getByText('1 pupil selected'));
    await tabTo(page, 'a positive category', 'ul[aria-label="Positive categories"] button');
    const category = await page.evaluate(() => document.activeElement?.querySelector('.mantine-Button-label')?.firstChild?.textContent?.trim() ?? '');
    if (!pupil || !category) throw new JourneyFailure(`could not read the pupil (${pupil}) or the category (${category})`);
    await press(page, 'Enter');
    await visible(page.getByText('Saved', { exact: true }));
    await visible(page.getByText('0 pupils selected'));
    await checkAccessibility(page, 'quick log by keyboard');

    // back up to the navigation, then find the pupil and the point on their record
    await tabTo(page, 'the Pupils link', '#app-navigation a', /^Pupils$/, true);
    await press(page, 'Enter');
    await visible(page.getByRole('heading', { level: 1, name: 'Pupils' }));
    await tabTo(page, 'the pupil search', 'input', /Search pupils/);
    await type(page, pupil);
    await visible(page.getByRole('main').getByRole('link', { name: pupil }).first());
    await tabTo(page, `the link to ${pupil}`, 'main a', new RegExp(`^${pupil.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await press(page, 'Enter');
    await visible(page.getByRole('heading', { level: 1, name: pupil }));
    await visible(page.getByRole('main').getByText(category).first(), 15_000);
    await checkAccessibility(page, 'pupil record reached by keyboard');
    await screenshot(page, 'keyboard-only-pupil-1366');
    await page.locator('#app-navigation').screenshot({ path: `${SCREENSHOTS}/nav-staff-1366.png` });
    console.log(`    keyboard only: signed in, logged "${category}" for ${pupil} and found it on the record in ${keys} key presses`);
  } finally { await context.close(); }
}

export const reportsJourney: Journey = {
  name: 'reports: a behaviour lead exports incidents, downloads a pupil summary and subscribes to the weekly report; a member of staff quick-logs with the keyboard alone',
  async run({ baseUrl, browser, password }) {
    const phone = await signIn(browser, baseUrl, 'behaviour-lead@demo.haven.test', password, 390);
    try {
      await phone.getByRole('button', { name: 'Open navigation' }).click();
      await visible(phone.getByRole('link', { name: 'Review queue' }));
      await checkAccessibility(phone, 'navigation open at 390 px');
      await phone.screenshot({ path: `${SCREENSHOTS}/nav-behaviour-lead-390.png` });
      // the whole navigation scrolls as one on a phone: the account links come after the last group
      await phone.locator('#app-navigation').evaluate((el) => { el.scrollTop = el.scrollHeight; });
      await visible(phone.getByRole('button', { name: 'Sign out everywhere' }));
      await phone.screenshot({ path: `${SCREENSHOTS}/nav-behaviour-lead-390-end.png` });
      await phone.locator('#app-navigation').evaluate((el) => { el.scrollTop = 0; });
      await phone.getByRole('button', { name: 'Close navigation' }).click();
      await exportIncidents(phone, baseUrl);
      await pupilSummary(phone, baseUrl);
      await weeklyAndDefinitions(phone, baseUrl, '390');
      await subscribe(phone, baseUrl, '390');
    } finally { await phone.context().close(); }
    // on the desktop, a browser set to US English in New York: dates still dd/mm/yyyy, times still London's
    const desk = await signIn(browser, baseUrl, 'behaviour-lead@demo.haven.test', password, 1280, { locale: 'en-US', timezoneId: 'America/New_York' });
    try {
      await ukDatesWhateverTheBrowser(desk, baseUrl);
      await weeklyAndDefinitions(desk, baseUrl, 'desktop');
      await desk.goto(`${baseUrl}/reports/subscriptions`);
      await visible(desk.getByRole('article', { name: /Every Monday at 07:00/ }));
      await checkPage(desk, 'subscriptions (desktop)', 'reports-subscriptions-desktop');
    } finally { await desk.context().close(); }
    await keyboardOnly(browser, baseUrl, password);
  },
};
