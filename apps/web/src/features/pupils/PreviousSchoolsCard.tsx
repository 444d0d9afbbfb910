/**
 * "From previous schools": what earlier schools sent in a common transfer file (SEN and FSM history, languages,
 * addresses, attendance, school history). Loaded on its own (an audited read, like the profile) and shown only when
 * there is something to show.
 */
import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TCtfAddress, TTransferRecord, TTransferRecordList } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { api } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';

const SEN_WORDS: Record<string, string> = { N: 'No SEN', K: 'SEN support', E: 'EHC plan', S: 'Statement', A: 'School Action', P: 'School Action Plus' };

const addressText = (a: TCtfAddress | null) => {
  if (!a) return null;
  const b = a.bs7666;
  const parts = b ? [b.saon, [b.paon, b.street].filter(Boolean).join(' '), b.locality, b.town ?? b.postTown] : a.lines;
  return [...parts, a.postCode].filter(Boolean).join(', ');
};

const schoolName = (s: TTransferRecord['sourceSchool']) => `${s.name ?? 'A school'}${s.lea && s.estab ? ` (${s.lea}/${s.estab})` : ''}`;

function TransferRecordView({ r }: { r: TTransferRecord }) {
  const d = r.document;
  const attendance = d.attendance.filter((y) => y.sessionsPossible);
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        <Text fw={600} className="break-anywhere">{schoolName(r.sourceSchool)}</Text>
        <Badge variant="light" color="gray">CTF {d.ctfVersion}</Badge>
      </Group>
      <Text size="xs" c="dimmed">Received {formatDateTime(r.receivedAt)}</Text>
      <Facts items={[
        ['SEN history', d.sen?.provisions.length ? d.sen.provisions.map((p) => `${SEN_WORDS[p.provision] ?? p.provision} from ${formatDate(p.startDate)}${p.endDate ? ` to ${formatDate(p.endDate)}` : ''}`).join('; ') : null],
        ['SEN needs', d.sen?.needs.length ? d.sen.needs.map((n) => `${n.rank ?? '–'}. ${n.type}`).join(', ') : null],
        ['Free school meals', d.fsm?.periods.length ? d.fsm.periods.map((p) => `${formatDate(p.startDate)} to ${p.endDate ? formatDate(p.endDate) : 'now'}`).join('; ') : null],
        ['Languages', d.languages.length ? d.languages.map((l) => `${l.code ?? '?'}${l.type === 'F' ? ' (first)' : l.type === 'H' ? ' (home)' : ''}`).join(', ') : null],
        ['Looked after', d.lookedAfter?.inCare ? `Yes${d.lookedAfter.careAuthority ? `, by local authority ${d.lookedAfter.careAuthority}` : ''}` : null],
        ['Address', addressText(d.address)],
        ['Phone', d.phones.map((p) => p.number).join(', ') || null],
        ['Email', d.email],
      ]} />
      {attendance.length ? (
        <Table.ScrollContainer minWidth={360}>
          <Table striped>
            <Table.Caption>Attendance sent by previous schools</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>Year</Table.Th><Table.Th>School</Table.Th><Table.Th>Attended</Table.Th><Table.Th>Absent (authorised / not)</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{attendance.map((y, i) => (
              <Table.Tr key={i}>
                <Table.Td>{y.year ?? '—'}</Table.Td><Table.Td>{y.schoolName ?? '—'}</Table.Td>
                <Table.Td>{y.sessionsAttended ?? '—'} of {y.sessionsPossible}{y.sessionsAttended !== null && y.sessionsPossible ? ` (${Math.round((y.sessionsAttended / y.sessionsPossible) * 1000) / 10}%)` : ''}</Table.Td>
                <Table.Td>{y.sessionsAuthorised ?? '—'} / {y.sessionsUnauthorised ?? '—'}</Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {d.schoolHistory.length ? (
        <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="School history">
          {d.schoolHistory.map((s, i) => (
            <Text component="li" size="sm" key={i} className="break-anywhere">
              {s.name ?? 'A school'}: {formatDate(s.entryDate)}{s.leavingDate ? ` to ${formatDate(s.leavingDate)}` : ''}{s.leavingReason ? ` (left: ${s.leavingReason})` : ''}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

export function PreviousSchoolsCard({ pupilId }: { pupilId: string }) {
  const q = useQuery({
    queryKey: ['pupil', pupilId, 'transfer-records'],
    queryFn: ({ signal }) => api.get<TTransferRecordList>(`/pupils/${encodeURIComponent(pupilId)}/transfer-records`, undefined, signal),
  });
  if (q.isPending || (q.data && q.data.items.length === 0)) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-previous-schools">
      <Title order={2} size="h4" id="pupil-previous-schools" mb="sm">From previous schools</Title>
      {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : (
        <Stack gap="lg">{q.data.items.map((r) => <TransferRecordView key={r.id} r={r} />)}</Stack>
      )}
    </Card>
  );
}
