/**
 * Behaviour analysis: the behaviour dashboard (ANA-1) — one site, several sites or the trust; filters; over time, what,
 * where, when, who; positive and negative side by side — and, on their own tabs with the same filters, physical
 * interventions (ANA-3) and record-keeping quality (ANA-6). Every number opens its records (for roles that may see them).
 */
import './analytics.styles';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { categoryChart, heatmapChart, overTimeChart, sitesChart } from '@haven/contracts/charts';
import { ANALYTICS_MEASURE_LABELS, PUPIL_GROUP_LABELS, type TAnalyticsDashboard, type TAnalyticsMeasure, type TAnalyticsTable } from '@haven/contracts';
import { Page } from '../../components/Page';
import { PageTabs } from '../../components/PageTabs';
import { ExportButtons } from '../../components/ExportButtons';
import { ProgressNote } from '../../components/ProgressNote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { LaterPart, useLaterComponent } from '../../components/LaterPart';
import { useMe } from '../../lib/usePolicy';
import { useAfterPaint } from '../../lib/useAfterPaint';
import { formatDate, formatNumber, formatTimeOfDay, londonTodayIso, plural } from '../../lib/format';
import { filterQuery, useDashboard, type DashboardFilters, type DrillCell } from './analytics.api';
import { BreakdownTable, SuppressionNote } from './AnalyticsFigures';
import { KpiTiles } from './KpiTiles';
import { ChartPanel, startCharts } from './charts/ChartPanel';
import { UkDateInput } from '../../components/UkDateInput';
import { qualityQuery, usePiStats, useRecordQuality, type QualityCell } from './quality.api';
import { TrendAlertsSection } from './TrendAlertsSection';

// What the first screen does not show is its own chunk, fetched once that screen has painted (loadLater): the other two
// tabs' panels, and the lists of records a figure opens.
const loadLater = {
  interventions: () => import('./InterventionsPanel'),
  quality: () => import('./QualityPanel'),
  drillDown: () => import('./DrillDownModal'),
  qualityRecords: () => import('./QualityRecordsModal'),
};

/**
 * The sites to count (a trust lead's or a cluster lead's choice of several): Mantine's MultiSelect, in its own chunk,
 * since most staff work at one site and are not asked. Until it arrives, a box of the same size, so nothing moves.
 */
const loadSitesFilter = () => import('./SitesFilter');
function SitesFilterWaiting() {
  return <TextInput label="Sites" placeholder="All your sites" disabled />;
}

const YEAR_GROUP_OPTIONS = [{ value: '', label: 'All year groups' },
  ...Array.from({ length: 15 }, (_, i) => ({ value: String(i), label: i === 0 ? 'Reception' : i > 13 ? 'Post-19' : `Year ${i}` }))];
const PUPIL_GROUP_OPTIONS = [{ value: '', label: 'All pupils' },
  ...Object.entries(PUPIL_GROUP_LABELS).map(([value, label]) => ({ value, label })), { value: 'sex:M', label: 'Boys' }, { value: 'sex:F', label: 'Girls' }];
const GRANULARITY_OPTIONS = [{ value: 'day', label: 'School day' }, { value: 'week', label: 'Week (Monday to Sunday)' }, { value: 'month', label: 'Month' }];

function academicYearStart(today: string): string {
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 9 ? `${y}-09-01` : `${y - 1}-09-01`;
}

export const MEASURES: TAnalyticsMeasure[] = ['neg', 'pos', 'inc', 'inv', 'pi'];
type Tab = 'behaviour' | 'interventions' | 'quality';
const TABS: { value: Tab; label: string }[] = [
  { value: 'behaviour', label: 'Behaviour' }, { value: 'interventions', label: 'Physical interventions' }, { value: 'quality', label: 'Record quality' },
];

export function AnalyticsPage() {
  const me = useMe();
  const today = londonTodayIso();
  const [draft, setDraft] = useState<DashboardFilters>({ siteIds: [], from: academicYearStart(today), to: today, granularity: 'month', categoryCode: '', yearGroup: '', pupilGroup: '' });
  const [filters, setFilters] = useState<DashboardFilters>(draft);
  const [measure, setMeasure] = useState<TAnalyticsMeasure>('neg');
  const [cell, setCell] = useState<DrillCell | null>(null);
  const [tab, setTab] = useState<Tab>('behaviour');
  const [qualityCell, setQualityCell] = useState<QualityCell | null>(null);
  const q = useDashboard(filters, tab === 'behaviour');
  // the charts' worker (ECharts, 170 KB) starts downloading once the page's first screen has painted, while the figures
  // are on their way: fetched before that paint, a slow phone's first paint of the page waited for it
  const painted = useAfterPaint();
  const { Comp: SitesFilter, retry: retrySites } = useLaterComponent(() => loadSitesFilter().then((m) => m.SitesFilter));
  const { Comp: InterventionsPanel, retry: retryInterventions } =
    useLaterComponent(() => loadLater.interventions().then((m) => m.InterventionsPanel));
  const { Comp: QualityPanel, retry: retryQuality } = useLaterComponent(() => loadLater.quality().then((m) => m.QualityPanel));
  const { Comp: DrillDownModal, retry: retryDrillDown } =
    useLaterComponent(() => loadLater.drillDown().then((m) => m.DrillDownModal));
  const { Comp: QualityRecordsModal, retry: retryRecords } =
    useLaterComponent(() => loadLater.qualityRecords().then((m) => m.QualityRecordsModal));
  useEffect(() => {
    if (!painted) return;
    startCharts();
    for (const load of Object.values(loadLater)) void load().catch(() => undefined);
  }, [painted]);
  const pi = usePiStats(filters, tab === 'interventions');
  const quality = useRecordQuality(filters, tab === 'quality');
  // the figures render at a lower priority, in slices a slow phone can paint and answer taps between: their answer's
  // own render (TanStack Query's) is urgent, and so one task however many figures it draws
  const d = useDeferredValue(q.data);
  const records = me.permissions.includes('behaviour.read');
  const canDrill = records && d && !d.aggregateOnly ? setCell : null;
  const shown = tab === 'behaviour' ? q : tab === 'interventions' ? pi : quality;
  const set = (patch: Partial<DashboardFilters>) => setDraft((f) => ({ ...f, ...patch }));
  const [dateErrors, setDateErrors] = useState<{ from?: string | undefined; to?: string | undefined }>({});
  const setDate = (key: 'from' | 'to') => (iso: string | null) => {
    setDateErrors((e) => ({ ...e, [key]: iso ? undefined : 'Enter a date like 01/09/2026' }));
    if (iso) set({ [key]: iso });
  };

  return (
    <Page title="Behaviour analysis" description="What is happening, where, when and to whom. Rates are per 100 pupils per school day.">
      <TrendAlertsSection />
      <Paper withBorder p="md" radius="md" component="form" onSubmit={(e) => { e.preventDefault(); if (!dateErrors.from && !dateErrors.to) setFilters(draft); }} aria-label="Filters">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          {me.sites.length > 1 ? (
            <LaterPart what="choice of sites" onRetry={retrySites} fallback={<SitesFilterWaiting />}>
              <SitesFilter sites={me.sites} value={draft.siteIds} onChange={(v) => set({ siteIds: v })} />
            </LaterPart>
          ) : null}
          <UkDateInput label="From" value={draft.from} onChange={setDate('from')} error={dateErrors.from} required />
          <UkDateInput label="To" value={draft.to} onChange={setDate('to')} error={dateErrors.to} required />
          {tab === 'behaviour' ? <NativeSelect label="Over time, per" data={GRANULARITY_OPTIONS}
            value={draft.granularity} onChange={(e) => set({ granularity: e.currentTarget.value as DashboardFilters['granularity'] })} /> : null}
          <NativeSelect label="Year group" data={YEAR_GROUP_OPTIONS} value={draft.yearGroup} onChange={(e) => set({ yearGroup: e.currentTarget.value })} />
          <NativeSelect label="Pupil group" data={PUPIL_GROUP_OPTIONS} value={draft.pupilGroup} onChange={(e) => set({ pupilGroup: e.currentTarget.value })} />
          {tab === 'behaviour' ? <NativeSelect label="Category" value={draft.categoryCode} onChange={(e) => set({ categoryCode: e.currentTarget.value })}
            data={[{ value: '', label: 'All categories' }, ...(d?.byCategory ?? []).filter((c) => c.key).map((c) => ({ value: c.key, label: c.label }))]} /> : null}
          <Group align="flex-end"><Button type="submit" loading={shown.isFetching}>Show</Button></Group>
        </SimpleGrid>
      </Paper>
      <PageTabs tabs={TABS} value={tab} onChange={setTab} label="What to analyse">
          <Stack gap="md">
            {shown.error ? <ErrorAlert error={shown.error} onRetry={() => void shown.refetch()} /> : null}
            {shown.isLoading || (tab === 'behaviour' && q.data && !d) ? <Loading /> : null}
            {tab === 'behaviour' && d ? <Dashboard d={d} query={filterQuery(filters)} measure={measure} setMeasure={setMeasure} onDrill={canDrill} /> : null}
            <LaterPart what={tab === 'quality' ? 'record quality figures' : 'physical intervention figures'}
              onRetry={() => { retryInterventions(); retryQuality(); }}>
              {tab === 'interventions' && pi.data ? <>
                <SuppressionNote d={pi.data} />
                <InterventionsPanel d={pi.data} query={qualityQuery(filters)} onOpen={records && !pi.data.aggregateOnly ? setQualityCell : null} />
              </> : null}
              {tab === 'quality' && quality.data ? <>
                <SuppressionNote d={quality.data} />
                <QualityPanel d={quality.data} query={qualityQuery(filters)} onOpen={records && !quality.data.aggregateOnly ? setQualityCell : null} />
              </> : null}
            </LaterPart>
          </Stack>
      </PageTabs>
      {/* (a figure can be opened only once the page has painted: the lists load from then) */}
      {painted ? (
        <LaterPart what="list of records" onRetry={() => { retryDrillDown(); retryRecords(); }} fallback={null}>
          <DrillDownModal filters={filters} cell={cell} onClose={() => setCell(null)} />
          <QualityRecordsModal filters={filters} cell={qualityCell} onClose={() => setQualityCell(null)} />
        </LaterPart>
      ) : null}
    </Page>
  );
}

const DASHBOARD = '/analytics/dashboard';

function Dashboard({ d, query, measure, setMeasure, onDrill }: {
  d: TAnalyticsDashboard; query: Record<string, string>; measure: TAnalyticsMeasure; setMeasure: (m: TAnalyticsMeasure) => void; onDrill: ((c: DrillCell) => void) | null;
}) {
  const side: TAnalyticsMeasure[] = measure === 'pos' ? ['pos', 'neg'] : [measure, 'pos'];
  // each table downloads with the filters shown, and every measure (the screen shows two or three)
  const download = (table: TAnalyticsTable, what: string) => <ExportButtons path={DASHBOARD} query={{ ...query, table }} what={what} />;
  // the summary and the tiles first; the charts and tables below them just after that first paint (useAfterPaint)
  const below = useAfterPaint();
  const charts = useMemo(() => below ? { time: overTimeChart(d, measure), heat: heatmapChart(d, measure), cat: categoryChart(d, measure), sites: sitesChart(d) } : null, [below, d, measure]);
  return (
    <Stack gap="md">
      <Text size="sm">
        {d.sites.map((s) => s.name).join(', ')} · {formatDate(d.from)} to {formatDate(d.to)} · {plural(d.schoolDays, 'school day')} · {formatNumber(d.pupilDays)} pupil-days
        {d.source === 'records' ? ' · counted from the records (filtered)' : ''} · as of {formatTimeOfDay(d.asOf)}
      </Text>
      <ProgressNote progress={d.progress} />
      <SuppressionNote d={d} />
      <KpiTiles d={d} onDrill={onDrill} />
      <NativeSelect label="Show the charts and breakdowns for" w={{ base: '100%', sm: 320 }} value={measure} onChange={(e) => setMeasure(e.currentTarget.value as TAnalyticsMeasure)}
        data={MEASURES.map((m) => ({ value: m, label: ANALYTICS_MEASURE_LABELS[m] }))} />
      {charts ? <>
      <ChartPanel spec={charts.time} onDrill={onDrill} actions={download('series', 'behaviour over time')} empty={d.series.length === 0} />
      <ChartPanel spec={charts.heat} onDrill={onDrill} actions={download('heatmap', 'behaviour by weekday and period')} empty={d.schoolWeekdays.length === 0} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ChartPanel spec={charts.cat} onDrill={onDrill} actions={download('categories', 'behaviour by category')} empty={charts.cat.table.rows.length === 0} />
        {d.bySite.length > 1 ? <ChartPanel spec={charts.sites} onDrill={onDrill} actions={download('sites', 'behaviour by site')} /> : null}
        <BreakdownTable title="Where: by location" caption="Records by location" rows={d.byLocation} measures={side} dim="loc" onDrill={onDrill} keyLabel="Location" actions={download('locations', 'behaviour by location')} />
        <BreakdownTable title="When: by period" caption="Records by lesson period" rows={d.byPeriod} measures={side} dim={null} onDrill={null} keyLabel="Period" actions={download('periods', 'behaviour by period')} />
        <BreakdownTable title="Who: by year group" caption="Pupils' records by their year group; rates over that year group's pupil-days" rows={d.byYearGroup} measures={side.filter((m) => m !== 'inc')} dim={null} onDrill={null} keyLabel="Year group" actions={download('yearGroups', 'behaviour by year group')} />
        {d.byStaff ? <BreakdownTable title="Who recorded" caption="Records by the member of staff who recorded them" rows={d.byStaff.slice(0, 30)} firstRows={10} measures={side} dim="staff" onDrill={onDrill} keyLabel="Member of staff" actions={download('staff', 'behaviour by who recorded it')} /> : null}
        {d.byPupil ? <BreakdownTable title="Pupils with most negative behaviour" caption="The 50 pupils with most negative points and incident involvements; rates over each pupil's own school days" rows={d.byPupil} firstRows={10} measures={['neg', 'inv', 'pos']} dim="pupil" onDrill={onDrill} keyLabel="Pupil" actions={download('pupils', 'pupils with most negative behaviour')} /> : null}
      </SimpleGrid>
      </> : null}
    </Stack>
  );
}
