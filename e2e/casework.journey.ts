/**
 * Casework (issue 16 §2–3, SUP-4 / SUP-5): the behaviour lead, on a phone (390 px), arranges a multi-agency meeting
 * about a pupil from the pupil's page, records it as held with two agreed actions (one for the teaching assistant,
 * one for himself), each of which becomes a task for its owner; finds the demo's overdue referral (its expected
 * response day has passed) marked overdue in the list and on its page; and shares the pupil summary with the demo
 * educational psychologist until a last day. The teaching assistant finds her task on her home page; the psychologist signs in and
 * reads only what was shared (the summary downloads; the pupil's records and casework are refused). axe and no
 * sideways scrolling on each page.
 */
import type { Page } from 'playwright-core';
import { assertNoHorizontalScroll, checkAccessibility, hasValue, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
import { signInAs } from './everyRoute.ts';

const uk = (iso: string) => iso.split('-').reverse().join('/');
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const plusDays = (iso: string, n: number) => { const d = new Date(`${iso}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };

async function check(page: Page, label: string, shot: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
  await screenshot(page, shot);
}

export const caseworkJourney: Journey = {
  name: 'casework: a multi-agency meeting whose actions become tasks, an overdue referral, a share an agency reads',
  async run({ baseUrl, browser, password }) {
    const today = londonToday();
    const actions = ['Send the outreach referral form to the behaviour support service', 'Set up a daily check-in with a trusted adult'];
    let pupil = { id: '', displayName: '' };

    // 1. The behaviour lead: the meeting, its agreed actions, the overdue referral, the share
    const lead = await signInAs(browser, baseUrl, 'behaviour_lead', password, 390);
    try {
      const me = await (await lead.request.get(`${baseUrl}/api/v1/me`)).json() as { sites: { id: string }[] };
      const roll = await (await lead.request.get(`${baseUrl}/api/v1/pupils?siteId=${me.sites[0]!.id}&pageSize=40`)).json() as { items: { id: string; displayName: string }[] };
      pupil = roll.items[25] ?? roll.items.at(-1)!;

      await lead.goto(`${baseUrl}/pupils/${pupil.id}`);
      const casework = lead.getByRole('region', { name: 'Meetings, referrals and reports' });
      await visible(casework);
      await casework.getByRole('link', { name: 'Arrange a meeting' }).click();
      await visible(lead.getByRole('heading', { level: 1, name: `Arrange a meeting about ${pupil.displayName}` }));
      const form = lead.getByRole('form', { name: 'Arrange a meeting' });
      await hasValue(form.getByLabel('Kind of meeting'), 'multi_agency');
      await form.getByLabel('Day').fill(uk(today));
      await form.getByLabel('Time').fill('15:30');
      await form.getByLabel('Place').fill('Meeting room 1');
      for (const who of [`${pupil.displayName} (pupil)`, 'Dr Helen Marsh, Educational psychologist, Westmoor Educational Psychology Service', 'Dan Hargreaves (staff)', 'Sam Okafor (staff)']) {
        await form.getByRole('checkbox', { name: who, exact: true }).check();
      }
      await check(lead, 'arrange a meeting', 'casework-meeting-new-390');
      await form.getByRole('button', { name: 'Arrange the meeting' }).click();
      await visible(lead.getByRole('heading', { level: 1, name: `Multi-agency meeting: ${pupil.displayName}` }), 15_000);

      // held, with notes
      const notes = lead.getByRole('region', { name: 'Notes' });
      await notes.getByLabel('What was discussed').fill('Reviewed the term so far with the educational psychologist. Unstructured times remain hard; mornings are better since the calm start.');
      await notes.getByRole('button', { name: 'Record as held' }).click();
      await visible(lead.getByText('Held', { exact: true }));

      // two agreed actions, each a task for its owner
      const agreed = lead.getByRole('region', { name: 'Agreed actions' });
      for (const [i, [action, owner]] of ([[actions[0]!, 'Sam Okafor'], [actions[1]!, 'Dan Hargreaves']] as const).entries()) {
        const add = agreed.getByRole('form', { name: 'Add an agreed action' });
        await add.getByLabel('What was agreed').fill(action);
        await add.getByLabel('Owner').selectOption({ label: owner });
        await add.getByLabel('Due by').fill(uk(plusDays(today, 7 * (i + 1))));
        await add.getByRole('button', { name: 'Add the action' }).click();
        await visible(agreed.getByRole('cell', { name: action }));
      }
      await check(lead, 'meeting with agreed actions', 'casework-meeting-390');

      // the lead's own action is in his tasks
      await lead.goto(`${baseUrl}/tasks`);
      await lead.getByRole('checkbox', { name: 'Assigned to me only' }).check();
      await visible(lead.getByText(`Agreed action for ${pupil.displayName}: ${actions[1]}`));

      // the demo's overdue referral: marked in the list (and by the filter) and on its page
      await lead.goto(`${baseUrl}/referrals`);
      await visible(lead.getByRole('heading', { level: 1, name: 'Referrals' }));
      await lead.getByRole('checkbox', { name: 'Overdue only' }).check();
      const overdue = lead.getByRole('listitem').filter({ has: lead.getByText('Overdue', { exact: true }) });
      await visible(overdue);
      await check(lead, 'overdue referrals', 'casework-referrals-overdue-390');
      await overdue.first().getByRole('link').click();
      await visible(lead.getByRole('heading', { level: 1, name: /^Referral of / }));
      await visible(lead.getByText(/^Overdue: a response was expected by \d\d\/\d\d\/\d{4}$/));
      await check(lead, 'an overdue referral', 'casework-referral-overdue-390');

      // the pupil summary shared with the educational psychologist, for 30 days
      await lead.goto(`${baseUrl}/pupils/${pupil.id}`);
      const shares = lead.getByRole('region', { name: 'Shared with agencies' });
      await visible(shares);
      await shares.getByRole('button', { name: 'Share records and reports with an agency' }).click();
      const share = shares.getByRole('form', { name: 'Share records with an agency' });
      await share.getByLabel('Their name and role').fill('Dr Kofi Mensah, educational psychologist');
      await share.getByLabel('Their work email address').fill('agency@demo.haven.test');
      await share.getByLabel('Last day they can read it').fill(uk(plusDays(today, 30)));
      await share.getByRole('checkbox', { name: 'Pupil summary (the last 12 months, as a PDF)' }).check();
      await checkAccessibility(lead, 'share with an agency');
      await share.getByRole('button', { name: 'Share and invite' }).click();
      await visible(shares.getByRole('status').filter({ hasText: /^Shared with .+ until \d\d\/\d\d\/\d{4}\.$/ }), 15_000);
      await check(lead, 'pupil with a share', 'casework-share-390');
    } finally { await lead.context().close(); }

    // 2. The teaching assistant (no task list of her role) finds the action agreed for her among her open tasks on her home page
    const ta = await signInAs(browser, baseUrl, 'staff', password, 390);
    try {
      const open = ta.getByRole('region', { name: 'Your open tasks' });
      await visible(open, 15_000);
      await visible(open.getByText(`Agreed action for ${pupil.displayName}: ${actions[0]}`));
      if (await ta.getByText(actions[1]!).count()) throw new JourneyFailure("the lead's action is in the teaching assistant's tasks");
      await check(ta, 'home of the action owner', 'casework-ta-home-390');
    } finally { await ta.context().close(); }

    // 3. The educational psychologist reads only what was shared
    const ep = await signInAs(browser, baseUrl, 'agency', password, 390);
    try {
      await ep.goto(`${baseUrl}/shared-with-me`);
      await visible(ep.getByRole('heading', { level: 1, name: 'Shared with me' }));
      const card = ep.getByRole('region', { name: pupil.displayName });
      await visible(card);
      const records = card.getByRole('listitem');
      if (await records.count() !== 1) throw new JourneyFailure(`the share of ${pupil.displayName} lists ${await records.count()} records, not the one shared`);
      const link = card.getByRole('link', { name: /^Download/ });
      const href = await link.getAttribute('href');
      if (!href?.includes('/documents/pupil_summary/')) throw new JourneyFailure(`the shared record is not the pupil summary: ${href ?? 'no link'}`);
      const pdf = await ep.request.get(new URL(href, baseUrl).toString());
      if (!pdf.ok() || !(await pdf.body()).subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new JourneyFailure(`the shared summary did not download as a PDF (${pdf.status()})`);
      await check(ep, 'shared with me', 'casework-shared-with-me-390');
      // nothing else about the pupil: not the record, not the casework, not the incidents
      for (const path of [`/pupils/${pupil.id}`, `/meetings?pupilId=${pupil.id}`, `/referrals?pupilId=${pupil.id}`, `/incidents?pupilId=${pupil.id}`]) {
        const res = await ep.request.get(`${baseUrl}/api/v1${path}`);
        if (res.status() !== 403 && res.status() !== 404) throw new JourneyFailure(`the agency professional read ${path}: ${res.status()}`);
      }
    } finally { await ep.context().close(); }
  },
};
