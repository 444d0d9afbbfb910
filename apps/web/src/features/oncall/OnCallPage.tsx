/**
 * The on-call panel (INC-5): live calls for help at the sites where you respond (and your own calls), kept current
 * by the event stream; acknowledge ("on my way") and resolve with an outcome; response and resolution times; and,
 * for whoever manages the site's policy, the on-call list.
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import type { TOnCallRequest } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { LIVE_EVENT, type LiveEventDetail } from '../notifications/useLiveEvents';
import { useOnCallRequests, useOnCallStep } from './oncall.api';
import { comingText, formatDuration, secondsSince } from './oncall-format';
import { OnCallStaffCard } from './OnCallStaffCard';
import { DeviceAlertsCard } from './DeviceAlertsCard';

const where = (r: TOnCallRequest) => [r.locationLabel, r.locationDetail].filter(Boolean).join(' – ') || 'Location not given';

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

function CallCard({ r, now }: { r: TOnCallRequest; now: number }) {
  const step = useOnCallStep();
  const [resolving, setResolving] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const emergency = r.urgency === 'emergency';
  const headingId = `call-${r.id}`;
  return (
    <Card component="li" withBorder padding="sm" style={{ listStyle: 'none', borderLeftWidth: 6, borderLeftColor: emergency ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-orange-6)' }}
      aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group gap={6} wrap="wrap">
          <Badge color={emergency ? 'red.9' : 'yellow.4'} variant="filled" autoContrast>{emergency ? 'Emergency' : 'Urgent'}</Badge>
          <Badge color={r.status === 'open' ? 'red.9' : r.status === 'acknowledged' ? 'blue.9' : 'gray.7'} variant="outline">
            {r.status === 'open' ? 'Waiting' : r.status === 'acknowledged' ? 'On the way' : r.status === 'resolved' ? 'Resolved' : 'Cancelled'}
          </Badge>
          <Text size="sm" c="dimmed">{r.siteName}</Text>
        </Group>
        <Title order={3} size="h5" id={headingId} className="break-anywhere">{where(r)}</Title>
        <Text size="sm">
          Called by {r.requestedBy.displayName} at {formatDateTime(r.requestedAt)}
          {r.pupil ? <> · pupil: {r.pupil.displayName}</> : null}
        </Text>
        {r.note ? <Text size="sm" className="break-anywhere" style={{ whiteSpace: 'pre-wrap' }}>{r.note}</Text> : null}
        <Text size="sm">
          {r.status === 'open' ? <>Waiting for <strong>{formatDuration(secondsSince(r.requestedAt, now))}</strong></> : null}
          {r.acknowledgedAt ? <>{r.acknowledgedBy?.displayName ?? 'Someone'} answered in <strong>{formatDuration(r.responseSeconds)}</strong>. </> : null}
          {r.coming.length && r.status === 'acknowledged' ? <>{comingText(r.coming)}. </> : null}
          {r.escalationLevel > 0 && r.status === 'open' ? <>Nobody answered in time: more people have been called. </> : null}
          {r.resolvedAt ? <>Resolved by {r.resolvedBy?.displayName ?? 'someone'} after <strong>{formatDuration(r.resolutionSeconds)}</strong>.</> : null}
        </Text>
        {r.outcome ? <Text size="sm" className="break-anywhere">Outcome: {r.outcome}</Text> : null}
        {step.isError ? <ErrorAlert error={step.error} /> : null}
        {resolving ? (
          <Stack gap="xs">
            <Textarea label="How was it resolved?" autosize minRows={2} maxLength={2000} value={outcome} error={missing}
              onChange={(e) => setOutcome(e.currentTarget.value)} />
            <Group gap="xs">
              <Button size="sm" loading={step.isPending} onClick={() => {
                if (!outcome.trim()) { setMissing('Say how it was resolved'); return; }
                step.mutate({ id: r.id, step: 'resolve', outcome: outcome.trim() }, { onSuccess: () => setResolving(false) });
              }}>Save as resolved</Button>
              <Button size="sm" variant="default" onClick={() => setResolving(false)}>Back</Button>
            </Group>
          </Stack>
        ) : (
          <Group gap="xs">
            {r.allowed.includes('acknowledge') ? (
              <Button size="sm" color="blue" loading={step.isPending} onClick={() => step.mutate({ id: r.id, step: 'acknowledge' })}>
                {r.coming.length ? "I'm on my way too" : "I'm on my way"}<span className="visually-hidden-inline"> to {where(r)}</span>
              </Button>
            ) : null}
            {r.allowed.includes('resolve') ? <Button size="sm" variant="default" onClick={() => setResolving(true)}>Resolve</Button> : null}
            {r.allowed.includes('cancel') ? (
              <Button size="sm" variant="subtle" color="red" loading={step.isPending} onClick={() => step.mutate({ id: r.id, step: 'cancel' })}>Cancel my call</Button>
            ) : null}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function CallList({ items, now, empty, label }: { items: TOnCallRequest[]; now: number; empty: string; label: string }) {
  if (!items.length) return <Text>{empty}</Text>;
  return <Stack component="ul" gap="sm" p={0} m={0} aria-label={label}>{items.map((r) => <CallCard key={r.id} r={r} now={now} />)}</Stack>;
}

/** A new call announced the moment it arrives (screen readers too), until dismissed or answered. */
function useNewCallAlert(): [string | null, () => void] {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const on = (e: Event) => {
      const d = (e as CustomEvent<LiveEventDetail>).detail;
      const data = d.data as { location?: string; urgency?: string } | null;
      if (d.type === 'oncall.created' && data) setText(`${data.urgency === 'emergency' ? 'Emergency' : 'Urgent'} call for help: ${data.location ?? ''}`);
    };
    window.addEventListener(LIVE_EVENT, on);
    return () => window.removeEventListener(LIVE_EVENT, on);
  }, []);
  return [text, () => setText(null)];
}

export function OnCallPage() {
  const me = useMe();
  const now = useNow(1000);
  const active = useOnCallRequests('active');
  const resolved = useOnCallRequests('resolved');
  const [alert, dismiss] = useNewCallAlert();
  if (!me.permissions.includes('oncall.request')) return <Page title="On call"><Text>Your role does not include on-call requests.</Text></Page>;

  return (
    <Page title="On call" description="Calls for help at your school. This page updates by itself.">
      {alert ? <Alert color="red" variant="filled" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={dismiss}>{alert}</Alert> : null}
      <section aria-labelledby="live-calls">
        <Title order={2} size="h3" id="live-calls" mb="sm">Live calls</Title>
        {active.isPending ? <Loading label="Loading calls…" /> : active.isError ? <ErrorAlert error={active.error} onRetry={() => void active.refetch()} />
          : <CallList items={active.data} now={now} empty="No one is waiting for help right now." label="Live calls" />}
      </section>
      <section aria-labelledby="resolved-calls">
        <Title order={2} size="h3" id="resolved-calls" mb="sm">Recently resolved</Title>
        {resolved.isPending ? <Loading label="Loading calls…" /> : resolved.isError ? <ErrorAlert error={resolved.error} />
          : <CallList items={resolved.data.slice(0, 10)} now={now} empty="No resolved calls yet." label="Recently resolved calls" />}
      </section>
      <DeviceAlertsCard />
      {me.permissions.includes('policy.manage') ? <OnCallStaffCard /> : null}
    </Page>
  );
}
