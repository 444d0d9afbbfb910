/**
 * The plan in use (issue 14): a teaching assistant opens a pupil's page at 390 px before a lesson and reads the key
 * points of the pupil's behaviour support plan first (screenshot); a restraint using a hold the plan does not approve
 * is recorded — the form says so as it is made, without stopping it — and submitted; the behaviour lead finds it in
 * the review queue by the "hold not in the plan" filter and badge, opens it (the plan version in force is linked and
 * the hold flagged), changes the plan (a new version) and links that version in the post-incident review. axe on
 * every page visited.
 */
import type { Page } from 'playwright-core';
import { assertNoHorizontalScroll, checkAccessibility, hasText, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
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

interface Policy {
  techniques: { code: string }[]; locations: { code: string }[]; periods: { code: string }[]; motivations: { code: string }[]; actions: { code: string }[];
  categories: { code: string; polarity: string }[]; form: { fields: { key: string; type: string; required: boolean; options?: string[] }[] } | null;
}
interface KeyPoints { pupil: { id: string; displayName: string }; plan: null | { id: string; version: number; approvedHolds: { code: string }[] } }

export const plansUseJourney: Journey = {
  name: 'plans in use: key points at 390 px, an unapproved hold flagged, a review that changes the plan',
  async run({ browser, baseUrl, password }) {
    // 1. The teaching assistant, on a phone, before the lesson
    const ta = await signInAs(browser, baseUrl, 'staff', password, 390);
    let pupil: KeyPoints | undefined;
    let incidentId = '';
    try {
      const list = await api<{ items: { id: string }[] }>(ta, 'GET', '/pupils?pageSize=100');
      for (const p of list.items) {
        const kp = await api<KeyPoints>(ta, 'GET', `/pupils/${p.id}/plan-key-points`);
        if (kp.plan && kp.plan.approvedHolds.length) { pupil = kp; break; }
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

      // 2. A restraint with a hold the plan does not approve: recorded all the same, and the form says so
      const siteId = (await api<{ sites: { id: string }[] }>(ta, 'GET', '/me')).sites[0]!.id;
      const policy = await api<Policy>(ta, 'GET', `/policy?siteId=${siteId}`);
      const approved = new Set(pupil.plan.approvedHolds.map((h) => h.code.toUpperCase()));
      const outside = policy.techniques.find((t) => !approved.has(t.code.toUpperCase()));
      if (!outside) throw new JourneyFailure('every configured hold is in the plan');
      const staffId = (await api<{ items: { id: string }[] } | { id: string }[]>(ta, 'GET', `/staff?siteId=${siteId}`));
      const firstStaff = Array.isArray(staffId) ? staffId[0]?.id : staffId.items[0]?.id;
      if (!firstStaff) throw new JourneyFailure('no staff at the site');
      const now = new Date(Date.now() - 20 * 60_000).toISOString();
      const ended = new Date(Date.now() - 15 * 60_000).toISOString();
      const custom = Object.fromEntries((policy.form?.fields ?? []).filter((f) => f.required).map((f) =>
        [f.key, f.type === 'yes_no' ? false : f.type === 'choice' ? f.options?.[0] ?? '' : f.type === 'date' ? now.slice(0, 10) : 'Recorded in the journey']));
      const created = await api<{ id: string; version: number; missing: { field: string }[] }>(ta, 'POST', '/incidents', {
        siteId, occurredAt: now, severity: 4, locationCode: policy.locations[0]?.code, periodCode: policy.periods[0]?.code,
        categoryCodes: [policy.categories.find((c) => c.polarity === 'negative')!.code], motivationCode: policy.motivations[0]?.code,
        actionCodes: policy.actions.slice(0, 1).map((x) => x.code), customValues: custom,
        pupils: [{ pupilId: pupil.pupil.id, role: 'instigator' }], staff: [{ staffId: firstStaff, role: 'involved' }],
        antecedent: 'Asked to put the tablet away at the end of the session.', behaviour: 'Ran at another pupil with a chair raised.',
        consequence: 'Time in the calm room; a restorative meeting tomorrow.',
        physicalIntervention: true,
        physicalInterventions: [{ pupilId: pupil.pupil.id, kind: 'force_with_contact', startedAt: now, endedAt: ended,
          staffTechniques: [{ staffId: firstStaff, techniqueCodes: [outside.code] }], reason: 'To stop an injury to another pupil.',
          deescalationTried: 'Calm voice, offered the calm room.', medicalAttention: 'None needed.', supportOffered: 'Quiet time with a trusted adult.' }],
      });
      await ta.goto(`${baseUrl}/incidents/${created.id}/edit`);
      await hasText(ta.getByRole('status').filter({ hasText: 'not approved' }).first(), /not approved in .+'s plan/);
      await screenshot(ta, 'plans-use-unapproved-hold-on-form-390');
      await assertNoHorizontalScroll(ta, "incident form with the plan's holds");
      if (created.missing.length) throw new JourneyFailure(`the incident cannot be submitted yet: ${created.missing.map((m) => m.field).join(', ')}`);
      await api(ta, 'POST', `/incidents/${created.id}/submit`, { version: created.version });
      incidentId = created.id;
    } finally { await ta.context().close(); }

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
    } finally { await lead.context().close(); }
  },
};
