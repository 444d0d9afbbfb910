/**
 * /api/v1/analytics dashboard and drill-down: 401, 403, 404 (a site outside scope), 400 naming the field, success;
 * suppression for governors (no count from 1 to 4, no rate built on one, no names, no drill-down); scope (a cluster
 * lead's dashboard never counts a site outside theirs); drill-down totals equal the figure they open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAnalyticsDashboard, TDrillDown, TFigure } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { addUser, demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { AnalyticsRefresher } from '../../src/modules/analytics/analytics.refresher.ts';
import { brute, loadRaw } from '../analytics.brute.ts';
import { refreshAnalytics } from '../../src/modules/analytics/analytics.refresh.ts';
import { rebuildAnalytics } from '../../src/modules/analytics/analytics.rebuild.ts';
import { parseCsv } from '../../src/core/export/csv.ts';

const MEASURES = ['pos', 'neg', 'neu', 'inc', 'inv', 'pi'] as const;

const RANGE = 'from=2026-09-01&to=2026-11-18';

function figures(value: unknown, out: TFigure[] = []): TFigure[] {
  if (Array.isArray(value)) for (const v of value) figures(v, out);
  else if (value && typeof value === 'object') {
    if ('suppressed' in value && 'rateNote' in value) out.push(value as TFigure);
    else for (const v of Object.values(value)) figures(v, out);
  }
  return out;
}

describe.each(dbKinds())('analytics API on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let head: Session; let cluster: Session; let governor: Session; let staff: Session; let parent: Session; let trustHead: Session;
  // the rollups are kept current off the request path: fold every change in first, as the background refresher would
  const get = async (url: string, who?: Session) => {
    await refreshAnalytics(t.database);
    return t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [head, cluster, governor, staff, parent] = await Promise.all(['head', 'cluster_lead', 'governor', 'staff', 'parent'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session, Session];
    trustHead = await sessionFor(t, await addUser(t, s.trustId, 'head', null));
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers with 401', async () => {
    expect((await get(`/api/v1/analytics/dashboard?${RANGE}`)).statusCode).toBe(401);
    expect((await get(`/api/v1/analytics/drill-down?${RANGE}&measure=neg`)).statusCode).toBe(401);
  });

  it('refuses roles without analytics (staff, parent) with 403, and governors the drill-down', async () => {
    for (const who of [staff, parent]) expect((await get(`/api/v1/analytics/dashboard?${RANGE}`, who)).statusCode).toBe(403);
    expect((await get(`/api/v1/analytics/drill-down?${RANGE}&measure=neg`, governor)).statusCode).toBe(403);
  });

  it('answers 404 for a site outside the caller\'s scope, and never counts it', async () => {
    expect((await get(`/api/v1/analytics/dashboard?${RANGE}&siteIds=${s.site3}`, cluster)).statusCode).toBe(404);
    expect((await get(`/api/v1/analytics/dashboard?${RANGE}&siteIds=${s.site1},${s.site3}`, head)).statusCode).toBe(404);
    expect((await get(`/api/v1/analytics/drill-down?${RANGE}&measure=neg&siteIds=${s.site3}`, cluster)).statusCode).toBe(404);
    const mine = json<TAnalyticsDashboard>(await get(`/api/v1/analytics/dashboard?${RANGE}`, cluster));
    expect(mine.sites.map((x) => x.id).sort()).toEqual([s.site1, s.site2].sort());
    const want = brute(await loadRaw(t.database, s.trustId), { siteIds: [s.site1, s.site2], from: '2026-09-01', to: '2026-11-18', granularity: 'month' });
    for (const m of ['pos', 'neg', 'inc', 'inv', 'pi'] as const) expect(mine.totals[m].count).toBe(want.totals[m] ?? 0);
    expect(mine.pupilDays).toBe(want.pupilDays);
  });

  it('names the field of bad input with 400', async () => {
    const cases: [string, string][] = [
      ['from=2026-13-01', 'from'], ['from=2026-11-18&to=2026-09-01', 'to'], ['siteIds=nope', 'siteIds'], ['granularity=year', 'granularity'],
      ['yearGroup=x', 'yearGroup'], ['pupilGroup=wizards', 'pupilGroup'], ['from=2010-09-01&to=2026-09-01', 'from'], ['termId=0190a6c4-0000-7000-8000-000000000000', 'termId'],
    ];
    for (const [q, field] of cases) {
      const res = await get(`/api/v1/analytics/dashboard?${q}`, head);
      expect(res.statusCode, q).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)), q).toContain(field);
    }
    const bad = await get(`/api/v1/analytics/drill-down?${RANGE}&measure=everything`, head);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(bad))).toContain('measure');
  });

  it('gives a head the whole dashboard of their site with names and rates per 100 pupils per school day', async () => {
    const res = await get(`/api/v1/analytics/dashboard?${RANGE}&granularity=week`, head);
    expect(res.statusCode).toBe(200);
    const d = json<TAnalyticsDashboard>(res);
    expect(d.aggregateOnly).toBe(false);
    expect(d.sites.map((x) => x.id)).toEqual([s.site1]);
    expect(d.pupilDays).toBeGreaterThan(0);
    expect(d.totals.neg.rate).toBeCloseTo((d.totals.neg.count! / d.pupilDays) * 100, 9);
    expect(d.byPupil!.length).toBeGreaterThan(0);
    expect(d.byStaff!.length).toBeGreaterThan(0);
    expect(d.series.every((x) => new Date(`${x.bucket}T12:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(d.heatmap.every((h) => h.weekday >= 1 && h.weekday <= 7)).toBe(true);
  });

  it('suppresses counts from 1 to 4 for a governor, withholds rates built on them, and sends no names', async () => {
    const res = await get(`/api/v1/analytics/dashboard?${RANGE}`, governor);
    expect(res.statusCode).toBe(200);
    const d = json<TAnalyticsDashboard>(res);
    expect(d.aggregateOnly).toBe(true);
    expect(d.byPupil).toBeNull();
    expect(d.byStaff).toBeNull();
    const all = figures(d);
    expect(all.length).toBeGreaterThan(50);
    for (const f of all) {
      if (f.count !== null) expect(f.count === 0 || f.count >= 5).toBe(true);
      if (f.suppressed) expect(f.rate).toBeNull();
    }
    expect(all.some((f) => f.suppressed)).toBe(true);
    // the same cells, seen by the head, hold the hidden small counts
    const full = json<TAnalyticsDashboard>(await get(`/api/v1/analytics/dashboard?${RANGE}`, head));
    const hidden = d.heatmap.findIndex((h) => h.values.neg.suppressed);
    if (hidden >= 0) expect(full.heatmap[hidden]!.values.neg.count).toBeGreaterThanOrEqual(1);
    const names = await t.database.query<{ n: string }>(`select legal_surname as n from pupils where site_id = $1 and length(legal_surname) > 5`, [s.site1]);
    for (const { n } of names) expect(res.body.includes(n)).toBe(false);
  });

  it('drills down to the records behind a heatmap cell: the total equals the figure', async () => {
    const d = json<TAnalyticsDashboard>(await get(`/api/v1/analytics/dashboard?${RANGE}`, trustHead));
    const cell = [...d.heatmap].sort((a, b) => (b.values.neg.count ?? 0) - (a.values.neg.count ?? 0))[0]!;
    const res = await get(`/api/v1/analytics/drill-down?${RANGE}&measure=neg&dim=wp&key=${cell.weekday}:${cell.period}&pageSize=10`, trustHead);
    expect(res.statusCode).toBe(200);
    const dd = json<TDrillDown>(res);
    expect(dd.total).toBe(cell.values.neg.count);
    expect(dd.items.length).toBe(Math.min(10, dd.total));
    expect(dd.items.every((i) => i.pupil !== null && i.recordType === 'event')).toBe(true);
    const inc = json<TDrillDown>(await get(`/api/v1/analytics/drill-down?${RANGE}&measure=inc`, trustHead));
    expect(inc.total).toBe(d.totals.inc.count);
    expect(inc.items[0]!.link).toMatch(/^\/incidents\//);
    // the by-pupil figures drill down from the pupil rollup: every record is that pupil's, as many as the figure
    const top = d.byPupil![0]!;
    const mine = json<TDrillDown>(await get(`/api/v1/analytics/drill-down?${RANGE}&measure=neg&dim=pupil&key=${top.key}&pageSize=100`, trustHead));
    expect(mine.total).toBe(top.values.neg.count);
    expect(mine.items.length).toBe(Math.min(100, mine.total));
    expect(mine.items.every((i) => i.pupil?.id === top.key)).toBe(true);
    const none = json<TDrillDown>(await get(`/api/v1/analytics/drill-down?${RANGE}&measure=neg&dim=pupil&key=not-a-pupil`, trustHead));
    expect(none.total).toBe(0);
  });

  it('pages through the records behind a figure newest date first, each record once, as many as the figure counts', async () => {
    const d = json<TAnalyticsDashboard>(await get(`/api/v1/analytics/dashboard?${RANGE}&siteIds=${s.site1}`, head));
    const ids: string[] = [];
    const dates: string[] = [];
    for (let page = 1; page < 100; page++) {
      const dd = json<TDrillDown>(await get(`/api/v1/analytics/drill-down?${RANGE}&siteIds=${s.site1}&measure=neg&pageSize=37&page=${page}`, head));
      expect(dd.total).toBe(d.totals.neg.count);
      if (dd.items.length === 0) break;
      for (const i of dd.items) { ids.push(i.recordId); dates.push(i.occurredOn); }
    }
    expect(ids.length).toBe(d.totals.neg.count);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...dates].sort().reverse()).toEqual(dates);
    const want = await t.database.query<{ id: string }>(`select id::text from behaviour_events where site_id = $1 and voided_at is null and polarity = 'negative'
      and occurred_on between '2026-09-01' and '2026-11-18'`, [s.site1]);
    expect(new Set(ids)).toEqual(new Set(want.map((w) => w.id)));
  });

  it('counts only the pupils of a filtered group, from the records', async () => {
    const d = json<TAnalyticsDashboard>(await get(`/api/v1/analytics/dashboard?${RANGE}&pupilGroup=fsm`, head));
    expect(d.source).toBe('records');
    const want = await t.database.query<{ n: number }>(`select count(*)::int as n from behaviour_events e join pupils p on p.id = e.pupil_id
      where e.site_id = $1 and p.fsm and e.voided_at is null and e.polarity = 'negative' and e.occurred_on between '2026-09-01' and '2026-11-18'`, [s.site1]);
    expect(d.totals.neg.count).toBe(want[0]!.n);
  });
  it('reads without refreshing: a change waits for the refresher, asOf says how fresh, and the drill-down is exact at once', async () => {
    const read = (url: string) => t.app.inject({ method: 'GET', url, headers: head.headers });
    const url = `/api/v1/analytics/dashboard?${RANGE}&siteIds=${s.site1}`;
    const before = json<TAnalyticsDashboard>(await get(url, head));
    const [pupil] = await pupilsAt(t, s.site1, 1);
    const logged = await t.app.inject({ method: 'POST', url: '/api/v1/behaviour-events', headers: staff.headers, payload: { pupilIds: [pupil], categoryCode: 'LOW_LEVEL_DISRUPTION', occurredAt: '2026-10-07T10:00:00Z' } });
    expect(logged.statusCode, logged.body).toBe(201);
    const loggedAt = new Date();
    const stale = json<TAnalyticsDashboard>(await read(url));
    expect(stale.totals.neg.count).toBe(before.totals.neg.count);
    expect(new Date(stale.asOf).getTime()).toBeLessThanOrEqual(loggedAt.getTime());
    // the drill-down counts the waiting day from the records
    const dd = json<TDrillDown>(await read(`/api/v1/analytics/drill-down?${RANGE}&siteIds=${s.site1}&measure=neg&pageSize=5`));
    expect(dd.total).toBe(before.totals.neg.count! + 1);
    const day = json<TDrillDown>(await read(`/api/v1/analytics/drill-down?from=2026-10-07&to=2026-10-07&siteIds=${s.site1}&measure=neg&pageSize=100`));
    expect(day.items.some((i) => i.pupil?.id === pupil)).toBe(true);
    const pupilDd = json<TDrillDown>(await read(`/api/v1/analytics/drill-down?${RANGE}&siteIds=${s.site1}&measure=neg&dim=pupil&key=${pupil}&pageSize=100`));
    expect(pupilDd.items).toHaveLength(pupilDd.total);
    expect(pupilDd.items.filter((i) => i.occurredOn === '2026-10-07').length).toBeGreaterThanOrEqual(1);
    // once the refresher has been round, the figure counts it and asOf is after it
    await new AnalyticsRefresher(t.database, { intervalMs: 1000 }).pass();
    const fresh = json<TAnalyticsDashboard>(await read(url));
    expect(fresh.totals.neg.count).toBe(before.totals.neg.count! + 1);
    expect(new Date(fresh.asOf).getTime()).toBeGreaterThanOrEqual(loggedAt.getTime() - 1000);
  });

  it('puts each month\'s (and week\'s) records in that month over a whole academic year, in the JSON and the series download', async () => {
    const raw = await loadRaw(t.database, s.trustId);
    // the app's today after the year, so the whole year is counted (a year in progress: figures-in-progress.test.ts)
    t.app.deps.clock = () => new Date('2027-09-15T12:00:00Z');
    for (const granularity of ['month', 'week'] as const) {
      for (const [from, to] of [['2026-09-01', '2027-08-31'], ['2025-09-01', '2027-08-31'], ['2021-09-01', '2027-08-31']] as const) {
        const url = `/api/v1/analytics/dashboard?from=${from}&to=${to}&siteIds=${s.site1},${s.site2}&granularity=${granularity}`;
        const d = json<TAnalyticsDashboard>(await get(url, trustHead));
        const want = brute(raw, { siteIds: [s.site1, s.site2], from, to, granularity });
        const got = Object.fromEntries(d.series.filter((x) => x.pupilDays || x.schoolDays || MEASURES.some((m) => x.values[m].count))
          .map((x) => [x.bucket, { counts: Object.fromEntries(MEASURES.filter((m) => x.values[m].count).map((m) => [m, x.values[m].count])), pupilDays: x.pupilDays, schoolDays: x.schoolDays }]));
        expect(got, `${granularity} ${from}`).toEqual(want.series);
        // more than one month holds records (the demo's year so far runs from September)
        expect(Object.values(want.series).filter((b) => b.counts.neg).length).toBeGreaterThan(1);
        const csv = parseCsv((await get(`${url}&format=csv&table=series`, trustHead)).body);
        const neg = csv[0]!.indexOf('Negative behaviour points');
        expect(Object.fromEntries(csv.slice(1).filter((r) => r[neg] !== '0').map((r) => [r[0], Number(r[neg])])))
          .toEqual(Object.fromEntries(Object.entries(want.series).filter(([, b]) => b.counts.neg).map(([k, b]) => [k, b.counts.neg])));
      }
    }
    delete t.app.deps.clock;
  });

  it('rebuilds from the records exactly what the refreshes keep: both rollups and the pupils on roll', async () => {
    await refreshAnalytics(t.database);
    const snapshot = async () => ({
      rollup: await t.database.query(`select dim, grain, site_id, bucket::text, measure, key, n from analytics_rollup order by 1, 2, 3, 4, 5, 6`),
      pupils: await t.database.query(`select grain, site_id, bucket::text, pupil_id, pos, neg, neu, inv, pi from analytics_pupil_rollup order by 1, 2, 3, 4`),
      onRoll: await t.database.query(`select site_id, day::text, on_roll from analytics_calendar order by 1, 2`),
    });
    const kept = await snapshot();
    expect(kept.pupils.length).toBeGreaterThan(0);
    await rebuildAnalytics(t.database);
    expect(await snapshot()).toEqual(kept);
  });
});
