/** Queries and mutations for retention (CMP-1): the schedule, what is due, holds, runs and tombstones. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TRetentionDue, TRetentionHold, TRetentionKind, TRetentionRecords, TRetentionRule, TRetentionRules, TRetentionRun, TRetentionTombstone, TRetentionTrigger } from '@haven/contracts';
import { api } from '../../lib/api';

const enc = encodeURIComponent;

export const useRetentionRules = () => useQuery({ queryKey: ['retention', 'rules'], queryFn: ({ signal }) => api.get<TRetentionRules>('/retention/rules', undefined, signal) });
export const useRetentionDue = () => useQuery({ queryKey: ['retention', 'due'], queryFn: ({ signal }) => api.get<TRetentionDue>('/retention/due', undefined, signal) });
export const useRetentionRecords = (kind: TRetentionKind | null, siteId: string | null) => useQuery({
  queryKey: ['retention', 'records', kind, siteId], enabled: !!kind && !!siteId,
  queryFn: ({ signal }) => api.get<TRetentionRecords>('/retention/due/records', { kind: kind!, siteId: siteId!, limit: 200 }, signal),
});
export const useRetentionHolds = () => useQuery({ queryKey: ['retention', 'holds'], queryFn: ({ signal }) => api.get<{ holds: TRetentionHold[] }>('/retention/holds', undefined, signal) });
export const useRetentionRuns = () => useQuery({ queryKey: ['retention', 'runs'], queryFn: ({ signal }) => api.get<{ runs: TRetentionRun[] }>('/retention/runs', undefined, signal) });
export const useTombstones = (runId: string | null) => useQuery({
  queryKey: ['retention', 'tombstones', runId], enabled: !!runId,
  queryFn: ({ signal }) => api.get<{ total: number; tombstones: TRetentionTombstone[] }>('/retention/tombstones', { runId: runId!, limit: 200 }, signal),
});

function useInvalidating<TVars, TRes>(fn: (v: TVars) => Promise<TRes>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => { void qc.invalidateQueries({ queryKey: ['retention'] }); } });
}

export const useSaveRule = () => useInvalidating((v: { kind: TRetentionKind; trigger: TRetentionTrigger; years: number; enabled: boolean; basis: string }) =>
  api.put<TRetentionRules>(`/retention/rules/${enc(v.kind)}`, { trigger: v.trigger, years: v.years, enabled: v.enabled, basis: v.basis }));
export const usePlaceHold = () => useInvalidating((v: { pupilId?: string; kind?: TRetentionKind; recordId?: string; reason: string }) => api.post<TRetentionHold>('/retention/holds', v));
export const useReleaseHold = () => useInvalidating((v: { id: string; reason: string }) => api.post<TRetentionHold>(`/retention/holds/${enc(v.id)}/release`, { reason: v.reason }));
export const useRun = () => useInvalidating((v: { dryRun: boolean; expectedTotal?: number }) => api.post<TRetentionRun>('/retention/runs', v));

export type { TRetentionRule };
