/** Queries and mutations for the support team's rota (STF-3). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TRotaException, TRotaPattern, TRotaSuggestions, TRotaToday, TRotaWeek, TSupportNeed, TSupportNeedList, TTravelTimes } from '@haven/contracts';
import { api, apiUrl } from '../../lib/api';

const enc = encodeURIComponent;
interface StaffList { items: { id: string; siteId: string; displayName: string; jobTitle: string }[] }

function useInvalidating<TVars, TRes>(fn: (v: TVars) => Promise<TRes>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => { void qc.invalidateQueries({ queryKey: ['rota'] }); } });
}

export const useRotaWeek = (weekOf: string, siteIds: string[]) => useQuery({
  queryKey: ['rota', 'week', weekOf, siteIds],
  queryFn: ({ signal }) => api.get<TRotaWeek>('/rota/week', { weekOf, siteIds: siteIds.length ? siteIds.join(',') : undefined }, signal),
});
export const rotaPdfUrl = (weekOf: string, siteIds: string[]) => apiUrl('/rota/week', { weekOf, siteIds: siteIds.length ? siteIds.join(',') : undefined, format: 'pdf' });

export const useRotaToday = () => useQuery({ queryKey: ['rota', 'today'], queryFn: ({ signal }) => api.get<TRotaToday>('/rota/today', undefined, signal) });

export const usePatterns = (siteId: string | undefined) => useQuery({
  queryKey: ['rota', 'patterns', siteId ?? ''], enabled: !!siteId,
  queryFn: ({ signal }) => api.get<{ items: TRotaPattern[]; periods: { code: string; label: string }[]; allowed: string[] }>('/rota/patterns', { siteId }, signal),
});
export const useSavePattern = () => useInvalidating((v: { id?: string; body: Record<string, unknown> }) =>
  (v.id ? api.patch<TRotaPattern>(`/rota/patterns/${enc(v.id)}`, v.body) : api.post<TRotaPattern>('/rota/patterns', v.body)));
export const useDeletePattern = () => useInvalidating((id: string) => api.delete<{ ok: true }>(`/rota/patterns/${enc(id)}`));

export const useExceptions = (siteId: string | undefined, from: string) => useQuery({
  queryKey: ['rota', 'exceptions', siteId ?? '', from], enabled: !!siteId,
  queryFn: ({ signal }) => api.get<{ items: TRotaException[]; allowed: string[] }>('/rota/exceptions', { siteId, from }, signal),
});
export const useCreateException = () => useInvalidating((body: Record<string, unknown>) => api.post<TRotaException>('/rota/exceptions', body));
export const useDeleteException = () => useInvalidating((id: string) => api.delete<{ ok: true }>(`/rota/exceptions/${enc(id)}`));
export const useSuggestions = (exceptionId: string, patternId: string, enabled: boolean) => useQuery({
  queryKey: ['rota', 'suggestions', exceptionId, patternId], enabled,
  queryFn: ({ signal }) => api.get<TRotaSuggestions>(`/rota/exceptions/${enc(exceptionId)}/suggestions`, { patternId }, signal),
});
export const useChooseCover = () => useInvalidating((v: { exceptionId: string; patternId: string; staffId: string }) =>
  api.post<TRotaException>(`/rota/exceptions/${enc(v.exceptionId)}/cover`, { patternId: v.patternId, staffId: v.staffId }));

/** Members of staff at a site (for pickers). */
export const useSiteStaff = (siteId: string | undefined) => useQuery({
  queryKey: ['staff', siteId ?? '', 'rota'], enabled: !!siteId,
  queryFn: ({ signal }) => api.get<StaffList>('/staff', { siteId, pageSize: 200 }, signal),
  select: (d) => d.items.map((s) => ({ value: s.id, label: `${s.displayName} (${s.jobTitle})` })),
});

/** What the rota is measured against: pupils' EHCP support hours, and travel minutes between sites. */
export const useSupportNeeds = (siteId: string | undefined) => useQuery({
  queryKey: ['rota', 'support-needs', siteId ?? ''], enabled: !!siteId,
  queryFn: ({ signal }) => api.get<TSupportNeedList>('/rota/support-needs', { siteId }, signal),
});
export const useSetSupportHours = () => useInvalidating((v: { pupilId: string; hours: number | null; version: number }) =>
  api.put<TSupportNeed>(`/rota/support-needs/${enc(v.pupilId)}`, { hours: v.hours, version: v.version }));
export const useTravelTimes = () => useQuery({ queryKey: ['rota', 'travel-times'], queryFn: ({ signal }) => api.get<TTravelTimes>('/rota/travel-times', undefined, signal) });
export const useSetTravelTime = () => useInvalidating((body: { siteA: string; siteB: string; minutes: number }) => api.put<{ siteA: string; siteB: string; minutes: number }>('/rota/travel-times', body));
