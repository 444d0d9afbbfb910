/**
 * Risk assessments (SUP-2): the behaviour lead, at 390 px, opens a pupil who has a behaviour support plan, reaches
 * the Risk assessments page from the pupil's page, writes a risk assessment linked to the plan (hazard rows added
 * and removed, scores before and after controls, the matrix), saves it as a draft, signs it off and makes it active,
 * reads its history and opens the PDF; then the same page at desktop width. axe and no sideways scrolling on each step.
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

/** A pupil at the lead's site with no plan and no risk assessment yet; a plan is started for them through the plans API. */
async function pupilWithPlan(page: Page, baseUrl: string): Promise<{ pupilId: string; name: string }> {
  const me = await (await page.request.get(`${baseUrl}/api/v1/me`)).json() as { sites: { id: string }[] };
  const list = await (await page.request.get(`${baseUrl}/api/v1/pupils?siteId=${me.sites[0]!.id}&pageSize=40`)).json() as { items: { id: string; displayName: string }[] };
  const csrf = (await page.context().cookies()).find((c) => c.name === 'haven_csrf')?.value ?? '';
  for (const p of list.items.slice(5)) {
    const plans = await (await page.request.get(`${baseUrl}/api/v1/plans?pupilId=${p.id}`)).json() as { items: unknown[] };
    const ras = await (await page.request.get(`${baseUrl}/api/v1/risk-assessments?pupilId=${p.id}`)).json() as { items: unknown[] };
    if (plans.items.length || ras.items.length) continue;
    const res = await page.request.post(`${baseUrl}/api/v1/plans`, { data: { pupilId: p.id }, headers: { 'x-csrf-token': csrf } });
    if (res.status() !== 201) throw new JourneyFailure(`could not start a plan: ${res.status()} ${await res.text()}`);
    return { pupilId: p.id, name: p.displayName };
  }
  throw new JourneyFailure('no pupil without a plan at the lead\'s site');
}

async function choose(page: Page, label: string, option: RegExp | string, scope: ReturnType<Page['locator']> | Page = page): Promise<void> {
  await scope.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option }).first().click();
}

export const riskAssessmentsJourney: Journey = {
  name: 'risk assessments: a lead writes, signs off and activates one linked to the plan, reads the history and the PDF',
  async run({ baseUrl, browser, password }) {
    const page = await signInAs(browser, baseUrl, 'behaviour_lead', password, 390);
    try {
      const { pupilId, name } = await pupilWithPlan(page, baseUrl);
      await page.goto(`${baseUrl}/pupils/${pupilId}`);
      await visible(page.getByRole('heading', { level: 1, name }));
      await page.getByRole('link', { name: 'Risk assessments' }).click();
      await visible(page.getByRole('heading', { level: 1, name: `Risk assessments: ${name}` }));
      await visible(page.getByText('No risk assessment has been written for this pupil yet.'));
      await check(page, 'risk assessments (none yet)', 'risk-assessments-empty-390');

      // write it: two hazards, a third added and removed, linked to the plan
      await page.getByRole('button', { name: 'Write a risk assessment' }).click();
      const editor = page.locator('form, .mantine-Card-root').filter({ has: page.getByRole('heading', { name: 'New risk assessment' }) }).first();
      await editor.getByLabel('Title', { exact: true }).fill('Classroom and transitions');
      await editor.getByLabel('Summary').fill('Read with the behaviour support plan; shared with cover staff.');
      await choose(page, 'Behaviour support plan', /behaviour support plan/, editor);
      await editor.getByLabel('Review by').fill(uk(plusDays(londonToday(), 60)));
      const h1 = editor.getByLabel('Hazard 1', { exact: true });
      await h1.getByLabel('Hazard or behaviour').fill('Throws equipment when a task feels too hard');
      await h1.getByLabel('Staff').check();
      await h1.getByLabel('Other pupils').check();
      await choose(page, 'Likelihood', /^4 – Likely/, h1);
      await choose(page, 'Severity', /^4 – Major/, h1);
      await h1.getByLabel('Controls').fill('Clear the desk first; a worked example and a choice of two tasks; the time-out card.');
      await hasText(h1, /16 High/);
      await editor.getByRole('button', { name: 'Add a hazard' }).click();
      const h2 = editor.getByLabel('Hazard 2', { exact: true });
      await h2.getByLabel('Hazard or behaviour').fill('Leaves the building without an adult');
      await h2.getByLabel('The pupil').check();
      await choose(page, 'Severity', /^5 – Severe/, h2);
      await h2.getByLabel('Controls').fill('Seat away from the door; radio the office at once; gates shut in lessons.');
      await editor.getByRole('button', { name: 'Add a hazard' }).click();
      await editor.getByRole('button', { name: 'Remove hazard 3' }).click();
      if (await editor.getByLabel('Hazard 3', { exact: true }).count()) throw new JourneyFailure('hazard 3 was not removed');
      await visible(editor.getByRole('table', { name: /After controls, as it stands/ }));
      await check(page, 'risk assessment editor', 'risk-assessments-editor-390');
      await editor.getByRole('button', { name: 'Save as a draft' }).click();

      // the draft: sign off, then make it active
      await visible(page.getByRole('heading', { level: 2, name: 'Classroom and transitions' }));
      await hasText(page.getByRole('main'), /Draft \(version 1\)/);
      await page.getByRole('button', { name: 'Sign off' }).click();
      await visible(page.getByRole('button', { name: 'Make active' }));
      await hasText(page.getByRole('main'), /Signed off/);
      await page.getByRole('button', { name: 'Make active' }).click();
      await visible(page.getByRole('button', { name: 'Start a revision' }));
      await hasText(page.getByRole('main'), /Active \(version 3\)/);
      await hasText(page.getByRole('main'), /behaviour support plan \(version/i);
      await visible(page.getByRole('table', { name: /Risk matrix after controls/ }));
      await page.getByRole('button', { name: 'Show the history' }).click();
      await visible(page.getByRole('cell', { name: /Made active/ }));
      await visible(page.getByText(/Hazard added: Throws equipment/));
      await check(page, 'risk assessment, active, with history', 'risk-assessments-active-390');

      // the PDF opens and says what the screen says
      const href = await page.getByRole('link', { name: 'Open the PDF' }).getAttribute('href');
      if (!href) throw new JourneyFailure('no PDF link');
      const pdf = await page.request.get(new URL(href, baseUrl).toString());
      if (pdf.status() !== 200 || pdf.headers()['content-type'] !== 'application/pdf') throw new JourneyFailure(`the PDF answered ${pdf.status()}`);
      if (!(await pdf.body()).subarray(0, 5).toString().startsWith('%PDF')) throw new JourneyFailure('the PDF is not a PDF');
      const pdfPage = await page.context().newPage();
      await pdfPage.goto(new URL(href, baseUrl).toString()).catch(() => undefined); // Chromium's viewer: opened as a person would
      await pdfPage.close();

      // desktop
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.reload();
      await visible(page.getByRole('heading', { level: 2, name: 'Classroom and transitions' }));
      await check(page, 'risk assessments at desktop width', 'risk-assessments-desktop');
    } finally {
      await page.context().close();
    }
  },
};
