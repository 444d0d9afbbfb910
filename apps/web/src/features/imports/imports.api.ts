/** The import API: upload with progress (XMLHttpRequest reports upload progress; fetch does not), re-map, commit, history. */
import { useQuery } from '@tanstack/react-query';
import type { TImport, TImportKind, TImportList, TImportMapping, TImportPreview } from '@haven/contracts';
import { ApiError, api, apiUrl, csrfToken } from '../../lib/api';

export function uploadImport(file: File, kind: TImportKind, siteId: string, onProgress: (fraction: number) => void): Promise<TImportPreview> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl('/imports', { kind, siteId, filename: file.name }));
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Haven could not be reached. Check your connection and try again.'));
    xhr.onload = () => {
      let body: unknown;
      try { body = JSON.parse(xhr.responseText); } catch { body = undefined; }
      if (xhr.status === 201) { resolve(body as TImportPreview); return; }
      const err = (body as { error?: { code: string; message: string; fields?: { field: string; message: string }[]; requestId?: string } } | undefined)?.error;
      reject(new ApiError(xhr.status, err?.code ?? `http_${xhr.status}`, err?.message ?? 'The file could not be uploaded.', err?.fields ?? [], err?.requestId));
    };
    xhr.send(file);
  });
}

export const remapImport = (id: string, mapping: TImportMapping) => api.post<TImportPreview>(`/imports/${id}/mapping`, { mapping });
export const commitImport = (id: string, fileHash: string) => api.post<TImport>(`/imports/${id}/commit`, { fileHash });
export const useImportHistory = () => useQuery({ queryKey: ['imports'], queryFn: ({ signal }) => api.get<TImportList>('/imports', { pageSize: 20 }, signal) });
