/** Entry point: providers (Mantine, TanStack Query) and the router. */
import './mantine-styles';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { isApiError } from './lib/api';
import { meQueryKey } from './features/auth/auth.api';
import { router } from './router';
import { cssVariablesResolver, theme } from './theme';

/** A 401 anywhere means the session ended (timed out or signed out elsewhere): show the sign-in page. */
function onAnyError(error: unknown, meta: Record<string, unknown> | undefined): void {
  if (isApiError(error) && error.status === 401 && !meta?.skipGlobal401) {
    queryClient.setQueryData(meQueryKey, null);
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onAnyError(error, query.meta) }),
  mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => onAnyError(error, mutation.meta) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('No #root element');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
