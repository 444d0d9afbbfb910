/** Trend alerts (ANA-5): the alerts list, the settings (trust-wide and per site) and "check now". */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAlertSettingsList, TAlertSettingsScope, TAlertSettingsUpdate, TTrendAlertEvaluation, TTrendAlertList, TTrendAlertMeasure,
} from '@haven/contracts';
import { api } from '../../lib/api';

const root = ['analytics', 'trend-alerts'] as const;

export interface AlertFilters { subject: '' | 'site' | 'pupil'; measure: '' | TTrendAlertMeasure }

export function useTrendAlerts(f: AlertFilters, page: number, pageSize: number, enabled: boolean) {
  const query = { page: String(page), pageSize: String(pageSize), ...(f.subject ? { subject: f.subject } : {}), ...(f.measure ? { measure: f.measure } : {}) };
  return useQuery({
    queryKey: [...root, 'list', query],
    queryFn: ({ signal }) => api.get<TTrendAlertList>('/analytics/alerts', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAlertSettings(enabled: boolean) {
  return useQuery({ queryKey: [...root, 'settings'], queryFn: ({ signal }) => api.get<TAlertSettingsList>('/analytics/alert-settings', undefined, signal), enabled });
}

export function useAlertMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: [...root] });
  return {
    save: useMutation({ mutationFn: (body: TAlertSettingsUpdate) => api.put<TAlertSettingsScope>('/analytics/alert-settings', body), onSuccess: done }),
    reset: useMutation({
      mutationFn: ({ siteId, version }: { siteId: string; version: number }) =>
        api.delete<TAlertSettingsScope>(`/analytics/alert-settings/sites/${encodeURIComponent(siteId)}?version=${version}`),
      onSuccess: done,
    }),
    evaluate: useMutation({ mutationFn: () => api.post<TTrendAlertEvaluation>('/analytics/alerts/evaluate', {}), onSuccess: done }),
  };
}
