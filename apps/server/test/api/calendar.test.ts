/**
 * The school calendar in use (issue 4 item 1): everyone with a data role reads it; only a trust administrator changes
 * academic years, half-terms and closure days; every change is validated (field named) and audited; a closure day
 * changes what counts as a school day at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { closureDays, terms } from '../../src/db/schema/platform.ts';
import { demoSites, fieldsOf, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';

interface Cal { academicYears: { id: string; label: string; startDate: string; endDate: string }[]; terms: { id: string; name: string; siteId: string | null; startDate: string; endDate: string; schoolDays: number }[]; closures: { id: string; date: string; siteId: string | null }[]; allowed: string[] }
interface Days { days: { date: string; schoolDay: boolean; closure: string | null }[]; schoolDays: number }

describe.each(dbKinds())('school calendar on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let admin: Session; let staff: Session; let lead: Session; let governor: Session; let parent: Session; let head: Session;
  const missing = '0190a6c4-0000-7000-8000-0000000000aa';
  const h = (who?: Session) => who?.headers ?? {};
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload: unknown, who?: Session) => t.app.inject({ method, url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  let year: Cal['academicYears'][number];

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [admin, staff, lead, governor, parent, head] = await Promise.all(['trust_admin', 'staff', 'behaviour_lead', 'governor', 'parent', 'head'].map((r) => sessionFor(t, demoEmail(r)))) as Session[] as [Session, Session, Session, Session, Session, Session];
    year = json<Cal>(await get('/api/v1/calendar', admin)).academicYears[0]!;
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers with 401 on every endpoint', async () => {
    for (const res of [
      await get('/api/v1/calendar'), await get(`/api/v1/calendar/school-days?siteId=${s.site1}&from=2026-11-02&to=2026-11-06`),
      await send('POST', '/api/v1/calendar/academic-years', { label: '2027/28', startDate: '2027-09-01', endDate: '2028-08-31' }),
      await send('PATCH', `/api/v1/calendar/academic-years/${missing}`, {}), await send('POST', '/api/v1/calendar/terms', {}),
      await send('PATCH', `/api/v1/calendar/terms/${missing}`, {}), await send('DELETE', `/api/v1/calendar/terms/${missing}`, undefined),
      await send('POST', '/api/v1/calendar/closures', {}), await send('DELETE', `/api/v1/calendar/closures/${missing}`, undefined),
    ]) expect(res.statusCode).toBe(401);
  });

  it('lets staff, leaders and governors read the calendar of their sites; refuses parents and other sites', async () => {
    for (const who of [staff, lead, governor, admin]) {
      const cal = json<Cal>(await get(`/api/v1/calendar?siteId=${s.site1}`, who));
      expect(cal.terms).toHaveLength(6);
      expect(cal.terms.reduce((n, x) => n + x.schoolDays, 0)).toBe(190);
    }
    expect(json<Cal>(await get(`/api/v1/calendar?siteId=${s.site1}`, staff)).allowed).toEqual([]);
    expect(json<Cal>(await get('/api/v1/calendar', admin)).allowed).toEqual(['manage']);
    expect((await get('/api/v1/calendar', parent)).statusCode).toBe(403);
    expect((await get(`/api/v1/calendar?siteId=${s.site3}`, staff)).statusCode).toBe(403);
    expect((await get(`/api/v1/calendar/school-days?siteId=${s.site3}&from=2026-11-02&to=2026-11-06`, staff)).statusCode).toBe(403);
  });

  it('refuses every change from anyone but a trust administrator (403), even the head', async () => {
    for (const who of [staff, lead, head, governor]) {
      expect((await send('POST', '/api/v1/calendar/closures', { date: '2026-12-01', kind: 'closure', reason: 'x' }, who)).statusCode).toBe(403);
      expect((await send('POST', '/api/v1/calendar/terms', { academicYearId: year.id, term: 'autumn', halfTerm: 1, name: 'x', startDate: '2026-09-01', endDate: '2026-09-02' }, who)).statusCode).toBe(403);
      expect((await send('POST', '/api/v1/calendar/academic-years', { label: '2027/28', startDate: '2027-09-01', endDate: '2028-08-31' }, who)).statusCode).toBe(403);
    }
  });

  it('answers 404 for records that do not exist', async () => {
    expect((await send('PATCH', `/api/v1/calendar/terms/${missing}`, { name: 'x' }, admin)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/v1/calendar/terms/${missing}`, undefined, admin)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/v1/calendar/closures/${missing}`, undefined, admin)).statusCode).toBe(404);
    expect((await send('PATCH', `/api/v1/calendar/academic-years/${missing}`, { label: '2030/31' }, admin)).statusCode).toBe(404);
  });

  it('rejects bad input with 400 naming the field, and saves nothing', async () => {
    const cal = json<Cal>(await get('/api/v1/calendar', admin));
    const autumn1 = cal.terms.find((x) => x.siteId === null)!;
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(terms);
    const cases: [string, 'POST' | 'PATCH', unknown, string][] = [
      ['/api/v1/calendar/academic-years', 'POST', { label: '2027-28', startDate: '2027-09-01', endDate: '2028-08-31' }, 'label'],
      ['/api/v1/calendar/academic-years', 'POST', { label: '2027/28', startDate: '2027-09-01', endDate: '2027-08-31' }, 'endDate'],
      ['/api/v1/calendar/academic-years', 'POST', { label: '2027/28', startDate: '2027-08-01', endDate: '2028-07-31' }, 'startDate'],
      ['/api/v1/calendar/academic-years', 'POST', { label: '2027/28', startDate: '2027-02-30', endDate: '2028-07-31' }, 'startDate'],
      ['/api/v1/calendar/terms', 'POST', { academicYearId: year.id, term: 'winter', halfTerm: 1, name: 'x', startDate: '2026-09-01', endDate: '2026-09-02' }, 'term'],
      ['/api/v1/calendar/terms', 'POST', { academicYearId: year.id, term: 'autumn', halfTerm: 3, name: 'x', startDate: '2026-09-01', endDate: '2026-09-02' }, 'halfTerm'],
      ['/api/v1/calendar/terms', 'POST', { academicYearId: missing, term: 'autumn', halfTerm: 1, name: 'x', startDate: '2026-09-01', endDate: '2026-09-02' }, 'academicYearId'],
      ['/api/v1/calendar/terms', 'POST', { academicYearId: year.id, siteId: s.site1, term: 'autumn', halfTerm: 1, name: 'x', startDate: '2026-09-10', endDate: '2026-09-02' }, 'endDate'],
      ['/api/v1/calendar/terms', 'POST', { academicYearId: year.id, siteId: s.site1, term: 'autumn', halfTerm: 1, name: 'x', startDate: '2026-08-20', endDate: '2026-09-02' }, 'startDate'],
      ['/api/v1/calendar/terms', 'POST', { academicYearId: year.id, term: 'autumn', halfTerm: 2, name: 'Overlap', startDate: autumn1.startDate, endDate: autumn1.startDate }, 'startDate'],
      ['/api/v1/calendar/terms', 'POST', { academicYearId: year.id, siteId: missing, term: 'autumn', halfTerm: 1, name: 'x', startDate: '2026-09-01', endDate: '2026-09-02' }, 'siteId'],
      [`/api/v1/calendar/terms/${autumn1.id}`, 'PATCH', { endDate: '2027-12-01' }, 'endDate'],
      [`/api/v1/calendar/academic-years/${year.id}`, 'PATCH', { endDate: '2027-06-01' }, 'endDate'],
      ['/api/v1/calendar/closures', 'POST', { date: '2030-01-07', kind: 'closure', reason: 'Snow' }, 'date'],
      ['/api/v1/calendar/closures', 'POST', { date: cal.closures[0]!.date, kind: 'inset', reason: 'Again' }, 'date'],
      ['/api/v1/calendar/closures', 'POST', { date: '2026-12-01', kind: 'party', reason: 'x' }, 'kind'],
      ['/api/v1/calendar/closures', 'POST', { date: '2026-12-01', kind: 'closure', reason: '' }, 'reason'],
    ];
    for (const [url, method, body, field] of cases) {
      const res = await send(method, url, body, admin);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)), JSON.stringify(body)).toContain(field);
    }
    expect(await t.database.db.select({ n: sql<number>`count(*)::int` }).from(terms)).toEqual(before);
  });

  it('adds a closure day for one site: it stops being a school day there only, and the change is audited', async () => {
    const days = (site: string) => get(`/api/v1/calendar/school-days?siteId=${site}&from=2026-12-07&to=2026-12-11`, lead);
    const lead2 = await sessionFor(t, demoEmail('cluster_lead'));
    expect(json<Days>(await days(s.site1)).schoolDays).toBe(5);
    const res = await send('POST', '/api/v1/calendar/closures', { siteId: s.site1, date: '2026-12-08', kind: 'closure', reason: 'Heating failure' }, admin);
    expect(res.statusCode).toBe(201);
    const closure = json<{ id: string }>(res);
    const after = json<Days>(await days(s.site1));
    expect(after.schoolDays).toBe(4);
    expect(after.days.find((d) => d.date === '2026-12-08')).toMatchObject({ schoolDay: false, closure: 'Heating failure' });
    expect(json<Days>(await get(`/api/v1/calendar/school-days?siteId=${s.site2}&from=2026-12-07&to=2026-12-11`, lead2)).schoolDays).toBe(5);
    const audit = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, closure.id), eq(auditEntries.action, 'calendar.closure.create')));
    expect(audit).toHaveLength(1);
    expect((await send('DELETE', `/api/v1/calendar/closures/${closure.id}`, undefined, admin)).statusCode).toBe(200);
    expect(json<Days>(await days(s.site1)).schoolDays).toBe(5);
    expect(await t.database.db.select().from(closureDays).where(eq(closureDays.id, closure.id))).toHaveLength(0);
  });

  it("gives a site its own half-term dates, which replace the trust's there for that year", async () => {
    const next = await send('POST', '/api/v1/calendar/academic-years', { label: '2027/28', startDate: '2027-09-01', endDate: '2028-08-31' }, admin);
    expect(next.statusCode).toBe(201);
    const nextYear = json<{ id: string }>(next);
    const own = await send('POST', '/api/v1/calendar/terms', { academicYearId: nextYear.id, siteId: s.site3, term: 'autumn', halfTerm: 1, name: 'Autumn 1 (AP)', startDate: '2027-09-06', endDate: '2027-10-22' }, admin);
    expect(own.statusCode).toBe(201);
    expect(json<{ schoolDays: number }>(own).schoolDays).toBe(35);
    const trustTerm = await send('POST', '/api/v1/calendar/terms', { academicYearId: nextYear.id, term: 'autumn', halfTerm: 1, name: 'Autumn 1', startDate: '2027-09-02', endDate: '2027-10-22' }, admin);
    expect(trustTerm.statusCode).toBe(201);
    const patched = await send('PATCH', `/api/v1/calendar/terms/${json<{ id: string }>(trustTerm).id}`, { endDate: '2027-10-21' }, admin);
    expect(json<{ endDate: string }>(patched).endDate).toBe('2027-10-21');
    const site3 = json<Cal>(await get(`/api/v1/calendar?siteId=${s.site3}`, admin)).terms.filter((x) => x.startDate >= '2027-09-01');
    expect(site3.map((x) => x.name)).toEqual(['Autumn 1 (AP)']);
    const site1 = json<Cal>(await get(`/api/v1/calendar?siteId=${s.site1}`, admin)).terms.filter((x) => x.startDate >= '2027-09-01');
    expect(site1.map((x) => x.name)).toEqual(['Autumn 1']);
  });
});
