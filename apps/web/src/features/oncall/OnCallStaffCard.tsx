/**
 * Who is on call at a school besides its behaviour leads, senior leaders and head (policy.manage at the site).
 * Taking someone off keeps the entry, inactive: nothing is deleted.
 */
import { useState } from 'react';
import { Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useMe } from '../../lib/usePolicy';
import { useOnCallCandidates, useOnCallSettings, useOnCallStaff, useOnCallStaffChange, useSaveOnCallSettings } from './oncall.api';
import { MANAGER_ROLES, sitesWithRole } from './oncall-format';

export function OnCallStaffCard() {
  const me = useMe();
  const sites = sitesWithRole(me, MANAGER_ROLES);
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const [userId, setUserId] = useState('');
  const staff = useOnCallStaff(siteId || undefined);
  const candidates = useOnCallCandidates(siteId || undefined);
  const change = useOnCallStaffChange();
  const listed = new Set((staff.data ?? []).map((s) => s.userId));
  const options = (candidates.data ?? []).filter((c) => !listed.has(c.id));

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="on-call-list">
      <Title order={2} size="h3" id="on-call-list" mb="xs">On-call list</Title>
      <Text size="sm" c="dimmed" mb="sm">
        People on the list are called first. If nobody says they are coming in time, behaviour leads, senior leaders and
        the head are called too. An emergency calls everyone at once. With nobody on the list, the leads are called first.
      </Text>
      <Stack gap="sm">
        {sites.length > 1 ? (
          <NativeSelect label="School" value={siteId} onChange={(e) => { setSiteId(e.currentTarget.value); setUserId(''); }}
            data={sites.map((s) => ({ value: s.id, label: s.name }))} />
        ) : null}
        {staff.isPending ? <Loading label="Loading the on-call list…" /> : staff.isError ? <ErrorAlert error={staff.error} /> : staff.data.length ? (
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label="People on call">
            {staff.data.map((s) => (
              <Group component="li" key={s.id} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" className="break-anywhere">{s.displayName}</Text>
                <Button size="xs" variant="subtle" color="red" loading={change.isPending} onClick={() => change.mutate({ remove: s.id })}>
                  Take off<span className="visually-hidden-inline"> {s.displayName}</span>
                </Button>
              </Group>
            ))}
          </Stack>
        ) : <Text size="sm">No one else is on the list.</Text>}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect label="Add someone" value={userId} onChange={(e) => setUserId(e.currentTarget.value)} style={{ flex: '1 1 14rem' }}
            data={[{ value: '', label: candidates.isPending ? 'Loading…' : 'Choose a person' }, ...options.map((c) => ({ value: c.id, label: c.displayName }))]} />
          <Button disabled={!userId} loading={change.isPending}
            onClick={() => change.mutate({ add: { siteId, userId } }, { onSuccess: () => setUserId('') })}>Add</Button>
        </Group>
        {change.isError ? <ErrorAlert error={change.error} /> : null}
        {siteId ? <EscalationWait siteId={siteId} /> : null}
      </Stack>
    </Card>
  );
}

const WAITS = [15, 30, 45, 60, 90, 120, 180, 300, 600];
const waitLabel = (s: number) => (s < 60 ? `${s} seconds` : s === 60 ? '1 minute' : s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} minutes`);

/** How long a call waits for someone to say they are coming before the next responders are called. */
function EscalationWait({ siteId }: { siteId: string }) {
  const settings = useOnCallSettings(siteId);
  const save = useSaveOnCallSettings();
  const current = settings.data?.escalateAfterSeconds;
  const options = [...new Set([...WAITS, ...(current ? [current] : [])])].sort((a, b) => a - b);
  return (
    <Stack gap={4}>
      <NativeSelect label="Call the next responders when nobody has answered after" value={current ? String(current) : ''} disabled={!current || save.isPending}
        onChange={(e) => save.mutate({ siteId, escalateAfterSeconds: Number(e.currentTarget.value) })}
        data={current ? options.map((s) => ({ value: String(s), label: waitLabel(s) })) : [{ value: '', label: 'Loading…' }]}
        description={settings.data?.source === 'site' ? 'Set for this school.' : settings.data?.source === 'trust' ? 'The trust’s setting.' : 'The standard wait.'} />
      {save.isSuccess ? <Text size="sm" role="status">Saved.</Text> : null}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </Stack>
  );
}
