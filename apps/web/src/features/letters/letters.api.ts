/** Letter templates, letterheads and the communications log (PAR-2). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCommsLogEntry, TLetterhead, TLetterKind, TLetterTemplate, TLetterTemplateUpdate } from '@haven/contracts';
import { api, apiUrl, csrfToken, request, ApiError } from '../../lib/api';

const templatesKey = ['letters', 'templates'] as const;
const logKey = ['communications', 'log'] as const;

export function useTemplates(siteId: string | null) {
  return useQuery({
    queryKey: [...templatesKey, siteId],
    queryFn: ({ signal }) => api.get<{ items: TLetterTemplate[] }>('/letters/templates', { siteId }, signal),
  });
}

export function useTemplateMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: templatesKey });
  return {
    save: useMutation({ mutationFn: (v: { kind: TLetterKind; body: TLetterTemplateUpdate }) => api.put<TLetterTemplate>(`/letters/templates/${v.kind}`, v.body), onSuccess: done }),
    revert: useMutation({ mutationFn: (v: { kind: TLetterKind; siteId: string | null }) => api.post<TLetterTemplate>(`/letters/templates/${v.kind}/revert`, { siteId: v.siteId }), onSuccess: done }),
  };
}

/** POSTs and opens the PDF that comes back in a new tab (a preview of an unsaved draft). */
export async function openPreview(kind: TLetterKind, body: { siteId: string; subject?: string; blocks?: TLetterTemplateUpdate['blocks'] }): Promise<void> {
  const tab = window.open('', '_blank');
  const res = await fetch(apiUrl(`/letters/templates/${kind}/preview`), {
    method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/pdf', 'X-CSRF-Token': csrfToken() ?? '' },
  });
  if (!res.ok) {
    tab?.close();
    const err = (await res.json().catch(() => null)) as { error?: { code: string; message: string; fields?: { field: string; message: string }[] } } | null;
    throw new ApiError(res.status, err?.error?.code ?? `http_${res.status}`, err?.error?.message ?? 'The preview could not be made.', err?.error?.fields ?? []);
  }
  const url = URL.createObjectURL(await res.blob());
  if (tab) tab.location.href = url; else window.location.href = url;
}

export function useLetterhead(siteId: string | null) {
  return useQuery({
    queryKey: ['letters', 'letterhead', siteId],
    queryFn: ({ signal }) => api.get<TLetterhead>(`/letters/letterhead/${encodeURIComponent(siteId ?? '')}`, undefined, signal),
    enabled: !!siteId,
  });
}

export function useLetterheadMutations(siteId: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['letters', 'letterhead', siteId] });
  const base = `/letters/letterhead/${encodeURIComponent(siteId)}`;
  return {
    save: useMutation({ mutationFn: (body: Omit<TLetterhead, 'siteId' | 'schoolName' | 'hasCrest' | 'allowed'>) => api.put<TLetterhead>(base, body), onSuccess: done }),
    crest: useMutation({ mutationFn: (file: File) => request<TLetterhead>('PUT', `${base}/crest`, { file }), onSuccess: done }),
    removeCrest: useMutation({ mutationFn: () => api.delete<TLetterhead>(`${base}/crest`), onSuccess: done }),
  };
}

export interface LogFilters { siteId: string; pupilId?: string; kind?: string; channel?: string; status?: string; from?: string; to?: string }

export function useCommsLog(f: LogFilters | null) {
  return useQuery({
    queryKey: [...logKey, f],
    queryFn: ({ signal }) => api.get<{ items: TCommsLogEntry[]; truncated: boolean }>('/communications/log', { ...f }, signal),
    enabled: !!f?.siteId,
    placeholderData: keepPreviousData,
  });
}

export function useMarkSent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; sentOn: string; note?: string }) => api.post(`/communications/${encodeURIComponent(v.id)}/mark-sent`, { sentOn: v.sentOn, ...(v.note ? { note: v.note } : {}) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: logKey }),
  });
}
