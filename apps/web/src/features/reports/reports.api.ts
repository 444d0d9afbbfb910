/** Reports: the weekly report, report subscriptions, and download links for PDFs (ANA-7). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TReportSubscription, TWeeklyReport } from '@haven/contracts';
import { api, apiUrl } from '../../lib/api';

export function useWeeklyReport(q: { siteId?: string | undefined; week?: string | undefined }) {
  return useQuery({
    queryKey: ['reports', 'weekly', q.siteId ?? '', q.week ?? ''],
    queryFn: ({ signal }) => api.get<TWeeklyReport>('/reports/weekly', { siteId: q.siteId, week: q.week }, signal),
  });
}

export const weeklyPdfUrl = (q: { siteId?: string | undefined; week?: string | undefined }) => apiUrl('/reports/weekly', { ...q, format: 'pdf' });
export const pupilSummaryUrl = (pupilId: string, from: string, to: string) => apiUrl(`/pupils/${encodeURIComponent(pupilId)}/summary.pdf`, { from, to });

const subsKey = ['reports', 'subscriptions'] as const;

export function useSubscriptions() {
  return useQuery({ queryKey: subsKey, queryFn: ({ signal }) => api.get<{ items: TReportSubscription[] }>('/reports/subscriptions', undefined, signal) });
}

export function useSubscribe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: 'weekly_leaders'; siteIds: string[]; weekday: number; hour: number }) => api.post<TReportSubscription>('/reports/subscriptions', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: subsKey }),
  });
}

export function useUnsubscribe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<unknown>(`/reports/subscriptions/${encodeURIComponent(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: subsKey }),
  });
}
