/**
 * A governor: signs in, downloads the governors' termly report (checked with unpdf: no demo pupil's name, small
 * counts as "fewer than 5"), and sees the exclusions figures and pupil groups, downloading the groups as CSV (no
 * pupil's name); axe on each page; screenshots at 390 px and 1280 px.
 */
import fs from 'node:fs';
import { extractText, getDocumentProxy } from 'unpdf';
import { assertNoHorizontalScroll, checkAccessibility, download, JourneyFailure, notText, screenshot, visible, type Journey } from './lib.ts';
import { generateDemoTrust } from '../apps/server/src/db/seed/generator.ts';

function demoPupilNames(): string[] {
  const { pupils } = generateDemoTrust({ passwordHash: null });
  return [...new Set(pupils.flatMap((p) => [`${p.legalForename} ${p.legalSurname}`, `${p.preferredForename ?? p.legalForename} ${p.preferredSurname ?? p.legalSurname}`]))];
}

export const governorsJourney: Journey = {
  name: 'governors: download the termly report (no pupil names, "fewer than 5"), see the exclusions figures (390 px and 1280 px)',
  async run({ baseUrl, browser, password }) {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce', acceptDownloads: true });
      const page = await context.newPage();
      try {
        await page.goto(baseUrl);
        await page.getByLabel('Email address').fill('governor@demo.haven.test');
        await page.getByLabel('Password', { exact: true }).fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await notText(page.getByRole('heading', { level: 1 }), 'Sign in');

        await page.goto(`${baseUrl}/reports/governors`);
        await visible(page.getByRole('heading', { level: 1, name: 'Reports' }));
        await page.getByRole('combobox', { name: 'Half-term' }).click();
        await page.getByRole('option').first().click();
        const link = page.getByRole('link', { name: 'Download the governors\' report (PDF)' });
        await visible(link);
        await checkAccessibility(page, `governors' report ${width}`);
        await assertNoHorizontalScroll(page, `governors' report ${width}`);
        await screenshot(page, `governors-report-${width}`);
        if (width === 390) {
          const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
          const file = await download.path();
          const pdf = fs.readFileSync(file);
          const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text.replace(/\s+/g, ' ');
          if (!text.includes('Governors\' termly behaviour report')) throw new JourneyFailure('the PDF is not the governors\' report');
          if (!text.includes('fewer than 5')) throw new JourneyFailure('no "fewer than 5" in the governors\' report');
          const named = demoPupilNames().filter((n) => text.includes(n));
          if (named.length) throw new JourneyFailure(`the governors' report names pupils: ${named.slice(0, 3).join(', ')}`);
        }

        await page.goto(`${baseUrl}/analytics/exclusions`);
        await visible(page.getByRole('heading', { level: 1, name: 'Exclusions' }));
        await visible(page.getByRole('heading', { name: 'DfE rates (per 100 pupils on roll)' }));
        await visible(page.getByText('Suspensions', { exact: true }));
        await visible(page.getByText('11.31').first());
        await visible(page.getByRole('heading', { name: 'Pupil groups' }));
        await visible(page.getByRole('link', { name: 'Download CSV: exclusions by reason' }));
        await checkAccessibility(page, `exclusions ${width}`);
        await assertNoHorizontalScroll(page, `exclusions ${width}`);
        await screenshot(page, `exclusions-${width}`);
        if (width === 390) {
          const { file, name } = await download(page, () => page.getByRole('link', { name: 'Download CSV: pupil groups: suspensions' }).click());
          if (!/^haven-pupil-groups-suspension-\d{4}-\d\d-\d\d\.csv$/.test(name)) throw new JourneyFailure(`unexpected file name ${name}`);
          const text = file.toString('utf8');
          if (!text.replace(/^\uFEFF/, '').startsWith('Group code,Group,Pupils,Pupil-days,Suspensions')) throw new JourneyFailure(`unexpected CSV header: ${text.slice(0, 80)}`);
          const named = demoPupilNames().filter((n) => text.includes(n));
          if (named.length) throw new JourneyFailure(`the pupil-groups file names pupils: ${named.slice(0, 3).join(', ')}`);
        }
      } catch (e) {
        await page.screenshot({ path: `test-results/screenshots/FAILED-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
        throw e;
      } finally {
        await context.close();
      }
    }
  },
};
