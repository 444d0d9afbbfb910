/**
 * What the sign-in page's first load costs in JavaScript, read from a build: the entry chunk of index.html and every
 * chunk it imports statically (what the browser fetches before anything runs — the modulepreload links), summed as
 * the Brotli copies the server sends (apps/web/build/precompress.ts). Chunks loaded later by import() are not counted:
 * pages wait for sign-in (src/lib/lazyRoute.ts). The unit test holds this under the budget; the Lighthouse benchmark
 * (bench/lighthouse.ts) measures what the browser actually downloads.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The sign-in page's first load, compressed (issue 13: at most 150 KB of JavaScript). */
export const FIRST_LOAD_JS_BUDGET = 150 * 1024;

interface ManifestChunk { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }

export interface FirstLoad { files: { file: string; raw: number; brotli: number }[]; raw: number; brotli: number }

function readManifest(dist: string): Record<string, ManifestChunk> {
  return JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}

/** A manifest entry's key and the keys of everything it imports statically, transitively. */
function staticClosure(manifest: Record<string, ManifestChunk>, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key]?.imports ?? []) visit(i);
  };
  visit(start);
  return seen;
}

export function firstLoadJs(dist: string): FirstLoad {
  const manifest = readManifest(dist);
  const entry = manifest['index.html'];
  if (!entry?.isEntry) throw new Error('The build manifest has no index.html entry');
  const files = [...staticClosure(manifest, 'index.html')].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js')).map((file) => {
    const abs = path.join(dist, file);
    const raw = fs.statSync(abs).size;
    // files under precompress's minimum size go out as they are
    const brotli = fs.existsSync(`${abs}.br`) ? fs.statSync(`${abs}.br`).size : raw;
    return { file, raw, brotli };
  });
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), brotli: files.reduce((s, f) => s + f.brotli, 0) };
}

/**
 * The JavaScript files a lazily loaded module (a page, the signed-in frame: its manifest key, such as
 * `src/features/pupils/PupilListPage.tsx`) needs beyond the first load. On a phone's HTTP/1.1 connection each costs a
 * round trip, six at a time, so the build keeps this count small (vite.config.ts, codeSplitting).
 */
export function filesBeyondFirstLoad(dist: string, key: string): string[] {
  const manifest = readManifest(dist);
  if (!manifest[key]) throw new Error(`The build manifest has no ${key}`);
  const first = staticClosure(manifest, 'index.html');
  return [...staticClosure(manifest, key)].filter((k) => !first.has(k)).map((k) => manifest[k]!.file);
}
