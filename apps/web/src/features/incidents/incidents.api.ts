/** Incident queries and review actions (INC-2, INC-6, REV-1 … REV-3) against /api/v1. */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, isApiError, request, uploadFile } from '../../lib/api';
import type { TPupilList, TPupilProfile } from '../../lib/types';
import type {
  TAttachment, TAttachmentList, TIncident, TIncidentHistory, TIncidentList, TParentContact, TParentContactInput,
  TPostIncidentReview, TPostIncidentReviewInput, TReviewQueue,
} from './types';
import { triageQuery, type IncidentListSearch, type ReviewQueueSearch } from './incidentSearch';
import { compareText } from '../../lib/format';

export const INCIDENT_PAGE_SIZE = 25;
const enc = encodeURIComponent;
export const incidentKey = (id: string) => ['incident', id] as const;

export function useIncident(id: string | undefined) {
  return useQuery({
    queryKey: incidentKey(id ?? ''),
    queryFn: ({ signal }) => api.get<TIncident>(`/incidents/${enc(id ?? '')}`, undefined, signal),
    enabled: !!id,
    // The form decides between the server copy and the local draft once: no background refetch under the user.
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useIncidentList(s: IncidentListSearch) {
  const query = { ...incidentListQuery(s), page: s.page ?? 1, pageSize: INCIDENT_PAGE_SIZE };
  return useQuery({
    queryKey: ['incidents', query],
    queryFn: ({ signal }) => api.get<TIncidentList>('/incidents', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The list's filters as the API's query (also what its download carries). */
export function incidentListQuery(s: IncidentListSearch) {
  return { siteId: s.siteId, status: s.status, mine: s.mine ? true : undefined, pupilId: s.pupilId, from: s.from, to: s.to, ...triageQuery(s) };
}

export function reviewQueueQuery(s: ReviewQueueSearch) {
  return { siteId: s.siteId, olderThanHours: s.olderThanHours, ...triageQuery(s) };
}

export function useReviewQueue(s: ReviewQueueSearch) {
  const query = reviewQueueQuery(s);
  return useQuery({
    queryKey: ['review-queue', query],
    queryFn: ({ signal }) => api.get<TReviewQueue>('/review-queue', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useIncidentHistory(id: string) {
  return useQuery({
    queryKey: ['incident', id, 'history'],
    queryFn: ({ signal }) => api.get<TIncidentHistory>(`/incidents/${enc(id)}/history`, undefined, signal),
  });
}

/** Return, sign off and void: each answers with the incident, which replaces the cached copy. */
export function useReviewAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: 'return' | 'sign-off' | 'void'; body: unknown }) =>
      api.post<TIncident>(`/incidents/${enc(id)}/${action}`, body),
    onSuccess: (inc) => {
      qc.setQueryData(incidentKey(id), inc);
      void qc.invalidateQueries({ queryKey: ['incident', id, 'history'] });
      void qc.invalidateQueries({ queryKey: ['review-queue'] });
      void qc.invalidateQueries({ queryKey: ['incidents'] });
    },
  });
}

/** The post-incident review, or null when none has been started (404). */
export function usePostIncidentReview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['incident', id, 'pir'],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<TPostIncidentReview>(`/incidents/${enc(id)}/post-incident-review`, undefined, signal);
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    enabled,
  });
}

export function useSavePostIncidentReview(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TPostIncidentReviewInput & { version?: number }) =>
      request<TPostIncidentReview>('PUT', `/incidents/${enc(id)}/post-incident-review`, { body }),
    onSuccess: (pir) => qc.setQueryData(['incident', id, 'pir'], pir),
  });
}

export function useAttachments(id: string) {
  return useQuery({
    queryKey: ['incident', id, 'attachments'],
    queryFn: ({ signal }) => api.get<TAttachmentList>(`/incidents/${enc(id)}/attachments`, undefined, signal),
  });
}

export const attachmentUrl = (attachmentId: string) => apiUrl(`/attachments/${enc(attachmentId)}`);

const uploadAttachment = (id: string, file: File) => uploadFile<TAttachment>(`/incidents/${enc(id)}/attachments`, file);

export function useUploadAttachment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(id, file),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['incident', id, 'attachments'] }),
  });
}

export function useParentContacts(id: string) {
  return useQuery({
    queryKey: ['incident', id, 'parent-contacts'],
    queryFn: ({ signal }) => api.get<{ items: TParentContact[] }>(`/incidents/${enc(id)}/parent-contacts`, undefined, signal),
  });
}

export function useAddParentContact(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TParentContactInput) => api.post<TParentContact>(`/incidents/${enc(id)}/parent-contacts`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['incident', id, 'parent-contacts'] }),
  });
}

/** The pupil a new incident starts from (the profile page's "Record an incident" link). */
export function usePupilProfile(id: string) {
  return useQuery({
    queryKey: ['pupil', id],
    queryFn: ({ signal }) => api.get<TPupilProfile>(`/pupils/${enc(id)}`, undefined, signal),
    enabled: !!id,
  });
}

/** Pupils for the picker: the first 10 matches at the incident's site. */
export function usePupilSearch(search: string, siteId: string | undefined) {
  const query = { search, siteId, page: 1, pageSize: 10 };
  return useQuery({
    queryKey: ['pupils', query],
    queryFn: ({ signal }) => api.get<TPupilList>('/pupils', query, signal),
    enabled: search.length >= 2,
    placeholderData: keepPreviousData,
  });
}

export interface StaffOption { id: string; name: string; jobTitle?: string; userId?: string | null }

/**
 * Staff of a site for the pickers (GET /api/v1/staff?siteId). Until that endpoint exists this answers an empty
 * list (404), and the form says so rather than failing.
 */
export function useStaffList(siteId: string | undefined) {
  return useQuery({ ...staffListQuery(siteId), enabled: !!siteId });
}

/** A site's staff: the pickers' query, and what the new-incident route's loader starts (incidentForm.prefetch.ts). */
export function staffListQuery(siteId: string | undefined) {
  return queryOptions({
    queryKey: ['staff', siteId ?? ''],
    queryFn: async ({ signal }): Promise<StaffOption[] | null> => {
      try {
        const res = await api.get<{ items: Array<Record<string, unknown>> }>('/staff', { siteId, pageSize: 200 }, signal);
        return res.items.flatMap((s) => {
          const id = typeof s.id === 'string' ? s.id : undefined;
          const name = [s.displayName, s.name, `${String(s.forename ?? '')} ${String(s.surname ?? '')}`.trim()]
            .find((x): x is string => typeof x === 'string' && x.length > 0);
          if (!id || !name) return [];
          return [{ id, name, jobTitle: typeof s.jobTitle === 'string' ? s.jobTitle : undefined, userId: typeof s.userId === 'string' ? s.userId : null }];
        }).sort((a, b) => compareText(a.name, b.name));
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
}
