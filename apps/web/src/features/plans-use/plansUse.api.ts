/** Queries of the plan in use: a pupil's plan key points, an incident's check against the plan, review links, overdue reviews. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TIncidentPlanCheck, TOverdueReviewRecords, TOverdueReviews, TPlanKeyPoints, TReviewLinkOptions } from '@haven/contracts';
import { api } from '../../lib/api';

export function usePlanKeyPoints(pupilId: string | null | undefined, enabled = true) {
  return useQuery({
    enabled: enabled && Boolean(pupilId),
    queryKey: ['plan-key-points', pupilId],
    queryFn: ({ signal }) => api.get<TPlanKeyPoints>(`/pupils/${encodeURIComponent(pupilId!)}/plan-key-points`, undefined, signal),
    staleTime: 60_000,
  });
}

export function useIncidentPlanCheck(incidentId: string, version: number, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ['incident-plan-check', incidentId, version],
    queryFn: ({ signal }) => api.get<TIncidentPlanCheck>(`/incidents/${encodeURIComponent(incidentId)}/plan-check`, undefined, signal),
  });
}

export function useReviewLinkOptions(incidentId: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ['pir-link-options', incidentId],
    queryFn: ({ signal }) => api.get<TReviewLinkOptions>(`/incidents/${encodeURIComponent(incidentId)}/post-incident-review/link-options`, undefined, signal),
  });
}

export function useOverdueReviews(siteId: string | undefined, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['overdue-reviews', siteId ?? null],
    queryFn: ({ signal }) => api.get<TOverdueReviews>('/analytics/overdue-reviews', siteId ? { siteId } : undefined, signal),
  });
}

export interface OverdueFilter { siteId?: string | undefined; ownerId?: string | undefined; kind?: 'plan' | 'risk_assessment' | undefined; page?: number | undefined }

export function useOverdueReviewRecords(f: OverdueFilter) {
  const query = { siteId: f.siteId, ownerId: f.ownerId, kind: f.kind, page: f.page ?? 1, pageSize: 25 };
  return useQuery({
    queryKey: ['overdue-review-records', query],
    queryFn: ({ signal }) => api.get<TOverdueReviewRecords>('/analytics/overdue-reviews/records', query, signal),
    placeholderData: keepPreviousData,
  });
}
