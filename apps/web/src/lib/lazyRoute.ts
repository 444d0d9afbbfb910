/**
 * Route-level code splitting that waits for sign-in. Every page of the router is its own chunk, loaded with
 * `lazyRouteComponent(() => import('./features/x/XPage'), 'XPage')` — this module's, which router.tsx imports in place
 * of TanStack Router's own. The router loads the chunk of the route an address matches as soon as the app starts;
 * for someone not signed in that page is never shown (the sign-in page is), so its chunk, and the schemas and labels
 * it pulls in, would be downloaded and run for nothing on the phone's first load. Here the import waits until a user
 * is known: at once when the CSRF cookie that comes with a session is there (the usual signed-in reload, so the page's
 * chunk loads beside /me, not after it), else when /me answers with a user (AuthGate calls `markSignedIn`).
 * Pattern and budget: docs/architecture.md, "Code splitting and the first load".
 */
import { lazyRouteComponent as tanstackLazyRouteComponent } from '@tanstack/react-router';
import { csrfToken } from './api';

let open: () => void = () => undefined;
const signedIn = new Promise<void>((resolve) => { open = resolve; });
if (csrfToken()) open();

/** Lets the pages' chunks load: a user is signed in. Safe to call more than once. */
export function markSignedIn(): void {
  open();
}

/**
 * Starts something a signed-in page needs as soon as someone is signed in: a page's first request from its route's
 * loader (render as you fetch), or the signed-in frame's code (router.tsx). On a signed-in reload it goes out beside
 * /me and the page's code instead of after them; for someone not yet signed in it waits for sign-in, as the pages'
 * code does. Never awaited by the router, never throws: the page's own query (or React.lazy) shows any error.
 */
export function prefetchWhenSignedIn(start: () => Promise<unknown>): void {
  void signedIn.then(start).catch(() => undefined);
}

/** TanStack Router's lazyRouteComponent, the import held back until someone is signed in. */
export const lazyRouteComponent: typeof tanstackLazyRouteComponent = (importer, exportName) =>
  tanstackLazyRouteComponent(() => signedIn.then(importer), exportName);
