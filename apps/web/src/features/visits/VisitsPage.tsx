/** Off-site visits (TRP-1): the visits at your sites, and a form to propose one. */
import { useState } from 'react';
import { Badge, Button, Card, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useNavigate } from '@tanstack/react-router';
import { VISIT_STATUS_LABELS } from '@haven/contracts';
import { AnchorLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { useCreateVisit, useVisits, useVisitSettings } from './visits.api';

export function VisitsPage() {
  return <RequirePermission permission="visit.read" what="off-site visits"><Visits /></RequirePermission>;
}

function Visits() {
  const visits = useVisits();
  const [creating, setCreating] = useState(false);
  if (visits.isPending) return <Loading label="Loading visits…" />;
  if (visits.isError) return <ErrorAlert error={visits.error} onRetry={() => void visits.refetch()} />;
  return (
    <Page title="Off-site visits" description="Visits planned, approved and safe to leave."
      actions={visits.data.allowed.includes('create') && !creating ? <Button onClick={() => setCreating(true)}>Plan a visit</Button> : null}>
      <AnchorLink to="/visits/settings">Visit settings: categories, standing approvals, coordinators</AnchorLink>
      {creating ? <NewVisit onCancel={() => setCreating(false)} /> : null}
      {!visits.data.items.length ? <Text c="dimmed">No visits yet.</Text> : null}
      <Stack component="ul" gap="xs" p={0} m={0} aria-label="Visits">
        {visits.data.items.map((v) => (
          <Card key={v.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <AnchorLink to="/visits/$visitId" params={{ visitId: v.id }} fw={700} className="break-anywhere">{v.purpose}</AnchorLink>
              <Badge variant="light">{VISIT_STATUS_LABELS[v.status]}</Badge>
            </Group>
            <Text size="sm">{v.venue} · {formatDate(v.startDate)}{v.endDate !== v.startDate ? ` to ${formatDate(v.endDate)}` : ''} · {v.categoryName}</Text>
            <Text size="sm" c="dimmed">{v.siteName} · leader {v.leaderName ?? 'not named'} · {v.pupilCount} pupils, {v.staffCount} staff</Text>
          </Card>
        ))}
      </Stack>
    </Page>
  );
}

function NewVisit({ onCancel }: { onCancel: () => void }) {
  const me = useMe();
  const settings = useVisitSettings();
  const create = useCreateVisit();
  const navigate = useNavigate();
  const [f, setF] = useState({ siteId: me.sites[0]?.id ?? '', purpose: '', venue: '', startDate: '', departTime: '09:00', endDate: '', returnTime: '15:00', transport: '', categoryId: '', ratio: 4 as number | string });
  const set = (k: keyof typeof f) => (v: string | number | null) => setF((x) => ({ ...x, [k]: v ?? '' }));
  const err = (field: string) => (isApiError(create.error) ? create.error.fieldMessage(field) : undefined);
  const submit = () => create.mutate({
    siteId: f.siteId, purpose: f.purpose, venue: f.venue, startDate: f.startDate, departTime: f.departTime, endDate: f.endDate || f.startDate, returnTime: f.returnTime,
    transport: f.transport, categoryId: f.categoryId, ratioPupilsPerAdult: Number(f.ratio), itinerary: [], leaderStaffId: null,
  }, { onSuccess: (v) => void navigate({ to: '/visits/$visitId', params: { visitId: v.id } }) });
  return (
    <Card withBorder padding="md" component="section" aria-label="Plan a visit">
      <Stack gap="sm">
        {me.sites.length > 1 ? <Select label="School" data={me.sites.map((s) => ({ value: s.id, label: s.name }))} value={f.siteId} onChange={set('siteId')} error={err('siteId')} /> : null}
        <Textarea label="Purpose" required value={f.purpose} onChange={(e) => set('purpose')(e.currentTarget.value)} error={err('purpose')} autosize minRows={2} />
        <TextInput label="Venue" required value={f.venue} onChange={(e) => set('venue')(e.currentTarget.value)} error={err('venue')} />
        <Group grow wrap="wrap">
          <UkDateInput label="Leaves on" required value={f.startDate} onChange={(iso) => set('startDate')(iso ?? '')} error={err('startDate')} />
          <TextInput label="Leaves at (HH:MM)" value={f.departTime} onChange={(e) => set('departTime')(e.currentTarget.value)} error={err('departTime')} />
        </Group>
        <Group grow wrap="wrap">
          <UkDateInput label="Back on" description="Leave empty for a day visit" value={f.endDate} onChange={(iso) => set('endDate')(iso ?? '')} error={err('endDate')} />
          <TextInput label="Back at (HH:MM)" value={f.returnTime} onChange={(e) => set('returnTime')(e.currentTarget.value)} error={err('returnTime')} />
        </Group>
        <TextInput label="Transport" value={f.transport} onChange={(e) => set('transport')(e.currentTarget.value)} error={err('transport')} />
        <Select label="Category" required data={(settings.data?.categories ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: `${c.code}: ${c.name}` }))}
          value={f.categoryId} onChange={set('categoryId')} error={err('categoryId')} />
        <NumberInput label="Ratio: pupils per adult" min={1} max={100} value={f.ratio} onChange={set('ratio')} error={err('ratioPupilsPerAdult')} />
        {create.error && !isApiError(create.error) ? <ErrorAlert error={create.error} /> : null}
        {isApiError(create.error) && !create.error.fields.length ? <ErrorAlert error={create.error} /> : null}
        <Group><Button onClick={submit} loading={create.isPending}>Save the draft</Button><Button variant="default" onClick={onCancel}>Cancel</Button></Group>
      </Stack>
    </Card>
  );
}
