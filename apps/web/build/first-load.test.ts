/** The sign-in page's first load stays within its JavaScript budget (issue 13): builds the web app into a scratch folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { FIRST_LOAD_JS_BUDGET, firstLoadJs } from './first-load.ts';

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
    expect(load.files.length).toBeGreaterThan(0);
    expect(load.files.some((f) => f.brotli < f.raw)).toBe(true); // the compressed copies were written
    expect(load.brotli, load.files.map((f) => `${f.file} ${f.brotli}`).join('\n')).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
    // a page's chunk in the first load means a route was imported eagerly (router.tsx must use lazyRouteComponent)
    expect(load.files.map((f) => f.file).filter((f) => /Page-/.test(f))).toEqual([]);
  }, 180_000);
});
