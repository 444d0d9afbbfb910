/** Trend alerts (ANA-5): the alerts list, the settings (trust-wide and per site) and "check now". */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAlertSettingsList, TAlertSettingsScope, TAlertSettingsUpdate, TTrendAlertEvaluation, TTrendAlertList, TTrendAlertMeasure,
} from '@haven/contracts';
import { api } from '../../lib/api';

const root = ['analytics', 'trend-alerts'] as const;

export interface AlertFilters { subject: '' | 'site' | 'pupil'; measure: '' | TTrendAlertMeasure }

/** One page of the alerts: the section's query, and what the dashboard's route loader starts for its first page. */
export function trendAlertsQuery(f: AlertFilters, page: number, pageSize: number) {
  const query = { page: String(page), pageSize: String(pageSize), ...(f.subject ? { subject: f.subject } : {}), ...(f.measure ? { measure: f.measure } : {}) };
  return queryOptions({
    queryKey: [...root, 'list', query],
    queryFn: ({ signal }) => api.get<TTrendAlertList>('/analytics/alerts', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** How many alerts a page shows: fewer on a phone, where the dashboard follows below. */
export const alertsPageSize = (wide: boolean): number => (wide ? 10 : 5);

export function useTrendAlerts(f: AlertFilters, page: number, pageSize: number, enabled: boolean) {
  return useQuery({ ...trendAlertsQuery(f, page, pageSize), enabled });
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
