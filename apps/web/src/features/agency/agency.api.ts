/** Agency shares: made by a DSL on a pupil's profile, read by the agency professional on "Shared with me". */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { TAgencyRecordType } from '@haven/contracts';
import type { TAgencyShare, TAgencyShareList, TSharedIncident } from '../../lib/types';

const pupilSharesKey = (pupilId: string) => ['agency', 'shares', pupilId] as const;

export function usePupilShares(pupilId: string, enabled: boolean) {
  return useQuery({
    queryKey: pupilSharesKey(pupilId),
    queryFn: ({ signal }) => api.get<TAgencyShareList>('/agency/shares', { pupilId }, signal),
    enabled,
    retry: false,
  });
}

export interface ShareInput { pupilId: string; email: string; displayName: string; expiresOn: string; records: { type: TAgencyRecordType; id: string }[] }

export function useShareMutations(pupilId: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: pupilSharesKey(pupilId) });
  return {
    create: useMutation({ mutationFn: (body: ShareInput) => api.post<TAgencyShare>('/agency/shares', body), onSuccess: done }),
    revoke: useMutation({ mutationFn: (id: string) => api.delete<TAgencyShare>(`/agency/shares/${encodeURIComponent(id)}`), onSuccess: done }),
  };
}

export function useMyShares() {
  return useQuery({ queryKey: ['agency', 'mine'], queryFn: ({ signal }) => api.get<TAgencyShareList>('/agency/my-shares', undefined, signal) });
}

export function useSharedIncident(shareId: string, incidentId: string | null) {
  return useQuery({
    queryKey: ['agency', 'mine', shareId, incidentId],
    queryFn: ({ signal }) => api.get<TSharedIncident>(`/agency/my-shares/${encodeURIComponent(shareId)}/incidents/${encodeURIComponent(incidentId!)}`, undefined, signal),
    enabled: !!incidentId,
  });
}
