/**
 * Charts and the head's commentary in the reports (issue 13): the dashboard carries the previous period, the timetable
 * and the school weekdays; the governors' and weekly PDFs carry the dashboard's charts (ECharts SVG, read back as
 * text) and the commentary, or an empty box; the commentary endpoint refuses governors, teachers and other sites.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAnalyticsDashboard, TReportCommentary } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { pdfText } from '../pdf.ts';

describe.each(dbKinds())('report charts and commentary (%s)', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  type Role = 'head' | 'governor' | 'staff' | 'behaviour_lead' | 'cluster_lead';
  let as: Record<Role, Session>;
  let termId: string;
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  const put = (body: unknown, who: Session) => t.app.inject({ method: 'PUT', url: '/api/v1/reports/commentary', headers: who.headers, payload: body as object });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    const roles: Role[] = ['head', 'governor', 'staff', 'behaviour_lead', 'cluster_lead'];
    as = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await sessionFor(t, demoEmail(r))]))) as Record<Role, Session>;
    termId = (await t.database.query<{ id: string }>(`select id from terms where site_id is null and start_date <= '2026-11-18' and end_date >= '2026-11-18'`))[0]!.id;
  });
  afterAll(async () => { await t?.close(); });

  it('gives the dashboard its previous period, timetable order and school weekdays', async () => {
    const d = json<TAnalyticsDashboard>(await get('/api/v1/analytics/dashboard?from=2026-11-02&to=2026-11-13&granularity=day', as.head));
    expect(d.previous).toMatchObject({ from: '2026-10-21', to: '2026-11-01' });
    expect(d.previous!.series.length).toBeGreaterThanOrEqual(0);
    expect(d.schoolWeekdays).toEqual([1, 2, 3, 4, 5]);
    expect(d.timetable.length).toBeGreaterThan(0);
    expect(d.timetable.map((p) => p.label)).not.toContain('');
  });

  it('refuses the commentary to governors, teachers and other sites; 400 naming the field; 409 on a stale version', async () => {
    const body = { report: 'governors', period: termId, siteId: s.site1, text: 'A calmer half-term.' };
    expect((await put(body, as.governor)).statusCode).toBe(403);
    expect((await put(body, as.staff)).statusCode).toBe(403);
    expect((await put({ ...body, siteId: s.site3 }, as.head)).statusCode).toBe(403);
    expect((await get(`/api/v1/reports/commentary?report=governors&period=${termId}`, as.staff)).statusCode).toBe(403);
    expect((await get(`/api/v1/reports/commentary?report=governors&period=${termId}&siteIds=${s.site3}`, as.governor)).statusCode).toBe(403);
    const bad = await put({ ...body, report: 'monthly' }, as.head);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('report');
    const long = await put({ ...body, text: 'x'.repeat(5001) }, as.head);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('text');
    const saved = await put({ ...body, version: 0 }, as.head);
    expect(saved.statusCode).toBe(200);
    expect(json<TReportCommentary>(saved)).toMatchObject({ text: 'A calmer half-term.', version: 1, canEdit: true });
    expect((await put({ ...body, version: 0 }, as.head)).statusCode).toBe(409);
    const audit = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'report.commentary.save'`);
    expect(audit[0]!.n).toBe(1);
    // a governor reads it, and may not edit it
    const list = json<{ items: TReportCommentary[] }>(await get(`/api/v1/reports/commentary?report=governors&period=${termId}&siteIds=${s.site1}`, as.governor));
    expect(list.items[0]).toMatchObject({ text: 'A calmer half-term.', canEdit: false });
  });

  it("prints the charts and the head's commentary in the governors' report", async () => {
    const res = await get(`/api/v1/reports/governors?termId=${termId}&siteIds=${s.site1}`, as.governor);
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload);
    for (const title of ['Incidents over time', 'Incidents by category', 'Incidents by weekday and period', "The head's commentary", 'A calmer half-term.']) expect(text).toContain(title);
    // the heatmap's rows (school days only, drawn in the SVG and listed in its table)
    expect(text).toContain('Monday');
    expect(text).not.toContain('Saturday');
    // two sites: side by side; a site without commentary: the empty box
    const both = await pdfText((await get(`/api/v1/reports/governors?termId=${termId}&siteIds=${s.site1},${s.site2}`, as.cluster_lead)).rawPayload);
    expect(both).toContain('Sites side by side');
    expect(both).toContain('No commentary has been written in Haven for this period');
  });

  it("prints the charts and the week's commentary in the weekly report", async () => {
    const empty = await pdfText((await get(`/api/v1/reports/weekly?week=2026-11-16&format=pdf&siteId=${s.site1}`, as.behaviour_lead)).rawPayload);
    expect(empty).toContain('No commentary has been written in Haven for this period');
    expect((await put({ report: 'weekly', period: '2026-11-16', siteId: s.site1, text: 'Year 9 settled after the trip.' }, as.behaviour_lead)).statusCode).toBe(200);
    const res = await get(`/api/v1/reports/weekly?week=2026-11-16&format=pdf&siteId=${s.site1}`, as.behaviour_lead);
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload);
    for (const title of ['Incidents over time', 'Incidents by weekday and period', 'Year 9 settled after the trip.', '16/11/2026']) expect(text).toContain(title);
  });
});
