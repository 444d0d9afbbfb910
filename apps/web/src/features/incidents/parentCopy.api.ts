/** LAW-12: the parent's copy of the record of a physical intervention, per pupil (list, send, withhold, mark handed over). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../lib/api';
import type { TParentCopyList } from './types';

const enc = encodeURIComponent;
const key = (id: string) => ['incident', id, 'parent-copies'] as const;

export const parentCopyPreviewUrl = (id: string, pupilId: string) => apiUrl(`/incidents/${enc(id)}/parent-copies/preview`, { pupilId });

export function useParentCopies(id: string, enabled: boolean) {
  return useQuery({
    queryKey: key(id),
    queryFn: ({ signal }) => api.get<TParentCopyList>(`/incidents/${enc(id)}/parent-copies`, undefined, signal),
    enabled,
    // an email is sent in the background: look again while one is on its way
    refetchInterval: (q) => (q.state.data?.items.some((c) => c.status === 'sending') ? 3000 : false),
  });
}

export function useParentCopyAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: 'send' | 'withhold'; body: unknown }) => api.post<TParentCopyList>(`/incidents/${enc(id)}/parent-copies/${action}`, body),
    onSuccess: (list) => {
      qc.setQueryData(key(id), list);
      void qc.invalidateQueries({ queryKey: ['review-queue'] });
      void qc.invalidateQueries({ queryKey: ['communications'] });
    },
  });
}

export function useMarkCopySent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (communicationId: string) => api.post(`/communications/${enc(communicationId)}/mark-sent`, {}),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: key(id) });
      void qc.invalidateQueries({ queryKey: ['review-queue'] });
      void qc.invalidateQueries({ queryKey: ['communications'] });
    },
  });
}
