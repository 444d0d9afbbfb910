/**
 * On a phone (390 px), axe on every page. First the office adds a pupil's photo from the profile; then a member of
 * staff: sign in → pupils (the photo beside the name, initials for the rest) → search → profile → sign out. Then the
 * school office: add a pupil (a server error on the first try loses nothing typed; a wrong UPN check letter is named
 * beside the field), edit the pupil, add a contact with parental responsibility. "My day" on the home page is checked
 * for the member of staff on signing in and for a behaviour lead at the end (at 390 px and 1366 px).
 */
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { absent, assertNoHorizontalScroll, checkAccessibility, hasText, hasValue, screenshot, visible, type Journey } from './lib.ts';
import { makeUpn } from '../apps/server/src/modules/pupils/upn.rules.ts';

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
  name: 'staff: sign in, find a pupil (with the photo the office added), open the profile, sign out; office: add a pupil, edit it, add a contact (390 px)',
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
      await teacherDay(page);

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

      await officeKeepsAPupil(page, password);
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await leadDay(page, password);
    } catch (e) {
      await page.screenshot({ path: `test-results/screenshots/FAILED-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  },
};

/**
 * A teacher's "my day" on the home page: the one-tap actions, their drafts and records returned to them, their
 * detentions and classes; nothing of a lead's, and no API-token text. At 390 px and 1366 px.
 */
async function teacherDay(page: Page): Promise<void> {
  const quick = page.getByRole('navigation', { name: 'Quick actions' });
  await visible(quick.getByRole('link', { name: 'Quick log' }));
  await visible(quick.getByRole('link', { name: 'Record an incident' }));
  for (const title of ['Your drafts', 'Returned to you for changes', 'Detentions you supervise today', 'Your classes and forms']) {
    await visible(page.getByRole('heading', { level: 2, name: title }));
  }
  for (const title of ['Waiting for review', 'Statutory deadlines', 'Your children', 'Your reports']) await absent(page.getByRole('heading', { level: 2, name: title }));
  await absent(page.getByText('Connecting another system?'));
  await checkAccessibility(page, 'home (teacher)');
  await assertNoHorizontalScroll(page, 'home (teacher)');
  await screenshot(page, 'teacher-my-day-390');
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, 'teacher-my-day-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  // the quick log is one tap from home
  await quick.getByRole('link', { name: 'Quick log' }).click();
  await visible(page.getByRole('heading', { level: 1, name: /Quick log/ }));
  await page.goBack();
  await visible(page.getByRole('heading', { level: 2, name: 'Your drafts' }));
}

/** A behaviour lead's "my day": the review queue (counts, the first few, a link to the queue), physical interventions with no parent told, tasks, today's sanctions. */
async function leadDay(page: Page, password: string): Promise<void> {
  await page.getByLabel('Email address').fill('behaviour-lead@demo.haven.test');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('heading', { level: 1 }));
  const waiting = page.getByRole('region', { name: 'Waiting for review' });
  await visible(waiting);
  for (const title of ['Overdue for review', 'Physical interventions: parent not told yet', 'Your open tasks', "Today's detentions", "Today's isolation", 'Statutory deadlines']) {
    await visible(page.getByRole('heading', { level: 2, name: title }));
  }
  await absent(page.getByRole('heading', { level: 2, name: 'Safeguarding concerns to triage' }));
  await checkAccessibility(page, 'home (behaviour lead)');
  await assertNoHorizontalScroll(page, 'home (behaviour lead)');
  await screenshot(page, 'lead-my-day-390');
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, 'lead-my-day-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  // the card's link opens the queue itself
  const toQueue = waiting.getByRole('link', { name: /Open the review queue/ });
  if (await toQueue.count()) {
    await toQueue.click();
    await visible(page.getByRole('heading', { level: 1, name: 'Review queue' }));
  }
}

/** The school office adds a pupil, edits it and adds a contact, at 390 px. */
async function officeKeepsAPupil(page: Page, password: string): Promise<void> {
  await page.getByLabel('Email address').fill('office@demo.haven.test');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('heading', { level: 1 }));
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('link', { name: 'Pupils' }).first().click();
  await visible(page.getByRole('heading', { level: 1, name: 'Pupils' }));
  await page.getByRole('link', { name: 'Add pupil' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Add a pupil' }));

  const upn = makeUpn(997, 4321, 26, 1);
  const wrong = `${upn[0] === 'A' ? 'B' : 'A'}${upn.slice(1)}`;
  const form = page.getByRole('form', { name: 'Add pupil' });
  await form.getByLabel('UPN').fill(wrong);
  await form.getByLabel('Legal forename').fill('Journey');
  await form.getByLabel('Legal surname').fill('Newpupil');
  await form.getByLabel('Date of birth').fill('09/03/2014');
  await form.getByLabel('Sex').selectOption('F');
  await form.getByLabel('Year group').selectOption('7');
  await form.getByLabel('Form (optional)').fill('7J');
  await form.getByLabel('Admission date').fill('03/09/2025');
  await checkAccessibility(page, 'add pupil');
  await assertNoHorizontalScroll(page, 'add pupil');

  // the server fails once: everything typed stays
  let failOnce = true;
  await page.route('**/api/v1/pupils', async (route) => {
    if (route.request().method() === 'POST' && failOnce) { failOnce = false; await route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"boom"}}' }); return; }
    await route.fallback();
  });
  await form.getByRole('button', { name: 'Add pupil' }).click();
  await hasText(page.getByRole('alert').first(), /not saved/i);
  await hasValue(form.getByLabel('Legal surname'), 'Newpupil');
  await hasValue(form.getByLabel('Date of birth'), '09/03/2014');
  // the wrong check letter is named beside the UPN
  await form.getByRole('button', { name: 'Add pupil' }).click();
  await hasText(page.getByText(/check letter does not match/).first(), /for these digits it would be/);
  await screenshot(page, 'office-add-pupil-error-390');
  await form.getByLabel('UPN').fill(upn);
  await form.getByRole('button', { name: 'Add pupil' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Journey Newpupil' }));
  await visible(page.getByText(upn));
  await checkAccessibility(page, 'new pupil profile');
  await assertNoHorizontalScroll(page, 'new pupil profile');

  await page.getByRole('button', { name: 'Edit details' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Journey Newpupil' });
  await hasValue(edit.getByLabel('Date of birth'), '09/03/2014');
  await edit.getByLabel('Preferred forename').fill('Jo');
  await edit.getByLabel('Pupil premium').check();
  await checkAccessibility(page, 'edit pupil');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Jo Newpupil' }));

  await page.getByRole('button', { name: 'Add contact' }).click();
  const contact = page.getByRole('dialog', { name: 'Add a contact' });
  await contact.getByLabel('Forename').fill('Sara');
  await contact.getByLabel('Surname').fill('Newpupil');
  await contact.getByLabel('Relationship to the pupil').fill('Mother');
  await contact.getByLabel('Email').fill('sara.newpupil@example.org');
  await contact.getByLabel('Prefers').selectOption('email');
  await contact.getByLabel('Language').fill('Welsh');
  await checkAccessibility(page, 'add contact');
  await screenshot(page, 'office-add-contact-390');
  await contact.getByRole('button', { name: 'Add contact' }).click();
  await absent(page.getByRole('dialog', { name: 'Add a contact' }));
  const card = page.getByRole('region', { name: 'Contacts' });
  await visible(card.getByText('Sara Newpupil'));
  await visible(card.getByText('Parental responsibility', { exact: true }));
  await visible(card.getByText(/Prefers: Email · Language: Welsh/));
  await assertNoHorizontalScroll(page, 'pupil with contact');
  await screenshot(page, 'office-pupil-profile-390');
}
