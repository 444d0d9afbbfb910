/**
 * Record-keeping quality (ANA-6): per site and, for roles that may see names, per member of staff who recorded the
 * incidents — signed off within 48 hours, median time to sign-off, returned for amendment, parent contact and debriefs
 * missing on physical interventions, and reviews waiting over 48 hours. Counts open their records where allowed.
 */
import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { QUALITY_KIND_LABELS, type TQualityFigures, type TQualityKind, type TRecordQuality } from '@haven/contracts';
import { ProgressNote } from '../../components/ProgressNote';
import { ExportButtons } from '../../components/ExportButtons';
import { formatDate } from '../../lib/format';
import { countText } from './AnalyticsFigures';
import { FigureCount, pctText, Section, valueText, type OpenCell } from './QualityParts';
import type { QualityCell } from './quality.api';
import { OverdueReviewsSection } from '../plans-use/OverdueReviewsSection';

const PATH = '/analytics/record-quality';

type Row = TQualityFigures & { key: string; label: string };
type Where = { siteId?: string; recordedBy?: string };

function cellFor(kind: TQualityKind, where: Where, label: string): QualityCell {
  return { source: 'quality', kind, ...where, title: `${QUALITY_KIND_LABELS[kind].toLowerCase()}: ${label}` };
}

function QualityTable({ rows, keyLabel, where, onOpen }: { rows: Row[]; keyLabel: string; where: (r: Row) => Where; onOpen: OpenCell }) {
  const open = (r: Row, kind: Exclude<TQualityKind, 'notSignedOffWithin48h'>) => <FigureCount f={r[kind]} onOpen={onOpen} cell={cellFor(kind, where(r), r.label)} />;
  return (
    <Table striped fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{keyLabel}</Table.Th>
          <Table.Th scope="col">Incidents submitted</Table.Th>
          <Table.Th scope="col">Signed off within 48 hours (% of submitted)</Table.Th>
          <Table.Th scope="col">Median hours to sign-off</Table.Th>
          <Table.Th scope="col">Returned for amendment (% of submitted)</Table.Th>
          <Table.Th scope="col">Physical interventions</Table.Th>
          <Table.Th scope="col">Parent not informed by the end of the day</Table.Th>
          <Table.Th scope="col">Pupil or staff debrief missing</Table.Th>
          <Table.Th scope="col">Waiting for review over 48 hours</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={500}>{r.label}</Table.Th>
            <Table.Td>{open(r, 'submitted')}</Table.Td>
            <Table.Td>{open(r, 'signedOffWithin48h')} <Text span size="xs">({pctText(r.signedOffWithin48h)})</Text></Table.Td>
            <Table.Td>{valueText(r.medianHoursToSignOff, 1)}</Table.Td>
            <Table.Td>{open(r, 'returned')} <Text span size="xs">({pctText(r.returned)})</Text></Table.Td>
            <Table.Td>{countText(r.interventions)}</Table.Td>
            <Table.Td>{open(r, 'missingParentContact')}</Table.Td>
            <Table.Td>{open(r, 'missingDebrief')}</Table.Td>
            <Table.Td>{open(r, 'overdueReview')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function QualityPanel({ d, query, onOpen }: { d: TRecordQuality; query: Record<string, string>; onOpen: OpenCell }) {
  const sites: Row[] = d.bySite.map((s) => ({ ...s, key: s.siteId, label: s.siteName }));
  const staff: Row[] | null = d.byStaff?.map((s) => ({ ...s, key: s.userId, label: s.name })) ?? null;
  const t = d.totals;
  return (
    <Stack gap="md">
      <Text size="sm">{d.sites.map((s) => s.name).join(', ')} · incidents that happened from {formatDate(d.from)} to {formatDate(d.to)} · 48 hours are clock hours</Text>
      <ProgressNote progress={d.progress} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Text><strong>{pctText(t.signedOffWithin48h)}</strong> signed off within 48 hours of first submission</Text>
        <Text><strong>{valueText(t.medianHoursToSignOff, 1)}</strong> hours: the median time to sign-off</Text>
        <Text><strong>{pctText(t.returned)}</strong> returned for amendment at least once</Text>
        <Text><strong>{pctText(t.missingParentContact)}</strong> of physical interventions with the parent not informed by the end of the day</Text>
      </SimpleGrid>
      <Section title="By site" id="quality-sites" actions={<ExportButtons path={PATH} query={{ ...query, table: 'sites' }} what="record quality by site" />}>
        <QualityTable rows={sites} keyLabel="Site" where={(r) => ({ siteId: r.key })} onOpen={onOpen} />
      </Section>
      {staff ? (
        <Section title="By member of staff" id="quality-staff" empty={staff.length === 0} caption="The member of staff who recorded each incident"
          actions={<ExportButtons path={PATH} query={{ ...query, table: 'staff' }} what="record quality by member of staff" />}>
          <QualityTable rows={staff} keyLabel="Recorded by" where={(r) => ({ recordedBy: r.key })} onOpen={onOpen} />
        </Section>
      ) : null}
      <OverdueReviewsSection siteId={d.sites.length === 1 ? d.sites[0]!.id : undefined} drill={!d.aggregateOnly} />
    </Stack>
  );
}
