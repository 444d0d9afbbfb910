/**
 * The first page of a load rendered after its first render, at a lower priority (React's useDeferredValue with an
 * initial value). React builds a low-priority render in slices of a few milliseconds, between which the browser
 * paints and answers a tap; an ordinary render, such as the one TanStack Router's store sets off when a page's code
 * has arrived, is one task however big. A page's first render is the biggest of a load: on a slow phone, about a
 * fifth of a second. Later pages (a click in the app) render at once, as before: nothing to wait for then.
 */
import { useDeferredValue, useState, type ReactNode } from 'react';

let firstShown = false;

export function FirstPageInSlices({ children }: { children: ReactNode }) {
  const [slices] = useState(() => !firstShown);
  firstShown = true;
  const ready = useDeferredValue(true, !slices);
  return ready ? children : null;
}
