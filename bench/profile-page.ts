/**
 * Where a signed-in page's first load spends its script time on a slow phone (issue 13's Lighthouse figures): builds
 * the web app with source maps into a scratch folder, serves it over a scratch copy of the demo trust, loads one page
 * in Chromium at 390 px with the CPU slowed 4× (as Lighthouse's mobile profile), records a CPU profile and prints the
 * functions, files and packages that took the time, named through the source maps.
 *
 *   npx tsx bench/profile-page.ts /quick-log            (FOCUS=isRTL also prints the call chains of that function)
 *
 * TASKS=12 also lists the long tasks (over 50 ms, from a trace), each with the 12 app, Mantine, TanStack and React
 * work-loop functions that took most of it. PROFILE_CPU=1 loads at full speed and counts tasks as Lighthouse's simulation
 * does (each × 4), which joins work that a slowed load would split.
 *
 * A tool for finding what to change, not a benchmark: its figures are not ratios against a floor.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SourceMapConsumer } from 'source-map';
import { createPostgres, signInStaff, siteOne, startApp } from './lib/setup.ts';

const DIST = path.join(os.tmpdir(), 'haven-web-sourcemapped');
const pagePath = process.argv[2] ?? '/quick-log';
if (!process.env.PROFILE_NO_BUILD) {
  execFileSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--sourcemap', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: path.join(import.meta.dirname, '..'), stdio: 'inherit' });
}
const db = await createPostgres(20);
const app = await startApp(db.database, DIST);
const site = await siteOne(db.database);
const [lead] = await signInStaff(db.database, site, 1, 'behaviour_lead');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
await ctx.addCookies(lead!.headers.cookie!.split('; ').map((c) => { const [name, ...v] = c.split('='); return { name: name!, value: v.join('='), url: app.baseUrl }; }));
const page = await ctx.newPage();
// a cold load, as Lighthouse makes it
const cdp = await ctx.newCDPSession(page);
// PROFILE_CPU=1 loads at full speed, as Lighthouse's simulation does before it multiplies each task by four: its long
// tasks are then those over 12.5 ms (printed as Lighthouse counts them, four times as long)
const RATE = Number(process.env.PROFILE_CPU) || 4;
await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const TASKS = Number(process.env.TASKS) || 0;
if (TASKS) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
await page.goto(app.baseUrl + pagePath, { waitUntil: 'networkidle' });
await page.waitForTimeout(2000);
const { profile } = await cdp.send('Profiler.stop') as { profile: { startTime: number; nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] } };
type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; beginData?: { totalObjects?: number } } };
const trace = TASKS ? (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents : [];
await browser.close();
await app.close?.();
await db.close?.();
const consumers = new Map<string, SourceMapConsumer | null>();
async function consumer(url: string) {
  if (!consumers.has(url)) {
    const file = path.join(DIST, new URL(url).pathname);
    consumers.set(url, fs.existsSync(`${file}.map`) ? await new SourceMapConsumer(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'))) : null);
  }
  return consumers.get(url)!;
}
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = new Map<number, string>();
for (const n of profile.nodes) {
  const cf = n.callFrame;
  let name = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}`;
  if (cf.url.includes('/assets/')) {
    const c = await consumer(cf.url);
    const pos = c?.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber });
    if (pos?.source) name = `${pos.name ?? cf.functionName ?? '(anon)'} ${pos.source.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/')}:${pos.line}`;
  }
  label.set(n.id, name);
}
const self = new Map<string, number>(); const incl = new Map<string, number>(); const pkg = new Map<string, number>();
let total = 0;
profile.samples.forEach((s, i) => {
  const d = profile.timeDeltas[i] ?? 0;
  const n = nodes.get(s)!;
  if (n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') return;
  total += d;
  const l = label.get(s)!;
  self.set(l, (self.get(l) ?? 0) + d);
  const file = l.split(' ')[1] ?? '';
  const k = file.startsWith('src/') ? file.split(':')[0]! : file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/');
  pkg.set(k, (pkg.get(k) ?? 0) + d);
  const seen = new Set<string>();
  for (let x: number | undefined = s; x !== undefined; x = parent.get(x)) { const lx = label.get(x)!; if (!seen.has(lx)) { seen.add(lx); incl.set(lx, (incl.get(lx) ?? 0) + d); } }
});
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / 1000).toFixed(0).padStart(6)} ms ${k}`).join('\n');
const focus = process.env.FOCUS;
if (focus) {
  const chains = new Map<string, number>();
  profile.samples.forEach((s, i) => {
    const l = label.get(s)!;
    if (!l.startsWith(focus)) return;
    const chain: string[] = [];
    for (let x: number | undefined = s; x !== undefined && chain.length < 40; x = parent.get(x)) chain.push(label.get(x)!.replace(/ react-dom.*|.production.js.*/, ''));
    const k = chain.filter((c) => !/^(\(anon\)|\(root\))/.test(c)).slice(0, 25).join(' < ');
    chains.set(k, (chains.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log([...chains].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${(v / 1000).toFixed(0)} ms: ${k}`).join('\n\n'));
}
if (TASKS) {
  // the page's long tasks (over 50 ms at 4×: what Lighthouse's total blocking time counts), each with what ran in it
  // the page's renderer (a navigation may change process): the renderer main thread that ran most
  const busyBy = new Map<string, number>();
  const mains = new Set(trace.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
  for (const e of trace) if (e.name === 'RunTask' && mains.has(`${e.pid}/${e.tid}`)) busyBy.set(`${e.pid}/${e.tid}`, (busyBy.get(`${e.pid}/${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...busyBy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = trace.filter((e) => `${e.pid}/${e.tid}` === main && e.ph === 'X');
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) { t += d; times.push(t); }
  const first = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts)[0]?.ts ?? 0;
  for (const task of onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) * (4 / RATE) >= 50_000).sort((a, b) => a.ts - b.ts)) {
    const end = task.ts + task.dur!;
    const inside = new Map<string, number>();
    let objects = 0;
    for (const e of onMain) {
      if (e.ts < task.ts || e.ts >= end || e === task || !['UpdateLayoutTree', 'Layout', 'Paint', 'EvaluateScript', 'v8.compileModule', 'v8.evaluateModule', 'ParseHTML', 'ParseAuthorStyleSheet', 'RunMicrotasks', 'FunctionCall', 'TimerFire', 'EventDispatch', 'V8.GC_SCAVENGER', 'MajorGC', 'MinorGC'].includes(e.name)) continue;
      inside.set(e.name, (inside.get(e.name) ?? 0) + (e.dur ?? 0));
      // a layout's size: the layout objects it laid out
      if (e.name === 'Layout') objects += e.args?.beginData?.totalObjects ?? 0;
    }
    const incl2 = new Map<string, number>();
    profile.samples.forEach((s, i) => {
      if (times[i]! < task.ts || times[i]! >= end) return;
      const d = profile.timeDeltas[i] ?? 0;
      const seen = new Set<string>();
      for (let x: number | undefined = s; x !== undefined; x = parent.get(x)) {
        const lx = label.get(x)!;
        if (seen.has(lx) || !/ (src\/|@mantine|@tanstack)|^(renderRootSync|renderRootConcurrent|commitRoot|performSyncWorkOnRoot) /.test(lx)) continue;
        seen.add(lx); incl2.set(lx, (incl2.get(lx) ?? 0) + d);
      }
    });
    console.log(`task at ${((task.ts - first) / 1000).toFixed(0)} ms: ${(task.dur! / 1000).toFixed(0)} ms${RATE === 4 ? '' : ` (${(task.dur! * 4 / RATE / 1000).toFixed(0)} ms at 4×)`}  [${[...inside].map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(', ')}]${objects ? ` layout objects ${objects}` : ''}`);
    console.log(top(incl2, TASKS).replace(/^/gm, '   '));
  }
}
console.log(`busy ${(total / 1000).toFixed(0)} ms\n--- self\n${top(self, 30)}\n--- by file/package\n${top(pkg, 30)}\n--- inclusive\n${top(incl, 70)}`);
process.exit(0);
