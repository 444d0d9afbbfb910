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
// the chunks every page runs nearly in full as it starts: V8 compiles them on a background thread as they download
// (build/compile-hints.ts). Not the pages' chunks, most of whose functions wait for a click: eager compilation of
// all of them made the axe sweep of 88 routes about 6% slower for no gain at first paint.
const STARTUP_CHUNKS = ['index', 'react', 'tanstack'];

export default defineConfig({
  root,
  base: '/',
  plugins: [mantineThemeCss(), react(), appIcons(), compileHints((name) => STARTUP_CHUNKS.includes(name)), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP is script-src 'self': never inline scripts or assets as data: URIs.
    assetsInlineLimit: 0,
    sourcemap: false,
    // dist/.vite/manifest.json: what the first load imports (build/first-load.ts and its test hold it to the budget)
    manifest: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Vendor chunks (docs/architecture.md, "Code splitting and the first load"): React and TanStack are needed by
        // every page, so they get chunks of their own that keep their names (and the phone's cached copy) across
        // releases of the app. Mantine is not grouped: each page's chunk takes only the components it uses, and one
        // Mantine chunk would put every component in the sign-in page's first load. Charts (ECharts) are only ever
        // imported by the pages that draw them, so their group is loaded on those pages alone.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
            { name: 'tanstack', test: /[\\/]node_modules[\\/]@tanstack[\\/]/, priority: 10 },
            { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: { port: 4173 },
});
