/**
 * Mantine's context and theme without what MantineProvider does on every page load: Haven is always light (index.html
 * sets `data-mantine-color-scheme="light"` and `data-respect-reduced-motion` on <html>), and the theme's CSS
 * variables and breakpoint classes come from a stylesheet generated at build time (build/mantine-theme-css.ts,
 * imported below), not from <style> elements computed and inserted as the first page renders.
 */
import 'virtual:mantine-theme.css';
import type { ReactNode } from 'react';
import { MantineContext, MantineThemeProvider, type MantineTheme, type MantineThemeOverride } from '@mantine/core';

const noop = () => {};
const context = {
  colorScheme: 'light' as const,
  setColorScheme: noop,
  clearColorScheme: noop,
  getRootElement: () => document.documentElement,
  classNamesPrefix: 'mantine',
  cssVariablesSelector: ':root',
  withStaticClasses: true,
  deduplicateInlineStyles: false,
};

export function ThemeProvider({ theme, children }: { theme: MantineThemeOverride | MantineTheme; children: ReactNode }) {
  return (
    <MantineContext value={context}>
      <MantineThemeProvider theme={theme}>{children}</MantineThemeProvider>
    </MantineContext>
  );
}
