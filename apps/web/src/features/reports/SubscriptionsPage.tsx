/** Report subscriptions: the weekly report by email on a chosen day and hour (UK time); unsubscribe at any time. */
import { Alert, Button, Card, Checkbox, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { REPORT_KIND_LABELS } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDateTime } from '../../lib/format';
import { isApiError } from '../../lib/api';
import { useMe } from '../../lib/usePolicy';
import { useSubscribe, useSubscriptions, useUnsubscribe } from './reports.api';
import { ReportsNav } from './ReportsNav';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function SubscribeForm() {
  const me = useMe();
  // The server refuses any site where the user does not receive reports; the list here is every site they work at.
  const reportSites = me.sites;
  const [siteIds, setSiteIds] = useState<string[]>(reportSites.length === 1 ? [reportSites[0]!.id] : []);
  const [weekday, setWeekday] = useState('1');
  const [hour, setHour] = useState('7');
  const subscribe = useSubscribe();
  const [done, setDone] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    subscribe.mutate({ kind: 'weekly_leaders', siteIds, weekday: Number(weekday), hour: Number(hour) }, { onSuccess: () => setDone(true) });
  };
  const siteError = isApiError(subscribe.error) ? subscribe.error.fieldMessage('siteIds') : undefined;
  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} aria-labelledby="subscribe-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="subscribe-heading">Get the weekly report by email</Title>
        <Checkbox.Group label="Sites" value={siteIds} onChange={setSiteIds} error={siteError} withAsterisk>
          <Stack gap={6} mt={6}>
            {reportSites.map((s) => <Checkbox key={s.id} value={s.id} label={s.name} />)}
          </Stack>
        </Checkbox.Group>
        <Group gap="md" wrap="wrap" align="flex-end">
          <NativeSelect label="Day" value={weekday} onChange={(e) => setWeekday(e.currentTarget.value)} style={{ flex: '1 1 10rem' }}
            data={DAYS.map((d, i) => ({ value: String(i + 1), label: d }))} />
          <NativeSelect label="Time (UK)" value={hour} onChange={(e) => setHour(e.currentTarget.value)} style={{ flex: '1 1 8rem' }}
            data={Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }))} />
        </Group>
        {subscribe.isError && !siteError ? <ErrorAlert error={subscribe.error} title="Could not subscribe" /> : null}
        {done ? <Alert color="green" role="status">Subscribed. The first email comes at the next time you chose.</Alert> : null}
        <Group><Button type="submit" loading={subscribe.isPending} disabled={siteIds.length === 0}>Subscribe</Button></Group>
      </Stack>
    </Card>
  );
}

function Subscriptions() {
  const list = useSubscriptions();
  const unsubscribe = useUnsubscribe();
  return (
    <Page title="Email subscriptions" description="Reports sent to your email address on a schedule, with the report attached as a PDF.">
      <ReportsNav />
      <SubscribeForm />
      <Title order={2} size="h3">Your subscriptions</Title>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Loading label="Loading your subscriptions…" /> : null}
      {list.data && list.data.items.length === 0 ? <Text role="status">You have no report subscriptions.</Text> : null}
      {unsubscribe.isError ? <ErrorAlert error={unsubscribe.error} title="Could not unsubscribe" /> : null}
      {list.data?.items.map((s) => (
        <Card key={s.id} withBorder padding="md" component="article" aria-label={`${REPORT_KIND_LABELS[s.kind]}, ${s.schedule}`}>
          <Stack gap={4}>
            <Text fw={600}>{REPORT_KIND_LABELS[s.kind]}</Text>
            <Text size="sm">{s.schedule} (UK time) · {s.siteNames.join(', ')}</Text>
            <Text size="sm" c="dimmed">Next: {s.nextRunAt ? formatDateTime(s.nextRunAt) : '–'}
              {s.lastDelivery ? ` · Last: ${formatDateTime(s.lastDelivery.at)} (${s.lastDelivery.status})` : ' · Not sent yet'}</Text>
            <Group mt={4}>
              <Button variant="default" size="sm" onClick={() => unsubscribe.mutate(s.id)} loading={unsubscribe.isPending && unsubscribe.variables === s.id}
                aria-label={`Unsubscribe from the ${REPORT_KIND_LABELS[s.kind].toLowerCase()} (${s.schedule})`}>Unsubscribe</Button>
            </Group>
          </Stack>
        </Card>
      ))}
    </Page>
  );
}

export function SubscriptionsPage() {
  return <RequirePermission permission="reports.subscribe" what="Report subscriptions"><Subscriptions /></RequirePermission>;
}
