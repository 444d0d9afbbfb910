/**
 * The behaviour analysis page's filters (ANA-1): the sites (for staff of several), the dates, the over-time grouping,
 * year group, pupil group and category; "Show" applies them. They keep their own draft, and are a memo component
 * whose "Show" button follows the loading by itself (`useIsFetching`), so an answer's arrival, whose render is urgent,
 * does not redraw a dozen inputs: on a slow phone that redraw was most of the longest task after the page appeared.
 */
import { memo, useRef, useState } from 'react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { useIsFetching } from '@tanstack/react-query';
import { PUPIL_GROUP_LABELS } from '@haven/contracts';
import { LaterPart, useLaterComponent } from '../../components/LaterPart';
import { UkDateInput } from '../../components/UkDateInput';
import { defaultDashboardFilters, type DashboardFilters } from './analytics.api';

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

export interface AnalyticsFiltersProps {
  sites: readonly { id: string; name: string }[];
  /** The behaviour tab also groups over time and filters by category. */
  behaviour: boolean;
  /** The category choices: "All categories" and those the figures list. */
  categories: readonly { value: string; label: string }[];
  /** The queries whose loading the "Show" button shows (a constant per tab). */
  fetchingKey: readonly unknown[];
  onApply: (filters: DashboardFilters) => void;
}

export const AnalyticsFilters = memo(function AnalyticsFilters({ sites, behaviour, categories, fetchingKey, onApply }: AnalyticsFiltersProps) {
  const [draft, setDraft] = useState<DashboardFilters>(defaultDashboardFilters);
  // a chosen category stays chosen, under its name, when the new figures no longer list it (none of its records in
  // them): a native select would otherwise show the first choice, "All categories", while the category still applied
  const names = useRef(new Map<string, string>());
  for (const c of categories) if (c.value) names.current.set(c.value, c.label);
  const categoryChoices = draft.categoryCode && !categories.some((c) => c.value === draft.categoryCode)
    ? [...categories, { value: draft.categoryCode, label: names.current.get(draft.categoryCode) ?? draft.categoryCode }]
    : categories;
  const [dateErrors, setDateErrors] = useState<{ from?: string | undefined; to?: string | undefined }>({});
  const { Comp: SitesFilter, retry: retrySites } = useLaterComponent(() => loadSitesFilter().then((m) => m.SitesFilter));
  const set = (patch: Partial<DashboardFilters>) => setDraft((f) => ({ ...f, ...patch }));
  const setDate = (key: 'from' | 'to') => (iso: string | null) => {
    setDateErrors((e) => ({ ...e, [key]: iso ? undefined : 'Enter a date like 01/09/2026' }));
    if (iso) set({ [key]: iso });
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" aria-label="Filters"
      onSubmit={(e) => { e.preventDefault(); if (!dateErrors.from && !dateErrors.to) onApply(draft); }}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        {sites.length > 1 ? (
          <LaterPart what="choice of sites" onRetry={retrySites} fallback={<SitesFilterWaiting />}>
            <SitesFilter sites={sites} value={draft.siteIds} onChange={(v) => set({ siteIds: v })} />
          </LaterPart>
        ) : null}
        <UkDateInput label="From" value={draft.from} onChange={setDate('from')} error={dateErrors.from} required />
        <UkDateInput label="To" value={draft.to} onChange={setDate('to')} error={dateErrors.to} required />
        {behaviour ? <NativeSelect label="Over time, per" data={GRANULARITY_OPTIONS}
          value={draft.granularity} onChange={(e) => set({ granularity: e.currentTarget.value as DashboardFilters['granularity'] })} /> : null}
        <NativeSelect label="Year group" data={YEAR_GROUP_OPTIONS} value={draft.yearGroup} onChange={(e) => set({ yearGroup: e.currentTarget.value })} />
        <NativeSelect label="Pupil group" data={PUPIL_GROUP_OPTIONS} value={draft.pupilGroup} onChange={(e) => set({ pupilGroup: e.currentTarget.value })} />
        {behaviour ? <NativeSelect label="Category" value={draft.categoryCode} onChange={(e) => set({ categoryCode: e.currentTarget.value })}
          data={categoryChoices as { value: string; label: string }[]} /> : null}
        <ShowButton fetchingKey={fetchingKey} />
      </SimpleGrid>
    </Paper>
  );
});

function ShowButton({ fetchingKey }: { fetchingKey: readonly unknown[] }) {
  const fetching = useIsFetching({ queryKey: fetchingKey });
  return <Group align="flex-end"><Button type="submit" loading={fetching > 0}>Show</Button></Group>;
}
