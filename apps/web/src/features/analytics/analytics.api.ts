/** Analytics queries (ANA-1): the dashboard for the chosen sites and filters, and the records behind one figure. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { TAnalyticsDashboard, TDrillDown } from '@haven/contracts';
import type { ChartDrill } from '@haven/contracts/charts';
import { api } from '../../lib/api';
import { londonTodayIso } from '../../lib/format';

export interface DashboardFilters {
  siteIds: string[];
  from: string;
  to: string;
  granularity: 'day' | 'week' | 'month';
  categoryCode: string;
  yearGroup: string;
  pupilGroup: string;
}

export function filterQuery(f: DashboardFilters): Record<string, string> {
  const q: Record<string, string> = { from: f.from, to: f.to, granularity: f.granularity };
  if (f.siteIds.length) q.siteIds = f.siteIds.join(',');
  if (f.categoryCode) q.categoryCode = f.categoryCode;
  if (f.yearGroup) q.yearGroup = f.yearGroup;
  if (f.pupilGroup) q.pupilGroup = f.pupilGroup;
  return q;
}

/** The first of September that starts the academic year `today` (yyyy-mm-dd) is in. */
export function academicYearStart(today: string): string {
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 9 ? `${y}-09-01` : `${y - 1}-09-01`;
}

/** What the dashboard opens with: all the user's sites, this academic year to today, per month, nobody filtered out. */
export function defaultDashboardFilters(today = londonTodayIso()): DashboardFilters {
  return { siteIds: [], from: academicYearStart(today), to: today, granularity: 'month', categoryCode: '', yearGroup: '', pupilGroup: '' };
}

/** The dashboard's figures: the page's query, and what its route loader starts (the defaults) before the page's code has loaded. */
export function dashboardQuery(f: DashboardFilters) {
  const query = filterQuery(f);
  return queryOptions({
    queryKey: ['analytics', 'dashboard', query],
    queryFn: ({ signal }) => api.get<TAnalyticsDashboard>('/analytics/dashboard', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDashboard(f: DashboardFilters, enabled = true) {
  return useQuery({ ...dashboardQuery(f), enabled });
}

/** The records behind one figure: a chart's data point or a table's number (siteId narrows to one site). */
export type DrillCell = ChartDrill;

export function useDrillDown(f: DashboardFilters, cell: DrillCell | null, page: number) {
  const q = cell ? { ...filterQuery(f), ...(cell.siteId ? { siteIds: cell.siteId } : {}), measure: cell.measure, dim: cell.dim, key: cell.key, ...(cell.bucket ? { bucket: cell.bucket } : {}), page: String(page), pageSize: '25' } : {};
  return useQuery({
    queryKey: ['analytics', 'drill', q],
    queryFn: ({ signal }) => api.get<TDrillDown>('/analytics/drill-down', q, signal),
    enabled: cell !== null,
  });
}
