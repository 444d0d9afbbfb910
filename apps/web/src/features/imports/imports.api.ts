/** The import API: upload with progress, re-map, commit, history. */
import { useQuery } from '@tanstack/react-query';
import type { TImport, TImportKind, TImportList, TImportMapping, TImportPreview } from '@haven/contracts';
import { api } from '../../lib/api';
import { uploadWithProgress } from '../../lib/upload';

export function uploadImport(file: File, kind: TImportKind, siteId: string, onProgress: (fraction: number) => void): Promise<TImportPreview> {
  return uploadWithProgress<TImportPreview>('/imports', { kind, siteId, filename: file.name }, file, 201, onProgress);
}

export const remapImport = (id: string, mapping: TImportMapping) => api.post<TImportPreview>(`/imports/${id}/mapping`, { mapping });
export const commitImport = (id: string, fileHash: string) => api.post<TImport>(`/imports/${id}/commit`, { fileHash });
export const useImportHistory = () => useQuery({ queryKey: ['imports'], queryFn: ({ signal }) => api.get<TImportList>('/imports', { pageSize: 20 }, signal) });
