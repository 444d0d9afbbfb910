/**
 * Exclusions analytics (ANA-4): suspensions, permanent exclusions, days lost, pupils at 35+ days, repeats, reasons,
 * deadlines and the DfE rates beside England's, and pupil groups compared (ANA-2). Governors see "fewer than 5" for
 * small counts; leaders can open the records behind a figure. Every table downloads as CSV or XLSX with the page's filters.
 */
import { useState, type ReactNode } from 'react';
import { Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TExclusionStats, TExclusionStatsQuery, TFigure } from '@haven/contracts';
import { ProgressNote } from '../../components/ProgressNote';
import { ExportButtons } from '../../components/ExportButtons';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { formatDate, formatNumber, plural, yearGroupLabel } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { exclusionQuery, useExclusionRecords, useExclusionStats, type ExclusionFilters } from './governance.api';
import { GovernanceFilters } from './GovernanceFilters';
import { GroupComparisonSection } from './GroupComparisonSection';

const fig = (f: TFigure) => (f.suppressed ? 'fewer than 5' : formatNumber(f.count ?? 0));
const der = (d: { value: number | null; note: string | null }) => (d.note === 'withheld' ? 'withheld' : d.value === null ? 'n/a' : d.value.toFixed(2));

export function ExclusionsPage() {
  const me = useMe();
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [termId, setTermId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const filters: ExclusionFilters = { siteIds, termId };
  const stats = useExclusionStats(filters);
  const records = me.permissions.includes('suspension.read');
  return (
    <Page title="Exclusions" description="Suspensions and permanent exclusions across your sites, with the DfE rates beside England's.">
      <GovernanceFilters siteIds={siteIds} onSites={setSiteIds} termId={termId} onTerm={setTermId} />
      {stats.isPending ? <Loading /> : stats.isError ? <ErrorAlert error={stats.error} /> : (
        <Stats s={stats.data} filters={filters} onOpen={records ? setKind : null} />
      )}
      <GroupComparisonSection filters={filters} />
      {kind ? <Records filters={filters} kind={kind} onClose={() => setKind(null)} /> : null}
    </Page>
  );
}

function Tile({ label, value, kind, onOpen }: { label: string; value: string; kind?: string; onOpen: ((k: string) => void) | null }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fz={24} fw={700}>{value}</Text>
      {kind && onOpen && value !== '0' ? <Button variant="subtle" size="compact-sm" px={0} onClick={() => onOpen(kind)} aria-label={`Show the records: ${label}`}>Show the records</Button> : null}
    </Card>
  );
}

/** A section's title with its Download CSV / XLSX pair (wrapping below the title on a phone). */
function Heading({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
      <Title order={2} size="h4" id={id}>{title}</Title>
      {children}
    </Group>
  );
}

function Stats({ s, filters, onOpen }: { s: TExclusionStats; filters: ExclusionFilters; onOpen: ((k: string) => void) | null }) {
  const download = (table: TExclusionStatsQuery['table'], what: string) =>
    <ExportButtons path="/analytics/exclusions" query={{ ...exclusionQuery(filters), table }} what={what} />;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Text size="sm">{formatDate(s.from)} to {formatDate(s.to)}; {formatNumber(s.headcount)} pupils on roll. {s.aggregateOnly ? 'Counts from 1 to 4 are shown as "fewer than 5".' : ''}</Text>
        {download('summary', 'the headline exclusion figures')}
      </Group>
      <ProgressNote progress={s.progress} />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Tile label="Suspensions" value={fig(s.suspensions)} kind="suspension" onOpen={onOpen} />
        <Tile label="Permanent exclusions" value={fig(s.permanent)} kind="permanent" onOpen={onOpen} />
        <Tile label="Days lost" value={s.daysLost.note === 'withheld' ? 'withheld' : String(s.daysLost.value ?? 0)} onOpen={null} />
        <Tile label="Pupils suspended" value={fig(s.pupilsSuspended)} onOpen={null} />
        <Tile label="Suspended twice or more" value={fig(s.repeatPupils)} kind="repeat" onOpen={onOpen} />
        <Tile label="Pupils at 35+ days this year" value={fig(s.pupilsAt35)} kind="at35" onOpen={onOpen} />
        <Tile label="Lunchtime suspensions" value={fig(s.lunchtime)} kind="lunchtime" onOpen={onOpen} />
        <Tile label="Deadlines open (overdue)" value={`${fig(s.deadlinesDue.board)} board, ${fig(s.deadlinesDue.provision)} provision (${fig(s.deadlinesDue.overdue)} overdue)`} onOpen={null} />
      </SimpleGrid>
      <Card withBorder padding="md" component="section" aria-labelledby="dfe-rates">
        <Heading id="dfe-rates" title="DfE rates (per 100 pupils on roll)">{download('rates', 'the DfE rates')}</Heading>
        <div className="haven-table-scroll" tabIndex={0} role="group" aria-label="Table (scrolls sideways)" style={{ overflowX: "auto" }}><div style={{ minWidth: 360 }}>
          <Table>
            <Table.Thead><Table.Tr><Table.Th>Rate</Table.Th><Table.Th>Ours</Table.Th>{s.national.filter((n) => n.measure === 'suspension').map((n) => <Table.Th key={n.year}>England {n.year}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {(['suspension', 'permanent'] as const).map((m) => (
                <Table.Tr key={m}>
                  <Table.Td>{m === 'suspension' ? 'Suspension rate' : 'Permanent exclusion rate'}</Table.Td>
                  <Table.Td>{der(m === 'suspension' ? s.suspensionRate : s.permanentRate)}</Table.Td>
                  {s.national.filter((n) => n.measure === 'suspension').map((n) => <Table.Td key={n.year}>{s.national.find((x) => x.measure === m && x.year === n.year)?.rate.toFixed(2) ?? 'n/a'}</Table.Td>)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div></div>
        <Text size="xs" c="dimmed">England: {s.national[0]?.source ?? ''} (whole academic years).</Text>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="md" component="section" aria-labelledby="reasons">
          <Heading id="reasons" title="Reasons">{download('reasons', 'exclusions by reason')}</Heading>
          <div className="haven-table-scroll" tabIndex={0} role="group" aria-label="Table (scrolls sideways)" style={{ overflowX: "auto" }}><div style={{ minWidth: 300 }}>
            <Table>
              <Table.Thead><Table.Tr><Table.Th>Reason</Table.Th><Table.Th>Suspensions</Table.Th><Table.Th>Permanent</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>{s.reasons.map((r) => <Table.Tr key={r.code}><Table.Td>{r.label} ({r.code})</Table.Td><Table.Td>{fig(r.suspensions)}</Table.Td><Table.Td>{fig(r.permanent)}</Table.Td></Table.Tr>)}</Table.Tbody>
            </Table>
          </div></div>
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="by-site">
          <Heading id="by-site" title="By site">{download('sites', 'exclusions by site')}</Heading>
          <div className="haven-table-scroll" tabIndex={0} role="group" aria-label="Table (scrolls sideways)" style={{ overflowX: "auto" }}><div style={{ minWidth: 300 }}>
            <Table>
              <Table.Thead><Table.Tr><Table.Th>Site</Table.Th><Table.Th>Suspensions</Table.Th><Table.Th>Days lost</Table.Th><Table.Th>Rate</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>{s.bySite.map((x) => <Table.Tr key={x.siteId}><Table.Td>{x.siteName}</Table.Td><Table.Td>{fig(x.suspensions)}</Table.Td><Table.Td>{x.daysLost ?? 'withheld'}</Table.Td><Table.Td>{der(x.suspensionRate)}</Table.Td></Table.Tr>)}</Table.Tbody>
            </Table>
          </div></div>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

function Records({ filters, kind, onClose }: { filters: ExclusionFilters; kind: string; onClose: () => void }) {
  const rec = useExclusionRecords(filters, kind);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="records">
      <Group justify="space-between"><Title order={2} size="h4" id="records">The records</Title><Button variant="default" size="compact-sm" onClick={onClose}>Close</Button></Group>
      {rec.isPending ? <Loading /> : rec.isError ? <ErrorAlert error={rec.error} /> : (
        <div className="haven-table-scroll" tabIndex={0} role="group" aria-label="Table (scrolls sideways)" style={{ overflowX: "auto" }}><div style={{ minWidth: 360 }}>
          <Table>
            <Table.Thead><Table.Tr><Table.Th>Pupil</Table.Th><Table.Th>Start</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Reasons</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{rec.data.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td><AnchorLink to="/pupils/$pupilId" params={{ pupilId: r.pupil.id }}>{r.pupil.displayName}</AnchorLink> <Text span size="xs" c="dimmed">{yearGroupLabel(r.pupil.yearGroup)}</Text></Table.Td>
                <Table.Td>{formatDate(r.startDate)}</Table.Td><Table.Td>{r.category}{r.sessions ? `, ${plural(r.sessions, 'session')}` : ''}</Table.Td><Table.Td>{r.reasonCodes.join(', ')}</Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        </div></div>
      )}
    </Card>
  );
}
