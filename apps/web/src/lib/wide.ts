/** The width from which pages show tables rather than card lists: Mantine's `sm` breakpoint (48em, 768 px). */
export const WIDE_MEDIA = '(min-width: 48em)';

/** Whether the window is that wide now (outside React; components use `useWide`, which follows changes). */
export function isWideNow(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(WIDE_MEDIA).matches;
}
