/**
 * The plan in use (issue 14): a teaching assistant opens a pupil's page at 390 px before a lesson and reads the key
 * points of the pupil's behaviour support plan first (screenshot); a restraint using a hold the plan does not approve
 * is recorded through the incident form from the pupil's page — the form says so as the hold is chosen, without
 * stopping it — and submitted; the behaviour lead finds it in
 * the review queue by the "hold not in the plan" filter and badge, opens it (the plan version in force is linked and
 * the hold flagged), changes the plan (a new version) and links that version in the post-incident review. axe on
 * every page visited.
 */
import type { Page } from 'playwright-core';
import { assertNoHorizontalScroll, checkAccessibility, earlyMorningDay, hasText, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
import { signInAs } from './everyRoute.ts';

/** A call to the API from the signed-in page (the session's cookies and its CSRF token), as the web app makes it. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const out = await page.evaluate(async ({ method, path, body }) => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('haven_csrf='))?.slice('haven_csrf='.length) ?? '';
    const res = await fetch(`/api/v1${path}`, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, text: await res.text() };
  }, { method, path, body });
  if (out.status >= 300) throw new JourneyFailure(`${method} ${path} answered ${out.status}: ${out.text.slice(0, 300)}`);
  return JSON.parse(out.text) as T;
}

interface Policy { techniques: { code: string; label: string }[] }

/** One chip of a group of chips (the chip's label is what a finger taps). */
const chip = (page: Page, group: string, n = 0) => page.getByRole('group', { name: group, exact: true }).locator('label').nth(n);
interface KeyPoints { pupil: { id: string; displayName: string }; plan: null | { id: string; version: number; activatedAt: string | null; approvedHolds: { code: string }[] } }

export const plansUseJourney: Journey = {
  name: 'plans-use: key points at 390 px, an unapproved hold flagged, a review that changes the plan',
  async run({ browser, baseUrl, password }) {
    // 1. The teaching assistant, on a phone, before the lesson
    const ta = await signInAs(browser, baseUrl, 'staff', password, 390);
    let pupil: KeyPoints | undefined;
    let incidentId = '';
    try {
      const list = await api<{ items: { id: string }[] }>(ta, 'GET', '/pupils?pageSize=100');
      for (const p of list.items) {
        const kp = await api<KeyPoints>(ta, 'GET', `/pupils/${p.id}/plan-key-points`);
        // a plan in force at 00:05 today or yesterday (the incident below): not one another journey activated today
        const settled = kp.plan?.activatedAt != null && Date.parse(kp.plan.activatedAt) < Date.now() - 2 * 86_400_000;
        if (kp.plan && settled && kp.plan.approvedHolds.length) { pupil = kp; break; }
      }
      if (!pupil?.plan) throw new JourneyFailure('no pupil at the teaching assistant\'s site has an active plan with approved holds');
      await ta.goto(`${baseUrl}/pupils/${pupil.pupil.id}`);
      const card = ta.getByRole('region', { name: 'Behaviour support plan: key points' });
      await visible(card);
      for (const heading of ['Triggers', 'Early warning signs', 'What helps', 'What to avoid', 'Approved holds']) await visible(card.getByText(heading, { exact: true }));
      await visible(card.getByRole('link', { name: 'Read the whole plan' }));
      // the key points lead the page: the card starts within the first screen at 390 px
      const box = await card.boundingBox();
      if (!box || box.y > 900) throw new JourneyFailure(`the key points start at y=${box?.y ?? '?'}, below the first screen`);
      await checkAccessibility(ta, 'pupil page with the plan key points (390 px)');
      await assertNoHorizontalScroll(ta, 'pupil page with the plan key points');
      await screenshot(ta, 'plans-use-key-points-390');

      // 2. A restraint with a hold the plan does not approve, recorded through the incident form from the pupil's page:
      //    the form says so as the record is made, and the record is made all the same
      const siteId = (await api<{ sites: { id: string }[] }>(ta, 'GET', '/me')).sites[0]!.id;
      const policy = await api<Policy>(ta, 'GET', `/policy?siteId=${siteId}`);
      const approved = new Set(pupil.plan.approvedHolds.map((h) => h.code.toUpperCase()));
      const outside = policy.techniques.find((t) => !approved.has(t.code.toUpperCase()));
      if (!outside) throw new JourneyFailure('every configured hold is in the plan');
      await ta.getByRole('main').getByRole('link', { name: 'Record an incident' }).first().click();
      await visible(ta.getByRole('heading', { level: 1, name: 'Record an incident' }));
      const early = earlyMorningDay(); // before 01:00 these times are still to come today: yesterday's, then
      if (early.yesterday) await ta.getByLabel('Date', { exact: true }).fill(early.day);
      await ta.getByLabel('Time', { exact: true }).fill('00:05');
      await chip(ta, 'Location').click();
      await ta.getByLabel('Antecedent').fill('Asked to put the tablet away at the end of the session.');
      await ta.getByLabel('Behaviour', { exact: true }).fill('Ran at another pupil with a chair raised.');
      await ta.getByLabel('Consequence').fill('Time in the calm room; a restorative meeting tomorrow.');
      await chip(ta, 'Severity', 3).click();
      await ta.getByRole('group', { name: /Categories/ }).getByRole('checkbox').first().check();
      await ta.getByRole('switch', { name: 'Force, restraint or seclusion was used' }).check();
      await ta.getByRole('radio', { name: 'Restraint or reasonable force with physical contact' }).check();
      await ta.getByLabel('Start time').fill('00:10');
      await ta.getByLabel('End time').fill('00:16');
      // the form shows each hold with its level, e.g. "Single elbow (Level 2)"
      const hold = outside.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await ta.getByRole('group', { name: /^Techniques used by / }).first().getByRole('checkbox', { name: new RegExp(`^${hold}( \\(|$)`) }).check();
      // the warning, as the hold is chosen (it does not stop the record)
      await hasText(ta.getByRole('status').filter({ hasText: 'not approved' }).first(), new RegExp(`${hold}.* is not approved in .+'s plan`));
      await ta.getByLabel('Why it was necessary').fill('To stop an injury to another pupil.');
      await ta.getByLabel('De-escalation tried first').fill('Calm voice, offered the calm room.');
      await ta.getByLabel('Medical attention').fill('None needed.');
      await visible(ta.getByText(/^Saved at \d\d:\d\d$/), 20_000);
      await checkAccessibility(ta, 'incident form with a hold not in the plan (390 px)');
      await assertNoHorizontalScroll(ta, "incident form with the plan's holds");
      await screenshot(ta, 'plans-use-unapproved-hold-on-form-390');
      await ta.getByRole('button', { name: 'Submit for review' }).click();
      await visible(ta.getByText('Awaiting review'), 15_000);
      incidentId = /\/incidents\/([0-9a-f-]{36})/.exec(ta.url())?.[1] ?? '';
      if (!incidentId) throw new JourneyFailure(`no incident id in ${ta.url()}`);
    } catch (e) { await screenshot(ta, 'FAILED-plans-use-ta').catch(() => undefined); throw e; } finally { await ta.context().close(); }

    // 3. The behaviour lead: the queue, the incident, the plan changed, the review linked
    const lead = await signInAs(browser, baseUrl, 'behaviour_lead', password, 390);
    try {
      await lead.goto(`${baseUrl}/review-queue?notInPlan=true`);
      await visible(lead.getByRole('heading', { level: 1 }));
      await visible(lead.getByText('Hold not in the plan').first());
      await checkAccessibility(lead, 'review queue filtered to holds not in the plan');
      await assertNoHorizontalScroll(lead, 'review queue');
      await screenshot(lead, 'plans-use-review-queue-390');
      await lead.goto(`${baseUrl}/incidents/${incidentId}`);
      const atTheTime = lead.getByRole('region', { name: 'Behaviour support plans at the time' });
      await visible(atTheTime);
      await visible(atTheTime.getByRole('link', { name: /version \d+ of .+'s plan/ }));
      await visible(atTheTime.getByText('Hold not in the plan'));
      await checkAccessibility(lead, 'incident with a hold not in the plan');
      // the plan is changed after the review (the plans module's own API): a new version of the active plan
      const plan = await api<{ id: string; version: number; status: string }>(lead, 'GET', `/plans/${pupil!.plan!.id}`);
      const changed = await api<{ version: number }>(lead, 'PATCH', `/plans/${plan.id}`, { version: plan.version, triggers: ['Being asked to stop a preferred activity without warning'] });
      await lead.reload();
      const review = lead.getByRole('form', { name: 'Post-incident review' });
      await visible(review);
      await review.getByLabel("Changes to the pupil's plans").fill('Trigger added: stopping a preferred activity without warning. The hold used is not approved; staff reminded.');
      await review.getByLabel('Plan and risk-assessment versions this review changed').click();
      await lead.getByRole('option', { name: new RegExp(`version ${changed.version}$`) }).first().click();
      await lead.keyboard.press('Escape');
      await review.getByRole('button', { name: 'Save post-incident review' }).click();
      await visible(review.getByText('Post-incident review saved.'));
      await visible(review.getByRole('link', { name: new RegExp(`version ${changed.version}`) }));
      await screenshot(lead, 'plans-use-review-linked-390');
    } catch (e) { await screenshot(lead, 'FAILED-plans-use-lead').catch(() => undefined); throw e; } finally { await lead.context().close(); }
  },
};
