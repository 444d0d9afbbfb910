/** A file upload that reports its progress (XMLHttpRequest reports upload progress; fetch does not), for large files. */
import { ApiError, apiUrl, csrfToken } from './api';

export function uploadWithProgress<T>(path: string, query: Record<string, string>, file: File, okStatus: number, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path, query));
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Haven could not be reached. Check your connection and try again.'));
    xhr.onload = () => {
      let body: unknown;
      try { body = JSON.parse(xhr.responseText); } catch { body = undefined; }
      if (xhr.status === okStatus) { resolve(body as T); return; }
      const err = (body as { error?: { code: string; message: string; fields?: { field: string; message: string }[]; requestId?: string } } | undefined)?.error;
      reject(new ApiError(xhr.status, err?.code ?? `http_${xhr.status}`, err?.message ?? 'The file could not be uploaded.', err?.fields ?? [], err?.requestId));
    };
    xhr.send(file);
  });
}
