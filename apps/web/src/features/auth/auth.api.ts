/** Session queries and mutations: who is signed in, sign-in steps, sign-out. */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { clearAllDrafts } from '../incidents/draftStore';
import { clearConcernDrafts } from '../safeguarding/concernDraft';
import { clearFormDrafts } from '../pupils/formDraft';
import { useNavigate } from '@tanstack/react-router';
import { api, ApiError, apiUrl, forgetCsrfToken, rememberCsrfToken } from '../../lib/api';
import type { TLoginResult, TMe } from '../../lib/types';
import type { TSsoContinue, TSsoProvider } from '@haven/contracts';

export const meQueryKey = ['me'] as const;
const isMeQuery = (key: readonly unknown[]) => key.length === 1 && key[0] === meQueryKey[0];

/** Forget everything cached for the previous user, except the "who is signed in" query its observers hang on. */
function dropUserData(qc: QueryClient): void {
  qc.cancelQueries({ predicate: (q) => !isMeQuery(q.queryKey) });
  qc.removeQueries({ predicate: (q) => !isMeQuery(q.queryKey) });
}

/** The signed-in user, or null when nobody is signed in (401). */
export async function fetchMe(): Promise<TMe | null> {
  try {
    const me = await api.get<TMe>('/me');
    rememberCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Who is signed in: one query, used by AuthGate and started early by the router (router.tsx). */
export const meQuery = { queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 };

export function useMeQuery() {
  return useQuery(meQuery);
}

/** After a session starts: drop anything cached for a previous user and load who this is. */
export async function startSession(qc: QueryClient, csrf: string): Promise<void> {
  rememberCsrfToken(csrf);
  dropUserData(qc);
  await qc.invalidateQueries({ queryKey: meQueryKey, exact: true });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<TLoginResult>('/auth/login', body),
    onSuccess: async (res) => {
      if (res.status === 'ok') await startSession(qc, res.csrfToken);
    },
    meta: { skipGlobal401: true },
  });
}

export function useTotpStep(kind: 'verify' | 'enrol') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { challenge: string; code: string }) =>
      api.post<{ status: 'ok'; csrfToken: string }>(kind === 'verify' ? '/auth/login/totp' : '/auth/totp/enrol', body),
    onSuccess: async (res) => startSession(qc, res.csrfToken),
    meta: { skipGlobal401: true },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (everywhere: boolean) => api.post<unknown>(everywhere ? '/auth/logout-all' : '/auth/logout'),
    onSettled: () => {
      clearAllDrafts();
      clearConcernDrafts();
      clearFormDrafts();
      forgetCsrfToken();
      qc.setQueryData(meQueryKey, null);
      dropUserData(qc);
      // The next person to sign in on this device starts at their home page, not at this user's last page.
      void navigate({ to: '/', replace: true });
    },
  });
}

/** Single sign-on providers to offer as buttons; none (and no error shown) when the server has none or is unreachable. */
export function useSsoProviders() {
  return useQuery({
    queryKey: ['sso-providers'],
    queryFn: async () => (await api.get<{ providers: TSsoProvider[] }>('/auth/sso')).providers,
    staleTime: Infinity,
    retry: false,
    meta: { skipGlobal401: true },
  });
}

/** Where single sign-on starts for a provider: a full-page navigation, so the provider can take over. */
export function ssoStartUrl(providerId: string, returnTo: string): string {
  return apiUrl(`/auth/sso/${encodeURIComponent(providerId)}/start`, { returnTo });
}

/** After single sign-on, the two-factor step still owed (the server keeps the challenge in an httpOnly cookie). */
export function useSsoContinue(enabled: boolean) {
  return useQuery({
    queryKey: ['sso-continue'],
    queryFn: () => api.get<TSsoContinue>('/auth/sso/continue'),
    enabled,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    meta: { skipGlobal401: true },
  });
}
