/** The first-run API (no one is signed in yet): is setup waiting, check the one-time code, set Haven up. */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { TSetupInput, TSetupProposal, TSetupResult } from '@haven/contracts';
import { api, ApiError } from '../../lib/api';

/** True while this server waits to be set up; false once a trust exists (the API answers 404). */
export function useSetupNeeded() {
  return useQuery({
    queryKey: ['setup'],
    queryFn: async () => {
      try { await api.get('/setup'); return true; } catch (e) { if (e instanceof ApiError && e.status === 404) return false; throw e; }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export const useCheckSetupCode = () => useMutation({ mutationFn: (code: string) => api.post<TSetupProposal>('/setup/check', { code }), meta: { skipGlobal401: true } });
export const useRunSetup = () => useMutation({ mutationFn: (body: TSetupInput) => api.post<TSetupResult>('/setup', body), meta: { skipGlobal401: true } });
