/**
 * Physical interventions (ANA-3) and record-keeping quality (ANA-6): the dashboards for the analytics page's filters,
 * and the records behind one figure. Granularity and category are the behaviour dashboard's alone and are not sent.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TPiKind, TPiRecords, TPiStats, TQualityKind, TQualityRecords, TRecordQuality } from '@haven/contracts';
import { api } from '../../lib/api';
import type { DashboardFilters } from './analytics.api';

export function qualityQuery(f: DashboardFilters): Record<string, string> {
  const q: Record<string, string> = { from: f.from, to: f.to };
  if (f.siteIds.length) q.siteIds = f.siteIds.join(',');
  if (f.yearGroup) q.yearGroup = f.yearGroup;
  if (f.pupilGroup) q.pupilGroup = f.pupilGroup;
  return q;
}

export function usePiStats(f: DashboardFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['analytics', 'physical-interventions', qualityQuery(f)],
    queryFn: ({ signal }) => api.get<TPiStats>('/analytics/physical-interventions', qualityQuery(f), signal),
    placeholderData: keepPreviousData, enabled,
  });
}

export function useRecordQuality(f: DashboardFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['analytics', 'record-quality', qualityQuery(f)],
    queryFn: ({ signal }) => api.get<TRecordQuality>('/analytics/record-quality', qualityQuery(f), signal),
    placeholderData: keepPreviousData, enabled,
  });
}

/** One figure whose records can be listed: of the interventions dashboard, or of record quality. */
export type QualityCell =
  | { source: 'pi'; kind: TPiKind; technique?: string; pupilId?: string; staffId?: string; siteId?: string; title: string }
  | { source: 'quality'; kind: TQualityKind; recordedBy?: string; siteId?: string; title: string };

function cellQuery(f: DashboardFilters, cell: QualityCell, page: number): Record<string, string> {
  const q: Record<string, string> = { ...qualityQuery(f), kind: cell.kind, page: String(page), pageSize: '25' };
  if (cell.siteId) q.siteIds = cell.siteId;
  if (cell.source === 'pi') {
    if (cell.technique) q.technique = cell.technique;
    if (cell.pupilId) q.pupilId = cell.pupilId;
    if (cell.staffId) q.staffId = cell.staffId;
  } else if (cell.recordedBy) q.recordedBy = cell.recordedBy;
  return q;
}

export function usePiRecords(f: DashboardFilters, cell: QualityCell | null, page: number) {
  const q = cell?.source === 'pi' ? cellQuery(f, cell, page) : {};
  return useQuery({
    queryKey: ['analytics', 'pi-records', q],
    queryFn: ({ signal }) => api.get<TPiRecords>('/analytics/physical-interventions/records', q, signal),
    enabled: cell?.source === 'pi',
  });
}

export function useQualityRecords(f: DashboardFilters, cell: QualityCell | null, page: number) {
  const q = cell?.source === 'quality' ? cellQuery(f, cell, page) : {};
  return useQuery({
    queryKey: ['analytics', 'quality-records', q],
    queryFn: ({ signal }) => api.get<TQualityRecords>('/analytics/record-quality/records', q, signal),
    enabled: cell?.source === 'quality',
  });
}
