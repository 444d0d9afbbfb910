/**
 * A dashboard chart (contracts/charts builds it) with its heading, a sentence on how to read it, and its data table:
 * always there for screen readers (visually hidden), shown on the page with "Show table". Every number in the table
 * with records behind it opens them, as a click on the chart does. ECharts itself is a separate chunk (EChart.tsx).
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Box, Button, Group, Paper, ScrollArea, Table, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { ChartDrill, ChartSpec, ChartTable } from '@haven/contracts/charts';

/**
 * ECharts is about 170 KB compressed. A page with charts calls this once it has first rendered, so the download runs
 * beside the request for its figures rather than after them (when the first chart renders), and not before the
 * page's first paint, where on a slow network it would compete with /me and the page's own code.
 */
export const loadECharts = () => import('./EChart');
const EChart = lazy(loadECharts);

/** The chart's numbers; hidden from sight (for screen readers) it has nothing to focus, so a keyboard never lands on it unseen. */
function DataTable({ table, onDrill, visible }: { table: ChartTable; onDrill: ((c: ChartDrill) => void) | null; visible: boolean }) {
  const body = (
      <Table striped fz="sm" captionSide="top" verticalSpacing={4}>
        <Table.Caption style={{ textAlign: 'left' }}>{table.caption}</Table.Caption>
        <Table.Thead><Table.Tr>{table.columns.map((c) => <Table.Th key={c} scope="col">{c}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {table.rows.map((r) => (
            <Table.Tr key={r.label}>
              <Table.Th scope="row" fw={500}>{r.label}</Table.Th>
              {r.cells.map((c, i) => (
                <Table.Td key={i}>{c.drill && onDrill && visible ? (
                  <UnstyledButton onClick={() => onDrill(c.drill!)} aria-label={`${c.text}: show the records for ${c.drill.title}`} className="analytics-count"
                    style={{ textDecoration: 'underline', color: '#002b5c', fontWeight: 600 }}>{c.text}</UnstyledButton>
                ) : c.text}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
  );
  return visible ? <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>{body}</ScrollArea> : body;
}

export function ChartPanel({ spec, onDrill, actions, empty }: { spec: ChartSpec; onDrill: ((c: ChartDrill) => void) | null; actions?: ReactNode; empty?: boolean }) {
  const [shown, setShown] = useState(false);
  const tableId = `table-${spec.id}`;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`title-${spec.id}`} data-testid={`panel-${spec.id}`}>
      <Group justify="space-between" align="flex-start" mb={4} gap="xs">
        <Title order={2} size="h4" id={`title-${spec.id}`}>{spec.title}</Title>
        <Group gap="xs">
          {actions}
          <Button size="xs" variant="default" aria-expanded={shown} aria-controls={tableId} onClick={() => setShown((s) => !s)}>{shown ? 'Hide table' : 'Show table'}</Button>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">{spec.description}{onDrill ? ' Choose a bar or cell to see its records.' : ''}</Text>
      {empty ? <Text c="dimmed">Nothing recorded in this period.</Text> : (
        <Box aria-hidden="true">
          <Suspense fallback={<Box h={spec.height} />}><EChart spec={spec} onDrill={onDrill} /></Suspense>
        </Box>
      )}
      <div id={tableId}>{shown ? <DataTable table={spec.table} onDrill={onDrill} visible /> : <VisuallyHidden><DataTable table={spec.table} onDrill={onDrill} visible={false} /></VisuallyHidden>}</div>
    </Paper>
  );
}
