/** One meeting (SUP-4): when and where, who attended, notes, agreed actions (each a task for its owner) and the minutes PDF. */
import { Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import type { TMeeting } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { minutesUrl, useAttendeeOptions, useMeeting, useMeetingMutations } from './casework.api';
import { ATTENDEE_KIND_LABELS, MEETING_STATUS_LABELS, MEETING_TYPE_LABELS } from './labels';

export function MeetingPage() {
  return <RequirePermission permission="casework.read" what="meetings"><OneMeeting /></RequirePermission>;
}

function OneMeeting() {
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useMeeting(id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  return (
    <Page title={`${MEETING_TYPE_LABELS[m.type as keyof typeof MEETING_TYPE_LABELS] ?? 'Meeting'}: ${m.pupilName}`}
      description={`${formatDate(m.date)}${m.startTime ? ` at ${m.startTime}` : ''}${m.place ? `, ${m.place}` : ''}`}
      actions={<Button component="a" variant="default" href={minutesUrl(m.id)} download>Download the minutes (PDF)</Button>}>
      <Group gap="xs"><Badge variant="light" c="dark.7">{MEETING_STATUS_LABELS[m.status]}</Badge></Group>
      <Card withBorder padding="md" component="section" aria-labelledby="attendees">
        <Title order={2} size="h4" id="attendees" mb="xs">Attendees</Title>
        {m.attendees.length ? (
          <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: 'none' }}>
            {m.attendees.map((a, i) => <Text component="li" size="sm" key={i}>{a.name}{a.role ? `, ${a.role}` : ''} <Text span c="dimmed" size="sm">({ATTENDEE_KIND_LABELS[a.kind]})</Text></Text>)}
          </Stack>
        ) : <Text size="sm">None recorded.</Text>}
      </Card>
      <NotesCard m={m} />
      <ActionsCard m={m} />
    </Page>
  );
}

function NotesCard({ m }: { m: TMeeting }) {
  const update = useMeetingMutations().update;
  const [notes, setNotes] = useState(m.notes ?? '');
  const canEdit = m.allowed.includes('update');
  const save = (status?: 'held' | 'cancelled') => update.mutate({ id: m.id, body: { version: m.version, notes: notes || null, ...(status ? { status } : {}) } });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="notes">
      <Title order={2} size="h4" id="notes" mb="xs">Notes</Title>
      {update.error ? <ErrorAlert error={update.error} title="Not saved" /> : null}
      {canEdit ? (
        <Stack gap="xs">
          <Textarea label="What was discussed" autosize minRows={3} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
          <Group gap="xs" wrap="wrap">
            <Button size="xs" loading={update.isPending} onClick={() => save()}>Save notes</Button>
            {m.status === 'scheduled' ? <Button size="xs" variant="light" onClick={() => save('held')}>Record as held</Button> : null}
            {m.status === 'scheduled' ? <Button size="xs" variant="default" color="red" onClick={() => save('cancelled')}>Cancel the meeting</Button> : null}
          </Group>
        </Stack>
      ) : <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{m.notes || 'No notes recorded.'}</Text>}
    </Card>
  );
}

function ActionsCard({ m }: { m: TMeeting }) {
  const add = useMeetingMutations().addAction;
  const options = useAttendeeOptions(m.allowed.includes('addAction') ? m.pupilId : undefined);
  const [action, setAction] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState<string | null>(null);
  const err = isApiError(add.error) ? add.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ id: m.id, body: { action, ownerUserId: owner, dueOn: dueOn ?? '' } }, { onSuccess: () => { setAction(''); setDueOn(null); } });
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="actions">
      <Title order={2} size="h4" id="actions" mb="xs">Agreed actions</Title>
      {m.agreedActions.length ? (
        <div className="haven-table-scroll" tabIndex={0} role="group" aria-label="Agreed actions (scrolls sideways)" style={{ overflowX: 'auto' }}><div style={{ minWidth: 320 }}>
          <Table>
            <Table.Thead><Table.Tr><Table.Th>Action</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Due</Table.Th><Table.Th>Done</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {m.agreedActions.map((a) => (
                <Table.Tr key={a.id}><Table.Td>{a.action}</Table.Td><Table.Td>{a.owner.name}</Table.Td><Table.Td>{formatDate(a.dueOn)}</Table.Td><Table.Td>{a.done ? 'Yes' : 'Not yet'}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div></div>
      ) : <Text size="sm">No actions agreed yet.</Text>}
      {m.allowed.includes('addAction') && options.data ? (
        <form onSubmit={submit} noValidate aria-label="Add an agreed action">
          <Stack gap="xs" mt="sm">
            {add.error && !err?.fields.length ? <ErrorAlert error={add.error} title="The action was not added" /> : null}
            <TextInput label="What was agreed" required value={action} onChange={(e) => setAction(e.currentTarget.value)} error={err?.fieldMessage('action')} />
            <NativeSelect label="Owner" required value={owner} onChange={(e) => setOwner(e.currentTarget.value)} error={err?.fieldMessage('ownerUserId')}
              data={[{ value: '', label: 'Choose a member of staff' }, ...options.data.staff.map((s) => ({ value: s.id, label: s.name }))]} />
            <UkDateInput label="Due by" required value={dueOn ?? ''} onChange={setDueOn} error={err?.fieldMessage('dueOn')} />
            <Text size="xs" c="dimmed">The owner gets it as a task, with a reminder when it is due.</Text>
            <Group><Button type="submit" size="xs" loading={add.isPending}>Add the action</Button></Group>
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}
