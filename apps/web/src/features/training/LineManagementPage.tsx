/** Line management (STF-1, STF-4): who manages whom, across the cluster's sites, from and until when. */
import { Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { formatDate, londonTodayIso } from '../../lib/format';
import { allows, useCan, useMe } from '../../lib/usePolicy';
import { useLineManagement, useStaffPicker, useTrainingMutations } from './training.api';
import { siteName, useTrainingSite } from './TrainingParts';

export function LineManagementPage() {
  return <RequirePermission permission="training.read" what="line management"><Lines /></RequirePermission>;
}

function Lines() {
  const me = useMe();
  const { siteId, picker } = useTrainingSite(true);
  const list = useLineManagement({ siteId, on: londonTodayIso() });
  const manager = useCan('training.manage');
  const { endLine } = useTrainingMutations();
  return (
    <Page title="Line management" description="Who manages whom today, across sites.">
      {picker}
      {manager ? <AddLine /> : null}
      {list.isPending ? <Loading label="Loading…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {endLine.isError ? <ErrorAlert error={endLine.error} /> : null}
      {list.data && !list.data.items.length ? <Text c="dimmed">No line management is recorded.</Text> : null}
      <Stack component="ul" gap="xs" p={0} m={0} aria-label="Line management">
        {(list.data?.items ?? []).map((l) => (
          <Card key={l.id} component="li" withBorder padding="xs" style={{ listStyle: 'none' }}>
            <Text fw={600}>{l.staffName} <Text span size="sm" c="dimmed">({siteName(me.sites, l.staffSiteId)})</Text></Text>
            <Text size="sm">Managed by {l.managerName} ({siteName(me.sites, l.managerSiteId)}) from {formatDate(l.startsOn)}{l.endsOn ? ` to ${formatDate(l.endsOn)}` : ''}</Text>
            {allows(l, 'end') && !l.endsOn ? <Group><Button size="compact-xs" variant="subtle" onClick={() => endLine.mutate({ id: l.id, endsOn: londonTodayIso(), version: l.version })}>End today<span className="visually-hidden-inline">: {l.staffName} managed by {l.managerName}</span></Button></Group> : null}
          </Card>
        ))}
      </Stack>
    </Page>
  );
}

function AddLine() {
  const me = useMe();
  const [staffSite, setStaffSite] = useState<string | null>(me.sites[0]?.id ?? null);
  const [managerSite, setManagerSite] = useState<string | null>(me.sites[0]?.id ?? null);
  const staff = useStaffPicker(staffSite ?? undefined);
  const managers = useStaffPicker(managerSite ?? undefined);
  const { addLine } = useTrainingMutations();
  const [f, setF] = useState({ staffId: '', managerStaffId: '', startsOn: londonTodayIso() });
  const sites = me.sites.map((s) => ({ value: s.id, label: s.name }));
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Text fw={700}>Record a line manager</Text>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <Select label="Their site" data={sites} value={staffSite} onChange={setStaffSite} allowDeselect={false} w={200} />
          <Select label="Member of staff" searchable data={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }))} value={f.staffId || null} onChange={(v) => setF({ ...f, staffId: v ?? '' })} w={240} />
        </Group>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <Select label="Manager's site" data={sites} value={managerSite} onChange={setManagerSite} allowDeselect={false} w={200} />
          <Select label="Line manager" searchable data={(managers.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }))} value={f.managerStaffId || null} onChange={(v) => setF({ ...f, managerStaffId: v ?? '' })} w={240} />
        </Group>
        <UkDateInput label="From" required value={f.startsOn} onChange={(iso) => setF({ ...f, startsOn: iso ?? '' })} w={160} />
        {addLine.isError ? <ErrorAlert error={addLine.error} /> : null}
        <Group><Button loading={addLine.isPending} onClick={() => addLine.mutate(f, { onSuccess: () => setF({ ...f, staffId: '' }) })}>Save</Button></Group>
      </Stack>
    </Card>
  );
}
