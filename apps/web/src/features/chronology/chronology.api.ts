/** The pupil chronology query (GET /api/v1/pupils/:id/chronology). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TChronology, TChronologyKind } from '@haven/contracts';
import { api, apiUrl } from '../../lib/api';

export interface ChronologyFilters {
  /** The kinds chosen; null: every kind the viewer may see. */
  kinds: TChronologyKind[] | null;
  from: string;
  to: string;
  includeVoided: boolean;
  /** Serious incidents and physical interventions only. */
  keyEvents: boolean;
  page: number;
}

/** The filters as the API's query (the list's and the PDF's). */
export function chronologyQuery(f: ChronologyFilters) {
  const kinds = f.kinds === null ? undefined : f.kinds.join(',');
  return { kinds, from: f.from || undefined, to: f.to || undefined, includeVoided: f.includeVoided ? true : undefined, keyEvents: f.keyEvents ? true : undefined };
}

export function chronologyPdfUrl(pupilId: string, f: ChronologyFilters): string {
  return apiUrl(`/pupils/${encodeURIComponent(pupilId)}/chronology/pdf`, chronologyQuery(f));
}

export const CHRONOLOGY_PAGE_SIZE = 50;

export function useChronology(pupilId: string, f: ChronologyFilters) {
  const query = { ...chronologyQuery(f), page: f.page, pageSize: CHRONOLOGY_PAGE_SIZE };
  return useQuery({
    queryKey: ['chronology', pupilId, query],
    queryFn: ({ signal }) => api.get<TChronology>(`/pupils/${encodeURIComponent(pupilId)}/chronology`, query, signal),
    enabled: (f.kinds === null || f.kinds.length > 0) && (!f.from || !f.to || f.from <= f.to),
    placeholderData: keepPreviousData,
  });
}
