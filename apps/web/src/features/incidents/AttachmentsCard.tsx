/** Files attached to an incident: list with downloads, and upload (type- and size-checked here and on the server). */
import { useRef, useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Input, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/format';
import { ReadSection } from './IncidentDetails';
import { attachmentUrl, useAttachments, useUploadAttachment } from './incidents.api';
import type { TIncident } from './types';

export const ALLOWED_TYPES: Record<string, string> = {
  'image/jpeg': 'JPEG image', 'image/png': 'PNG image', 'application/pdf': 'PDF', 'text/plain': 'Text file',
};
export const MAX_BYTES = 10 * 1024 * 1024;

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a file cannot be attached, or undefined when it can. */
export function fileProblem(file: File): string | undefined {
  if (!ALLOWED_TYPES[file.type]) return 'Choose a JPEG or PNG image, a PDF or a plain text file';
  if (file.size > MAX_BYTES) return `The file is ${fileSize(file.size)}: it must be 10 MB or smaller`;
  if (file.size === 0) return 'The file is empty';
  return undefined;
}

export function AttachmentsCard({ inc }: { inc: TIncident }) {
  const list = useAttachments(inc.id);
  const upload = useUploadAttachment(inc.id);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const canAdd = inc.allowed.includes('addAttachment');
  const items = list.data?.items ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    if (!file) { setProblem('Choose a file to upload'); return; }
    const p = fileProblem(file);
    setProblem(p);
    if (p) return;
    upload.mutate(file, {
      onSuccess: (a) => { setDone(`${a.filename} uploaded.`); setFile(null); if (input.current) input.current.value = ''; },
    });
  };

  return (
    <ReadSection title="Attachments" id="view-attachments">
      {list.isPending ? <Loading label="Loading attachments…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} title="Could not load attachments" onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? <Text size="sm">No files attached.</Text> : null}
      {items.length ? (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label="Attached files">
          {items.map((a) => (
            <li key={a.id}>
              <Anchor href={attachmentUrl(a.id)} download={a.filename} className="break-anywhere">{a.filename}</Anchor>
              <Text span size="sm" c="dimmed"> — {ALLOWED_TYPES[a.contentType] ?? a.contentType}, {fileSize(a.sizeBytes)}, {formatDateTime(a.createdAt)}</Text>
            </li>
          ))}
        </Stack>
      ) : null}
      {canAdd ? (
        <form onSubmit={submit} noValidate aria-label="Upload an attachment" style={{ marginTop: 16 }}>
          <Stack gap="sm">
            <Input.Wrapper label="Attach a file" description="A JPEG or PNG photo, a PDF or a plain text file, up to 10 MB" id="incident-attachment" error={problem}>
              <input id="incident-attachment" ref={input} type="file" accept={Object.keys(ALLOWED_TYPES).join(',')} style={{ display: 'block', marginTop: 6, maxWidth: '100%' }}
                aria-describedby="incident-attachment-description"
                onChange={(e) => { const f = e.currentTarget.files?.[0] ?? null; setFile(f); setProblem(f ? fileProblem(f) : undefined); setDone(''); }} />
            </Input.Wrapper>
            {upload.isError ? <ErrorAlert error={upload.error} title="The file was not uploaded" /> : null}
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" role="status" aria-live="polite">{done}</Text>
              <Button type="submit" variant="default" loading={upload.isPending}>Upload file</Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </ReadSection>
  );
}
