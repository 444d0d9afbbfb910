/**
 * Shows the sign-in page (or, at /setup, the first-run page) until /me answers with a user, then the app with that user
 * in context. The set-password page (from an invitation email) and a child-protection file's one-time link page are public and shown to anyone, signed in or not.
 */
import { lazy, Suspense, useDeferredValue, useRef, type ReactNode } from 'react';
import { Box, Center } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { MeContext } from '../../lib/usePolicy';
import { useMeQuery } from './auth.api';
import { SignInPage } from './SignInPage';
import { markSignedIn } from '../../lib/lazyRoute';
import { SET_PASSWORD_PATH } from '../invitations/setPasswordPath';
import { CP_RECEIVE_PATH } from '../cp-transfer/receivePath';

/** The first-run page (/setup) is for a server with no trust yet, before anyone can sign in: its own chunk. */
const SetupPage = lazy(() => import('../setup/SetupPage').then((m) => ({ default: m.SetupPage })));
/** The set-password page, opened only from an invitation's link: its own chunk too. */
const SetPasswordPage = lazy(() => import('../invitations/SetPasswordPage').then((m) => ({ default: m.SetPasswordPage })));
/** The receiving school's page for a child-protection file's one-time link: public, its own chunk. */
const ReceivePage = lazy(() => import('../cp-transfer/ReceivePage').then((m) => ({ default: m.ReceivePage })));

export function AuthGate({ children }: { children: ReactNode }) {
  const path = useRouterState({ select: (st) => st.location.pathname });
  if (path === SET_PASSWORD_PATH) return <Suspense fallback={<Loading label="Loading Haven…" />}><SetPasswordPage /></Suspense>;
  if (path === CP_RECEIVE_PATH) return <Suspense fallback={<Loading label="Loading Haven…" />}><ReceivePage /></Suspense>;
  return <SignedIn>{children}</SignedIn>;
}

function SignedIn({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  // The first answer draws the signed-in app (the frame and the page, often hundreds of components) at a lower
  // priority, in slices a slow phone can paint and answer taps between: TanStack Query's own render of an answer is
  // urgent and one task however much it draws. Only the first: once the app is shown, a changed answer (a refetch, a
  // sign-out) is drawn at once, and the page is never swapped back to "Loading" under someone typing.
  const deferred = useDeferredValue(me.data);
  const shown = useRef(false);
  if (me.isPending || (me.data && !shown.current && deferred !== me.data)) {
    return (
      <Box component="main" id="main">
        <Loading label="Loading Haven…" />
      </Box>
    );
  }
  if (me.isError && me.data === undefined) {
    return (
      <Box component="main" id="main" p="md">
        <Center>
          <Box maw={480} w="100%">
            <h1 style={{ fontSize: 26 }}>Haven is not available</h1>
            <ErrorAlert error={me.error} title="Could not load your account" onRetry={() => void me.refetch()} />
          </Box>
        </Center>
      </Box>
    );
  }
  if (!me.data) {
    if (window.location.pathname === '/setup') return <Suspense fallback={<Loading label="Loading Haven…" />}><SetupPage /></Suspense>;
    return <SignInPage />;
  }
  markSignedIn();
  shown.current = true;
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}
