/** Subject access requests (DAT-3) against /api/v1/subject-access. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TSarDecisionInput, TSarList, TSarRecord, TSarRecords, TSarSummary } from '@haven/contracts';
import { api, apiUrl } from '../../lib/api';

const enc = encodeURIComponent;

export function useSubjectAccessList(status: string | undefined) {
  return useQuery({ queryKey: ['subject-access', 'list', status], queryFn: ({ signal }) => api.get<TSarList>('/subject-access', { status }, signal), select: (d) => d.items });
}
export function useSubjectAccess(id: string) {
  return useQuery({ queryKey: ['subject-access', 'one', id], queryFn: ({ signal }) => api.get<TSarSummary>(`/subject-access/${enc(id)}`, undefined, signal) });
}
export function useSubjectAccessRecords(id: string, enabled: boolean) {
  return useQuery({ enabled, queryKey: ['subject-access', 'records', id], queryFn: ({ signal }) => api.get<TSarRecords>(`/subject-access/${enc(id)}/records`, undefined, signal) });
}
export const downloadUrl = (id: string, format: 'pdf' | 'archive') => apiUrl(`/subject-access/${enc(id)}/download/${format}`);

export function useSubjectAccessMutations(id?: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['subject-access'] });
  return {
    create: useMutation({ mutationFn: (body: unknown) => api.post<TSarSummary>('/subject-access', body), onSuccess: done }),
    update: useMutation({ mutationFn: (body: unknown) => api.patch<TSarSummary>(`/subject-access/${enc(id ?? '')}`, body), onSuccess: done }),
    move: useMutation({ mutationFn: (body: unknown) => api.post<TSarSummary>(`/subject-access/${enc(id ?? '')}/status`, body), onSuccess: done }),
    decide: useMutation({ mutationFn: (body: TSarDecisionInput) => api.put<TSarRecord>(`/subject-access/${enc(id ?? '')}/decisions`, body), onSuccess: done }),
    release: useMutation({ mutationFn: (version: number) => api.post<TSarSummary>(`/subject-access/${enc(id ?? '')}/release`, { version }), onSuccess: done }),
  };
}
