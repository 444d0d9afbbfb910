/**
 * Overdue plan and risk-assessment reviews (ANA-6 drill-down, and "my day"): longest overdue first, at a site and of
 * an owner, each opening the plan or risk assessment.
 */
import { Anchor, Badge, Card, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { useOverdueReviewRecords } from './plansUse.api';
import type { OverdueSearch } from './overdueSearch';

const KIND = { plan: 'Behaviour support plan', risk_assessment: 'Risk assessment' } as const;

export function OverdueReviewsPage() {
  return <RequirePermission permission="plan.read" what="behaviour support plans"><OverdueReviews /></RequirePermission>;
}

function OverdueReviews() {
  const search = useSearch({ from: '/plans/overdue-reviews' });
  const navigate = useNavigate({ from: '/plans/overdue-reviews' });
  const me = useMe();
  const set = (patch: Partial<OverdueSearch>) => void navigate({ search: (s: OverdueSearch) => ({ ...s, ...patch, page: patch.page ?? undefined }) });
  const q = useOverdueReviewRecords(search);
  return (
    <Page title="Overdue plan reviews" description="Behaviour support plans and risk assessments past their review date, longest overdue first">
      <Group gap="sm" wrap="wrap">
        {me.sites.length > 1 ? (
          <NativeSelect label="Site" value={search.siteId ?? ''} style={{ flex: '1 1 12rem' }}
            data={[{ value: '', label: 'All your sites' }, ...me.sites.map((s) => ({ value: s.id, label: s.name }))]}
            onChange={(e) => set({ siteId: e.currentTarget.value || undefined })} />
        ) : null}
        <NativeSelect label="Record" value={search.kind ?? ''} style={{ flex: '1 1 12rem' }}
          data={[{ value: '', label: 'Plans and risk assessments' }, { value: 'plan', label: 'Behaviour support plans' }, { value: 'risk_assessment', label: 'Risk assessments' }]}
          onChange={(e) => set({ kind: (e.currentTarget.value || undefined) as OverdueSearch['kind'] })} />
      </Group>
      {search.ownerId ? <Text size="sm">Of one owner only. <Anchor component="button" type="button" onClick={() => set({ ownerId: undefined })}>Show every owner</Anchor></Text> : null}
      {q.isPending ? <Loading label="Loading overdue reviews…" /> : null}
      {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <Stack gap="sm">
          {q.data.items.length === 0 ? <Text>No review is overdue.</Text> : null}
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {q.data.items.map((r) => (
              <Card key={`${r.kind}:${r.id}`} withBorder padding="sm" component="li">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Anchor href={r.link} fw={600}>{r.pupilName}: {KIND[r.kind].toLowerCase()}</Anchor>
                  <Badge color="orange" variant="light" c="dark.7" miw="max-content">{r.daysOverdue} {r.daysOverdue === 1 ? 'day' : 'days'} overdue</Badge>
                </Group>
                <Text size="sm" c="dimmed">Review was due {formatDate(r.reviewDate)} · {r.siteName} · {r.ownerName ? `Owner: ${r.ownerName}` : 'No owner'}</Text>
              </Card>
            ))}
          </Stack>
          <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={(page) => set({ page })} label="Overdue review pages" />
        </Stack>
      ) : null}
    </Page>
  );
}
