/**
 * A member of staff on a phone (390 px): first the office adds a pupil's photo from the profile; then the member of staff
 * signs in → pupils (the photo beside the name, initials for the rest) → search → profile → sign out, axe on every page.
 */
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { absent, assertNoHorizontalScroll, checkAccessibility, hasText, hasValue, screenshot, visible, type Journey } from './lib.ts';

/** A drawn face, as a school photographer's JPEG would arrive. */
const FACE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><rect width="600" height="800" fill="#9cc3e6"/>
  <ellipse cx="300" cy="360" rx="170" ry="210" fill="#e8b894"/><path d="M130 300 Q300 80 470 300 Q430 170 300 160 Q170 170 130 300Z" fill="#5a3825"/>
  <circle cx="240" cy="350" r="18" fill="#333"/><circle cx="360" cy="350" r="18" fill="#333"/>
  <path d="M230 450 Q300 510 370 450" stroke="#8a3b2e" stroke-width="12" fill="none" stroke-linecap="round"/>
  <rect x="120" y="600" width="360" height="200" rx="60" fill="#2f4f8f"/></svg>`;

/** The office adds a photo to the first pupil of the list, from the pupil's profile. Returns the pupil's name. */
async function officeAddsPhoto(browser: Browser, baseUrl: string, password: string): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });
  const page = await context.newPage();
  try {
    await page.goto(baseUrl);
    await page.getByLabel('Email address').fill('office@demo.haven.test');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('button', { name: 'Open navigation' }));
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'Pupils' }).first().click();
    const list = page.getByRole('list', { name: 'Pupils' });
    const first = list.getByRole('listitem').first().getByRole('link').first();
    await visible(first);
    const name = (await first.innerText()).trim();
    await first.click();
    await visible(page.getByRole('heading', { level: 1, name }));
    // a text file renamed .jpg is refused with the reason, and nothing changes
    await page.locator('input[type=file]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') });
    await hasText(page.getByRole('alert'), /not a JPEG, PNG or WebP/);
    const jpeg = await sharp(Buffer.from(FACE_SVG)).jpeg().toBuffer();
    await page.locator('input[type=file]').setInputFiles({ name: 'school-photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await visible(page.getByText('Photo added.'));
    await visible(page.locator('img[src^="/api/v1/photos/"]'));
    await visible(page.getByRole('button', { name: 'Replace photo' }));
    await checkAccessibility(page, 'pupil profile with a photo (office)');
    await assertNoHorizontalScroll(page, 'pupil profile with a photo (office)');
    await screenshot(page, 'office-pupil-photo-390');
    return name;
  } finally {
    await context.close();
  }
}

export const staffJourney: Journey = {
  name: 'staff: sign in, find a pupil (with the photo the office added), open the profile, sign out (390 px)',
  async run({ baseUrl, browser, password }) {
    const withPhoto = await officeAddsPhoto(browser, baseUrl, password);
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
      // the office's photo beside that pupil's name (lazy-loaded thumbnail); initials for pupils without one
      const photoCard = list.getByRole('listitem').filter({ hasText: withPhoto }).first();
      await visible(photoCard.locator('img[src$="/thumbnail"][loading="lazy"]'));
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
