/**
 * The training matrix (STF-1): who holds what at a site or across the caller's sites — valid, expiring within 60 days,
 * in grace, expired, never trained — filtered by course, status and name, and downloadable as CSV or XLSX. On a phone
 * each member of staff is a card; on a wide screen a table with one column per course.
 */
import { Group, Select, Stack, Table, Text, TextInput, Card } from '@mantine/core';
import { useState } from 'react';
import { MATRIX_STATUSES, MATRIX_STATUS_LABELS, type TMatrix } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { useWide } from '../../components/useWide';
import { formatDate } from '../../lib/format';
import { useCourses, useMatrix } from './training.api';
import { StatusBadge, useTrainingSite } from './TrainingParts';

export function TrainingMatrixPage() {
  return <RequirePermission permission="training.read" what="the training matrix"><Matrix /></RequirePermission>;
}

function Matrix() {
  const { siteId, picker } = useTrainingSite(true);
  const courses = useCourses();
  const [courseId, setCourseId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const query = { siteId, courseId: courseId ?? undefined, status: status ?? undefined, search: search.trim() || undefined };
  const m = useMatrix(query);
  const wide = useWide();
  return (
    <Page title="Training matrix" description="Who holds which certificate today, and whose are running out.">
      <Group gap="sm" wrap="wrap" align="flex-end">
        {picker}
        <Select label="Course" placeholder="Every course" clearable maw={320} value={courseId} onChange={setCourseId}
          data={(courses.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} />
        <Select label="Status" placeholder="Any status" clearable maw={240} value={status} onChange={setStatus}
          data={MATRIX_STATUSES.map((s) => ({ value: s, label: MATRIX_STATUS_LABELS[s] }))} />
        <TextInput label="Name or job title" value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={240} />
      </Group>
      <ExportButtons path="/training/matrix" query={query} what="the training matrix" />
      {m.isPending ? <Loading label="Loading the matrix…" /> : null}
      {m.isError ? <ErrorAlert error={m.error} onRetry={() => void m.refetch()} /> : null}
      {m.data ? <Totals m={m.data} /> : null}
      {m.data && !m.data.rows.length ? <Text c="dimmed">Nobody matches.</Text> : null}
      {m.data && m.data.rows.length ? (wide ? <Grid m={m.data} /> : <Cards m={m.data} />) : null}
    </Page>
  );
}

function Totals({ m }: { m: TMatrix }) {
  return (
    <Group gap="xs" wrap="wrap" aria-label="Totals">
      {MATRIX_STATUSES.map((s) => <Group key={s} gap={4}><StatusBadge status={s} /><Text size="sm">{m.totals[s] ?? 0}</Text></Group>)}
    </Group>
  );
}

function Grid({ m }: { m: TMatrix }) {
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped withTableBorder aria-label="Training matrix">
        <Table.Thead>
          <Table.Tr><Table.Th>Member of staff</Table.Th><Table.Th>Site</Table.Th>{m.courses.map((c) => <Table.Th key={c.id} title={c.name}>{c.code}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.rows.slice(0, 500).map((r) => (
            <Table.Tr key={r.staffId}>
              <Table.Td><Text size="sm" fw={600}>{r.staffName}</Text><Text size="xs" c="dimmed">{r.jobTitle}</Text></Table.Td>
              <Table.Td><Text size="sm">{r.siteName}</Text></Table.Td>
              {r.cells.map((cell, i) => (
                <Table.Td key={m.courses[i]!.id}>
                  <StatusBadge status={cell.status} />
                  {cell.expiresOn ? <Text size="xs" c="dimmed">{formatDate(cell.expiresOn)}</Text> : null}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {m.rows.length > 500 ? <Text size="sm" c="dimmed">Showing the first 500: narrow the filters, or download the whole matrix.</Text> : null}
    </Table.ScrollContainer>
  );
}

function Cards({ m }: { m: TMatrix }) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} aria-label="Training matrix">
      {m.rows.slice(0, 200).map((r) => (
        <Card key={r.staffId} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
          <Text fw={700}>{r.staffName}</Text>
          <Text size="xs" c="dimmed">{r.jobTitle} · {r.siteName}</Text>
          <Stack gap={4} mt={4}>
            {r.cells.map((cell, i) => (
              <Group key={m.courses[i]!.id} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" className="break-anywhere">{m.courses[i]!.name}</Text>
                <Group gap={4} wrap="nowrap"><StatusBadge status={cell.status} />{cell.expiresOn ? <Text size="xs">{formatDate(cell.expiresOn)}</Text> : null}</Group>
              </Group>
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
