/**
 * Training (issue 15, STF-1): the cluster lead, on a phone (390 px), plans a physical-skills session that ran
 * yesterday, books two members of staff onto it, takes the register, records competence per technique (one passes
 * every technique, one all but one), issues certificates, and finds them in the training matrix; then the matrix,
 * the courses and line management at desktop width. axe and no sideways scrolling on each page, screenshots kept.
 */
import type { Page } from 'playwright-core';
import { assertNoHorizontalScroll, checkAccessibility, hasText, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
import { signInAs } from './everyRoute.ts';

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const plusDays = (iso: string, n: number) => { const d = new Date(`${iso}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
const uk = (iso: string) => iso.split('-').reverse().join('/');

async function check(page: Page, label: string, shot: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
  await screenshot(page, shot);
}

async function choose(page: Page, label: string, option: RegExp | string): Promise<void> {
  // a Mantine Select shows an asterisk after a required label (aria-hidden): its accessible name is the label alone
  await page.getByRole('combobox', { name: label, exact: true }).first().click();
  await page.getByRole('option', { name: option }).first().click();
}

export const trainingJourney: Journey = {
  name: 'training: the cluster lead runs a session and issues certificates',
  async run({ browser, baseUrl, password }) {
    const page = await signInAs(browser, baseUrl, 'cluster_lead', password, 390);
    try {
      const me = await (await page.request.get(`${baseUrl}/api/v1/me`)).json() as { sites: { id: string }[] };
      const siteId = me.sites[0]!.id;
      const yesterday = plusDays(londonToday(), -1);
      const venue = `Journey hall ${Date.now() % 100000}`;

      await page.goto(`${baseUrl}/training/sessions`);
      await visible(page.getByRole('heading', { level: 1, name: 'Training sessions' }));
      await page.getByRole('button', { name: 'Plan a session' }).click();
      await choose(page, 'Course', /General Services de-escalation/);
      await choose(page, 'Tutor', /Priya Sharma/);
      await page.getByLabel('Venue').fill(venue);
      await page.getByLabel('First day').fill(uk(yesterday));
      await page.getByLabel('Places').fill('10');
      await check(page, 'planning a session at 390 px', 'training-plan-390');
      await page.getByRole('button', { name: 'Save the session' }).click();
      await visible(page.getByRole('button', { name: 'Plan a session' }));

      const list = await (await page.request.get(`${baseUrl}/api/v1/training/sessions?siteId=${siteId}`)).json() as { items: { id: string; venue: string; tutorStatus: string }[] };
      const session = list.items.find((s) => s.venue === venue);
      if (!session) throw new JourneyFailure('the planned session is not in the list');
      if (session.tutorStatus !== 'valid') throw new JourneyFailure(`the cluster lead's tutor status is ${session.tutorStatus}, not valid`);
      await page.goto(`${baseUrl}/training/sessions/${session.id}`);
      await visible(page.getByRole('heading', { level: 1, name: /General Services de-escalation/ }));

      // book two teaching assistants (the list stays open while choosing)
      await page.getByRole('combobox', { name: 'Book staff onto this session' }).click();
      const assistants = page.getByRole('option').filter({ hasText: '(Teaching assistant)' });
      await visible(assistants.nth(1));
      const [first, second] = (await assistants.allInnerTexts()).slice(0, 2).map((t) => t.split(' (')[0]!.trim()) as [string, string];
      for (const name of [first, second]) await page.getByRole('option', { name: new RegExp(`^${name} \\(`) }).click();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Book', exact: true }).click();
      await visible(page.getByText('2 of 10 places taken'));

      // the register: both attended; the first passes every technique, the second all but one
      const entries = page.getByTestId('register-entry');
      for (const name of [first, second]) {
        const entry = entries.filter({ hasText: name });
        await entry.getByText('Attended', { exact: true }).click();
        const boxes = entry.getByRole('checkbox');
        await visible(boxes.first());
        const n = await boxes.count();
        for (let i = 0; i < n; i++) if (name === first || i < n - 1) await boxes.nth(i).check();
      }
      await check(page, 'the register at 390 px', 'training-register-390');
      const saved = page.waitForResponse((r) => r.url().includes('/register') && r.request().method() === 'PUT');
      await page.getByRole('button', { name: 'Save the register' }).click();
      if ((await saved).status() !== 200) throw new JourneyFailure('the register was not saved');
      await page.getByRole('button', { name: 'Issue certificates' }).click();
      await visible(page.getByRole('status').filter({ hasText: '2 certificates issued' }));
      await hasText(page.getByTestId('register-entry').first(), /Certificate issued/);
      await check(page, 'certificates issued at 390 px', 'training-issued-390');

      // the matrix shows them
      await page.goto(`${baseUrl}/training/matrix`);
      await visible(page.getByRole('heading', { level: 1, name: 'Training matrix' }));
      await page.getByLabel('Name or job title').fill(first.split(' ')[1] ?? first);
      const card = page.getByRole('listitem').filter({ hasText: first });
      await visible(card);
      // (badges are upper-cased by CSS, so innerText says VALID)
      await hasText(card, /General Services de-escalation and physical intervention\s+valid\s+\d\d\/\d\d\/\d{4}/i);
      await check(page, 'the training matrix at 390 px', 'training-matrix-390');

      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${baseUrl}/training/matrix`);
      await visible(page.getByRole('table', { name: 'Training matrix' }));
      await check(page, 'the training matrix at desktop width', 'training-matrix-desktop');
      for (const [path, title] of [['/training/courses', 'Training courses'], ['/training/line-management', 'Line management'], ['/training/me', 'My training']] as const) {
        await page.goto(`${baseUrl}${path}`);
        await visible(page.getByRole('heading', { level: 1, name: title }));
        await check(page, `${title} at desktop width`, `training-${path.split('/').pop()}-desktop`);
      }
    } finally {
      await page.context().close();
    }
  },
};
