/** Trust administration: sites and users (site.manage, user.manage). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  TAssignmentInput, TSite, TSiteCreate, TSiteList, TSiteUpdate, TUser, TUserCreate, TUserList, TUserUpdate,
} from '../../lib/types';
import type { UserSearch } from './userSearch';

export const USER_PAGE_SIZE = 25;
const sitesKey = ['admin', 'sites'] as const;
const usersKey = ['admin', 'users'] as const;

export function useAdminSites(enabled = true) {
  return useQuery({
    queryKey: sitesKey,
    queryFn: ({ signal }) => api.get<TSiteList>('/admin/sites', undefined, signal),
    enabled,
  });
}

export function useCreateSite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TSiteCreate) => api.post<TSite>('/admin/sites', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: sitesKey }),
  });
}

export function useUpdateSite(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TSiteUpdate) => api.patch<TSite>(`/admin/sites/${encodeURIComponent(id)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: sitesKey }),
  });
}

export function useUsers(s: UserSearch) {
  const query = { search: s.search, siteId: s.siteId, role: s.role, page: s.page ?? 1, pageSize: USER_PAGE_SIZE };
  return useQuery({
    queryKey: [...usersKey, query],
    queryFn: ({ signal }) => api.get<TUserList>('/admin/users', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every user (up to 200), for pickers such as the audit log's "who" filter. */
export function useAllUsers(enabled: boolean) {
  const query = { page: 1, pageSize: 200 };
  return useQuery({
    queryKey: [...usersKey, query],
    queryFn: ({ signal }) => api.get<TUserList>('/admin/users', query, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TUserCreate) => api.post<TUser>('/admin/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Changes to one user; each answers with the updated user, which the caller keeps. */
export function useUserMutations(id: string) {
  const qc = useQueryClient();
  const base = `/admin/users/${encodeURIComponent(id)}`;
  const done = () => qc.invalidateQueries({ queryKey: usersKey });
  return {
    update: useMutation({ mutationFn: (body: TUserUpdate) => api.patch<TUser>(base, body), onSuccess: done }),
    addAssignment: useMutation({ mutationFn: (body: TAssignmentInput) => api.post<TUser>(`${base}/assignments`, body), onSuccess: done }),
    removeAssignment: useMutation({
      mutationFn: (assignmentId: string) => api.delete<TUser>(`${base}/assignments/${encodeURIComponent(assignmentId)}`),
      onSuccess: done,
    }),
  };
}
