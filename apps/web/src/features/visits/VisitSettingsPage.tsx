/**
 * Visit settings: the trust's categories and generic risk assessments (visit.library.manage: add, change, stop, retire),
 * and a site's standing approvals and EVCs (visit.site.manage: add, revoke, remove) (TRP-4).
 */
import { useState } from 'react';
import { Badge, Button, Card, Checkbox, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
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
  return <RequirePermission permission={['visit.read', 'visit.site.manage', 'visit.library.manage']} what="visit settings"><Settings /></RequirePermission>;
}

function Settings() {
  const settings = useVisitSettings();
  const me = useMe();
  const manage = useCan('visit.site.manage');
  const library = useCan('visit.library.manage');
  const remove = useSettingsWrite();
  if (settings.isPending) return <Loading label="Loading visit settings…" />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  const s = settings.data;
  const siteName = (id: string) => me.sites.find((x) => x.id === id)?.name ?? '';
  return (
    <Page title="Visit settings" description="Categories, generic risk assessments, standing approvals and educational visits coordinators.">
      {/* retiring, revoking and removing share one request: its failure is shown above every card */}
      {remove.error ? <ErrorAlert error={remove.error} title="Not changed" /> : null}
      <Card withBorder padding="sm" component="section" aria-label="Categories">
        <Title order={2} size="h4" mb="xs">Categories</Title>
        <Stack gap={6}>
          {s.categories.map((c) => <CategoryRow key={c.id} c={c} manage={library} />)}
        </Stack>
        {library ? <CategoryForm /> : null}
      </Card>
      <Card withBorder padding="sm" component="section" aria-label="Generic risk assessments">
        <Title order={2} size="h4" mb="xs">Generic risk assessments</Title>
        {s.library.map((l) => (
          <Group key={l.id} justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm">{l.title} ({l.hazards.length} hazards)</Text>
            {library ? <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate({ method: 'delete', path: `library/${l.id}` })}>Retire<span className="visually-hidden-inline"> {l.title}</span></Button> : null}
          </Group>
        ))}
        {library ? <LibraryForm /> : null}
      </Card>
      <Card withBorder padding="sm" component="section" aria-label="Standing approvals">
        <Title order={2} size="h4" mb="xs">Standing approvals for routine visits</Title>
        {!s.standingApprovals.length ? <Text size="sm" c="dimmed">None.</Text> : null}
        {s.standingApprovals.map((a) => (
          <Group key={a.id} justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm" className="break-anywhere">{siteName(a.siteId)} · {a.categoryName}: {a.description} · approved by {a.approvedBy} on {formatDate(a.approvedOn)}, until {formatDate(a.expiresOn)}{a.current ? '' : ' (not current)'}</Text>
            {manage ? <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate({ path: `standing-approvals/${a.id}/revoke` })}>Revoke<span className="visually-hidden-inline"> the standing approval for {a.categoryName}</span></Button> : null}
          </Group>
        ))}
        {manage ? <AddStanding settings={s} /> : null}
      </Card>
      <Card withBorder padding="sm" component="section" aria-label="Educational visits coordinators">
        <Title order={2} size="h4" mb="xs">Educational visits coordinators</Title>
        {s.coordinators.map((c) => (
          <Group key={`${c.siteId}-${c.userId}`} justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm">{siteName(c.siteId)}: {c.name}</Text>
            {manage ? <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate({ path: 'coordinators/remove', body: { siteId: c.siteId, userId: c.userId } })}>Remove<span className="visually-hidden-inline"> {c.name} as coordinator</span></Button> : null}
          </Group>
        ))}
        {manage ? <AddCoordinator /> : null}
      </Card>
    </Page>
  );
}

interface Write { method?: 'post' | 'put' | 'delete'; path: string; body?: Record<string, unknown> }
function useSettingsWrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method = 'post', path, body }: Write) => (method === 'delete' ? api.delete<TVisitSettings>(`/visit-settings/${path}`)
      : method === 'put' ? api.put<TVisitSettings>(`/visit-settings/${path}`, body) : api.post<TVisitSettings>(`/visit-settings/${path}`, body ?? {})),
    onSuccess: (d) => qc.setQueryData(['visit-settings'], d),
  });
}

type Category = TVisitSettings['categories'][number];
const BLANK_CATEGORY = { code: '', name: '', description: '', preApproved: false, laAdviserRequired: false, active: true };

function CategoryRow({ c, manage }: { c: Category; manage: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" c={c.active ? undefined : 'dimmed'}>{c.code}: {c.name} {c.preApproved ? <Badge size="xs" variant="light">Routine</Badge> : null} {c.laAdviserRequired ? <Badge size="xs" variant="light" color="orange">LA adviser approves</Badge> : null} {c.active ? null : <Badge size="xs" variant="light" color="gray">Not offered</Badge>}</Text>
        {manage && !editing ? <Button size="xs" variant="subtle" onClick={() => setEditing(true)}>Change<span className="visually-hidden-inline"> category {c.code}</span></Button> : null}
      </Group>
      {editing ? <CategoryForm existing={c} onDone={() => setEditing(false)} /> : null}
    </Stack>
  );
}

function CategoryForm({ existing, onDone }: { existing?: Category; onDone?: () => void }) {
  const write = useSettingsWrite();
  const [f, setF] = useState(existing ? { code: existing.code, name: existing.name, description: existing.description, preApproved: existing.preApproved, laAdviserRequired: existing.laAdviserRequired, active: existing.active } : BLANK_CATEGORY);
  const err = (k: string) => (isApiError(write.error) ? write.error.fieldMessage(k) : undefined);
  const save = () => write.mutate(existing ? { method: 'put', path: `categories/${existing.id}`, body: f } : { path: 'categories', body: f }, {
    onSuccess: () => { if (existing) onDone?.(); else setF(BLANK_CATEGORY); },
  });
  return (
    <Stack gap="xs" mt="xs" component="form" aria-label={existing ? `Change category ${existing.code}` : 'Add a category'} onSubmit={(e) => { e.preventDefault(); save(); }}>
      {existing ? null : <Text size="sm" fw={600}>Add a category</Text>}
      <Group grow wrap="wrap" align="flex-start">
        <TextInput label="Code" value={f.code} onChange={(e) => setF({ ...f, code: e.currentTarget.value })} error={err('code')} maw={140} />
        <TextInput label="Name" value={f.name} onChange={(e) => setF({ ...f, name: e.currentTarget.value })} error={err('name')} />
      </Group>
      <TextInput label="Description" value={f.description} onChange={(e) => setF({ ...f, description: e.currentTarget.value })} error={err('description')} />
      <Group gap="md" wrap="wrap">
        <Checkbox label="Routine (a standing approval covers it)" checked={f.preApproved} onChange={(e) => setF({ ...f, preApproved: e.currentTarget.checked })} />
        <Checkbox label="The LA adviser approves" checked={f.laAdviserRequired} onChange={(e) => setF({ ...f, laAdviserRequired: e.currentTarget.checked })} />
        {existing ? <Checkbox label="Offered for new visits" checked={f.active} onChange={(e) => setF({ ...f, active: e.currentTarget.checked })} /> : null}
      </Group>
      {write.error && !(isApiError(write.error) && write.error.fields.length) ? <ErrorAlert error={write.error} /> : null}
      <Group gap="xs">
        <Button size="xs" type="submit" loading={write.isPending}>{existing ? 'Save the category' : 'Add the category'}</Button>
        {existing ? <Button size="xs" variant="default" onClick={onDone}>Cancel</Button> : null}
      </Group>
    </Stack>
  );
}

function LibraryForm() {
  const write = useSettingsWrite();
  const blank = { hazard: '', controls: '' };
  const [title, setTitle] = useState('');
  const [hazards, setHazards] = useState([blank]);
  const err = (k: string) => (isApiError(write.error) ? write.error.fieldMessage(k) : undefined);
  const set = (n: number, h: typeof blank) => setHazards(hazards.map((x, i) => (i === n ? h : x)));
  return (
    <Stack gap="xs" mt="sm" component="form" aria-label="Add a generic risk assessment" onSubmit={(e) => {
      e.preventDefault();
      write.mutate({ path: 'library', body: { title, hazards } }, { onSuccess: () => { setTitle(''); setHazards([blank]); } });
    }}>
      <Text size="sm" fw={600}>Add a generic risk assessment</Text>
      <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={err('title')} />
      {hazards.map((h, n) => (
        <Group key={n} grow wrap="wrap" align="flex-start">
          <TextInput label={`Hazard ${n + 1}`} value={h.hazard} onChange={(e) => set(n, { ...h, hazard: e.currentTarget.value })} error={err(`hazards.${n}.hazard`)} />
          <Textarea label={`Controls for hazard ${n + 1}`} autosize minRows={1} value={h.controls} onChange={(e) => set(n, { ...h, controls: e.currentTarget.value })} error={err(`hazards.${n}.controls`)} />
        </Group>
      ))}
      {err('hazards') ? <Text size="sm" c="red">{err('hazards')}</Text> : null}
      {write.error && !(isApiError(write.error) && write.error.fields.length) ? <ErrorAlert error={write.error} /> : null}
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={() => setHazards([...hazards, blank])}>Another hazard</Button>
        <Button size="xs" type="submit" loading={write.isPending}>Add to the library</Button>
      </Group>
    </Stack>
  );
}

function AddStanding({ settings }: { settings: TVisitSettings }) {
  const me = useMe();
  const write = useSettingsWrite();
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
      <Group><Button size="xs" onClick={() => write.mutate({ path: 'standing-approvals', body: f })} loading={write.isPending}>Record the standing approval</Button></Group>
    </Stack>
  );
}

function AddCoordinator() {
  const me = useMe();
  const write = useSettingsWrite();
  const [siteId, setSiteId] = useState(me.sites[0]?.id ?? '');
  const [userId, setUserId] = useState<string | null>(null);
  const staff = useQuery({ queryKey: ['staff', siteId], queryFn: ({ signal }) => api.get<{ items: { id: string; displayName: string; userId: string | null }[] }>('/staff', { siteId, pageSize: 500 }, signal) });
  return (
    <Stack gap="xs" mt="sm">
      {me.sites.length > 1 ? <Select label="School" data={me.sites.map((x) => ({ value: x.id, label: x.name }))} value={siteId} onChange={(v) => setSiteId(v ?? '')} /> : null}
      <Select label="Member of staff" searchable data={(staff.data?.items ?? []).filter((x) => x.userId).map((x) => ({ value: x.userId!, label: x.displayName }))} value={userId} onChange={setUserId}
        error={isApiError(write.error) ? write.error.fieldMessage('userId') : undefined} />
      {write.error && !(isApiError(write.error) && write.error.fields.length) ? <ErrorAlert error={write.error} /> : null}
      <Group><Button size="xs" disabled={!userId} onClick={() => write.mutate({ path: 'coordinators', body: { siteId, userId } })} loading={write.isPending}>Name as coordinator</Button></Group>
    </Stack>
  );
}
