/**
 * Vite config for the Haven web app. Built by the root script `npm run build:web` (which runs from the repo root),
 * so the root is pinned to this folder and the output goes to apps/web/dist, which the server serves.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress.ts';
import { appIcons } from './build/icons.ts';
import { mantineThemeCss } from './build/mantine-theme-css.ts';
import { compileHints } from './build/compile-hints.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [
    mantineThemeCss(), react(), appIcons(),
    // the chunks every page runs nearly in full as it starts (the entry's static imports): V8 compiles them on a
    // background thread as they download (build/compile-hints.ts). Not the pages' chunks, most of whose functions wait
    // for a click: eager compilation of all of them made the axe sweep of 88 routes about 6% slower for no gain.
    compileHints(),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP is script-src 'self': never inline scripts or assets as data: URIs.
    assetsInlineLimit: 0,
    sourcemap: false,
    // dist/.vite/manifest.json: what the first load imports (build/first-load.ts and its test hold it to the budget)
    manifest: true,
    // ECharts, loaded only by the chart pages, is about 610 kB before compression (170 kB Brotli)
    chunkSizeWarningLimit: 650,
    rolldownOptions: {
      output: {
        // Chunks (docs/architecture.md, "Code splitting and the first load"): React and TanStack are needed by every
        // page, so they get chunks of their own that keep their names (and the phone's cached copy) across releases of
        // the app. Everything else the entry imports statically (the sign-in page, the router, the Mantine parts they
        // use) is one start-up chunk. Mantine is not grouped: each page's chunk takes only the components it uses, and
        // one Mantine chunk would put every component in the sign-in page's first load. Charts (ECharts) are only ever
        // imported by the pages that draw them, so their group is loaded on those pages alone. The small chunks the
        // bundler would otherwise make of code two pages share (a hook, a 1 KB Mantine helper) are copied into the
        // chunks that use them: a signed-in page then loads 4 files instead of 12, which on a phone's HTTP/1.1
        // connection (six at a time, a round trip each) is what its first paint waits for, more than the bytes.
        codeSplitting: {
          experimentalInlineCommonChunks: { maxSize: 6 * 1024 },
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
            { name: 'tanstack', test: /[\\/]node_modules[\\/]@tanstack[\\/]/, priority: 10 },
            { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/, priority: 10 },
            { name: 'start', tags: ['$initial'], priority: 5 },
          ],
        },
      },
    },
  },
  // the charts' worker (features/analytics/charts/chart.worker.ts) is an ES module, as the page's code is
  worker: { format: 'es' },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: { port: 4173 },
});
