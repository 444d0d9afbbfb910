/** The signed-in user's own API tokens (DAT-5). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { TApiToken, TApiTokenCreate, TApiTokenCreated } from '../../lib/types';

const key = ['me', 'api-tokens'] as const;

export function useApiTokens() {
  return useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<{ items: TApiToken[] }>('/me/api-tokens', undefined, signal) });
}

export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TApiTokenCreate) => api.post<TApiTokenCreated>('/me/api-tokens', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<unknown>(`/me/api-tokens/${encodeURIComponent(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
