/**
 * A trust administrator: password + TOTP, create a user with a role, see it in the audit log; then on a phone (390 px)
 * add a form with a pupil in it and a supply member of staff, and correct a school's exclusion contacts. Axe on every page.
 */
import { assertNoHorizontalScroll, checkAccessibility, notText, screenshot, visible, type Journey } from './lib.ts';
import { totpNow } from '../apps/server/src/modules/auth/totp.ts';
import { DEMO_TOTP_SECRETS } from '../apps/server/src/db/seed/accounts.ts';

export const adminJourney: Journey = {
  name: 'trust admin: two-factor sign-in, create a user, find it in the audit log (1280 px); forms, supply staff and exclusion contacts (390 px)',
  async run({ baseUrl, browser, password }) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });
    const page = await context.newPage();
    try {
      await page.goto(baseUrl);
      await page.getByLabel('Email address').fill('trust-admin@demo.haven.test');
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Enter your two-factor code' }));
      await checkAccessibility(page, 'two-factor step');
      await page.getByLabel('6-digit code').fill(totpNow(DEMO_TOTP_SECRETS.trust_admin));
      await page.getByRole('button', { name: 'Continue' }).click();
      await notText(page.getByRole('heading', { level: 1 }), 'Enter your two-factor code');

      await page.getByRole('link', { name: 'Users' }).first().click();
      await visible(page.getByRole('heading', { level: 1, name: 'Users' }));
      await checkAccessibility(page, 'users');
      await page.getByRole('button', { name: 'Add user' }).click();
      const email = `journey.${Date.now()}@example.org`;
      const dialog = page.getByRole('dialog', { name: 'Add a user' });
      await dialog.getByLabel('Email address').fill(email);
      await dialog.getByLabel('Name', { exact: true }).fill('Journey Teacher');
      await dialog.getByLabel('Starting password').fill('a long starting password');
      await checkAccessibility(page, 'add user');
      await dialog.getByRole('button', { name: 'Create user' }).click();
      await visible(page.getByText('Journey Teacher can now sign in with the starting password.'));
      await page.getByLabel('Search by name or email').fill(email);
      await visible(page.getByText(email).first());
      await screenshot(page, 'admin-users-1280');

      await page.getByRole('link', { name: 'Audit log' }).first().click();
      await visible(page.getByRole('heading', { level: 1, name: 'Audit log' }));
      await visible(page.getByRole('main').getByText('user.create', { exact: true }).first());
      await checkAccessibility(page, 'audit log');
      await screenshot(page, 'admin-audit-1280');

      await page.getByRole('link', { name: 'Sites' }).first().click();
      await visible(page.getByRole('heading', { level: 1, name: 'Sites' }));
      await checkAccessibility(page, 'sites');

      // On a phone: a form with a pupil in it, a supply teacher without an account, the exclusion contacts.
      await page.setViewportSize({ width: 390, height: 844 });
      const stamp = String(Date.now()).slice(-6);
      await page.goto(`${baseUrl}/admin/groups`);
      await visible(page.getByRole('heading', { level: 1, name: 'Forms and classes' }));
      await page.getByRole('button', { name: 'Add group' }).click();
      const groupDialog = page.getByRole('dialog', { name: 'Add a group' });
      await groupDialog.getByLabel('Name', { exact: true }).fill(`7J${stamp}`);
      await groupDialog.getByLabel('Year group').selectOption({ label: 'Year 7' });
      await checkAccessibility(page, 'add a group (390 px)');
      await groupDialog.getByRole('button', { name: 'Add group' }).click();
      await visible(page.getByText(`7J${stamp} added.`));
      await page.getByRole('button', { name: `Members of 7J${stamp}` }).click();
      const members = page.getByRole('dialog', { name: `Members of 7J${stamp}` });
      await members.getByLabel('Find a pupil to add').fill('an');
      await members.getByRole('list', { name: 'Pupils to add' }).getByRole('button').first().click();
      await visible(members.getByText(`is now in 7J${stamp}`));
      await visible(members.getByText(`1 on roll in 7J${stamp}`));
      await checkAccessibility(page, 'group members (390 px)');
      await assertNoHorizontalScroll(page, 'group members');
      await screenshot(page, 'admin-group-members-390');
      await members.getByRole('button', { name: 'Close' }).click();
      await visible(page.getByText('1 pupil on roll').first());
      await assertNoHorizontalScroll(page, 'forms and classes');
      await screenshot(page, 'admin-groups-390');

      await page.goto(`${baseUrl}/admin/staff`);
      await visible(page.getByRole('heading', { level: 1, name: 'Staff records' }));
      await page.getByRole('button', { name: 'Add member of staff' }).click();
      const staffDialog = page.getByRole('dialog', { name: 'Add a member of staff' });
      await staffDialog.getByLabel('Forename').fill('Sally');
      await staffDialog.getByLabel('Surname').fill(`Supply${stamp}`);
      await staffDialog.getByLabel('Job title').fill('Supply teacher');
      await staffDialog.getByLabel('Work email (optional)').fill('not an email');
      await staffDialog.getByRole('button', { name: 'Add member of staff' }).click();
      await visible(staffDialog.getByText('Enter an email address'));
      await staffDialog.getByLabel('Work email (optional)').fill('');
      await checkAccessibility(page, 'add a member of staff (390 px)');
      await staffDialog.getByRole('button', { name: 'Add member of staff' }).click();
      await visible(page.getByText(`Sally Supply${stamp} added. They can now be named in incidents.`));
      await page.getByLabel('Search by name, job, email or code').fill(`Supply${stamp}`);
      await visible(page.getByRole('list', { name: /Staff at/ }).getByText('No account'));
      await checkAccessibility(page, 'staff records (390 px)');
      await assertNoHorizontalScroll(page, 'staff records');
      await screenshot(page, 'admin-staff-390');

      await page.goto(`${baseUrl}/admin/exclusion-contacts`);
      await visible(page.getByRole('heading', { level: 1, name: 'Exclusion contacts' }));
      await page.getByRole('button', { name: /^Edit contacts of/ }).first().click();
      const contacts = page.getByRole('dialog', { name: /^Exclusion contacts of/ });
      const la = contacts.getByRole('group', { name: 'Local authority' });
      await la.getByLabel('Phone').fill('12345');
      await contacts.getByRole('button', { name: 'Save contacts' }).click();
      await visible(la.getByText('Enter a UK phone number'));
      await la.getByLabel('Phone').fill('01632 960123');
      await checkAccessibility(page, 'edit exclusion contacts (390 px)');
      await assertNoHorizontalScroll(page, 'edit exclusion contacts');
      await screenshot(page, 'admin-exclusion-contacts-form-390');
      await contacts.getByRole('button', { name: 'Save contacts' }).click();
      await visible(page.getByRole('status').getByText(/^Contacts of .* saved\.$/));
      await visible(page.getByText('01632 960123').first());
      await checkAccessibility(page, 'exclusion contacts (390 px)');
      await assertNoHorizontalScroll(page, 'exclusion contacts');
      await screenshot(page, 'admin-exclusion-contacts-390');
    } catch (e) {
      await page.screenshot({ path: `test-results/screenshots/FAILED-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  },
};
