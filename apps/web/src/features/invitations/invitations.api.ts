/** Invitations: staff (users page), parents (a pupil's contacts), and the public set-password page. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { TInvitation, TInvitationCheck, TLoginResult, TPortalAccessList, TStaffInvite } from '../../lib/types';
import { startSession } from '../auth/auth.api';

const usersKey = ['admin', 'users'] as const;
const userInvitationKey = (id: string) => ['admin', 'users', id, 'invitation'] as const;
const portalKey = (pupilId: string) => ['pupils', pupilId, 'portal-access'] as const;

export function useInviteStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TStaffInvite) => api.post<TInvitation>('/admin/users/invitations', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUserInvitation(userId: string) {
  return useQuery({
    queryKey: userInvitationKey(userId),
    queryFn: ({ signal }) => api.get<{ passwordSet: boolean; invitation: TInvitation | null }>(`/admin/users/${encodeURIComponent(userId)}/invitation`, undefined, signal),
  });
}

/** Send (or send again), resend by invitation, and withdraw; each refreshes what the page shows. */
export function useInvitationActions(refresh: readonly unknown[]) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: refresh });
  return {
    inviteUser: useMutation({ mutationFn: (userId: string) => api.post<TInvitation>(`/admin/users/${encodeURIComponent(userId)}/invitation`), onSuccess: done }),
    inviteParent: useMutation({
      mutationFn: (body: { contactIds: string[]; email?: string }) => api.post<TInvitation>('/invitations/parents', body), onSuccess: done,
    }),
    resend: useMutation({ mutationFn: (id: string) => api.post<TInvitation>(`/invitations/${encodeURIComponent(id)}/resend`), onSuccess: done }),
    revoke: useMutation({ mutationFn: (id: string) => api.delete<TInvitation>(`/invitations/${encodeURIComponent(id)}`), onSuccess: done }),
  };
}
export const invitationKeys = { user: userInvitationKey, portal: portalKey };

export function usePortalAccess(pupilId: string, enabled: boolean) {
  return useQuery({
    queryKey: portalKey(pupilId),
    queryFn: ({ signal }) => api.get<TPortalAccessList>(`/pupils/${encodeURIComponent(pupilId)}/portal-access`, undefined, signal),
    enabled,
    retry: false,
  });
}

/** The public page: check the link, then set the password (which may lead to the two-factor step). */
export function useCheckInvitation(token: string | null) {
  return useQuery({
    queryKey: ['invitation-check', token],
    queryFn: () => api.post<TInvitationCheck>('/auth/invitation', { token }),
    enabled: !!token,
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    meta: { skipGlobal401: true },
  });
}

export function useAcceptInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; password: string; setUpTwoFactor?: boolean }) => api.post<TLoginResult>('/auth/invitation/accept', body),
    onSuccess: async (res) => { if (res.status === 'ok') await startSession(qc, res.csrfToken); },
    meta: { skipGlobal401: true },
  });
}
