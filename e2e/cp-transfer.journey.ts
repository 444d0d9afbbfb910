/**
 * Child-protection file transfer (issue 18 §2, DAT-4): the DSL, on a phone (390 px), opens a pupil's safeguarding
 * chronology, chooses "Transfer the child-protection file", enters the leaving date and the receiving school's DSL,
 * builds the pack encrypted to a passphrase Haven shows once, and makes the one-time link. The receiving DSL, signed
 * out, opens the link, downloads the encrypted file (a second download is refused), and the journey opens it with the
 * passphrase (openpgp), unzips it and reads the PDF; then confirms the receipt on the link's page, and the sending DSL
 * sees the receipt confirmed. axe and no sideways scrolling on each page; screenshots at 390 px and desktop.
 */
import type { Page } from 'playwright-core';
import * as openpgp from 'openpgp';
import { unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { assertNoHorizontalScroll, checkAccessibility, download, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
import { signInAs } from './everyRoute.ts';

const uk = (iso: string) => iso.split('-').reverse().join('/');
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

async function check(page: Page, label: string, shot: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
  await screenshot(page, shot);
}

export const cpTransferJourney: Journey = {
  name: 'cp-transfer: a child-protection file packed, downloaded through its one-time link, opened with its passphrase, receipt confirmed',
  async run({ baseUrl, browser, password }) {
    let passphrase = '';
    let link = '';
    let transferUrl = '';
    let pupil = { id: '', name: '' };
    let concernText = '';

    // 1. The DSL builds the encrypted pack and makes the one-time link
    const dsl = await signInAs(browser, baseUrl, 'dsl', password, 390);
    try {
      const inbox = await (await dsl.request.get(`${baseUrl}/api/v1/safeguarding-concerns?pageSize=50`)).json() as { items: { pupils: { id: string; displayName: string }[] }[] };
      const first = inbox.items.find((c) => c.pupils.length === 1)?.pupils[0];
      if (!first) throw new JourneyFailure('the demo DSL has no concern about a single pupil');
      pupil = { id: first.id, name: first.displayName };
      const chron = await (await dsl.request.get(`${baseUrl}/api/v1/pupils/${pupil.id}/safeguarding-chronology`)).json() as { items: { concern: string }[] };
      concernText = chron.items[0]!.concern.slice(0, 40);

      await dsl.goto(`${baseUrl}/safeguarding/pupils/${pupil.id}`);
      await visible(dsl.getByRole('heading', { level: 1, name: `Safeguarding chronology: ${pupil.name}` }));
      await dsl.getByRole('link', { name: 'Transfer the child-protection file' }).click();
      await visible(dsl.getByRole('heading', { level: 1, name: `Transfer the child-protection file: ${pupil.name}` }));
      const start = dsl.getByRole('form', { name: 'Start a transfer' });
      const leaving = start.getByLabel('Leaving date');
      if (await leaving.count()) await leaving.fill(uk(londonToday()));
      await start.getByLabel('Receiving school').fill('Riverside Academy');
      await start.getByLabel('Receiving designated safeguarding lead').fill('Sam Okafor');
      await start.getByLabel('Their email address').fill('dsl@riverside.example');
      await check(dsl, 'start a transfer', 'cp-transfer-start-390');
      await start.getByRole('button', { name: 'Start the transfer' }).click();

      await visible(dsl.getByRole('heading', { level: 1, name: `Child-protection file: ${pupil.name}` }), 15_000);
      await visible(dsl.getByText(/^\d\d\/\d\d\/\d{4}$/).first());
      transferUrl = dsl.url();
      const build = dsl.getByRole('form', { name: 'Build the pack' });
      await visible(build.getByRole('checkbox', { name: 'The chronology' }));
      await check(dsl, 'build the pack', 'cp-transfer-build-390');
      await build.getByRole('button', { name: 'Build and encrypt the pack' }).click();
      const shown = dsl.getByTestId('passphrase');
      await visible(shown, 30_000);
      passphrase = (await shown.textContent())?.trim() ?? '';
      if (!/^[A-Z0-9]{5}(-[A-Z0-9]{5}){5}$/.test(passphrase)) throw new JourneyFailure(`the passphrase shown looks wrong: ${passphrase}`);
      await check(dsl, 'the pack with its passphrase', 'cp-transfer-passphrase-390');

      await dsl.getByRole('button', { name: 'Make a one-time link' }).click();
      const linkBox = dsl.getByTestId('one-time-link');
      await visible(linkBox, 15_000);
      link = await linkBox.inputValue();
      if (!link.includes('/cp-transfer/receive#token=')) throw new JourneyFailure(`the one-time link looks wrong: ${link}`);
      await check(dsl, 'the one-time link', 'cp-transfer-link-390');
    } finally { await dsl.context().close(); }

    // 2. The receiving DSL, not signed in to Haven: downloads once, opens it, confirms the receipt
    const context = await browser.newContext({ viewport: { width: 390, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce', acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(link.replace(/^https?:\/\/[^/]+/, baseUrl));
      await visible(page.getByRole('heading', { level: 1, name: /^A child-protection file from / }), 15_000);
      if (page.url().includes('token=')) throw new JourneyFailure('the token was left in the address bar');
      await check(page, 'the link page', 'cp-transfer-receive-390');
      const { file, name } = await download(page, () => page.getByRole('button', { name: /^Download the encrypted file/ }).click());
      if (!name.endsWith('.zip.pgp')) throw new JourneyFailure(`the download is called ${name}`);
      await visible(page.getByText('The file has been downloaded through this link, which will not give it again.'));

      const message = await openpgp.readMessage({ binaryMessage: new Uint8Array(file) });
      const { data } = await openpgp.decrypt({ message, passwords: [passphrase], format: 'binary' });
      const files = unzipSync(data as Uint8Array);
      const pdfName = Object.keys(files).find((f) => f.endsWith('.pdf'));
      if (!pdfName) throw new JourneyFailure(`no PDF in the pack: ${Object.keys(files).join(', ')}`);
      const text = (await extractText(await getDocumentProxy(files[pdfName]!), { mergePages: true })).text.replace(/\s+/g, ' ');
      for (const expected of [`Child-protection file: ${pupil.name}`, 'Riverside Academy', 'Chronology', concernText.replace(/\s+/g, ' ').trim()]) {
        if (!text.includes(expected)) throw new JourneyFailure(`the PDF does not say "${expected}"`);
      }
      const again = await context.request.post(`${baseUrl}/api/v1/cp-transfer-link/download`, { data: { token: link.split('#token=')[1] } });
      if (again.status() !== 410) throw new JourneyFailure(`a second download through the link gave ${again.status()}, not 410`);

      await page.getByLabel('Your name').fill('Sam Okafor');
      await page.getByRole('button', { name: 'Confirm receipt' }).click();
      await visible(page.getByText('Receipt confirmed'), 15_000);
      await check(page, 'receipt confirmed', 'cp-transfer-received-390');
    } finally { await context.close(); }

    // 3. The sending DSL sees the receipt, on a desktop
    const back = await signInAs(browser, baseUrl, 'dsl', password);
    try {
      await back.goto(transferUrl);
      await visible(back.getByRole('heading', { level: 1, name: `Child-protection file: ${pupil.name}` }));
      await visible(back.getByText(/^\d\d\/\d\d\/\d{4} by Sam Okafor \(on the link page\)$/));
      await check(back, 'the transfer received', 'cp-transfer-done-desktop');
    } finally { await back.context().close(); }
  },
};
