/** Incident rows: a table from 768 px up, cards on a phone. */
import { Card, Group, Stack, Table, Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import { useWide } from '../../components/useWide';
import { formatDateTime } from '../../lib/format';
import { StatusBadges } from './StatusBadge';
import type { TIncidentListItem } from './types';

const pupilsOf = (i: TIncidentListItem) => (i.pupilNames.length ? i.pupilNames.join(', ') : 'No pupils yet');
const whenOf = (i: TIncidentListItem) => (i.occurredAt ? formatDateTime(i.occurredAt) : 'Date not recorded');
const whatOf = (i: TIncidentListItem) => [i.severity !== null ? `Severity ${i.severity}` : null, i.categoryNames.join(', ') || null].filter(Boolean).join(' · ');

function OpenLink({ i }: { i: TIncidentListItem }) {
  const draft = i.status === 'draft' && i.allowed.includes('edit');
  return draft
    ? <AnchorLink to="/incidents/$incidentId/edit" params={{ incidentId: i.id }} fw={600}>Continue draft<span className="visually-hidden-inline">: {pupilsOf(i)}, {whenOf(i)}</span></AnchorLink>
    : <AnchorLink to="/incidents/$incidentId" params={{ incidentId: i.id }} fw={600}>Open<span className="visually-hidden-inline"> incident: {pupilsOf(i)}, {whenOf(i)}</span></AnchorLink>;
}

export function IncidentResults({ items, showSite, busy }: { items: TIncidentListItem[]; showSite: boolean; busy: boolean }) {
  const wide = useWide();
  if (items.length === 0) return <Text role="status">No incidents match these filters.</Text>;
  if (!wide) {
    return (
      <Stack component="ul" gap="sm" p={0} m={0} aria-label="Incidents" aria-busy={busy}>
        {items.map((i) => (
          <Card key={i.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
            <Text fw={600} className="break-anywhere">{pupilsOf(i)}</Text>
            <Text size="sm">{whenOf(i)}{showSite ? ` · ${i.siteName}` : ''}</Text>
            {whatOf(i) ? <Text size="sm">{whatOf(i)}</Text> : null}
            <Text size="sm" c="dimmed">Recorded by {i.createdByName}</Text>
            <Group justify="space-between" mt={6} wrap="wrap" gap="xs">
              <StatusBadges status={i.status} voided={i.voided} physicalIntervention={i.physicalIntervention} />
              <OpenLink i={i} />
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table striped highlightOnHover verticalSpacing="xs" aria-busy={busy} captionSide="top">
      <Table.Caption style={{ textAlign: 'left' }}>Incidents, most recent first</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">Pupils</Table.Th>
          {showSite ? <Table.Th scope="col">Site</Table.Th> : null}
          <Table.Th scope="col">Severity and categories</Table.Th>
          <Table.Th scope="col">Recorded by</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col"><span className="visually-hidden-inline">Actions</span></Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>{whenOf(i)}</Table.Td>
            <Table.Td className="break-anywhere">{pupilsOf(i)}</Table.Td>
            {showSite ? <Table.Td>{i.siteName}</Table.Td> : null}
            <Table.Td>{whatOf(i) || '—'}</Table.Td>
            <Table.Td>{i.createdByName}</Table.Td>
            <Table.Td><StatusBadges status={i.status} voided={i.voided} physicalIntervention={i.physicalIntervention} /></Table.Td>
            <Table.Td><OpenLink i={i} /></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
