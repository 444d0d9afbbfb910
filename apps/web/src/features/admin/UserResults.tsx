/** The user rows: a table on wide screens, cards on phones. */
import { Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useWide } from '../../components/useWide';
import { formatDateTime } from '../../lib/format';
import { roleLabel } from '../../lib/labels';
import type { TUser } from '../../lib/types';
import { isLocked } from './userStatus';

function Roles({ u }: { u: TUser }) {
  if (u.assignments.length === 0) return <Text size="sm">No roles</Text>;
  return (
    <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
      {u.assignments.map((a) => (
        <Text component="li" size="sm" key={a.id}>{roleLabel(a.role)} — {a.siteId === null ? 'whole trust' : (a.siteName ?? 'site')}</Text>
      ))}
    </Stack>
  );
}

function Status({ u }: { u: TUser }) {
  return (
    <Group gap={4}>
      <Badge miw="max-content" variant="light" color={u.active ? 'blue' : 'gray'}>{u.active ? 'Active' : 'Deactivated'}</Badge>
      {isLocked(u) ? <Badge miw="max-content" variant="light" color="red">Locked</Badge> : null}
      {u.totpEnabled ? <Badge miw="max-content" variant="light" color="indigo">Two-factor</Badge> : null}
    </Group>
  );
}

export function UserResults({ items, onManage, busy }: { items: TUser[]; onManage: (u: TUser) => void; busy: boolean }) {
  const wide = useWide();
  if (items.length === 0) return <Text role="status">No users match these filters.</Text>;
  const manage = (u: TUser) => (
    <Button size="xs" variant="default" onClick={() => onManage(u)}>
      Manage<span className="visually-hidden-inline"> {u.displayName}</span>
    </Button>
  );
  if (!wide) {
    return (
      <Stack component="ul" gap="sm" p={0} m={0} aria-label="Users" aria-busy={busy}>
        {items.map((u) => (
          <Card key={u.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text fw={600} className="break-anywhere">{u.displayName}</Text>
                <Text size="sm" className="break-anywhere">{u.email}</Text>
              </div>
              {manage(u)}
            </Group>
            <Roles u={u} />
            <Status u={u} />
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table striped verticalSpacing="xs" captionSide="top" aria-busy={busy}>
      <Table.Caption style={{ textAlign: 'left' }}>Users matching the filters</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th><Table.Th scope="col">Roles</Table.Th><Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col">Last signed in</Table.Th><Table.Th scope="col"><span className="visually-hidden-inline">Actions</span></Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((u) => (
          <Table.Tr key={u.id}>
            <Table.Td><Text fw={600} size="sm">{u.displayName}</Text><Text size="sm" className="break-anywhere">{u.email}</Text></Table.Td>
            <Table.Td><Roles u={u} /></Table.Td>
            <Table.Td><Status u={u} /></Table.Td>
            <Table.Td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Never'}</Table.Td>
            <Table.Td>{manage(u)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
