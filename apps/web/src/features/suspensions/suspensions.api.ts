/** Suspensions, exclusion reasons, deadlines and the communications log (SAN-3, LAW-1 … LAW-9, PAR-2). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCommunication, TDeadline, TExclusion, TExclusionInput, TExclusionPreview, TIssued, TMeeting,
} from '@haven/contracts';
import { api } from '../../lib/api';

export type TExclusionListItem = Omit<TExclusion, 'notifications' | 'meetings' | 'details'>;
export interface TReason { id: string; code: string; label: string; validFrom: string; validTo: string | null; source: string; allowed: string[] }
export type PreviewBody = Pick<TExclusionInput, 'pupilId' | 'category' | 'startDate' | 'startSession' | 'sessions' | 'missesPublicExam' | 'decisionDate' | 'publicExamDate'>;

export function useSuspensions(q: { pupilId?: string; siteId?: string } = {}, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['suspensions', 'list', q],
    queryFn: ({ signal }) => api.get<{ items: TExclusionListItem[] }>('/suspensions', q, signal),
    select: (d) => d.items,
  });
}

export function useSuspension(id: string) {
  return useQuery({ queryKey: ['suspensions', 'one', id], queryFn: ({ signal }) => api.get<TExclusion>(`/suspensions/${encodeURIComponent(id)}`, undefined, signal) });
}

/** The live statutory check the issue form shows as the head types. */
export function usePreview(body: PreviewBody | null) {
  return useQuery({
    queryKey: ['suspensions', 'preview', body],
    queryFn: () => api.post<TExclusionPreview>('/suspensions/preview', body),
    enabled: !!body,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useReasons(validOn?: string) {
  return useQuery({
    queryKey: ['exclusion-reasons', validOn ?? 'all'],
    queryFn: ({ signal }) => api.get<{ items: TReason[] }>('/exclusion-reasons', validOn ? { validOn } : undefined, signal),
    select: (d) => d.items,
    staleTime: 5 * 60_000,
  });
}

export function useIssue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, previousId }: { body: TExclusionInput; previousId?: string | undefined }) =>
      api.post<TIssued>(previousId ? `/suspensions/${encodeURIComponent(previousId)}/linked` : '/suspensions', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['suspensions'] }),
  });
}

/** Any recording action on a suspension that answers with the record. */
export function useSuspensionAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: Record<string, unknown> }) => api.post<TExclusion>(`/suspensions/${encodeURIComponent(id)}/${path}`, body),
    onSuccess: (data) => {
      qc.setQueryData(['suspensions', 'one', id], data);
      void qc.invalidateQueries({ queryKey: ['suspensions', 'list'] });
      void qc.invalidateQueries({ queryKey: ['communications'] });
      void qc.invalidateQueries({ queryKey: ['deadlines'] });
    },
  });
}

export function useUpdateMeeting(recordId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<Pick<TMeeting, 'status' | 'notes' | 'date' | 'version'>> }) => api.patch<TMeeting>(`/meetings/${encodeURIComponent(id)}`, body),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['suspensions', 'one', recordId] }); void qc.invalidateQueries({ queryKey: ['meetings'] }); },
  });
}

export function useMeetings(pupilId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['meetings', pupilId],
    queryFn: ({ signal }) => api.get<{ items: TMeeting[] }>('/meetings', { pupilId }, signal),
    select: (d) => d.items,
  });
}

export function useCommunications(recordType: string, recordId: string) {
  return useQuery({
    queryKey: ['communications', recordType, recordId],
    queryFn: ({ signal }) => api.get<{ items: TCommunication[] }>('/communications', { recordType, recordId }, signal),
    select: (d) => d.items,
    refetchInterval: (q) => (q.state.data?.items.some((c) => c.status === 'pending') ? 3000 : false),
  });
}

export function useMarkSent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TCommunication>(`/communications/${encodeURIComponent(id)}/mark-sent`, {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['communications'] }),
  });
}

export function useDeadlines() {
  return useQuery({
    queryKey: ['deadlines'],
    queryFn: ({ signal }) => api.get<{ items: TDeadline[]; today: string }>('/deadlines', undefined, signal),
  });
}

export function useReasonAdmin() {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ['exclusion-reasons'] });
  return {
    add: useMutation({ mutationFn: (body: { code: string; label: string; validFrom: string; source: string }) => api.post<TReason>('/exclusion-reasons', body), onSuccess: done }),
    expire: useMutation({ mutationFn: ({ id, validTo }: { id: string; validTo: string }) => api.post<TReason>(`/exclusion-reasons/${encodeURIComponent(id)}/expire`, { validTo }), onSuccess: done }),
  };
}
