/** A pupil's support interventions on their page (SUP-3), and starting one for them. */
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { AnchorLink, ButtonLink } from '../../components/links';
import { formatDate } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { useInterventions } from './support.api';

export function PupilSupport({ pupilId, pupilName }: { pupilId: string; pupilName: string }) {
  const me = useMe();
  const may = me.permissions.includes('intervention.read');
  const q = useInterventions({ pupilId, status: 'all' }, may);
  if (!may) return null;
  const items = q.data?.items ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-support">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4" id="pupil-support">Support interventions</Title>
        {q.data?.allowed.includes('create') ? <ButtonLink variant="default" size="compact-sm" to="/support-interventions" search={{ pupil: pupilId } as never}>Start one<span className="visually-hidden-inline"> for {pupilName}</span></ButtonLink> : null}
      </Group>
      {q.data && items.length === 0 ? <Text size="sm" mt="xs">{pupilName} has had no support interventions.</Text> : null}
      <Stack component="ul" gap={6} p={0} mt="xs" mb={0}>
        {items.map((i) => (
          <Group key={i.id} component="li" gap="xs" wrap="wrap" style={{ listStyle: 'none' }}>
            <AnchorLink to="/support-interventions/$interventionId" params={{ interventionId: i.id }}>{i.title}</AnchorLink>
            <Text size="sm" c="dimmed">{formatDate(i.startDate)} to {formatDate(i.plannedEndDate)}</Text>
            <Badge size="sm" variant="light" color={i.status === 'open' ? 'green' : 'gray'}>{i.status === 'open' ? 'Running' : 'Ended'}</Badge>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
