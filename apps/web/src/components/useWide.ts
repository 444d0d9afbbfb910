import { useMediaQuery } from '@mantine/hooks';

/** True from Mantine's `sm` breakpoint (48em, 768 px) up: tables there, card lists below. */
export function useWide(): boolean {
  return useMediaQuery('(min-width: 48em)', typeof window !== 'undefined' && window.matchMedia('(min-width: 48em)').matches, {
    getInitialValueInEffect: false,
  }) ?? false;
}
