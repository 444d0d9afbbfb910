/** Pupil queries (the writes are in pupilRecords.api.ts). */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { TPupilList, TPupilProfile } from '../../lib/types';
import type { PupilSearch } from './pupilSearch';

export const PUPIL_PAGE_SIZE = 25;

/** One page of the pupil list: the page's query, and what its route loader starts before the page's code has loaded. */
export function pupilListQuery(s: PupilSearch) {
  const query = { search: s.search, siteId: s.siteId, yearGroup: s.yearGroup, status: s.status, page: s.page ?? 1, pageSize: PUPIL_PAGE_SIZE };
  return queryOptions({
    queryKey: ['pupils', query],
    queryFn: ({ signal }) => api.get<TPupilList>('/pupils', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePupilList(s: PupilSearch) {
  return useQuery(pupilListQuery(s));
}

export function usePupil(id: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['pupil', id],
    queryFn: ({ signal }) => api.get<TPupilProfile>(`/pupils/${encodeURIComponent(id)}`, undefined, signal),
  });
}
