/** Shared pieces for the browser journeys: Chromium from Debian, axe on every page, screenshots, sign-in. */
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Download, type Locator, type Page } from 'playwright-core';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Mailbox } from './mailbox.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test-results/screenshots');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

export class JourneyFailure extends Error {}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the current page; any violation fails the journey. axe is put into every
 * frame of the page and run there, as axe's own guide for a browser driver does. (@axe-core/playwright's `analyze()`
 * did the same and then opened a blank page to merge the frames' results: about a second more for each of the
 * hundreds of checks a test run makes, half of the admin journey's time.)
 */
export async function checkAccessibility(page: Page, label: string): Promise<void> {
  await page.mainFrame().evaluate(AXE_SOURCE);
  // a child frame that navigates or goes while axe is put in is left out, as axe leaves a frame it cannot reach
  for (const frame of page.frames().filter((f) => f !== page.mainFrame())) await frame.evaluate(AXE_SOURCE).catch(() => undefined);
  const options: RunOptions = { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] };
  const violations = await page.evaluate(async (opts) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe;
    return (await axe.run(document, opts)).violations;
  }, options);
  if (violations.length) {
    const detail = violations.map((v) => `  ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}]`).join(', ')}`).join('\n');
    throw new JourneyFailure(`axe found ${violations.length} violation(s) on ${label}:\n${detail}`);
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** No horizontal scrolling at the current viewport (the 390 px phone check). */
export async function assertNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (over > 1) throw new JourneyFailure(`${label} scrolls sideways by ${over}px at ${page.viewportSize()?.width}px wide`);
}

/** Runs click() and waits for the download it starts (the context needs acceptDownloads): the file and its name. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ file: Buffer; name: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), click()]) as [Download, void];
  const p = await dl.path();
  if (!p) throw new JourneyFailure('the download did not complete');
  return { file: fs.readFileSync(p), name: dl.suggestedFilename() };
}

export interface JourneyContext {
  baseUrl: string; browser: Browser; password: string;
  /** The test mailbox the server sends to: only for a journey with `mail: true` (e2e/mailbox.ts). */
  mailbox?: Mailbox;
}
/** `mail: true` runs the journey on a server that sends email to `ctx.mailbox` (letters then go by email, not by hand). */
export interface Journey { name: string; mail?: boolean; run(ctx: JourneyContext): Promise<void> }

/** Waiting assertions (playwright-core ships no `expect`): each polls until true or fails naming what it waited for. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try { if (await check()) return; } catch { /* not yet */ }
    if (Date.now() > end) throw new JourneyFailure(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
export async function visible(l: Locator, timeoutMs = 10_000): Promise<void> {
  await until(`${l} to be visible`, () => l.first().isVisible(), timeoutMs);
}
export async function absent(l: Locator): Promise<void> {
  await until(`${l} to be absent`, async () => (await l.count()) === 0);
}
export async function hasText(l: Locator, re: RegExp): Promise<void> {
  await until(`${l} to contain ${re}`, async () => re.test(await l.first().innerText()));
}
export async function hasValue(l: Locator, value: string): Promise<void> {
  await until(`${l} to have value ${value}`, async () => (await l.inputValue()) === value);
}
export async function notText(l: Locator, text: string): Promise<void> {
  await until(`${l} to stop saying ${text}`, async () => (await l.first().innerText()).trim() !== text);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const a = s.address(); s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port')))); });
  });
}

/** Until the server answers /api/ready (its database too), or fails if it exits first. */
export async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the server exited early with code ${child.exitCode}`);
    try { if ((await fetch(`${url}/api/ready`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('the server did not become ready in time');
}

/**
 * The day the journeys record their early-morning incidents on (times 00:05–00:40, always past by day), as dd/mm/yyyy:
 * today, or yesterday before 01:00 in London, when those times are still to come and the form would refuse them.
 */
export function earlyMorningDay(): { day: string; yesterday: boolean } {
  const fmt = (d: Date, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', ...o }).format(d);
  const yesterday = Number(fmt(new Date(), { hour: '2-digit', hourCycle: 'h23' })) < 1;
  const when = yesterday ? new Date(Date.now() - 2 * 3600_000) : new Date();
  return { day: fmt(when, { day: '2-digit', month: '2-digit', year: 'numeric' }), yesterday };
}
