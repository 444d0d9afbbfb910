/**
 * Retention (CMP-1): a behaviour lead has logged two parent contacts, years ago, on an incident. The trust
 * administrator, at 390 px, changes the schedule so parent contacts are kept five years from their date, finds the
 * two in the list of records due, places a legal hold on one, sees what a run would delete (one, one kept), confirms,
 * and reads the run's trace; the held contact remains and the other is gone; the audit log shows the purge. Then the
 * same page at desktop width. axe and no sideways scrolling on each step.
 */
import type { Page } from 'playwright-core';
import { assertNoHorizontalScroll, checkAccessibility, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
import { signInAs } from './everyRoute.ts';

async function check(page: Page, label: string, shot: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
  await screenshot(page, shot);
}

const csrfOf = async (page: Page) => (await page.context().cookies()).find((c) => c.name === 'haven_csrf')?.value ?? '';

/** Two parent contacts dated 2018 on an incident at the lead's site; returns the incident and the contacts' ids. */
async function oldContacts(page: Page, baseUrl: string): Promise<{ incidentId: string; ids: [string, string] }> {
  const me = await (await page.request.get(`${baseUrl}/api/v1/me`)).json() as { sites: { id: string }[] };
  const list = await (await page.request.get(`${baseUrl}/api/v1/incidents?siteId=${me.sites[0]!.id}&pageSize=20`)).json() as { items: { id: string; pupilNames: string[] }[] };
  const first = list.items.find((i) => i.pupilNames.length);
  if (!first) throw new JourneyFailure('no incident with a pupil at the lead\'s site');
  const inc = await (await page.request.get(`${baseUrl}/api/v1/incidents/${first.id}`)).json() as { id: string; pupils: { pupilId: string }[] };
  const ids: string[] = [];
  for (const [n, at] of ['2018-03-01T10:00:00Z', '2018-03-02T10:00:00Z'].entries()) {
    const res = await page.request.post(`${baseUrl}/api/v1/incidents/${inc.id}/parent-contacts`, {
      data: { pupilId: inc.pupils[0]!.pupilId, contactedAt: at, method: 'phone', contactName: 'Parent', summary: `Retention journey call ${n + 1}` }, headers: { 'x-csrf-token': await csrfOf(page) } });
    if (res.status() !== 201 && res.status() !== 200) throw new JourneyFailure(`could not log a parent contact: ${res.status()} ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return { incidentId: inc.id, ids: ids as [string, string] };
}

export const retentionJourney: Journey = {
  name: 'retention: the schedule changed, one record held, a dry run, the purge confirmed; the held record remains and the audit shows the purge',
  async run({ baseUrl, browser, password }) {
    const lead = await signInAs(browser, baseUrl, 'behaviour_lead', password, 390);
    const page = await signInAs(browser, baseUrl, 'trust_admin', password, 390);
    try {
      const { incidentId, ids: [keep, remove] } = await oldContacts(lead, baseUrl);
      await page.goto(`${baseUrl}/admin/retention`);
      await visible(page.getByRole('heading', { level: 1, name: 'Records retention' }));
      await check(page, 'retention: due (before)', 'retention-due-before-390');

      // the schedule: parent contacts kept five years from their date
      await page.getByRole('tab', { name: 'Schedule' }).click();
      const rule = page.getByRole('form', { name: 'Parent contact log' });
      await rule.getByLabel('Counted from').click();
      await page.getByRole('option', { name: 'Date of the record' }).click();
      await rule.getByLabel('Years').fill('5');
      await rule.getByRole('button', { name: /Save/ }).click();
      await visible(rule.getByText('Saved.'));
      await check(page, 'retention: schedule', 'retention-schedule-390');

      // the two contacts are due; hold one
      await page.getByRole('tab', { name: 'Due for deletion' }).click();
      await page.getByRole('button', { name: /Show records.*Parent contact log/ }).first().click();
      await visible(page.getByRole('heading', { name: /Parent contact log at .*: 2 records/ }));
      await page.getByRole('button', { name: new RegExp(`Hold.*record ${keep.slice(-8)}`) }).click();
      await page.getByLabel('Why it must be kept').fill('The family has made a complaint about this call');
      await page.getByRole('button', { name: 'Place hold' }).click();
      await visible(page.getByText('On hold: The family has made a complaint about this call'));
      await check(page, 'retention: records due with a hold', 'retention-records-held-390');

      // dry run, then confirm
      await page.getByRole('tab', { name: 'Run' }).click();
      await page.getByRole('button', { name: 'See what would be deleted' }).click();
      await visible(page.getByRole('table', { name: /Would be deleted/ }));
      await visible(page.getByRole('row', { name: /Parent contact log .* 1 1/ }));
      await check(page, 'retention: dry run', 'retention-dry-run-390');
      await page.getByRole('button', { name: 'Delete 1 record' }).click();
      await visible(page.getByText('1 record deleted, 1 kept on hold, 0 files removed.'));
      await page.getByRole('button', { name: 'Show what was deleted' }).first().click();
      await visible(page.getByRole('cell', { name: remove.slice(-8) }));
      await check(page, 'retention: run result', 'retention-run-390');

      // the held contact remains, the other is gone
      const contacts = await (await lead.request.get(`${baseUrl}/api/v1/incidents/${incidentId}/parent-contacts`)).json() as { items: { id: string }[] };
      const left = contacts.items.map((c) => c.id);
      if (!left.includes(keep)) throw new JourneyFailure('the held parent contact was deleted');
      if (left.includes(remove)) throw new JourneyFailure('the parent contact due for deletion is still there');

      // the audit trace
      await page.goto(`${baseUrl}/admin/audit?action=retention.purge`);
      await visible(page.getByText('retention.purge').first());
      await page.getByText('Details').first().click();
      await visible(page.getByText(remove, { exact: false }).first());
      await check(page, 'retention: audit trace', 'retention-audit-390');

      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${baseUrl}/admin/retention`);
      await page.getByRole('tab', { name: 'Legal holds' }).click();
      await visible(page.getByText('The family has made a complaint about this call'));
      await check(page, 'retention: holds (desktop)', 'retention-holds-desktop');

      // the schedule back as it was
      await page.request.put(`${baseUrl}/api/v1/retention/rules/contact`, { data: { trigger: 'date_of_birth', years: 25, enabled: true, basis: '' }, headers: { 'x-csrf-token': await csrfOf(page) } });
      await page.context().close();
      await lead.context().close();
    } catch (e) {
      await lead.context().close(); // the administrator's page stays open for the runner's picture of the failure
      throw e;
    }
  },
};
