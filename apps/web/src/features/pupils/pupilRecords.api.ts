/** Keeping pupils and their contacts by hand (office staff, trust administrators; the sealed facts: the DSL). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TContactInput, TContactUpdate, TPupilCreate, TPupilUpdate } from '@haven/contracts';
import { api } from '../../lib/api';

const enc = encodeURIComponent;
type Written = { id: string; version: number };
type ContactWritten = { id: string; pupilId: string };

/** A mutation that refreshes the pupil lists and the pupil's profile once it succeeds. */
function usePupilWrite<TVars, TRes>(fn: (v: TVars) => Promise<TRes>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['pupils'] });
      void qc.invalidateQueries({ queryKey: ['pupil'] });
    },
  });
}

export const useCreatePupil = () => usePupilWrite((body: TPupilCreate) => api.post<Written>('/pupils', body));
export const useUpdatePupil = () => usePupilWrite((v: { id: string; body: TPupilUpdate }) => api.patch<Written>(`/pupils/${enc(v.id)}`, v.body));
export const useLeavePupil = () => usePupilWrite((v: { id: string; body: { date: string; reason: string; version: number } }) => api.post<Written>(`/pupils/${enc(v.id)}/leave`, v.body));
export const useRejoinPupil = () => usePupilWrite((v: { id: string; body: { date: string; version: number } }) => api.post<Written>(`/pupils/${enc(v.id)}/rejoin`, v.body));
export const useMovePupil = () => usePupilWrite((v: { id: string; body: { siteId: string; date: string; version: number } }) => api.post<Written>(`/pupils/${enc(v.id)}/move`, v.body));
export const useUpdateSealed = () => usePupilWrite((v: { id: string; body: { childInNeed: boolean; childProtectionPlan: boolean; version: number } }) =>
  api.put<Written>(`/pupils/${enc(v.id)}/sealed`, v.body));

export const useAddContact = () => usePupilWrite((v: { pupilId: string; body: TContactInput }) => api.post<ContactWritten>(`/pupils/${enc(v.pupilId)}/contacts`, v.body));
export const useUpdateContact = () => usePupilWrite((v: { pupilId: string; contactId: string; body: TContactUpdate }) =>
  api.patch<ContactWritten>(`/pupils/${enc(v.pupilId)}/contacts/${enc(v.contactId)}`, v.body));
export const useRemoveContact = () => usePupilWrite((v: { pupilId: string; contactId: string }) =>
  api.delete<ContactWritten>(`/pupils/${enc(v.pupilId)}/contacts/${enc(v.contactId)}`));
