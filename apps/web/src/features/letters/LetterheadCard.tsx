/** A school's letterhead: its address and contact details, and its crest (checked and re-encoded by the server). */
import { useState } from 'react';
import { Alert, Button, Card, FileInput, Group, Image, Stack, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import type { TLetterhead } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { apiUrl, isApiError } from '../../lib/api';
import { useLetterhead, useLetterheadMutations } from './letters.api';

export function LetterheadCard({ siteId }: { siteId: string }) {
  const head = useLetterhead(siteId);
  if (head.isPending) return <Loading label="Loading the letterhead…" />;
  if (head.isError) return <ErrorAlert error={head.error} onRetry={() => void head.refetch()} />;
  return <Form key={siteId} head={head.data} />;
}

function Form({ head }: { head: TLetterhead }) {
  const m = useLetterheadMutations(head.siteId);
  const [v, setV] = useState({ address: head.address ?? '', phone: head.phone ?? '', email: head.email ?? '', website: head.website ?? '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const fieldError = (f: string) => (isApiError(error) ? error.fields.find((x) => x.field === f)?.message : undefined);
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => { const value = e.currentTarget.value; setV((o) => ({ ...o, [k]: value })); };
  return (
    <Card withBorder padding="sm">
      <Stack gap="sm">
        <Title order={2} size="h3">Letterhead of {head.schoolName}</Title>
        {done ? <Alert color="green" variant="light" role="status">{done}</Alert> : null}
        {error && !(isApiError(error) && error.fields.length) ? <ErrorAlert error={error} /> : null}
        <Textarea label="Address" description="One line per line of the address" value={v.address} onChange={set('address')} autosize minRows={3} error={fieldError('address')} />
        <Group grow wrap="wrap" align="flex-start">
          <TextInput label="Telephone" value={v.phone} onChange={set('phone')} error={fieldError('phone')} miw={180} />
          <TextInput label="Email" type="email" value={v.email} onChange={set('email')} error={fieldError('email')} miw={180} />
          <TextInput label="Website" value={v.website} onChange={set('website')} error={fieldError('website')} miw={180} />
        </Group>
        <Group>
          <Button loading={m.save.isPending} onClick={() => {
            setError(null);
            m.save.mutate({ address: v.address || null, phone: v.phone || null, email: v.email || null, website: v.website || null, version: head.version },
              { onSuccess: () => setDone('Letterhead saved.'), onError: setError });
          }}>Save the letterhead</Button>
        </Group>
        <Group align="flex-end" wrap="wrap">
          {head.hasCrest ? <Image src={apiUrl(`/letters/letterhead/${head.siteId}/crest`)} alt={`Crest of ${head.schoolName}`} w={64} h={64} fit="contain" /> : <Text size="sm" c="dimmed">No crest yet.</Text>}
          <FileInput label="Crest (JPEG, PNG or WebP)" accept="image/jpeg,image/png,image/webp" placeholder="Choose an image" maw={320} error={fieldError('body')}
            onChange={(f) => { if (f) { setError(null); m.crest.mutate(f, { onSuccess: () => setDone('Crest saved.'), onError: setError }); } }} />
          {head.hasCrest ? <Button variant="subtle" color="red" loading={m.removeCrest.isPending} onClick={() => m.removeCrest.mutate(undefined, { onError: setError })}>Remove the crest</Button> : null}
        </Group>
      </Stack>
    </Card>
  );
}
