/**
 * ANA-3 with STF-2: holds used by a member of staff without a valid certificate on the day (no certificate, expired,
 * or not covering the hold) — by site, by hold or technique, and by member of staff (names only for roles that may
 * open the records). Each count opens the interventions behind it; each table downloads as CSV or XLSX.
 */
import { SimpleGrid, Table } from '@mantine/core';
import type { TPiKind, TPiStats } from '@haven/contracts';
import { ExportButtons } from '../../components/ExportButtons';
import { FigureCount, pctText, Section, type OpenCell } from './QualityParts';
import type { QualityCell } from './quality.api';

const PATH = '/analytics/physical-interventions';
type Cell = (kind: TPiKind, extra: { siteId?: string; technique?: string; staffId?: string }, where: string) => QualityCell;

export function UncertifiedPanel({ d, query, onOpen, cell }: { d: TPiStats; query: Record<string, string>; onOpen: OpenCell; cell: Cell }) {
  return (
    <Section title="Used without a valid certificate" id="pi-uncertified"
      caption="Interventions in which a member of staff used a hold their certificate did not cover on the day: none held, expired, or not covering that hold. A certificate in its grace period is shown on the record but not counted here.">
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
        <Table striped fz="sm">
          <Table.Caption>By site</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th scope="col">Site</Table.Th><Table.Th scope="col">Interventions</Table.Th><Table.Th scope="col">% of interventions</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row" fw={600}>All sites shown</Table.Th>
              <Table.Td><FigureCount f={d.totals.uncertified} onOpen={onOpen} cell={cell('uncertified', {}, '')} /></Table.Td>
              <Table.Td>{pctText(d.totals.uncertified)}</Table.Td>
            </Table.Tr>
            {d.bySite.map((s) => (
              <Table.Tr key={s.siteId}>
                <Table.Th scope="row" fw={500}>{s.siteName}</Table.Th>
                <Table.Td><FigureCount f={s.uncertified} onOpen={onOpen} cell={cell('uncertified', { siteId: s.siteId }, ` at ${s.siteName}`)} /></Table.Td>
                <Table.Td>{pctText(s.uncertified)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <div>
          <Table striped fz="sm">
            <Table.Caption>By hold or technique</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th scope="col">Hold or technique</Table.Th><Table.Th scope="col">Uses</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {d.uncertifiedByTechnique.length === 0 ? <Table.Tr><Table.Td colSpan={2}>None in this period.</Table.Td></Table.Tr> : null}
              {d.uncertifiedByTechnique.map((t) => (
                <Table.Tr key={t.code}>
                  <Table.Th scope="row" fw={500}>{t.label}</Table.Th>
                  <Table.Td><FigureCount f={t.uses} onOpen={onOpen} cell={cell('uncertified', { technique: t.code }, `: ${t.label}`)} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <ExportButtons path={PATH} query={{ ...query, table: 'uncertifiedTechniques' }} what="holds used without a valid certificate" />
        </div>
        {d.uncertifiedByStaff ? (
          <div>
            <Table striped fz="sm">
              <Table.Caption>By member of staff</Table.Caption>
              <Table.Thead><Table.Tr><Table.Th scope="col">Member of staff</Table.Th><Table.Th scope="col">Uses</Table.Th><Table.Th scope="col">Why</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {d.uncertifiedByStaff.length === 0 ? <Table.Tr><Table.Td colSpan={3}>None in this period.</Table.Td></Table.Tr> : null}
                {d.uncertifiedByStaff.map((s) => (
                  <Table.Tr key={s.staffId}>
                    <Table.Th scope="row" fw={500}>{s.name}<br /><span style={{ fontWeight: 400 }}>{s.siteName}</span></Table.Th>
                    <Table.Td><FigureCount f={{ count: s.uses, suppressed: false, rate: null, rateNote: null }} onOpen={onOpen} cell={cell('uncertified', { staffId: s.staffId }, `: ${s.name}`)} /></Table.Td>
                    <Table.Td>{[s.expired ? `${s.expired} expired` : '', s.missing ? `${s.missing} no certificate` : '', s.notCovered ? `${s.notCovered} not covered` : ''].filter(Boolean).join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <ExportButtons path={PATH} query={{ ...query, table: 'uncertifiedStaff' }} what="staff who used a hold without a valid certificate" />
          </div>
        ) : null}
      </SimpleGrid>
    </Section>
  );
}
