/** Visit settings: the trust's categories and generic risk assessments, and a site's standing approvals and EVCs (TRP-4). */
import { useState } from 'react';
import { Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { api, isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useCan, useMe } from '../../lib/usePolicy';
import { useVisitSettings, type TVisitSettings } from './visits.api';

export function VisitSettingsPage() {
  return <RequirePermission permission="visit.read" what="visit settings"><Settings /></RequirePermission>;
}

function Settings() {
  const settings = useVisitSettings();
  const me = useMe();
  const manage = useCan('visit.site.manage');
  if (settings.isPending) return <Loading label="Loading visit settings…" />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  const s = settings.data;
  const siteName = (id: string) => me.sites.find((x) => x.id === id)?.name ?? '';
  return (
    <Page title="Visit settings" description="Categories, generic risk assessments, standing approvals and educational visits coordinators.">
      <Card withBorder padding="sm" component="section" aria-label="Categories">
        <Title order={2} size="h4" mb="xs">Categories</Title>
        {s.categories.map((c) => (
          <Text key={c.id} size="sm">{c.code}: {c.name} {c.preApproved ? <Badge size="xs" variant="light">Routine</Badge> : null} {c.laAdviserRequired ? <Badge size="xs" variant="light" color="orange">LA adviser approves</Badge> : null}</Text>
        ))}
      </Card>
      <Card withBorder padding="sm" component="section" aria-label="Generic risk assessments">
        <Title order={2} size="h4" mb="xs">Generic risk assessments</Title>
        {s.library.map((l) => <Text key={l.id} size="sm">{l.title} ({l.hazards.length} hazards)</Text>)}
      </Card>
      <Card withBorder padding="sm" component="section" aria-label="Standing approvals">
        <Title order={2} size="h4" mb="xs">Standing approvals for routine visits</Title>
        {!s.standingApprovals.length ? <Text size="sm" c="dimmed">None.</Text> : null}
        {s.standingApprovals.map((a) => (
          <Text key={a.id} size="sm" className="break-anywhere">{siteName(a.siteId)} · {a.categoryName}: {a.description} · approved by {a.approvedBy} on {formatDate(a.approvedOn)}, until {formatDate(a.expiresOn)}{a.current ? '' : ' (not current)'}</Text>
        ))}
        {manage ? <AddStanding settings={s} /> : null}
      </Card>
      <Card withBorder padding="sm" component="section" aria-label="Educational visits coordinators">
        <Title order={2} size="h4" mb="xs">Educational visits coordinators</Title>
        {s.coordinators.map((c) => <Text key={`${c.siteId}-${c.userId}`} size="sm">{siteName(c.siteId)}: {c.name}</Text>)}
        {manage ? <AddCoordinator /> : null}
      </Card>
    </Page>
  );
}

function useSettingsWrite(path: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: Record<string, unknown>) => api.post<TVisitSettings>(`/visit-settings/${path}`, body), onSuccess: (d) => qc.setQueryData(['visit-settings'], d) });
}

function AddStanding({ settings }: { settings: TVisitSettings }) {
  const me = useMe();
  const write = useSettingsWrite('standing-approvals');
  const [f, setF] = useState({ siteId: me.sites[0]?.id ?? '', categoryId: '', description: '', approvedOn: '', expiresOn: '' });
  const err = (k: string) => (isApiError(write.error) ? write.error.fieldMessage(k) : undefined);
  return (
    <Stack gap="xs" mt="sm">
      {me.sites.length > 1 ? <Select label="School" data={me.sites.map((x) => ({ value: x.id, label: x.name }))} value={f.siteId} onChange={(v) => setF({ ...f, siteId: v ?? '' })} /> : null}
      <Select label="Routine category" data={settings.categories.filter((c) => c.preApproved).map((c) => ({ value: c.id, label: `${c.code}: ${c.name}` }))} value={f.categoryId} onChange={(v) => setF({ ...f, categoryId: v ?? '' })} error={err('categoryId')} />
      <TextInput label="Which visits it covers" value={f.description} onChange={(e) => setF({ ...f, description: e.currentTarget.value })} error={err('description')} />
      <Group grow wrap="wrap">
        <UkDateInput label="Approved on" value={f.approvedOn} onChange={(iso) => setF({ ...f, approvedOn: iso ?? '' })} error={err('approvedOn')} />
        <UkDateInput label="Expires on" value={f.expiresOn} onChange={(iso) => setF({ ...f, expiresOn: iso ?? '' })} error={err('expiresOn')} />
      </Group>
      {write.error && !(isApiError(write.error) && write.error.fields.length) ? <ErrorAlert error={write.error} /> : null}
      <Group><Button size="xs" onClick={() => write.mutate(f)} loading={write.isPending}>Record the standing approval</Button></Group>
    </Stack>
  );
}

function AddCoordinator() {
  const me = useMe();
  const write = useSettingsWrite('coordinators');
  const [siteId, setSiteId] = useState(me.sites[0]?.id ?? '');
  const [userId, setUserId] = useState<string | null>(null);
  const staff = useQuery({ queryKey: ['staff', siteId], queryFn: ({ signal }) => api.get<{ items: { id: string; displayName: string; userId: string | null }[] }>('/staff', { siteId, pageSize: 500 }, signal) });
  return (
    <Stack gap="xs" mt="sm">
      {me.sites.length > 1 ? <Select label="School" data={me.sites.map((x) => ({ value: x.id, label: x.name }))} value={siteId} onChange={(v) => setSiteId(v ?? '')} /> : null}
      <Select label="Member of staff" searchable data={(staff.data?.items ?? []).filter((x) => x.userId).map((x) => ({ value: x.userId!, label: x.displayName }))} value={userId} onChange={setUserId}
        error={isApiError(write.error) ? write.error.fieldMessage('userId') : undefined} />
      {write.error && !(isApiError(write.error) && write.error.fields.length) ? <ErrorAlert error={write.error} /> : null}
      <Group><Button size="xs" disabled={!userId} onClick={() => write.mutate({ siteId, userId })} loading={write.isPending}>Name as coordinator</Button></Group>
    </Stack>
  );
}
