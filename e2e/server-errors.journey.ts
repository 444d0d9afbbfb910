/**
 * What was typed survives a server error (issue 11, item 13), on a phone (390 px): a member of staff writes a
 * safeguarding concern and the server answers 500 (Playwright route interception), then cannot be reached at all,
 * then the page is reloaded. Every field keeps what was typed, the message says in plain words that the concern has
 * not reached the DSL (never "offline": the device is online), and once the server takes it the author keeps
 * nothing. axe on the error states.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { absent, assertNoHorizontalScroll, checkAccessibility, hasText, hasValue, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';

async function signIn(browser: Browser, baseUrl: string, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('button', { name: 'Open navigation' }));
  return page;
}

const CONCERN = 'Aisha said her uncle shouts at her and locks her in her room at night.';
const WORDS = 'He says I am bad and shuts the door.';
const ACTION = 'Listened, wrote it down, came straight to the DSL office.';

async function expectEverythingKept(page: Page, label: string): Promise<void> {
  await hasValue(page.getByLabel('What you saw, heard or were told'), CONCERN);
  await hasValue(page.getByLabel('What the child said, in their own words'), WORDS);
  await hasValue(page.getByLabel('What you did'), ACTION);
  await hasValue(page.getByLabel('Category'), 'emotional');
  await visible(page.getByRole('list', { name: 'Chosen pupils' }).getByRole('listitem').first());
  const text = await page.getByRole('main').innerText();
  if (/offline/i.test(text)) throw new JourneyFailure(`${label}: the page says "offline" though the device is online`);
}

export const serverErrorsJourney: Journey = {
  name: 'what was typed survives a server error: a safeguarding concern meets a 500 and a lost connection (390 px)',
  async run({ baseUrl, browser, password }) {
    const staff = await signIn(browser, baseUrl, 'staff@demo.haven.test', password);
    try {
      await staff.getByRole('button', { name: 'Open navigation' }).click();
      await staff.getByRole('link', { name: 'Pupils', exact: true }).first().click();
      await visible(staff.getByRole('list', { name: 'Pupils' }).getByRole('listitem').first());
      await staff.getByRole('list', { name: 'Pupils' }).getByRole('link').first().click();
      await staff.getByRole('main').getByRole('link', { name: 'Raise a safeguarding concern' }).click();
      await visible(staff.getByRole('list', { name: 'Chosen pupils' }).getByRole('listitem').first());
      await staff.getByLabel('Category').selectOption('emotional');
      await staff.getByLabel('What you saw, heard or were told').fill(CONCERN);
      await staff.getByLabel('What the child said, in their own words').fill(WORDS);
      await staff.getByLabel('What you did').fill(ACTION);

      // 1. the server fails (500)
      const fail500 = (route: Route) => (route.request().method() === 'POST'
        ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side. The error has been logged.', requestId: 'e2e-500' } }) })
        : route.continue());
      await staff.route('**/api/v1/safeguarding-concerns', fail500);
      await staff.getByRole('button', { name: 'Submit to the DSL' }).click();
      const alert = staff.getByRole('alert').filter({ hasText: 'The concern has not reached the DSL yet' });
      await visible(alert);
      await hasText(alert, /server had a problem and this was not saved/);
      await hasText(alert, /kept on this page and in this browser tab/);
      await hasText(alert, /tell the DSL in person/);
      await expectEverythingKept(staff, 'after a 500');
      await checkAccessibility(staff, 'concern after a server error');
      await assertNoHorizontalScroll(staff, 'concern after a server error');
      await screenshot(staff, 'concern-server-error-390');
      await staff.unroute('**/api/v1/safeguarding-concerns', fail500);

      // 2. the server cannot be reached at all (the device is still online)
      const refuse = (route: Route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue());
      await staff.route('**/api/v1/safeguarding-concerns', refuse);
      await alert.getByRole('button', { name: 'Try again' }).click();
      await hasText(alert, /could not be reached \(this device is online/);
      await expectEverythingKept(staff, 'after a lost connection');
      await screenshot(staff, 'concern-unreachable-390');
      await staff.unroute('**/api/v1/safeguarding-concerns', refuse);

      // 3. a reload (or a crash of the tab's page) loses nothing before the DSL has it
      await staff.reload();
      await visible(staff.getByRole('heading', { level: 1, name: 'Raise a safeguarding concern' }));
      await visible(staff.getByText('Your unsent concern is back'));
      await expectEverythingKept(staff, 'after a reload');

      // 4. the server takes it: the receipt, and nothing left behind on the page or in the tab
      await staff.getByRole('button', { name: 'Submit to the DSL' }).click();
      await hasText(staff.getByRole('status'), /Submitted to the DSL at \d\d\/\d\d\/\d{4} \d\d:\d\d/);
      await absent(staff.getByText(CONCERN));
      await staff.getByRole('button', { name: 'Raise another concern' }).click();
      await hasValue(staff.getByLabel('What you saw, heard or were told'), '');
      await staff.reload();
      await visible(staff.getByRole('heading', { level: 1, name: 'Raise a safeguarding concern' }));
      await hasValue(staff.getByLabel('What you saw, heard or were told'), '');
      await absent(staff.getByText('Your unsent concern is back'));
      const kept = await staff.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('haven.concern-draft.')).length);
      if (kept) throw new JourneyFailure('the sent concern is still kept in the browser tab');
    } finally {
      await staff.context().close();
    }
  },
};
