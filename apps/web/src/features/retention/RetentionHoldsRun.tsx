/** The legal holds and purge-run views of the retention page (CMP-1). */
import { useState } from 'react';
import { Alert, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { RETENTION_KIND_LABELS, type TRetentionRun } from '@haven/contracts';
import { ScrollTable } from './ScrollTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import { useReleaseHold, useRetentionHolds, useRetentionRuns, useRun, useTombstones } from './retention.api';

export function HoldsPanel() {
  const holds = useRetentionHolds();
  const release = useReleaseHold();
  const [releasing, setReleasing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  if (holds.isPending) return <Loading label="Loading the holds…" />;
  if (holds.isError) return <ErrorAlert error={holds.error} onRetry={() => void holds.refetch()} />;
  const list = holds.data.holds;
  return (
    <Stack>
      <Text>A legal hold keeps records past their date: all of a pupil's records, or one record (place one from the records due). Releasing a hold is recorded with its reason.</Text>
      {list.length === 0 ? <Text role="status">No legal holds.</Text> : list.map((h) => (
        <div key={h.id} className="retention-hold">
          <Text fw={600}>{h.pupilName ? `All records of ${h.pupilName}` : `${RETENTION_KIND_LABELS[h.kind!]}: record ${h.recordId!.slice(-8)}`}</Text>
          <Text size="sm">{h.reason}</Text>
          <Text size="sm" c="dimmed">Placed {formatDateTime(h.placedAt)} by {h.placedByName}
            {h.releasedAt ? `; released ${formatDateTime(h.releasedAt)} by ${h.releasedByName ?? ''}: ${h.releaseReason ?? ''}` : ''}</Text>
          {h.releasedAt ? null : releasing === h.id ? (
            <form onSubmit={(e) => { e.preventDefault(); release.mutate({ id: h.id, reason }, { onSuccess: () => { setReleasing(null); setReason(''); } }); }}>
              <Group gap="xs" align="end" wrap="wrap">
                <TextInput label="Why the hold is released" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
                <Button type="submit" loading={release.isPending}>Release hold</Button>
              </Group>
            </form>
          ) : <Button variant="light" size="compact-sm" onClick={() => setReleasing(h.id)}>Release<span className="visually-hidden-inline"> this hold</span></Button>}
        </div>
      ))}
      {release.isError ? <ErrorAlert error={release.error} /> : null}
    </Stack>
  );
}

function RunLines({ run, caption }: { run: TRetentionRun; caption: string }) {
  if (!run.lines.length) return <Text role="status">Nothing is due.</Text>;
  return (
    <ScrollTable label="What the run covers" minWidth={360}>
      <Table striped captionSide="top">
        <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th scope="col">Kind of record</Table.Th><Table.Th scope="col">School</Table.Th><Table.Th scope="col">{run.dryRun ? 'Would be deleted' : 'Deleted'}</Table.Th><Table.Th scope="col">Kept (on hold)</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>{run.lines.map((l) => <Table.Tr key={`${l.kind}-${l.siteId}`}><Table.Td>{l.label}</Table.Td><Table.Td>{l.siteName}</Table.Td><Table.Td>{l.records}</Table.Td><Table.Td>{l.held}</Table.Td></Table.Tr>)}</Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

export function RunPanel() {
  const run = useRun();
  const runs = useRetentionRuns();
  const [dry, setDry] = useState<TRetentionRun | null>(null);
  const [done, setDone] = useState<TRetentionRun | null>(null);
  return (
    <Stack>
      <Text>First see what would be deleted (nothing changes), then confirm. Records on hold are kept.</Text>
      <Group>
        <Button variant="light" loading={run.isPending && run.variables.dryRun} onClick={() => run.mutate({ dryRun: true }, { onSuccess: (r) => { setDry(r); setDone(null); } })}>See what would be deleted</Button>
      </Group>
      {run.isError ? <ErrorAlert error={run.error} /> : null}
      {dry ? (
        <Stack>
          <RunLines run={dry} caption={`Would be deleted as of ${formatDate(dry.asOf)}: ${plural(dry.total, 'record')}`} />
          {dry.total > 0 ? (
            <Alert color="red" variant="light" title="Deleting cannot be undone">
              <Stack gap="xs">
                <Text>{plural(dry.total, 'record')} and everything stored with them will be deleted. A trace of what was deleted is kept.</Text>
                <Group><Button color="red" loading={run.isPending && !run.variables.dryRun}
                  onClick={() => run.mutate({ dryRun: false, expectedTotal: dry.total }, { onSuccess: (r) => { setDone(r); setDry(null); } })}>Delete {plural(dry.total, 'record')}</Button></Group>
              </Stack>
            </Alert>
          ) : null}
        </Stack>
      ) : null}
      {done ? (
        <Alert color="green" variant="light" role="status" title="Deleted">
          <Text>{plural(done.total, 'record')} deleted, {done.held} kept on hold, {plural(done.filesRemoved, 'file')} removed.</Text>
        </Alert>
      ) : null}
      {done ? <RunLines run={done} caption="This run" /> : null}
      <h2>Past runs</h2>
      {runs.isPending ? <Loading label="Loading past runs…" /> : runs.isError ? <ErrorAlert error={runs.error} /> : runs.data.runs.length === 0
        ? <Text role="status">No records have been deleted yet.</Text>
        : runs.data.runs.map((r) => <PastRun key={r.id} run={r} />)}
    </Stack>
  );
}

function PastRun({ run }: { run: TRetentionRun }) {
  const [open, setOpen] = useState(false);
  const tombstones = useTombstones(open ? run.id : null);
  return (
    <div className="retention-run">
      <Text fw={600}>{formatDateTime(run.startedAt)}: {plural(run.total, 'record')} deleted, {run.held} kept on hold</Text>
      <Text size="sm" c="dimmed">By {run.startedByName}, for records due by {formatDate(run.asOf)}</Text>
      <Button variant="subtle" size="compact-sm" onClick={() => setOpen(!open)} aria-expanded={open}>{open ? 'Hide' : 'Show'} what was deleted</Button>
      {open && tombstones.data ? (
        <ScrollTable label="What was deleted" minWidth={520}>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th scope="col">Kind</Table.Th><Table.Th scope="col">Record</Table.Th><Table.Th scope="col">Dated</Table.Th><Table.Th scope="col">Rule</Table.Th><Table.Th scope="col">Removed</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{tombstones.data.tombstones.map((t) => (
              <Table.Tr key={t.id}><Table.Td>{RETENTION_KIND_LABELS[t.kind]}</Table.Td><Table.Td><code>{t.recordId.slice(-8)}</code></Table.Td><Table.Td>{formatDate(t.recordDate)}</Table.Td>
                <Table.Td>{t.years} years, due {formatDate(t.dueOn)}</Table.Td><Table.Td>{Object.values(t.rowsRemoved).reduce((a, b) => a + b, 0)} rows, {t.filesRemoved} files</Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
    </div>
  );
}
