/** Sites of the trust: list, add and edit (site.manage). */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { useWide } from '../../components/useWide';
import { phaseLabel, siteKindLabel } from '../../lib/labels';
import type { TSite } from '../../lib/types';
import { allows } from '../../lib/usePolicy';
import { useAdminSites } from './admin.api';
import { SiteForm } from './SiteForm';

export function SitesPage() {
  return (
    <RequirePermission permission="site.manage" what="managing sites">
      <Sites />
    </RequirePermission>
  );
}

const dfeNumber = (s: TSite) => (s.laCode && s.establishmentNumber ? `${s.laCode}/${s.establishmentNumber}` : '—');

function Sites() {
  const sites = useAdminSites();
  const wide = useWide();
  const [editing, setEditing] = useState<TSite | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const items = sites.data?.items ?? [];

  const reload = async (id: string) => (await sites.refetch()).data?.items.find((s) => s.id === id);
  const editButton = (s: TSite) =>
    allows(s, 'update') ? (
      <Button size="xs" variant="default" onClick={() => setEditing(s)}>
        Edit<span className="visually-hidden-inline"> {s.name}</span>
      </Button>
    ) : null;

  return (
    <Page title="Sites" description="The schools and campuses of your trust."
      actions={<Button onClick={() => { setSaved(null); setEditing('new'); }}>Add site</Button>}>
      {saved ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSaved(null)}>{saved}</Alert> : null}
      {sites.isPending ? <Loading label="Loading sites…" /> : null}
      {sites.isError ? <ErrorAlert error={sites.error} onRetry={() => void sites.refetch()} /> : null}
      {sites.data && items.length === 0 ? <Text>No sites yet. Add the first one.</Text> : null}
      {items.length > 0 && wide ? (
        <Table striped verticalSpacing="xs" captionSide="top">
          <Table.Caption style={{ textAlign: 'left' }}>{`${items.length} ${items.length === 1 ? 'site' : 'sites'}`}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th><Table.Th scope="col">Short name</Table.Th><Table.Th scope="col">URN</Table.Th>
              <Table.Th scope="col">DfE number</Table.Th><Table.Th scope="col">Phase</Table.Th><Table.Th scope="col">Type</Table.Th>
              <Table.Th scope="col">Status</Table.Th><Table.Th scope="col"><span className="visually-hidden-inline">Actions</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td fw={600}>{s.name}</Table.Td><Table.Td>{s.shortName}</Table.Td><Table.Td>{s.urn ?? '—'}</Table.Td>
                <Table.Td>{dfeNumber(s)}</Table.Td><Table.Td>{phaseLabel(s.phase)}</Table.Td><Table.Td>{siteKindLabel(s.kind)}</Table.Td>
                <Table.Td><Badge miw="max-content" variant="light" color={s.active ? 'blue' : 'gray'}>{s.active ? 'Active' : 'Inactive'}</Badge></Table.Td>
                <Table.Td>{editButton(s)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {items.length > 0 && !wide ? (
        <Stack component="ul" gap="sm" p={0} m={0} aria-label="Sites">
          {items.map((s) => (
            <Card key={s.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} className="break-anywhere">{s.name} ({s.shortName})</Text>
                  <Text size="sm">{siteKindLabel(s.kind)} · {phaseLabel(s.phase)}</Text>
                  <Text size="sm">URN {s.urn ?? '—'} · DfE {dfeNumber(s)}</Text>
                  <Badge miw="max-content" mt={4} variant="light" color={s.active ? 'blue' : 'gray'}>{s.active ? 'Active' : 'Inactive'}</Badge>
                </div>
                {editButton(s)}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : null}
      <AppModal opened={editing !== null} onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Add a site' : editing ? `Edit ${editing.name}` : ''}>
        {editing !== null ? (
          <SiteForm
            key={editing === 'new' ? 'new' : editing.id}
            site={editing === 'new' ? undefined : editing}
            onReload={editing === 'new' ? undefined : () => reload(editing.id)}
            onDone={(s) => { setEditing(null); setSaved(`${s.name} saved.`); }}
          />
        ) : null}
      </AppModal>
    </Page>
  );
}
