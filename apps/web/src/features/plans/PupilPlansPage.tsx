/**
 * A pupil's behaviour support plans (SUP-1): every plan and its state, newest first, and — for those who write plans —
 * starting a new one from the trust's template, from the pupil's previous plan, or from a plan written for the pupil
 * at another school of the trust (when the pupil has moved). Reading the list is audited on the server.
 */
import { useState } from 'react';
import { Badge, Button, Card, Group, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import { PLAN_STATUS_LABELS, type TPlanSummary } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatInstantDate } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { usePlanMutations, usePupilPlans } from './plans.api';
import './plans-styles';

export const STATUS_COLOURS: Record<TPlanSummary['status'], string> = { draft: 'gray', active: 'green', superseded: 'dark' };

export function PupilPlansPage() {
  return (
    <RequirePermission permission="plan.read" what="behaviour support plans">
      <PupilPlans />
    </RequirePermission>
  );
}

function PupilPlans() {
  const { pupilId } = useParams({ from: '/pupils/$pupilId/plans' });
  const list = usePupilPlans(pupilId);
  if (list.isPending) return <Loading label="Loading plans…" />;
  if (list.isError) return <Page title="Behaviour support plans"><ErrorAlert error={list.error} onRetry={() => void list.refetch()} /></Page>;
  const { pupil, items } = list.data;
  return (
    <Page title={`Behaviour support plans: ${pupil.displayName}`} documentTitle={`Plans: ${pupil.displayName}`}
      description="What staff need to know to support this pupil: read the active plan before you work with them.">
      <Text size="sm"><AnchorLink to="/pupils/$pupilId" params={{ pupilId }}>Back to {pupil.displayName}'s profile</AnchorLink></Text>
      {items.length === 0 ? <Text>No plan has been written for this pupil yet.</Text> : (
        <Stack component="ul" gap="xs" p={0} m={0} aria-label="Plans">
          {items.map((p) => (
            <Card key={p.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Badge color={STATUS_COLOURS[p.status]} variant="light">{PLAN_STATUS_LABELS[p.status]}</Badge>
                    {p.reviewOverdue ? <Badge color="red" variant="light">Review overdue</Badge> : null}
                    {p.otherSite ? <Badge color="blue" variant="light">Written at {p.siteName}</Badge> : null}
                  </Group>
                  <Text size="sm" mt={4}>
                    Version {p.version}{p.ownerName ? ` · owner ${p.ownerName}` : ''}{p.reviewDate ? ` · review by ${formatDate(p.reviewDate)}` : ''}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {p.activatedAt ? `Active from ${formatInstantDate(p.activatedAt)}` : `Last changed ${formatInstantDate(p.updatedAt)}`}
                    {p.supersededAt ? ` to ${formatInstantDate(p.supersededAt)}` : ''}
                    {` · ${p.signed ? 'signed' : 'not signed'} · ${p.acknowledged ? 'acknowledged by a parent' : 'not yet acknowledged by a parent'}`}
                  </Text>
                </div>
                <AnchorLink to="/pupils/$pupilId/plans/$planId" params={{ pupilId, planId: p.id }}>
                  Open<span className="visually-hidden-inline"> the {PLAN_STATUS_LABELS[p.status].toLowerCase()} plan, version {p.version}</span>
                </AnchorLink>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {allows(list.data, 'create') ? <StartPlan pupilId={pupilId} plans={items} /> : null}
    </Page>
  );
}

function StartPlan({ pupilId, plans }: { pupilId: string; plans: TPlanSummary[] }) {
  const m = usePlanMutations();
  const navigate = useNavigate();
  const previous = plans.filter((p) => p.status !== 'draft' && !p.otherSite);
  const elsewhere = plans.filter((p) => p.status !== 'draft' && p.otherSite);
  const [start, setStart] = useState<'template' | 'previous' | 'other_site'>('template');
  const [source, setSource] = useState<string | null>(null);
  const choices = (start === 'previous' ? previous : elsewhere).map((p) => ({
    value: p.id, label: `${PLAN_STATUS_LABELS[p.status]} plan, version ${p.version}${p.otherSite ? `, ${p.siteName}` : ''}${p.activatedAt ? `, from ${formatInstantDate(p.activatedAt)}` : ''}`,
  }));
  const chosen = start === 'template' ? undefined : source ?? choices[0]?.value;
  const go = () => m.create.mutate({ pupilId, startFrom: start, ...(chosen ? { copyFromPlanId: chosen } : {}) }, {
    onSuccess: (p) => void navigate({ to: '/pupils/$pupilId/plans/$planId', params: { pupilId, planId: p.id }, search: { tab: 'edit' } }),
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="start-plan">
      <Title order={2} size="h4" id="start-plan" mb="sm">Start a new plan</Title>
      <Radio.Group value={start} onChange={(v) => { setStart(v as typeof start); setSource(null); }} label="Start from">
        <Stack gap={6} mt={6}>
          <Radio value="template" label="The trust's plan template (blank)" />
          <Radio value="previous" label="This pupil's previous plan" disabled={!previous.length} />
          <Radio value="other_site" label="A plan from the pupil's previous school in the trust" disabled={!elsewhere.length} />
        </Stack>
      </Radio.Group>
      {start !== 'template' ? <Select mt="sm" label="Plan to copy" data={choices} value={chosen ?? null} onChange={setSource} allowDeselect={false} maw={460} /> : null}
      {m.create.isError ? <ErrorAlert error={m.create.error} /> : null}
      <Group mt="md"><Button onClick={go} loading={m.create.isPending}>Start a draft plan</Button></Group>
      <Text size="sm" c="dimmed" mt="xs">A new plan is a draft until it is activated; activating it replaces the pupil's active plan.</Text>
    </Card>
  );
}
