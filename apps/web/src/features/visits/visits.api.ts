/** Off-site visits (TRP-1 … TRP-4): list, one visit, its day sheet, settings, the writes; and a parent's consent. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TDaySheet, TVisit, ZParentVisitList, ZVisitList, ZVisitSettings } from '@haven/contracts';
import { api, apiUrl } from '../../lib/api';

export type TVisitList = z.infer<typeof ZVisitList>;
export type TVisitSettings = z.infer<typeof ZVisitSettings>;
export type TParentVisitList = z.infer<typeof ZParentVisitList>;

const id = (v: string) => encodeURIComponent(v);

export const useVisits = () => useQuery({ queryKey: ['visits'], queryFn: ({ signal }) => api.get<TVisitList>('/visits', undefined, signal) });
export const useVisit = (visitId: string) => useQuery({ queryKey: ['visits', visitId], queryFn: ({ signal }) => api.get<TVisit>(`/visits/${id(visitId)}`, undefined, signal) });
export const useDaySheet = (visitId: string) => useQuery({ queryKey: ['visits', visitId, 'day-sheet'], queryFn: ({ signal }) => api.get<TDaySheet>(`/visits/${id(visitId)}/day-sheet`, undefined, signal) });
export const useVisitSettings = () => useQuery({ queryKey: ['visit-settings'], queryFn: ({ signal }) => api.get<TVisitSettings>('/visit-settings', undefined, signal) });
export const daySheetPdfUrl = (visitId: string) => apiUrl(`/visits/${id(visitId)}/day-sheet.pdf`);

export function useCreateVisit() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: Record<string, unknown>) => api.post<TVisit>('/visits', body), onSuccess: () => qc.invalidateQueries({ queryKey: ['visits'] }) });
}

/** One write to a visit: the path after /visits/:id/, the method, and the body (the version is added). */
export function useVisitAction(visit: TVisit | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, method = 'post', body = {} }: { path: string; method?: 'post' | 'put'; body?: Record<string, unknown> }) =>
      api[method]<TVisit>(`/visits/${id(visit!.id)}${path ? `/${path}` : ''}`, { version: visit!.version, ...body }),
    onSuccess: (v) => { qc.setQueryData(['visits', v.id], v); void qc.invalidateQueries({ queryKey: ['visits'] }); },
  });
}

export const useParentVisits = () => useQuery({ queryKey: ['parent', 'visits'], queryFn: ({ signal }) => api.get<TParentVisitList>('/parent/visits', undefined, signal) });
export function useParentConsent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ visitId, body }: { visitId: string; body: Record<string, unknown> }) => api.post<{ ok: true }>(`/parent/visits/${id(visitId)}/consent`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['parent', 'visits'] }),
  });
}
