/**
 * "Transfer the child-protection file" for one pupil (DSL of the pupil's school): the transfers so far and a form to
 * start one — the leaving date (from the pupil record when it has one), the receiving school and its DSL.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import { CP_TRANSFER_STATUS_LABELS } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { SealedBanner } from '../safeguarding/SealedBanner';
import { useStartTransfer, useTransfersOfPupil } from './cpTransfer.api';

export function PupilTransfersPage() {
  const { pupilId } = useParams({ from: '/safeguarding/pupils/$pupilId/transfer' });
  const q = useTransfersOfPupil(pupilId);
  if (q.isPending) return <Loading label="Loading…" />;
  if (q.isError) {
    const refused = isApiError(q.error) && [403, 404].includes(q.error.status);
    return (
      <Page title="Transfer the child-protection file">
        {refused ? <Text>Only a designated safeguarding lead of the pupil's school can transfer their child-protection file.</Text>
          : <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      </Page>
    );
  }
  const { pupil, items, sources } = q.data;
  return (
    <Page title={`Transfer the child-protection file: ${pupil.displayName}`} documentTitle="Transfer the child-protection file">
      <SealedBanner />
      <Text>
        When a pupil leaves, their child-protection file goes to the new school's designated safeguarding lead within 5 school days,
        separately from the main pupil file, and you record that they received it. {sources.concerns.length} safeguarding
        record{sources.concerns.length === 1 ? '' : 's'} and {sources.attachments.length} document{sources.attachments.length === 1 ? '' : 's'} can go in the pack.
      </Text>
      {items.length > 0 && (
        <Stack gap="sm" component="section" aria-label="Transfers">
          <Title order={2} fz="lg">Transfers</Title>
          {items.map((t) => (
            <Card key={t.id} withBorder padding="sm">
              <Group justify="space-between" wrap="wrap">
                <Stack gap={2}>
                  <AnchorLink to="/cp-transfers/$transferId" params={{ transferId: t.id }} fw={600}>To {t.receivingSchool}</AnchorLink>
                  <Text size="sm">Left {formatDate(t.leavingDate)} · {t.dueOn ? `due by ${formatDate(t.dueOn)}` : 'due date waits for next year\'s calendar'}</Text>
                </Stack>
                <Text size="sm" c={t.overdue ? 'red.8' : undefined} fw={t.overdue ? 700 : undefined}>{t.overdue ? 'Overdue' : CP_TRANSFER_STATUS_LABELS[t.status]}</Text>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <StartForm pupilId={pupil.id} recordedLeavingDate={pupil.leavingDate} />
      <Text><AnchorLink to="/safeguarding/pupils/$pupilId" params={{ pupilId: pupil.id }}>Back to the safeguarding chronology</AnchorLink></Text>
    </Page>
  );
}

function StartForm({ pupilId, recordedLeavingDate }: { pupilId: string; recordedLeavingDate: string | null }) {
  const start = useStartTransfer();
  const navigate = useNavigate();
  const [leavingDate, setLeavingDate] = useState('');
  const [school, setSchool] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const err = isApiError(start.error) ? start.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ pupilId, ...(recordedLeavingDate ? {} : { leavingDate: leavingDate || undefined }), receivingSchool: school, receivingDslName: name, receivingDslEmail: email }, {
      onSuccess: (t) => { void navigate({ to: '/cp-transfers/$transferId', params: { transferId: t.id } }); },
    });
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-label="Start a transfer" padding="md">
      <Stack gap="sm">
        <Title order={2} fz="lg">Start a transfer</Title>
        {recordedLeavingDate
          ? <Text>Leaving date (from the pupil record): <strong>{formatDate(recordedLeavingDate)}</strong></Text>
          : <UkDateInput label="Leaving date" description="The pupil record has no leaving date: enter their last day here" value={leavingDate}
              onChange={(iso) => setLeavingDate(iso ?? '')} error={err?.fieldMessage('leavingDate')} required />}
        <TextInput label="Receiving school" value={school} onChange={(e) => setSchool(e.currentTarget.value)} error={err?.fieldMessage('receivingSchool')} required />
        <TextInput label="Receiving designated safeguarding lead" value={name} onChange={(e) => setName(e.currentTarget.value)} error={err?.fieldMessage('receivingDslName')} required />
        <TextInput label="Their email address" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={err?.fieldMessage('receivingDslEmail')} required />
        {start.error && !err?.fields.length && <Alert color="red" role="alert">{start.error.message}</Alert>}
        <Group><Button type="submit" loading={start.isPending}>Start the transfer</Button></Group>
      </Stack>
    </Card>
  );
}
