/** The pupil chronology query (GET /api/v1/pupils/:id/chronology). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TChronology } from '@haven/contracts';
import { api } from '../../lib/api';

export interface ChronologyFilters {
  events: boolean;
  incidents: boolean;
  from: string;
  to: string;
  includeVoided: boolean;
  page: number;
}

export const CHRONOLOGY_PAGE_SIZE = 50;

export function useChronology(pupilId: string, f: ChronologyFilters) {
  const kinds = [f.events ? 'event' : null, f.incidents ? 'incident' : null].filter(Boolean).join(',');
  const query = {
    kinds, from: f.from || undefined, to: f.to || undefined, includeVoided: f.includeVoided ? true : undefined,
    page: f.page, pageSize: CHRONOLOGY_PAGE_SIZE,
  };
  return useQuery({
    queryKey: ['chronology', pupilId, query],
    queryFn: ({ signal }) => api.get<TChronology>(`/pupils/${encodeURIComponent(pupilId)}/chronology`, query, signal),
    enabled: kinds.length > 0 && (!f.from || !f.to || f.from <= f.to),
    placeholderData: keepPreviousData,
  });
}
