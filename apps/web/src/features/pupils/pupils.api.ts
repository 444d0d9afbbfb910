/** Pupil queries (the writes are in pupilRecords.api.ts). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { TPupilList, TPupilProfile } from '../../lib/types';
import type { PupilSearch } from './pupilSearch';

export const PUPIL_PAGE_SIZE = 25;

export function usePupilList(s: PupilSearch) {
  const query = { search: s.search, siteId: s.siteId, yearGroup: s.yearGroup, status: s.status, page: s.page ?? 1, pageSize: PUPIL_PAGE_SIZE };
  return useQuery({
    queryKey: ['pupils', query],
    queryFn: ({ signal }) => api.get<TPupilList>('/pupils', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePupil(id: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['pupil', id],
    queryFn: ({ signal }) => api.get<TPupilProfile>(`/pupils/${encodeURIComponent(id)}`, undefined, signal),
  });
}
