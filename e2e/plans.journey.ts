/**
 * Behaviour support plans (SUP-1), on a phone (390 px): the behaviour manager opens a pupil's plans from the profile,
 * starts a plan from the trust's template, writes the triggers, early signs, what helps and the approved hold (from
 * the school's list), sets the review date, saves (a new version), activates it, signs it as its author, records the
 * mother's acknowledgement, reads the history (which field changed), and opens the plan on a page: the PDF's text is
 * read back and must hold what was written, on one page. axe and no sideways scrolling on every page; desktop
 * screenshots of the plan and the editor.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { signInAs } from './everyRoute.ts';
import { JourneyFailure, assertNoHorizontalScroll, checkAccessibility, hasText, screenshot, visible, type Journey } from './lib.ts';

export const plansJourney: Journey = {
  name: 'plans: a lead writes a behaviour support plan from the template, activates and signs it, records a parent\'s acknowledgement and reads the PDF (390 px)',
  async run({ baseUrl, browser, password }) {
    const page = await signInAs(browser, baseUrl, 'behaviour_lead', password, 390);
    try {
      // a pupil of the lead's school with no plan yet and a parent on record
      const list = await (await page.request.get(`${baseUrl}/api/v1/pupils?pageSize=60`)).json() as { items: { id: string; displayName: string }[] };
      let pupil: { id: string; displayName: string } | undefined;
      for (const p of list.items) {
        const plans = await (await page.request.get(`${baseUrl}/api/v1/plans?pupilId=${p.id}`)).json() as { items: unknown[] };
        const options = await (await page.request.get(`${baseUrl}/api/v1/plans/options?pupilId=${p.id}`)).json() as { contacts: unknown[] };
        if (plans.items.length === 0 && options.contacts.length > 0) { pupil = p; break; }
      }
      if (!pupil) throw new JourneyFailure('no pupil without a plan to use');

      await page.goto(`${baseUrl}/pupils/${pupil.id}`);
      await visible(page.getByRole('heading', { level: 1, name: pupil.displayName }));
      await page.getByRole('link', { name: 'Behaviour support plans' }).click();
      await visible(page.getByRole('heading', { level: 1, name: `Behaviour support plans: ${pupil.displayName}` }));
      await visible(page.getByText('No plan has been written for this pupil yet.'));
      await checkAccessibility(page, 'pupil plans');
      await assertNoHorizontalScroll(page, 'pupil plans');
      await page.getByRole('button', { name: 'Start a draft plan' }).click();

      // the editor, sections folded under the template's headings
      await visible(page.getByRole('heading', { level: 1, name: `Behaviour support plan: ${pupil.displayName}` }));
      await visible(page.getByText('Draft', { exact: true }));
      await page.getByRole('textbox', { name: 'About me: my strengths' }).fill('Kind to younger pupils and a talented artist.');
      const write = async (section: string, text: string) => {
        await page.getByRole('button', { name: section, exact: true }).click();
        await page.getByRole('textbox', { name: section, exact: true }).fill(text);
      };
      await write('Triggers', 'Busy corridors at lesson change\nUnexpected changes to the timetable');
      await write('Early warning signs', 'Pulls hood up and puts head down');
      await write('What helps every day (proactive)', 'Visual timetable on the desk\nLeaves lessons two minutes early');
      await write('What helps when I am upset (de-escalation)', 'Calm, low voice and few words\nOffer the time-out card');
      await write('What to avoid', 'Raising your voice');
      await page.getByRole('button', { name: 'Approved physical interventions (handling plan)', exact: true }).click();
      await page.getByRole('checkbox', { name: 'Caring C guide' }).check();
      const review = new Date(Date.now() + 90 * 86_400_000);
      const reviewUk = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric' }).format(review);
      await page.getByRole('textbox', { name: 'Review date' }).fill(reviewUk);
      await checkAccessibility(page, 'plan editor');
      await assertNoHorizontalScroll(page, 'plan editor');
      await screenshot(page, 'plans-editor-390');
      await page.getByRole('button', { name: 'Save changes' }).click();

      // saved (version 2), shown on the Plan tab; activate, sign, acknowledge
      await hasText(page.getByText(/^Version \d/).first(), /Version 2/);
      await visible(page.getByText('Busy corridors at lesson change'));
      await page.getByRole('button', { name: 'Activate this plan' }).click();
      await page.getByRole('button', { name: 'Activate', exact: true }).click();
      await visible(page.getByText('Active', { exact: true }));
      await page.getByRole('button', { name: 'Sign as author' }).click();
      await visible(page.getByText(/Signed by Dan Hargreaves on \d\d\/\d\d\/\d{4}\./));
      await page.getByRole('button', { name: "Record a parent's acknowledgement" }).click();
      await page.getByRole('combobox', { name: 'Parent or carer' }).click();
      await page.getByRole('option').first().click();
      await checkAccessibility(page, 'acknowledgement form');
      await page.getByRole('button', { name: 'Record acknowledgement' }).click();
      await visible(page.getByText(/Acknowledged by .+ on \d\d\/\d\d\/\d{4} \(version \d+\)\./));
      await checkAccessibility(page, 'active plan');
      await assertNoHorizontalScroll(page, 'active plan');
      await screenshot(page, 'plans-active-390');

      // the history names the fields changed
      await page.getByRole('tab', { name: 'History' }).click();
      await visible(page.getByRole('heading', { name: 'What changed' }));
      await visible(page.getByText('Triggers', { exact: true }).first());
      await hasText(page.getByRole('listitem').filter({ hasText: 'Version 1' }).first(), /Started, Dan Hargreaves/);
      await checkAccessibility(page, 'plan history');
      await assertNoHorizontalScroll(page, 'plan history');

      // the plan on a page: one page holding what was written
      await page.getByRole('tab', { name: 'Plan' }).click();
      const href = await page.getByRole('link', { name: 'Plan on a page (PDF)' }).getAttribute('href');
      if (!href) throw new JourneyFailure('the PDF link has no address');
      const res = await page.request.get(new URL(href, baseUrl).toString());
      if (!res.ok() || res.headers()['content-type'] !== 'application/pdf') throw new JourneyFailure(`the PDF did not open: ${res.status()}`);
      const pdf = new Uint8Array(await res.body());
      const doc = await getDocumentProxy(pdf);
      if (doc.numPages !== 1) throw new JourneyFailure(`the plan on a page has ${doc.numPages} pages`);
      const text = (await extractText(doc, { mergePages: true })).text;
      for (const want of [`Plan on a page: ${pupil.displayName}`, 'Busy corridors at lesson change', 'Caring C guide', 'Signed by Dan Hargreaves', 'Acknowledged by', `review by ${reviewUk}`]) {
        if (!text.includes(want)) throw new JourneyFailure(`the PDF does not say "${want}"`);
      }

      // the same plan at desktop width
      await page.setViewportSize({ width: 1280, height: 900 });
      await screenshot(page, 'plans-active-1280');
      await page.getByRole('tab', { name: 'Edit' }).click();
      await visible(page.getByRole('button', { name: 'Save changes' }));
      await checkAccessibility(page, 'plan editor (desktop)');
      await screenshot(page, 'plans-editor-1280');
    } finally {
      await page.context().close();
    }
  },
};
