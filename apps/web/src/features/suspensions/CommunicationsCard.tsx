/** PAR-2: what was sent to whom about this record, and how; by-hand letters can be marked as sent. */
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { COMMUNICATION_STATUS_LABELS } from '@haven/contracts';
import { apiUrl } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useCommunications, useMarkSent } from './suspensions.api';

const COLOURS = { pending: 'blue', sent: 'green', failed: 'red', to_send_by_hand: 'orange' } as const;

export function CommunicationsCard({ recordId }: { recordId: string }) {
  const q = useCommunications('exclusion', recordId);
  const mark = useMarkSent();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="communications">
      <Title order={2} size="h4" id="communications" mb="sm">Communications</Title>
      {q.data?.length ? (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {q.data.map((c) => (
            <li key={c.id}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm" fw={600} className="break-anywhere">{c.recipientName}{c.recipientEmail ? ` <${c.recipientEmail}>` : ''}</Text>
                <Badge color={COLOURS[c.status]} variant="light" c="dark.7">{COMMUNICATION_STATUS_LABELS[c.status]}</Badge>
              </Group>
              <Text size="xs" c="dimmed">{c.subject} · {c.channel === 'email' ? 'email' : 'by hand'}{c.sentAt ? ` · sent ${formatDateTime(c.sentAt)}` : ''}{c.failureReason ? ` · ${c.failureReason}` : ''}</Text>
              <Group gap="sm" mt={2}>
                {c.attachment ? <Anchor size="xs" href={apiUrl(`/communications/${c.id}/attachment`)} download>{c.attachment.filename}</Anchor> : null}
                {c.allowed.includes('markSent') ? <Button size="compact-xs" variant="light" loading={mark.isPending && mark.variables === c.id} onClick={() => mark.mutate(c.id)}>Mark as sent by hand<span className="visually-hidden-inline"> to {c.recipientName}</span></Button> : null}
              </Group>
            </li>
          ))}
        </Stack>
      ) : <Text size="sm" c="dimmed">{q.isPending ? 'Loading…' : 'Nothing has been sent about this record.'}</Text>}
    </Card>
  );
}
