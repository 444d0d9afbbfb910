/**
 * On a phone (390 px), axe on every page. A member of staff: sign in → pupils → search → profile → sign out. Then the
 * school office: add a pupil (a server error on the first try loses nothing typed; a wrong UPN check letter is named
 * beside the field), edit the pupil, add a contact with parental responsibility.
 */
import type { Page } from 'playwright-core';
import { absent, assertNoHorizontalScroll, checkAccessibility, hasText, hasValue, screenshot, visible, type Journey } from './lib.ts';
import { makeUpn } from '../apps/server/src/modules/pupils/upn.rules.ts';

export const staffJourney: Journey = {
  name: 'staff: sign in, find a pupil, open the profile, sign out; office: add a pupil, edit it, add a contact (390 px)',
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

      await officeKeepsAPupil(page, password);
    } catch (e) {
      await page.screenshot({ path: `test-results/screenshots/FAILED-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  },
};

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
