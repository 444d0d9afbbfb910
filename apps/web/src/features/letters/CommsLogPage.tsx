/**
 * The communications log of a school (communication.read): every letter and email sent or to send, filtered by
 * kind, channel, status and dates; and the "to send by hand" queue, where the office prints each letter and marks it
 * sent with the day it was posted or handed over.
 */
import '@mantine/core/styles/Tabs.css';
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { COMMUNICATION_STATUS_LABELS, type TCommsLogEntry } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { apiUrl } from '../../lib/api';
import { formatDateTime, londonTodayIso } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { useSiteChoice } from '../sanctions/SanctionParts';
import { useCommsLog, useMarkSent } from './letters.api';

const KINDS = [{ value: 'exclusion', label: 'Suspensions and exclusions' }, { value: 'incident', label: 'Physical intervention records' }, { value: 'detention_assignment', label: 'Detentions' }, { value: 'reward_milestone_award', label: 'Reward milestones' }];
const KIND_LABEL = Object.fromEntries(KINDS.map((k) => [k.value, k.label]));
const CHANNEL_LABELS: Record<string, string> = { email: 'Email', by_hand: 'By hand or post' };

export function CommsLogPage() {
  return (
    <RequirePermission permission="communication.read" what="reading the communications log">
      <Log />
    </RequirePermission>
  );
}

function Log() {
  const { siteId, picker } = useSiteChoice();
  const [tab, setTab] = useState<string>('hand');
  const [kind, setKind] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters = siteId ? {
    siteId, ...(tab === 'hand' ? { status: 'to_send_by_hand' } : {}), ...(kind ? { kind } : {}), ...(channel && tab !== 'hand' ? { channel } : {}),
    ...(from ? { from } : {}), ...(to ? { to } : {}),
  } : null;
  const log = useCommsLog(filters);
  return (
    <Page title="Letters and messages" description="Every letter and email sent to parents and others, and the letters waiting to be posted or handed over.">
      {picker}
      <Tabs value={tab} onChange={(v) => setTab(v ?? 'hand')}>
        <Tabs.List aria-label="Which letters and messages" className="page-tabs">
          <Tabs.Tab value="hand">To send by hand</Tabs.Tab>
          <Tabs.Tab value="all">Everything sent</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <Select label="About" placeholder="Anything" data={KINDS} value={kind} onChange={setKind} clearable maw={260} />
        {tab === 'all' ? <Select label="How" placeholder="Any way" data={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))} value={channel} onChange={setChannel} clearable maw={200} /> : null}
        <UkDateInput label="From" value={from} onChange={(iso) => setFrom(iso ?? '')} w={150} />
        <UkDateInput label="To" value={to} onChange={(iso) => setTo(iso ?? '')} w={150} />
      </Group>
      {log.isPending ? <Loading label="Loading…" /> : null}
      {log.isError ? <ErrorAlert error={log.error} onRetry={() => void log.refetch()} /> : null}
      {log.data && !log.data.items.length ? <Text c="dimmed">{tab === 'hand' ? 'Nothing is waiting to be sent by hand.' : 'Nothing matches.'}</Text> : null}
      <Stack component="ul" gap="xs" p={0} m={0} aria-label={tab === 'hand' ? 'Letters to send by hand' : 'Letters and messages'}>
        {(log.data?.items ?? []).map((c) => <Entry key={c.id} c={c} />)}
      </Stack>
      {log.data?.truncated ? <Text size="sm" c="dimmed">Showing the newest 100: narrow the dates to see older ones.</Text> : null}
    </Page>
  );
}

function Entry({ c }: { c: TCommsLogEntry }) {
  const mark = useMarkSent();
  const [marking, setMarking] = useState(false);
  const [sentOn, setSentOn] = useState(londonTodayIso());
  const [note, setNote] = useState('');
  return (
    <Card component="li" withBorder padding="sm" style={{ listStyle: 'none' }} data-testid="comms-entry">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={700} className="break-anywhere">{c.subject}</Text>
          <Badge variant="light" color={c.status === 'sent' ? 'green' : c.status === 'failed' ? 'red' : 'orange'} c={c.status === 'sent' ? '#1b5e20' : c.status === 'failed' ? '#a11' : '#8a4b00'}>
            {COMMUNICATION_STATUS_LABELS[c.status]}
          </Badge>
        </Group>
        <Text size="sm" className="break-anywhere">To {c.recipientName}{c.pupilName ? `, about ${c.pupilName}` : ''} · {CHANNEL_LABELS[c.channel]} · {KIND_LABEL[c.recordType] ?? c.recordType}</Text>
        <Text size="xs" c="dimmed">Made {formatDateTime(c.createdAt)} by {c.createdBy.displayName}{c.sentAt ? ` · sent ${formatDateTime(c.sentAt)}${c.sentBy ? ` by ${c.sentBy.displayName}` : ''}` : ''}</Text>
        <Group gap="xs" wrap="wrap">
          {c.printable ? <Anchor href={apiUrl(`/communications/${c.id}/letter`)} target="_blank" size="sm">Print the letter<span className="visually-hidden-inline"> to {c.recipientName}</span></Anchor> : null}
          {allows(c, 'markSent') && !marking ? <Button size="xs" variant="default" onClick={() => setMarking(true)}>Mark as sent<span className="visually-hidden-inline"> to {c.recipientName}</span></Button> : null}
        </Group>
        {marking ? (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <UkDateInput label="Sent on" value={sentOn} onChange={(iso) => setSentOn(iso ?? '')} w={150} required />
            <TextInput label="How (optional)" placeholder="Posted first class" value={note} onChange={(e) => setNote(e.currentTarget.value)} maw={260} />
            <Button size="sm" loading={mark.isPending} disabled={!sentOn} onClick={() => mark.mutate({ id: c.id, sentOn, note: note.trim() || undefined })}>Save</Button>
            <Button size="sm" variant="subtle" onClick={() => setMarking(false)}>Cancel</Button>
          </Group>
        ) : null}
        {mark.isError ? <ErrorAlert error={mark.error} /> : null}
      </Stack>
    </Card>
  );
}
