/**
 * What the weekly PDF carries beside its tables: the dashboard's charts of the week (by school day, against the week
 * before as the tables compare; counts suppressed as the reader's copy is) and the head's commentary for the week.
 */
import type { TWeeklyReport } from '@haven/contracts';
import { dashboardCharts, REPORT_CHART_MEASURE, type ChartSpec } from '@haven/contracts/charts';
import type { Executor } from '../../core/db/client.ts';
import { dashboardOf } from '../analytics/analytics.service.ts';
import { commentariesFor } from '../report-commentary/report-commentary.service.ts';
import type { Commentary } from '../report-commentary/report-commentary.pdf.ts';

export interface WeeklyExtras { charts: ChartSpec[]; commentary: Commentary[] }

export async function weeklyExtras(db: Executor, trustId: string, r: TWeeklyReport): Promise<WeeklyExtras> {
  const sites = r.sites.map((s) => ({ id: s.siteId, name: s.siteName }));
  if (sites.length === 0) return { charts: [], commentary: [] };
  const [dash, commentary] = await Promise.all([
    dashboardOf(db, trustId, {
      siteIds: sites.map((s) => s.id), sites, from: r.weekStart, to: r.progress.figuresTo, requestedTo: r.weekEnd, progress: r.progress,
      filter: {}, aggregateOnly: r.suppressed, rollup: true,
    }, 'day', { from: r.previousWeekStart, to: r.previousWeekEnd }),
    commentariesFor(db, trustId, 'weekly', r.weekStart, sites),
  ]);
  return { charts: dashboardCharts(dash, REPORT_CHART_MEASURE), commentary };
}
