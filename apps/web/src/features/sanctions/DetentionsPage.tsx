/** Detentions (SAN-1): the coming sessions of a site with their places, the types, and rules that assign one. */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { ROLE_LABELS, type TDetentionType } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { PageTabs } from '../../components/PageTabs';
import { AnchorLink } from '../../components/links';
import { formatDate, plural } from '../../lib/format';
import { allows, useMe } from '../../lib/usePolicy';
import { ResponsiveTable } from '../policy/PolicyParts';
import { useDetentionRules, useDetentionSessions, useDetentionTypes, useLinkRule } from './sanctions.api';
import { DetentionTypeForm } from './DetentionTypeForm';
import { ScheduleDetentionForm } from './ScheduleDetentionForm';
import {useSiteChoice } from './SanctionParts';
import { londonTodayIso } from '../../lib/format';

type Tab = 'sessions' | 'past' | 'types' | 'rules';

export function DetentionsPage() {
  const { siteId, picker } = useSiteChoice();
  const [tab, setTab] = useState<Tab>('sessions');
  const [notice, setNotice] = useState<string | null>(null);
  const policy = useMe().permissions.includes('policy.manage');
  return (
    <Page title="Detentions" description="Sessions, registers and what happens when a detention is missed.">
      {picker}
      {notice ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>{notice}</Alert> : null}
      <PageTabs value={tab} onChange={setTab} label="Detentions"
        tabs={[{ value: 'sessions', label: 'Coming up' }, { value: 'past', label: 'Past' }, { value: 'types', label: 'Types' }, ...(policy ? [{ value: 'rules' as const, label: 'Rules' }] : [])]}>
        {siteId && (tab === 'sessions' || tab === 'past') ? <Sessions siteId={siteId} past={tab === 'past'} onNotice={setNotice} /> : null}
        {siteId && tab === 'types' ? <Types siteId={siteId} onNotice={setNotice} /> : null}
        {siteId && tab === 'rules' ? <Rules siteId={siteId} /> : null}
      </PageTabs>
    </Page>
  );
}

function Sessions({ siteId, past, onNotice }: { siteId: string; past: boolean; onNotice: (m: string) => void }) {
  const today = londonTodayIso();
  const list = useDetentionSessions(past ? { siteId, to: today } : { siteId, from: today });
  const types = useDetentionTypes(siteId);
  const [open, setOpen] = useState(false);
  const items = past ? [...(list.data?.items ?? [])].reverse().slice(0, 40) : list.data?.items ?? [];
  return (
    <Stack gap="md">
      {allows(list.data, 'create') && !past ? <Group><Button onClick={() => setOpen(true)}>Schedule a detention</Button></Group> : null}
      {list.isPending ? <Loading label="Loading detentions…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <Text>{past ? 'No past detentions this year.' : 'No detentions scheduled from today.'}</Text> : null}
      <Stack component="ul" gap="sm" p={0} m={0} aria-label={past ? 'Past detentions' : 'Coming detentions'}>
        {items.map((s) => {
          const unmarked = s.pupils?.filter((p) => p.status === 'assigned').length ?? 0;
          return (
            <Card key={s.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text fw={600}><AnchorLink to="/detentions/$sessionId" params={{ sessionId: s.id }}>{s.type.name}, {formatDate(s.date)} at {s.startTime}</AnchorLink></Text>
                  <Text size="sm" c="dimmed" className="break-anywhere">{s.room} · supervised by {s.supervisor.displayName} · until {s.endTime}</Text>
                </Stack>
                <Group gap={6}>
                  {s.cancelled ? <Badge color="gray" variant="light">Cancelled</Badge> : null}
                  <Badge variant="light" color={s.assigned >= s.capacity ? 'orange' : 'blue'} c={s.assigned >= s.capacity ? '#a13b0c' : undefined}>{s.assigned} of {s.capacity} places</Badge>
                  {past && unmarked > 0 ? <Badge variant="light" color="red" c="#a11">Register not taken ({unmarked})</Badge> : null}
                </Group>
              </Group>
            </Card>
          );
        })}
      </Stack>
      <AppModal opened={open} onClose={() => setOpen(false)} title="Schedule a detention">
        {open && types.data ? <ScheduleDetentionForm siteId={siteId} types={types.data.items} onDone={(s) => { setOpen(false); onNotice(`${s.type.name} on ${formatDate(s.date)} at ${s.startTime} scheduled.`); }} /> : null}
      </AppModal>
    </Stack>
  );
}

function Types({ siteId, onNotice }: { siteId: string; onNotice: (m: string) => void }) {
  const types = useDetentionTypes(siteId);
  const [dialog, setDialog] = useState<TDetentionType | 'new' | null>(null);
  const items = types.data?.items ?? [];
  const nameOf = (id: string | null) => items.find((t) => t.id === id)?.name;
  return (
    <Stack gap="md">
      {allows(types.data, 'create') ? <Group><Button onClick={() => setDialog('new')}>Add a type</Button></Group> : null}
      {types.isPending ? <Loading label="Loading types…" /> : null}
      {types.isError ? <ErrorAlert error={types.error} /> : null}
      {items.length ? (
        <ResponsiveTable caption={`${items.length} detention ${items.length === 1 ? 'type' : 'types'}`} rows={items} rowKey={(t) => t.id}
          columns={[
            { header: 'Type', primary: true, cell: (t) => <span className="break-anywhere">{t.name}{t.active ? '' : ' (not in use)'}</span> },
            { header: 'Length', cell: (t) => plural(t.durationMinutes, 'minute') },
            { header: 'Usual room', cell: (t) => t.defaultLocation ?? '—' },
            { header: 'If missed', cell: (t) => [t.missedTaskRole ? `task for ${ROLE_LABELS[t.missedTaskRole as 'head'] ?? t.missedTaskRole}` : null, t.missedReassignTypeId ? `then ${nameOf(t.missedReassignTypeId) ?? 'another type'}` : null].filter(Boolean).join(', ') || 'Nothing' },
            { header: 'Scope', cell: (t) => (t.siteId ? 'This site' : 'Trust-wide') },
          ]}
          actions={(t) => (allows(t, 'edit') ? <Button size="xs" variant="default" onClick={() => setDialog(t)}>Edit<span className="visually-hidden-inline"> {t.name}</span></Button> : null)} />
      ) : null}
      <AppModal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog === 'new' ? 'Add a detention type' : dialog ? `Edit ${dialog.name}` : ''}>
        {dialog ? <DetentionTypeForm siteId={siteId} type={dialog === 'new' ? undefined : dialog} types={items} onDone={(t) => { setDialog(null); onNotice(`${t.name} saved.`); }} /> : null}
      </AppModal>
    </Stack>
  );
}

function Rules({ siteId }: { siteId: string }) {
  const rules = useDetentionRules(siteId, true);
  const types = useDetentionTypes(siteId);
  const link = useLinkRule();
  const options = (types.data?.items ?? []).filter((t) => t.active).map((t) => ({ value: t.id, label: t.name }));
  return (
    <Stack gap="md">
      <Title order={2} size="h4">Escalation rules that assign a detention</Title>
      <Text size="sm" maw="42rem">When a rule fires for a pupil, they are also put in the next session of the chosen type that has a place. Rules themselves are set in the behaviour policy.</Text>
      {rules.isPending ? <Loading label="Loading rules…" /> : null}
      {link.error ? <ErrorAlert error={link.error} title="Not saved" /> : null}
      {rules.data?.length === 0 ? <Text>No escalation rules yet.</Text> : null}
      {(rules.data ?? []).map((r) => (
        <Select key={r.ruleId} label={`${r.ruleName}${r.active ? '' : ' (inactive)'}`} data={options} value={r.detentionTypeId} clearable placeholder="No detention"
          disabled={!allows(r, 'edit') || link.isPending} maw={480} onChange={(v) => link.mutate({ ruleId: r.ruleId, detentionTypeId: v })} />
      ))}
    </Stack>
  );
}
