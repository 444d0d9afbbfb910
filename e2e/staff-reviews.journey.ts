/**
 * Holds checked against certificates and performance reviews (issue 15, STF-2 and STF-4). The teaching assistant (Sam
 * Okafor), on a phone (390 px), records a restraint naming a colleague whose physical-intervention certificate has
 * expired: the form says so beside them as the hold is ticked, and the record is saved and submitted all the same.
 * The cluster lead (Priya Sharma, Sam's line manager), at desktop width, finds it flagged in the review queue and on the
 * incident; then writes Sam's performance review through its stages (objectives, mid-year, annual) and Sam adds his
 * comments and signs on his phone; she signs last and the review is signed by both. axe, screenshots, and no sideways
 * scrolling at 390 px on each page visited.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { absent, assertNoHorizontalScroll, checkAccessibility, hasText, JourneyFailure, screenshot, SCREENSHOTS, visible, type Journey } from './lib.ts';
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

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function check(page: Page, label: string, shot: string): Promise<void> {
  await checkAccessibility(page, label);
  if ((page.viewportSize()?.width ?? 0) <= 390) await assertNoHorizontalScroll(page, label);
  await screenshot(page, shot);
}

interface Policy {
  techniques: { code: string; label: string }[]; locations: { code: string }[]; periods: { code: string }[]; motivations: { code: string }[];
  actions: { code: string }[]; categories: { code: string; polarity: string }[];
  form: { fields: { key: string; type: string; required: boolean; options?: string[] }[] } | null;
}
interface Courses { items: { id: string; physicalSkills: boolean; techniqueCodes: string[] }[] }
interface Matrix { courses: { id: string }[]; rows: { staffId: string; staffName: string; cells: { status: string }[] }[] }

/**
 * A member of staff at the site whose physical-skills certificates have all run out (the demo seed has some), and a
 * hold only an expired certificate of theirs covers: chosen from the training matrix on the day, so that a journey run
 * before this one on the same server (training issues certificates) cannot take the expired one away.
 */
async function lapsedColleague(lead: Page, siteId: string, policy: Policy, not: string): Promise<{ staffId: string; name: string; technique: { code: string; label: string } }> {
  const courses = (await api<Courses>(lead, 'GET', '/training/courses')).items;
  const matrix = await api<Matrix>(lead, 'GET', `/training/matrix?siteId=${siteId}&status=expired`);
  const physical = new Set(courses.filter((c) => c.physicalSkills).map((c) => c.id));
  for (const row of matrix.rows) {
    if (row.staffName === not) continue;
    const held = row.cells.map((cell, i) => ({ cell, course: courses.find((c) => c.id === matrix.courses[i]!.id)! })).filter((x) => physical.has(x.course.id));
    if (held.some((x) => x.cell.status !== 'expired' && x.cell.status !== 'never')) continue;
    const expired = held.find((x) => x.cell.status === 'expired');
    const technique = expired && policy.techniques.find((t) => expired.course.techniqueCodes.includes(t.code));
    if (technique) return { staffId: row.staffId, name: row.staffName, technique };
  }
  throw new JourneyFailure('nobody at the site has only expired physical-intervention certificates');
}

export const staffReviewsJourney: Journey = {
  name: 'staff reviews: a hold by someone with an expired certificate flagged; a performance review written and signed by both',
  async run({ browser, baseUrl, password }) {
    const sam = await signInAs(browser, baseUrl, 'staff', password, 390);
    const lead = await signInAs(browser, baseUrl, 'cluster_lead', password, 1366);
    try {
      // 1. Sam records a restraint naming a colleague whose certificate has expired; the form says so as it is made
      const siteId = (await api<{ sites: { id: string }[] }>(sam, 'GET', '/me')).sites[0]!.id;
      const policy = await api<Policy>(sam, 'GET', `/policy?siteId=${siteId}`);
      const colleague = await lapsedColleague(lead, siteId, policy, 'Sam Okafor');
      const pupil = (await api<{ items: { id: string }[] }>(sam, 'GET', '/pupils?pageSize=1')).items[0];
      if (!pupil) throw new JourneyFailure('no pupil at the teaching assistant\'s site');
      const marker = `Journey restraint ${Date.now() % 100000}`;
      const started = new Date(Date.now() - 30 * 60_000).toISOString();
      const ended = new Date(Date.now() - 25 * 60_000).toISOString();
      const custom = Object.fromEntries((policy.form?.fields ?? []).filter((f) => f.required).map((f) =>
        [f.key, f.type === 'yes_no' ? false : f.type === 'choice' ? f.options?.[0] ?? '' : f.type === 'date' ? started.slice(0, 10) : 'Recorded in the journey']));
      const draft = await api<{ id: string }>(sam, 'POST', '/incidents', {
        siteId, occurredAt: started, severity: 4, locationCode: policy.locations[0]?.code, periodCode: policy.periods[0]?.code,
        categoryCodes: [policy.categories.find((c) => c.polarity === 'negative')!.code], motivationCode: policy.motivations[0]?.code,
        actionCodes: policy.actions.slice(0, 1).map((x) => x.code), customValues: custom,
        pupils: [{ pupilId: pupil.id, role: 'instigator' }], staff: [{ staffId: colleague.staffId, role: 'involved' }],
        antecedent: 'Told the football match was over for today.', behaviour: `${marker}: kicked out at a younger pupil and would not stop.`,
        consequence: 'Calm room, then a restorative conversation.', physicalIntervention: true,
        physicalInterventions: [{ pupilId: pupil.id, kind: 'force_with_contact', startedAt: started, endedAt: ended, staffTechniques: [],
          reason: 'To stop him injuring a younger pupil.', deescalationTried: 'Calm voice, space, offered the calm room.', medicalAttention: 'None needed.',
          supportOffered: 'Quiet time with a trusted adult.' }],
      });
      await sam.goto(`${baseUrl}/incidents/${draft.id}/edit`);
      await visible(sam.getByRole('heading', { level: 1 }));
      await sam.getByRole('button', { name: 'Add a member of staff to this intervention' }).click();
      await sam.getByLabel('Member of staff 1', { exact: true }).selectOption({ value: colleague.staffId }); // shown as "name (job title)"
      await sam.getByRole('group', { name: new RegExp(`^Techniques used by ${colleague.name}`) }).getByRole('checkbox', { name: new RegExp(`^${esc(colleague.technique.label)}`) }).check();
      const warning = sam.getByRole('status').filter({ hasText: new RegExp(`^Check the certificate of ${esc(colleague.name)}`) });
      await visible(warning, 15_000);
      await hasText(warning, new RegExp(`${esc(colleague.technique.label)}( \\(Level \\d\\))?: Certificate expired \\(ran out on \\d\\d/\\d\\d/\\d{4}\\)`));
      await hasText(warning, /You can still save the record/);
      await visible(sam.getByText(/^Saved at \d\d:\d\d$/), 20_000);
      await check(sam, 'incident form with an expired certificate (390 px)', 'staff-reviews-expired-on-form-390');
      // the form is long and its sticky bar crosses a full-page picture: the warning on its own screen too
      await warning.first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await sam.screenshot({ path: path.join(SCREENSHOTS, 'staff-reviews-expired-warning-390.png') });
      await sam.getByRole('button', { name: 'Submit for review' }).click();
      await visible(sam.getByText('Awaiting review'), 15_000);

      // 2. The cluster lead finds it flagged in the review queue and on the incident
      await lead.goto(`${baseUrl}/review-queue?uncertified=true`);
      await visible(lead.getByRole('heading', { level: 1, name: 'Review queue' }));
      const card = lead.getByRole('list', { name: 'Incidents waiting for review' }).getByRole('listitem').filter({ hasText: marker });
      await visible(card, 15_000);
      await visible(card.getByText('Hold without a valid certificate'));
      await check(lead, 'review queue: holds without a valid certificate', 'staff-reviews-queue-desktop');
      await card.getByRole('link', { name: /^Review/ }).click();
      const flags = lead.getByRole('status').filter({ hasText: 'Hold used without a valid certificate' });
      await visible(flags, 15_000);
      await hasText(flags, new RegExp(`${esc(colleague.name)}, ${esc(colleague.technique.label)}( \\(Level \\d\\))?: Certificate expired`));
      await check(lead, 'incident with a hold without a valid certificate', 'staff-reviews-incident-desktop');

      // 3. Sam's performance review: his line manager writes it through its stages
      await lead.goto(`${baseUrl}/performance-reviews`);
      await visible(lead.getByRole('heading', { level: 1, name: 'Performance reviews' }));
      const team = lead.getByRole('region', { name: "My team's reviews" });
      await visible(team);
      const start = team.getByRole('button', { name: /^Start the .* review for Sam Okafor$/ });
      const existing = team.getByRole('link', { name: /^Sam Okafor — / });
      await Promise.race([visible(start), visible(existing)]);
      await check(lead, "my team's reviews", 'staff-reviews-list-desktop');
      if (await start.count()) await start.click(); else await existing.click();
      await visible(lead.getByRole('heading', { level: 1, name: /^Performance review / }));
      await visible(lead.getByText('Sam Okafor (', { exact: false }).first());
      const save = async (button: string, message: string | RegExp) => {
        await lead.getByRole('button', { name: button, exact: true }).click();
        await visible(lead.getByRole('status').filter({ hasText: message }));
      };
      const stage = async () => (await lead.getByText(/^(Objectives set|Mid-year review|Annual review|Signed by both)$/).first().innerText()).trim();
      if ((await stage()) === 'Objectives set') {
        const objectives = lead.getByLabel(/^Objective \d+$/);
        if (!(await objectives.count())) {
          await lead.getByRole('button', { name: 'Add an objective' }).click();
          await objectives.first().fill('Run the lunchtime nurture group three days a week');
        }
        await lead.getByRole('button', { name: 'Add an objective' }).click();
        await objectives.last().fill('Lead two de-escalation briefings for new support staff');
        await lead.getByLabel('How success is measured').last().fill('Both briefings run by Easter, with notes shared');
        await save('Move to the mid-year review', 'Moved to the mid-year review.');
      }
      if ((await stage()) === 'Mid-year review') {
        const mid = lead.getByRole('region', { name: 'Mid-year review' });
        await lead.getByLabel('Progress at mid-year').first().fill('Group running since October; lunchtime incidents for the group down by half.');
        await mid.getByLabel('Date of the meeting').fill(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(new Date()));
        await mid.getByLabel("Reviewer's comments").fill('Calm, consistent and trusted by the pupils. Keep the debriefs written up the same day.');
        await save('Move to the annual review', 'Moved to the annual review.');
      }
      const annual = lead.getByRole('region', { name: 'Annual review' });
      await visible(annual);
      await lead.getByLabel('Outcome at the annual review').first().fill('Met: the group ran all year and its lunchtime incidents halved.');
      await annual.getByLabel('Date of the meeting').fill(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(new Date()));
      await annual.getByLabel("Reviewer's comments").fill('A strong year. Next year: share the nurture group model with the second site.');
      // evidence linked from Haven: one of Sam's certificates
      const certificate = lead.getByRole('checkbox', { name: /\(expires \d\d\/\d\d\/\d{4}\)/ }).first();
      await visible(certificate);
      const evidence = (await certificate.getAttribute('aria-label')) ?? (await lead.locator(`label[for="${await certificate.getAttribute('id')}"]`).innerText());
      await certificate.check();
      await save('Save', 'Saved.');
      await check(lead, 'performance review at the annual stage (desktop)', 'staff-reviews-annual-desktop');
      const reviewUrl = lead.url();

      // 4. Sam, on his phone, adds his comments and signs; then the line manager signs and it is signed by both
      await sam.goto(`${baseUrl}/performance-reviews`);
      await sam.getByRole('link', { name: /^Your review / }).first().click();
      const mine = sam.getByRole('region', { name: 'Annual review' });
      await visible(mine);
      if ((await mine.getByLabel("Reviewer's comments").getAttribute('readonly')) === null) throw new JourneyFailure("the member of staff can change the reviewer's comments");
      await mine.getByLabel("Member of staff's comments").fill('Thank you. I would like to train as a de-escalation tutor next year.');
      await sam.getByRole('button', { name: 'Save', exact: true }).click();
      await visible(sam.getByRole('status').filter({ hasText: 'Saved.' }));
      await sam.getByRole('button', { name: 'Sign the review' }).click();
      await visible(sam.getByRole('status').filter({ hasText: 'Signed.' }));
      await check(sam, 'performance review signed by the member of staff (390 px)', 'staff-reviews-signed-by-staff-390');

      await lead.goto(reviewUrl);
      await visible(lead.getByText("Thank you. I would like to train as a de-escalation tutor next year."));
      await lead.getByRole('button', { name: 'Sign the review' }).click();
      await visible(lead.getByRole('status').filter({ hasText: 'Signed.' }));
      await visible(lead.getByText('Signed by both').first());
      await absent(lead.getByRole('button', { name: 'Sign the review' }));
      await visible(lead.getByRole('region', { name: 'Evidence from Haven' }).getByText(evidence.trim(), { exact: true }));
      await check(lead, 'performance review signed by both (desktop)', 'staff-reviews-signed-desktop');
      await sam.reload();
      await visible(sam.getByText('Signed by both').first());
    } finally {
      await sam.context().close();
      await lead.context().close();
    }
  },
};
