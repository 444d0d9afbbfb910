/**
 * A trust administrator: password + TOTP, create a user with a starting password, invite a member of staff by email,
 * see both in the audit log; then the new member of staff opens the link from the captured email on a phone (390 px),
 * sets a password, is signed in, and signs in again with it; the used link gets a clear page. Then, still at 390 px, the administrator adds a form with a pupil in it and a supply
 * member of staff, and corrects a school's exclusion contacts. Axe on every page.
 */
import type { Browser } from 'playwright-core';
import { assertNoHorizontalScroll, checkAccessibility, hasText, JourneyFailure, notText, screenshot, visible, type Journey } from './lib.ts';
import type { Mailbox } from './mailbox.ts';
import { axeOnEveryRoute } from './everyRoute.ts';
import { totpNow } from '../apps/server/src/modules/auth/totp.ts';
import { DEMO_TOTP_SECRETS } from '../apps/server/src/db/seed/accounts.ts';

/** The invited member of staff, on a phone: the link from the email, a password, signed in; then again with it. */
async function setPasswordFromEmail(browser: Browser, mailbox: Mailbox, email: string): Promise<void> {
  const link = await mailbox.latestInvitationLink(email);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });
  const phone = await context.newPage();
  try {
    await phone.goto(link);
    await visible(phone.getByRole('heading', { level: 1, name: 'Set your password' }));
    if (phone.url().includes('token=')) throw new JourneyFailure('the token stayed in the address bar');
    await checkAccessibility(phone, 'set your password');
    await assertNoHorizontalScroll(phone, 'set your password');
    await phone.getByLabel('New password', { exact: true }).fill('short');
    await phone.getByLabel('Type it again').fill('short');
    await phone.getByRole('button', { name: 'Set password and sign in' }).click();
    await visible(phone.getByText('Use at least 12 characters'));
    await phone.getByLabel('New password', { exact: true }).fill('my own long password 2026');
    await phone.getByLabel('Type it again').fill('my own long password 2026');
    await screenshot(phone, 'set-password-390');
    await phone.getByRole('button', { name: 'Set password and sign in' }).click();
    await notText(phone.getByRole('heading', { level: 1 }), 'Set your password');
    await visible(phone.getByRole('button', { name: 'Open navigation' }));
    await assertNoHorizontalScroll(phone, 'home after setting a password');
    await screenshot(phone, 'set-password-signed-in-390');

    // the link is used up: a clear page, not a form
    await phone.goto(link);
    await visible(phone.getByRole('heading', { level: 1, name: 'This link cannot be used' }));
    await hasText(phone.getByRole('alert'), /already been used/);
    await checkAccessibility(phone, 'used invitation link');
    await assertNoHorizontalScroll(phone, 'used invitation link');
    await screenshot(phone, 'set-password-used-390');

    // and the new password signs them in
    await phone.getByRole('link', { name: 'Go to the sign-in page' }).click();
    await phone.getByRole('button', { name: 'Open navigation' }).click();
    await phone.getByRole('button', { name: 'Sign out', exact: true }).click();
    await visible(phone.getByRole('heading', { level: 1, name: 'Sign in' }));
    await phone.getByLabel('Email address').fill(email);
    await phone.getByLabel('Password', { exact: true }).fill('my own long password 2026');
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await visible(phone.getByRole('button', { name: 'Open navigation' }));
    await screenshot(phone, 'invited-signed-in-again-390');
  } finally {
    await context.close();
  }
}

export const adminJourney: Journey = {
  name: 'trust admin: two-factor sign-in, create a user, invite a member of staff who sets a password at 390 px, audit log; forms, supply staff and exclusion contacts (390 px); axe on every route',
  mail: true,
  async run({ baseUrl, browser, password, mailbox }) {
    if (!mailbox) throw new JourneyFailure('the admin journey needs the test mailbox');
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
      await dialog.getByRole('radio', { name: 'Give them a starting password' }).check();
      await dialog.getByLabel('Starting password', { exact: true }).fill('a long starting password');
      await checkAccessibility(page, 'add user');
      await dialog.getByRole('button', { name: 'Create user' }).click();
      await visible(page.getByText('Journey Teacher can now sign in with the starting password.'));
      await page.getByLabel('Search by name or email').fill(email);
      await visible(page.getByText(email).first());
      await screenshot(page, 'admin-users-1280');

      // invite a member of staff: no password from the admin, a link by email instead
      await page.getByRole('button', { name: 'Add user' }).click();
      const invited = `invited.${Date.now()}@example.org`;
      await dialog.getByLabel('Email address').fill(invited);
      await dialog.getByLabel('Name', { exact: true }).fill('Invited Teacher');
      await visible(dialog.getByRole('radio', { name: 'Email them an invitation to set their own password' }));
      await checkAccessibility(page, 'add user by invitation');
      await screenshot(page, 'admin-add-user-invite-1280');
      await dialog.getByRole('button', { name: 'Create user and send invitation' }).click();
      await visible(page.getByText(`Invitation sent to ${invited}.`, { exact: false }));
      await page.getByLabel('Search by name or email').fill(invited);
      await page.getByRole('button', { name: 'Manage Invited Teacher' }).first().click();
      const editor = page.getByRole('dialog', { name: 'Invited Teacher' });
      await visible(editor.getByText('Invitation sent', { exact: true }));
      await checkAccessibility(page, 'user with a pending invitation');
      await screenshot(page, 'admin-user-invited-1280');
      await page.keyboard.press('Escape');
      await setPasswordFromEmail(browser, mailbox!, invited);

      await page.getByRole('link', { name: 'Audit log' }).first().click();
      await visible(page.getByRole('heading', { level: 1, name: 'Audit log' }));
      await visible(page.getByRole('main').getByText('user.create', { exact: true }).first());
      await visible(page.getByRole('main').getByText('invitation.send', { exact: true }).first());
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

      // axe on every route of the app, each opened by a role that may see it
      await page.setViewportSize({ width: 1366, height: 900 });
      const routes = await axeOnEveryRoute(browser, baseUrl, password, page);
      console.log(`    axe: ${routes} routes, no violations`);
    } catch (e) {
      await page.screenshot({ path: `test-results/screenshots/FAILED-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  },
};
