/**
 * What the dashboard's route loader starts (router.tsx) before the page's code has loaded: the figures with the
 * filters the page opens with, and the first page of trend alerts for someone who may read them. Started by the
 * loader, the requests go out beside the page's code rather than from the page's first commit, where they made the
 * longest task of a phone's first load longer (each `fetch` is a few milliseconds of the main thread).
 */
import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from '../auth/auth.api';
import { isWideNow } from '../../lib/wide';
import { dashboardQuery, defaultDashboardFilters } from './analytics.api';
import { alertsPageSize, trendAlertsQuery } from './trend-alerts.api';

export async function prefetchAnalytics(qc: QueryClient): Promise<void> {
  // the page asks for the same figures whoever is signed in (a role that may not is refused, with or without this)
  const figures = qc.prefetchQuery(dashboardQuery(defaultDashboardFilters()));
  const me = await qc.fetchQuery(meQuery);
  if (me?.permissions.includes('behaviour.read')) {
    await qc.prefetchQuery(trendAlertsQuery({ subject: '', measure: '' }, 1, alertsPageSize(isWideNow())));
  }
  await figures;
}
