/** The theme's stylesheet says what Mantine's provider would have put in the page (build/mantine-theme-css.ts). */
import { describe, expect, it } from 'vitest';
import { breakpointClassesCss, themeVariablesCss } from './mantine-theme-css.ts';

describe('the Mantine theme stylesheet', () => {
  it("holds the theme's own variables, for the light colour scheme, and none of Mantine's defaults", () => {
    const css = themeVariablesCss();
    // src/theme.ts: primary shade 8, its fonts, the darkened dimmed and error text, the light variants' contrast
    expect(css).toContain('--mantine-color-blue-filled: var(--mantine-color-blue-8)');
    expect(css).toMatch(/:root\[data-mantine-color-scheme="light"\]\{[^}]*--mantine-color-dimmed: var\(--mantine-color-gray-7\)/);
    expect(css).toContain('--mantine-color-error: var(--mantine-color-red-9)');
    expect(css).toContain('--mantine-color-green-light-color: #1b5e20');
    expect(css).toContain('system-ui, -apple-system');
    // a default left out: the default stylesheet already sets it
    expect(css).not.toContain('--mantine-color-red-0:');
  });

  it("has Mantine's hiddenFrom and visibleFrom classes at each breakpoint", () => {
    const css = breakpointClassesCss();
    expect(css).toContain('@media (max-width: 47.99375em) {.mantine-visible-from-sm {display: none !important;}}');
    expect(css).toContain('@media (min-width: 48em) {.mantine-hidden-from-sm {display: none !important;}}');
    for (const bp of ['xs', 'sm', 'md', 'lg', 'xl']) expect(css).toContain(`.mantine-hidden-from-${bp}`);
  });
});
