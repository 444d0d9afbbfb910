/** A pupil's risk assessments (SUP-2): list, one, history, and the writes (draft, sign-off, activate, revise). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TRiskAssessment, TRiskAssessmentHistory, TRiskAssessmentList, TRiskHazardInput } from '@haven/contracts';
import { api, apiUrl } from '../../lib/api';

export interface RiskAssessmentDraft { title: string; summary: string; hazards: TRiskHazardInput[]; reviewDate: string; planId: string | null }

const key = (pupilId: string) => ['risk-assessments', pupilId] as const;

export function useRiskAssessments(pupilId: string) {
  return useQuery({ queryKey: key(pupilId), queryFn: ({ signal }) => api.get<TRiskAssessmentList>('/risk-assessments', { pupilId }, signal) });
}

export function useRiskAssessment(pupilId: string, id: string | null) {
  return useQuery({
    queryKey: [...key(pupilId), 'one', id],
    queryFn: ({ signal }) => api.get<TRiskAssessment>(`/risk-assessments/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: !!id,
  });
}

export function useRiskAssessmentHistory(pupilId: string, id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(pupilId), 'history', id],
    queryFn: ({ signal }) => api.get<TRiskAssessmentHistory>(`/risk-assessments/${encodeURIComponent(id)}/history`, undefined, signal),
    enabled,
  });
}

export const riskAssessmentPdfUrl = (id: string) => apiUrl(`/risk-assessments/${encodeURIComponent(id)}/pdf`);

export function useRiskAssessmentMutations(pupilId: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: key(pupilId) });
  return {
    create: useMutation({ mutationFn: (d: RiskAssessmentDraft) => api.post<TRiskAssessment>('/risk-assessments', { ...d, pupilId }), onSuccess: done }),
    save: useMutation({ mutationFn: (v: { id: string; version: number; draft: RiskAssessmentDraft }) => api.put<TRiskAssessment>(`/risk-assessments/${encodeURIComponent(v.id)}`, { ...v.draft, version: v.version }), onSuccess: done }),
    signOff: useStep('sign-off', done),
    activate: useStep('activate', done),
    revise: useStep('revise', done),
  };
}

function useStep(what: 'sign-off' | 'activate' | 'revise', done: () => Promise<void>) {
  return useMutation({
    mutationFn: (v: { id: string; version: number }) => api.post<TRiskAssessment>(`/risk-assessments/${encodeURIComponent(v.id)}/${what}`, { version: v.version }), onSuccess: done,
  });
}
