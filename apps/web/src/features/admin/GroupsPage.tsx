/** Forms, classes and teaching groups of a school, kept by hand (people.manage): add, rename, archive, members. */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import type { TPeopleGroup } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatInstantDate, plural, yearGroupLabel } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { GroupForm, GROUP_KIND_LABELS } from './GroupForm';
import { GroupMembers } from './GroupMembers';
import { useGroups } from './people.api';
import { usePeopleSite } from './PeopleSite';

export function GroupsPage() {
  return (
    <RequirePermission permission="people.manage" what="keeping forms and classes">
      <Groups />
    </RequirePermission>
  );
}

type Status = 'current' | 'archived' | 'all';

function Groups() {
  const { siteId, chooser, siteName } = usePeopleSite();
  const [status, setStatus] = useState<Status>('current');
  const groups = useGroups(siteId, status);
  const [editing, setEditing] = useState<TPeopleGroup | 'new' | null>(null);
  const [members, setMembers] = useState<TPeopleGroup | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const items = groups.data?.items ?? [];

  return (
    <Page title="Forms and classes" description="Registration forms, classes and teaching groups, and who is in them. Imports from the MIS update the same groups."
      actions={siteId ? <Button onClick={() => { setSaved(null); setEditing('new'); }}>Add group</Button> : null}>
      {chooser}
      <SegmentedControl aria-label="Which groups" value={status} onChange={(v) => setStatus(v as Status)}
        data={[{ value: 'current', label: 'In use' }, { value: 'archived', label: 'Archived' }, { value: 'all', label: 'All' }]} />
      {saved ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSaved(null)}>{saved}</Alert> : null}
      {groups.isPending && siteId ? <Loading label="Loading groups…" /> : null}
      {groups.isError ? <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} /> : null}
      {groups.data && items.length === 0 ? <Text>{status === 'archived' ? 'No archived groups.' : `No groups at ${siteName} yet. Add one, or import them from the MIS.`}</Text> : null}
      {items.length > 0 ? (
        <Stack component="ul" gap="sm" p={0} m={0} aria-label={`Groups at ${siteName}`}>
          {items.map((g) => (
            <Card key={g.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
              <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} className="break-anywhere">{g.name}</Text>
                  <Text size="sm">{GROUP_KIND_LABELS[g.kind]}{g.yearGroup !== null ? ` · ${yearGroupLabel(g.yearGroup)}` : ''} · {plural(g.memberCount, 'pupil')} on roll</Text>
                  {g.archivedAt ? <Badge mt={4} variant="light" color="gray">Archived {formatInstantDate(g.archivedAt)}</Badge> : null}
                </div>
                <Group gap="xs">
                  <Button size="xs" variant="light" onClick={() => setMembers(g)}>Members<span className="visually-hidden-inline"> of {g.name}</span></Button>
                  {allows(g, 'update') ? <Button size="xs" variant="default" onClick={() => { setSaved(null); setEditing(g); }}>Edit<span className="visually-hidden-inline"> {g.name}</span></Button> : null}
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      ) : null}
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add a group' : editing ? `Edit ${editing.name}` : ''}>
        {editing !== null && siteId ? (
          <GroupForm key={editing === 'new' ? 'new' : editing.id} siteId={siteId} group={editing === 'new' ? undefined : editing}
            onDone={(message) => { setEditing(null); setSaved(message); }} />
        ) : null}
      </AppModal>
      <AppModal opened={members !== null} onClose={() => setMembers(null)} title={members ? `Members of ${members.name}` : ''}>
        {members ? <GroupMembers groupId={members.id} /> : null}
      </AppModal>
    </Page>
  );
}
