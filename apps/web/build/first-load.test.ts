/**
 * The sign-in page's first load stays within its JavaScript budget (issue 13), and the build's start-up work is done at
 * build time: builds the web app into a scratch folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { FIRST_LOAD_JS_BUDGET, filesBeyondFirstLoad, firstLoadJs } from './first-load.ts';
import { COMPILE_HINT } from './compile-hints.ts';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-web-build-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('first load', () => {
  it('the sign-in page downloads at most 150 KB of JavaScript, compressed, before it runs', async () => {
    // vitest runs with NODE_ENV=test, which would bundle React's development build: build as `npm run build:web` does
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const load = firstLoadJs(outDir);
    const assets = fs.readdirSync(path.join(outDir, 'assets'));
    expect(load.files.length).toBeGreaterThan(0);
    expect(load.files.some((f) => f.brotli < f.raw)).toBe(true); // the compressed copies were written
    expect(load.brotli, load.files.map((f) => `${f.file} ${f.brotli}`).join('\n')).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
    // a page's chunk in the first load means a route was imported eagerly (router.tsx must use lazyRouteComponent)
    expect(load.files.map((f) => f.file).filter((f) => /Page-/.test(f))).toEqual([]);

    // few files, not a dozen 1 KB ones: the first load is the entry, React, TanStack and the start-up code (and the
    // bundler's runtime), and the frame and a page each add a handful
    expect(load.files.length, load.files.map((f) => f.file).join('\n')).toBeLessThanOrEqual(5);
    for (const [key, most] of [['src/components/AppLayout.tsx', 4], ['src/features/pupils/PupilListPage.tsx', 5], ['src/features/quicklog/QuickLogPage.tsx', 5]] as const) {
      const files = filesBeyondFirstLoad(outDir, key);
      expect(files.length, `${key}:\n${files.join('\n')}`).toBeLessThanOrEqual(most);
    }

    // No page loads the schema library: the web app shows the contracts' codes and words (their zod-free *-codes.ts
    // modules) and imports their schemas' types only. zod was about 27 KB compressed and 15–25 ms of a slow phone's
    // start-up on the incident form and the dashboard. (Its bundled code names its error class: "ZodError".)
    const hasZod = (f: string) => fs.readFileSync(path.join(outDir, 'assets', f), 'utf8').includes('ZodError');
    expect(assets.filter((f) => f.endsWith('.js') && hasZod(f))).toEqual([]);

    // V8's compile hint heads the start-up chunks (the entry, React, TanStack) and no page's, the compressed copies included
    const js = assets.filter((f) => f.endsWith('.js'));
    const hinted = (f: string) => fs.readFileSync(path.join(outDir, 'assets', f), 'utf8').startsWith(`${COMPILE_HINT}\n`);
    // (the entry and what it imports statically: every file of the first load, and no page's)
    expect(js.filter(hinted).sort()).toEqual(load.files.map((f) => path.basename(f.file)).sort());
    expect(js.filter(hinted).map((f) => f.replace(/-[\w-]{8}\.js$/, ''))).toEqual(expect.arrayContaining(['index', 'react', 'tanstack']));
    const br = load.files.find((f) => f.brotli < f.raw)!.file;
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(outDir, `${br}.br`))).toString('utf8').startsWith(COMPILE_HINT)).toBe(true);

    // the theme's CSS variables and breakpoint classes are in the shell's stylesheet, not computed in the browser
    const shellCss = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8').match(/assets\/[\w-]+\.css/g) ?? [];
    expect(shellCss).toHaveLength(1);
    const css = shellCss.map((f) => path.basename(f)).map((f) => fs.readFileSync(path.join(outDir, 'assets', f), 'utf8')).join('');
    expect(css).toMatch(/--mantine-color-dimmed:\s*var\(--mantine-color-gray-7\)/);
    expect(css).toMatch(/\.mantine-hidden-from-sm\s*\{\s*display:\s*none\s*!important/);
    expect(js.some((f) => fs.readFileSync(path.join(outDir, 'assets', f), 'utf8').includes('data-mantine-styles":true'))).toBe(false);
  }, 180_000);
});
