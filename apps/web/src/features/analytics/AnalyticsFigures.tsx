/**
 * The dashboard's figures as accessible tables: every number is a button that opens the records behind it (for
 * roles that may see them); suppressed counts read "fewer than 5"; rates say what they are per. Each table's heading
 * can carry actions (its Download CSV / XLSX pair), which wrap below the title on a phone.
 */
import type { ReactNode } from 'react';
import { Box, Group, Paper, ScrollArea, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { ANALYTICS_MEASURE_LABELS, type TAnalyticsDashboard, type TAnalyticsMeasure, type TAnalyticsRow, type TFigure } from '@haven/contracts';
import { formatDate, formatNumber } from '../../lib/format';
import type { DrillCell } from './analytics.api';

export const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

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

/** A breakdown (by category, location, period, staff, pupil, year group, site) for the chosen measures side by side. */
export function BreakdownTable({ title, caption, rows, measures, dim, onDrill, keyLabel, actions }: {
  title: string; caption: string; rows: readonly TAnalyticsRow[]; measures: readonly TAnalyticsMeasure[];
  dim: DrillCell['dim'] | null; onDrill: ((c: DrillCell) => void) | null; keyLabel: string; actions?: ReactNode;
}) {
  const max = Math.max(0, ...rows.flatMap((r) => measures.map((m) => r.values[m].count ?? 0)));
  return (
    <Paper withBorder p="md" radius="md">
      <Heading title={title} actions={actions} />
      {rows.length === 0 ? <Text c="dimmed">Nothing recorded in this period.</Text> : (
        <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
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
        </ScrollArea>
      )}
    </Paper>
  );
}

/** Weekday × period: each cell a count of the chosen measure, shaded by size, opening its records. */
export function Heatmap({ d, measure, onDrill, actions }: { d: TAnalyticsDashboard; measure: TAnalyticsMeasure; onDrill: ((c: DrillCell) => void) | null; actions?: ReactNode }) {
  const periods = [...new Set(d.heatmap.map((h) => h.period))].sort((a, b) => order(d, a) - order(d, b));
  const days = [...new Set(d.heatmap.map((h) => h.weekday))].sort();
  const max = Math.max(0, ...d.heatmap.map((h) => h.values[measure].count ?? 0));
  const label = (p: string) => d.byPeriod.find((x) => x.key === p)?.label ?? (p || 'Outside lessons');
  return (
    <Paper withBorder p="md" radius="md">
      <Heading title="When: weekday and period" actions={actions} />
      <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
        <Table withColumnBorders fz="sm" captionSide="top">
          <Table.Caption style={{ textAlign: 'left' }}>{`${ANALYTICS_MEASURE_LABELS[measure]} by weekday and lesson period; choose a number to see its records`}</Table.Caption>
          <Table.Thead>
            <Table.Tr><Table.Th scope="col">Day</Table.Th>{periods.map((p) => <Table.Th key={p} scope="col">{label(p)}</Table.Th>)}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {days.map((w) => (
              <Table.Tr key={w}>
                <Table.Th scope="row">{WEEKDAYS[w]}</Table.Th>
                {periods.map((p) => {
                  const cell = d.heatmap.find((h) => h.weekday === w && h.period === p);
                  const f = cell?.values[measure] ?? { count: 0, suppressed: false, rate: 0, rateNote: null };
                  const shade = max > 0 && f.count ? Math.round((f.count / max) * 45) + 5 : 0;
                  return (
                    <Table.Td key={p} data-testid={`heat-${w}-${p}`} style={{ textAlign: 'center', background: shade ? `color-mix(in srgb, var(--mantine-color-red-3) ${shade * 2}%, white)` : undefined }}>
                      <Count f={f} onDrill={onDrill} cell={{ measure, dim: 'wp', key: `${w}:${p}`, title: `${WEEKDAYS[w]}, ${label(p)}` }} />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}

function order(d: TAnalyticsDashboard, period: string): number {
  const i = d.byPeriod.findIndex((p) => p.key === period);
  return period === '' ? 999 : i < 0 ? 500 : i;
}

/** Over time: a column per bucket for positive and negative, drawn in SVG (hidden from screen readers) beside its table. */
export function SeriesChart({ d, onDrill, actions }: { d: TAnalyticsDashboard; onDrill: ((c: DrillCell) => void) | null; actions?: ReactNode }) {
  const measures: TAnalyticsMeasure[] = ['pos', 'neg', 'inc'];
  const max = Math.max(1, ...d.series.flatMap((s) => measures.map((m) => s.values[m].count ?? 0)));
  const w = Math.max(320, d.series.length * 30);
  const colours: Record<string, string> = { pos: '#2b8a3e', neg: '#c92a2a', inc: '#1864ab' };
  const label = (b: string) => (d.granularity === 'month' ? new Date(`${b}T12:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }) : formatDate(b));
  return (
    <Paper withBorder p="md" radius="md">
      <Heading title="Over time" actions={actions} />
      <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
        <svg width={w} height={160} aria-hidden="true" focusable="false">
          {d.series.map((s, i) => measures.map((m, j) => {
            const v = s.values[m].count ?? 0;
            const h = Math.round((v / max) * 130);
            return <rect key={`${s.bucket}-${m}`} x={i * 30 + j * 9 + 2} y={140 - h} width={8} height={h} fill={colours[m]} />;
          }))}
          <line x1={0} x2={w} y1={140} y2={140} stroke="#868e96" />
        </svg>
      </ScrollArea>
      <Text size="xs" c="dimmed" mb="xs">Green: positive points; red: negative behaviour points; blue: incidents.</Text>
      <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
        <Table fz="sm" striped captionSide="top">
          <Table.Caption style={{ textAlign: 'left' }}>{`Per ${d.granularity}; rates per 100 pupils per school day`}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{d.granularity === 'week' ? 'Week beginning' : d.granularity === 'month' ? 'Month' : 'Day'}</Table.Th>
              <Table.Th scope="col">School days</Table.Th>
              {measures.map((m) => <Table.Th key={m} scope="col">{ANALYTICS_MEASURE_LABELS[m]}</Table.Th>)}
              <Table.Th scope="col">Negative rate</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.series.map((s) => (
              <Table.Tr key={s.bucket}>
                <Table.Th scope="row">{label(s.bucket)}</Table.Th>
                <Table.Td>{s.schoolDays}</Table.Td>
                {measures.map((m) => (
                  <Table.Td key={m}><Count f={s.values[m]} onDrill={onDrill} cell={{ measure: m, dim: 'all', key: '', bucket: s.bucket, title: `${label(s.bucket)}, ${ANALYTICS_MEASURE_LABELS[m].toLowerCase()}` }} /></Table.Td>
                ))}
                <Table.Td>{rateText(s.values.neg)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
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
