/**
 * The support team's rota (issue 15 §3, STF-3): the cluster lead opens the week's rota at desktop width (gaps and the
 * incident heatmap), then at 390 px covers an absence from Haven's suggestions and sends a member of staff to cover
 * at their site today; the member of staff (Sam Okafor) sees where they are today on a phone, on the rota page and on
 * their "my day". axe and no sideways scrolling on each page; screenshots kept.
 */
import type { Page } from 'playwright-core';
import { absent, assertNoHorizontalScroll, checkAccessibility, hasText, JourneyFailure, screenshot, visible, type Journey } from './lib.ts';
import { signInAs } from './everyRoute.ts';

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

async function check(page: Page, label: string, shot: string, scroll = true): Promise<void> {
  await checkAccessibility(page, label);
  if (scroll) await assertNoHorizontalScroll(page, label);
  await screenshot(page, shot);
}

/** A write through the API as the signed-in page (its cookie and CSRF token), for what the pages do not offer. */
async function post(page: Page, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(async ([p, b]) => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('haven_csrf='))?.slice('haven_csrf='.length) ?? '';
    const res = await fetch(`/api/v1${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) }, body: JSON.stringify(b) });
    return { status: res.status, json: await res.json() as unknown };
  }, [path, body] as const);
}

export const rotaJourney: Journey = {
  name: 'rota: an absence covered from a suggestion; where am I today at 390 px',
  async run({ baseUrl, browser, password }) {
    // the cluster lead's week at desktop width
    const desk = await signInAs(browser, baseUrl, 'cluster_lead', password, 1366);
    await desk.goto(`${baseUrl}/rota`);
    await visible(desk.getByRole('heading', { level: 1, name: 'Support team rota' }));
    await visible(desk.getByRole('heading', { name: /Gaps and conflicts/ }));
    await visible(desk.getByRole('heading', { name: 'Where incidents cluster' }));
    await check(desk, 'rota week (desktop)', 'rota-week-desktop', false);

    // …and at 390 px: the absences page, covering a slot from the suggestions
    const phone = await signInAs(browser, baseUrl, 'cluster_lead', password, 390);
    await phone.goto(`${baseUrl}/rota/exceptions`);
    await visible(phone.getByRole('heading', { level: 1, name: 'Absences and cover' }));
    await visible(phone.getByRole('button', { name: /^Find cover/ }).first(), 20_000);
    await check(phone, 'absences (390 px)', 'rota-absences-390');
    const buttons = phone.getByRole('button', { name: /^Find cover/ });
    let chosen: string | null = null;
    for (let i = 0; i < (await buttons.count()) && !chosen; i++) {
      await buttons.nth(i).click();
      const dialog = phone.getByRole('dialog');
      await visible(dialog.getByRole('heading', { name: 'Choose cover' }));
      const choose = dialog.getByRole('button', { name: /^Choose/ });
      await Promise.race([visible(choose.first(), 15_000), visible(dialog.getByText('Nobody in the support team is free and trained'), 15_000)]).catch(() => undefined);
      if (await choose.count()) {
        await check(phone, 'cover suggestions (390 px)', 'rota-suggestions-390');
        chosen = (await choose.first().innerText()).replace(/^Choose\s*/, '').trim();
        await choose.first().click();
      } else {
        await dialog.getByRole('button', { name: 'Close' }).first().click();
      }
    }
    if (!chosen) throw new JourneyFailure('no slot of the absence had anyone to suggest');
    await visible(phone.getByRole('status').filter({ hasText: 'now covers that slot' }));
    await visible(phone.getByText(`Covered by ${chosen}`).first());
    await check(phone, 'absence covered (390 px)', 'rota-covered-390');

    // the lead sends Sam Okafor to cover at their own site today (cover elsewhere), then Sam looks on a phone
    const me = await (await phone.request.get(`${baseUrl}/api/v1/me`)).json() as { sites: { id: string }[] };
    const staff = await (await phone.request.get(`${baseUrl}/api/v1/staff?siteId=${me.sites[0]!.id}&search=Okafor`)).json() as { items: { id: string; displayName: string }[] };
    const sam = staff.items.find((s) => s.displayName === 'Sam Okafor');
    if (!sam) throw new JourneyFailure('Sam Okafor is not a member of staff at the first site');
    const cover = await post(phone, '/rota/exceptions', { staffId: sam.id, date: londonToday(), kind: 'cover', siteId: me.sites[0]!.id, periodCode: 'P5', mode: 'walkabout', note: 'Walkabout on the top corridor' });
    if (cover.status !== 201) throw new JourneyFailure(`recording cover elsewhere answered ${cover.status}: ${JSON.stringify(cover.json)}`);

    const samPage = await signInAs(browser, baseUrl, 'staff', password, 390);
    await samPage.goto(`${baseUrl}/rota/today`);
    await visible(samPage.getByRole('heading', { level: 1, name: 'Where am I today' }));
    const list = samPage.getByRole('list', { name: 'Your periods today' });
    await visible(list.getByText('Walkabout').first());
    await hasText(list, /Period 5/);
    await check(samPage, 'where am I today (390 px)', 'rota-today-390');
    await samPage.goto(baseUrl);
    await visible(samPage.getByRole('heading', { name: 'Where you are today' }));
    await check(samPage, 'my day with the rota (390 px)', 'rota-my-day-390');
    // a member of staff cannot open the rota of the site: the page says so, and shows no gaps
    await samPage.goto(`${baseUrl}/rota`);
    await visible(samPage.getByRole('heading', { level: 1 }));
    await visible(samPage.getByRole('main').getByRole('alert'), 20_000);
    await absent(samPage.getByRole('heading', { name: /Gaps and conflicts/ }));
    await screenshot(samPage, 'rota-refused-staff-390');
    for (const p of [desk, phone, samPage]) await p.context().close();
  },
};
