/**
 * Sealed safeguarding concerns (INC-4). Raising returns a receipt only. The DSL's queries are never kept once the
 * page that asked for them is gone (gcTime 0), so sealed text does not linger in the browser's memory cache.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TSafeguardingConcern, TSafeguardingConcernInput, TSafeguardingConcernListItem, TSafeguardingReceipt, TSafeguardingTriage,
} from '@haven/contracts';
import { api } from '../../lib/api';
import type { TPupilProfile } from '../../lib/types';

export const INBOX_PAGE_SIZE = 25;
const SEALED = { gcTime: 0, staleTime: 0 } as const;

export interface InboxSearch { siteId?: string; status?: string; page?: number }
interface InboxList { items: TSafeguardingConcernListItem[]; total: number; page: number; pageSize: number }
export interface Chronology { pupil: { id: string; displayName: string; siteId: string }; items: TSafeguardingConcern[] }

/** The pupil a concern starts with (from their page); shares the profile's cache entry. */
export function useStartPupil(id: string | undefined) {
  return useQuery({
    queryKey: ['pupil', id ?? ''],
    queryFn: ({ signal }) => api.get<TPupilProfile>(`/pupils/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: !!id,
    retry: false,
  });
}

export function useRaiseConcern() {
  return useMutation({
    mutationFn: (body: TSafeguardingConcernInput) => api.post<TSafeguardingReceipt>('/safeguarding-concerns', body),
    // nothing to refresh: the author can read nothing back
  });
}

export function useInbox(s: InboxSearch) {
  const query = { siteId: s.siteId, status: s.status ?? 'open', page: s.page ?? 1, pageSize: INBOX_PAGE_SIZE };
  return useQuery({
    queryKey: ['safeguarding', 'inbox', query],
    queryFn: ({ signal }) => api.get<InboxList>('/safeguarding-concerns', query, signal),
    placeholderData: keepPreviousData,
    ...SEALED,
  });
}

export function useConcern(id: string) {
  return useQuery({
    queryKey: ['safeguarding', 'concern', id],
    queryFn: ({ signal }) => api.get<TSafeguardingConcern>(`/safeguarding-concerns/${encodeURIComponent(id)}`, undefined, signal),
    // every read is audited: do not refetch just because the window regained focus
    refetchOnWindowFocus: false,
    retry: false,
    ...SEALED,
  });
}

export function useTriage(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TSafeguardingTriage) => api.patch<TSafeguardingConcern>(`/safeguarding-concerns/${encodeURIComponent(id)}/triage`, body),
    onSuccess: (saved) => {
      qc.setQueryData(['safeguarding', 'concern', id], saved);
      void qc.invalidateQueries({ queryKey: ['safeguarding', 'inbox'] });
    },
  });
}

export function useChronology(pupilId: string) {
  return useQuery({
    queryKey: ['safeguarding', 'chronology', pupilId],
    queryFn: ({ signal }) => api.get<Chronology>(`/pupils/${encodeURIComponent(pupilId)}/safeguarding-chronology`, undefined, signal),
    refetchOnWindowFocus: false,
    retry: false,
    ...SEALED,
  });
}
