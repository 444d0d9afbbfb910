/** The pupil rows: a table from 768 px up, a list of cards below (a 390 px phone never scrolls sideways). */
import { Group, Table, Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import { useWide } from '../../components/useWide';
import { formatDate, yearGroupLabel } from '../../lib/format';
import type { TPupilListItem } from '../../lib/types';
import { PersonAvatar } from '../photos/PersonAvatar';

export function PupilResults({ items, showSite, busy }: { items: TPupilListItem[]; showSite: boolean; busy: boolean }) {
  const wide = useWide();
  if (items.length === 0) {
    return <Text role="status">No pupils match these filters.</Text>;
  }
  if (!wide) {
    // plain markup styled by styles.css (.person-cards): a phone's first load renders 25 of these, and Mantine's Card,
    // Group, Stack and Text cost a slow phone about 2 ms of script each
    return (
      <ul className="person-cards" aria-label="Pupils" aria-busy={busy}>
        {items.map((p) => (
          <li key={p.id} className="person-card">
            <PersonAvatar name={p.displayName} photo={p.photo} />
            <div>
              <AnchorLink to="/pupils/$pupilId" params={{ pupilId: p.id }} fw={600} className="break-anywhere">
                {p.displayName}
              </AnchorLink>
              <p>{yearGroupLabel(p.yearGroup)}{p.formName ? ` · Form ${p.formName}` : ''}{showSite ? ` · ${p.siteName}` : ''}</p>
              <p className="person-card-meta">UPN {p.upn}{p.enrolmentEnd ? ` · Leaving date ${formatDate(p.enrolmentEnd)}` : ''}</p>
            </div>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table striped highlightOnHover verticalSpacing="xs" aria-busy={busy} captionSide="top">
      <Table.Caption style={{ textAlign: 'left' }}>Pupils matching the filters</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Year group</Table.Th>
          <Table.Th scope="col">Form</Table.Th>
          {showSite ? <Table.Th scope="col">Site</Table.Th> : null}
          <Table.Th scope="col">UPN</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              <Group gap="sm" wrap="nowrap">
                <PersonAvatar name={p.displayName} photo={p.photo} size="sm" />
                <div>
                  <AnchorLink to="/pupils/$pupilId" params={{ pupilId: p.id }} fw={600}>{p.displayName}</AnchorLink>
                  {p.displayName !== `${p.legalForename} ${p.legalSurname}` ? (
                    <Text size="xs" c="dimmed">Legal name: {p.legalForename} {p.legalSurname}</Text>
                  ) : null}
                  {p.enrolmentEnd ? <Text size="xs">Leaving date {formatDate(p.enrolmentEnd)}</Text> : null}
                </div>
              </Group>
            </Table.Td>
            <Table.Td>{yearGroupLabel(p.yearGroup)}</Table.Td>
            <Table.Td>{p.formName ?? '—'}</Table.Td>
            {showSite ? <Table.Td>{p.siteName}</Table.Td> : null}
            <Table.Td ff="monospace">{p.upn}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
