/**
 * One behaviour support plan (SUP-1): read it (the whole plan, sections folded on a phone), edit it, see its history,
 * and — for those who write plans — sign it, activate it and record a parent's acknowledgement. The plan on a page
 * opens as a PDF. Opening the page is audited on the server (special-category data).
 */
import { Badge, Button, Group, Text } from '@mantine/core';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { PLAN_STATUS_LABELS, type TPlan } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { PageTabs } from '../../components/PageTabs';
import { RequirePermission } from '../../components/RequirePermission';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { planPdfUrl, usePlan } from './plans.api';
import { PlanView } from './PlanView';
import { PlanEditor } from './PlanEditor';
import { PlanHistory } from './PlanHistory';
import { PlanActions } from './PlanActions';
import { PlanSharing } from '../parent/PlanSharing';
import { STATUS_COLOURS } from './PupilPlansPage';
import type { PlanTab } from './planSearch';
import './plans-styles';
import { PlanRiskAssessments } from '../risk-assessments/PlanRiskAssessments';


export function PlanPage() {
  return (
    <RequirePermission permission="plan.read" what="behaviour support plans">
      <PlanScreen />
    </RequirePermission>
  );
}

function PlanScreen() {
  const { pupilId, planId } = useParams({ from: '/pupils/$pupilId/plans/$planId' });
  const plan = usePlan(planId);
  if (plan.isPending) return <Loading label="Loading the plan…" />;
  if (plan.isError) {
    const missing = isApiError(plan.error) && plan.error.status === 404;
    return (
      <Page title={missing ? 'Plan not found' : 'Could not load the plan'}>
        {missing ? <Text>This plan does not exist or is not for a pupil at a site you work at.</Text> : <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />}
        <Text><AnchorLink to="/pupils/$pupilId/plans" params={{ pupilId }}>Back to the pupil's plans</AnchorLink></Text>
      </Page>
    );
  }
  return <PlanBody p={plan.data} />;
}

function PlanBody({ p }: { p: TPlan }) {
  const search = useSearch({ from: '/pupils/$pupilId/plans/$planId' });
  const navigate = useNavigate();
  const editable = allows(p, 'edit');
  const tabs = [{ value: 'plan' as const, label: 'Plan' }, ...(editable ? [{ value: 'edit' as const, label: 'Edit' }] : []), { value: 'history' as const, label: 'History' }];
  const tab: PlanTab = search.tab && tabs.some((t) => t.value === search.tab) ? search.tab : 'plan';
  const setTab = (t: PlanTab) => void navigate({ to: '/pupils/$pupilId/plans/$planId', params: { pupilId: p.pupilId, planId: p.id }, search: { tab: t }, replace: true });
  return (
    <Page title={`Behaviour support plan: ${p.pupil.displayName}`} documentTitle={`Plan: ${p.pupil.displayName}`}
      actions={<Button component="a" href={planPdfUrl(p.id)} target="_blank" rel="noopener" variant="default">Plan on a page (PDF)</Button>}>
      <Group gap={6}>
        <Badge color={STATUS_COLOURS[p.status]} variant="light" size="lg">{PLAN_STATUS_LABELS[p.status]}</Badge>
        {p.reviewOverdue ? <Badge color="red" variant="light" size="lg">Review overdue</Badge> : null}
        <Text size="sm">Version {p.version}{p.ownerName ? ` · owner ${p.ownerName}` : ''}{p.reviewDate ? ` · review by ${formatDate(p.reviewDate)}` : ''}{p.otherSite ? ` · written at ${p.siteName}` : ''}</Text>
      </Group>
      <PlanActions p={p} />
      <PlanSharing p={p} />
      <PageTabs tabs={tabs} value={tab} onChange={setTab} label="Plan views">
        {tab === 'plan' ? <PlanView p={p} /> : tab === 'edit' ? <PlanEditor key={p.id} p={p} onSaved={() => setTab('plan')} /> : <PlanHistory p={p} />}
      </PageTabs>
      <PlanRiskAssessments pupilId={p.pupilId} planId={p.id} />
      <Text size="sm"><AnchorLink to="/pupils/$pupilId/plans" params={{ pupilId: p.pupilId }}>All of {p.pupil.displayName}'s plans</AnchorLink></Text>
    </Page>
  );
}
