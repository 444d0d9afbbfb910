/** The user's notifications, newest first: open one (marks it read), mark read, or mark all read. */
import { useState } from 'react';
import { Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { TNotification } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { formatDateTime, plural } from '../../lib/format';
import { NOTIFICATION_PAGE_SIZE, useMarkAllRead, useMarkRead, useNotifications } from './notifications.api';

function Item({ n, onOpen, onRead, busy }: { n: TNotification; onOpen: () => void; onRead: () => void; busy: boolean }) {
  const unread = n.readAt === null;
  return (
    <Card component="li" withBorder padding="sm" style={{ listStyle: 'none', borderLeftWidth: unread ? 4 : 1 }}
      bg={unread ? 'blue.0' : undefined}>
      <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
        <Stack gap={2} style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <Group gap={6}>
            {unread ? <Badge size="sm" color="blue">Unread</Badge> : null}
            <Text size="xs" c="dimmed">{formatDateTime(n.createdAt)}</Text>
          </Group>
          <Text fw={600} className="break-anywhere">{n.title}</Text>
          {n.body ? <Text size="sm" className="break-anywhere">{n.body}</Text> : null}
        </Stack>
        <Group gap="xs">
          {n.link ? <Button size="sm" onClick={onOpen} disabled={busy}>Open</Button> : null}
          {unread ? <Button size="sm" variant="default" onClick={onRead} disabled={busy}>Mark read</Button> : null}
        </Group>
      </Group>
    </Card>
  );
}

export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications(unreadOnly, page);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const unreadCount = list.data?.unreadCount ?? 0;

  const open = (n: TNotification) => {
    if (!n.link) return;
    const go = () => void navigate({ to: n.link ?? '/' });
    if (n.readAt === null) markRead.mutate(n.id, { onSettled: go }); else go();
  };

  return (
    <Page title="Notifications"
      description={list.data ? (unreadCount === 0 ? 'You have no unread notifications.' : `${plural(unreadCount, 'unread notification')}.`) : undefined}
      actions={unreadCount > 0 ? <Button variant="default" onClick={() => markAll.mutate()} loading={markAll.isPending}>Mark all read</Button> : null}>
      <SegmentedControl value={unreadOnly ? 'unread' : 'all'} onChange={(v) => { setUnreadOnly(v === 'unread'); setPage(1); }}
        data={[{ value: 'all', label: 'All' }, { value: 'unread', label: 'Unread' }]} aria-label="Which notifications" w="fit-content" />
      {list.isError ? <ErrorAlert error={list.error} title="Could not load notifications" onRetry={() => void list.refetch()} /> : null}
      {markRead.isError ? <ErrorAlert error={markRead.error} /> : null}
      {list.isPending ? <Loading label="Loading notifications…" /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <Text role="status">{unreadOnly ? 'Nothing unread.' : 'No notifications yet.'}</Text>
        ) : (
          <>
            <Stack component="ul" gap="sm" p={0} m={0} aria-label="Notifications" aria-busy={list.isFetching}>
              {list.data.items.map((n) => (
                <Item key={n.id} n={n} busy={markRead.isPending} onOpen={() => open(n)} onRead={() => markRead.mutate(n.id)} />
              ))}
            </Stack>
            <Pager label="Notification pages" page={list.data.page} pageSize={list.data.pageSize || NOTIFICATION_PAGE_SIZE}
              total={list.data.total} onPage={setPage} />
          </>
        )
      ) : null}
    </Page>
  );
}
