/**
 * Pieces shared by the physical interventions and record-quality tabs: a count that opens its records (for roles that
 * may see them), shares as "%", "withheld" or "n/a", and a titled section whose table scrolls sideways on a phone.
 */
import type { ReactNode } from 'react';
import { Group, Paper, Text, Title, UnstyledButton } from '@mantine/core';
import type { TFigure } from '@haven/contracts';
import { countText } from './AnalyticsFigures';
import type { QualityCell } from './quality.api';

export type OpenCell = ((c: QualityCell) => void) | null;

export function FigureCount({ f, cell, onOpen }: { f: TFigure; cell: QualityCell; onOpen: OpenCell }) {
  const text = countText(f);
  if (!onOpen || !f.count) return <span>{text}</span>;
  return (
    <UnstyledButton onClick={() => onOpen(cell)} aria-label={`${text}: show the records for ${cell.title}`}
      style={{ textDecoration: 'underline', color: '#002b5c', fontWeight: 600 }}>
      {text}
    </UnstyledButton>
  );
}

/** A share in per cent (the figure's rate), whole numbers. */
export function pctText(f: TFigure): string {
  if (f.rateNote === 'withheld') return 'withheld';
  return f.rate === null ? 'n/a' : `${Math.round(f.rate)}%`;
}

/** A total, median or other value built on counts. */
export function valueText(d: { value: number | null; note: string | null }, digits = 0): string {
  if (d.note === 'withheld') return 'withheld';
  // a fraction, rounded as Intl rounds it: only on the record-quality tab, which is drawn after the page's first load
  // eslint-disable-next-line no-restricted-properties
  return d.value === null ? 'n/a' : d.value.toLocaleString('en-GB', { maximumFractionDigits: digits });
}

export function Section({ title, id, caption, actions, children, empty }: {
  title: string; id: string; caption?: string; actions?: ReactNode; children: ReactNode; empty?: boolean;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
        <Title order={2} size="h4" id={id}>{title}</Title>
        {actions}
      </Group>
      {caption ? <Text size="sm" c="dimmed" mb="xs">{caption}</Text> : null}
      {empty ? <Text c="dimmed">Nothing recorded in this period.</Text> : (
        <div className="scroll-x" tabIndex={0}>{children}</div>
      )}
    </Paper>
  );
}
