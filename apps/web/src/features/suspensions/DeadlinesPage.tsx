/** Every statutory deadline across the caller's sites, soonest first, overdue marked, with school days remaining. */
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { Anchor } from '@mantine/core';
import { formatDate, plural } from '../../lib/format';
import { useDeadlines } from './suspensions.api';

export function DeadlinesPage() {
  return (
    <RequirePermission permission="deadlines.read" what="statutory deadlines">
      <Deadlines />
    </RequirePermission>
  );
}

function remaining(n: number | null, overdue: boolean): string {
  if (n === null) return 'Needs next year\'s calendar: the date is worked out as soon as the trust enters next year\'s terms';
  if (overdue) return n < 0 ? `Overdue by ${plural(-n, 'school day')}` : 'Overdue (it fell on the last school day)';
  if (n === 0) return 'Due today';
  return `${plural(n, 'school day')} left`;
}

function Deadlines() {
  const q = useDeadlines();
  return (
    <Page title="Statutory deadlines" description="Suspensions and exclusions across your sites, soonest first. School days are counted on each site's calendar.">
      {q.isPending ? <Loading /> : q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : q.data.items.length ? (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {q.data.items.map((d, i) => (
            <Card key={`${d.link}-${d.kind}-${i}`} withBorder padding="sm" component="li" style={d.overdue ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Anchor href={d.link} fw={600}>{d.label}</Anchor>
                <Group gap={6}>
                  {d.overdue ? <Badge color="red">Overdue</Badge> : null}
                  {d.conditional ? <Badge color="gray" variant="light" c="dark.7">If it applies</Badge> : null}
                  {d.pending ? <Badge color="yellow" variant="light" c="dark.7">Needs next year&apos;s calendar</Badge> : null}
                </Group>
              </Group>
              <Text size="sm">{d.pupil.displayName} · {d.siteName}</Text>
              <Text size="xs" c="dimmed">Rule: {d.ruleName}</Text>
              <Text size="sm" c={d.overdue ? 'red.9' : 'dimmed'}>{d.due ? `Due ${formatDate(d.due)} · ` : ''}{remaining(d.schoolDaysRemaining, d.overdue)}</Text>
            </Card>
          ))}
        </Stack>
      ) : <Text>No statutory deadlines are due.</Text>}
    </Page>
  );
}
