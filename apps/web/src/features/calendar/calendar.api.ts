/** The school calendar: read by everyone with a data role, changed by trust administrators. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCalendar } from '@haven/contracts';
import { api } from '../../lib/api';

export const useCalendar = (siteId: string | null) => useQuery({
  queryKey: ['calendar', siteId ?? 'trust'],
  queryFn: ({ signal }) => api.get<TCalendar>('/calendar', { siteId: siteId ?? undefined }, signal),
});

function useCalendarMutation<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: ['calendar'] }) });
}

export const useAddClosure = () => useCalendarMutation((body: { siteId: string | null; date: string; kind: string; reason: string }) => api.post('/calendar/closures', body));
export const useDeleteClosure = () => useCalendarMutation((id: string) => api.delete(`/calendar/closures/${encodeURIComponent(id)}`));
export const useSaveTerm = () => useCalendarMutation((v: { id?: string; body: Record<string, unknown> }) =>
  (v.id ? api.patch(`/calendar/terms/${encodeURIComponent(v.id)}`, v.body) : api.post('/calendar/terms', v.body)));
export const useAddYear = () => useCalendarMutation((body: { label: string; startDate: string; endDate: string }) => api.post('/calendar/academic-years', body));
