/** The trust's agencies directory (SUP-5): agencies and their contacts; kept by a trust administrator or a lead. */
import { Badge, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { TAgency } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { isApiError } from '../../lib/api';
import { useCan } from '../../lib/usePolicy';
import { useAgencies, useAgencyMutations } from './casework.api';
import { AGENCY_KIND_LABELS } from './labels';

export function AgenciesPage() {
  return <RequirePermission permission="casework.read" what="the agencies directory"><Agencies /></RequirePermission>;
}

function Agencies() {
  const list = useAgencies();
  const canManage = useCan('agency.directory.manage');
  return (
    <Page title="Agencies" description="The agencies your schools work with, and the people there.">
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {canManage ? <AgencyForm /> : null}
      {list.data?.map((a) => <AgencyCard key={a.id} a={a} />)}
    </Page>
  );
}

function AgencyForm() {
  const create = useAgencyMutations().create;
  const [kind, setKind] = useState('camhs');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const err = isApiError(create.error) ? create.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ kind, name, email: email || null, phone: phone || null }, { onSuccess: () => { setName(''); setEmail(''); setPhone(''); } });
  };
  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} noValidate aria-label="Add an agency">
      <Stack gap="xs">
        <Title order={2} size="h4">Add an agency</Title>
        {create.error && !err?.fields.length ? <ErrorAlert error={create.error} title="Not added" /> : null}
        <NativeSelect label="Kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)} data={Object.entries(AGENCY_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err?.fieldMessage('name')} />
        <Group grow wrap="wrap">
          <TextInput label="Email" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={err?.fieldMessage('email')} />
          <TextInput label="Phone" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={err?.fieldMessage('phone')} />
        </Group>
        <Group><Button type="submit" size="xs" loading={create.isPending}>Add the agency</Button></Group>
      </Stack>
    </Card>
  );
}

function AgencyCard({ a }: { a: TAgency }) {
  const m = useAgencyMutations();
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [email, setEmail] = useState('');
  const err = isApiError(m.addContact.error) ? m.addContact.error : undefined;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`agency-${a.id}`}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id={`agency-${a.id}`} className="break-anywhere">{a.name}</Title>
        <Group gap={4}><Badge variant="light" c="dark.7">{AGENCY_KIND_LABELS[a.kind]}</Badge>{a.active ? null : <Badge color="gray">Inactive</Badge>}</Group>
      </Group>
      <Text size="sm" className="break-anywhere">{[a.email, a.phone].filter(Boolean).join(' · ') || 'No email or phone recorded.'}</Text>
      <Stack component="ul" gap={2} p={0} m={0} mt="xs" style={{ listStyle: 'none' }}>
        {a.contacts.map((c) => <Text component="li" size="sm" key={c.id} className="break-anywhere">{c.name}{c.role ? `, ${c.role}` : ''}{c.email ? ` · ${c.email}` : ''}{c.phone ? ` · ${c.phone}` : ''}</Text>)}
      </Stack>
      {a.allowed.includes('addContact') ? (
        <form aria-label={`Add a contact at ${a.name}`} noValidate onSubmit={(e) => { e.preventDefault(); m.addContact.mutate({ id: a.id, body: { name, role: role || null, email: email || null } }, { onSuccess: () => { setName(''); setRole(''); setEmail(''); } }); }}>
          <Group gap="xs" mt="sm" align="flex-end" wrap="wrap">
            <TextInput size="xs" label="Contact name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={err?.fieldMessage('name')} />
            <TextInput size="xs" label="Role" value={role} onChange={(e) => setRole(e.currentTarget.value)} />
            <TextInput size="xs" label="Email" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={err?.fieldMessage('email')} />
            <Button type="submit" size="xs" variant="default" loading={m.addContact.isPending}>Add contact</Button>
            {a.active ? <Button size="xs" variant="subtle" color="red" onClick={() => m.update.mutate({ id: a.id, body: { version: a.version, active: false } })}>Mark inactive</Button> : null}
          </Group>
        </form>
      ) : null}
    </Card>
  );
}
