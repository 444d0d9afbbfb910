/**
 * A dashboard chart (contracts/charts builds it) with its heading, a sentence on how to read it, and its data table:
 * always there for screen readers (visually hidden), shown on the page with "Show table". Every number in the table
 * with records behind it opens them, as a click on the chart does. The chart itself: ChartFigure.
 */
import { useState, type ReactNode } from 'react';
import { ChartFigure } from './ChartFigure';
import { Box, Button, Group, Paper, ScrollArea, Table, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { ChartDrill, ChartSpec, ChartTable } from '@haven/contracts/charts';

/**
 * The charts are drawn by a worker (chart.worker.ts, with ECharts, about 170 KB compressed). A page with charts calls
 * this once it has first painted, so the worker's code downloads beside the request for the page's figures rather
 * than after them, and not before the page's first paint, where on a slow network it would compete with /me and the
 * page's own code.
 */
export { startCharts } from './chartWorker';

/** The chart's numbers, shown on the page: each number with records behind it opens them. */
function DataTable({ table, onDrill }: { table: ChartTable; onDrill: ((c: ChartDrill) => void) | null }) {
  return (
    <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
      <Table striped fz="sm" captionSide="top" verticalSpacing={4}>
        <Table.Caption style={{ textAlign: 'left' }}>{table.caption}</Table.Caption>
        <Table.Thead><Table.Tr>{table.columns.map((c) => <Table.Th key={c} scope="col">{c}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {table.rows.map((r) => (
            <Table.Tr key={r.label}>
              <Table.Th scope="row" fw={500}>{r.label}</Table.Th>
              {r.cells.map((c, i) => (
                <Table.Td key={i}>{c.drill && onDrill ? (
                  <UnstyledButton onClick={() => onDrill(c.drill!)} aria-label={`${c.text}: show the records for ${c.drill.title}`} className="analytics-count"
                    style={{ textDecoration: 'underline', color: '#002b5c', fontWeight: 600 }}>{c.text}</UnstyledButton>
                ) : c.text}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

/**
 * The same numbers for a screen reader while the table is hidden from sight: plain table elements (nothing to style,
 * and a Mantine cell costs far more to render than a <td>), with nothing to focus, so a keyboard never lands on it
 * unseen.
 */
function UnseenTable({ table }: { table: ChartTable }) {
  return (
    <table>
      <caption>{table.caption}</caption>
      <thead><tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
      <tbody>{table.rows.map((r) => <tr key={r.label}><th scope="row">{r.label}</th>{r.cells.map((c, i) => <td key={i}>{c.text}</td>)}</tr>)}</tbody>
    </table>
  );
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
          <ChartFigure spec={spec} onDrill={onDrill} />
        </Box>
      )}
      <div id={tableId}>{shown ? <DataTable table={spec.table} onDrill={onDrill} /> : <VisuallyHidden><UnseenTable table={spec.table} /></VisuallyHidden>}</div>
    </Paper>
  );
}
