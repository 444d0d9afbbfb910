/**
 * Child-protection file transfers: the DSL's queries (never cached once the page is gone, like every sealed read)
 * and the receiving school's public link calls. Files come back as blobs and are saved with their own names.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TCpLinkInfo, TCpTransfer, TCpTransferCreate, TCpTransferPack, ZCpTransfersOfPupil } from '@haven/contracts';
import { ApiError, api, apiUrl, csrfToken } from '../../lib/api';

const SEALED = { gcTime: 0, staleTime: 0, refetchOnWindowFocus: false, retry: false } as const;
export type TransfersOfPupil = z.infer<typeof ZCpTransfersOfPupil>;

export function useTransfersOfPupil(pupilId: string) {
  return useQuery({
    queryKey: ['cp-transfers', 'pupil', pupilId],
    queryFn: ({ signal }) => api.get<TransfersOfPupil>(`/pupils/${encodeURIComponent(pupilId)}/cp-transfers`, undefined, signal),
    ...SEALED,
  });
}

export function useTransfer(id: string) {
  return useQuery({
    queryKey: ['cp-transfers', 'one', id],
    queryFn: ({ signal }) => api.get<TCpTransfer>(`/cp-transfers/${encodeURIComponent(id)}`, undefined, signal),
    ...SEALED,
  });
}

export function useStartTransfer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCpTransferCreate) => api.post<TCpTransfer>('/cp-transfers', body),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['cp-transfers', 'pupil'] }); },
  });
}

function useTransferAction<B, R>(id: string, path: string, pick: (r: R) => TCpTransfer) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<R>(`/cp-transfers/${encodeURIComponent(id)}/${path}`, body),
    onSuccess: (r) => { qc.setQueryData(['cp-transfers', 'one', id], pick(r)); },
  });
}

export const usePack = (id: string) => useTransferAction<TCpTransferPack, { transfer: TCpTransfer; passphrase: string | null }>(id, 'pack', (r) => r.transfer);
export const useLink = (id: string) => useTransferAction<Record<string, never>, { transfer: TCpTransfer; url: string; expiresAt: string }>(id, 'link', (r) => r.transfer);
export const useRecordReceipt = (id: string) => useTransferAction<{ receivedOn: string; receivedByName: string }, TCpTransfer>(id, 'receipt', (r) => r);

async function saveResponse(res: Response, fallbackName: string): Promise<void> {
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { error?: { code: string; message: string; fields?: { field: string; message: string }[] } } | null;
    throw new ApiError(res.status, err?.error?.code ?? `http_${res.status}`, err?.error?.message ?? 'The file could not be downloaded.', err?.error?.fields ?? []);
  }
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The DSL's download of the encrypted pack (the first marks the file sent). */
export async function downloadPack(id: string): Promise<void> {
  const res = await fetch(apiUrl(`/cp-transfers/${encodeURIComponent(id)}/pack`), { credentials: 'same-origin', headers: { Accept: 'application/pgp-encrypted' } });
  await saveResponse(res, 'child-protection-file.zip.pgp');
}

// ---- the public link (no session) ----

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(apiUrl(path), { method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken() ?? '' }, body: JSON.stringify(body) });
}

export function useLinkInfo(token: string | null) {
  return useQuery({
    queryKey: ['cp-transfer-link', token],
    queryFn: async () => {
      const res = await post('/cp-transfer-link', { token });
      const body = (await res.json().catch(() => null)) as (TCpLinkInfo & { error?: { code: string; message: string } }) | null;
      if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? 'This link cannot be used.', []);
      return body as TCpLinkInfo;
    },
    enabled: !!token,
    ...SEALED,
  });
}

export async function downloadThroughLink(token: string): Promise<void> {
  await saveResponse(await post('/cp-transfer-link/download', { token }), 'child-protection-file.zip.pgp');
}

export async function confirmThroughLink(token: string, receivedByName: string): Promise<void> {
  const res = await post('/cp-transfer-link/receipt', { token, receivedByName });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; fields?: { field: string; message: string }[] } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? 'The receipt could not be confirmed.', body?.error?.fields ?? []);
  }
}
