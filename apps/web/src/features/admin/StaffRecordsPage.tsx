/** A school's staff records (people.manage): everyone who works there, with or without an account; add, edit, mark as left. */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { TStaffRecord } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { allows } from '../../lib/usePolicy';
import { useStaffMutations, useStaffRecords } from './people.api';
import { usePeopleSite } from './PeopleSite';
import { StaffRecordForm } from './StaffRecordForm';

export function StaffRecordsPage() {
  return (
    <RequirePermission permission="people.manage" what="keeping staff records">
      <StaffRecords />
    </RequirePermission>
  );
}

type Status = 'current' | 'left' | 'all';

function StaffRecords() {
  const { siteId, chooser, siteName } = usePeopleSite();
  const [status, setStatus] = useState<Status>('current');
  const [search, setSearch] = useState('');
  const staff = useStaffRecords(siteId, status, search.trim());
  const { update } = useStaffMutations();
  const [editing, setEditing] = useState<TStaffRecord | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const items = staff.data?.items ?? [];

  const markLeft = (s: TStaffRecord, active: boolean) => update.mutate({ id: s.id, body: { active } }, {
    onSuccess: (r) => setSaved(active ? `${r.displayName} is back on the staff list.` : `${r.displayName} is marked as left. Their name stays on the records they appear in.`),
  });

  return (
    <Page title="Staff records" description="Everyone who works at the school, with or without an account: users with a staff role get a record automatically; add supply and visiting staff here."
      actions={siteId ? <Button onClick={() => { setSaved(null); setEditing('new'); }}>Add member of staff</Button> : null}>
      {chooser}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl aria-label="Which staff" value={status} onChange={(v) => setStatus(v as Status)}
          data={[{ value: 'current', label: 'Working here' }, { value: 'left', label: 'Left' }, { value: 'all', label: 'All' }]} />
        <TextInput label="Search by name, job, email or code" value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={320} />
      </Group>
      {saved ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSaved(null)}>{saved}</Alert> : null}
      <ErrorAlert error={update.error} title="Not saved" />
      {staff.isPending && siteId ? <Loading label="Loading staff…" /> : null}
      {staff.isError ? <ErrorAlert error={staff.error} onRetry={() => void staff.refetch()} /> : null}
      {staff.data && items.length === 0 ? <Text>{search ? 'Nobody matches.' : `No staff records ${status === 'left' ? 'of staff who have left ' : ''}at ${siteName}.`}</Text> : null}
      {items.length > 0 ? (
        <Stack component="ul" gap="sm" p={0} m={0} aria-label={`Staff at ${siteName}`}>
          {items.map((s) => (
            <Card key={s.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
              <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} className="break-anywhere">{s.displayName}</Text>
                  <Text size="sm" className="break-anywhere">{s.jobTitle}{s.staffCode ? ` · ${s.staffCode}` : ''}</Text>
                  {s.email ? <Text size="sm" c="dimmed" className="break-anywhere">{s.email}</Text> : null}
                  <Group gap={4} mt={4}>
                    <Badge variant="light" color={s.userId ? 'blue' : 'grape'}>{s.userId ? 'Has an account' : 'No account'}</Badge>
                    {!s.active ? <Badge variant="light" color="gray">Left</Badge> : null}
                  </Group>
                </div>
                {allows(s, 'update') ? (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => { setSaved(null); setEditing(s); }}>Edit<span className="visually-hidden-inline"> {s.displayName}</span></Button>
                    <Button size="xs" variant="subtle" loading={update.isPending && update.variables?.id === s.id} onClick={() => markLeft(s, !s.active)}>
                      {s.active ? 'Mark as left' : 'Back at school'}<span className="visually-hidden-inline"> ({s.displayName})</span>
                    </Button>
                  </Group>
                ) : null}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : null}
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add a member of staff' : editing ? `Edit ${editing.displayName}` : ''}>
        {editing !== null && siteId ? (
          <StaffRecordForm key={editing === 'new' ? 'new' : editing.id} siteId={siteId} record={editing === 'new' ? undefined : editing}
            onDone={(message) => { setEditing(null); setSaved(message); }} />
        ) : null}
      </AppModal>
    </Page>
  );
}
