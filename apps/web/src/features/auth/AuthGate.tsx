/**
 * Shows the sign-in page (or, at /setup, the first-run page) until /me answers with a user, then the app with that user
 * in context. The set-password page (from an invitation email) is public and shown to anyone, signed in or not.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Box, Center } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { MeContext } from '../../lib/usePolicy';
import { useMeQuery } from './auth.api';
import { SignInPage } from './SignInPage';
import { SET_PASSWORD_PATH, SetPasswordPage } from '../invitations/SetPasswordPage';

/** The first-run page (/setup) is for a server with no trust yet, before anyone can sign in: its own chunk. */
const SetupPage = lazy(() => import('../setup/SetupPage').then((m) => ({ default: m.SetupPage })));

export function AuthGate({ children }: { children: ReactNode }) {
  const path = useRouterState({ select: (st) => st.location.pathname });
  if (path === SET_PASSWORD_PATH) return <SetPasswordPage />;
  return <SignedIn>{children}</SignedIn>;
}

function SignedIn({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  if (me.isPending) {
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
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}
