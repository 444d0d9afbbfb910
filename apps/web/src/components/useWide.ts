import { useMediaQuery } from '@mantine/hooks';
import { isWideNow, WIDE_MEDIA } from '../lib/wide';

/** True from Mantine's `sm` breakpoint (48em, 768 px) up: tables there, card lists below. */
export function useWide(): boolean {
  return useMediaQuery(WIDE_MEDIA, isWideNow(), { getInitialValueInEffect: false }) ?? false;
}
