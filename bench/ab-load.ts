/**
 * Compares the main-thread work of a page's cold load between builds of the web app, with less noise than Lighthouse
 * scores (which scale the host's own variation by four): each build is served over one scratch copy of the demo trust,
 * the builds take turns, and each load is traced in Chromium at 390 px with the CPU slowed 4×. Printed per build:
 * medians of the main thread's busy time, its blocking time (each task's time over 50 ms, as total blocking time
 * counts it, here up to the load's end), its style recalculation and layout time, and the largest contentful paint.
 *
 *   npx tsx bench/ab-load.ts /pupils dist-folder-a dist-folder-b [...]     (AB_RUNS=7 by default)
 *
 * AB_NETWORK=1 also slows the network as Lighthouse's mobile profile does when DevTools applies it, so that the LCP
 * counts the downloads and round trips (then allow AB_RUNS × builds × about 15 s).
 *
 * A tool for comparing changes, not a benchmark: its figures are not ratios against a floor.
 */
import { chromium } from 'playwright-core';
import { createPostgres, signInStaff, siteOne, startApp } from './lib/setup.ts';

const [pagePath = '/pupils', ...dists] = process.argv.slice(2);
const runs = Number(process.env.AB_RUNS) || 7;
/** AB_NETWORK=1: Lighthouse's mobile network as DevTools applies it (slow 4G: 562.5 ms a request, 1.6 Mbps × 0.9). */
const slowNetwork = process.env.AB_NETWORK
  ? { offline: false, latency: 150 * 3.75, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 }
  : undefined;
const db = await createPostgres(20);
const site = await siteOne(db.database);
const [lead] = await signInStaff(db.database, site, 1, 'behaviour_lead');
const apps = await Promise.all(dists.map((d) => startApp(db.database, d)));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };
const results = dists.map(() => ({ busy: [] as number[], blocking: [] as number[], style: [] as number[], lcp: [] as number[] }));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };
for (let r = 0; r < runs; r += 1) {
  for (let i = 0; i < apps.length; i += 1) {
    const app = apps[i]!;
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await ctx.addCookies(lead!.headers.cookie!.split('; ').map((c) => { const [name, ...v] = c.split('='); return { name: name!, value: v.join('='), url: app.baseUrl }; }));
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    if (slowNetwork) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', slowNetwork);
    }
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await page.goto(app.baseUrl + pagePath, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000);
    const lcp = await page.evaluate(() => new Promise<number>((resolve) => {
      new PerformanceObserver((l) => { const e = l.getEntries(); resolve(e[e.length - 1]?.startTime ?? NaN); }).observe({ type: 'largest-contentful-paint', buffered: true });
      setTimeout(() => resolve(NaN), 500);
    }));
    const trace = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    await ctx.close();
    const mains = new Set(trace.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
    const byThread = new Map<string, number[]>();
    const styleByThread = new Map<string, number>();
    for (const e of trace) {
      const k = `${e.pid}/${e.tid}`;
      if (e.ph !== 'X' || !mains.has(k)) continue;
      if (e.name === 'RunTask') byThread.set(k, [...(byThread.get(k) ?? []), e.dur ?? 0]);
      if (e.name === 'UpdateLayoutTree' || e.name === 'Layout') styleByThread.set(k, (styleByThread.get(k) ?? 0) + (e.dur ?? 0));
    }
    const [thread, tasks = []] = [...byThread.entries()].sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0))[0] ?? [];
    results[i]!.style.push((styleByThread.get(thread ?? '') ?? 0) / 1000);
    results[i]!.busy.push(tasks.reduce((x, y) => x + y, 0) / 1000);
    results[i]!.blocking.push(tasks.reduce((x, y) => x + Math.max(0, y / 1000 - 50), 0));
    results[i]!.lcp.push(lcp);
  }
}
for (let i = 0; i < dists.length; i += 1) {
  const x = results[i]!;
  console.log(`${dists[i]}: busy ${median(x.busy).toFixed(0)} ms, blocking ${median(x.blocking).toFixed(0)} ms, style and layout ${median(x.style).toFixed(0)} ms, LCP ${median(x.lcp).toFixed(0)} ms  (busy ${x.busy.map((v) => v.toFixed(0)).join(' ')}; LCP ${x.lcp.map((v) => v.toFixed(0)).join(' ')})`);
}
await browser.close();
await Promise.all(apps.map((a) => a.close?.()));
await db.close?.();
process.exit(0);
