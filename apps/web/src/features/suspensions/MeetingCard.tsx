/** The reintegration meeting on the pupil's return: date, attendees, notes; recorded as held or cancelled. */
import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { AnchorLink } from '../../components/links';
import type { TMeeting } from '@haven/contracts';
import { formatDate } from '../../lib/format';
import { useUpdateMeeting } from './suspensions.api';

const STATUS = { scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled' } as const;

export function MeetingCard({ m, recordId }: { m: TMeeting; recordId: string }) {
  const [notes, setNotes] = useState(m.notes ?? '');
  const update = useUpdateMeeting(recordId);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`meeting-${m.id}`}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id={`meeting-${m.id}`}>Reintegration meeting</Title>
        <Badge variant="light" c="dark.7" color={m.status === 'held' ? 'green' : m.status === 'cancelled' ? 'gray' : 'blue'}>{STATUS[m.status]}</Badge>
      </Group>
      <Text size="sm" data-testid="reintegration-date">On {formatDate(m.date)}{m.session ? `, ${m.session === 'am' ? 'morning' : 'afternoon'}` : ''}, the day {m.pupilName} returns.</Text>
      <Text size="sm" c="dimmed">Attendees: {m.attendees.map((a) => a.name).join(', ') || 'none recorded'}</Text>
      {m.agreedActions.length ? <Text size="sm">Agreed: {m.agreedActions.map((a) => `${a.action} (${a.owner.name})`).join('; ')}</Text> : null}
      <AnchorLink to="/meetings/$id" params={{ id: m.id }} size="sm">Open the meeting: attendees, notes, actions and minutes</AnchorLink>
      {m.allowed.includes('update') && m.status === 'scheduled' ? (
        <Stack gap="xs" mt="sm">
          <Textarea label="Notes" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
          <Group gap="xs">
            <Button size="xs" variant="light" loading={update.isPending} onClick={() => update.mutate({ id: m.id, body: { status: 'held', notes: notes || null, version: m.version } })}>Record as held</Button>
          </Group>
        </Stack>
      ) : m.notes ? <Text size="sm" mt="xs">{m.notes}</Text> : null}
    </Card>
  );
}
