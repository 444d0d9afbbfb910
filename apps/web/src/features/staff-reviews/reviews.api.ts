/** STF-4: performance reviews — my reviews, my team's, one review, and its changes and signatures. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TPerformanceReview, TPerformanceReviewList, TPerformanceReviewUpdate, TReviewEvidenceOptions } from '@haven/contracts';
import { api } from '../../lib/api';

export function useReviewList(view: 'mine' | 'team') {
  return useQuery({ queryKey: ['performance-reviews', view], queryFn: ({ signal }) => api.get<TPerformanceReviewList>('/performance-reviews', { view }, signal) });
}

export function useReview(id: string) {
  return useQuery({ queryKey: ['performance-review', id], queryFn: ({ signal }) => api.get<TPerformanceReview>(`/performance-reviews/${encodeURIComponent(id)}`, undefined, signal) });
}

export function useEvidenceOptions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['performance-review', id, 'evidence'], enabled,
    queryFn: ({ signal }) => api.get<TReviewEvidenceOptions>(`/performance-reviews/${encodeURIComponent(id)}/evidence-options`, undefined, signal),
  });
}

export function useReviewActions(id: string) {
  const qc = useQueryClient();
  const done = (r: TPerformanceReview) => { qc.setQueryData(['performance-review', id], r); void qc.invalidateQueries({ queryKey: ['performance-reviews'] }); };
  return {
    save: useMutation({ mutationFn: (body: TPerformanceReviewUpdate) => api.patch<TPerformanceReview>(`/performance-reviews/${encodeURIComponent(id)}`, body), onSuccess: done }),
    sign: useMutation({ mutationFn: (version: number) => api.post<TPerformanceReview>(`/performance-reviews/${encodeURIComponent(id)}/sign`, { version }), onSuccess: done }),
  };
}

export function useStartReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { staffId: string; academicYear: string }) => api.post<TPerformanceReview>('/performance-reviews', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['performance-reviews'] }),
  });
}
