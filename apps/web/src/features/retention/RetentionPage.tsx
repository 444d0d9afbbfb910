/**
 * Retention (CMP-1): the records past their retention date (by kind and school, with the records behind each count),
 * legal holds, the purge run (a dry run first, then confirmed, with what it removed), and the schedule itself.
 * Trust administrators see every kind but sealed safeguarding records; a DSL sees those, at their schools.
 */
import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { RETENTION_TRIGGERS, RETENTION_TRIGGER_LABELS, type TRetentionKind, type TRetentionTrigger } from '@haven/contracts';
import { ScrollTable } from './ScrollTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { PageTabs } from '../../components/PageTabs';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import { useRetentionDue, useRetentionRecords, useRetentionRules, useSaveRule, usePlaceHold, type TRetentionRule } from './retention.api';
import { HoldsPanel, RunPanel } from './RetentionHoldsRun';

type Tab = 'due' | 'holds' | 'run' | 'schedule';
const TABS: readonly { value: Tab; label: string }[] = [
  { value: 'due', label: 'Due for deletion' }, { value: 'holds', label: 'Legal holds' }, { value: 'run', label: 'Run' }, { value: 'schedule', label: 'Schedule' },
];

export function RetentionPage() {
  const [tab, setTab] = useState<Tab>('due');
  return (
    <RequirePermission permission={['retention.records', 'retention.sealed', 'retention.schedule.manage']} what="records retention">
      <Page title="Records retention" description="How long each kind of record is kept, the records past that date, legal holds that keep them, and deleting what is due. What is deleted leaves a trace: which record, when and under which rule — never its content.">
        <PageTabs tabs={TABS} value={tab} onChange={setTab} label="Retention views">
          {tab === 'due' ? <DuePanel /> : tab === 'holds' ? <HoldsPanel /> : tab === 'run' ? <RunPanel /> : <SchedulePanel />}
        </PageTabs>
      </Page>
    </RequirePermission>
  );
}

function DuePanel() {
  const due = useRetentionDue();
  const [open, setOpen] = useState<{ kind: TRetentionKind; siteId: string; label: string } | null>(null);
  if (due.isPending) return <Loading label="Finding the records past their date…" />;
  if (due.isError) return <ErrorAlert error={due.error} onRetry={() => void due.refetch()} />;
  const rows = due.data.rows;
  return (
    <Stack>
      <Text>As of {formatDate(due.data.asOf)}.</Text>
      {rows.length === 0 ? <Text role="status">No records are past their retention date.</Text> : (
        <ScrollTable label="Records past their retention date" minWidth={420}>
          <Table striped captionSide="top">
            <Table.Caption style={{ textAlign: 'left' }}>Records past their retention date</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th scope="col">Kind of record</Table.Th><Table.Th scope="col">School</Table.Th><Table.Th scope="col">Due</Table.Th><Table.Th scope="col">On hold</Table.Th><Table.Th scope="col"><span className="visually-hidden-inline">Records</span></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.kind}-${r.siteId}`}>
                  <Table.Td>{r.label}</Table.Td><Table.Td>{r.siteName}</Table.Td><Table.Td>{r.due}</Table.Td><Table.Td>{r.held}</Table.Td>
                  <Table.Td><Button variant="subtle" size="compact-sm" onClick={() => setOpen({ kind: r.kind, siteId: r.siteId, label: `${r.label} at ${r.siteName}` })}>
                    Show records<span className="visually-hidden-inline">: {r.label} at {r.siteName}</span></Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {open ? <DueRecords {...open} /> : null}
    </Stack>
  );
}

function DueRecords({ kind, siteId, label }: { kind: TRetentionKind; siteId: string; label: string }) {
  const records = useRetentionRecords(kind, siteId);
  const hold = usePlaceHold();
  const [holding, setHolding] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  if (records.isPending) return <Loading label="Loading the records…" />;
  if (records.isError) return <ErrorAlert error={records.error} onRetry={() => void records.refetch()} />;
  return (
    <Stack>
      <h2>{label}: {plural(records.data.total, 'record')}</h2>
      <ScrollTable label="The records" minWidth={520}>
        <Table striped>
          <Table.Thead><Table.Tr><Table.Th scope="col">Record</Table.Th><Table.Th scope="col">Pupils</Table.Th><Table.Th scope="col">Dated</Table.Th><Table.Th scope="col">Due since</Table.Th><Table.Th scope="col">Hold</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {records.data.records.map((r) => (
              <Table.Tr key={r.recordId}>
                <Table.Td><code>{r.recordId.slice(-8)}</code></Table.Td>
                <Table.Td>{r.pupils.map((p) => p.name).join(', ')}</Table.Td>
                <Table.Td>{formatDate(r.recordDate)}</Table.Td><Table.Td>{formatDate(r.dueOn)}</Table.Td>
                <Table.Td>{r.held ? <Text size="sm">On hold: {r.holdReasons.join('; ')}</Text> : holding === r.recordId ? (
                  <form onSubmit={(e) => { e.preventDefault(); hold.mutate({ kind, recordId: r.recordId, reason }, { onSuccess: () => { setHolding(null); setReason(''); } }); }}>
                    <Group gap="xs" wrap="wrap">
                      <TextInput label="Why it must be kept" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required size="xs" />
                      <Button type="submit" size="compact-sm" loading={hold.isPending}>Place hold</Button>
                    </Group>
                  </form>
                ) : <Button size="compact-sm" variant="light" onClick={() => setHolding(r.recordId)}>Hold<span className="visually-hidden-inline"> record {r.recordId.slice(-8)}</span></Button>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {hold.isError ? <ErrorAlert error={hold.error} /> : null}
    </Stack>
  );
}

function SchedulePanel() {
  const rules = useRetentionRules();
  if (rules.isPending) return <Loading label="Loading the schedule…" />;
  if (rules.isError) return <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <Stack>
      <Text>Each kind of record is deleted a number of years after a date. The starting values follow the IRMS Information Management Toolkit for Schools; check them with your data protection officer.</Text>
      {rules.data.rules.map((r) => <RuleRow key={r.kind} rule={r} canEdit={rules.data.canEdit} />)}
    </Stack>
  );
}

function RuleRow({ rule, canEdit }: { rule: TRetentionRule; canEdit: boolean }) {
  const save = useSaveRule();
  const [trigger, setTrigger] = useState<TRetentionTrigger>(rule.trigger);
  const [years, setYears] = useState<number>(rule.years);
  const [enabled, setEnabled] = useState(rule.enabled);
  const changed = trigger !== rule.trigger || years !== rule.years || enabled !== rule.enabled;
  return (
    <form aria-label={rule.label} className="retention-rule" onSubmit={(e) => { e.preventDefault(); save.mutate({ kind: rule.kind, trigger, years, enabled, basis: rule.basis }); }}>
      <Stack gap={4}>
        <h3 style={{ margin: 0 }}>{rule.label}</h3>
        <Group gap="sm" align="end" wrap="wrap">
          <Select label="Counted from" data={RETENTION_TRIGGERS.map((t) => ({ value: t, label: RETENTION_TRIGGER_LABELS[t] }))} value={trigger}
            onChange={(v) => v && setTrigger(v as TRetentionTrigger)} disabled={!canEdit} allowDeselect={false} w={230} />
          <NumberInput label="Years" value={years} min={1} max={100} onChange={(v) => setYears(Number(v) || 0)} disabled={!canEdit} w={100} />
          <Switch label="Delete when due" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} disabled={!canEdit} />
          {canEdit ? <Button type="submit" size="sm" disabled={!changed} loading={save.isPending}>Save<span className="visually-hidden-inline"> {rule.label}</span></Button> : null}
        </Group>
        <Text size="sm" c="dimmed">{rule.basis}{rule.updatedAt ? ` — changed ${formatDateTime(rule.updatedAt)} by ${rule.updatedByName ?? ''}` : ''}</Text>
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        {save.isSuccess && !changed ? <Alert color="green" variant="light" role="status">Saved.</Alert> : null}
      </Stack>
    </form>
  );
}
