/** People kept by hand (people.manage): forms and classes with their members, staff records; and exclusion contacts. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TExclusionContacts, TExclusionContactsInput, TGroupMember, TPeopleGroup, TPeopleGroupCreate, TPeopleGroupDetail, TPeopleGroupUpdate,
  TStaffRecord, TStaffRecordCreate, TStaffRecordUpdate,
} from '@haven/contracts';
import { api } from '../../lib/api';

const groupsKey = ['people', 'groups'] as const;
const staffKey = ['people', 'staff'] as const;
const contactsKey = ['exclusion-contacts'] as const;

export function useGroups(siteId: string | null, status: 'current' | 'archived' | 'all') {
  return useQuery({
    queryKey: [...groupsKey, siteId, status],
    queryFn: ({ signal }) => api.get<{ items: TPeopleGroup[]; total: number }>('/people/groups', { siteId, status }, signal),
    enabled: !!siteId,
    placeholderData: keepPreviousData,
  });
}

export function useGroup(id: string | null) {
  return useQuery({
    queryKey: [...groupsKey, 'one', id],
    queryFn: ({ signal }) => api.get<TPeopleGroupDetail>(`/people/groups/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: !!id,
  });
}

export function useGroupCandidates(id: string, search: string) {
  return useQuery({
    queryKey: [...groupsKey, 'candidates', id, search],
    queryFn: ({ signal }) => api.get<{ items: TGroupMember[] }>(`/people/groups/${encodeURIComponent(id)}/candidates`, { search }, signal),
    enabled: search.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function useGroupMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: groupsKey });
  const base = (id: string) => `/people/groups/${encodeURIComponent(id)}`;
  return {
    create: useMutation({ mutationFn: (body: TPeopleGroupCreate) => api.post<TPeopleGroup>('/people/groups', body), onSuccess: done }),
    update: useMutation({ mutationFn: (v: { id: string; body: TPeopleGroupUpdate }) => api.patch<TPeopleGroup>(base(v.id), v.body), onSuccess: done }),
    addMembers: useMutation({ mutationFn: (v: { id: string; pupilIds: string[] }) => api.post<TPeopleGroupDetail>(`${base(v.id)}/members`, { pupilIds: v.pupilIds }), onSuccess: done }),
    removeMember: useMutation({
      mutationFn: (v: { id: string; pupilId: string }) => api.delete<TPeopleGroupDetail>(`${base(v.id)}/members/${encodeURIComponent(v.pupilId)}`),
      onSuccess: done,
    }),
  };
}

export function useStaffRecords(siteId: string | null, status: 'current' | 'left' | 'all', search: string) {
  return useQuery({
    queryKey: [...staffKey, siteId, status, search],
    queryFn: ({ signal }) => api.get<{ items: TStaffRecord[]; total: number }>('/people/staff', { siteId, status, search }, signal),
    enabled: !!siteId,
    placeholderData: keepPreviousData,
  });
}

export function useStaffMutations() {
  const qc = useQueryClient();
  const done = () => Promise.all([qc.invalidateQueries({ queryKey: staffKey }), qc.invalidateQueries({ queryKey: ['staff'] })]);
  return {
    create: useMutation({ mutationFn: (body: TStaffRecordCreate) => api.post<TStaffRecord>('/people/staff', body), onSuccess: done }),
    update: useMutation({ mutationFn: (v: { id: string; body: TStaffRecordUpdate }) => api.patch<TStaffRecord>(`/people/staff/${encodeURIComponent(v.id)}`, v.body), onSuccess: done }),
  };
}

export function useExclusionContacts() {
  return useQuery({ queryKey: contactsKey, queryFn: ({ signal }) => api.get<{ items: TExclusionContacts[] }>('/exclusion-contacts', undefined, signal) });
}

export function useSaveExclusionContacts(siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TExclusionContactsInput) => api.put<TExclusionContacts>(`/exclusion-contacts/${encodeURIComponent(siteId)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: contactsKey }),
  });
}
