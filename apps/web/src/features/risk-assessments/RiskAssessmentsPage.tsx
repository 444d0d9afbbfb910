/**
 * A pupil's risk assessments (SUP-2): the list (active, draft, superseded), the chosen one with its matrix, sign-off
 * and history, and the editor for a draft, usable at 390 px. Reached from the pupil's page and their plan.
 */
import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { RISK_RATING_COLOURS, RISK_RATING_LABELS, type TRiskAssessmentList } from '@haven/contracts';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { formatDate } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { useRiskAssessment, useRiskAssessments } from './riskAssessments.api';
import { RiskAssessmentView } from './RiskAssessmentView';
import { RiskAssessmentEditor } from './RiskAssessmentEditor';

const route = getRouteApi('/pupils/$pupilId/risk-assessments');
export const STATUS_LABELS = { draft: 'Draft', active: 'Active', superseded: 'Superseded' } as const;
const STATUS_COLOURS = { draft: 'yellow', active: 'green', superseded: 'gray' } as const;

type Item = TRiskAssessmentList['items'][number];

export function RatingText({ rating }: { rating: Item['overallRating'] }) {
  if (!rating) return <Text span size="sm" c="dimmed">No hazards yet</Text>;
  return <Text span size="sm" fw={600} px={6} style={{ background: RISK_RATING_COLOURS[rating], color: '#000', borderRadius: 4 }}>{RISK_RATING_LABELS[rating]}</Text>;
}

export function RiskAssessmentsPage() {
  const { pupilId } = route.useParams();
  const list = useRiskAssessments(pupilId);
  const [chosen, setChosen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const items = list.data?.items ?? [];
  const current = chosen ?? items.find((i) => i.status === 'draft')?.id ?? items.find((i) => i.status === 'active')?.id ?? items[0]?.id ?? null;
  const one = useRiskAssessment(pupilId, creating ? null : current);
  useEffect(() => { if (chosen && list.data && !list.data.items.some((i) => i.id === chosen)) setChosen(null); }, [chosen, list.data]);

  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data;
  return (
    <Page title={`Risk assessments: ${data.pupil.displayName}`} description="Hazards, who is at risk, and the controls that bring the risk down. A lead signs each version off before it becomes active."
      actions={<AnchorLink to="/pupils/$pupilId" params={{ pupilId }}>Back to the pupil</AnchorLink>}>
      <Stack gap="xs">
        {items.length === 0 && !creating ? <Text c="dimmed">No risk assessment has been written for this pupil yet.</Text> : null}
        {items.map((i) => (
          <Card key={i.id} withBorder padding="sm" style={i.id === current && !creating ? { outline: '2px solid var(--mantine-color-blue-6)' } : undefined}>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Anchor component="button" type="button" fw={600} onClick={() => { setCreating(false); setChosen(i.id); }} className="break-anywhere">{i.title}</Anchor>
                <Text size="sm" c="dimmed">{i.hazardCount} hazard{i.hazardCount === 1 ? '' : 's'} · review by {formatDate(i.reviewDate)}{i.reviewDue ? ' (due)' : ''}</Text>
              </Stack>
              <Group gap="xs"><RatingText rating={i.overallRating} /><Badge color={STATUS_COLOURS[i.status]} variant="light">{STATUS_LABELS[i.status]}</Badge></Group>
            </Group>
          </Card>
        ))}
        {allows(data, 'create') && !creating ? <Button onClick={() => setCreating(true)} style={{ alignSelf: 'flex-start' }}>Write a risk assessment</Button> : null}
      </Stack>
      {creating ? (
        <RiskAssessmentEditor pupilId={pupilId} plans={data.plans} onDone={(id) => { setCreating(false); setChosen(id); }} onCancel={() => setCreating(false)} />
      ) : one.data ? (
        <RiskAssessmentView key={`${one.data.id}-${one.data.version}`} assessment={one.data} plans={data.plans} onOpen={(id) => setChosen(id)} />
      ) : one.error ? <ErrorAlert error={one.error} /> : current ? <Loading /> : null}
    </Page>
  );
}
