/**
 * Calls for help on every page (issue 13), in the app frame: a banner and an alarm for each call you were called to
 * (the first responders at once, the next ones when a call escalates), with "I'm coming" and a mute; a system
 * notification when Haven is in the background (device-alerts.ts); and, for the caller, who is coming, live. Kept
 * current by the live event stream (useLiveEvents refreshes every on-call query), with a poll as the fallback.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { TOnCallRequest } from '@haven/contracts';
import { useMe } from '../../lib/usePolicy';
import { errorMessage } from '../../components/ErrorAlert';
import { useOnCallRequests, useOnCallStep } from './oncall.api';
import { useAlarm, useMuted } from './alarm';
import { callPlace, callTitle, registerServiceWorker, useBackgroundNotifications } from './device-alerts';
import { comingText } from './oncall-format';

const DISMISSED_KEY = 'haven.oncall.dismissed';

/** Calls you chose to hide on this tab, by call and escalation level (a further escalation shows it again). */
function useDismissed(): [Set<string>, (key: string) => void] {
  const [keys, setKeys] = useState<Set<string>>(() => {
    try { return new Set(JSON.parse(window.sessionStorage.getItem(DISMISSED_KEY) ?? '[]') as string[]); } catch { return new Set(); }
  });
  return [keys, (key) => setKeys((prev) => {
    const next = new Set(prev).add(key);
    try { window.sessionStorage.setItem(DISMISSED_KEY, JSON.stringify([...next].slice(-50))); } catch { /* this render only */ }
    return next;
  })];
}

const keyOf = (r: TOnCallRequest) => `${r.id}:${r.escalationLevel}`;

export function OnCallAlerts() {
  const me = useMe();
  useEffect(() => registerServiceWorker(), []);
  if (!me.permissions.includes('oncall.request')) return null;
  return <Alerts userId={me.user.id} />;
}

function Alerts({ userId }: { userId: string }) {
  const active = useOnCallRequests('active', 20_000);
  const [dismissed, dismiss] = useDismissed();
  const [muted, setMuted] = useMuted();
  const items = active.data ?? [];
  const forYou = items.filter((r) => r.alertsYou && !dismissed.has(keyOf(r)));
  const yours = items.filter((r) => r.requestedBy.id === userId);
  const ringing = forYou.some((r) => r.status === 'open');
  useAlarm(ringing && !muted);
  useBackgroundNotifications(forYou.filter((r) => r.status === 'open'));
  if (!forYou.length && !yours.length) return null;

  return (
    <Stack gap={6} mb="sm" className="oncall-alerts" data-alarm={ringing ? (muted ? 'muted' : 'ringing') : 'quiet'}>
      {forYou.map((r) => <CallBanner key={r.id} r={r} onDismiss={() => dismiss(keyOf(r))} />)}
      {ringing ? (
        <Group justify="flex-end">
          <Button size="xs" variant="default" aria-pressed={muted} onClick={() => setMuted(!muted)}>
            {muted ? 'Sound is off: turn the alarm sound on' : 'Mute the alarm sound'}
          </Button>
        </Group>
      ) : null}
      {yours.map((r) => <YourCall key={r.id} r={r} />)}
    </Stack>
  );
}

function CallBanner({ r, onDismiss }: { r: TOnCallRequest; onDismiss: () => void }) {
  const step = useOnCallStep();
  const open = r.status === 'open';
  const headingId = `oncall-banner-${r.id}`;
  return (
    <Alert color={open ? 'red.9' : 'blue.9'} variant="filled" role={open ? 'alert' : 'status'} aria-labelledby={headingId} p="sm">
      <Stack gap={6}>
        <Text fw={700} id={headingId}>{callTitle(r)}</Text>
        <Text size="sm" className="break-anywhere">
          {callPlace(r)} · {r.siteName} · called by {r.requestedBy.displayName}
          {r.escalationLevel > 0 && open ? '. Nobody has answered yet, so you are being called too.' : ''}
        </Text>
        {r.coming.length ? <Text size="sm" className="break-anywhere">{comingText(r.coming)}</Text> : null}
        {step.isError ? <Text size="sm" fw={700}>{errorMessage(step.error)}</Text> : null}
        <Group gap="xs">
          {r.allowed.includes('acknowledge') ? (
            <Button size="sm" color="white" c="red.9" loading={step.isPending} onClick={() => step.mutate({ id: r.id, step: 'acknowledge' })}>
              {r.coming.length ? "I'm coming too" : "I'm coming"}<span className="visually-hidden-inline"> to {callPlace(r)}</span>
            </Button>
          ) : null}
          <Button size="sm" variant="outline" color="white" component={Link} to="/on-call">Open on call</Button>
          <Button size="sm" variant="subtle" color="white" onClick={onDismiss}>
            Hide<span className="visually-hidden-inline"> the call to {callPlace(r)}</span>
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function YourCall({ r }: { r: TOnCallRequest }) {
  const status = r.coming.length ? comingText(r.coming)
    : r.escalationLevel > 0 ? 'Nobody has answered yet: more people have been called.' : 'Waiting for a responder…';
  return (
    <Alert color={r.coming.length ? 'green.9' : 'yellow.4'} variant="filled" autoContrast p="sm" role="status" aria-live="polite" aria-label="Your call for help">
      <Text size="sm" className="break-anywhere">
        <strong>Your call for help</strong> ({callPlace(r)}): {status}
      </Text>
    </Alert>
  );
}
