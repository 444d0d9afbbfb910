/**
 * Reports (issue 5): a behaviour lead exports the incident list to CSV (the file is checked against the API),
 * downloads a pupil summary PDF (its text read back with unpdf), looks at the weekly report and the definitions,
 * and subscribes to the weekly report by email. At 390 px, axe on every page, screenshots at both widths.
 */
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { assertNoHorizontalScroll, checkAccessibility, download, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';

async function signIn(browser: Browser, baseUrl: string, email: string, password: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce', acceptDownloads: true });
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

export const reportsJourney: Journey = {
  name: 'reports: a behaviour lead exports incidents, downloads a pupil summary and subscribes to the weekly report',
  async run({ baseUrl, browser, password }) {
    const phone = await signIn(browser, baseUrl, 'behaviour-lead@demo.haven.test', password, 390);
    try {
      await exportIncidents(phone, baseUrl);
      await pupilSummary(phone, baseUrl);
      await weeklyAndDefinitions(phone, baseUrl, '390');
      await subscribe(phone, baseUrl, '390');
    } finally { await phone.context().close(); }
    const desk = await signIn(browser, baseUrl, 'behaviour-lead@demo.haven.test', password, 1280);
    try {
      await weeklyAndDefinitions(desk, baseUrl, 'desktop');
      await desk.goto(`${baseUrl}/reports/subscriptions`);
      await visible(desk.getByRole('article', { name: /Every Monday at 07:00/ }));
      await checkPage(desk, 'subscriptions (desktop)', 'reports-subscriptions-desktop');
    } finally { await desk.context().close(); }
  },
};
