/**
 * Sealed safeguarding and on-call on a phone (390 px): a member of staff raises a concern from a pupil's page and
 * sees only "Submitted to the DSL"; the DSL opens it (SEALED) and triages it; the head gets "not found". The member
 * of staff calls for help: a behaviour lead in a second browser, on another page (desktop), gets the banner and the
 * alarm, mutes it, says "I'm coming" from the banner, and the caller sees who is coming, live; then the lead resolves
 * it. The service worker registers and the web app manifest is served. axe on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { absent, assertNoHorizontalScroll, checkAccessibility, hasText, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
import { totpNow } from '../apps/server/src/modules/auth/totp.ts';
import { DEMO_TOTP_SECRETS } from '../apps/server/src/db/seed/accounts.ts';

async function signIn(browser: Browser, baseUrl: string, email: string, password: string, totp?: string, width = 390): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 844 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce',
    permissions: ['notifications'] });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (totp) {
    await visible(page.getByRole('heading', { level: 1, name: 'Enter your two-factor code' }));
    await page.getByLabel('6-digit code').fill(totpNow(totp));
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await visible(page.getByRole('link', { name: 'Haven home' }));
  return page;
}

async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('link', { name, exact: true }).first().click();
}

async function check(page: Page, label: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
}

export const safeguardingOnCallJourney: Journey = {
  name: 'staff raises a sealed concern and calls for help; DSL triages; a lead answers the call live (390 px)',
  async run({ baseUrl, browser, password }) {
    const marker = `Journey concern ${Date.now()}`;
    const staff = await signIn(browser, baseUrl, 'staff@demo.haven.test', password);
    try {
      // from a pupil's page
      await nav(staff, 'Pupils');
      await visible(staff.getByRole('list', { name: 'Pupils' }).getByRole('listitem').first());
      await staff.getByRole('list', { name: 'Pupils' }).getByRole('link').first().click();
      await staff.getByRole('main').getByRole('link', { name: 'Raise a safeguarding concern' }).click();
      await visible(staff.getByRole('heading', { level: 1, name: 'Raise a safeguarding concern' }));
      await visible(staff.getByRole('list', { name: 'Chosen pupils' }).getByRole('listitem').first());
      const pupil = (await staff.getByRole('list', { name: 'Chosen pupils' }).getByRole('listitem').first().locator('strong').innerText()).trim();
      await check(staff, 'raise a concern');
      await staff.getByRole('button', { name: 'Submit to the DSL' }).click();
      await visible(staff.getByText('Choose the category closest to the concern'));
      await staff.getByLabel('Category').selectOption('neglect');
      await staff.getByLabel('What you saw, heard or were told').fill(marker);
      await staff.getByLabel('What the child said, in their own words').fill('There was nothing for tea.');
      await screenshot(staff, 'safeguarding-raise-390');
      await staff.getByRole('button', { name: 'Submit to the DSL' }).click();
      await hasText(staff.getByRole('status'), /Submitted to the DSL at \d\d\/\d\d\/\d{4} \d\d:\d\d/);
      if (await staff.getByText(marker).count()) throw new JourneyFailure('the author still sees the concern after sending it');
      await check(staff, 'concern submitted');
      await screenshot(staff, 'safeguarding-submitted-390');

      // the DSL: inbox, the sealed concern, triage
      const dsl = await signIn(browser, baseUrl, 'dsl@demo.haven.test', password, DEMO_TOTP_SECRETS.dsl);
      try {
        await nav(dsl, 'Safeguarding concerns');
        await visible(dsl.getByRole('heading', { level: 1, name: 'Safeguarding concerns' }));
        await visible(dsl.getByText('SEALED – safeguarding record'));
        await check(dsl, 'DSL inbox');
        await dsl.getByRole('list', { name: 'Concerns' }).getByRole('link', { name: new RegExp(`Open concern about ${pupil}`) }).first().click();
        await visible(dsl.getByText(marker));
        await visible(dsl.getByText('SEALED – safeguarding record'));
        await check(dsl, 'sealed concern');
        await dsl.getByLabel('Outcome').selectOption('monitor');
        await dsl.getByLabel('Notes').fill('Spoke to mum; breakfast club offered.');
        await dsl.getByRole('button', { name: 'Save triage' }).click();
        await visible(dsl.getByText('Triage saved.'));
        await screenshot(dsl, 'safeguarding-concern-dsl-390');
        const concernUrl = dsl.url();

        const head = await signIn(browser, baseUrl, 'head@demo.haven.test', password, DEMO_TOTP_SECRETS.head);
        try {
          await head.goto(concernUrl);
          await visible(head.getByRole('heading', { level: 1, name: 'Concern not found' }));
          if (await head.getByText(marker).count()) throw new JourneyFailure('the head can read a sealed concern');
        } finally { await head.context().close(); }
      } finally { await dsl.context().close(); }

      // on call: a behaviour lead is on another page, in another browser, on a desktop
      const lead = await signIn(browser, baseUrl, 'behaviour-lead@demo.haven.test', password, undefined, 1366);
      try {
        await lead.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pupils', exact: true }).first().click();
        await visible(lead.getByRole('heading', { level: 1, name: 'Pupils' }));
        await visible(lead.getByRole('table').first(), 30_000);
        // the installable app: its service worker is active for the whole app, its manifest and icons are served
        const worker = await lead.evaluate(async () => {
          const reg = await navigator.serviceWorker.ready;
          return { script: reg.active?.scriptURL ?? '', scope: reg.scope };
        });
        if (!worker.script.endsWith('/sw.js') || worker.scope !== `${baseUrl}/`) throw new JourneyFailure(`service worker not registered for the app: ${JSON.stringify(worker)}`);
        const manifest = await lead.evaluate(async () => {
          const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? '';
          const res = await fetch(href);
          const body = await res.json() as { name: string; display: string; start_url: string; icons: { src: string; type: string }[] };
          const icons = await Promise.all(body.icons.map(async (i) => (await fetch(i.src)).headers.get('content-type')));
          return { type: res.headers.get('content-type'), name: body.name, display: body.display, start: body.start_url, icons };
        });
        if (manifest.name !== 'Haven' || manifest.display !== 'standalone' || manifest.start !== '/' || !manifest.type?.startsWith('application/manifest+json')
          || manifest.icons.length < 2 || manifest.icons.some((t) => t !== 'image/png')) throw new JourneyFailure(`manifest not right: ${JSON.stringify(manifest)}`);
        // the lead's tab is in the background: a call must also come as a system notification
        // (a string: a function here would be rewritten by the TypeScript loader to call a helper the page lacks)
        await lead.evaluate("Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' })");

        // the member of staff calls for help
        await staff.getByRole('button', { name: 'Call for help' }).click();
        await visible(staff.getByRole('dialog'));
        await staff.getByRole('dialog').getByText('Emergency', { exact: true }).click();
        await staff.getByRole('dialog').getByLabel(/^Where/).last().fill('Room 4, by the back door');
        await checkAccessibility(staff, 'call for help');
        await screenshot(staff, 'oncall-call-form-390');
        await staff.getByRole('button', { name: 'Call for help now' }).click();
        await hasText(staff.getByRole('dialog').getByRole('status'), /Waiting for a responder/);
        await screenshot(staff, 'oncall-waiting-390');

        // the lead's page shows the banner and sounds the alarm, without going to the on-call page
        const banner = lead.getByRole('alert').filter({ hasText: 'Room 4, by the back door' });
        await visible(banner);
        await hasText(banner, /Emergency: help needed/);
        await visible(lead.locator('[data-alarm="ringing"]'));
        let shown: string[] = [];
        for (let i = 0; i < 50 && !shown.length; i++) {
          shown = await lead.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title} | ${n.body}`));
          if (!shown.length) await lead.waitForTimeout(200);
        }
        if (!shown.some((n) => n.startsWith('Emergency: help needed') && n.includes('Room 4, by the back door'))) {
          throw new JourneyFailure(`no system notification for the call in the background: ${JSON.stringify(shown)}`);
        }
        await lead.evaluate(() => { delete (document as unknown as Record<string, unknown>).visibilityState; });
        await lead.getByRole('button', { name: 'Mute the alarm sound' }).click();
        await visible(lead.locator('[data-alarm="muted"]'));
        await check(lead, 'call banner (desktop)');
        await screenshot(lead, 'oncall-banner-1366');
        await lead.setViewportSize({ width: 390, height: 844 });
        await check(lead, 'call banner (phone)');
        await screenshot(lead, 'oncall-banner-390');
        await banner.getByRole('button', { name: /^I'm coming/ }).click();
        await absent(lead.getByRole('alert').filter({ hasText: 'Room 4, by the back door' }));

        // the caller sees who is coming, live (server-sent events), in the dialog and on every page
        await hasText(staff.getByRole('dialog').getByRole('status'), /is on the way \(answered in/);
        await hasText(staff.locator('[aria-label="Your call for help"]'), /is on the way/);
        await screenshot(staff, 'oncall-coming-390');

        await nav(lead, 'On call');
        await visible(lead.getByRole('heading', { level: 1, name: 'On call' }));
        const call = lead.getByRole('list', { name: 'Live calls' }).getByRole('listitem').filter({ hasText: 'Room 4, by the back door' }).first();
        await visible(call);
        await check(lead, 'on-call panel');
        await call.getByRole('button', { name: 'Resolve' }).click();
        await call.getByLabel('How was it resolved?').fill('Pupil calmed in the quiet room');
        await call.getByRole('button', { name: 'Save as resolved' }).click();
        await hasText(staff.getByRole('dialog').getByRole('status'), /Resolved by/);
        await visible(lead.getByRole('list', { name: 'Recently resolved calls' }).getByText('Room 4, by the back door').first());
        await screenshot(lead, 'oncall-panel-390');
      } finally { await lead.context().close(); }
    } finally {
      await staff.context().close();
    }
  },
};
