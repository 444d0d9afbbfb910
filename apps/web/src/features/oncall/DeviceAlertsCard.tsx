/** Alerts on this device: the alarm sound (on or muted) and system notifications when Haven is in the background. */
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { beep, useMuted } from './alarm';
import { useNotificationState } from './device-alerts';

const NOTIFICATION_TEXT = {
  granted: 'Notifications are on: a call for help shows on this device even when Haven is in the background.',
  denied: 'Notifications are blocked for Haven in this browser. Allow them in the browser’s site settings to be told in the background.',
  default: 'Turn notifications on to be told about a call for help when Haven is in the background.',
  unsupported: 'This browser cannot show notifications from Haven; keep Haven open to hear the alarm.',
} as const;

export function DeviceAlertsCard() {
  const [muted, setMuted] = useMuted();
  const [state, ask] = useNotificationState();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="device-alerts">
      <Title order={2} size="h3" id="device-alerts" mb="xs">Alerts on this device</Title>
      <Stack gap="sm">
        <Text size="sm">{muted ? 'The alarm sound is muted on this device. Calls still show as a banner on every page.' : 'When you are called, a banner shows on every page and an alarm sounds until you answer or hide it.'}</Text>
        <Group gap="xs">
          <Button size="sm" variant="default" aria-pressed={muted} onClick={() => setMuted(!muted)}>{muted ? 'Turn the alarm sound on' : 'Mute the alarm sound'}</Button>
          {!muted ? <Button size="sm" variant="subtle" onClick={() => beep()}>Play the alarm once</Button> : null}
        </Group>
        <Text size="sm" role="status">{NOTIFICATION_TEXT[state]}</Text>
        {state === 'default' ? <Group><Button size="sm" onClick={() => void ask()}>Turn on notifications</Button></Group> : null}
      </Stack>
    </Card>
  );
}
