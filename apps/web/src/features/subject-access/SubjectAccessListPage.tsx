/** Subject access requests at your schools (DAT-3): each with its deadline, overdue ones marked; log a new one. */
import { Badge, Button, Card, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { SAR_REQUESTER_KIND_LABELS, SAR_STATUS_LABELS, type TSarSummary } from '@haven/contracts';
import { AnchorLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { formatDate, plural } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { PupilPicker } from '../sanctions/PupilPicker';
import { useSubjectAccessList, useSubjectAccessMutations } from './subjectAccess.api';

export function SubjectAccessListPage() {
  return <RequirePermission permission="subject_access.manage" what="subject access requests"><SubjectAccessList /></RequirePermission>;
}

export function Deadline({ r }: { r: TSarSummary }) {
  if (r.status === 'released' || r.status === 'withdrawn') return <Text size="sm">Due {formatDate(r.dueOn)}</Text>;
  return (
    <Group gap="xs">
      <Text size="sm">Due {formatDate(r.dueOn)}{r.overdue ? '' : ` (${plural(r.daysLeft, 'day')} left)`}</Text>
      {r.overdue ? <Badge color="red" variant="light" c="red.9">Overdue by {plural(-r.daysLeft, 'day')}</Badge> : null}
    </Group>
  );
}

function SubjectAccessList() {
  const [status, setStatus] = useState('open');
  const list = useSubjectAccessList(status || undefined);
  return (
    <Page title="Subject access requests" description="A request for everything the school holds about a pupil must be answered within one calendar month of receipt.">
      <NewRequest />
      <NativeSelect label="Show" value={status} onChange={(e) => setStatus(e.currentTarget.value)} maw={280}
        data={[{ value: 'open', label: 'Open requests' }, { value: '', label: 'All requests' }, ...Object.entries(SAR_STATUS_LABELS).map(([value, label]) => ({ value, label }))]} />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <Text>No requests.</Text> : null}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {list.data?.map((r) => (
          <Card component="li" key={r.id} withBorder padding="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <AnchorLink to="/subject-access/$id" params={{ id: r.id }} fw={600} className="break-anywhere">{r.pupil.displayName}</AnchorLink>
              <Badge variant="light" c="dark.7">{SAR_STATUS_LABELS[r.status]}</Badge>
            </Group>
            <Text size="sm">Asked for by {r.requesterName} ({SAR_REQUESTER_KIND_LABELS[r.requesterKind].toLowerCase()}), received {formatDate(r.receivedOn)}</Text>
            <Deadline r={r} />
          </Card>
        ))}
      </Stack>
    </Page>
  );
}

function NewRequest() {
  const me = useMe();
  const navigate = useNavigate();
  const create = useSubjectAccessMutations().create;
  const held = me.assignments.filter((a) => a.role === 'head' || a.role === 'dsl');
  const sites = held.some((a) => a.siteId === null) ? me.sites : me.sites.filter((s) => held.some((a) => a.siteId === s.id));
  const [open, setOpen] = useState(false);
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const [pupilId, setPupilId] = useState<string | null>(null);
  const [kind, setKind] = useState('parent');
  const [name, setName] = useState('');
  const [receivedOn, setReceivedOn] = useState<string | null>(null);
  const [redactStaff, setRedactStaff] = useState(false);
  const err = isApiError(create.error) ? create.error : undefined;
  if (!open) return <Group><Button onClick={() => setOpen(true)}>Log a request</Button></Group>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ pupilId, requesterKind: kind, requesterName: name, receivedOn, redactStaff }, { onSuccess: (r) => void navigate({ to: '/subject-access/$id', params: { id: r.id } }) });
  };
  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} maw={560}>
      <Stack gap="xs">
        <Text fw={600}>Log a subject access request</Text>
        {create.error && !err?.fields.length ? <ErrorAlert error={create.error} title="Not saved" /> : null}
        {sites.length > 1 ? <NativeSelect label="School" value={siteId} onChange={(e) => { setSiteId(e.currentTarget.value); setPupilId(null); }} data={sites.map((s) => ({ value: s.id, label: s.name }))} /> : null}
        <PupilPicker siteId={siteId} value={pupilId} onChange={setPupilId} label="The pupil the request is about" error={err?.fieldMessage('pupilId')} />
        <NativeSelect label="Who is asking" value={kind} onChange={(e) => setKind(e.currentTarget.value)} error={err?.fieldMessage('requesterKind')}
          data={Object.entries(SAR_REQUESTER_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        <TextInput label="Their name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err?.fieldMessage('requesterName')} />
        <UkDateInput label="Received on" value={receivedOn ?? ''} onChange={setReceivedOn} error={err?.fieldMessage('receivedOn')} />
        <Checkbox label="Replace staff names with “[member of staff]”" checked={redactStaff} onChange={(e) => setRedactStaff(e.currentTarget.checked)} />
        <Group><Button type="submit" loading={create.isPending}>Log the request</Button><Button variant="default" onClick={() => setOpen(false)}>Cancel</Button></Group>
      </Stack>
    </Card>
  );
}
