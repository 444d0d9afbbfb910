/** "Where am I today" (STF-3): a member of the support team's own day on a phone — site, period, mode, pupil or teacher. */
import { Alert, Card, Stack, Text, Title } from '@mantine/core';
import { ROTA_MODE_LABELS } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { formatDate } from '../sanctions/isolation-format';
import { useRotaToday } from './rota.api';

export function RotaTodayPage() {
  const q = useRotaToday();
  const d = q.data;
  return (
    <Page title="Where am I today" description={d ? formatDate(d.date) : undefined}>
      {q.isPending ? <Loading label="Loading your day…" /> : null}
      {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {d && d.away.some((a) => a.periodCode === null) ? <Alert color="blue" variant="light">You are recorded as {d.away[0]!.kind === 'training' ? 'at training' : 'absent'} today.</Alert> : null}
      {d && d.slots.length === 0 && !d.away.length ? <Text>You are not on the support team's rota today.</Text> : null}
      <Stack gap="sm" component="ol" p={0} m={0} aria-label="Your periods today">
        {d?.slots.map((s, i) => (
          <Card key={i} withBorder padding="sm" component="li" style={{ listStyle: 'none' }}>
            <Title order={2} size="h4">{s.periodLabel}{s.start && s.end ? ` · ${s.start}–${s.end}` : ''}</Title>
            <Text fw={600}>{s.siteName}</Text>
            <Text className="break-anywhere">
              {ROTA_MODE_LABELS[s.mode]}{s.pupil ? ` with ${s.pupil.displayName}` : ''}{s.teacher ? ` with ${s.teacher.displayName}` : ''}
              {s.coversStaff ? ` (covering ${s.coversStaff.displayName})` : ''}
            </Text>
          </Card>
        ))}
      </Stack>
    </Page>
  );
}
