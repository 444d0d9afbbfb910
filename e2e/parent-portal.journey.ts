/**
 * The parent portal (PAR-1, LAW-12), on a phone (390 px): the demo parent signs in, sees what needs their
 * acknowledgement, switches to their other child, opens the copy of the record of physical intervention sent to
 * them (the PDF's text is read back), confirms they received it, reads the shared behaviour support plan and
 * acknowledges it; the behaviour lead then sees on the plan that it was acknowledged through the parent portal.
 * axe and no sideways scrolling on every page; screenshots at 390 px and desktop width.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { signInAs } from './everyRoute.ts';
import { JourneyFailure, assertNoHorizontalScroll, checkAccessibility, screenshot, visible, type Journey } from './lib.ts';

interface Home { children: { id: string; firstName: string; displayName: string }[]; needsAcknowledgement: { kind: string; id: string; pupilId: string }[] }

export const parentPortalJourney: Journey = {
  name: 'parent-portal: a parent switches child, reads and acknowledges a restraint record and a plan; the lead sees it (390 px)',
  async run({ baseUrl, browser, password }) {
    const page = await signInAs(browser, baseUrl, 'parent', password, 390);
    let planId = ''; let childId = '';
    try {
      await page.goto(`${baseUrl}/parent`);
      await visible(page.getByRole('heading', { level: 1, name: 'Your children' }));
      const home = await (await page.request.get(`${baseUrl}/api/v1/parent/portal`)).json() as Home;
      const plan = home.needsAcknowledgement.find((n) => n.kind === 'plan' && home.children.some((c) => c.id === n.pupilId && c.id !== home.children[0]?.id));
      const child = home.children.find((c) => c.id === plan?.pupilId);
      if (!plan || !child) throw new JourneyFailure('the demo parent has no shared plan to acknowledge for their second child');
      planId = plan.id; childId = child.id;
      await visible(page.getByRole('heading', { name: 'Needs your acknowledgement' }));
      await checkAccessibility(page, 'parent portal');
      await assertNoHorizontalScroll(page, 'parent portal');
      await screenshot(page, 'parent-portal-390');

      // switch to the other child
      // the switcher's buttons are labels of visually hidden radio inputs
      await page.locator('label', { hasText: new RegExp(`^${child.firstName}`) }).click();
      await visible(page.getByRole('heading', { level: 2, name: child.displayName }));
      const copies = page.getByRole('region', { name: /Records of physical intervention/ });
      await visible(copies.getByText(/^Record of physical intervention on \d\d\/\d\d\/\d{4}$/));
      const href = await copies.getByRole('link', { name: 'Open the record (PDF)' }).first().getAttribute('href');
      if (!href) throw new JourneyFailure('the record has no link');
      const res = await page.request.get(new URL(href, baseUrl).toString());
      if (!res.ok() || res.headers()['content-type'] !== 'application/pdf') throw new JourneyFailure(`the record did not open: ${res.status()}`);
      const text = (await extractText(await getDocumentProxy(new Uint8Array(await res.body())), { mergePages: true })).text;
      if (!text.includes('Record of the use of force')) throw new JourneyFailure('the PDF is not the record of physical intervention');
      await copies.getByRole('button', { name: 'I have received it' }).click();
      await visible(copies.getByText(/^Received \d\d\/\d\d\/\d{4}$/));
      await checkAccessibility(page, 'parent portal, second child');
      await assertNoHorizontalScroll(page, 'parent portal, second child');
      await screenshot(page, 'parent-portal-child-390');

      // read the plan and acknowledge it
      await page.getByRole('region', { name: /Behaviour support plans/ }).getByRole('link', { name: 'Read and acknowledge' }).click();
      await visible(page.getByRole('heading', { level: 1, name: `Behaviour support plan: ${child.displayName}` }));
      await checkAccessibility(page, 'shared plan');
      await assertNoHorizontalScroll(page, 'shared plan');
      await page.getByRole('button', { name: 'I have read this plan' }).click();
      await visible(page.getByText(/^You acknowledged this plan on \d\d\/\d\d\/\d{4}\.$/));
      await screenshot(page, 'parent-plan-390');
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${baseUrl}/parent?child=${childId}`);
      await visible(page.getByRole('heading', { level: 2, name: child.displayName }));
      await visible(page.getByRole('button', { name: /Records of physical intervention/ }));
      await checkAccessibility(page, 'parent portal (desktop)');
      await screenshot(page, 'parent-portal-1280');
    } finally {
      await page.context().close();
    }

    // the behaviour lead sees the acknowledgement came through the portal
    const lead = await signInAs(browser, baseUrl, 'behaviour_lead', password, 390);
    try {
      await lead.goto(`${baseUrl}/pupils/${childId}/plans/${planId}`);
      await visible(lead.getByText(/through the parent portal \(their own account, .+\) on \d\d\/\d\d\/\d{4}/));
      await visible(lead.getByRole('switch', { name: 'Share with parents in the parent portal' }));
      await checkAccessibility(lead, 'plan acknowledged through the portal');
      await screenshot(lead, 'parent-plan-lead-390');
    } finally {
      await lead.context().close();
    }
  },
};
