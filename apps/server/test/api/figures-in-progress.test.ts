/**
 * SPEC §9, issue 11 item 8: a period still in progress counts only the school days so far. With the app's clock set to
 * a school day in the autumn term, every dashboard whose range runs past today divides by the pupil-days up to today,
 * counts the records up to today and says "… in progress: figures to dd/mm/yyyy" (JSON, CSV and XLSX); the governors'
 * report and the weekly report say so too and compare with the same number of school days of the term or week before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAnalyticsDashboard, TDrillDown, TExclusionStats, TGroupComparison, TPiStats, TRecordQuality, TWeeklyReport } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { addUser, demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { brute, loadRaw, schoolDates } from '../analytics.brute.ts';
import { pdfText } from './suspensions.fixtures.ts';
import { parseCsv } from '../../src/core/export/csv.ts';
import { readXlsx } from '../../src/core/export/xlsx.ts';
import { addDays } from '../../src/core/calendar/calendar.ts';

/** A Wednesday in the second half of the autumn term (England's terms), a week before the day the demo was made for. */
const TODAY = '2026-11-11';
const NOTE_DATE = '11/11/2026';
const DASH = '/api/v1/analytics/dashboard';

describe.each(dbKinds())('a period in progress counts only the school days so far (%s)', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let trustHead: Session; let governor: Session; let head: Session;
  let term: { id: string; a: string; z: string };
  let prev: { a: string; z: string; name: string };
  const get = (url: string, who: Session) => t.app.inject({ method: 'GET', url, headers: who.headers });

  beforeAll(async () => {
    t = await createTestContext(kind);
    t.app.deps.clock = () => new Date(`${TODAY}T11:00:00Z`);
    s = await demoSites(t);
    trustHead = await sessionFor(t, await addUser(t, s.trustId, 'head', null));
    governor = await sessionFor(t, demoEmail('governor'));
    head = await sessionFor(t, demoEmail('head'));
    const terms = await t.database.query<{ id: string; a: string; z: string; name: string }>(
      `select t.id, t.start_date::text as a, t.end_date::text as z, t.name || ' ' || y.label as name from terms t join academic_years y on y.id = t.academic_year_id
        where t.trust_id = $1 and t.site_id is null order by t.start_date`, [s.trustId]);
    const i = terms.findIndex((x) => x.a <= TODAY && x.z >= TODAY);
    term = terms[i]!;
    prev = terms[i - 1]!;
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('the behaviour dashboard divides by the pupil-days to today, counts the records to today and says so', async () => {
    const raw = await loadRaw(t.database, s.trustId);
    const sites = [s.site1, s.site2, s.site3];
    const year = json<TAnalyticsDashboard>(await get(`${DASH}?from=2026-09-01&to=2027-08-31&granularity=week`, trustHead));
    const want = brute(raw, { siteIds: sites, from: '2026-09-01', to: '2027-08-31', granularity: 'week', today: TODAY });
    expect(year.progress).toEqual({ figuresTo: TODAY, inProgress: true, note: `Year in progress: figures to ${NOTE_DATE}.` });
    expect(year.to).toBe('2027-08-31');
    expect(year.pupilDays).toBe(want.pupilDays);
    expect(year.schoolDays).toBe(want.schoolDays);
    expect(year.totals.neg.count).toBe(want.totals.neg);
    expect(year.totals.neg.rate).toBeCloseTo((want.totals.neg! / want.pupilDays) * 100, 9);
    expect(year.series.at(-1)!.bucket <= TODAY).toBe(true);
    // the demo records run on after the clock's today: they are not counted yet
    const later = await t.database.query<{ n: number }>(`select count(*)::int as n from behaviour_events where trust_id = $1 and occurred_on > $2 and voided_at is null`, [s.trustId, TODAY]);
    expect(later[0]!.n).toBeGreaterThan(0);

    const byTerm = json<TAnalyticsDashboard>(await get(`${DASH}?termId=${term.id}`, trustHead));
    expect(byTerm.progress.note).toBe(`Term in progress: figures to ${NOTE_DATE}.`);
    expect(byTerm.pupilDays).toBe(brute(raw, { siteIds: sites, from: term.a, to: term.z, granularity: 'month', today: TODAY }).pupilDays);

    const done = json<TAnalyticsDashboard>(await get(`${DASH}?from=2026-09-01&to=2026-10-31`, trustHead));
    expect(done.progress).toEqual({ figuresTo: '2026-10-31', inProgress: false, note: null });
    const ahead = json<TAnalyticsDashboard>(await get(`${DASH}?from=2027-01-05&to=2027-02-10`, trustHead));
    expect(ahead.progress.inProgress).toBe(true);
    expect(ahead.progress.note).toBe('Period not started: no figures yet.');
    expect([ahead.pupilDays, ahead.totals.neg.count, ahead.series.length]).toEqual([0, 0, 0]);

    // a figure of the period in progress drills down to exactly its records
    const dd = json<TDrillDown>(await get(`/api/v1/analytics/drill-down?from=2026-09-01&to=2027-08-31&measure=inc`, trustHead));
    expect(dd.total).toBe(year.totals.inc.count);
  });

  it('the series download says the figures run to today, in CSV and XLSX', async () => {
    const url = `${DASH}?from=2026-09-01&to=2027-08-31&granularity=month&table=series`;
    const csv = parseCsv((await get(`${url}&format=csv`, trustHead)).body);
    expect(csv[0]).toEqual([`Year in progress: figures to ${NOTE_DATE}.`]);
    expect(csv[1]![0]).toBe('Month beginning');
    const xlsx = await readXlsx((await get(`${url}&format=xlsx`, trustHead)).rawPayload);
    expect(xlsx.rows[0]![0]).toBe(`Year in progress: figures to ${NOTE_DATE}.`);
    expect(xlsx.rows[1]![0]).toBe('Month beginning');
    const d = json<TAnalyticsDashboard>(await get(`${DASH}?from=2026-09-01&to=2027-08-31&granularity=month`, trustHead));
    expect(csv.slice(2).map((r) => [r[0], Number(r[2])])).toEqual(d.series.map((x) => [x.bucket, x.pupilDays]));
    // a finished period's file has no note
    expect(parseCsv((await get(`${DASH}?from=2026-09-01&to=2026-10-31&format=csv&table=series`, trustHead)).body)[0]![0]).toBe('Month beginning');
  });

  it('the interventions, record quality, exclusions and pupil-group dashboards count to today and say so', async () => {
    const raw = await loadRaw(t.database, s.trustId);
    const q = `from=${term.a}&to=${term.z}&siteIds=${s.site1}`;
    const note = `Term in progress: figures to ${NOTE_DATE}.`;
    const dash = json<TAnalyticsDashboard>(await get(`${DASH}?${q}`, head));
    const pi = json<TPiStats>(await get(`/api/v1/analytics/physical-interventions?${q}`, head));
    const rq = json<TRecordQuality>(await get(`/api/v1/analytics/record-quality?${q}`, head));
    const ex = json<TExclusionStats>(await get(`/api/v1/analytics/exclusions?${q}`, head));
    const groups = json<TGroupComparison>(await get(`/api/v1/analytics/groups/compare?${q}&measure=inv`, head));
    for (const d of [dash, pi, rq, ex, groups]) expect(d.progress).toEqual({ figuresTo: TODAY, inProgress: true, note });
    expect(pi.totals.count.count).toBe(dash.totals.pi.count);
    const want = brute(raw, { siteIds: [s.site1], from: term.a, to: term.z, granularity: 'month', today: TODAY });
    expect(ex.pupilDays).toBe(want.pupilDays);
    expect(groups.rows.filter((r) => r.group.startsWith('sex:')).reduce((a, r) => a + r.pupilDays, 0)).toBe(want.pupilDays);
    expect(groups.rows.filter((r) => r.group.startsWith('sex:')).reduce((a, r) => a + (r.count.count ?? 0), 0)).toBe(want.totals.inv ?? 0);
    const submitted = await t.database.query<{ n: number }>(`select count(*)::int as n from incidents where site_id = $1 and status <> 'draft' and voided_at is null
      and occurred_on between $2 and $3`, [s.site1, term.a, TODAY]);
    expect(rq.totals.submitted.count).toBe(submitted[0]!.n);
    // the downloads say so too
    const file = parseCsv((await get(`/api/v1/analytics/exclusions?${q}&format=csv`, head)).body);
    expect(file[0]).toEqual([note]);
    const gfile = parseCsv((await get(`/api/v1/analytics/groups/compare?${q}&measure=inv&format=csv`, governor)).body);
    expect(gfile[0]).toEqual([note]);
  });

  it('the governors\' report counts the term to today and compares it with as many school days of the term before', async () => {
    const raw = await loadRaw(t.database, s.trustId);
    const res = await get(`/api/v1/reports/governors?termId=${term.id}`, trustHead);
    expect(res.statusCode).toBe(200);
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    const sites = [s.site1, s.site2, s.site3];
    const days = schoolDates(raw, sites, term.a, TODAY);
    const before = schoolDates(raw, sites, prev.a, prev.z);
    // the term before, up to the day before its (n + 1)th school day
    const prevTo = before.length > days.length ? addDays(before[days.length]!, -1) : prev.z;
    const cur = brute(raw, { siteIds: sites, from: term.a, to: term.z, granularity: 'month', today: TODAY });
    const old = brute(raw, { siteIds: sites, from: prev.a, to: prevTo, granularity: 'month' });
    expect(text).toContain(`Term in progress: figures to ${NOTE_DATE}.`);
    expect(text).toContain(`${days.length} school days, ${cur.pupilDays.toLocaleString('en-GB')} pupil-days this term so far`);
    expect(text).toContain(`the first ${days.length} school days of ${prev.name} (${prev.a.slice(8, 10)}/${prev.a.slice(5, 7)}/${prev.a.slice(0, 4)} to ${prevTo.slice(8, 10)}/${prevTo.slice(5, 7)}/${prevTo.slice(0, 4)}): ${old.pupilDays.toLocaleString('en-GB')} pupil-days`);
    expect(text).toContain(`Incidents ${(cur.totals.inc ?? 0).toLocaleString('en-GB')} ${((cur.totals.inc ?? 0) / cur.pupilDays * 100).toFixed(3)} ${(old.totals.inc ?? 0).toLocaleString('en-GB')} ${((old.totals.inc ?? 0) / old.pupilDays * 100).toFixed(3)}`);
  });

  it('the weekly report of the week in progress counts to today and compares with as many school days of the week before', async () => {
    const res = await get(`/api/v1/reports/weekly?week=${TODAY}&siteId=${s.site1}`, head);
    expect(res.statusCode).toBe(200);
    const r = json<TWeeklyReport>(res);
    expect(r.progress).toEqual({ figuresTo: TODAY, inProgress: true, note: `Week in progress: figures to ${NOTE_DATE}.` });
    // Monday to Wednesday so far (three school days), against Monday to Wednesday of the week before
    expect([r.weekStart, r.previousWeekStart, r.previousWeekEnd, r.schoolDaysSoFar]).toEqual(['2026-11-09', '2026-11-02', '2026-11-04', 3]);
    const count = async (from: string, to: string) => (await t.database.query<{ n: number }>(`select count(*)::int as n from behaviour_events where site_id = $1
      and voided_at is null and polarity = 'negative' and occurred_on between $2 and $3`, [s.site1, from, to]))[0]!.n;
    expect(r.sites[0]!.negativeEvents).toBe(await count('2026-11-09', TODAY));
    expect(r.sites[0]!.negativeEventsPrevious).toBe(await count('2026-11-02', '2026-11-04'));
    expect(await count(addDays(TODAY, 1), '2026-11-15')).toBeGreaterThan(0);
    const pdf = (await pdfText((await get(`/api/v1/reports/weekly?week=${TODAY}&siteId=${s.site1}&format=pdf`, head)).rawPayload)).replace(/\s+/g, ' ');
    expect(pdf).toContain(`Week in progress: figures to ${NOTE_DATE}.`);
    expect(pdf).toContain('Compared with the first 3 school days of the week before (02/11/2026 to 04/11/2026)');
    // a finished week compares with the whole week before
    const last = json<TWeeklyReport>(await get(`/api/v1/reports/weekly?week=2026-11-04&siteId=${s.site1}`, head));
    expect([last.progress.inProgress, last.progress.note, last.previousWeekEnd, last.schoolDaysSoFar]).toEqual([false, null, '2026-11-01', null]);
  });
});
