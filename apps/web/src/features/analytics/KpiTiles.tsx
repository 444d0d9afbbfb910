/**
 * The dashboard's headline figures: each measure's count (opening its records), its rate, and its change against the
 * previous period as an arrow with a percentage and, for screen readers, the same in words (contracts kpiChange).
 */
import { Paper, SimpleGrid, Text, Title, VisuallyHidden } from '@mantine/core';
import { ANALYTICS_MEASURE_LABELS, type TAnalyticsDashboard } from '@haven/contracts';
import { chartDate, figureText, kpiChange } from '@haven/contracts/charts';
import { Count, rateText } from './AnalyticsFigures';
import type { DrillCell } from './analytics.api';

const KPI_MEASURES = ['neg', 'pos', 'inc', 'inv', 'pi'] as const;

export function KpiTiles({ d, onDrill }: { d: TAnalyticsDashboard; onDrill: ((c: DrillCell) => void) | null }) {
  const prev = d.previous;
  return (
    <section aria-label="Headline figures">
      {prev ? <Text size="xs" c="dimmed" mb={4}>Changes are against {chartDate(prev.from)} to {chartDate(prev.to)}, on the rate per 100 pupils per school day.</Text> : null}
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        {KPI_MEASURES.map((m) => {
          const change = kpiChange(d.totals[m]!, prev?.totals[m]);
          return (
            <Paper key={m} withBorder p="sm" radius="md" data-testid={`kpi-${m}`}>
              <Text size="sm" c="dimmed">{ANALYTICS_MEASURE_LABELS[m]}</Text>
              <Title order={2} size="h3"><Count f={d.totals[m]!} onDrill={onDrill} cell={{ measure: m, dim: 'all', key: '', title: ANALYTICS_MEASURE_LABELS[m].toLowerCase() }} /></Title>
              <Text size="xs">{rateText(d.totals[m]!)} per 100 pupils per school day</Text>
              {prev ? (
                <Text size="xs" fw={600} mt={2}>
                  <span aria-hidden="true">{change.arrow ? `${change.arrow} ${change.percent === null ? '' : `${change.percent}%`}` : '–'}</span>
                  <VisuallyHidden>{change.text}</VisuallyHidden>
                  <Text span size="xs" c="dimmed" fw={400} aria-hidden="true"> (before: {figureText(prev.totals[m])})</Text>
                  <VisuallyHidden>{`. Previous period: ${figureText(prev.totals[m])}.`}</VisuallyHidden>
                </Text>
              ) : null}
            </Paper>
          );
        })}
      </SimpleGrid>
    </section>
  );
}
