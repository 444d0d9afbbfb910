/** LAW-5: who must be told, with status and date; staff record each as sent or done. */
import { Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { NOTIFICATION_RECIPIENT_LABELS, NOTIFICATION_STATUS_LABELS, type TExclusion } from '@haven/contracts';
import { formatDate } from '../../lib/format';
import { useSuspensionAction } from './suspensions.api';

export function NotificationsCard({ r }: { r: TExclusion }) {
  const action = useSuspensionAction(r.id);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="notifications">
      <Title order={2} size="h4" id="notifications" mb="sm">Who has been told</Title>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {r.notifications.map((n) => {
          const label = `${NOTIFICATION_RECIPIENT_LABELS[n.recipient]}${n.occasion === 'cancellation' ? ' (of the cancellation)' : ''}`;
          return (
            <Group component="li" key={n.id} justify="space-between" wrap="wrap" gap="xs">
              <div>
                <Text size="sm" fw={600}>{label}</Text>
                <Text size="xs" c="dimmed">{NOTIFICATION_STATUS_LABELS[n.status]}{n.statusOn ? ` on ${formatDate(n.statusOn)}` : ''}{n.note ? ` · ${n.note}` : ''}</Text>
              </div>
              {n.allowed.includes('update') ? (
                <NativeSelect size="xs" aria-label={`Status: ${label}`} value={n.status} disabled={action.isPending}
                  data={Object.entries(NOTIFICATION_STATUS_LABELS).map(([value, l]) => ({ value, label: l }))}
                  onChange={(e) => action.mutate({ path: `notifications/${n.id}`, body: { status: e.currentTarget.value } })} />
              ) : null}
            </Group>
          );
        })}
      </Stack>
      <Text size="xs" c="dimmed" mt="sm">The parents are told by the letter (see communications below). The designated safeguarding lead is told of every exclusion, to inform any social worker.</Text>
    </Card>
  );
}
