/**
 * Which element is each signed-in page's Largest Contentful Paint, and when it painted (issue 13's Lighthouse
 * figures): a cold load at Lighthouse's phone size with the CPU slowed 4×, over a scratch copy of the demo trust, as
 * a behaviour lead, using the app as built in apps/web/dist (`npm run build:web` first). Lighthouse's own LCP-element
 * audit does not run on this Chromium. A tool for finding what to change, not a benchmark.
 *
 *   npx tsx bench/lcp-element.ts /pupils /quick-log /analytics
 */
import { chromium } from 'playwright-core';
import { createPostgres, signInStaff, siteOne, startApp } from './lib/setup.ts';
const db = await createPostgres(20);
const app = await startApp(db.database, 'apps/web/dist');
const site = await siteOne(db.database);
const [lead] = await signInStaff(db.database, site, 1, 'behaviour_lead');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
for (const p of process.argv.slice(2)) {
  const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
  await ctx.addCookies(lead!.headers.cookie!.split('; ').map((c) => { const [name, ...v] = c.split('='); return { name: name!, value: v.join('='), url: app.baseUrl }; }));
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // a string, not a function: the TypeScript loader would rewrite a function to call a helper the page lacks
  await page.addInitScript(`window.__lcp = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp.push({ t: Math.round(e.startTime), size: e.size,
      el: e.element ? e.element.tagName + '.' + String(e.element.className).slice(0, 60) + ' "' + (e.element.textContent || '').slice(0, 60) + '"' : null }); })
      .observe({ type: 'largest-contentful-paint', buffered: true });`);
  await page.goto(app.baseUrl + p);
  await page.waitForTimeout(8000);
  console.log(p, JSON.stringify(await page.evaluate('window.__lcp'), null, 1));
  await ctx.close();
}
await browser.close(); process.exit(0);
