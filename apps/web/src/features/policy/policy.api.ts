/** Behaviour policy management (policy.manage): categories, lists, the custom form and escalation rules. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../lib/api';
import type {
  PolicyScope, TCategory, TCategoryCreate, TCategoryList, TCategoryUpdate, TEscalationRule, TEscalationRuleCreate,
  TEscalationRuleList, TEscalationRuleUpdate, TFormCurrent, TFormPut, TFormVersion, TOption, TOptionCreate, TOptionKind,
  TOptionList, TOptionUpdate,
} from './policy.types';

const root = ['policy'] as const;
const scopeQuery = (s: PolicyScope) => (s.siteId ? { siteId: s.siteId } : { scope: 'trust' });
const scopeKey = (s: PolicyScope) => s.siteId ?? 'trust';

/** Any change to the policy may change what the quick log and incident form show: refresh everything policy. */
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: root });
}

export function useCategories(scope: PolicyScope) {
  return useQuery({
    queryKey: [...root, 'categories', scopeKey(scope)],
    queryFn: ({ signal }) => api.get<TCategoryList>('/policy/categories', scopeQuery(scope), signal),
  });
}

export function useCategoryMutations() {
  const done = useInvalidate();
  return {
    create: useMutation({ mutationFn: (body: TCategoryCreate) => api.post<TCategory>('/policy/categories', body), onSuccess: done }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: TCategoryUpdate }) => api.patch<TCategory>(`/policy/categories/${encodeURIComponent(id)}`, body),
      onSuccess: done,
    }),
  };
}

export function useOptions(kind: TOptionKind, scope: PolicyScope) {
  return useQuery({
    queryKey: [...root, 'options', kind, scopeKey(scope)],
    queryFn: ({ signal }) => api.get<TOptionList>('/policy/options', { kind, ...scopeQuery(scope) }, signal),
  });
}

export function useOptionMutations() {
  const done = useInvalidate();
  return {
    create: useMutation({ mutationFn: (body: TOptionCreate) => api.post<TOption>('/policy/options', body), onSuccess: done }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: TOptionUpdate }) => api.patch<TOption>(`/policy/options/${encodeURIComponent(id)}`, body),
      onSuccess: done,
    }),
  };
}

export function useFormCurrent(scope: PolicyScope) {
  return useQuery({
    queryKey: [...root, 'form', scopeKey(scope)],
    queryFn: ({ signal }) => api.get<TFormCurrent>('/policy/form', scopeQuery(scope), signal),
  });
}

export function useSaveForm() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: TFormPut) => request<TFormVersion>('PUT', '/policy/form', { body }), onSuccess: done });
}

export function useRules(scope: PolicyScope) {
  return useQuery({
    queryKey: [...root, 'rules', scopeKey(scope)],
    queryFn: ({ signal }) => api.get<TEscalationRuleList>('/policy/escalation-rules', scopeQuery(scope), signal),
  });
}

export function useRuleMutations() {
  const done = useInvalidate();
  return {
    create: useMutation({ mutationFn: (body: TEscalationRuleCreate) => api.post<TEscalationRule>('/policy/escalation-rules', body), onSuccess: done }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: TEscalationRuleUpdate }) => api.patch<TEscalationRule>(`/policy/escalation-rules/${encodeURIComponent(id)}`, body),
      onSuccess: done,
    }),
  };
}
