/**
 * The key points of a pupil's behaviour support plan, first on the pupil's page: what staff read before they walk into
 * the room (triggers, early signs, what helps, what to avoid, approved holds), with the whole plan one tap away.
 */
import { Alert, Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TPlanKeyPoints } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePlanKeyPoints } from './plansUse.api';

type Plan = NonNullable<TPlanKeyPoints['plan']>;

function Points({ title, items, empty, color }: { title: string; items: readonly string[]; empty: string; color?: string }) {
  const id = `kp-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id}>
      <Text fw={700} id={id} c={color} mb={4}>{title}</Text>
      {items.length ? (
        <List size="sm" spacing={4} withPadding>{items.map((t, i) => <List.Item key={i}>{t}</List.Item>)}</List>
      ) : <Text size="sm" c="dimmed">{empty}</Text>}
    </section>
  );
}

export function PlanKeyPoints({ plan }: { plan: Plan }) {
  const helps = [...plan.proactiveStrategies, ...plan.deescalationStrategies];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
        <Points title="Triggers" items={plan.triggers} empty="None written down." />
        <Points title="Early warning signs" items={plan.earlyWarningSigns} empty="None written down." />
        <Points title="What helps" items={helps} empty="None written down." color="#1b5e20" />
        <Points title="What to avoid" items={plan.whatToAvoid} empty="None written down." color="red.9" />
      </SimpleGrid>
      <section aria-labelledby="kp-holds">
        <Text fw={700} id="kp-holds" mb={4}>Approved holds</Text>
        {plan.approvedHolds.length ? (
          <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {plan.approvedHolds.map((h) => (
              <li key={h.code}><Badge variant="light" color="blue" size="lg" style={{ textTransform: 'none' }}>{h.label}{h.level ? ` (${h.level})` : ''}</Badge></li>
            ))}
          </Group>
        ) : <Text size="sm">No physical intervention is approved in this plan.</Text>}
      </section>
    </Stack>
  );
}

export function PlanKeyPointsCard({ pupilId }: { pupilId: string }) {
  const q = usePlanKeyPoints(pupilId);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="plan-key-points" style={{ borderColor: 'var(--mantine-color-blue-4)' }}>
      <Group justify="space-between" wrap="wrap" mb="sm" gap="xs">
        <Title order={2} size="h4" id="plan-key-points">Behaviour support plan: key points</Title>
        {q.data?.plan ? <Anchor href={q.data.plan.link} fw={600}>Read the whole plan</Anchor> : null}
      </Group>
      {q.isPending ? <Loading label="Loading the plan…" /> : null}
      {q.isError ? <ErrorAlert error={q.error} title="Could not load the plan" onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !q.data.plan ? <Text size="sm">{q.data.pupil.displayName} has no active behaviour support plan.</Text> : null}
      {q.data?.plan ? (
        <Stack gap="sm">
          {q.data.plan.reviewOverdue ? (
            <Alert color="orange" variant="light" p="xs">The review of this plan was due on {formatDate(q.data.plan.reviewDate)}.</Alert>
          ) : null}
          <PlanKeyPoints plan={q.data.plan} />
          <Text size="xs" c="dimmed">
            Version {q.data.plan.version}{q.data.plan.activatedAt ? `, in force since ${formatDateTime(q.data.plan.activatedAt).slice(0, 10)}` : ''}
            {q.data.plan.ownerName ? `. Owner: ${q.data.plan.ownerName}` : ''}{q.data.plan.reviewDate ? `. Review by ${formatDate(q.data.plan.reviewDate)}` : ''}.
          </Text>
        </Stack>
      ) : null}
    </Card>
  );
}
