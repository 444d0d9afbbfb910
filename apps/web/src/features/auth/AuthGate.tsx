/** Shows the sign-in page until /me answers with a user, then the app with that user in context. */
import type { ReactNode } from 'react';
import { Box, Center } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { MeContext } from '../../lib/usePolicy';
import { useMeQuery } from './auth.api';
import { SignInPage } from './SignInPage';

export function AuthGate({ children }: { children: ReactNode }) {
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
