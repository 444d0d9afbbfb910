/** Tasks for the roles you hold at your sites (escalation rules create them), or assigned to you: complete or dismiss. */
import { useState } from 'react';
import { Badge, Button, Card, Checkbox, Group, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import type { TTask, TTaskStatus } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { NoAccessPage } from '../../components/StatusPages';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { formatDate, formatDateTime, londonNow } from '../../lib/format';
import { roleLabel } from '../../lib/labels';
import { useMe } from '../../lib/usePolicy';
import { TASK_PAGE_SIZE, useFinishTask, useTasks } from './notifications.api';

/** Today in London as yyyy-mm-dd, to compare with a task's due date. */
function londonToday(): string {
  const t = londonNow();
  return `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}
const overdue = (task: TTask) => task.status === 'open' && !!task.dueOn && task.dueOn < londonToday();

const STATUSES: { value: TTaskStatus; label: string }[] = [{ value: 'open', label: 'Open' }, { value: 'done', label: 'Done' }, { value: 'dismissed', label: 'Dismissed' }];

function TaskCard({ task, showSite, finish, busy }: { task: TTask; showSite: boolean; finish: (outcome: 'complete' | 'dismiss') => void; busy: boolean }) {
  return (
    <Card component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
      <Stack gap={4}>
        <Group gap={6} wrap="wrap">
          <Text size="xs" c="dimmed">Created {formatDateTime(task.createdAt)}</Text>
          {task.assignedToMe ? <Badge size="sm">Assigned to you</Badge> : task.assignedRole ? <Badge size="sm" variant="light">{roleLabel(task.assignedRole)}</Badge> : null}
          {task.dueOn ? (
            <Badge size="sm" color={overdue(task) ? 'red.9' : 'dark'} variant={overdue(task) ? 'filled' : 'outline'}>
              {overdue(task) ? 'Overdue' : 'Due'} {formatDate(task.dueOn)}
            </Badge>
          ) : null}
          {showSite ? <Text size="xs" c="dimmed">{task.siteName}</Text> : null}
        </Group>
        <Text fw={600} className="break-anywhere">{task.title}</Text>
        {task.pupil ? (
          <Text size="sm">Pupil: <AnchorLink to="/pupils/$pupilId" params={{ pupilId: task.pupil.id }}>{task.pupil.name}</AnchorLink></Text>
        ) : null}
        {task.detail ? <Text size="sm" className="break-anywhere">{task.detail}</Text> : null}
        {task.suggestion ? <Text size="sm" className="break-anywhere">Suggested: {task.suggestion}</Text> : null}
        {task.completedAt ? (
          <Text size="sm" c="dimmed">{task.status === 'done' ? 'Done' : 'Dismissed'} {formatDateTime(task.completedAt)}{task.completedBy ? ` by ${task.completedBy.name}` : ''}</Text>
        ) : null}
        {task.allowed.length ? (
          <Group gap="xs" mt={4}>
            {task.allowed.includes('complete') ? <Button size="sm" onClick={() => finish('complete')} disabled={busy}>Mark done<span className="visually-hidden-inline">: {task.title}</span></Button> : null}
            {task.allowed.includes('dismiss') ? <Button size="sm" variant="default" onClick={() => finish('dismiss')} disabled={busy}>Dismiss<span className="visually-hidden-inline">: {task.title}</span></Button> : null}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

export function TasksPage() {
  const me = useMe();
  return me.permissions.includes('task.read') ? <Tasks /> : <NoAccessPage what="tasks" />;
}

function Tasks() {
  const me = useMe();
  const [status, setStatus] = useState<TTaskStatus>('open');
  const [siteId, setSiteId] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [mine, setMine] = useState(false);
  const tasks = useTasks(status, siteId, page, mine);
  const finish = useFinishTask();
  const multiSite = me.sites.length > 1;

  return (
    <Page title="Tasks" description="Created by your trust's escalation rules for your role, or assigned to you.">
      <Group gap="md" align="flex-end" wrap="wrap">
        <SegmentedControl value={status} onChange={(v) => { setStatus(v as TTaskStatus); setPage(1); }} data={STATUSES} aria-label="Task status" />
        {multiSite ? (
          <NativeSelect label="Site" value={siteId ?? ''} onChange={(e) => { setSiteId(e.currentTarget.value || undefined); setPage(1); }}
            data={[{ value: '', label: 'All your sites' }, ...me.sites.map((s) => ({ value: s.id, label: s.name }))]} />
        ) : null}
        <Checkbox label="Assigned to me only" checked={mine} onChange={(e) => { setMine(e.currentTarget.checked); setPage(1); }} mb={6} />
      </Group>
      {tasks.isError ? <ErrorAlert error={tasks.error} title="Could not load tasks" onRetry={() => void tasks.refetch()} /> : null}
      {finish.isError ? <ErrorAlert error={finish.error} title="Not saved" /> : null}
      {tasks.isPending ? <Loading label="Loading tasks…" /> : null}
      {tasks.data ? (
        tasks.data.items.length === 0 ? (
          <Text role="status">{status === 'open' ? (mine ? 'No open tasks assigned to you.' : 'No open tasks. Well done.') : 'None.'}</Text>
        ) : (
          <>
            <Stack component="ul" gap="sm" p={0} m={0} aria-label="Tasks" aria-busy={tasks.isFetching}>
              {tasks.data.items.map((k) => (
                <TaskCard key={k.id} task={k} showSite={multiSite} busy={finish.isPending} finish={(outcome) => finish.mutate({ id: k.id, outcome })} />
              ))}
            </Stack>
            <Pager label="Task pages" page={tasks.data.page} pageSize={tasks.data.pageSize || TASK_PAGE_SIZE} total={tasks.data.total} onPage={setPage} />
          </>
        )
      ) : null}
    </Page>
  );
}
