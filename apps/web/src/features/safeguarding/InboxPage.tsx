/** The DSL's inbox (INC-4): concerns at their sites, newest first, filtered by status and site. No text is listed. */
import { Badge, Card, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { TSafeguardingConcernListItem } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { SealedBanner } from './SealedBanner';
import { INBOX_PAGE_SIZE, useInbox } from './safeguarding.api';
import { categoryLabel, STATUS_COLOURS, statusLabel } from './safeguarding-labels';

const STATUS_OPTIONS = [
  { value: 'open', label: 'Open (new, triaged or referred)' }, { value: 'new', label: 'New – waiting for triage' },
  { value: 'triaged', label: 'Triaged' }, { value: 'referred', label: 'Referred' }, { value: 'closed', label: 'Closed' },
];

function Row({ c }: { c: TSafeguardingConcernListItem }) {
  return (
    <Card component="li" withBorder padding="sm" style={{ listStyle: 'none', borderLeftWidth: c.status === 'new' ? 4 : 1 }}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 16rem', minWidth: 0 }}>
          <Group gap={6}>
            <Badge color={STATUS_COLOURS[c.status]} variant="filled" autoContrast>{statusLabel(c.status)}</Badge>
            <Text size="xs" c="dimmed">{formatDateTime(c.raisedAt)}</Text>
          </Group>
          <Text fw={600} className="break-anywhere">{c.pupils.map((p) => p.displayName).join(', ')}</Text>
          <Text size="sm">{categoryLabel(c.category)} · raised by {c.raisedBy.displayName} · {c.siteName}</Text>
        </Stack>
        <ButtonLink to="/safeguarding/$concernId" params={{ concernId: c.id }} size="sm">
          Open<span className="visually-hidden-inline"> concern about {c.pupils.map((p) => p.displayName).join(', ')}</span>
        </ButtonLink>
      </Group>
    </Card>
  );
}

export function InboxPage() {
  const me = useMe();
  if (!me.permissions.includes('safeguarding.read')) {
    return <Page title="Safeguarding concerns"><Text>Only a designated safeguarding lead can see safeguarding concerns. <AnchorLink to="/safeguarding/raise">Raise a concern</AnchorLink></Text></Page>;
  }
  return <Inbox />;
}

function Inbox() {
  const me = useMe();
  const search = useSearch({ from: '/safeguarding' });
  const navigate = useNavigate({ from: '/safeguarding' });
  const list = useInbox(search);
  const dslSites = me.sites.filter((s) => me.assignments.some((a) => a.role === 'dsl' && (a.siteId === null || a.siteId === s.id)));
  const go = (patch: Record<string, string | number | undefined>) => void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }) });

  return (
    <Page title="Safeguarding concerns" actions={<ButtonLink to="/safeguarding/raise" variant="default">Raise a concern</ButtonLink>}>
      <SealedBanner />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect label="Status" data={STATUS_OPTIONS} value={search.status ?? 'open'} onChange={(e) => go({ status: e.currentTarget.value })} style={{ flex: '1 1 14rem' }} />
        {dslSites.length > 1 ? (
          <NativeSelect label="School" value={search.siteId ?? ''} onChange={(e) => go({ siteId: e.currentTarget.value || undefined })}
            data={[{ value: '', label: 'All my schools' }, ...dslSites.map((s) => ({ value: s.id, label: s.name }))]} style={{ flex: '1 1 14rem' }} />
        ) : null}
      </Group>
      {list.isPending ? <Loading label="Loading concerns…" /> : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          {list.data.items.length ? (
            <Stack component="ul" gap="sm" p={0} m={0} aria-label="Concerns">
              {list.data.items.map((c) => <Row key={c.id} c={c} />)}
            </Stack>
          ) : <Text>No concerns with this status.</Text>}
          <Pager page={list.data.page} pageSize={INBOX_PAGE_SIZE} total={list.data.total} onPage={(page) => go({ page })} label="Concern list pages" />
        </>
      )}
    </Page>
  );
}
