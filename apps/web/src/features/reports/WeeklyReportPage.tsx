/** The senior leaders' weekly report in the app, with its PDF; a governor's copy shows small counts as "fewer than 5". */
import { Alert, Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { TWeeklyReport } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { ProgressNote } from '../../components/ProgressNote';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, plural } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { useWeeklyReport, weeklyPdfUrl } from './reports.api';
import { ReportsNav } from './ReportsNav';
import { UkDateInput } from '../../components/UkDateInput';
import { CommentarySection } from '../governance/CommentarySection';

type Site = TWeeklyReport['sites'][number];
const ROWS: [string, keyof Site, keyof Site | null][] = [
  ['Incidents', 'incidents', 'incidentsPrevious'],
  ['Pupil involvements', 'pupilInvolvements', 'pupilInvolvementsPrevious'],
  ['Negative quick events', 'negativeEvents', 'negativeEventsPrevious'],
  ['Positive quick events', 'positiveEvents', 'positiveEventsPrevious'],
  ['Physical interventions', 'physicalInterventions', 'physicalInterventionsPrevious'],
  ['Awaiting review now', 'awaitingReview', null],
  ['Waiting over 48 hours for review', 'overdueReview', null],
  ['Overdue tasks', 'overdueTasks', null],
];

function SiteCard({ site }: { site: Site }) {
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h3" mb="xs">{site.siteName}</Title>
      <Table.ScrollContainer minWidth={300}>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr><Table.Th scope="col">Figure</Table.Th><Table.Th scope="col">This week</Table.Th><Table.Th scope="col">Week before</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ROWS.map(([label, now, before]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" fw={400}>{label}</Table.Th>
                <Table.Td>{String(site[now])}</Table.Td>
                <Table.Td>{before ? String(site[before]) : '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function WeeklyReport() {
  const me = useMe();
  const [siteId, setSiteId] = useState('');
  const [week, setWeek] = useState('');
  const q = { siteId: siteId || undefined, week: week || undefined };
  const report = useWeeklyReport(q);
  return (
    <Page title="Weekly report" description="Behaviour at your sites in the last complete week (Monday to Sunday), beside the week before.">
      <ReportsNav />
      <Group align="flex-end" gap="md" wrap="wrap" component="search" aria-label="Choose the week and site">
        {me.sites.length > 1 ? (
          <NativeSelect label="Site" value={siteId} style={{ flex: '1 1 12rem' }} onChange={(e) => setSiteId(e.currentTarget.value)}
            data={[{ value: '', label: 'All my sites' }, ...me.sites.map((s) => ({ value: s.id, label: s.name }))]} />
        ) : null}
        <UkDateInput label="Any day of the week" value={week} onChange={(iso) => { if (iso !== null) setWeek(iso); }} style={{ flex: '1 1 12rem' }} />
        <Button component="a" href={weeklyPdfUrl(q)} download variant="default">Download PDF</Button>
      </Group>
      {report.isError ? <ErrorAlert error={report.error} title="Could not load the report" onRetry={() => void report.refetch()} /> : null}
      {report.isPending ? <Loading label="Loading the report…" /> : null}
      {report.data ? (
        <Stack gap="md">
          <Text fw={600}>{formatDate(report.data.weekStart)} to {formatDate(report.data.weekEnd)}</Text>
          <ProgressNote progress={report.data.progress}
            extra={report.data.schoolDaysSoFar === null ? undefined : `Compared with the first ${plural(report.data.schoolDaysSoFar, 'school day')} of the week before (${formatDate(report.data.previousWeekStart)} to ${formatDate(report.data.previousWeekEnd)}).`} />
          {report.data.suppressed ? <Alert color="blue" title="Small counts hidden">Counts from 1 to 4 are shown as "fewer than 5" so that no pupil can be identified.</Alert> : null}
          {report.data.sites.map((s) => <SiteCard key={s.siteId} site={s} />)}
          <CommentarySection report="weekly" period={report.data.weekStart} siteIds={report.data.sites.map((s) => s.siteId)} />
        </Stack>
      ) : null}
    </Page>
  );
}

export function WeeklyReportPage() {
  return <RequirePermission permission="reports.aggregate.read" what="Reports"><WeeklyReport /></RequirePermission>;
}
