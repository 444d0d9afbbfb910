/** My training (STF-1): my certificates with their expiry, my line manager, and a link to book a refresher. */
import { Card, Group, Stack, Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate } from '../../lib/format';
import { useMyTraining } from './training.api';
import { StatusBadge } from './TrainingParts';

export function MyTrainingPage() {
  return <RequirePermission permission="training.own" what="your training"><Mine /></RequirePermission>;
}

function Mine() {
  const me = useMyTraining();
  if (me.isPending) return <Loading label="Loading your training…" />;
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  const d = me.data;
  return (
    <Page title="My training" description="Your certificates, when they run out, and sessions you can book.">
      <Text size="sm">{d.lineManager ? `Your line manager is ${d.lineManager.name}.` : 'No line manager is recorded for you.'}</Text>
      <AnchorLink to="/training/sessions">Book a place on an upcoming session</AnchorLink>
      {!d.certificates.length ? <Text c="dimmed">No certificates are recorded for you.</Text> : null}
      <Stack component="ul" gap="xs" p={0} m={0} aria-label="My certificates">
        {d.certificates.map((c) => (
          <Card key={c.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
            <Group justify="space-between" wrap="wrap" gap="xs"><Text fw={700} className="break-anywhere">{c.courseName}</Text><StatusBadge status={c.status} long /></Group>
            <Text size="sm">{c.provider} · issued {formatDate(c.issuedOn)} · expires {formatDate(c.expiresOn)}{c.graceUntil !== c.expiresOn ? ` · grace until ${formatDate(c.graceUntil)}` : ''}</Text>
            {c.techniqueCodes.length ? <Text size="xs" c="dimmed" className="break-anywhere">Covers: {c.techniqueCodes.join(', ')}</Text> : null}
          </Card>
        ))}
      </Stack>
    </Page>
  );
}
