/** Meetings at your schools (SUP-4): restorative, reintegration, multi-agency and parent meetings, soonest first. */
import { Badge, Card, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { AnchorLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate } from '../../lib/format';
import { useMeetings } from './casework.api';
import { MEETING_STATUS_LABELS, MEETING_TYPE_LABELS } from './labels';

export function MeetingsPage() {
  return <RequirePermission permission="casework.read" what="meetings"><Meetings /></RequirePermission>;
}

function Meetings() {
  const [type, setType] = useState('');
  const [status, setStatus] = useState('scheduled');
  const list = useMeetings({ type: type || undefined, status: status || undefined });
  return (
    <Page title="Meetings" description="Arrange a meeting from a pupil's page, an incident or a suspension.">
      <Group gap="sm" wrap="wrap">
        <NativeSelect label="Kind" value={type} onChange={(e) => setType(e.currentTarget.value)}
          data={[{ value: '', label: 'All kinds' }, ...Object.entries(MEETING_TYPE_LABELS).map(([value, label]) => ({ value, label }))]} />
        <NativeSelect label="Status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}
          data={[{ value: '', label: 'Any status' }, ...Object.entries(MEETING_STATUS_LABELS).map(([value, label]) => ({ value, label }))]} />
      </Group>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <Text>No meetings match.</Text> : null}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {list.data?.map((m) => (
          <Card component="li" key={m.id} withBorder padding="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <AnchorLink to="/meetings/$id" params={{ id: m.id }} fw={600} className="break-anywhere">
                {MEETING_TYPE_LABELS[m.type as keyof typeof MEETING_TYPE_LABELS] ?? m.type}: {m.pupilName}
              </AnchorLink>
              <Badge variant="light" c="dark.7">{MEETING_STATUS_LABELS[m.status]}</Badge>
            </Group>
            <Text size="sm">{formatDate(m.date)}{m.startTime ? ` at ${m.startTime}` : ''}{m.place ? `, ${m.place}` : ''}</Text>
            {m.agreedActions.length ? <Text size="sm" c="dimmed">{m.agreedActions.filter((a) => a.done).length} of {m.agreedActions.length} agreed actions done</Text> : null}
          </Card>
        ))}
      </Stack>
    </Page>
  );
}
