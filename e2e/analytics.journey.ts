/**
 * Behaviour analysis (ANA-1, ANA-3, ANA-6) on a phone and a desktop: a behaviour lead opens the dashboard, applies
 * filters, opens the records behind a cell of the weekday × period chart (with labels, and its data table) and follows one to its incident; on a desktop opens the physical
 * interventions and record quality tabs and the records behind a figure of each; a governor sees aggregates only (no
 * names, no drill-down, small counts as "fewer than 5", no trend alerts, no files of names) on every tab. The lead also
 * checks trend alerts now and changes their settings, and downloads a table with the filters applied. axe and no
 * sideways scrolling on every view.
 */
import type { Browser, Page } from 'playwright-core';
import { totpNow } from '../apps/server/src/modules/auth/totp.ts';
import { DEMO_TOTP_SECRETS } from '../apps/server/src/db/seed/accounts.ts';
import { absent, assertNoHorizontalScroll, checkAccessibility, download, hasText, JourneyFailure, notText, screenshot, SCREENSHOTS, visible, type Journey } from './lib.ts';

async function signIn(browser: Browser, baseUrl: string, email: string, password: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await absent(page.getByRole('heading', { level: 1, name: 'Sign in' }));
  await visible(page.getByRole('heading', { level: 1 }));
  return page;
}

/** The first Sunday on or after this academic year's 1 September, as dd/mm/yyyy: a day with no school and no records. */
function firstSundayOfTerm(): string {
  const now = new Date();
  const year = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const day = new Date(Date.UTC(year, 8, 1));
  while (day.getUTCDay() !== 0) day.setUTCDate(day.getUTCDate() + 1);
  return `${String(day.getUTCDate()).padStart(2, '0')}/09/${year}`;
}

async function openDashboard(page: Page): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/analytics`);
  try {
    await visible(page.getByRole('heading', { level: 1, name: 'Behaviour analysis' }), 30_000);
  } catch (e) {
    await screenshot(page, 'analytics-failed');
    throw e;
  }
  await visible(page.getByRole('heading', { name: /by weekday and period$/ }), 60_000);
}

async function openTab(page: Page, name: 'Physical interventions' | 'Record quality'): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await visible(page.locator(name === 'Physical interventions' ? '#pi-compliance' : '#quality-sites'), 60_000);
}

/** Opens the records behind the first count button of a section, checks the dialog, and closes it. */
async function drillFrom(page: Page, section: string, label: string): Promise<void> {
  await page.locator(`section[aria-labelledby="${section}"] button[aria-label*="show the records"]`).first().click();
  await visible(page.getByRole('dialog'));
  await hasText(page.getByTestId('quality-drill-total'), /^[\d,]+ records?$/);
  await visible(page.getByRole('dialog').getByRole('link', { name: 'Incident' }));
  await check(page, label);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await absent(page.getByRole('dialog'));
}

async function check(page: Page, label: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
}

/** Trend alerts (ANA-5): the lead checks now, reads the alerts, and changes the site's settings (a wrong value first). */
async function trendAlerts(page: Page, width: number): Promise<void> {
  const section = page.locator('#trend-alerts');
  await visible(section.getByRole('heading', { name: 'Trend alerts' }));
  await section.getByRole('button', { name: 'Check now' }).click();
  await hasText(section.getByRole('status'), /^Checked: (no new alerts|\d+ new alerts?)/);
  await visible(section.getByText(/Trend alerts, newest first|No trend alerts/).first(), 30_000);
  await check(page, `trend alerts at ${width} px`);
  // the section alone: the whole page is too tall to read in one picture
  await section.screenshot({ path: `${SCREENSHOTS}/analytics-trend-alerts-${width}.png` });
  await section.getByRole('button', { name: 'Alert settings' }).click();
  const dialog = page.getByRole('dialog');
  await visible(dialog.getByLabel('Rise needed (%)'));
  await dialog.getByLabel('Rise needed (%)').fill('0');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await visible(dialog.getByText('Choose from 1 to 1000 per cent'));
  await dialog.getByLabel('Rise needed (%)').fill('60');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await hasText(dialog.getByRole('status'), /^Saved\./);
  await checkAccessibility(page, `trend alert settings at ${width} px`);
  await page.screenshot({ path: `${SCREENSHOTS}/analytics-alert-settings-${width}.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await absent(dialog);
}

export const analyticsJourney: Journey = {
  name: 'analytics: a behaviour lead filters the dashboard and drills down from the heatmap to the records; a governor sees aggregates only',
  async run({ baseUrl, browser, password }) {
    const lead = await signIn(browser, baseUrl, 'behaviour-lead@demo.haven.test', password, 390);
    try {
      await openDashboard(lead);
      await check(lead, 'dashboard at 390 px');
      await screenshot(lead, 'analytics-dashboard-390');
      await trendAlerts(lead, 390);
      if (await lead.getByLabel('Sites', { exact: true }).count()) throw new JourneyFailure('a one-site lead is asked which sites');
      // filters: weekly buckets, Year 9 only
      await lead.getByLabel('Over time, per').first().selectOption({ label: 'Week (Monday to Sunday)' });
      await lead.getByRole('button', { name: 'Show', exact: true }).click();
      await lead.getByTestId('panel-over-time').getByRole('button', { name: 'Show table' }).click();
      await visible(lead.getByRole('columnheader', { name: 'Week beginning' }));
      await lead.getByLabel('Year group').first().selectOption({ label: 'Year 9' });
      await lead.getByRole('button', { name: 'Show', exact: true }).click();
      await visible(lead.getByText('counted from the records (filtered)'), 60_000);
      // a table as a file carries the filters shown (ANA-7): every measure, by category, Year 9, per week
      const csvLink = lead.getByRole('link', { name: 'Download CSV: behaviour by category' });
      const href = (await csvLink.getAttribute('href')) ?? '';
      if (!/yearGroup=9/.test(href) || !/granularity=week/.test(href) || !/table=categories/.test(href)) throw new JourneyFailure(`the download lost the filters: ${href}`);
      const { file, name } = await download(lead, () => csvLink.click());
      if (!/^haven-behaviour-categories-\d{4}-\d\d-\d\d\.csv$/.test(name)) throw new JourneyFailure(`unexpected file name ${name}`);
      const header = file.toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0] ?? '';
      if (!header.startsWith('Code,Category,Polarity,Positive points,Positive points per 100 pupils per school day')) throw new JourneyFailure(`unexpected CSV header: ${header}`);
      // a chosen category stays chosen, under its name, when the figures it is applied to no longer list it (one
      // Sunday: no records at all), rather than the select showing "All categories" while the category still applies
      const category = lead.getByLabel('Category', { exact: true }).first();
      const option = category.locator('option').nth(1);
      const [chosen, chosenName] = [(await option.getAttribute('value')) ?? '', ((await option.textContent()) ?? '').trim()];
      await category.selectOption(chosen);
      const sunday = firstSundayOfTerm();
      await lead.getByLabel('From', { exact: true }).first().fill(sunday);
      await lead.getByLabel('To', { exact: true }).first().fill(sunday);
      await lead.getByRole('button', { name: 'Show', exact: true }).click();
      await visible(lead.getByText(`${sunday} to ${sunday}`), 60_000);
      if (await category.inputValue() !== chosen) throw new JourneyFailure(`the category select no longer shows the applied category ${chosenName}`);
      const shownName = ((await category.locator('option:checked').textContent()) ?? '').trim();
      if (shownName !== chosenName) throw new JourneyFailure(`the applied category shows as "${shownName}", not "${chosenName}"`);
      // back to the dashboard as it opens: this academic year, every year group and category
      await openDashboard(lead);
      await hasText(lead.getByRole('main'), /school days/);
      // incidents charted: the over-time chart against the previous period, KPI tiles with their change in words
      await lead.getByLabel('Show the charts and breakdowns for').first().selectOption({ label: 'Incidents' });
      await visible(lead.getByTestId('chart-over-time').locator('svg'), 60_000);
      await visible(lead.getByTestId('chart-heatmap').locator('svg'));
      await hasText(lead.getByTestId('kpi-inc'), /(Up|Down) .*previous period|No change|from none|withheld/);
      // every chart has its table: the heatmap's, in timetable order on school days only
      await lead.getByTestId('panel-heatmap').getByRole('button', { name: 'Show table' }).click();
      const heatTable = lead.getByRole('table', { name: /by weekday and period/ });
      await visible(heatTable);
      if (await heatTable.getByRole('rowheader', { name: /^(Saturday|Sunday)$/ }).count()) throw new JourneyFailure('the heatmap lists a weekend day');
      await screenshot(lead, 'analytics-charts-390');
      // a click on a cell of the chart opens its records, with labels (weekday, period, category names), not codes
      await lead.getByTestId('chart-heatmap').locator('svg text').filter({ hasText: /^[1-9]\d*$/ }).first().click();
      await visible(lead.getByRole('dialog'));
      await hasText(lead.getByRole('dialog').getByRole('heading').first(), /^Records: \w+day, .+, incidents$/);
      await hasText(lead.getByTestId('drill-total'), /^\d+ records?$/);
      await check(lead, 'drill-down at 390 px');
      await screenshot(lead, 'analytics-drilldown-390');
      await lead.getByRole('dialog').getByRole('link', { name: 'Incident' }).first().click();
      await visible(lead.getByRole('heading', { level: 1 }));
      if (!/\/incidents\//.test(lead.url())) throw new JourneyFailure(`the record link went to ${lead.url()}`);
    } catch (e) {
      await lead.screenshot({ path: 'test-results/screenshots/analytics-failed-viewport.png' });
      throw e;
    } finally {
      await lead.context().close();
    }

    const wide = await signIn(browser, baseUrl, 'behaviour-lead@demo.haven.test', password, 1366);
    try {
      await openDashboard(wide);
      // the charts are pictures a worker draws: a mouse over a bar still says what it is
      const bar = wide.getByTestId('chart-over-time').locator('path[ecmeta_series_index="0"]').first();
      await visible(bar, 60_000);
      await bar.hover();
      await hasText(wide.getByTestId('chart-tip'), /This period: \d/);
      await check(wide, 'dashboard at 1366 px');
      await screenshot(wide, 'analytics-dashboard-1366');
      // a long breakdown shows its first ten rows, and the rest on request
      const pupils = wide.locator('.analytics-breakdown').filter({ has: wide.getByRole('heading', { name: 'Pupils with most negative behaviour' }) });
      const more = pupils.getByRole('button', { name: /^Show all \d+ rows$/ });
      const all = Number(/\d+/.exec(await more.textContent() ?? '')![0]);
      if (await pupils.locator('tbody tr').count() !== 10) throw new JourneyFailure('the pupils table does not start with its first ten rows');
      await more.click();
      if (await pupils.locator('tbody tr').count() !== all) throw new JourneyFailure(`the pupils table does not show all ${all} rows when asked`);
      const fewer = pupils.getByRole('button', { name: 'Show the first 10 rows' });
      if (!await fewer.evaluate((b) => b === document.activeElement)) throw new JourneyFailure('the focus left the button that showed the rows');
      await fewer.click();
      if (await pupils.locator('tbody tr').count() !== 10) throw new JourneyFailure('the pupils table does not go back to its first ten rows');
      await trendAlerts(wide, 1366);
      await openTab(wide, 'Physical interventions');
      await visible(wide.getByRole('heading', { name: 'Pupils with most physical interventions' }));
      await visible(wide.getByRole('link', { name: 'Download CSV: physical interventions by site' }));
      await check(wide, 'physical interventions at 1366 px');
      await screenshot(wide, 'analytics-interventions-1366');
      await drillFrom(wide, 'pi-compliance', 'physical intervention records at 1366 px');
      await openTab(wide, 'Record quality');
      await visible(wide.getByRole('heading', { name: 'By member of staff' }));
      await check(wide, 'record quality at 1366 px');
      await screenshot(wide, 'analytics-quality-1366');
      await drillFrom(wide, 'quality-staff', 'record quality records at 1366 px');
    } finally {
      await wide.context().close();
    }

    const governor = await signIn(browser, baseUrl, 'governor@demo.haven.test', password, 390);
    try {
      // when the charts' worker cannot be fetched, ECharts draws them on the page
      await governor.route('**/assets/chart.worker-*.js', (route) => route.abort());
      await openDashboard(governor);
      await visible(governor.getByText(/Aggregate figures only/));
      await visible(governor.getByTestId('chart-heatmap').locator('svg'), 60_000);
      if (await governor.getByTestId('chart-heatmap').locator('[ecmeta_series_index]').count()) throw new JourneyFailure('the heatmap came from the worker it could not fetch');
      await governor.unroute('**/assets/chart.worker-*.js');
      if (await governor.locator('button[aria-label*="show the records"]').count()) throw new JourneyFailure('a governor can open records from the dashboard');
      if (await governor.getByRole('heading', { name: 'Pupils with most negative behaviour' }).count()) throw new JourneyFailure('a governor sees the pupils table');
      if (await governor.getByRole('heading', { name: 'Trend alerts' }).count()) throw new JourneyFailure('a governor sees the trend alerts');
      if (await governor.getByRole('link', { name: /^Download (CSV|XLSX): (pupils with most|behaviour by who recorded)/ }).count()) throw new JourneyFailure('a governor is offered a file of names');
      const book = await download(governor, () => governor.getByRole('link', { name: 'Download XLSX: behaviour by location' }).click());
      if (!book.name.endsWith('.xlsx') || book.file.subarray(0, 2).toString('latin1') !== 'PK') throw new JourneyFailure(`the XLSX download is not a workbook: ${book.name}`);
      await check(governor, 'governor dashboard');
      await screenshot(governor, 'analytics-governor-390');
      await openTab(governor, 'Physical interventions');
      await visible(governor.getByText(/Aggregate figures only/));
      if (await governor.getByRole('heading', { name: 'Pupils with most physical interventions' }).count()) throw new JourneyFailure('a governor sees pupils\' names');
      if (await governor.locator('button[aria-label*="show the records"]').count()) throw new JourneyFailure('a governor can open intervention records');
      await check(governor, 'governor physical interventions');
      await openTab(governor, 'Record quality');
      if (await governor.getByRole('heading', { name: 'By member of staff' }).count()) throw new JourneyFailure('a governor sees the per-staff table');
      if (await governor.locator('button[aria-label*="show the records"]').count()) throw new JourneyFailure('a governor can open record-quality records');
      await check(governor, 'governor record quality');
      await screenshot(governor, 'analytics-governor-quality-390');
    } finally {
      await governor.context().close();
    }

    // a lead of two sites chooses which to count (the sites box is its own chunk, loaded for them alone)
    const cluster = await browser.newPage({ viewport: { width: 390, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });
    try {
      await cluster.goto(baseUrl);
      await cluster.getByLabel('Email address').fill('cluster-lead@demo.haven.test');
      await cluster.getByLabel('Password', { exact: true }).fill(password);
      await cluster.getByRole('button', { name: 'Sign in' }).click();
      await cluster.getByLabel('6-digit code').fill(totpNow(DEMO_TOTP_SECRETS.cluster_lead));
      await cluster.getByRole('button', { name: 'Continue' }).click();
      await absent(cluster.getByRole('heading', { level: 1, name: 'Enter your two-factor code' }));
      await openDashboard(cluster);
      await hasText(cluster.getByRole('main'), /Aurora Park School, Brightwater School ·/);
      const sites = cluster.getByRole('combobox', { name: 'Sites', exact: true });
      await visible(sites);
      await sites.click();
      await cluster.getByRole('option', { name: 'Brightwater School' }).click();
      await cluster.keyboard.press('Escape');
      await cluster.getByRole('button', { name: 'Show', exact: true }).click();
      await notText(cluster.getByRole('main'), 'Aurora Park School, Brightwater School');
      await hasText(cluster.getByRole('main'), /Brightwater School · \d\d\/\d\d\/\d{4} to/);
      await check(cluster, 'dashboard of two sites');
    } finally {
      await cluster.context().close();
    }
  },
};
