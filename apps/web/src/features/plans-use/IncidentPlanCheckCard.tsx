/**
 * On the incident page: for each pupil, the behaviour support plan version in force when it happened (what "was the
 * plan followed?" is judged against), and any hold used that it did not approve, flagged.
 */
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import type { TIncident } from '../incidents/types';
import { ReadSection } from '../incidents/IncidentDetails';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useIncidentPlanCheck } from './plansUse.api';

export function IncidentPlanCheckCard({ inc }: { inc: TIncident }) {
  const q = useIncidentPlanCheck(inc.id, inc.version, inc.pupils.length > 0);
  if (!inc.pupils.length) return null;
  if (q.isError) return <ErrorAlert error={q.error} title="Could not load the behaviour support plans" onRetry={() => void q.refetch()} />;
  if (!q.data?.items.length) return null;
  return (
    <ReadSection title="Behaviour support plans at the time" id="view-plan-check">
      <Stack gap="sm">
        {q.data.items.map((c) => (
          <Stack key={c.pupilId} gap={4}>
            <Text size="sm" fw={600}>{c.pupilName}</Text>
            {c.plan ? (
              <Text size="sm">
                Was the plan followed? Compare with <Anchor href={c.plan.link}>version {c.plan.version} of {c.pupilName}'s plan</Anchor>, in force when this happened.
                {c.approvedHolds.length ? ` Approved holds: ${c.approvedHolds.map((h) => h.label).join(', ')}.` : ' It approves no holds.'}
              </Text>
            ) : <Text size="sm" c="dimmed">No behaviour support plan was in force when this happened.</Text>}
            {c.unapprovedHolds.length ? (
              <Alert color="orange" variant="light" p="xs" title="Hold not in the plan">
                {c.unapprovedHolds.map((h) => h.label).join(', ')} {c.unapprovedHolds.length === 1 ? 'was' : 'were'} used, but the plan in force did not approve {c.unapprovedHolds.length === 1 ? 'it' : 'them'}.
              </Alert>
            ) : null}
          </Stack>
        ))}
      </Stack>
    </ReadSection>
  );
}
