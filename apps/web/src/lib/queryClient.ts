/**
 * The app's one TanStack Query client: main.tsx provides it to React, and route loaders (router.tsx) use it to start
 * a page's first request while the page's code is still downloading. A 401 anywhere means the session ended (timed
 * out or signed out elsewhere): the sign-in page is shown.
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api';
import { meQueryKey } from '../features/auth/auth.api';

function onAnyError(error: unknown, meta: Record<string, unknown> | undefined): void {
  if (isApiError(error) && error.status === 401 && !meta?.skipGlobal401) {
    queryClient.setQueryData(meQueryKey, null);
  }
}

export const queryClient: QueryClient = new QueryClient({
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
