/** Behaviour support plans (SUP-1): a pupil's plans, one plan, its history, the editor's choices and the trust's template. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TPlan, TPlanFields, TPlanHistory, TPlanList, TPlanOptions, TPlanTemplate } from '@haven/contracts';
import { api, apiUrl } from '../../lib/api';

const enc = encodeURIComponent;

export function usePupilPlans(pupilId: string) {
  return useQuery({ queryKey: ['plans', 'pupil', pupilId], queryFn: ({ signal }) => api.get<TPlanList>('/plans', { pupilId }, signal) });
}

export function usePlan(id: string) {
  return useQuery({ queryKey: ['plans', 'one', id], queryFn: ({ signal }) => api.get<TPlan>(`/plans/${enc(id)}`, undefined, signal) });
}

export function usePlanHistory(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['plans', 'history', id], queryFn: ({ signal }) => api.get<TPlanHistory>(`/plans/${enc(id)}/history`, undefined, signal), enabled });
}

export function usePlanOptions(pupilId: string, enabled = true) {
  return useQuery({ queryKey: ['plans', 'options', pupilId], queryFn: ({ signal }) => api.get<TPlanOptions>('/plans/options', { pupilId }, signal), enabled });
}

export const planPdfUrl = (id: string): string => apiUrl(`/plans/${enc(id)}/pdf`);

export function usePlanMutations() {
  const qc = useQueryClient();
  const done = (p: TPlan) => {
    qc.setQueryData(['plans', 'one', p.id], p);
    void qc.invalidateQueries({ queryKey: ['plans', 'pupil', p.pupilId] });
    void qc.invalidateQueries({ queryKey: ['plans', 'history', p.id] });
  };
  return {
    create: useMutation({ mutationFn: (b: { pupilId: string; startFrom: 'template' | 'previous' | 'other_site'; copyFromPlanId?: string }) => api.post<TPlan>('/plans', b), onSuccess: done }),
    save: useMutation({ mutationFn: (v: { id: string; body: Partial<TPlanFields> & { version: number } }) => api.patch<TPlan>(`/plans/${enc(v.id)}`, v.body), onSuccess: done }),
    sign: useMutation({ mutationFn: (v: { id: string; version: number }) => api.post<TPlan>(`/plans/${enc(v.id)}/sign`, { version: v.version }), onSuccess: done }),
    activate: useMutation({ mutationFn: (v: { id: string; version: number }) => api.post<TPlan>(`/plans/${enc(v.id)}/activate`, { version: v.version }), onSuccess: (p) => {
      done(p);
      void qc.invalidateQueries({ queryKey: ['plans', 'one'] });
    } }),
    acknowledge: useMutation({
      mutationFn: (v: { id: string; body: { version: number; contactId: string; method: string; acknowledgedAt: string; note?: string } }) => api.post<TPlan>(`/plans/${enc(v.id)}/acknowledgements`, v.body),
      onSuccess: done,
    }),
  };
}

export function usePlanTemplate() {
  return useQuery({ queryKey: ['plans', 'template'], queryFn: ({ signal }) => api.get<TPlanTemplate>('/plans/template', undefined, signal) });
}

export function useSavePlanTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { version: number; sections: TPlanTemplate['sections'] }) => api.put<TPlanTemplate>('/plans/template', b),
    onSuccess: (t) => qc.setQueryData(['plans', 'template'], t),
  });
}
