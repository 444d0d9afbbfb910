/**
 * Behaviour analysis: the behaviour dashboard (ANA-1) — one site, several sites or the trust; filters; over time, what,
 * where, when, who; positive and negative side by side — and, on their own tabs with the same filters, physical
 * interventions (ANA-3) and record-keeping quality (ANA-6). Every number opens its records (for roles that may see them).
 */
import './analytics.styles';
import { memo, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { categoryChart, heatmapChart, overTimeChart, sitesChart } from '@haven/contracts/charts';
import { ANALYTICS_MEASURE_LABELS, type TAnalyticsDashboard, type TAnalyticsMeasure, type TAnalyticsTable } from '@haven/contracts';
import { Page } from '../../components/Page';
import { PageTabs } from '../../components/PageTabs';
import { ExportButtons } from '../../components/ExportButtons';
import { ProgressNote } from '../../components/ProgressNote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { LaterPart, useLaterComponent } from '../../components/LaterPart';
import { useMe } from '../../lib/usePolicy';
import { useAfterPaint } from '../../lib/useAfterPaint';
import { formatDate, formatNumber, formatTimeOfDay, plural } from '../../lib/format';
import { defaultDashboardFilters, filterQuery, useDashboard, type DashboardFilters, type DrillCell } from './analytics.api';
import { BreakdownTable, SuppressionNote } from './AnalyticsFigures';
import { KpiTiles } from './KpiTiles';
import { ChartPanel, startCharts } from './charts/ChartPanel';
import { qualityQuery, usePiStats, useRecordQuality, type QualityCell } from './quality.api';
import { TrendAlertsSection } from './TrendAlertsSection';
import { AnalyticsFilters } from './AnalyticsFilters';

// What the first screen does not show is its own chunk, fetched once that screen has painted (loadLater): the other two
// tabs' panels, and the lists of records a figure opens.
const loadLater = {
  interventions: () => import('./InterventionsPanel'),
  quality: () => import('./QualityPanel'),
  drillDown: () => import('./DrillDownModal'),
  qualityRecords: () => import('./QualityRecordsModal'),
};

export const MEASURES: TAnalyticsMeasure[] = ['neg', 'pos', 'inc', 'inv', 'pi'];
type Tab = 'behaviour' | 'interventions' | 'quality';
const TABS: { value: Tab; label: string }[] = [
  { value: 'behaviour', label: 'Behaviour' }, { value: 'interventions', label: 'Physical interventions' }, { value: 'quality', label: 'Record quality' },
];
/** The queries whose loading the filters' "Show" button shows, by tab. */
const FETCHING: Record<Tab, readonly unknown[]> = {
  behaviour: ['analytics', 'dashboard'], interventions: ['analytics', 'physical-interventions'], quality: ['analytics', 'record-quality'],
};

export function AnalyticsPage() {
  const me = useMe();
  const [filters, setFilters] = useState<DashboardFilters>(defaultDashboardFilters);
  const [measure, setMeasure] = useState<TAnalyticsMeasure>('neg');
  const [cell, setCell] = useState<DrillCell | null>(null);
  const [tab, setTab] = useState<Tab>('behaviour');
  const [qualityCell, setQualityCell] = useState<QualityCell | null>(null);
  const q = useDashboard(filters, tab === 'behaviour');
  // the charts' worker (ECharts, 170 KB) starts downloading once the page's first screen has painted, while the figures
  // are on their way: fetched before that paint, a slow phone's first paint of the page waited for it
  const painted = useAfterPaint();
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
  const query = useMemo(() => filterQuery(filters), [filters]);
  const categories = useMemo(() => [{ value: '', label: 'All categories' },
    ...(d?.byCategory ?? []).filter((c) => c.key).map((c) => ({ value: c.key, label: c.label }))], [d]);

  return (
    <Page title="Behaviour analysis" description="What is happening, where, when and to whom. Rates are per 100 pupils per school day.">
      <TrendAlertsSection />
      <AnalyticsFilters sites={me.sites} behaviour={tab === 'behaviour'} categories={categories} fetchingKey={FETCHING[tab]} onApply={setFilters} />
      <PageTabs tabs={TABS} value={tab} onChange={setTab} label="What to analyse">
          <Stack gap="md">
            {shown.error ? <ErrorAlert error={shown.error} onRetry={() => void shown.refetch()} /> : null}
            {shown.isLoading || (tab === 'behaviour' && q.data && !d) ? <Loading /> : null}
            {tab === 'behaviour' && d ? <Dashboard d={d} query={query} measure={measure} setMeasure={setMeasure} onDrill={canDrill} /> : null}
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

/** A memo component: the page's urgent renders (an answer arriving, a tab's loading) do not redraw the figures. */
const Dashboard = memo(function Dashboard({ d, query, measure, setMeasure, onDrill }: {
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
});
