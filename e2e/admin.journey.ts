/** A trust administrator: password + TOTP, create a user with a role, see it in the audit log; axe on every page. */
import { checkAccessibility, notText, screenshot, visible, type Journey } from './lib.ts';
import { totpNow } from '../apps/server/src/modules/auth/totp.ts';
import { DEMO_TOTP_SECRETS } from '../apps/server/src/db/seed/accounts.ts';

export const adminJourney: Journey = {
  name: 'trust admin: two-factor sign-in, create a user, find it in the audit log (1280 px)',
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
    } catch (e) {
      await page.screenshot({ path: `test-results/screenshots/FAILED-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  },
};
