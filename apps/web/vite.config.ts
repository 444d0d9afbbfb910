/**
 * Vite config for the Haven web app. Built by the root script `npm run build:web` (which runs from the repo root),
 * so the root is pinned to this folder and the output goes to apps/web/dist, which the server serves.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress.ts';
import { appIcons } from './build/icons.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), appIcons(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP is script-src 'self': never inline scripts or assets as data: URIs.
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: { port: 4173 },
});
