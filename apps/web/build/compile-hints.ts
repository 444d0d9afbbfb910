/**
 * A Vite plugin that marks the chunks every page runs nearly in full as it starts — the entry and the chunks it imports
 * statically (React, TanStack, the start-up code: vite.config.ts) — with V8's explicit compile hint,
 * `//# allFunctionsCalledOnLoad` on the first line: Chromium compiles their functions on a background thread while the
 * file downloads, instead of on the main thread the first time each is called (which a slow phone spends as blocking
 * time before the first page draws). Browsers without the hint read a
 * comment. The comment must be the file's first line, so it is added after minification (which drops comments).
 */
import type { Plugin } from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The entry chunks' file names and those of every chunk they import statically: what runs before any page. */
export function startUpChunks(bundle: Record<string, { type: string; isEntry?: boolean; imports?: string[] }>): Set<string> {
  const out = new Set<string>();
  const visit = (name: string) => {
    const c = bundle[name];
    if (out.has(name) || c?.type !== 'chunk') return;
    out.add(name);
    for (const i of c.imports ?? []) visit(i);
  };
  for (const [name, c] of Object.entries(bundle)) if (c.type === 'chunk' && c.isEntry) visit(name);
  return out;
}

export function compileHints(): Plugin {
  return {
    name: 'haven-compile-hints',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const marked = startUpChunks(bundle);
        for (const file of Object.values(bundle)) {
          if (file.type !== 'chunk' || !marked.has(file.fileName)) continue;
          file.code = `${COMPILE_HINT}\n${file.code}`;
          // one line more at the top: the source map's lines move down by one (the map is already its own asset)
          if (file.map) file.map.mappings = `;${file.map.mappings}`;
          const map = bundle[`${file.fileName}.map`];
          if (map?.type === 'asset' && typeof map.source === 'string') {
            const json = JSON.parse(map.source) as { mappings: string };
            json.mappings = `;${json.mappings}`;
            map.source = JSON.stringify(json);
          }
        }
      },
    },
  };
}
