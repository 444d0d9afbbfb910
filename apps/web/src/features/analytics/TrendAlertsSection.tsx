/**
 * Trend alerts (ANA-5) on the analytics page: the alerts raised at the user's sites, newest first (a pupil's or a
 * site's rate rising by more than the set margin), and for leads the settings and "check now". Alerts name pupils,
 * so they are listed only for people who read behaviour records; governors do not see this section.
 */
import { memo, useDeferredValue, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { TREND_ALERT_MEASURE_LABELS, TREND_ALERT_MEASURES, type TTrendAlert } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { Pager } from '../../components/Pager';
import { useWide } from '../../components/useWide';
import { AnchorLink } from '../../components/links';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useCan } from '../../lib/usePolicy';
import { ResponsiveTable, type Column } from '../policy/PolicyParts';
import { LaterPart, useLaterComponent } from '../../components/LaterPart';
import { useAfterPaint } from '../../lib/useAfterPaint';
import { alertsPageSize, useAlertMutations, useTrendAlerts, type AlertFilters } from './trend-alerts.api';

/** The settings dialog's chunk (AlertSettingsDialog): fetched once the page has painted, for those who may open it. */
const loadSettings = () => import('./AlertSettingsDialog');

const rate = (r: number | null, a: TTrendAlert) => (r === null ? 'n/a' : `${r.toFixed(2)} ${a.rateUnit}`);

function Period({ from, to, count, rateValue, a }: { from: string; to: string; count: number; rateValue: number | null; a: TTrendAlert }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>{formatNumber(count)}</Text>
      <Text size="xs">{rate(rateValue, a)}</Text>
      <Text size="xs" c="dimmed">{formatDate(from)} to {formatDate(to)}</Text>
    </Stack>
  );
}

const riseText = (a: TTrendAlert) => (a.risePercent === null ? 'None before' : `Up ${formatNumber(Math.round(a.risePercent))}%`);

function Who({ a }: { a: TTrendAlert }) {
  return a.pupil
    ? <><AnchorLink to="/pupils/$pupilId" params={{ pupilId: a.pupil.id }}>{a.pupil.name}</AnchorLink><Text span size="xs" c="dimmed"> Year {a.pupil.yearGroup}, {a.siteName}</Text></>
    : <>{a.siteName} <Text span size="xs" c="dimmed">(whole site)</Text></>;
}

function TaskBadge({ a }: { a: TTrendAlert }) {
  if (!a.task) return <>–</>;
  return a.task.status === 'open'
    ? <Badge variant="light" color="orange" c="#8a3300" miw="max-content">Task open</Badge>
    : <Badge variant="light" color="gray" c="#333" miw="max-content">{a.task.status === 'done' ? 'Task done' : 'Task dismissed'}</Badge>;
}

const COLUMNS: Column<TTrendAlert>[] = [
  { header: 'Raised', cell: (a) => formatDateTime(a.createdAt) },
  { header: 'Who', primary: true, cell: (a) => <Who a={a} /> },
  { header: 'What', cell: (a) => TREND_ALERT_MEASURE_LABELS[a.measure] },
  { header: 'Latest period', cell: (a) => <Period from={a.currentFrom} to={a.currentTo} count={a.currentCount} rateValue={a.currentRate} a={a} /> },
  { header: 'Period before', cell: (a) => <Period from={a.previousFrom} to={a.previousTo} count={a.previousCount} rateValue={a.previousRate} a={a} /> },
  { header: 'Rise', cell: riseText },
  { header: 'Task', cell: (a) => <TaskBadge a={a} /> },
];

/** On a phone: one short card per alert. */
function AlertCard({ a }: { a: TTrendAlert }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" align="flex-start" wrap="nowrap"><div><Who a={a} /></div><TaskBadge a={a} /></Group>
      <Text size="sm" fw={600}>{TREND_ALERT_MEASURE_LABELS[a.measure]}: {riseText(a).toLowerCase()}</Text>
      <Text size="xs">Latest: {formatNumber(a.currentCount)} ({rate(a.currentRate, a)}), {formatDate(a.currentFrom)} to {formatDate(a.currentTo)}</Text>
      <Text size="xs">Before: {formatNumber(a.previousCount)} ({rate(a.previousRate, a)}), {formatDate(a.previousFrom)} to {formatDate(a.previousTo)}</Text>
      <Text size="xs" c="dimmed">Raised {formatDateTime(a.createdAt)}</Text>
    </Stack>
  );
}

/** A memo component: the dashboard's own urgent renders (its figures arriving) do not redraw it. */
export const TrendAlertsSection = memo(function TrendAlertsSection() {
  const canRead = useCan('behaviour.read');
  const canManage = useCan('analytics.manage');
  const [filters, setFilters] = useState<AlertFilters>({ subject: '', measure: '' });
  const [page, setPage] = useState(1);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const alerts = useTrendAlerts(filters, page, alertsPageSize(useWide()), canRead);
  // the dialog, once opened, stays drawn (it animates out, and gives focus back, on closing)
  const [settingsShown, setSettingsShown] = useState(false);
  const painted = useAfterPaint();
  const { Comp: AlertSettingsDialog, retry: retrySettings } = useLaterComponent(() => loadSettings().then((m) => m.AlertSettingsDialog));
  useEffect(() => { if (painted && canManage) void loadSettings().catch(() => undefined); }, [painted, canManage]);
  const { evaluate } = useAlertMutations();
  // the list draws at a lower priority, in slices a slow phone can paint and answer taps between (the answer's own
  // render, TanStack Query's, is urgent and one task however much it draws)
  const d = useDeferredValue(alerts.data);
  if (!canRead && !canManage) return null;
  const set = (patch: Partial<AlertFilters>) => { setFilters((f) => ({ ...f, ...patch })); setPage(1); };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="trend-alerts-title" id="trend-alerts">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Title order={2} size="h3" id="trend-alerts-title">Trend alerts</Title>
            <Text size="sm">A pupil&apos;s or a site&apos;s rate over the latest school days rose by more than the set margin over the same number of school days before.</Text>
          </div>
          {canManage ? (
            <Group gap="xs">
              <Button variant="default" onClick={() => evaluate.mutate()} loading={evaluate.isPending}>Check now</Button>
              <Button variant="default" onClick={() => { setSettingsOpen(true); setSettingsShown(true); }}>Alert settings</Button>
            </Group>
          ) : null}
        </Group>
        {evaluate.data ? (
          <Alert color="blue" variant="light" role="status">
            {evaluate.data.created === 0 ? 'Checked: no new alerts.' : `Checked: ${formatNumber(evaluate.data.created)} new ${evaluate.data.created === 1 ? 'alert' : 'alerts'}.`}
            {evaluate.data.sites.some((s) => s.status === 'not_enough_school_days') ? ' Some sites do not have enough school days in their calendar yet.' : ''}
          </Alert>
        ) : null}
        <ErrorAlert error={evaluate.error} title="The check did not run" />
        {!canRead ? <Text size="sm" c="dimmed">Alerts name pupils, so they are listed only for staff who read behaviour records at the site.</Text> : (
          <>
            <Group gap="sm" wrap="wrap">
              <NativeSelect label="Show alerts for" value={filters.subject} onChange={(e) => set({ subject: e.currentTarget.value as AlertFilters['subject'] })}
                data={[{ value: '', label: 'Pupils and sites' }, { value: 'pupil', label: 'Pupils' }, { value: 'site', label: 'Whole sites' }]} />
              <NativeSelect label="Kind of record" value={filters.measure} onChange={(e) => set({ measure: e.currentTarget.value as AlertFilters['measure'] })}
                data={[{ value: '', label: 'All kinds' }, ...TREND_ALERT_MEASURES.map((m) => ({ value: m, label: TREND_ALERT_MEASURE_LABELS[m] }))]} />
            </Group>
            {d && d.total > 0 ? <ExportButtons path="/analytics/alerts" query={{ subject: filters.subject, measure: filters.measure }} what="trend alerts" /> : null}
            {alerts.error ? <ErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} /> : null}
            {d && d.items.length === 0 ? <Text size="sm" c="dimmed">No trend alerts{filters.subject || filters.measure ? ' of this kind' : ''}.</Text> : null}
            {d && d.items.length > 0 ? (
              <ResponsiveTable caption="Trend alerts, newest first. A site's rate is per 100 pupils per school day; a pupil's per school day on roll."
                rows={d.items} columns={COLUMNS} rowKey={(a) => a.id} card={(a) => <AlertCard a={a} />} />
            ) : null}
            {d ? <Pager page={page} pageSize={d.pageSize} total={d.total} onPage={setPage} label="Trend alert pages" /> : null}
          </>
        )}
      </Stack>
      {settingsOpen || settingsShown ? (
        <LaterPart what="alert settings" onRetry={retrySettings}>
          <AlertSettingsDialog opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
        </LaterPart>
      ) : null}
    </Paper>
  );
});
