/** Queries and mutations for detentions, isolation, rewards and placements (SAN-1, 2, 4, 5). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TDetentionAssignment, TDetentionRule, TDetentionSession, TDetentionType, TIsolationSession, TLeaderboard, TMilestone, TPlacement,
  TPupilRewards, TRatio, TRewardGroups,
} from '@haven/contracts';
import { api } from '../../lib/api';

type Milestone = TMilestone;
type DetentionRule = TDetentionRule;
interface StaffList { items: { id: string; siteId: string; displayName: string; jobTitle: string; userId: string | null }[] }
const enc = encodeURIComponent;

function useInvalidating<TVars, TRes>(keys: string[][], fn: (v: TVars) => Promise<TRes>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => { for (const k of keys) void qc.invalidateQueries({ queryKey: k }); } });
}

// ---- detentions ----
export const useDetentionTypes = (siteId: string | undefined) => useQuery({
  queryKey: ['detention-types', siteId ?? ''], enabled: !!siteId,
  queryFn: ({ signal }) => api.get<{ items: TDetentionType[]; allowed: string[] }>('/detention-types', { siteId }, signal),
});
export const useDetentionSessions = (q: { siteId: string | undefined; from?: string; to?: string; withSpace?: boolean }) => useQuery({
  queryKey: ['detentions', q], enabled: !!q.siteId,
  queryFn: ({ signal }) => api.get<{ items: TDetentionSession[]; allowed: string[] }>('/detentions', { siteId: q.siteId, from: q.from, to: q.to, withSpace: q.withSpace ? 'true' : undefined }, signal),
});
export const useDetentionSession = (id: string) => useQuery({
  queryKey: ['detentions', 'one', id], queryFn: ({ signal }) => api.get<TDetentionSession>(`/detentions/${enc(id)}`, undefined, signal),
});
export const usePupilDetentions = (pupilId: string, enabled: boolean) => useQuery({
  queryKey: ['detentions', 'pupil', pupilId], enabled,
  queryFn: ({ signal }) => api.get<{ items: TDetentionAssignment[] }>(`/pupils/${enc(pupilId)}/detentions`, undefined, signal), select: (d) => d.items,
});
export const useDetentionRules = (siteId: string | undefined, enabled: boolean) => useQuery({
  queryKey: ['detention-rules', siteId ?? ''], enabled: enabled && !!siteId,
  queryFn: ({ signal }) => api.get<{ items: DetentionRule[] }>('/detention-rules', { siteId }, signal), select: (d) => d.items,
});
export const useSaveDetentionType = () => useInvalidating([['detention-types']], (v: { id?: string; body: Record<string, unknown> }) =>
  (v.id ? api.patch<TDetentionType>(`/detention-types/${enc(v.id)}`, v.body) : api.post<TDetentionType>('/detention-types', v.body)));
export const useScheduleDetention = () => useInvalidating([['detentions']], (body: Record<string, unknown>) => api.post<TDetentionSession>('/detentions', body));
export const useAssignDetention = () => useInvalidating([['detentions']], (body: { sessionId: string; pupilId: string; incidentId?: string | null; reason?: string | null }) =>
  api.post<TDetentionAssignment>('/detention-assignments', body));
export interface MarkResult { assignment: TDetentionAssignment; escalation: { taskId: string | null; reassignedTo: TDetentionAssignment | null; note: string | null } | null }
export const useMarkDetention = () => useInvalidating([['detentions']], (v: { id: string; status: 'attended' | 'missed' | 'excused'; excuseReason?: string }) =>
  api.post<MarkResult>(`/detention-assignments/${enc(v.id)}/mark`, { status: v.status, excuseReason: v.excuseReason ?? null }));
export const useLinkRule = () => useInvalidating([['detention-rules']], (v: { ruleId: string; detentionTypeId: string | null }) =>
  api.put<DetentionRule>(`/detention-rules/${enc(v.ruleId)}`, { detentionTypeId: v.detentionTypeId }));

// ---- isolation ----
export const useIsolations = (siteId: string | undefined, from?: string) => useQuery({
  queryKey: ['isolations', siteId ?? '', from ?? ''], enabled: !!siteId,
  queryFn: ({ signal }) => api.get<{ items: TIsolationSession[]; allowed: string[] }>('/isolations', { siteId, from }, signal),
});
export const useScheduleIsolation = () => useInvalidating([['isolations']], (body: Record<string, unknown>) => api.post<TIsolationSession>('/isolations', body));
export const useAssignIsolation = () => useInvalidating([['isolations']], (v: { id: string; pupilId: string; reason?: string | null }) =>
  api.post(`/isolations/${enc(v.id)}/pupils`, { pupilId: v.pupilId, reason: v.reason ?? null }));
export const useMarkIsolation = () => useInvalidating([['isolations']], (v: { id: string; status: 'attended' | 'missed' | 'excused'; excuseReason?: string }) =>
  api.post(`/isolation-pupils/${enc(v.id)}/mark`, { status: v.status, excuseReason: v.excuseReason ?? null }));

// ---- rewards ----
export const usePupilRewards = (pupilId: string, enabled: boolean) => useQuery({
  queryKey: ['rewards', 'pupil', pupilId], enabled, queryFn: ({ signal }) => api.get<TPupilRewards>(`/rewards/pupils/${enc(pupilId)}`, undefined, signal),
});
export const useRatio = (q: { subject: string; id: string | null; from: string; to: string }) => useQuery({
  queryKey: ['rewards', 'ratio', q], enabled: !!q.id,
  queryFn: ({ signal }) => api.get<TRatio>('/rewards/ratio', { subject: q.subject, id: q.id, from: q.from || undefined, to: q.to || undefined }, signal),
});
export const useLeaderboard = (siteId: string | undefined, groupId: string | null) => useQuery({
  queryKey: ['rewards', 'leaderboard', siteId ?? '', groupId ?? ''], enabled: !!siteId,
  queryFn: ({ signal }) => api.get<TLeaderboard>('/rewards/leaderboard', { siteId, groupId, limit: 15 }, signal),
});
export const useRewardGroups = (siteId: string | undefined) => useQuery({
  queryKey: ['rewards', 'groups', siteId ?? ''], enabled: !!siteId,
  queryFn: ({ signal }) => api.get<TRewardGroups>('/rewards/groups', { siteId }, signal), select: (d) => d.items,
});
export const useMilestones = (siteId: string | undefined, enabled: boolean) => useQuery({
  queryKey: ['rewards', 'milestones', siteId ?? ''], enabled: enabled && !!siteId,
  queryFn: ({ signal }) => api.get<{ items: Milestone[]; allowed: string[] }>('/rewards/milestones', { siteId }, signal),
});
export const useSaveMilestone = () => useInvalidating([['rewards']], (v: { id?: string; body: Record<string, unknown> }) =>
  (v.id ? api.patch<Milestone>(`/rewards/milestones/${enc(v.id)}`, v.body) : api.post<Milestone>('/rewards/milestones', v.body)));

// ---- placements ----
export const usePlacements = (pupilId: string, enabled: boolean) => useQuery({
  queryKey: ['placements', pupilId], enabled,
  queryFn: ({ signal }) => api.get<{ items: TPlacement[]; allowed: string[] }>('/placements', { pupilId }, signal),
});
export const useCreatePlacement = () => useInvalidating([['placements']], (body: Record<string, unknown>) => api.post<TPlacement>('/placements', body));
export const useEndPlacement = () => useInvalidating([['placements']], (v: { id: string; body: Record<string, unknown> }) => api.post<TPlacement>(`/placements/${enc(v.id)}/end`, v.body));
export const useReviewOutcome = () => useInvalidating([['placements']], (v: { id: string; outcome: string }) => api.post<TPlacement>(`/placement-reviews/${enc(v.id)}/outcome`, { outcome: v.outcome }));

// ---- people ----
/** Members of staff of a site who sign in (supervisors must be users). */
export const useSiteStaffUsers = (siteId: string | undefined) => useQuery({
  queryKey: ['staff', 'users', siteId ?? ''], enabled: !!siteId,
  queryFn: ({ signal }) => api.get<StaffList>('/staff', { siteId, pageSize: 500 }, signal),
  select: (d) => d.items.filter((s) => s.userId).map((s) => ({ value: s.userId!, label: `${s.displayName} (${s.jobTitle})` })),
});
export const useSitePupils = (siteId: string | undefined, search: string) => useQuery({
  queryKey: ['pupils', 'pick', siteId ?? '', search], enabled: !!siteId && search.trim().length >= 2,
  queryFn: ({ signal }) => api.get<{ items: { id: string; displayName: string; yearGroup: number }[] }>('/pupils', { siteId, search, pageSize: 20 }, signal),
  select: (d) => d.items,
});
