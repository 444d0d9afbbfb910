/** The parent portal (PAR-1): a parent's children and their records, plans and copies to acknowledge, email choices; the trust's settings. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TNotificationPreferences, TNotifyFrequency, TPortalHome, TPortalPlan, TPortalRecord, TPortalSettings, TPortalKind } from '@haven/contracts';
import { api, apiUrl } from '../../lib/api';

const enc = encodeURIComponent;

export function usePortalHome() {
  return useQuery({ queryKey: ['parent', 'portal'], queryFn: ({ signal }) => api.get<TPortalHome>('/parent/portal', undefined, signal) });
}

export function useChildRecord(pupilId: string | null) {
  return useQuery({
    queryKey: ['parent', 'record', pupilId], enabled: !!pupilId,
    queryFn: ({ signal }) => api.get<TPortalRecord>(`/parent/children/${enc(pupilId ?? '')}/record`, undefined, signal),
  });
}

export function usePortalPlan(pupilId: string, planId: string) {
  return useQuery({ queryKey: ['parent', 'plan', planId], queryFn: ({ signal }) => api.get<TPortalPlan>(`/parent/children/${enc(pupilId)}/plans/${enc(planId)}`, undefined, signal) });
}

export const letterFileUrl = (id: string): string => apiUrl(`/parent/letters/${enc(id)}/file`);

export function usePortalMutations() {
  const qc = useQueryClient();
  const refresh = () => { void qc.invalidateQueries({ queryKey: ['parent'] }); };
  return {
    acknowledgePlan: useMutation({
      mutationFn: (v: { pupilId: string; planId: string; version: number }) => api.post(`/parent/children/${enc(v.pupilId)}/plans/${enc(v.planId)}/acknowledge`, { version: v.version }),
      onSuccess: refresh,
    }),
    acknowledgeCopy: useMutation({ mutationFn: (id: string) => api.post(`/parent/letters/${enc(id)}/acknowledge`, {}), onSuccess: refresh }),
  };
}

export function usePreferences() {
  return useQuery({ queryKey: ['parent', 'preferences'], queryFn: ({ signal }) => api.get<TNotificationPreferences>('/parent/notification-preferences', undefined, signal) });
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (items: { kind: TPortalKind; frequency: TNotifyFrequency }[]) => api.put<TNotificationPreferences>('/parent/notification-preferences', { items }),
    onSuccess: (d) => qc.setQueryData(['parent', 'preferences'], d),
  });
}

export function usePortalSettings() {
  return useQuery({ queryKey: ['parent-portal', 'settings'], queryFn: ({ signal }) => api.get<TPortalSettings>('/parent-portal/settings', undefined, signal) });
}

export function useSavePortalSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { hiddenCategoryCodes: string[]; hideStaffNames: boolean; version: number }) => api.put<TPortalSettings>('/parent-portal/settings', b),
    onSuccess: (d) => qc.setQueryData(['parent-portal', 'settings'], d),
  });
}

export function usePlanSharing() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; shareableWithParents: boolean }) => api.put(`/plans/${enc(v.id)}/sharing`, { shareableWithParents: v.shareableWithParents }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['plans'] }); },
  });
}
