/** Suspensions and permanent exclusions at the caller's sites, newest first. */
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, plural } from '../../lib/format';
import { useCan } from '../../lib/usePolicy';
import { useSuspensions, type TExclusionListItem } from './suspensions.api';
import { CATEGORY_LABELS } from './labels';

export function SuspensionsPage() {
  return (
    <RequirePermission permission="suspension.read" what="suspensions">
      <List />
    </RequirePermission>
  );
}


export function SuspensionRow({ s }: { s: TExclusionListItem }) {
  return (
    <Card withBorder padding="sm" component="li">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <AnchorLink to="/suspensions/$suspensionId" params={{ suspensionId: s.id }} fw={600}>
          {CATEGORY_LABELS[s.category]}: {s.pupil.displayName}
        </AnchorLink>
        <Group gap={6}>
          {s.status === 'cancelled' ? <Badge color="gray" variant="light" c="dark.7">Cancelled</Badge> : null}
          {s.provisionMissing ? <Badge color="yellow" variant="light" c="dark.7">AP not recorded</Badge> : null}
          {s.yearDays >= 35 ? <Badge color="orange" variant="light" c="dark.7">{plural(s.yearDays, 'day')} this year</Badge> : null}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {formatDate(s.startDate)}{s.lastDay && s.lastDay !== s.startDate ? ` to ${formatDate(s.lastDay)}` : ''}
        {s.category !== 'permanent' ? ` · ${plural(s.days, 'day')}` : ''} · {s.reasons.map((r) => r.code).join(', ')} · {s.siteName}
      </Text>
    </Card>
  );
}

function List() {
  const q = useSuspensions();
  const canIssue = useCan('suspension.issue');
  return (
    <Page title="Suspensions and exclusions" actions={canIssue ? <ButtonLink to="/suspensions/new">Suspend or exclude a pupil</ButtonLink> : undefined}>
      {q.isPending ? <Loading /> : q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : q.data.length ? (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {q.data.map((s) => <SuspensionRow key={s.id} s={s} />)}
        </Stack>
      ) : <Text>No suspensions or exclusions at your sites.</Text>}
    </Page>
  );
}
