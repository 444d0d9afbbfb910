/**
 * The head (password + TOTP) suspends a pupil across the February half-term at 390 px, entering the decision two days
 * after telling the parents and the date of the public examination the pupil will miss: the live statutory check shows
 * the running total, the board duty (meet before the examination where possible) and its deadline counted from the day
 * the parents were told, and the deadline already passed; after issuing, the suspension page shows the same duty, the
 * examination date, the late entry, the notifications and the reintegration meeting on the return date; the letter
 * downloads and its text is checked; the deadlines page (rules named in words) and the pupil's profile show what
 * follows. axe on every page; a desktop screenshot of the form and the record. Before it, the trust administrator
 * words the suspension letter's editable part (the locked statutory parts shown read-only), sets a school's address
 * and reads the preview; the head's letter carries the new wording, and the parents' letters wait in the by-hand
 * queue, printed on the letterhead.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { signInAs } from './everyRoute.ts';
import { JourneyFailure, assertNoHorizontalScroll, checkAccessibility, hasText, notText, screenshot, visible, type Journey } from './lib.ts';
import { totpNow } from '../apps/server/src/modules/auth/totp.ts';
import { DEMO_TOTP_SECRETS } from '../apps/server/src/db/seed/accounts.ts';

export const suspensionsJourney: Journey = {
  name: 'suspensions: the head suspends across half-term, sees the running total and deadlines, downloads the letter, reintegration on return (390 px)',
  async run({ baseUrl, browser, password }) {
    // a US-English browser: every date is still typed and shown as dd/mm/yyyy
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', timezoneId: 'Europe/London', reducedMotion: 'reduce', acceptDownloads: true });
    const page = await context.newPage();
    try {
      await editLetterTemplate(browser, baseUrl, password);
      await page.goto(baseUrl);
      await page.getByLabel('Email address').fill('head@demo.haven.test');
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Enter your two-factor code' }));
      // an earlier journey may have used the head's code of this 30-second step, and a code is never accepted twice
      await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
      await page.getByLabel('6-digit code').fill(totpNow(DEMO_TOTP_SECRETS.head));
      await page.getByRole('button', { name: 'Continue' }).click();
      await notText(page.getByRole('heading', { level: 1 }), 'Enter your two-factor code');

      // A pupil with no suspension yet at the head's school.
      const list = await (await page.request.get(`${baseUrl}/api/v1/pupils?pageSize=60`)).json() as { items: { id: string; displayName: string }[] };
      const taken = await (await page.request.get(`${baseUrl}/api/v1/suspensions`)).json() as { items: { pupil: { id: string } }[] };
      const pupil = list.items.find((p) => !taken.items.some((s) => s.pupil.id === p.id));
      if (!pupil) throw new JourneyFailure('no pupil without a suspension to use');

      await page.goto(`${baseUrl}/suspensions`);
      await visible(page.getByRole('heading', { level: 1, name: 'Suspensions and exclusions' }));
      await checkAccessibility(page, 'suspensions list');
      await assertNoHorizontalScroll(page, 'suspensions list');
      await page.getByRole('link', { name: 'Suspend or exclude a pupil' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Suspend or exclude a pupil' }));
      await page.getByLabel('Find a pupil').fill(pupil.displayName.split(' ').slice(-1)[0]!);
      await page.getByRole('button', { name: new RegExp(`^Add ${pupil.displayName}`) }).first().click();
      // Thursday 11 February 2027, 6 sessions: 11, 12 and (after half-term) 22 February; back on the 23rd.
      await page.getByLabel('Start date').fill('11/02/2027');
      await page.getByLabel('Length in sessions').fill('6');
      await hasText(page.getByTestId('running-total'), /Running total this academic year: [\d.]+ of 45 school days/);
      await hasText(page.getByTestId('return-date'), /Returns: 23\/02\/2027, morning/);
      await hasText(page.getByTestId('board-duty'), /governing board must consider any representations|governing board must consider reinstatement/);
      // The parents were told two days ago; the record is typed today. Every deadline counts from the day they were told.
      const told = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() - 2 * 86_400_000));
      const toldUk = `${told.slice(8, 10)}/${told.slice(5, 7)}/${told.slice(0, 4)}`;
      await page.getByLabel('Parents told of the decision on').fill(toldUk);
      await page.getByLabel('This makes the pupil miss a public examination or national curriculum test').check();
      await page.getByLabel('Date of the examination').fill('12/02/2027');
      await hasText(page.getByTestId('board-duty'), /must consider reinstatement within 15 school days of being notified \(by \d\d\/\d\d\/\d{4}\).*Where possible it should meet before the examination on 12\/02\/2027\./);
      const duty = (await page.getByTestId('board-duty').textContent()) ?? '';
      if (/LAW-\d/.test(duty)) throw new JourneyFailure(`the board duty shows a rule id: ${duty}`);
      await hasText(page.getByTestId('passed-deadlines'), new RegExp(`Tell the governing board and the local authority \\(without delay\\): due ${toldUk.replace(/\//g, '\\/')}`));
      await page.getByRole('combobox', { name: 'Reasons (census codes)' }).click();
      await page.getByRole('option', { name: 'Verbal abuse or threatening behaviour against an adult (VA)' }).click();
      await page.keyboard.press('Escape');
      await page.getByLabel('What happened').fill('Swore at and threatened a teaching assistant who asked him to return to class.');
      await checkAccessibility(page, 'issue form');
      await assertNoHorizontalScroll(page, 'issue form');
      await screenshot(page, 'suspensions-issue-390');
      await page.setViewportSize({ width: 1280, height: 900 });
      await screenshot(page, 'suspensions-issue-1280');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('button', { name: 'Issue the suspension' }).click();

      await visible(page.getByRole('heading', { level: 1, name: `Suspension: ${pupil.displayName}` }));
      await hasText(page.getByTestId('reintegration-date'), /On 23\/02\/2027, morning/);
      // The record keeps the whole duty the preview showed, the examination date and the day the parents were told.
      await visible(page.getByText(duty, { exact: true }));
      await visible(page.getByText('Yes, on 12/02/2027'));
      await visible(page.getByText(toldUk, { exact: true }).first());
      await hasText(page.getByTestId('passed-deadlines'), /Entered late/);
      await visible(page.getByText('Governing board', { exact: true }).first());
      await visible(page.getByText('Local authority', { exact: true }).first());
      await checkAccessibility(page, 'suspension page');
      await assertNoHorizontalScroll(page, 'suspension page');
      await screenshot(page, 'suspensions-record-390');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('letter-link').click()]);
      const file = await download.path();
      const doc = await getDocumentProxy(new Uint8Array(fs.readFileSync(file)));
      const text = (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, ' ');
      for (const part of [`Suspension of ${pupil.displayName}`, 'Thursday 11 February 2027', 'Monday 22 February 2027',
        'return to school on Tuesday 23 February 2027', 'Verbal abuse or threatening behaviour against an adult (VA)', 'right to make representations',
        'remotely', 'not present in a public place', "Coram Children's Legal Centre", WORK.replace('{{pupil.firstName}}', pupil.displayName.split(' ')[0]!),
        'Yours sincerely']) {
        if (!text.includes(part)) throw new JourneyFailure(`the letter does not say "${part}"`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await screenshot(page, 'suspensions-record-1280');
      await page.setViewportSize({ width: 390, height: 844 });

      // The parents' letters wait in the school's by-hand queue (no SMTP here): each prints on the letterhead.
      await page.goto(`${baseUrl}/communications`);
      await visible(page.getByRole('heading', { level: 1, name: 'Letters and messages' }));
      const entry = page.getByTestId('comms-entry').filter({ hasText: `about ${pupil.displayName}` }).filter({ has: page.getByRole('link', { name: /^Print the letter/ }) }).first();
      await visible(entry);
      await checkAccessibility(page, 'communications log');
      await assertNoHorizontalScroll(page, 'communications log');
      await screenshot(page, 'letters-by-hand-390');
      const href = await entry.getByRole('link', { name: /^Print the letter/ }).getAttribute('href');
      const printed = await page.request.get(new URL(href!, baseUrl).toString());
      const printedText = (await extractText(await getDocumentProxy(new Uint8Array(await printed.body())), { mergePages: true })).text.replace(/\s+/g, ' ');
      for (const part of ['Dear ', `Suspension of ${pupil.displayName}`, 'Yours sincerely']) {
        if (!printedText.includes(part)) throw new JourneyFailure(`the printed letter does not say "${part}"`);
      }
      await page.setViewportSize({ width: 1366, height: 900 });
      await screenshot(page, 'letters-by-hand-1366');
      await page.setViewportSize({ width: 390, height: 844 });

      await page.goto(`${baseUrl}/deadlines`);
      await visible(page.getByRole('heading', { level: 1, name: 'Statutory deadlines' }));
      await visible(page.getByText(`${pupil.displayName} ·`).first());
      await visible(page.getByText('Reintegration meeting on return').first());
      await visible(page.getByText("Rule: the governing board's duty to consider reinstatement within 15 school days, in the School Discipline (Pupil Exclusions and Reviews) (England) Regulations 2012").first());
      await checkAccessibility(page, 'deadlines');
      await assertNoHorizontalScroll(page, 'deadlines');
      await screenshot(page, 'suspensions-deadlines-390');

      await page.goto(`${baseUrl}/pupils/${pupil.id}`);
      await visible(page.getByRole('heading', { level: 2, name: 'Suspensions and exclusions' }));
      await visible(page.getByText('Reintegration meeting on 23/02/2027.'));
      await checkAccessibility(page, 'pupil profile with suspensions');
      await screenshot(page, 'suspensions-pupil-390');
    } catch (e) {
      await page.screenshot({ path: `test-results/screenshots/FAILED-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  },
};

const WORK = 'Work for {{pupil.firstName}} will be on Google Classroom every morning.';

/** The trust administrator words the suspension letter's editable part, sets a school's address and previews the letter. */
async function editLetterTemplate(browser: Browser, baseUrl: string, password: string): Promise<void> {
  // the shared sign-in waits for a fresh two-factor code when the last one was used
  const page = await signInAs(browser, baseUrl, 'trust_admin', password, 390);
  const context = page.context();
  try {
    await page.goto(`${baseUrl}/admin/letters`);
    await visible(page.getByRole('heading', { level: 1, name: 'Letters' }));
    await checkAccessibility(page, 'letter templates');
    await assertNoHorizontalScroll(page, 'letter templates');
    await page.getByRole('button', { name: 'Edit the suspension letter' }).click();
    await visible(page.getByText('Required by law: locked').first());
    await page.getByLabel('Work in the first five school days').fill(WORK);
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText('Saved. Letters made from now on use this wording.'));
    await checkAccessibility(page, 'letter template editor');
    await assertNoHorizontalScroll(page, 'letter template editor');
    await screenshot(page, 'letters-editor-390');
    await page.setViewportSize({ width: 1366, height: 900 });
    await screenshot(page, 'letters-editor-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Back to all letters' }).click();
    // a school's letterhead: its address
    await page.getByRole('combobox', { name: 'Whose letters' }).click();
    await page.getByRole('option').nth(1).click();
    await page.getByLabel('Address').fill('1 Journey Lane\nWestmoor\nWM1 1AA');
    await page.getByRole('button', { name: 'Save the letterhead' }).click();
    await visible(page.getByText('Letterhead saved.'));
    await screenshot(page, 'letters-letterhead-390');
    // the preview, as the PDF a parent would get (read here through the same API the button calls)
    const siteId = await page.evaluate(async () => ((await (await fetch('/api/v1/me')).json()) as { sites: { id: string }[] }).sites[0]!.id);
    const pdf = await page.evaluate(async (id) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('haven_csrf='))?.slice('haven_csrf='.length) ?? '';
      const res = await fetch('/api/v1/letters/templates/suspension/preview', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) }, body: JSON.stringify({ siteId: id }) });
      return Array.from(new Uint8Array(await res.arrayBuffer()));
    }, siteId);
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text.replace(/\s+/g, ' ');
    for (const part of ['1 Journey Lane', 'WM1 1AA', 'Dear Mrs Sample and Mr Sample', 'Work for Alex will be on Google Classroom every morning.', 'right to make representations']) {
      if (!text.includes(part)) throw new JourneyFailure(`the letter preview does not say "${part}"`);
    }
  } finally {
    await context.close();
  }
}
