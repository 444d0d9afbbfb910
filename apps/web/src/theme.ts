/**
 * Mantine theme. Default palette, but shades chosen so that text meets WCAG 2.2 AA contrast (4.5:1) on white:
 * the primary colour uses shade 8, and dimmed, placeholder and error text are darkened.
 * Required fields carry `required` but no asterisk: as on GOV.UK services, optional fields say "(optional)".
 */
import { createTheme, NativeSelect, PasswordInput, TextInput, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  focusRing: 'auto',
  // users who ask their device for less motion get none (WCAG 2.3.3)
  respectReducedMotion: true,
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    TextInput: TextInput.extend({ defaultProps: { withAsterisk: false } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { withAsterisk: false } }),
    NativeSelect: NativeSelect.extend({ defaultProps: { withAsterisk: false } }),
    // Mantine 9 keeps every Select's and MultiSelect's list in the page, hidden, and positions it as the page mounts:
    // each one forced the browser to recompute the page's styles (the dashboard's filters: about 0.5 s on a slow
    // phone). A list is drawn when it opens instead; `aria-controls` names it only while open either way. A plain
    // object, not Combobox.extend, so the first bundle does not take in Combobox's code.
    Combobox: { defaultProps: { keepMounted: false } },
  },
});

/**
 * Light buttons, badges, alerts and the active navigation link: text at shade 9 on a tint no darker than shade 1,
 * so they keep AA contrast (4.5:1) when hovered too (Mantine's default hover tint is darker than its text allows).
 */
const PALETTE = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'] as const;
const lightVariantContrast: Record<string, string> = Object.fromEntries(PALETTE.flatMap((c) => [
  [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`],
  [`--mantine-color-${c}-light-hover`, `var(--mantine-color-${c}-1)`],
]));
// these palettes' darkest shade is below 4.5:1 on their own tint (a light alert's title, a light badge): darker still
Object.assign(lightVariantContrast, {
  '--mantine-color-green-light-color': '#1b5e20', '--mantine-color-orange-light-color': '#8a3208',
  '--mantine-color-yellow-light-color': '#6b4a00', '--mantine-color-lime-light-color': '#3b5f08',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': '#6c737a',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    ...lightVariantContrast,
  },
  dark: {},
});
