/** How every figure is counted (SPEC §9), from the same source as docs/analytics-definitions.md. */
import { Box, Card, Text, Title } from '@mantine/core';
import { DEFINITIONS, DEFINITIONS_INTRO } from '@haven/contracts';
import { Page } from '../../components/Page';
import { useCan } from '../../lib/usePolicy';
import { ReportsNav } from './ReportsNav';

export function DefinitionsPage() {
  const reports = useCan('reports.aggregate.read');
  return (
    <Page title="How figures are counted" description={DEFINITIONS_INTRO}>
      {reports ? <ReportsNav /> : null}
      {DEFINITIONS.map((section, i) => (
        <Card key={section.title} withBorder padding="md" component="section" aria-labelledby={`definitions-${i}`}>
          <Title order={2} size="h3" id={`definitions-${i}`} mb="xs">{section.title}</Title>
          <Box component="dl" m={0}>
            {section.items.map((d) => (
              <Box key={d.term} mb="sm">
                <Text fw={700} component="dt">{d.term}</Text>
                <Text component="dd" m={0}>{d.meaning}</Text>
                {d.example ? <Text component="dd" m={0} size="sm" c="dimmed">Example: {d.example}</Text> : null}
              </Box>
            ))}
          </Box>
        </Card>
      ))}
    </Page>
  );
}
