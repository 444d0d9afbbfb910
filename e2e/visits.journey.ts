/**
 * Off-site visits (TRP-1 … TRP-4): a teaching assistant, at 390 px, plans a museum visit (category B), adds an
 * itinerary stop, both of a parent's children and a member of staff who is not certified for a hold in one child's
 * handling plan (the pupil is flagged "Needs a trained adult"), then a certified member of staff (the flag clears),
 * adopts a generic risk assessment, confirms it and submits. The parent signs in and consents for both children at
 * /parent/visits; the EVC (the behaviour lead) and then the head approve; the checklist is complete and the visit is
 * marked departed; the day sheet is read on the phone and the visit at desktop width. axe and no sideways scrolling.
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

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  if (res.status() !== 200) throw new JourneyFailure(`${url} answered ${res.status()}`);
  return (await res.json()) as T;
}

async function addPerson(page: Page, label: 'Pupils' | 'Staff', name: string): Promise<void> {
  const box = page.getByLabel(`Add ${label.toLowerCase()}`);
  await box.fill(name.split(' ').at(-1)!);
  await page.getByRole('button', { name: `Add ${name}`, exact: true }).first().click();
  await visible(page.getByRole('button', { name: `Remove ${name}`, exact: true }));
}

interface Cert { staffId: string; staffName: string; expiresOn: string; techniqueCodes: string[]; status: string; revoked: boolean }

export const visitsJourney: Journey = {
  name: 'visits: planned, a handling plan needs a trained adult, one is added, parent consents, EVC and head approve, the visit leaves',
  async run({ baseUrl, browser, password }) {
    const day = plusDays(londonToday(), 14);
    const parent = await signInAs(browser, baseUrl, 'parent', password, 390);
    const staff = await signInAs(browser, baseUrl, 'staff', password, 390);
    try {
      const children = (await getJson<{ items: { id: string; displayName: string }[] }>(parent, `${baseUrl}/api/v1/parent/children`)).items;
      if (children.length < 2) throw new JourneyFailure('the demo parent should have two children');

      // plan the visit
      await staff.goto(`${baseUrl}/visits`);
      await visible(staff.getByRole('heading', { level: 1, name: 'Off-site visits' }));
      await staff.getByRole('button', { name: 'Plan a visit' }).click();
      await staff.getByLabel('Purpose').fill('Year 9 science: the Energy gallery');
      await staff.getByLabel('Venue').fill('Science and Industry Museum');
      await staff.getByLabel('Leaves on').fill(uk(day));
      await staff.getByLabel('Transport').fill('Hired coach');
      await staff.getByRole('combobox', { name: 'Category' }).click();
      await staff.getByRole('option', { name: /^B: / }).click();
      await check(staff, 'plan a visit', 'visits-new-390');
      await staff.getByRole('button', { name: 'Save the draft' }).click();
      await visible(staff.getByRole('heading', { level: 1, name: 'Year 9 science: the Energy gallery' }));
      const visitId = new URL(staff.url()).pathname.split('/').at(-1)!;
      await hasText(staff.getByRole('region', { name: 'Before the visit leaves' }), /Missing/i);

      // an itinerary stop, and both children
      const itinerary = staff.getByRole('region', { name: 'Itinerary' });
      await itinerary.getByLabel('Time (HH:MM)').fill('09:15');
      await itinerary.getByLabel('Where').fill('Leave school by coach');
      await itinerary.getByRole('button', { name: 'Add the stop' }).click();
      await hasText(itinerary, /09:15 · Leave school by coach/);
      // a stop added by mistake comes off again on its own
      await itinerary.getByLabel('Time (HH:MM)').fill('10:40');
      await itinerary.getByLabel('Where').fill('Wrong museum');
      await itinerary.getByRole('button', { name: 'Add the stop' }).click();
      await hasText(itinerary, /10:40 · Wrong museum/);
      await itinerary.getByRole('button', { name: /^Remove the stop at Wrong museum/ }).click();
      await itinerary.getByText(/Wrong museum/).waitFor({ state: 'detached' });
      await hasText(itinerary, /09:15 · Leave school by coach/);
      for (const c of children) await addPerson(staff, 'Pupils', c.displayName);

      // who is (not) certified for the holds in the children's plans on the visit day: the lead reads the site's certificates
      const visit = await getJson<{ siteId: string; pupils: { holds: { techniqueCode: string }[] }[] }>(staff, `${baseUrl}/api/v1/visits/${visitId}`);
      const holds = [...new Set(visit.pupils.flatMap((p) => p.holds.map((h) => h.techniqueCode)))];
      if (!holds.length) throw new JourneyFailure('the demo child should have approved holds in an active plan');
      const lead = await signInAs(browser, baseUrl, 'behaviour_lead', password, 1366);
      const certs = (await getJson<{ items: Cert[] }>(lead, `${baseUrl}/api/v1/training/certificates?siteId=${visit.siteId}`)).items.filter((c) => !c.revoked && c.expiresOn > day && c.status !== 'in_grace' && c.status !== 'expired');
      const covers = (staffId: string) => holds.every((h) => certs.some((c) => c.staffId === staffId && c.techniqueCodes.includes(h)));
      const site = (await getJson<{ items: { id: string; displayName: string }[] }>(staff, `${baseUrl}/api/v1/staff?siteId=${visit.siteId}&pageSize=500`)).items;
      const named = (s: { displayName: string }) => /^[A-Za-z'-]+ [A-Za-z'-]+$/.test(s.displayName) && site.filter((x) => x.displayName.split(' ').at(-1) === s.displayName.split(' ').at(-1)).length === 1;
      const untrained = site.find((s) => named(s) && !covers(s.id) && !holds.some((h) => certs.some((c) => c.staffId === s.id && c.techniqueCodes.includes(h))));
      const trained = site.find((s) => named(s) && covers(s.id));
      if (!untrained || !trained) throw new JourneyFailure('need one certified and one uncertified member of staff at the site');

      await addPerson(staff, 'Staff', untrained.displayName);
      await staff.getByRole('button', { name: `Make ${untrained.displayName} the leader` }).click();
      await hasText(staff.getByRole('region', { name: 'Plan' }), new RegExp(`Leader: ${untrained.displayName}`));
      await visible(staff.getByText('Needs a trained adult').first());
      await hasText(staff.getByRole('region', { name: 'Before the visit leaves' }), /No certified adult on the visit/);
      await check(staff, 'visit: a pupil needs a trained adult', 'visits-flagged-390');
      await addPerson(staff, 'Staff', trained.displayName);
      await hasText(staff.getByRole('region', { name: 'Pupils' }), new RegExp(`certified on the visit: ${trained.displayName}`));
      if (await staff.getByText('Needs a trained adult').count()) throw new JourneyFailure('the trained-adult flag did not clear');

      // the risk assessment, confirmed, and submitted
      await staff.getByLabel(/Travel by coach or minibus/).click();
      await visible(staff.getByText(/A pupil leaves the group at a stop/).first());
      await staff.getByRole('button', { name: 'Confirm the risk assessment is complete' }).click();
      await visible(staff.getByText(/Confirmed complete by Sam Okafor/));
      await staff.getByRole('button', { name: 'Submit for approval' }).click();
      await visible(staff.getByText('Awaiting the EVC'));

      // the parent consents for both children in the portal
      await parent.goto(`${baseUrl}/parent/visits`);
      await visible(parent.getByRole('heading', { level: 1, name: 'School visits' }));
      const card = parent.getByRole('region', { name: 'Year 9 science: the Energy gallery' });
      await visible(card);
      await check(parent, 'parent: school visits', 'visits-parent-390');
      for (const c of children) {
        const form = card.getByRole('region', { name: `Consent for ${c.displayName}` });
        await form.getByLabel('Yes, I give consent').check();
        await form.getByLabel('Medical information for the day (medicines, allergies)').fill('Hay fever tablets in the front pocket of the bag');
        await form.getByLabel('Who to call on the day').fill('Joanne Whitaker');
        await form.getByLabel('Their telephone number').fill('07700 900123');
        await form.getByRole('button', { name: 'Send my answer' }).click();
        await visible(form.getByText(/You gave consent/));
      }
      await screenshot(parent, 'visits-parent-consented-390');

      // the EVC approves, then the head
      await lead.goto(`${baseUrl}/visits/${visitId}`);
      await visible(lead.getByRole('heading', { level: 1, name: 'Year 9 science: the Energy gallery' }));
      await lead.getByLabel(/^Comment/).fill('Quiet room booked with the museum: good.');
      await lead.getByRole('button', { name: 'Approve' }).click();
      await visible(lead.getByText('Awaiting the head'));
      await lead.context().close();
      const head = await signInAs(browser, baseUrl, 'head', password, 1366);
      await head.goto(`${baseUrl}/visits/${visitId}`);
      await visible(head.getByText('Awaiting the head'));
      await head.getByRole('button', { name: 'Approve' }).click();
      await visible(head.getByText('Approved', { exact: true }));
      await head.context().close();

      // the gate opens: every item done, the visit leaves
      await staff.reload();
      await visible(staff.getByText('Approved', { exact: true }));
      const missing = await staff.getByRole('region', { name: 'Before the visit leaves' }).getByText('Missing').count();
      if (missing) throw new JourneyFailure(`${missing} checklist items still missing`);
      await hasText(staff.getByRole('region', { name: 'Pupils' }), /Through the parent portal/);
      await check(staff, 'visit approved, checklist complete', 'visits-approved-390');
      await staff.getByRole('button', { name: 'Mark departed' }).click();
      await visible(staff.getByText('Out on the visit'));

      // the day sheet on the phone
      await staff.getByRole('link', { name: 'Day sheet', exact: true }).click();
      await visible(staff.getByRole('heading', { level: 1, name: 'Day sheet' }));
      await hasText(staff.getByRole('list', { name: 'Pupils on the visit' }), /Hay fever tablets/);
      await hasText(staff.getByRole('list', { name: 'Pupils on the visit' }), /07700 900123/);
      await check(staff, 'day sheet', 'visits-day-sheet-390');
      const pdf = await staff.request.get(`${baseUrl}/api/v1/visits/${visitId}/day-sheet.pdf`);
      if (pdf.status() !== 200 || !(await pdf.body()).subarray(0, 5).toString().startsWith('%PDF')) throw new JourneyFailure(`the day sheet PDF answered ${pdf.status()}`);

      // the visit at desktop width
      await staff.setViewportSize({ width: 1366, height: 900 });
      await staff.goto(`${baseUrl}/visits/${visitId}`);
      await visible(staff.getByText('Out on the visit'));
      await check(staff, 'visit at desktop width', 'visits-departed-desktop');
    } finally {
      await staff.context().close();
      await parent.context().close();
    }
  },
};
