/**
 * ANA-1 exactness: on random records — events, incidents in every status, voided ones, involvements in every role,
 * interventions, records moved between days, periods left to the timetable, closure days added, pupils leaving —
 * every dashboard figure equals a brute-force count over the raw rows (test/analytics.brute.ts), on both databases,
 * whether served from the rollup or (with filters) from the records. The app's today is random too: a range that runs
 * past it counts records and pupil-days up to it only (SPEC §9), as the brute force does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import type { TAnalyticsDashboard, TAnalyticsValues } from '@haven/contracts';
import { createTestContext, dbKinds, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { AnalyticsRefresher } from '../../src/modules/analytics/analytics.refresher.ts';
import { addOption, addUser, demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { brute, loadRaw, type Canonical, type Counts } from '../analytics.brute.ts';
import { addDays } from '../../src/core/calendar/calendar.ts';
import { TOP_STAFF } from '../../src/modules/analytics/analytics.presenter.ts';

const MEASURES = ['pos', 'neg', 'neu', 'inc', 'inv', 'pi'] as const;
const BASE = '2026-08-24';

function counts(v: TAnalyticsValues): Counts {
  const c: Counts = {};
  for (const m of MEASURES) if (v[m].count) c[m] = v[m].count!;
  return c;
}
function table(rows: { key: string; values: TAnalyticsValues }[]): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  for (const r of rows) { const c = counts(r.values); if (Object.keys(c).length) out[r.key] = c; }
  return out;
}
function clean(r: Record<string, Counts>): Record<string, Counts> {
  return Object.fromEntries(Object.entries(r).filter(([, c]) => Object.keys(c).length));
}
/** The members of staff the dashboard lists: the TOP_STAFF who recorded most, then by id. */
function topStaff(r: Record<string, Counts>): Record<string, Counts> {
  const total = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0);
  return Object.fromEntries(Object.entries(clean(r)).sort(([ka, a], [kb, b]) => total(b) - total(a) || ka.localeCompare(kb)).slice(0, TOP_STAFF));
}

export function canonical(d: TAnalyticsDashboard): Omit<Canonical, 'pupil'> {
  const series: Canonical['series'] = {};
  for (const s of d.series) if (s.pupilDays || s.schoolDays || Object.keys(counts(s.values)).length) series[s.bucket] = { counts: counts(s.values), pupilDays: s.pupilDays, schoolDays: s.schoolDays };
  return {
    pupilDays: d.pupilDays, schoolDays: d.schoolDays, totals: counts(d.totals),
    cat: table(d.byCategory), loc: table(d.byLocation), period: table(d.byPeriod),
    wp: table(d.heatmap.map((h) => ({ key: `${h.weekday}:${h.period}`, values: h.values }))),
    staff: table(d.byStaff ?? []), site: table(d.bySite), year: table(d.byYearGroup),
    sitePupilDays: Object.fromEntries(d.bySite.filter((s) => s.pupilDays).map((s) => [s.key, s.pupilDays])),
    yearPupilDays: Object.fromEntries(d.byYearGroup.filter((s) => s.pupilDays).map((s) => [s.key, s.pupilDays])),
    series,
  };
}

describe.each(dbKinds())('analytics figures equal a brute-force count on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let head: Session;
  let pupilsBySite: Record<string, { id: string }[]>;
  let staffIds: string[];

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    head = await sessionFor(t, await addUser(t, s.trustId, 'head', null));
    pupilsBySite = {};
    for (const site of [s.site1, s.site2, s.site3]) {
      pupilsBySite[site] = await t.database.query<{ id: string }>('select id from pupils where site_id = $1 order by id limit 12', [site]);
    }
    staffIds = (await t.database.query<{ id: string }>('select id from users where trust_id = $1 order by id limit 4', [s.trustId])).map((u) => u.id);
    // a site's own timetable overriding the trust's period 1, for records left to the timetable
    await addOption(t, s.trustId, { siteId: s.site2, kind: 'period', code: 'P1', details: { start: '09:10', end: '10:20' } });
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  const siteIdx = fc.integer({ min: 0, max: 2 });
  const when = fc.record({ day: fc.integer({ min: 0, max: 90 }), minute: fc.integer({ min: 8 * 60, max: 15 * 60 }) });
  const op = fc.oneof(
    fc.record({ kind: fc.constant('event' as const), site: siteIdx, pupil: fc.nat(11), when, polarity: fc.constantFrom('positive', 'negative', 'neutral'),
      cat: fc.constantFrom('A1', 'B2', 'C3'), loc: fc.option(fc.constantFrom('HALL', 'YARD'), { nil: null }), period: fc.constantFrom(null, null, 'P1', 'P2'),
      voided: fc.constantFrom(false, false, false, true), staff: fc.nat(3) }),
    fc.record({ kind: fc.constant('incident' as const), site: siteIdx, when, status: fc.constantFrom('draft', 'submitted', 'returned', 'signed_off'), voided: fc.boolean(),
      cats: fc.uniqueArray(fc.constantFrom('A1', 'B2', 'C3'), { maxLength: 2 }), loc: fc.option(fc.constantFrom('HALL', 'YARD'), { nil: null }),
      period: fc.constantFrom(null, null, 'P1', 'P2'), staff: fc.nat(3),
      pupils: fc.uniqueArray(fc.record({ pupil: fc.nat(11), role: fc.constantFrom('involved', 'instigator', 'affected', 'witness') }), { selector: (p) => p.pupil, maxLength: 3 }),
      pis: fc.array(fc.option(fc.nat(11), { nil: null }), { maxLength: 2 }) }),
    fc.record({ kind: fc.constant('move' as const), days: fc.integer({ min: -20, max: 20 }) }),
    fc.record({ kind: fc.constant('voidEvent' as const), pick: fc.nat(1000) }),
    fc.record({ kind: fc.constant('closure' as const), day: fc.integer({ min: 0, max: 110 }) }),
    fc.record({ kind: fc.constant('leave' as const), site: siteIdx, pupil: fc.nat(11), day: fc.integer({ min: 0, max: 110 }) }),
  );

  async function applyOne(o: { kind: string } & Record<string, unknown>): Promise<void> {
    const db = t.database;
    const siteOf = (i: unknown) => [s.site1, s.site2, s.site3][i as number]!;
    const at = (w: unknown) => { const x = w as { day: number; minute: number }; return `${addDays(BASE, x.day)}T${String(Math.floor(x.minute / 60)).padStart(2, '0')}:${String(x.minute % 60).padStart(2, '0')}:00+00`; };
    if (o.kind === 'event') {
      const site = siteOf(o.site);
      const ts = at(o.when);
      await db.query(`insert into behaviour_events (id, trust_id, site_id, pupil_id, batch_id, category_id, category_code, polarity, severity, points, occurred_at, occurred_on, period_code, location_code, recorded_by, voided_at)
        values ($1, $2, $3, $4, $1, $1, $5, $6, 1, 1, $7::timestamptz, ($7::timestamptz at time zone 'Europe/London')::date, $8, $9, $10, $11)`,
      [uuidv7(), s.trustId, site, pupilsBySite[site]![o.pupil as number]!.id, o.cat, o.polarity, ts, o.period, o.loc, staffIds[o.staff as number], o.voided ? ts : null]);
    } else if (o.kind === 'incident') {
      const site = siteOf(o.site);
      const ts = at(o.when);
      const id = uuidv7();
      await db.query(`insert into incidents (id, trust_id, site_id, status, occurred_at, occurred_on, period_code, location_code, category_codes, created_by, voided_at)
        values ($1, $2, $3, $4, $5::timestamptz, ($5::timestamptz at time zone 'Europe/London')::date, $6, $7, $8::jsonb, $9, $10)`,
      [id, s.trustId, site, o.status, ts, o.period, o.loc, JSON.stringify(o.cats), staffIds[o.staff as number], o.voided ? ts : null]);
      for (const p of o.pupils as { pupil: number; role: string }[]) {
        await db.query('insert into incident_pupils (incident_id, pupil_id, trust_id, role) values ($1, $2, $3, $4)', [id, pupilsBySite[site]![p.pupil]!.id, s.trustId, p.role]);
      }
      for (const p of o.pis as (number | null)[]) {
        await db.query('insert into physical_interventions (id, incident_id, trust_id, site_id, pupil_id) values ($1, $2, $3, $4, $5)', [uuidv7(), id, s.trustId, site, p === null ? null : pupilsBySite[site]![p]!.id]);
      }
      // a later edit: a submitted incident signed off, or its involvement roles changed
      if (o.status === 'submitted' && (o.pupils as unknown[]).length) await db.query(`update incident_pupils set role = 'witness' where incident_id = $1 and pupil_id = (select pupil_id from incident_pupils where incident_id = $1 limit 1)`, [id]);
    } else if (o.kind === 'move') {
      await db.query(`update incidents set occurred_on = occurred_on + $1::int, occurred_at = occurred_at + make_interval(days => $1::int) where id = (select id from incidents where trust_id = $2 and occurred_on is not null order by id desc limit 1)`, [o.days, s.trustId]);
    } else if (o.kind === 'voidEvent') {
      await db.query(`update behaviour_events set voided_at = now() where id = (select id from behaviour_events where trust_id = $1 and voided_at is null
        order by md5(id::text || $2::text) limit 1)`, [s.trustId, o.pick]);
    } else if (o.kind === 'closure') {
      await db.query(`insert into closure_days (id, trust_id, academic_year_id, site_id, date, reason, kind) select $1, $2, academic_year_id, null, $3::date, 'Test closure', 'closure' from terms where trust_id = $2 limit 1`, [uuidv7(), s.trustId, addDays(BASE, o.day as number)]);
    } else if (o.kind === 'leave') {
      await db.query('update pupils set enrolment_end = $1::date where id = $2', [addDays(BASE, o.day as number), pupilsBySite[siteOf(o.site)]![o.pupil as number]!.id]);
    }
  }

  /** Month and year rows that differ from the sums of their days and months (both ways), and rows of nought. */
  async function rollupDrift(): Promise<unknown[]> {
    const year = `make_date(extract(year from bucket)::int - case when extract(month from bucket) < 9 then 1 else 0 end, 9, 1)`;
    const pair = (grain: string, from: string, bucket: string) => `
      (select dim, site_id, ${bucket} as bucket, measure, key, sum(n)::int as n from analytics_rollup where grain = '${from}' group by 1, 2, 3, 4, 5
       except select dim, site_id, bucket, measure, key, n from analytics_rollup where grain = '${grain}')
      union all
      (select dim, site_id, bucket, measure, key, n from analytics_rollup where grain = '${grain}'
       except select dim, site_id, ${bucket}, measure, key, sum(n)::int from analytics_rollup where grain = '${from}' group by 1, 2, 3, 4, 5)`;
    // the pupil rollup's wide rows, as (dim 'pupil', measure, key, n) rows, so the same comparison holds for them
    const cols = ['pos', 'neg', 'neu', 'inv', 'pi'];
    const pupilRows = `(select 'pupil'::text as dim, grain, site_id, bucket, v.measure, pupil_id::text as key, v.n
       from analytics_pupil_rollup cross join lateral (values ${cols.map((c) => `('${c}', ${c})`).join(', ')}) v(measure, n) where v.n <> 0)`;
    const pupilPair = (grain: string, from: string, bucket: string) => `
      (select dim, site_id, ${bucket} as bucket, measure, key, sum(n)::int as n from ${pupilRows} x where grain = '${from}' group by 1, 2, 3, 4, 5
       except select dim, site_id, bucket, measure, key, n from ${pupilRows} x where grain = '${grain}')
      union all
      (select dim, site_id, bucket, measure, key, n from ${pupilRows} x where grain = '${grain}'
       except select dim, site_id, ${bucket}, measure, key, sum(n)::int from ${pupilRows} x where grain = '${from}' group by 1, 2, 3, 4, 5)`;
    return t.database.query(`${pair('m', 'd', "date_trunc('month', bucket)::date")} union all ${pair('y', 'm', year)} union all ${pair('a', 'y', "'1900-01-01'::date")}
      union all ${pupilPair('m', 'd', "date_trunc('month', bucket)::date")} union all ${pupilPair('y', 'm', year)} union all ${pupilPair('a', 'y', "'1900-01-01'::date")}
      union all select dim, site_id, bucket, measure, key, n from analytics_rollup where n = 0
      union all select 'pupil', site_id, bucket, 'none', pupil_id::text, 0 from analytics_pupil_rollup where (pos, neg, neu, inv, pi) = (0, 0, 0, 0, 0)`);
  }

  it('every figure of the dashboard equals the brute-force count, after every batch of changes', async () => {
    const refresher = new AnalyticsRefresher(t.database, { intervalMs: 1000, batchDays: 3 });
    await fc.assert(fc.asyncProperty(
      fc.array(op, { minLength: 5, maxLength: 40 }),
      fc.subarray([0, 1, 2], { minLength: 1 }), fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 80 }),
      fc.constantFrom('day', 'week', 'month'), fc.option(fc.constantFrom('A1', 'B2'), { nil: undefined }), fc.option(fc.integer({ min: 7, max: 11 }), { nil: undefined }),
      // a range of whole academic years, all time (from 2021), or whole years with ragged ends, read by month or week
      fc.constantFrom('2026-09-01', '2025-09-01', '2021-09-01', '2026-08-24'), fc.constantFrom('2027-08-31', '2027-09-05'), fc.constantFrom('month', 'week'),
      // the app's today: inside the records' days or after them all, so ranges run past it or end before it (SPEC §9)
      fc.integer({ min: 0, max: 130 }),
      async (ops, siteIdxs, a, b, granularity, categoryCode, yearGroup, wholeFrom, wholeTo, wholeGrain, todayAt) => {
        for (const o of ops) await applyOne(o as { kind: string } & Record<string, unknown>);
        const today = addDays(BASE, todayAt);
        t.app.deps.clock = () => new Date(`${today}T12:00:00Z`);
        const siteIds = siteIdxs.map((i) => [s.site1, s.site2, s.site3][i]!);
        const from = addDays(BASE, Math.min(a, b));
        const to = addDays(BASE, Math.max(a, b) + 10);
        const filters = `${categoryCode ? `&categoryCode=${categoryCode}` : ''}${yearGroup !== undefined ? `&yearGroup=${yearGroup}` : ''}`;
        // the rollups are kept off the request path: fold the changes in as the background refresher does, in small
        // batches (3 days a transaction), so months and years take each batch's difference
        await refresher.pass();
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/dashboard?from=${from}&to=${to}&siteIds=${siteIds.join(',')}&granularity=${granularity}${filters}`, headers: head.headers });
        expect(res.statusCode, res.body).toBe(200);
        const got = json<TAnalyticsDashboard>(res);
        expect(got.progress.figuresTo).toBe(to > today ? (today >= from ? today : addDays(from, -1)) : to);
        const want = brute(await loadRaw(t.database, s.trustId), { siteIds, from, to, granularity, today, ...(categoryCode ? { categoryCode } : {}), ...(yearGroup !== undefined ? { yearGroup } : {}) });
        const { pupil, ...rest } = want;
        expect(canonical(got)).toEqual({ ...rest, cat: clean(rest.cat), loc: clean(rest.loc), period: clean(rest.period), wp: clean(rest.wp), staff: topStaff(rest.staff), site: clean(rest.site), year: clean(rest.year) });
        for (const p of got.byPupil ?? []) expect(counts(p.values)).toEqual(pupil[p.key] ?? {});
        // most of an academic year: read as the year's rollup minus the days outside the range
        const long = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/dashboard?from=2026-08-20&to=${addDays('2027-06-01', a)}&siteIds=${siteIds.join(',')}`, headers: head.headers });
        const wantLong = brute(await loadRaw(t.database, s.trustId), { siteIds, from: '2026-08-20', to: addDays('2027-06-01', a), granularity: 'month', today });
        const gotLong = canonical(json<TAnalyticsDashboard>(long));
        expect({ totals: gotLong.totals, cat: gotLong.cat, staff: gotLong.staff, year: gotLong.year, pupilDays: gotLong.pupilDays })
          .toEqual({ totals: wantLong.totals, cat: clean(wantLong.cat), staff: topStaff(wantLong.staff), year: clean(wantLong.year), pupilDays: wantLong.pupilDays });
        // a range holding every record: read from the all-time rows
        const wide = canonical(json<TAnalyticsDashboard>(await t.app.inject({ method: 'GET', url: `/api/v1/analytics/dashboard?from=2021-09-01&to=${addDays('2027-06-01', a)}&siteIds=${siteIds.join(',')}`, headers: head.headers })));
        const wantWide = brute(await loadRaw(t.database, s.trustId), { siteIds, from: '2021-09-01', to: addDays('2027-06-01', a), granularity: 'month', today });
        expect({ totals: wide.totals, cat: wide.cat, staff: wide.staff, year: wide.year })
          .toEqual({ totals: wantWide.totals, cat: clean(wantWide.cat), staff: topStaff(wantWide.staff), year: clean(wantWide.year) });
        // whole academic years (or all time) by month or week: every record in its own month or week, never a year's
        // rows in its September
        const wholeUrl = `/api/v1/analytics/dashboard?from=${wholeFrom}&to=${wholeTo}&siteIds=${siteIds.join(',')}&granularity=${wholeGrain}`;
        const whole = canonical(json<TAnalyticsDashboard>(await t.app.inject({ method: 'GET', url: wholeUrl, headers: head.headers })));
        const wantWhole = brute(await loadRaw(t.database, s.trustId), { siteIds, from: wholeFrom, to: wholeTo, granularity: wholeGrain, today });
        expect({ series: whole.series, totals: whole.totals, pupilDays: whole.pupilDays })
          .toEqual({ series: wantWhole.series, totals: wantWhole.totals, pupilDays: wantWhole.pupilDays });
        // the incremental refresh keeps every month the sum of its days, every year of its months, all time of its years
        expect(await rollupDrift()).toEqual([]);
      }), { numRuns: kind === 'pglite' ? 8 : 20, endOnFailure: true });
  }, 900_000);
});
