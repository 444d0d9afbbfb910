/**
 * Shows the sign-in page until /me answers with a user, then the app with that user in context. The set-password
 * page (from an invitation email) is public and shown to anyone, signed in or not.
 */
import type { ReactNode } from 'react';
import { Box, Center } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { MeContext } from '../../lib/usePolicy';
import { useMeQuery } from './auth.api';
import { SignInPage } from './SignInPage';
import { SET_PASSWORD_PATH, SetPasswordPage } from '../invitations/SetPasswordPage';

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
  if (!me.data) return <SignInPage />;
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}
