/** Queries for exclusions analytics (ANA-4), pupil groups (ANA-2), the governors' report and the census return (ANA-7). */
import { useQuery } from '@tanstack/react-query';
import type { TExclusionRecords, TExclusionStats, TGroupComparison, TReportTerms } from '@haven/contracts';
import { api, apiUrl } from '../../lib/api';

export interface ExclusionFilters { siteIds: string[]; termId: string | null }

/** The page's filters as query parameters: for the JSON, and for the downloads (which must carry the same). */
export const exclusionQuery = (f: ExclusionFilters) => ({ siteIds: f.siteIds.length ? f.siteIds.join(',') : undefined, termId: f.termId ?? undefined });

export const useReportTerms = () => useQuery({
  queryKey: ['report-terms'], queryFn: ({ signal }) => api.get<TReportTerms>('/reports/terms', undefined, signal), select: (d) => d.items,
});

export const useExclusionStats = (f: ExclusionFilters) => useQuery({
  queryKey: ['analytics', 'exclusions', f], queryFn: ({ signal }) => api.get<TExclusionStats>('/analytics/exclusions', exclusionQuery(f), signal),
});

export const useExclusionRecords = (f: ExclusionFilters, kind: string | null) => useQuery({
  queryKey: ['analytics', 'exclusions', 'records', f, kind], enabled: !!kind,
  queryFn: ({ signal }) => api.get<TExclusionRecords>('/analytics/exclusions/records', { ...exclusionQuery(f), kind: kind ?? undefined, pageSize: '100' }, signal),
});

export type GroupMeasure = TGroupComparison['measure'];

export const useGroupComparison = (f: ExclusionFilters, measure: GroupMeasure) => useQuery({
  queryKey: ['analytics', 'groups', f, measure],
  queryFn: ({ signal }) => api.get<TGroupComparison>('/analytics/groups/compare', { ...exclusionQuery(f), measure }, signal),
});

export const governorsReportUrl = (termId: string, siteIds: string[]) => apiUrl('/reports/governors', { termId, siteIds: siteIds.length ? siteIds.join(',') : undefined });
export const censusUrl = (siteId: string, from: string, to: string, format: 'csv' | 'xml') => apiUrl('/reports/census-exclusions', { siteId, from, to, format });
