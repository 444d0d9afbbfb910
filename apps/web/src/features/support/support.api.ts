/** Queries and mutations for support interventions (SUP-3) and their impact (ANA-5). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TImpactRecords, TSupportCatalogue, TSupportImpact, TSupportIntervention, TSupportInterventionSummary, TSupportScale, TSupportType } from '@haven/contracts';
import { api } from '../../lib/api';

const enc = encodeURIComponent;

function useInvalidating<TVars, TRes>(fn: (v: TVars) => Promise<TRes>, keys: string[][] = [['support']]) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => { for (const k of keys) void qc.invalidateQueries({ queryKey: k }); } });
}

export const useCatalogue = () => useQuery({
  queryKey: ['support', 'catalogue'], queryFn: ({ signal }) => api.get<TSupportCatalogue>('/support-catalogue', undefined, signal),
});
export const useSaveType = () => useInvalidating((v: { id?: string; body: Record<string, unknown> }) =>
  (v.id ? api.patch<TSupportType>(`/support-catalogue/${enc(v.id)}`, v.body) : api.post<TSupportType>('/support-catalogue', v.body)));
export const useAddScale = () => useInvalidating((body: Record<string, unknown>) => api.post<TSupportScale>('/support-scales', body));

export const useInterventions = (q: { siteId?: string | undefined; pupilId?: string | undefined; status: string }, enabled = true) => useQuery({
  queryKey: ['support', 'list', q], enabled,
  queryFn: ({ signal }) => api.get<{ items: TSupportInterventionSummary[]; allowed: string[] }>('/support-interventions', { siteId: q.siteId, pupilId: q.pupilId, status: q.status }, signal),
});
export const useIntervention = (id: string) => useQuery({
  queryKey: ['support', 'one', id], queryFn: ({ signal }) => api.get<TSupportIntervention>(`/support-interventions/${enc(id)}`, undefined, signal),
});
export const useImpact = (id: string, weeks: number) => useQuery({
  queryKey: ['support', 'impact', id, weeks], queryFn: ({ signal }) => api.get<TSupportImpact>(`/support-interventions/${enc(id)}/impact`, { weeks }, signal),
});
export const useImpactRecords = (id: string, q: { weeks: number; window: 'before' | 'after'; pupilId?: string | undefined } | null) => useQuery({
  queryKey: ['support', 'records', id, q], enabled: !!q,
  queryFn: ({ signal }) => api.get<TImpactRecords>(`/support-interventions/${enc(id)}/impact/records`, { weeks: q!.weeks, window: q!.window, pupilId: q!.pupilId }, signal),
});

export const useStartIntervention = () => useInvalidating((body: Record<string, unknown>) => api.post<TSupportIntervention>('/support-interventions', body));
export const useEndIntervention = () => useInvalidating((v: { id: string; body: Record<string, unknown> }) => api.post<TSupportIntervention>(`/support-interventions/${enc(v.id)}/end`, v.body));
export const useAddSession = () => useInvalidating((v: { id: string; body: Record<string, unknown> }) => api.post<TSupportIntervention>(`/support-interventions/${enc(v.id)}/sessions`, v.body));
export const useRegister = () => useInvalidating((v: { sessionId: string; body: Record<string, unknown> }) => api.put<TSupportIntervention>(`/support-sessions/${enc(v.sessionId)}/register`, v.body));
export const useRecordPoints = () => useInvalidating((v: { id: string; body: Record<string, unknown> }) => api.put<TSupportIntervention>(`/support-interventions/${enc(v.id)}/points`, v.body));
export const useRecordMeasure = () => useInvalidating((v: { id: string; body: Record<string, unknown> }) => api.post<TSupportIntervention>(`/support-interventions/${enc(v.id)}/measures`, v.body));

/** 0.4 → "0.40"; null → "–" (no school days to divide by). */
export const rateText = (r: number | null) => (r === null ? '–' : r.toFixed(2));
