/**
 * On the incident form, where the holds are chosen: the pupil's plan's approved holds and strategies, and (as the
 * record is made, never blocking it) the holds chosen that the plan does not approve.
 */
import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { unapprovedHolds } from '@haven/contracts';
import { usePlanKeyPoints } from './plansUse.api';

interface Props {
  pupilId: string;
  used: readonly { staffId: string; techniqueCodes: readonly string[] }[];
  techniques: readonly { code: string; label: string }[];
}

/** The codes the pupil's active plan approves, or null (loading, no plan, or not allowed to read it). */
export function useApprovedHolds(pupilId: string): string[] | null {
  const q = usePlanKeyPoints(pupilId || null);
  return q.data?.plan ? q.data.plan.approvedHolds.map((h) => h.code) : null;
}

export function PlanHoldsPanel({ pupilId, used, techniques }: Props) {
  const q = usePlanKeyPoints(pupilId || null);
  if (!pupilId || !q.isSuccess) return null;
  const { plan, pupil } = q.data;
  if (!plan) return <Text size="sm" c="dimmed">{pupil.displayName} has no active behaviour support plan.</Text>;
  const outside = unapprovedHolds(used, plan.approvedHolds.map((h) => h.code));
  const label = (code: string) => techniques.find((t) => t.code.toUpperCase() === code.toUpperCase())?.label ?? code;
  return (
    <Stack gap={6}>
      <Alert color="blue" variant="light" p="sm" title={`${pupil.displayName}'s behaviour support plan`}>
        <Stack gap={4}>
          <Text size="sm"><Text span fw={600} size="sm">Approved holds: </Text>
            {plan.approvedHolds.length ? plan.approvedHolds.map((h) => h.label).join(', ') : 'none'}</Text>
          {plan.deescalationStrategies.length ? (
            <div>
              <Text size="sm" fw={600}>De-escalation in the plan</Text>
              <List size="sm" withPadding>{plan.deescalationStrategies.map((s, i) => <List.Item key={i}>{s}</List.Item>)}</List>
            </div>
          ) : null}
          <Anchor href={plan.link} size="sm" c="blue.9">Read the whole plan (version {plan.version})</Anchor>
        </Stack>
      </Alert>
      {outside.length ? (
        <Alert color="orange" variant="light" p="sm" role="status" title="Not in the plan">
          {outside.map(label).join(', ')} {outside.length === 1 ? 'is' : 'are'} not approved in {pupil.displayName}'s plan. You can still record
          what happened: the incident will be flagged for the reviewer, who will look at the plan.
        </Alert>
      ) : null}
    </Stack>
  );
}
