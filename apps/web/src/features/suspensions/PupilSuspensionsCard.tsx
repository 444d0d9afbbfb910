/** On the pupil's profile: their suspensions and exclusions, and reintegration meetings to come. */
import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { ButtonLink } from '../../components/links';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/usePolicy';
import { SuspensionRow } from './SuspensionsPage';
import { useMeetings, useSuspensions } from './suspensions.api';

export function PupilSuspensionsCard({ pupilId }: { pupilId: string }) {
  const canRead = useCan('suspension.read');
  const canIssue = useCan('suspension.issue');
  const list = useSuspensions({ pupilId }, canRead);
  const meetings = useMeetings(pupilId, canRead);
  if (!canRead) return null;
  const upcoming = (meetings.data ?? []).filter((m) => m.status === 'scheduled');
  const total = list.data?.find((s) => s.status === 'issued')?.yearDays;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-suspensions">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="pupil-suspensions">Suspensions and exclusions</Title>
        {canIssue ? <ButtonLink size="xs" variant="light" to="/suspensions/new" search={{ pupilId }}>Suspend or exclude</ButtonLink> : null}
      </Group>
      {total !== undefined ? <Text size="sm" mb="xs">{Number.isInteger(total) ? total : total.toFixed(1)} of 45 school days of suspension this academic year.</Text> : null}
      {upcoming.map((m) => <Text key={m.id} size="sm" fw={600} mb="xs">Reintegration meeting on {formatDate(m.date)}.</Text>)}
      {list.data?.length ? (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>{list.data.map((s) => <SuspensionRow key={s.id} s={s} />)}</Stack>
      ) : <Text size="sm" c="dimmed">{list.isPending ? 'Loading…' : 'None.'}</Text>}
    </Card>
  );
}
