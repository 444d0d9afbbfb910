/** Version history (INC-6): who changed what and when, with the reviewer's comments and field-by-field changes. */
import { Stack, Table, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/format';
import { ReadSection } from './IncidentDetails';
import { useIncidentHistory } from './incidents.api';
import { CHANGE_LABELS, fieldLabel } from './labels';
import type { TIncident } from './types';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function diffValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string') return ISO_INSTANT.test(v) ? formatDateTime(v) : v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.length ? v.join(', ') : '—';
  const json = JSON.stringify(v);
  return json.length > 400 ? `${json.slice(0, 400)}…` : json;
}

export function HistoryCard({ inc }: { inc: TIncident }) {
  const history = useIncidentHistory(inc.id);
  const custom = Object.fromEntries(inc.customFields.map((f) => [f.key, f.label]));
  const items = [...(history.data?.items ?? [])].sort((a, b) => b.version - a.version);
  return (
    <ReadSection title="Version history" id="view-history">
      {history.isPending ? <Loading label="Loading the history…" /> : null}
      {history.isError ? <ErrorAlert error={history.error} title="Could not load the history" onRetry={() => void history.refetch()} /> : null}
      <Stack component="ol" gap="md" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Versions, newest first">
        {items.map((v) => (
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
                          <Table.Td className="incident-text">{diffValue(d.before)}</Table.Td>
                          <Table.Td className="incident-text">{diffValue(d.after)}</Table.Td>
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
