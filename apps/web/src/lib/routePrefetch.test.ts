/**
 * The route loaders that start a page's first requests before its code has loaded (issue 13, a fast first load): the
 * dashboard's figures with the filters the page opens with, its trend alerts for someone who may read them, and the
 * new-incident form's staff and policy for the recorder's site. Each must ask for exactly what the page then asks for
 * (the same query key, so the page finds the answer rather than asking again), and nothing for a form that will not
 * use it. The fetch below plays the server's part; the requests are the ones the browser would send.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { academicYearStart, dashboardQuery, defaultDashboardFilters } from '../features/analytics/analytics.api';
import { prefetchAnalytics } from '../features/analytics/analytics.prefetch';
import { trendAlertsQuery } from '../features/analytics/trend-alerts.api';
import { prefetchNewIncident } from '../features/incidents/incidentForm.prefetch';
import { staffListQuery } from '../features/incidents/incidents.api';
import { incidentPolicyQuery } from '../features/incidents/policy';
import { londonTodayIso } from './format';

const SITE = '01941f29-7c01-7c35-b9bc-7713f2e34c08';
const policy = { categories: [], locations: [], periods: [], actions: [], motivations: [], techniques: [], dfeReasons: [], form: null, settings: { serious_severity: 4 } };

/** A server that answers /me with a user holding `permissions` at one site, and everything else with an empty page. */
function server(permissions: string[]): string[] {
  const sent: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    sent.push(url);
    const path = url.split('?')[0];
    const body = path === '/api/v1/me'
      ? { user: { id: 'u1' }, permissions, sites: [{ id: SITE, name: 'Brightwater School' }], csrfToken: 't' }
      : path === '/api/v1/policy' ? policy : { items: [], total: 0, page: 1, pageSize: 5 };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

describe('the dashboard opens on this academic year', () => {
  it('starts on the 1st of September of the year the day is in', () => {
    expect(academicYearStart('2026-12-07')).toBe('2026-09-01');
    expect(academicYearStart('2026-09-01')).toBe('2026-09-01');
    expect(academicYearStart('2026-08-31')).toBe('2025-09-01');
    expect(academicYearStart('2027-01-01')).toBe('2026-09-01');
    expect(defaultDashboardFilters('2027-03-15')).toEqual({
      siteIds: [], from: '2026-09-01', to: '2027-03-15', granularity: 'month', categoryCode: '', yearGroup: '', pupilGroup: '',
    });
  });
});

describe('route loaders', () => {
  let qc: QueryClient;
  beforeEach(() => {
    vi.stubGlobal('document', { cookie: '' });
    qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  });
  afterEach(() => { vi.unstubAllGlobals(); qc.clear(); });

  it("starts the dashboard's figures and, for someone who may read records, its trend alerts, under the page's own keys", async () => {
    const sent = server(['analytics.read', 'behaviour.read']);
    await prefetchAnalytics(qc);
    const today = londonTodayIso();
    expect(sent).toContain(`/api/v1/analytics/dashboard?from=${academicYearStart(today)}&to=${today}&granularity=month`);
    expect(sent).toContain('/api/v1/analytics/alerts?page=1&pageSize=5');
    expect(qc.getQueryData(dashboardQuery(defaultDashboardFilters()).queryKey)).toBeDefined();
    expect(qc.getQueryData(trendAlertsQuery({ subject: '', measure: '' }, 1, 5).queryKey)).toBeDefined();
  });

  it('does not ask for trend alerts for someone who may see only the figures', async () => {
    const sent = server(['analytics.read']);
    await prefetchAnalytics(qc);
    expect(sent.some((u) => u.startsWith('/api/v1/analytics/alerts'))).toBe(false);
    expect(sent.some((u) => u.startsWith('/api/v1/analytics/dashboard'))).toBe(true);
  });

  it("starts a new incident's staff list and policy for the recorder's first site", async () => {
    const sent = server(['behaviour.create']);
    await prefetchNewIncident(qc, {});
    expect(sent).toEqual(expect.arrayContaining([`/api/v1/staff?siteId=${SITE}&pageSize=200`, `/api/v1/policy?siteId=${SITE}`]));
    expect(qc.getQueryData(staffListQuery(SITE).queryKey)).toEqual([]);
    expect(qc.getQueryData(incidentPolicyQuery(SITE).queryKey)).toMatchObject({ categories: [] });
  });

  it("asks for nothing when the form opens a draft, an incident or a pupil's record (it loads its own)", async () => {
    const sent = server(['behaviour.create']);
    await prefetchNewIncident(qc, { draft: '01941f29-7c01-7c35-b9bc-7713f2e34c09' });
    await prefetchNewIncident(qc, { pupilId: '01941f29-7c01-7c35-b9bc-7713f2e34c0a' });
    await prefetchNewIncident(qc, { id: '01941f29-7c01-7c35-b9bc-7713f2e34c0b' });
    expect(sent).toEqual([]);
  });

  it('asks for nothing more when nobody is signed in', async () => {
    vi.stubGlobal('fetch', async (url: string) => new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in' } }), { status: url.endsWith('/me') ? 401 : 403 }));
    await prefetchNewIncident(qc, {});
    expect(qc.getQueryData(staffListQuery(SITE).queryKey)).toBeUndefined();
  });
});
