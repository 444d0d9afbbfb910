/** Staff training (STF-1): courses, sessions and registers, certificates, the matrix, my training, line management. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCertificate, TCourse, TMatrix, TSession } from '@haven/contracts';
import { api, type Query } from '../../lib/api';

const key = ['training'] as const;
export interface Technique { code: string; label: string }
export interface LineManagementEntry { id: string; staffId: string; staffName: string; staffSiteId: string; managerStaffId: string; managerName: string; managerSiteId: string; startsOn: string; endsOn: string | null; version: number; allowed: string[] }
export interface MyTraining { staff: { staffId: string; siteId: string; staffName: string }[]; certificates: TCertificate[]; lineManager: { staffId: string; name: string } | null; managedStaffIds: string[] }
export interface ImportResult { fileHash: string; rows: number; valid: number; committed: boolean; problems: { row: number | null; column: string | null; message: string }[]; sample: { row: number; staff: string; course: string; issuedOn: string; expiresOn: string }[] }

export function useCourses() {
  return useQuery({ queryKey: [...key, 'courses'], queryFn: ({ signal }) => api.get<{ items: TCourse[]; techniques: Technique[] }>('/training/courses', undefined, signal) });
}
export function useSessions(q: Query | null) {
  return useQuery({ queryKey: [...key, 'sessions', q], enabled: q !== null, placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api.get<{ items: TSession[] }>('/training/sessions', q ?? undefined, signal) });
}
export function useSession(id: string) {
  return useQuery({ queryKey: [...key, 'session', id], queryFn: ({ signal }) => api.get<TSession>(`/training/sessions/${id}`, undefined, signal) });
}
export function useMatrix(q: Query | null) {
  return useQuery({ queryKey: [...key, 'matrix', q], enabled: q !== null, placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api.get<TMatrix>('/training/matrix', q ?? undefined, signal) });
}
export function useCertificates(q: Query | null) {
  return useQuery({ queryKey: [...key, 'certificates', q], enabled: q !== null, placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api.get<{ items: TCertificate[] }>('/training/certificates', q ?? undefined, signal) });
}
export function useMyTraining() {
  return useQuery({ queryKey: [...key, 'me'], queryFn: ({ signal }) => api.get<MyTraining>('/training/me', undefined, signal) });
}
export function useLineManagement(q: Query | null) {
  return useQuery({ queryKey: [...key, 'lines', q], enabled: q !== null, queryFn: ({ signal }) => api.get<{ items: LineManagementEntry[] }>('/training/line-management', q ?? undefined, signal) });
}
export function useStaffPicker(siteId: string | undefined) {
  return useQuery({ queryKey: ['staff', 'picker', siteId], enabled: !!siteId,
    queryFn: ({ signal }) => api.get<{ items: { id: string; displayName: string; jobTitle: string; siteId: string }[] }>('/staff', { siteId, pageSize: 500 }, signal) });
}

export function useTrainingMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: key });
  return {
    createCourse: useMutation({ mutationFn: (b: Record<string, unknown>) => api.post<TCourse>('/training/courses', b), onSuccess: done }),
    createSession: useMutation({ mutationFn: (b: Record<string, unknown>) => api.post<TSession>('/training/sessions', b), onSuccess: done }),
    book: useMutation({ mutationFn: (v: { id: string; staffIds: string[] }) => api.post<TSession>(`/training/sessions/${v.id}/bookings`, { staffIds: v.staffIds }), onSuccess: done }),
    bookMe: useMutation({ mutationFn: (id: string) => api.post<TSession>(`/training/sessions/${id}/book-me`), onSuccess: done }),
    register: useMutation({ mutationFn: (v: { id: string; entries: unknown[] }) => api.put<TSession>(`/training/sessions/${v.id}/register`, { entries: v.entries }), onSuccess: done }),
    issue: useMutation({ mutationFn: (id: string) => api.post<{ issued: number; skipped: { staffName: string; reason: string }[] }>(`/training/sessions/${id}/issue`), onSuccess: done }),
    recordCertificate: useMutation({ mutationFn: (b: Record<string, unknown>) => api.post<TCertificate>('/training/certificates', b), onSuccess: done }),
    revoke: useMutation({ mutationFn: (id: string) => api.post<TCertificate>(`/training/certificates/${id}/revoke`), onSuccess: done }),
    addLine: useMutation({ mutationFn: (b: Record<string, unknown>) => api.post<LineManagementEntry>('/training/line-management', b), onSuccess: done }),
    endLine: useMutation({ mutationFn: (v: { id: string; endsOn: string; version: number }) => api.post<LineManagementEntry>(`/training/line-management/${v.id}/end`, { endsOn: v.endsOn, version: v.version }), onSuccess: done }),
  };
}
