/**
 * Every Mantine component the app uses is styled wherever it is used, on a page opened directly. The app loads
 * Mantine's component stylesheets where they are needed (mantine-styles.ts holds the shell's set; a feature imports
 * the rest, often through a local `*-styles.ts` module), so a page whose file uses a component without importing its
 * stylesheet looked right only after another page had loaded it — a Select's pills or a SegmentedControl unstyled
 * on a fresh load. This walks the sources: for each file, each component it imports from @mantine/core needs its
 * stylesheet (and those of the parts it is built from) in mantine-styles.ts, imported by the file itself, or
 * imported by a local module the file imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;
const STYLES = path.join(SRC, '../../../node_modules/@mantine/core/styles');

/** Components built from others whose stylesheets they need too. */
const PARTS: Record<string, string[]> = {
  MultiSelect: ['Combobox', 'Input', 'Pill', 'PillsInput'],
  TagsInput: ['Combobox', 'Input', 'Pill', 'PillsInput'],
  Select: ['Combobox', 'Input'],
  Autocomplete: ['Combobox', 'Input'],
  NativeSelect: ['Input'],
  TextInput: ['Input'],
  Textarea: ['Input'],
  PasswordInput: ['Input'],
  NumberInput: ['Input'],
  FileInput: ['Input'],
  Modal: ['ModalBase', 'Overlay', 'CloseButton'],
  Drawer: ['ModalBase', 'Overlay', 'CloseButton'],
  Menu: ['Popover'],
};

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const sheetsIn = (text: string) => [...text.matchAll(/['"]@mantine\/core\/styles\/([A-Za-z]+)\.css['"]/g)].map((m) => m[1]!);

function resolveLocal(from: string, spec: string): string | null {
  for (const ext of ['', '.ts', '.tsx']) {
    const p = path.resolve(path.dirname(from), spec + ext);
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return null;
}

describe('Mantine stylesheets', () => {
  it('every component a file uses has its stylesheet loaded with that file', () => {
    const global = new Set(sheetsIn(fs.readFileSync(path.join(SRC, 'mantine-styles.ts'), 'utf8')));
    const missing: string[] = [];
    for (const file of filesUnder(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      const used = [...text.matchAll(/import\s*\{([^}]+)\}\s*from\s*'@mantine\/core'/g)]
        .flatMap((m) => m[1]!.split(',').map((s) => s.trim().replace(/\s+as\s+.*/, '')))
        .filter((n) => /^[A-Z]/.test(n));
      const loaded = new Set([...global, ...sheetsIn(text)]);
      for (const m of text.matchAll(/import\s+(?:[^'"]+from\s+)?'(\.[^']+)'/g)) {
        const local = resolveLocal(file, m[1]!);
        if (local) for (const s of sheetsIn(fs.readFileSync(local, 'utf8'))) loaded.add(s);
      }
      for (const component of used) {
        for (const sheet of [component, ...(PARTS[component] ?? [])]) {
          if (fs.existsSync(path.join(STYLES, `${sheet}.css`)) && !loaded.has(sheet)) {
            missing.push(`${path.relative(SRC, file)}: ${component} needs ${sheet}.css`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
