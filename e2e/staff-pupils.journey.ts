/** A member of staff on a phone (390 px): sign in → pupils → search → profile → sign out, axe on every page. */
import { absent, assertNoHorizontalScroll, checkAccessibility, hasText, hasValue, screenshot, visible, type Journey } from './lib.ts';

export const staffJourney: Journey = {
  name: 'staff: sign in, find a pupil, open the profile, sign out (390 px)',
  async run({ baseUrl, browser, password }) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });
    const page = await context.newPage();
    try {
      await page.goto(baseUrl);
      await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
      await checkAccessibility(page, 'sign-in');
      await page.getByLabel('Email address').fill('staff@demo.haven.test');
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await hasText(page.getByRole('alert'), /not right/i);
      await hasValue(page.getByLabel('Email address'), 'staff@demo.haven.test');
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await visible(page.getByRole('heading', { level: 1 }));
      await checkAccessibility(page, 'home');
      await assertNoHorizontalScroll(page, 'home');

      await page.getByRole('button', { name: 'Open navigation' }).click();
      await page.getByRole('link', { name: 'Pupils' }).first().click();
      await visible(page.getByRole('heading', { level: 1, name: 'Pupils' }));
      const list = page.getByRole('list', { name: 'Pupils' });
      await visible(list.getByRole('listitem').first());
      await checkAccessibility(page, 'pupil list');
      await assertNoHorizontalScroll(page, 'pupil list');
      await screenshot(page, 'staff-pupil-list-390');

      const firstName = (await list.getByRole('listitem').first().getByRole('link').first().innerText()).split('\n')[0]!.trim();
      const surname = firstName.split(' ').at(-1)!;
      await page.getByLabel('Search pupils').fill(surname);
      await visible(list.getByRole('link', { name: new RegExp(surname) }).first());
      await list.getByRole('link', { name: new RegExp(surname) }).first().click();

      await visible(page.getByRole('heading', { level: 1, name: new RegExp(surname) }));
      await visible(page.getByText(/\d{2}\/\d{2}\/\d{4}/).first());
      await absent(page.getByText(/Safeguarding \(sealed\)/));
      await checkAccessibility(page, 'pupil profile');
      await assertNoHorizontalScroll(page, 'pupil profile');
      await screenshot(page, 'staff-pupil-profile-390');

      await page.getByRole('button', { name: 'Open navigation' }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
      const me = await page.request.get(`${baseUrl}/api/v1/me`);
      if (me.status() !== 401) throw new Error(`after sign-out /api/v1/me answered ${me.status()}`);
    } catch (e) {
      await page.screenshot({ path: `test-results/screenshots/FAILED-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  },
};
