/** The register of a support intervention: sessions (school days only) × pupils, and taking a session's register. */
import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { ATTENDANCE_LABELS, ATTENDANCE_STATUSES, type TSupportIntervention } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { useWide } from '../../components/useWide';
import { formatDate, londonTodayIso } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { UkDateInput } from '../sanctions/SanctionParts';
import { useAddSession, useRegister } from './support.api';

type Status = typeof ATTENDANCE_STATUSES[number];
type Session = TSupportIntervention['sessions'][number];
const COLOURS: Record<Status, string> = { attended: 'green', absent: 'red', excused: 'blue' };

function Mark({ s, pupilId }: { s: Session; pupilId: string }) {
  const a = s.attendance.find((x) => x.pupilId === pupilId);
  if (!a) return <Text size="sm" c="dimmed">{s.recorded ? '–' : 'Not taken'}</Text>;
  return <Badge color={COLOURS[a.status]} variant="light">{ATTENDANCE_LABELS[a.status]}</Badge>;
}

export function SupportRegister({ iv }: { iv: TSupportIntervention }) {
  const wide = useWide();
  const [taking, setTaking] = useState<Session | 'new' | null>(null);
  const today = londonTodayIso();
  const record = allows(iv, 'record_session');
  const past = iv.sessions.filter((s) => s.sessionDate <= today).reverse();
  const coming = iv.sessions.filter((s) => s.sessionDate > today);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="support-register">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4" id="support-register">Register</Title>
        {record ? <Button variant="default" onClick={() => setTaking('new')}>Record a session</Button> : null}
      </Group>
      <Text size="sm" c="dimmed">{past.length} {past.length === 1 ? "session" : "sessions"} so far{coming.length ? `; ${coming.length} still to come (next ${formatDate(coming[0]!.sessionDate)})` : ''}.</Text>
      {past.length === 0 ? <Text size="sm" mt="sm">No sessions yet.</Text> : wide ? (
        <Table.ScrollContainer minWidth={400} mt="sm">
          <Table striped captionSide="top">
            <Table.Caption style={{ textAlign: 'left' }}>Sessions held, latest first</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th scope="col">Session</Table.Th>{iv.pupils.map((p) => <Table.Th key={p.id} scope="col">{p.displayName}</Table.Th>)}<Table.Th scope="col"><span className="visually-hidden-inline">Actions</span></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {past.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row">{formatDate(s.sessionDate)}</Table.Th>
                  {iv.pupils.map((p) => <Table.Td key={p.id}><Mark s={s} pupilId={p.id} /></Table.Td>)}
                  <Table.Td>{record ? <Button size="compact-sm" variant="subtle" onClick={() => setTaking(s)}>{s.recorded ? 'Change' : 'Take register'}<span className="visually-hidden-inline"> for {formatDate(s.sessionDate)}</span></Button> : null}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack component="ul" gap="xs" p={0} mt="sm" mb={0} aria-label="Sessions held, latest first">
          {past.map((s) => (
            <Card key={s.id} component="li" withBorder padding="xs" style={{ listStyle: 'none' }}>
              <Group justify="space-between"><Text fw={600}>{formatDate(s.sessionDate)}</Text>
                {record ? <Button size="compact-sm" variant="subtle" onClick={() => setTaking(s)}>{s.recorded ? 'Change' : 'Take register'}<span className="visually-hidden-inline"> for {formatDate(s.sessionDate)}</span></Button> : null}</Group>
              {iv.pupils.map((p) => <Group key={p.id} justify="space-between" gap="xs"><Text size="sm">{p.displayName}</Text><Mark s={s} pupilId={p.id} /></Group>)}
            </Card>
          ))}
        </Stack>
      )}
      <AppModal opened={taking !== null} onClose={() => setTaking(null)} title={taking && taking !== 'new' ? `Register for ${formatDate(taking.sessionDate)}` : 'Record a session'}>
        {taking ? <RegisterForm iv={iv} session={taking === 'new' ? null : taking} onDone={() => setTaking(null)} /> : null}
      </AppModal>
    </Card>
  );
}

function RegisterForm({ iv, session, onDone }: { iv: TSupportIntervention; session: Session | null; onDone: () => void }) {
  const add = useAddSession();
  const reg = useRegister();
  const [day, setDay] = useState(londonTodayIso());
  const [marks, setMarks] = useState<Record<string, Status>>(Object.fromEntries(iv.pupils.map((p) => [p.id, session?.attendance.find((a) => a.pupilId === p.id)?.status ?? 'attended'])));
  const error = add.error ?? reg.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const attendance = iv.pupils.map((p) => ({ pupilId: p.id, status: marks[p.id] ?? 'attended' }));
    if (session) reg.mutate({ sessionId: session.id, body: { attendance } }, { onSuccess: onDone });
    else add.mutate({ id: iv.id, body: { sessionDate: day || 'not a date', attendance } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={error} what="register" />
        {session ? null : <UkDateInput label="Date of the session" required value={day} onChange={(v) => setDay(v ?? '')} error={fieldMessage({}, add.error, 'sessionDate')} description="A school day (not a holiday or an INSET day)" />}
        {iv.pupils.map((p) => (
          <Stack key={p.id} gap={4}>
            <Text size="sm" fw={600} id={`mark-${p.id}`}>{p.displayName}</Text>
            <SegmentedControl aria-labelledby={`mark-${p.id}`} value={marks[p.id] ?? 'attended'} onChange={(v) => setMarks({ ...marks, [p.id]: v as Status })}
              data={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: ATTENDANCE_LABELS[s] }))} fullWidth />
          </Stack>
        ))}
        <Button type="submit" loading={add.isPending || reg.isPending}>Save the register</Button>
      </Stack>
    </form>
  );
}
