/** Quick log queries and mutations (INC-1): groups, pupils to pick from, the site's quick-log categories, log, undo. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TBehaviourEvent, TEffectivePolicy, TPhotoRef, TPupilGroupList, TQuickLogInput, TQuickLogResult } from '@haven/contracts';
import { api, sendIdempotent } from '../../lib/api';
import type { TPupilList, TPupilProfile } from '../../lib/types';

export interface PickablePupil { id: string; siteId: string; displayName: string; detail: string; photo?: TPhotoRef | null | undefined }

export function usePupilGroups(siteId: string | undefined) {
  return useQuery({
    queryKey: ['pupil-groups', siteId ?? ''],
    queryFn: ({ signal }) => api.get<TPupilGroupList>('/pupil-groups', { siteId }, signal),
    enabled: !!siteId,
    staleTime: 5 * 60_000,
  });
}

/** A group's pupils, or a search across the site: at most 200, which covers any form or class. */
export function usePickablePupils(siteId: string | undefined, groupId: string | undefined, search: string) {
  const query = { siteId, groupId: search ? undefined : groupId, search: search || undefined, pageSize: 200 };
  return useQuery({
    queryKey: ['pupils', 'pick', query],
    queryFn: ({ signal }) => api.get<TPupilList>('/pupils', query, signal),
    enabled: !!siteId && (!!query.groupId || !!query.search),
    // keep the last results on screen while a search is being typed, never across sites or groups
    placeholderData: (prev, prevQuery) => {
      const before = prevQuery?.queryKey[2] as typeof query | undefined;
      return before && before.siteId === query.siteId && before.search && query.search ? prev : undefined;
    },
    select: (d): PickablePupil[] => d.items.map((p) => ({
      id: p.id, siteId: p.siteId, displayName: p.displayName, detail: p.formName ?? `Year ${p.yearGroup}`, photo: p.photo,
    })),
  });
}

export type QuickCategory = Pick<TEffectivePolicy['categories'][number], 'code' | 'name' | 'polarity' | 'points'>;

/** The quick-log categories of the site's effective policy (the policy module serves GET /policy). */
export function useQuickCategories(siteId: string | undefined) {
  return useQuery({
    queryKey: ['policy', 'effective', siteId ?? ''],
    queryFn: ({ signal }) => api.get<TEffectivePolicy>('/policy', { siteId }, signal),
    enabled: !!siteId,
    staleTime: 5 * 60_000,
    select: (p): QuickCategory[] => p.categories.filter((c) => c.quickLog),
  });
}

export function useQuickLog() {
  const qc = useQueryClient();
  return useMutation({
    // one key per log: retried while offline or the server is busy, and never logged twice
    mutationFn: (body: TQuickLogInput) => sendIdempotent<TQuickLogResult>('POST', '/behaviour-events', body),
    onSuccess: (_r, body) => {
      void qc.invalidateQueries({ queryKey: ['behaviour-events'] });
      for (const id of body.pupilIds) void qc.invalidateQueries({ queryKey: ['chronology', id] });
    },
  });
}

export function useUndoQuickLog() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (batchId: string) => api.post<{ batchId: string; items: TBehaviourEvent[] }>(`/behaviour-events/batches/${encodeURIComponent(batchId)}/undo`),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['behaviour-events'] });
      for (const e of r.items) void qc.invalidateQueries({ queryKey: ['chronology', e.pupilId] });
    },
  });
}

/** The pupil a "Log for this pupil" link starts with (shares the profile page's cache entry). */
export function useStartPupil(id: string | undefined) {
  return useQuery({
    queryKey: ['pupil', id ?? ''],
    queryFn: ({ signal }) => api.get<TPupilProfile>(`/pupils/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: !!id,
  });
}
