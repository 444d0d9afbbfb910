/**
 * The head's commentary on a report period, per site: written here by a head, senior leader or behaviour lead of the
 * site, printed in the governors' termly (or weekly) PDF; others read it. Saving sends the version edited, so a
 * colleague's newer text is never overwritten unseen.
 */
import { useState } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TReportCommentary } from '@haven/contracts';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';

export function CommentarySection({ report, period, siteIds }: { report: 'governors' | 'weekly'; period: string; siteIds: string[] }) {
  const query = { report, period, ...(siteIds.length ? { siteIds: siteIds.join(',') } : {}) };
  const q = useQuery({ queryKey: ['reports', 'commentary', query], queryFn: ({ signal }) => api.get<{ items: TReportCommentary[] }>('/reports/commentary', query, signal) });
  return (
    <Stack gap="xs" component="section" aria-labelledby="commentary-title">
      <Title order={3} size="h5" id="commentary-title">The head's commentary</Title>
      <Text size="sm">Printed in the report. Where none is written, the PDF has an empty box to write in by hand.</Text>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {q.data?.items.map((c) => <CommentaryEditor key={`${c.siteId}-${c.period}-${c.version}`} c={c} several={q.data.items.length > 1} />)}
    </Stack>
  );
}

function CommentaryEditor({ c, several }: { c: TReportCommentary; several: boolean }) {
  const client = useQueryClient();
  const [text, setText] = useState(c.text);
  const save = useMutation({
    mutationFn: () => api.put<TReportCommentary>('/reports/commentary', { report: c.report, period: c.period, siteId: c.siteId, text, version: c.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports', 'commentary'] }),
  });
  const label = several ? `Commentary for ${c.siteName}` : 'Commentary';
  const saved = c.updatedAt ? `Last saved ${formatDateTime(c.updatedAt)}${c.updatedBy ? ` by ${c.updatedBy}` : ''}.` : 'Not written yet.';
  if (!c.canEdit) {
    return (
      <Stack gap={2}>
        {several ? <Text fw={600} size="sm">{c.siteName}</Text> : null}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.text || 'Not written yet.'}</Text>
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <Textarea label={label} description={saved} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={4} maxLength={5000} />
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Group><Button size="sm" onClick={() => save.mutate()} loading={save.isPending} disabled={text === c.text}>Save the commentary</Button>
        {save.isSuccess && text === c.text ? <Text size="sm" role="status">Saved.</Text> : null}</Group>
    </Stack>
  );
}
