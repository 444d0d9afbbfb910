/** Casework (SUP-4, SUP-5): meetings, agencies, referrals and professional reports against /api/v1. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TAgency, TMeeting, TProfessionalReport, TReferral } from '@haven/contracts';
import { api, apiUrl, uploadFile } from '../../lib/api';

const enc = encodeURIComponent;
type Q = Record<string, string | undefined>;

export function useMeetings(q: Q, enabled = true) {
  return useQuery({ enabled, queryKey: ['meetings', q], queryFn: ({ signal }) => api.get<{ items: TMeeting[] }>('/meetings', q, signal), select: (d) => d.items });
}
export function useMeeting(id: string) {
  return useQuery({ queryKey: ['meetings', 'one', id], queryFn: ({ signal }) => api.get<TMeeting>(`/meetings/${enc(id)}`, undefined, signal) });
}
export interface AttendeeOptions { staff: { id: string; name: string }[]; contacts: { id: string; name: string; role: string | null }[]; agencyContacts: { id: string; name: string; role: string | null; agencyName: string }[]; pupil: { id: string; name: string } }
export function useAttendeeOptions(pupilId: string | undefined) {
  return useQuery({ enabled: !!pupilId, queryKey: ['meetings', 'options', pupilId], queryFn: ({ signal }) => api.get<AttendeeOptions>('/meetings/attendee-options', { pupilId }, signal) });
}
export const minutesUrl = (id: string) => apiUrl(`/meetings/${enc(id)}/minutes.pdf`);
export const agencyReportUrl = (pupilId: string, from: string, to: string) => apiUrl(`/pupils/${enc(pupilId)}/agency-report.pdf`, { from, to });
export const reportFileUrl = (id: string) => apiUrl(`/professional-reports/${enc(id)}/file`);

export function useMeetingMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['meetings'] });
  return {
    create: useMutation({ mutationFn: (body: unknown) => api.post<TMeeting>('/meetings', body), onSuccess: done }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: unknown }) => api.patch<TMeeting>(`/meetings/${enc(id)}`, body), onSuccess: done }),
    addAction: useMutation({ mutationFn: ({ id, body }: { id: string; body: unknown }) => api.post<TMeeting>(`/meetings/${enc(id)}/actions`, body), onSuccess: done }),
  };
}

export function useAgencies(enabled = true) {
  return useQuery({ enabled, queryKey: ['agencies'], queryFn: ({ signal }) => api.get<{ items: TAgency[] }>('/agencies', undefined, signal), select: (d) => d.items });
}
export function useAgencyMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['agencies'] });
  return {
    create: useMutation({ mutationFn: (body: unknown) => api.post<TAgency>('/agencies', body), onSuccess: done }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: unknown }) => api.patch<TAgency>(`/agencies/${enc(id)}`, body), onSuccess: done }),
    addContact: useMutation({ mutationFn: ({ id, body }: { id: string; body: unknown }) => api.post<TAgency>(`/agencies/${enc(id)}/contacts`, body), onSuccess: done }),
  };
}

export function useReferrals(q: Q, enabled = true) {
  return useQuery({ enabled, queryKey: ['referrals', q], queryFn: ({ signal }) => api.get<{ items: TReferral[] }>('/referrals', q, signal), select: (d) => d.items });
}
export function useReferralMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['referrals'] });
  return {
    create: useMutation({ mutationFn: (body: unknown) => api.post<TReferral>('/referrals', body), onSuccess: done }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: unknown }) => api.patch<TReferral>(`/referrals/${enc(id)}`, body), onSuccess: done }),
  };
}

export function useProfessionalReports(q: Q, enabled = true) {
  return useQuery({ enabled, queryKey: ['professional-reports', q], queryFn: ({ signal }) => api.get<{ items: TProfessionalReport[] }>('/professional-reports', q, signal), select: (d) => d.items });
}
export function useReportMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['professional-reports'] });
  return {
    create: useMutation({ mutationFn: (body: unknown) => api.post<TProfessionalReport>('/professional-reports', body), onSuccess: done }),
    attach: useMutation({ mutationFn: ({ id, file }: { id: string; file: File }) => uploadFile<TProfessionalReport>(`/professional-reports/${enc(id)}/file`, file), onSuccess: done }),
  };
}
