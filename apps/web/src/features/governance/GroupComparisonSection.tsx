/**
 * Pupil groups (ANA-2) for one measure — suspensions, permanent exclusions, detentions, isolations, involvements or
 * physical interventions — with the same sites and half-term as the page: each group's count and rate, the rate
 * ratio and risk ratio against all other pupils, and the risk index. Governors see "fewer than 5" and "withheld".
 */
import { useState } from 'react';
import { Card, Group, Select, Table, Text, Title } from '@mantine/core';
import { GROUP_MEASURES, GROUP_MEASURE_LABELS } from '@haven/contracts';
import { ProgressNote } from '../../components/ProgressNote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { Loading } from '../../components/Loading';
import { formatNumber } from '../../lib/format';
import { countText, rateText } from '../analytics/AnalyticsFigures';
import { valueText } from '../analytics/QualityParts';
import { exclusionQuery, useGroupComparison, type ExclusionFilters, type GroupMeasure } from './governance.api';

export function GroupComparisonSection({ filters }: { filters: ExclusionFilters }) {
  const [measure, setMeasure] = useState<GroupMeasure>('suspension');
  const groups = useGroupComparison(filters, measure);
  const what = GROUP_MEASURE_LABELS[measure];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-groups">
      <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
        <Title order={2} size="h4" id="pupil-groups">Pupil groups</Title>
        <ExportButtons path="/analytics/groups/compare" query={{ ...exclusionQuery(filters), measure }} what={`pupil groups: ${what.toLowerCase()}`} />
      </Group>
      <Select label="Compare" w={{ base: '100%', sm: 320 }} mb="xs" value={measure} allowDeselect={false}
        onChange={(v) => setMeasure((v ?? 'suspension') as GroupMeasure)} data={GROUP_MEASURES.map((m) => ({ value: m, label: GROUP_MEASURE_LABELS[m] }))} />
      <Text size="sm" c="dimmed" mb="xs">Rate per 100 pupils per school day; ratios compare each group with all other pupils (above 1: more likely).</Text>
      {groups.data ? <ProgressNote progress={groups.data.progress} /> : null}
      {groups.isPending ? <Loading /> : groups.isError ? <ErrorAlert error={groups.error} /> : (
        <div className="haven-table-scroll" tabIndex={0} role="group" aria-label="Table (scrolls sideways)" style={{ overflowX: 'auto' }}><div style={{ minWidth: 560 }}>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Group</Table.Th><Table.Th scope="col">Pupils</Table.Th><Table.Th scope="col">{what}</Table.Th>
                <Table.Th scope="col">Rate</Table.Th><Table.Th scope="col">Rate ratio</Table.Th><Table.Th scope="col">Risk index (%)</Table.Th><Table.Th scope="col">Risk ratio</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{groups.data.rows.map((r) => (
              <Table.Tr key={r.group}>
                <Table.Th scope="row" fw={500}>{r.label}</Table.Th>
                <Table.Td>{r.pupils.suppressed ? countText(r.pupils) : formatNumber(r.pupils.count ?? 0)}</Table.Td>
                <Table.Td>{countText(r.count)}</Table.Td><Table.Td>{rateText(r.count)}</Table.Td>
                <Table.Td>{valueText(r.rateRatio, 2)}</Table.Td><Table.Td>{valueText(r.riskIndex, 1)}</Table.Td><Table.Td>{valueText(r.riskRatio, 2)}</Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        </div></div>
      )}
    </Card>
  );
}
