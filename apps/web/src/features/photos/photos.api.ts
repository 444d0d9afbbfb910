/** Photos of pupils and staff: add or replace (the file is the body), remove, and import a zip of many. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TPhotoImportResult, TPhotoRef } from '@haven/contracts';
import { request } from '../../lib/api';
import { uploadWithProgress } from '../../lib/upload';

export type PhotoOwner = 'pupils' | 'staff';

/** Upload or remove one person's photo; the lists and profile that show it are fetched again. */
export function usePhotoChange(owner: PhotoOwner, id: string) {
  const qc = useQueryClient();
  const refresh = () => Promise.all([
    qc.invalidateQueries({ queryKey: [owner === 'pupils' ? 'pupil' : 'staff-member', id] }),
    qc.invalidateQueries({ queryKey: [owner] }),
  ]);
  const path = `/${owner}/${encodeURIComponent(id)}/photo`;
  const upload = useMutation({ mutationFn: (file: File) => request<TPhotoRef>('PUT', path, { file }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => request<void>('DELETE', path), onSuccess: refresh });
  return { upload, remove };
}

export function importPhotos(file: File, q: { siteId: string; kind: PhotoOwner; dryRun: boolean }, onProgress: (fraction: number) => void) {
  return uploadWithProgress<TPhotoImportResult>('/photos/import', { siteId: q.siteId, kind: q.kind, dryRun: String(q.dryRun) }, file, 200, onProgress);
}
