/**
 * Subject access (DAT-3): the head, at 390 px, logs a parent's request for a pupil, sees its deadline, starts
 * gathering, begins the redaction review, decides on every record with names in its text, redacts a field of the
 * pupil's record, releases, then downloads the PDF, opens it and reads it (the redaction is there, the redacted value
 * is not), and downloads the archive; the list at desktop width shows it released. axe and no sideways scrolling.
 */
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { assertNoHorizontalScroll, checkAccessibility, download, hasText, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
import { signInAs } from './everyRoute.ts';

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const uk = (iso: string) => iso.split('-').reverse().join('/');

async function check(page: Page, label: string, shot: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
  await screenshot(page, shot);
}

export const subjectAccessJourney: Journey = {
  name: 'subject access: the head logs a request, reviews and redacts, releases, and reads the PDF',
  async run({ baseUrl, browser, password }) {
    const page = await signInAs(browser, baseUrl, 'head', password, 390);
    try {
      const me = await (await page.request.get(`${baseUrl}/api/v1/me`)).json() as { sites: { id: string }[] };
      const list = await (await page.request.get(`${baseUrl}/api/v1/pupils?siteId=${me.sites[0]!.id}&pageSize=20`)).json() as { items: { id: string; displayName: string; upn?: string }[] };
      const pupil = list.items[3]!;
      await page.goto(`${baseUrl}/subject-access`);
      await visible(page.getByRole('heading', { level: 1, name: 'Subject access requests' }));
      await page.getByRole('button', { name: 'Log a request' }).click();
      await page.getByRole('combobox', { name: 'The pupil the request is about' }).fill(pupil.displayName.slice(0, 4));
      await page.getByRole('option', { name: new RegExp(pupil.displayName) }).first().click();
      await page.getByLabel('Their name').fill('Mrs J Parent');
      await page.getByLabel('Received on').fill(uk(londonToday()));
      await page.getByLabel(/Replace staff names/).check();
      await check(page, 'new subject access request', 'subject-access-new-390');
      await page.getByRole('button', { name: 'Log the request' }).click();

      await visible(page.getByRole('heading', { level: 1, name: `Subject access request: ${pupil.displayName}` }));
      await hasText(page.getByRole('main'), /days left/);
      await page.getByRole('button', { name: 'Start gathering the records' }).click();
      await visible(page.getByRole('heading', { level: 2, name: `Everything held about ${pupil.displayName}` }), 30_000);
      await page.getByRole('button', { name: 'Begin the redaction review' }).click();
      await visible(page.getByRole('button', { name: 'Release the PDF and the archive' }), 30_000);
      await check(page, 'redaction review', 'subject-access-review-390');

      // every record with names in its text: released as shown (other pupils' names are already replaced)
      for (let i = 0; i < 50; i++) {
        const flagged = page.locator('li').filter({ has: page.getByText('Needs review', { exact: true }) }).first();
        if (!(await flagged.count())) break;
        await flagged.getByRole('button', { name: 'Release as shown' }).click();
        await visible(flagged.getByText('Needs review', { exact: true }).last(), 1_000).catch(() => undefined);
        await page.waitForTimeout(2_000);
      }
      // redact a field of the pupil's own record
      await page.getByLabel('Show').selectOption('all');
      const record = page.getByRole('region', { name: "The pupil's record" }).locator('li').first();
      const upnLine = await record.locator('p', { hasText: /^Upn:/ }).first().textContent();
      const upn = upnLine?.replace(/^Upn:\s*/, '').trim();
      if (!upn) throw new JourneyFailure("the pupil's record shows no UPN");
      await record.getByRole('button', { name: 'Redact fields…' }).click();
      await record.getByLabel('Upn', { exact: true }).check();
      await record.getByRole('button', { name: 'Redact', exact: true }).click();
      // the review is gathered again after each decision: slow on a busy machine
      await visible(record.getByText('Released with redactions'), 60_000);
      await visible(record.locator('p', { hasText: /^Upn: \[redacted\]/ }), 30_000);
      await check(page, 'redaction review with a redaction', 'subject-access-redacted-390');

      await page.getByRole('button', { name: 'Release the PDF and the archive' }).click();
      await visible(page.getByText(/Released .* by /).first(), 60_000);
      await check(page, 'released request', 'subject-access-released-390');

      const pdf = await download(page, () => page.getByRole('link', { name: 'Download the PDF' }).click());
      if (!pdf.file.subarray(0, 5).toString().startsWith('%PDF')) throw new JourneyFailure('the PDF is not a PDF');
      const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.file)), { mergePages: true })).text.replace(/\s+/g, ' ');
      if (!text.includes(`Subject access request: ${pupil.displayName}`)) throw new JourneyFailure('the PDF does not name the pupil');
      if (!text.includes('Upn: [redacted]')) throw new JourneyFailure('the PDF does not show the redaction');
      if (text.includes(upn)) throw new JourneyFailure('the redacted UPN is in the PDF');
      const href = await page.getByRole('link', { name: 'Download the PDF' }).getAttribute('href');
      const viewer = await page.context().newPage();
      await viewer.goto(new URL(href!, baseUrl).toString()).catch(() => undefined); // opened as a person would
      await viewer.close();
      const zip = await download(page, () => page.getByRole('link', { name: /Download the archive/ }).click());
      if (zip.file.subarray(0, 2).toString() !== 'PK') throw new JourneyFailure('the archive is not a zip');

      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${baseUrl}/subject-access`);
      await page.getByLabel('Show').selectOption('released');
      await hasText(page.getByRole('main'), new RegExp(pupil.displayName));
      await check(page, 'subject access list (desktop)', 'subject-access-list-desktop');
    } finally {
      await page.context().close();
    }
  },
};
