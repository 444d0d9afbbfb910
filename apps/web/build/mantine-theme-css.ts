/**
 * A Vite plugin serving `virtual:mantine-theme.css`: the CSS variables of Haven's Mantine theme (src/theme.ts) and
 * Mantine's `hidden-from` / `visible-from` classes, computed at build time with Mantine's own functions. Mantine's
 * provider would compute both on every page load and put them in the page as <style> elements (about 75 ms of script
 * on a slow phone, and a recalculation of the page's styles); the app's provider (src/components/ThemeProvider.tsx)
 * leaves them to this stylesheet. Only the variables that differ from Mantine's defaults are written: the defaults
 * come from `@mantine/core/styles/default-css-variables.css` (src/mantine-styles.ts).
 */
import type { Plugin } from 'vite';
import { convertCssVariables, DEFAULT_THEME, defaultCssVariablesResolver, em, keys, mergeMantineTheme, px, type ConvertCSSVariablesInput } from '@mantine/core';
import { cssVariablesResolver, theme } from '../src/theme.ts';

const ID = 'virtual:mantine-theme.css';
// a path-like id ending in .css, so that Vite's CSS pipeline takes the module in
const RESOLVED = '/@haven/mantine-theme.css';

/** What Mantine's MantineCssVariables writes for this theme at :root, less what its default stylesheet already says. */
export function themeVariablesCss(): string {
  const merged = mergeMantineTheme(DEFAULT_THEME, theme);
  const ours = defaultCssVariablesResolver(merged);
  const extra = cssVariablesResolver(merged);
  const all: ConvertCSSVariablesInput = {
    variables: { ...ours.variables, ...extra.variables },
    light: { ...ours.light, ...extra.light },
    dark: { ...ours.dark, ...extra.dark },
  };
  const defaults = defaultCssVariablesResolver(DEFAULT_THEME);
  const changed = (part: keyof ConvertCSSVariablesInput) =>
    Object.fromEntries(Object.entries(all[part]).filter(([k, v]) => (defaults[part] as Record<string, string>)[k] !== v)) as Record<`--${string}`, string>;
  return convertCssVariables({ variables: changed('variables'), light: changed('light'), dark: changed('dark') }, ':root');
}

/** Mantine's MantineClasses, as a stylesheet: `hiddenFrom` and `visibleFrom` at the theme's breakpoints. */
export function breakpointClassesCss(): string {
  const merged = mergeMantineTheme(DEFAULT_THEME, theme);
  return keys(merged.breakpoints).map((bp) => {
    const value = merged.breakpoints[bp] ?? '';
    const isPx = value.includes('px');
    const n = px(value) as number;
    return `@media (max-width: ${isPx ? `${n - 0.1}px` : em(n - 0.1)}) {.mantine-visible-from-${bp} {display: none !important;}}`
      + `\n@media (min-width: ${isPx ? `${n}px` : em(n)}) {.mantine-hidden-from-${bp} {display: none !important;}}`;
  }).join('\n');
}

export function mantineThemeCss(): Plugin {
  return {
    name: 'haven-mantine-theme-css',
    enforce: 'pre',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `/* generated from src/theme.ts by build/mantine-theme-css.ts */\n${themeVariablesCss()}\n${breakpointClassesCss()}\n` : undefined),
  };
}
