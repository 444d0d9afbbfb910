/**
 * The dashboard's breakdowns as accessible tables (the charts are in charts/): every number is a button that opens the records behind it (for
 * roles that may see them); suppressed counts read "fewer than 5"; rates say what they are per. Each table's heading
 * can carry actions (its Download CSV / XLSX pair), which wrap below the title on a phone.
 */
import { useState, type ReactNode } from 'react';
import { Box, Button, Group, Paper, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { ANALYTICS_MEASURE_LABELS, type TAnalyticsMeasure, type TAnalyticsRow, type TFigure } from '@haven/contracts';
import { formatNumber } from '../../lib/format';
import type { DrillCell } from './analytics.api';

export function countText(f: TFigure): string {
  if (f.suppressed) return 'fewer than 5';
  return f.count === null ? '–' : formatNumber(f.count);
}

export function rateText(f: TFigure): string {
  if (f.rateNote === 'withheld') return 'withheld';
  if (f.rate === null) return 'n/a';
  return f.rate.toFixed(2);
}

export function Count({ f, cell, onDrill }: { f: TFigure; cell: DrillCell; onDrill: ((c: DrillCell) => void) | null }) {
  const text = countText(f);
  if (!onDrill || !f.count) return <span>{text}</span>;
  return (
    <UnstyledButton onClick={() => onDrill(cell)} aria-label={`${text}: show the records for ${cell.title}`} className="analytics-count"
      style={{ textDecoration: 'underline', color: '#002b5c', fontWeight: 600 }}>
      {text}
    </UnstyledButton>
  );
}

/** A table's title with its actions beside it (below it when there is no room). */
function Heading({ title, actions }: { title: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
      <Title order={2} size="h4">{title}</Title>
      {actions}
    </Group>
  );
}

function Bar({ value, max, colour }: { value: number; max: number; colour: string }) {
  const pct = max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0;
  return (
    <Box aria-hidden style={{ height: 10, width: '100%', minWidth: 40, background: 'var(--mantine-color-gray-1)', borderRadius: 4 }}>
      <Box style={{ height: 10, width: `${value > 0 ? pct : 0}%`, background: colour, borderRadius: 4 }} />
    </Box>
  );
}

/**
 * A breakdown (by category, location, period, staff, pupil, year group, site) for the chosen measures side by side.
 * A long one (`firstRows`) shows its first rows and a button that shows the rest and back: its download has them all.
 */
export function BreakdownTable({ title, caption, rows: all, measures, dim, onDrill, keyLabel, actions, firstRows }: {
  title: string; caption: string; rows: readonly TAnalyticsRow[]; measures: readonly TAnalyticsMeasure[];
  dim: DrillCell['dim'] | null; onDrill: ((c: DrillCell) => void) | null; keyLabel: string; actions?: ReactNode; firstRows?: number;
}) {
  const [expanded, setExpanded] = useState(false);
  const cut = !!firstRows && !expanded && all.length > firstRows;
  const rows = cut ? all.slice(0, firstRows) : all;
  const max = Math.max(0, ...all.flatMap((r) => measures.map((m) => r.values[m].count ?? 0)));
  return (
    <Paper withBorder p="md" radius="md" className="analytics-breakdown">
      <Heading title={title} actions={actions} />
      {rows.length === 0 ? <Text c="dimmed">Nothing recorded in this period.</Text> : (
        <div className="scroll-x" tabIndex={0}>
          <Table striped verticalSpacing={4} fz="sm" captionSide="top">
            <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{keyLabel}</Table.Th>
                {measures.map((m) => <Table.Th key={m} scope="col">{ANALYTICS_MEASURE_LABELS[m]}</Table.Th>)}
                {measures.map((m) => <Table.Th key={`${m}-r`} scope="col">{`${ANALYTICS_MEASURE_LABELS[m]} per 100 pupils per school day`}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Th scope="row" fw={500}>{r.label}</Table.Th>
                  {measures.map((m, i) => (
                    <Table.Td key={m} style={{ minWidth: 90 }}>
                      {dim ? <Count f={r.values[m]} onDrill={onDrill} cell={{ measure: m, dim, key: r.key, title: `${r.label}, ${ANALYTICS_MEASURE_LABELS[m].toLowerCase()}` }} /> : countText(r.values[m])}
                      <Bar value={r.values[m].count ?? 0} max={max} colour={i === 0 ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-teal-7)'} />
                    </Table.Td>
                  ))}
                  {measures.map((m) => <Table.Td key={`${m}-r`}>{rateText(r.values[m])}</Table.Td>)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {/* one button that stays where it is, so a keyboard user's focus is not lost when the rows change */}
      {firstRows && all.length > firstRows ? (
        <Button variant="subtle" size="compact-sm" mt="xs" aria-expanded={expanded} onClick={() => setExpanded((x) => !x)}>
          {expanded ? `Show the first ${firstRows} rows` : `Show all ${all.length} rows`}
        </Button>
      ) : null}
    </Paper>
  );
}

export function SuppressionNote({ d }: { d: { aggregateOnly: boolean } }) {
  if (!d.aggregateOnly) return null;
  return (
    <Text size="sm" fw={500} bg="gray.1" px="sm" py={6} style={{ borderRadius: 6 }}>
      Aggregate figures only: counts from 1 to 4 are shown as "fewer than 5", and rates built on them are withheld.
    </Text>
  );
}
