/** On a behaviour support plan: the pupil's risk assessments linked to this plan, and the way to all of them. */
import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/usePolicy';
import { useRiskAssessments } from './riskAssessments.api';
import { RatingText, STATUS_LABELS } from './RiskAssessmentsPage';

function Linked({ pupilId, planId }: { pupilId: string; planId: string }) {
  const list = useRiskAssessments(pupilId);
  const linked = (list.data?.items ?? []).filter((i) => i.plan?.id === planId && i.status !== 'superseded');
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="plan-risk-assessments">
      <Title order={2} size="h4" id="plan-risk-assessments" mb="xs">Risk assessments</Title>
      <Stack gap={4}>
        {list.isPending ? <Text size="sm" c="dimmed">Loading…</Text> : linked.length === 0
          ? <Text size="sm" c="dimmed">No risk assessment is linked to this plan.</Text>
          : linked.map((i) => (
            <Group key={i.id} gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>{i.title}</Text><RatingText rating={i.overallRating} />
              <Text size="sm" c="dimmed">{STATUS_LABELS[i.status]} · review by {formatDate(i.reviewDate)}</Text>
            </Group>
          ))}
        <Text size="sm"><AnchorLink to="/pupils/$pupilId/risk-assessments" params={{ pupilId }}>Open the pupil's risk assessments</AnchorLink></Text>
      </Stack>
    </Card>
  );
}

export function PlanRiskAssessments({ pupilId, planId }: { pupilId: string; planId: string }) {
  if (!useCan('risk_assessment.read')) return null;
  return <Linked pupilId={pupilId} planId={planId} />;
}
