/**
 * On-call queries (INC-5). The live stream (useLiveEvents in the header) refreshes every ['on-call-requests'] query
 * when a call is made or moves on, so the panels stay current without polling; a slow poll is only the fallback.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TEffectivePolicy, TOnCallRequest, TOnCallRequestInput, TOnCallSettings, TOnCallStaff } from '@haven/contracts';
import { api } from '../../lib/api';

export type OnCallStatusFilter = 'active' | 'resolved' | 'cancelled';

/** `pollMs`: the fallback poll of live calls (the banner on every page asks for a shorter one). */
/** Calls with one status: the panels' query, and (live calls) what the signed-in frame starts once /me has answered. */
export function onCallRequestsQuery(status: OnCallStatusFilter) {
  return queryOptions({
    queryKey: ['on-call-requests', status],
    queryFn: ({ signal }) => api.get<{ items: TOnCallRequest[] }>('/on-call-requests', { status, limit: status === 'active' ? 100 : 30 }, signal),
  });
}

export function useOnCallRequests(status: OnCallStatusFilter = 'active', pollMs = 60_000) {
  return useQuery({
    ...onCallRequestsQuery(status),
    refetchInterval: status === 'active' ? pollMs : false,
    refetchIntervalInBackground: status === 'active',
    select: (d) => d.items,
  });
}

/** One call, followed live by its caller (the stream refreshes every on-call query). */
export function useOnCallRequest(id: string) {
  return useQuery({
    queryKey: ['on-call-requests', 'one', id],
    queryFn: ({ signal }) => api.get<TOnCallRequest>(`/on-call-requests/${encodeURIComponent(id)}`, undefined, signal),
    refetchInterval: 30_000,
  });
}

export function useCallForHelp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TOnCallRequestInput) => api.post<TOnCallRequest>('/on-call-requests', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['on-call-requests'] }),
  });
}

export function useOnCallStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step, outcome }: { id: string; step: 'acknowledge' | 'resolve' | 'cancel'; outcome?: string }) =>
      api.post<TOnCallRequest>(`/on-call-requests/${encodeURIComponent(id)}/${step}`, step === 'resolve' ? { outcome } : undefined),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['on-call-requests'] }),
  });
}

/** The site's locations from its behaviour policy, for the "where" list. */
export function useLocations(siteId: string | undefined) {
  return useQuery({
    queryKey: ['policy', 'effective', siteId ?? ''],
    queryFn: ({ signal }) => api.get<TEffectivePolicy>('/policy', { siteId }, signal),
    enabled: !!siteId,
    staleTime: 5 * 60_000,
    select: (p) => p.locations.map((l) => ({ value: l.code, label: l.label })),
  });
}

export function useOnCallStaff(siteId: string | undefined) {
  return useQuery({
    queryKey: ['on-call-staff', siteId ?? ''],
    queryFn: ({ signal }) => api.get<{ items: TOnCallStaff[] }>('/on-call-staff', { siteId }, signal),
    enabled: !!siteId,
    select: (d) => d.items,
  });
}

export function useOnCallCandidates(siteId: string | undefined) {
  return useQuery({
    queryKey: ['on-call-staff', 'candidates', siteId ?? ''],
    queryFn: ({ signal }) => api.get<{ items: { id: string; displayName: string; email: string }[] }>('/on-call-staff/candidates', { siteId }, signal),
    enabled: !!siteId,
    select: (d) => d.items,
  });
}

export function useOnCallStaffChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: { add: { siteId: string; userId: string } } | { remove: string }) =>
      'add' in c ? api.post<TOnCallStaff>('/on-call-staff', c.add) : api.delete<TOnCallStaff>(`/on-call-staff/${encodeURIComponent(c.remove)}`),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['on-call-staff'] }),
  });
}

/** How long a call at the site waits unanswered before it goes to the next responders. */
export function useOnCallSettings(siteId: string | undefined) {
  return useQuery({
    queryKey: ['on-call-settings', siteId ?? ''],
    queryFn: ({ signal }) => api.get<TOnCallSettings>('/on-call-settings', { siteId }, signal),
    enabled: !!siteId,
  });
}

export function useSaveOnCallSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { siteId: string; escalateAfterSeconds: number }) => api.put<TOnCallSettings>('/on-call-settings', body),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['on-call-settings'] }),
  });
}
