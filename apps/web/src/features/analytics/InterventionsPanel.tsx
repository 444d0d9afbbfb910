/**
 * Physical interventions (ANA-3): count, total and median minutes, pupils and staff, debriefs and parents informed as
 * shares of the interventions, injuries, sites side by side, holds and techniques, and the pupils with most (names for
 * roles that may see them), and holds used without a valid certificate (STF-2). Every count opens its records where
 * allowed; every table downloads as CSV or XLSX.
 */
import type { ReactNode } from 'react';
import { Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { PI_KIND_LABELS, type TPiKind, type TPiStats } from '@haven/contracts';
import { ProgressNote } from '../../components/ProgressNote';
import { ExportButtons } from '../../components/ExportButtons';
import { formatDate, formatNumber, yearGroupLabel } from '../../lib/format';
import { countText } from './AnalyticsFigures';
import { FigureCount, pctText, Section, valueText, type OpenCell } from './QualityParts';
import type { QualityCell } from './quality.api';
import { UncertifiedPanel } from './UncertifiedPanel';

type Query = Record<string, string>;
const PATH = '/analytics/physical-interventions';

function Tile({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fz={24} fw={700}>{children}</Text>
    </Paper>
  );
}

const COMPLIANCE: { kind: Exclude<TPiKind, 'all' | 'pupilNotDebriefed' | 'staffNotDebriefed' | 'pupilInjured' | 'staffInjured' | 'medicalAttention'>; short: string }[] = [
  { kind: 'pupilDebriefed', short: 'Pupil debrief done' }, { kind: 'staffDebriefed', short: 'Staff debrief done' },
  { kind: 'parentInformed', short: 'Parent informed' }, { kind: 'parentInformedSameDay', short: 'Parent informed the same day' },
  { kind: 'parentNotInformedByEndOfDay', short: 'Parent not informed by the end of the day' },
];

export function InterventionsPanel({ d, query, onOpen }: { d: TPiStats; query: Query; onOpen: OpenCell }) {
  const t = d.totals;
  const cell = (kind: TPiKind, extra: { siteId?: string; technique?: string; pupilId?: string; staffId?: string } = {}, where = '') =>
    ({ source: 'pi' as const, kind, ...extra, title: `${PI_KIND_LABELS[kind].toLowerCase()}${where}` });
  return (
    <Stack gap="md">
      <Text size="sm">{d.sites.map((s) => s.name).join(', ')} · {formatDate(d.from)} to {formatDate(d.to)} · one intervention for each pupil held</Text>
      <ProgressNote progress={d.progress} />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <Tile label="Physical interventions"><FigureCount f={t.count} onOpen={onOpen} cell={cell('all')} /></Tile>
        <Tile label="Total minutes">{valueText(t.totalMinutes)}</Tile>
        <Tile label="Median minutes">{valueText(t.medianMinutes, 1)}</Tile>
        <Tile label="Pupils held">{countText(t.pupils)}</Tile>
        <Tile label="Staff using a hold">{countText(t.staff)}</Tile>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section title="Debriefs and parents informed" id="pi-compliance" actions={<ExportButtons path={PATH} query={{ ...query, table: 'summary' }} what="physical intervention figures" />}>
          <Table striped fz="sm">
            <Table.Thead><Table.Tr><Table.Th scope="col">Figure</Table.Th><Table.Th scope="col">Interventions</Table.Th><Table.Th scope="col">% of interventions</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {COMPLIANCE.map(({ kind, short }) => (
                <Table.Tr key={kind}>
                  <Table.Th scope="row" fw={500}>{short}</Table.Th>
                  <Table.Td><FigureCount f={t[kind]} onOpen={onOpen} cell={cell(kind)} /></Table.Td>
                  <Table.Td>{pctText(t[kind])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        <Section title="Injuries" id="pi-injuries">
          <Table striped fz="sm">
            <Table.Thead><Table.Tr><Table.Th scope="col">Figure</Table.Th><Table.Th scope="col">Interventions</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {(['pupilInjured', 'staffInjured', 'medicalAttention'] as const).map((k) => (
                <Table.Tr key={k}><Table.Th scope="row" fw={500}>{PI_KIND_LABELS[k]}</Table.Th><Table.Td><FigureCount f={t[k]} onOpen={onOpen} cell={cell(k)} /></Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </SimpleGrid>
      <SiteTable d={d} query={query} onOpen={onOpen} cell={cell} />
      <UncertifiedPanel d={d} query={query} onOpen={onOpen} cell={cell} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section title="Holds and techniques" id="pi-techniques" empty={d.byTechnique.length === 0}
          caption="Interventions in which any member of staff used it (one intervention may use several)"
          actions={<ExportButtons path={PATH} query={{ ...query, table: 'techniques' }} what="holds and techniques" />}>
          <Table striped fz="sm">
            <Table.Thead><Table.Tr><Table.Th scope="col">Hold or technique</Table.Th><Table.Th scope="col">Interventions</Table.Th><Table.Th scope="col">% of interventions</Table.Th><Table.Th scope="col">Uses by a member of staff</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {d.byTechnique.map((x) => (
                <Table.Tr key={x.code}>
                  <Table.Th scope="row" fw={500}>{x.label}</Table.Th>
                  <Table.Td><FigureCount f={x.interventions} onOpen={onOpen} cell={cell('all', { technique: x.code }, `: ${x.label}`)} /></Table.Td>
                  <Table.Td>{pctText(x.interventions)}</Table.Td>
                  <Table.Td>{countText(x.staffUses)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        {d.byPupil ? (
          <Section title="Pupils with most physical interventions" id="pi-pupils" empty={d.byPupil.length === 0}
            actions={<ExportButtons path={PATH} query={{ ...query, table: 'pupils' }} what="pupils with most physical interventions" />}>
            <Table striped fz="sm">
              <Table.Thead><Table.Tr><Table.Th scope="col">Pupil</Table.Th><Table.Th scope="col">Year group</Table.Th><Table.Th scope="col">Site</Table.Th><Table.Th scope="col">Interventions</Table.Th><Table.Th scope="col">Total minutes</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {d.byPupil.map((p) => (
                  <Table.Tr key={p.pupilId}>
                    <Table.Th scope="row" fw={500}>{p.name}</Table.Th>
                    <Table.Td>{yearGroupLabel(p.yearGroup)}</Table.Td>
                    <Table.Td>{p.siteName}</Table.Td>
                    <Table.Td><FigureCount f={{ count: p.count, suppressed: false, rate: null, rateNote: null }} onOpen={onOpen} cell={cell('all', { pupilId: p.pupilId }, `: ${p.name}`)} /></Table.Td>
                    <Table.Td>{formatNumber(p.totalMinutes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
        ) : null}
      </SimpleGrid>
    </Stack>
  );
}

function SiteTable({ d, query, onOpen, cell }: { d: TPiStats; query: Query; onOpen: OpenCell; cell: (k: TPiKind, e: { siteId: string }, where: string) => QualityCell }) {
  return (
    <Section title="By site" id="pi-sites" actions={<ExportButtons path={PATH} query={{ ...query, table: 'sites' }} what="physical interventions by site" />}>
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Site</Table.Th><Table.Th scope="col">Interventions</Table.Th><Table.Th scope="col">Total minutes</Table.Th>
            <Table.Th scope="col">Median minutes</Table.Th><Table.Th scope="col">Pupils</Table.Th><Table.Th scope="col">Staff</Table.Th>
            <Table.Th scope="col">Injuries (pupil, staff)</Table.Th><Table.Th scope="col">Debriefs done (pupil, staff)</Table.Th>
            <Table.Th scope="col">Parent informed the same day</Table.Th><Table.Th scope="col">Parent not informed by the end of the day</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.bySite.map((s) => (
            <Table.Tr key={s.siteId}>
              <Table.Th scope="row" fw={500}>{s.siteName}</Table.Th>
              <Table.Td><FigureCount f={s.count} onOpen={onOpen} cell={cell('all', { siteId: s.siteId }, ` at ${s.siteName}`)} /></Table.Td>
              <Table.Td>{valueText(s.totalMinutes)}</Table.Td>
              <Table.Td>{valueText(s.medianMinutes, 1)}</Table.Td>
              <Table.Td>{countText(s.pupils)}</Table.Td>
              <Table.Td>{countText(s.staff)}</Table.Td>
              <Table.Td>{countText(s.pupilInjured)}, {countText(s.staffInjured)}</Table.Td>
              <Table.Td>{pctText(s.pupilDebriefed)}, {pctText(s.staffDebriefed)}</Table.Td>
              <Table.Td>{pctText(s.parentInformedSameDay)}</Table.Td>
              <Table.Td><FigureCount f={s.parentNotInformedByEndOfDay} onOpen={onOpen} cell={cell('parentNotInformedByEndOfDay', { siteId: s.siteId }, ` at ${s.siteName}`)} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
