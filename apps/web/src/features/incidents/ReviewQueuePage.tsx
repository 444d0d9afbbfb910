/**
 * The review queue (REV-2): submitted incidents waiting for a behaviour lead, oldest first, with their age, an
 * overdue flag after 48 hours, the LAW-10 "parent not told the same day" flag, the LAW-12 flags on the parent's copy of
 * the record (not yet sent, or withheld), and resubmissions marked.
 * A cluster lead sees every site they lead, with a site filter. Filters for severity, physical intervention, category
 * and age triage it; each card shows what happened, the severity and categories. Opening one starts a review session:
 * after a decision the next incident waiting opens (reviewSession.ts).
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Card, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { compareText, formatDateTime, plural } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { CanReview } from './access';
import './incident-styles';
import { reviewQueueQuery, useReviewQueue } from './incidents.api';
import type { ReviewQueueSearch } from './incidentSearch';
import { rememberQueue } from './reviewSession';
import { takeFlash } from './flash';
import { TriageFilters } from './TriageFilters';
import { ExportButtons } from '../../components/ExportButtons';
import { ageLabel } from './time';
import type { TReviewQueueItem } from './types';

export function ReviewQueuePage() {
  return <CanReview><ReviewQueue /></CanReview>;
}

function Flags({ i }: { i: TReviewQueueItem }) {
  return (
    <Group gap={6} wrap="wrap">
      {i.overdue ? <Badge color="red" variant="filled" miw="max-content">Overdue</Badge> : null}
      {i.parentNotInformedSameDay ? <Badge color="red" variant="light" c="dark.7" miw="max-content">Parent not told same day</Badge> : null}
      {i.parentCopyOutstanding ? <Badge color="orange" variant="light" c="dark.7" miw="max-content">Parent's copy not sent</Badge> : null}
      {i.parentCopyWithheld ? <Badge color="yellow" variant="light" c="dark.7" miw="max-content">Parent's copy withheld</Badge> : null}
      {i.resubmitted ? <Badge color="blue" variant="light" c="dark.7" miw="max-content">Resubmitted</Badge> : null}
      {i.physicalIntervention ? <Badge color="grape" variant="light" c="dark.7" miw="max-content">Physical intervention</Badge> : null}
      {i.uncertifiedHold ? <Badge color="orange" variant="filled" c="dark.9" miw="max-content">Hold without a valid certificate</Badge> : null}
      {i.unapprovedHold ? <Badge color="orange" variant="filled" c="dark.9" miw="max-content">Hold not in the plan</Badge> : null}
    </Group>
  );
}

const AGES = [
  { value: '', label: 'Any age' },
  { value: '24', label: 'Waiting over 24 hours' },
  { value: '48', label: 'Overdue (over 48 hours)' },
];

function ReviewQueue() {
  const me = useMe();
  const search = useSearch({ from: '/review-queue' });
  const navigate = useNavigate({ from: '/review-queue' });
  const [notice, setNotice] = useState(() => takeFlash());
  const queue = useReviewQueue(search);
  const multiSite = me.sites.length > 1;
  const items = [...(queue.data?.items ?? [])].sort((a, b) => compareText(a.submittedAt, b.submittedAt));
  const ids = items.map((i) => i.id).join();
  useEffect(() => { if (queue.data) rememberQueue(search, reviewQueueQuery(search), ids ? ids.split(',') : []); }, [ids, queue.data, search]);
  const setSearch = (patch: Partial<ReviewQueueSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const filtered = search.severityMin !== undefined || search.pi !== undefined || search.category !== undefined || search.uncertified !== undefined || search.olderThanHours !== undefined;

  return (
    <Page title="Review queue" description="Submitted incidents waiting for review, oldest first. Overdue after 48 hours.">
      {notice ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>{notice}</Alert> : null}
      <Group component="search" aria-label="Filter the review queue" align="flex-end" gap="md" wrap="wrap">
        {multiSite ? (
          <NativeSelect label="Site" value={search.siteId ?? ''} style={{ flex: '1 1 14rem', maxWidth: 360 }}
            data={[{ value: '', label: 'All my sites' }, ...me.sites.map((s) => ({ value: s.id, label: s.name }))]}
            onChange={(e) => setSearch({ siteId: e.currentTarget.value || undefined, category: undefined })} />
        ) : null}
        <TriageFilters value={search} siteId={search.siteId} onChange={setSearch} />
        <NativeSelect label="Waiting" value={search.olderThanHours === undefined ? '' : String(search.olderThanHours)} style={{ flex: '1 1 11rem' }}
          data={AGES} onChange={(e) => setSearch({ olderThanHours: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })} />
      </Group>
      <ExportButtons path="/review-queue" what="the review queue" query={reviewQueueQuery(search)} />
      {queue.isError ? <ErrorAlert error={queue.error} title="Could not load the review queue" onRetry={() => void queue.refetch()} /> : null}
      {queue.isPending ? <Loading label="Loading the review queue…" /> : null}
      {queue.data ? (
        <Text size="sm" role="status" aria-live="polite">
          {queue.data.total === 0 ? (filtered ? 'Nothing waiting for review matches these filters.' : 'Nothing is waiting for review.')
            : `${plural(queue.data.total, 'incident')} waiting for review${filtered ? ' match these filters' : ''}.`}
        </Text>
      ) : null}
      {items.length ? (
        <Stack component="ol" gap="sm" p={0} m={0} aria-label="Incidents waiting for review" aria-busy={queue.isFetching}>
          {items.map((i) => (
            <Card key={i.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={2} style={{ minWidth: 0, flex: '1 1 16rem' }}>
                  <Text fw={600} className="break-anywhere">{i.pupilNames.join(', ') || 'No pupils recorded'}</Text>
                  <Text size="sm">
                    Waiting {ageLabel(i.ageHours)} · submitted {formatDateTime(i.submittedAt)}{multiSite ? ` · ${i.siteName}` : ''}
                  </Text>
                  <Text size="sm">
                    {i.severity !== null ? `Severity ${i.severity}` : 'Severity not recorded'}
                    {i.categoryNames.length ? ` · ${i.categoryNames.join(', ')}` : ''}
                  </Text>
                  {i.summary ? <Text size="sm" className="break-anywhere" lineClamp={3}>{i.summary}</Text> : null}
                  <Text size="sm" c="dimmed">
                    {i.occurredAt ? `Happened ${formatDateTime(i.occurredAt)}` : 'Date not recorded'} · recorded by {i.createdByName}
                  </Text>
                </Stack>
                <AnchorLink to="/incidents/$incidentId" params={{ incidentId: i.id }} fw={600}>
                  Review<span className="visually-hidden-inline"> incident: {i.pupilNames.join(', ')}, waiting {ageLabel(i.ageHours)}</span>
                </AnchorLink>
              </Group>
              <Flags i={i} />
            </Card>
          ))}
        </Stack>
      ) : null}
    </Page>
  );
}
