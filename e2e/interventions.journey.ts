/**
 * Support interventions (issue 16 §1, SUP-3 / ANA-5): the behaviour lead, on a phone (390 px), starts a
 * check-in/check-out intervention for three pupils from the catalogue, records a session's register and a day's
 * points, records a baseline SDQ, and reads its impact with the counts behind each rate; then the same page at
 * desktop width, the list, and the catalogue. axe and no sideways scrolling on each page.
 */
import type { Page } from 'playwright-core';
import { assertNoHorizontalScroll, checkAccessibility, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
import { signInAs } from './everyRoute.ts';

const uk = (iso: string) => iso.split('-').reverse().join('/');
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const plusDays = (iso: string, n: number) => { const d = new Date(`${iso}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };

async function check(page: Page, label: string, shot: string): Promise<void> {
  await checkAccessibility(page, label);
  await assertNoHorizontalScroll(page, label);
  await screenshot(page, shot);
}

/** The school days of the last eight weeks up to yesterday, from the calendar the pages use. */
async function recentSchoolDays(page: Page, baseUrl: string, siteId: string): Promise<string[]> {
  const to = plusDays(londonToday(), -1);
  const res = await page.request.get(`${baseUrl}/api/v1/calendar/school-days?siteId=${siteId}&from=${plusDays(to, -56)}&to=${to}`);
  const days = (await res.json() as { days: { date: string; schoolDay: boolean }[] }).days.filter((d) => d.schoolDay).map((d) => d.date);
  if (days.length < 10) throw new JourneyFailure('the calendar has too few recent school days');
  return days;
}

export const interventionsJourney: Journey = {
  name: 'interventions',
  async run({ baseUrl, browser, password }) {
    const page = await signInAs(browser, baseUrl, 'behaviour_lead', password, 390);
    try {
      const me = await (await page.request.get(`${baseUrl}/api/v1/me`)).json() as { sites: { id: string }[] };
      const siteId = me.sites[0]!.id;
      const days = await recentSchoolDays(page, baseUrl, siteId);
      const start = days.at(-8)!;
      const roll = await (await page.request.get(`${baseUrl}/api/v1/pupils?siteId=${siteId}&pageSize=60`)).json() as { items: { id: string; displayName: string }[] };
      const names = [roll.items[20], roll.items[31], roll.items[42]].map((p) => p!.displayName);

      await page.goto(`${baseUrl}/support-interventions`);
      await visible(page.getByRole('heading', { level: 1, name: 'Support interventions' }));
      await visible(page.getByText('SEMH group: Wednesday nurture').first());
      await check(page, 'support interventions', 'interventions-list-390');

      // start check-in/check-out for three pupils
      await page.getByRole('button', { name: 'Start an intervention' }).click();
      const dialog = page.getByRole('dialog', { name: 'Start a support intervention' });
      await dialog.getByLabel('Intervention').click();
      await page.getByRole('option', { name: /^Check-in\/check-out/ }).click();
      await dialog.getByLabel('Title (optional)').fill('CICO: spring push');
      await dialog.getByLabel('Starts').fill(uk(start));
      for (const name of names) {
        await dialog.getByLabel('Add a pupil').fill(name); // the whole name: one option, not a list that moves as it loads
        await page.getByRole('option', { name: new RegExp(`^${name}`) }).first().click();
        await dialog.getByRole('button', { name: 'Add pupil' }).click();
      }
      await dialog.getByLabel(`Targets for ${names[0]}`).first().fill('Arrive on time\nAverage 7 points a day');
      await checkAccessibility(page, 'start an intervention');
      await screenshot(page, 'interventions-start-390');
      await dialog.getByRole('button', { name: 'Start the intervention' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'CICO: spring push' }), 15_000);
      for (const name of names) await visible(page.getByRole('link', { name }).first());

      // a session held two school days after the start, one pupil absent
      await page.getByRole('button', { name: 'Record a session' }).click();
      const reg = page.getByRole('dialog', { name: 'Record a session' });
      await reg.getByLabel('Date of the session').fill(uk(days.at(-6)!));
      await reg.getByText('Absent', { exact: true }).nth(1).click();
      await reg.getByRole('button', { name: 'Save the register' }).click();
      await visible(page.getByText('1 session so far', { exact: false }));

      // a day's points
      const points = page.getByRole('region', { name: 'Daily points' });
      await points.getByLabel('Day').fill(uk(days.at(-6)!));
      for (const [n, name] of names.entries()) await points.getByLabel(`Points for ${name}`).fill(String(6 + n));
      await points.getByRole('button', { name: 'Save points' }).click();
      await visible(page.getByText(`Points for ${uk(days.at(-6)!)} saved.`));

      // a baseline SDQ
      await page.getByRole('button', { name: 'Record a measure' }).click();
      const m = page.getByRole('dialog', { name: 'Record a measure' });
      await m.getByRole('combobox', { name: /^Measure/ }).click();
      await page.getByRole('option', { name: 'SDQ total difficulties' }).click();
      await m.getByLabel('Score').fill('18');
      await m.getByLabel('Date').fill(uk(start));
      await m.getByRole('button', { name: 'Save the measure' }).click();
      await visible(page.getByText('18 – High'));

      // impact: the counts and school days behind each rate
      const impact = page.getByRole('region', { name: 'Impact' });
      await visible(impact.getByRole('rowheader', { name: 'The group (per pupil)' }), 15_000);
      await visible(impact.getByText(/in 30 school days/).first());
      await visible(impact.getByText('In progress:', { exact: false }));
      await check(page, 'support intervention', 'interventions-one-390');

      // the same page at desktop width: the register as a table of sessions × pupils
      const url = page.url();
      const wide = await signInAs(browser, baseUrl, 'behaviour_lead', password, 1366);
      try {
        await wide.goto(url);
        await visible(wide.getByRole('heading', { level: 1, name: 'CICO: spring push' }));
        await visible(wide.getByRole('table', { name: 'Sessions held, latest first' }));
        await visible(wide.getByRole('rowheader', { name: 'The group (per pupil)' }));
        await check(wide, 'support intervention (desktop)', 'interventions-one-1366');
        const incidents = wide.getByRole('button', { name: /incidents? before the start for the group/ });
        if (await incidents.count()) {
          await incidents.first().click();
          await visible(wide.getByRole('list', { name: 'Incidents counted' }));
          await checkAccessibility(wide, 'impact drill-down');
          await screenshot(wide, 'interventions-drill-1366');
        }
      } finally { await wide.context().close(); }

      // the pupil's page lists it
      await page.getByRole('link', { name: names[0]! }).first().click();
      await visible(page.getByRole('region', { name: 'Support interventions' }));
      await visible(page.getByRole('link', { name: 'CICO: spring push' }));
      await check(page, 'pupil with support', 'interventions-pupil-390');
    } finally { await page.context().close(); }
  },
};
