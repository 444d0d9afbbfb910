/** A behaviour support plan the school shares with a parent (PAR-1): read it section by section and acknowledge it. */
import { Accordion, Alert, Button, List, Stack, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { PLAN_SECTIONS, type TPortalPlan } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { isApiError } from '../../lib/api';
import { formatDate, formatInstantDate } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { usePortalMutations, usePortalPlan } from './parent.api';
import './parent-styles';

export function ParentPlanPage() {
  return (
    <RequirePermission permission="parent.children.read" what="the parent portal">
      <PlanScreen />
    </RequirePermission>
  );
}

function PlanScreen() {
  const { pupilId, planId } = useParams({ from: '/parent/children/$pupilId/plans/$planId' });
  const plan = usePortalPlan(pupilId, planId);
  const back = <Text><AnchorLink to="/parent" search={{ child: pupilId }}>Back to your child's page</AnchorLink></Text>;
  if (plan.isPending) return <Loading label="Loading the plan…" />;
  if (plan.isError) {
    const missing = isApiError(plan.error) && plan.error.status === 404;
    return (
      <Page title={missing ? 'Plan not found' : 'Could not load the plan'}>
        {missing ? <Text>This plan is not shared with you. Contact the school if you think it should be.</Text> : <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />}
        {back}
      </Page>
    );
  }
  return <PlanBody p={plan.data} back={back} />;
}

function PlanBody({ p, back }: { p: TPortalPlan; back: React.ReactNode }) {
  const m = usePortalMutations();
  const value = (key: string): string | string[] => (key === 'approvedHolds' ? p.fields.approvedHolds.map((c) => p.holdLabels[c] ?? c) : (p.fields as Record<string, string | string[]>)[key] ?? '');
  const sections = PLAN_SECTIONS.filter((s) => s.key in p.fields);
  return (
    <Page title={`Behaviour support plan: ${p.pupilName}`} documentTitle={`Plan: ${p.pupilName}`}
      description={p.reviewDate ? `The school will review it by ${formatDate(p.reviewDate)}.` : undefined}>
      {p.acknowledgedAt ? <Alert color="green" variant="light">You acknowledged this plan on {formatInstantDate(p.acknowledgedAt)}.</Alert> : null}
      <Accordion multiple variant="separated" defaultValue={sections.map((s) => s.key)}>
        {sections.map((s) => {
          const v = value(s.key);
          const empty = Array.isArray(v) ? v.length === 0 : !v;
          return (
            <Accordion.Item key={s.key} value={s.key}>
              <Accordion.Control><Text fw={600}>{p.wording[s.key]?.heading ?? s.heading}</Text></Accordion.Control>
              <Accordion.Panel>
                {empty ? <Text c="dimmed" fs="italic">Not written.</Text>
                  : Array.isArray(v) ? <List spacing={4}>{v.map((item, i) => <List.Item key={i}>{item}</List.Item>)}</List>
                  : <Text style={{ whiteSpace: 'pre-wrap' }} className="break-anywhere">{v}</Text>}
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
      {allows(p, 'acknowledge') ? (
        <Stack gap="xs">
          <Text>By acknowledging, you confirm you have read this plan. If you disagree with anything in it, please contact the school.</Text>
          <Button size="md" loading={m.acknowledgePlan.isPending} onClick={() => m.acknowledgePlan.mutate({ pupilId: p.pupilId, planId: p.id, version: p.version })}>
            I have read this plan
          </Button>
          {m.acknowledgePlan.error ? <ErrorAlert error={m.acknowledgePlan.error} /> : null}
        </Stack>
      ) : null}
      {back}
    </Page>
  );
}
