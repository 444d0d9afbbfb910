/**
 * A Vite plugin that writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every text asset of the build, at the
 * highest levels (the build pays once; every phone gets the smallest file). The server sends the copy the browser
 * accepts (`@fastify/static`'s preCompressed). Node's own zlib does the compressing.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

export function compressFile(file: string): void {
  const raw = fs.readFileSync(file);
  if (raw.length < MIN_BYTES) return;
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'haven-precompress',
    apply: 'build',
    configResolved(config) { outDir = path.resolve(config.root, config.build.outDir); },
    closeBundle() {
      for (const file of walk(outDir)) if (COMPRESSIBLE.test(file)) compressFile(file);
    },
  };
}
