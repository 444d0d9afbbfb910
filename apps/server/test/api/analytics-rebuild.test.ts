/**
 * A rollup rebuild (`haven analytics-rebuild`) never stops recording or dashboards (issue 19): on PostgreSQL, while a
 * rebuild's transaction for the very site being logged at is open, a quick log is saved and a dashboard read
 * answers with the figures as they were and an "as of" that does not claim the new log; PostgreSQL shows no lock
 * request waiting. On both databases, a log saved during a rebuild is in the rollup once the refresher has run: the
 * rebuilt and refreshed rollup equals a rebuild from the records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAnalyticsDashboard } from '@haven/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { demoSites, pupilsAt, type DemoSites } from './behaviour.fixtures.ts';
import { refreshAnalytics } from '../../src/modules/analytics/analytics.refresh.ts';
import { rebuildAnalytics } from '../../src/modules/analytics/analytics.rebuild.ts';

const RANGE = 'from=2026-09-01&to=2027-07-31';

/** The request's answer, or a failure naming what waited (a blocked request would otherwise hang the test). */
async function within(what: string, p: Promise<LightMyRequestResponse>, ms = 15_000): Promise<LightMyRequestResponse> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} waited over ${ms} ms for the rebuild`)), ms); });
  try { return await Promise.race([p, late]); } finally { clearTimeout(timer); }
}

describe.each(dbKinds())('analytics rebuild beside recording on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session;
  let head: Session;
  let pupil: string;
  const log = () => t.app.inject({ method: 'POST', url: '/api/v1/behaviour-events', headers: staff.headers, payload: { pupilIds: [pupil], categoryCode: 'LOW_LEVEL_DISRUPTION' } });
  const dashboard = () => t.app.inject({ method: 'GET', url: `/api/v1/analytics/dashboard?${RANGE}&siteIds=${s.site1}`, headers: head.headers });
  const rollup = async () => ({
    rollup: await t.database.query(`select dim, grain, site_id, bucket::text, measure, key, n from analytics_rollup order by 1, 2, 3, 4, 5, 6`),
    pupils: await t.database.query(`select grain, site_id, bucket::text, pupil_id, pos, neg, neu, inv, pi from analytics_pupil_rollup order by 1, 2, 3, 4`),
  });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    staff = await sessionFor(t, demoEmail('staff'));
    head = await sessionFor(t, demoEmail('head'));
    [pupil] = await pupilsAt(t, s.site1, 1) as [string];
    await refreshAnalytics(t.database);
  });
  afterAll(async () => { await t?.close(); });

  // PGlite is one connection: nothing runs beside an open transaction there, so this part is PostgreSQL's
  if (kind === 'postgres') it('saves a quick log and answers a dashboard while a rebuild transaction of that site is open', async () => {
    const before = json<TAnalyticsDashboard>(await dashboard());
    expect(before.totals.neg!.count).toBeGreaterThan(0);
    let seen = false;
    await rebuildAnalytics(t.database, {
      duringSite: async (siteId) => {
        if (siteId !== s.site1) return;
        seen = true;
        const saved = await within('the quick log', log());
        expect(saved.statusCode, saved.body).toBe(201);
        const savedAt = Date.now();
        const read = await within('the dashboard', dashboard());
        expect(read.statusCode, read.body).toBe(200);
        const d = json<TAnalyticsDashboard>(read);
        // the rows as they were before the rebuild (its own are not committed yet), without the new log, and an
        // "as of" from before the log was saved
        expect(d.totals.neg!.count).toBe(before.totals.neg!.count);
        expect(new Date(d.asOf).getTime()).toBeLessThanOrEqual(savedAt);
        const waiting = await t.database.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        expect(waiting[0]!.n).toBe(0);
      },
    });
    expect(seen).toBe(true);
    await refreshAnalytics(t.database);
    expect(json<TAnalyticsDashboard>(await dashboard()).totals.neg!.count).toBe((before.totals.neg!.count ?? 0) + 1);
  });

  it('folds in a log saved during a rebuild: rebuilt and refreshed equals rebuilt from the records', async () => {
    const pending: { log?: Promise<LightMyRequestResponse> } = {};
    // PGlite is one connection: the log takes its turn between the rebuild's transactions
    await rebuildAnalytics(t.database, { duringSite: async (siteId) => { if (siteId === s.site1) pending.log = log(); } });
    expect(pending.log).toBeDefined();
    const saved = await within('the quick log', pending.log!);
    expect(saved.statusCode, saved.body).toBe(201);
    await refreshAnalytics(t.database);
    const kept = await rollup();
    await rebuildAnalytics(t.database);
    expect(await rollup()).toEqual(kept);
  });
});
