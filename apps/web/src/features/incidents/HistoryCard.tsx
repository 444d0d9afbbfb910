/** Version history (INC-6): who changed what and when, with the reviewer's comments and field-by-field changes. */
import { Stack, Table, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/format';
import { formatDiffValue, HIDDEN_DIFF_FIELDS, type DiffContext } from './diffFormat';
import { ReadSection } from './IncidentDetails';
import { useIncidentHistory } from './incidents.api';
import { CHANGE_LABELS, fieldLabel } from './labels';
import type { TIncident } from './types';

export function HistoryCard({ inc, ctx }: { inc: TIncident; ctx: DiffContext }) {
  const history = useIncidentHistory(inc.id);
  const custom = Object.fromEntries(inc.customFields.map((f) => [f.key, f.label]));
  const items = [...(history.data?.items ?? [])].sort((a, b) => b.version - a.version);
  return (
    <ReadSection title="Version history" id="view-history">
      {history.isPending ? <Loading label="Loading the history…" /> : null}
      {history.isError ? <ErrorAlert error={history.error} title="Could not load the history" onRetry={() => void history.refetch()} /> : null}
      <Stack component="ol" gap="md" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Versions, newest first">
        {items.map((v) => ({ ...v, diff: v.diff.filter((d) => !HIDDEN_DIFF_FIELDS.has(d.field)) })).map((v) => (
          <li key={v.version}>
            <Text size="sm" fw={600}>Version {v.version}: {CHANGE_LABELS[v.change] ?? v.change}</Text>
            <Text size="sm" c="dimmed">{v.changedBy.name}, {formatDateTime(v.changedAt)}</Text>
            {v.comment ? <Text size="sm" className="incident-text" mt={4}>“{v.comment}”</Text> : null}
            {v.diff.length ? (
              <details className="audit-details" style={{ marginTop: 4 }}>
                <summary>{v.diff.length === 1 ? 'Show 1 change' : `Show ${v.diff.length} changes`}<span className="visually-hidden-inline"> in version {v.version}</span></summary>
                <Table.ScrollContainer minWidth={320}>
                  <Table verticalSpacing={4} fz="sm" withTableBorder>
                    <Table.Thead>
                      <Table.Tr><Table.Th scope="col">Field</Table.Th><Table.Th scope="col">Before</Table.Th><Table.Th scope="col">After</Table.Th></Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {v.diff.map((d) => (
                        <Table.Tr key={d.field}>
                          <Table.Td>{fieldLabel(d.field, custom)}</Table.Td>
                          <Table.Td className="incident-text">{formatDiffValue(d.field, d.before, ctx)}</Table.Td>
                          <Table.Td className="incident-text">{formatDiffValue(d.field, d.after, ctx)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </details>
            ) : null}
          </li>
        ))}
      </Stack>
    </ReadSection>
  );
}
