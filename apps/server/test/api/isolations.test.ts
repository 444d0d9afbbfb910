/** Internal exclusion / isolation (SAN-2): sessions on school days, pupils, capacity and the register. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { addIncident, addUser, demoSites, fieldsOf, pupilsAt, userIdOf, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { saturdayAhead, schoolDayAhead } from './detentions.fixtures.ts';

interface Iso { id: string; version: number; pupils: { id: string; status: string; pupil: { id: string } }[]; allowed: string[]; workSet: string | null }

describe.each(dbKinds())('isolation on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let lead: Session; let governor: Session; let senco: Session;
  let pupils: string[];
  const missing = '0190a6c4-0000-7000-8000-0000000000aa';
  const h = (who?: Session) => who?.headers ?? {};
  const post = (url: string, payload: unknown, who?: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  const base = () => ({ siteId: s.site1, date: schoolDayAhead(1), session: 'am', room: 'Room 3', staffUserId: staff.userId, workSet: 'Maths: fractions worksheet 4' });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, governor, senco] = await Promise.all(['staff', 'behaviour_lead', 'governor', 'senco'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session];
    pupils = await pupilsAt(t, s.site1, 3);
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers with 401', async () => {
    for (const res of [await get('/api/v1/isolations'), await post('/api/v1/isolations', {}), await get(`/api/v1/isolations/${missing}`),
      await t.app.inject({ method: 'PATCH', url: `/api/v1/isolations/${missing}`, payload: {} }), await post(`/api/v1/isolations/${missing}/pupils`, {}), await post(`/api/v1/isolation-pupils/${missing}/mark`, {})]) {
      expect(res.statusCode).toBe(401);
    }
  });

  it('refuses roles and sites that must be refused, and 404s what cannot be seen', async () => {
    expect((await get('/api/v1/isolations', governor)).statusCode).toBe(403);
    expect((await get('/api/v1/isolations', staff)).statusCode).toBe(403);
    expect((await post('/api/v1/isolations', base(), staff)).statusCode).toBe(403);
    expect((await post('/api/v1/isolations', base(), senco)).statusCode).toBe(403);
    expect((await post('/api/v1/isolations', { ...base(), siteId: s.site3 }, lead)).statusCode).toBe(403);
    expect((await get(`/api/v1/isolations?siteId=${s.site3}`, lead)).statusCode).toBe(403);
    expect((await get(`/api/v1/isolations/${missing}`, lead)).statusCode).toBe(404);
    const other = json<Iso>(await post('/api/v1/isolations', { ...base(), staffUserId: lead.userId }, lead));
    const colleague = await sessionFor(t, await addUser(t, s.trustId, 'staff', s.site1));
    expect((await get(`/api/v1/isolations/${other.id}`, colleague)).statusCode).toBe(404);
  });

  it('rejects bad input naming the field', async () => {
    const far = await userIdOf(t, await addUser(t, s.trustId, 'staff', s.site3));
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base(), date: saturdayAhead() }, 'date'], [{ ...base(), session: 'evening' }, 'session'], [{ ...base(), session: 'times' }, 'startTime'],
      [{ ...base(), session: 'times', startTime: '10:00', endTime: '09:00' }, 'endTime'], [{ ...base(), room: '' }, 'room'], [{ ...base(), staffUserId: far }, 'staffUserId'],
    ];
    for (const [body, field] of cases) {
      const res = await post('/api/v1/isolations', body, lead);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
    const iso = json<Iso>(await post('/api/v1/isolations', base(), lead));
    const bad = await post(`/api/v1/isolations/${iso.id}/pupils`, { pupilId: (await pupilsAt(t, s.site3, 1))[0] }, lead);
    expect(fieldsOf(json<ErrorBody>(bad))).toContain('pupilId');
  });

  it('schedules a session, puts pupils in it up to its capacity, and the member of staff in charge takes the register', async () => {
    const created = await post('/api/v1/isolations', { ...base(), capacity: 2 }, lead);
    expect(created.statusCode, created.body).toBe(201);
    const iso = json<Iso>(created);
    const incident = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupils[0]!, createdBy: staff.userId });
    expect((await post(`/api/v1/isolations/${iso.id}/pupils`, { pupilId: pupils[0], incidentId: incident, reason: 'Fighting' }, lead)).statusCode).toBe(201);
    expect((await post(`/api/v1/isolations/${iso.id}/pupils`, { pupilId: pupils[0] }, lead)).statusCode).toBe(409);
    expect((await post(`/api/v1/isolations/${iso.id}/pupils`, { pupilId: pupils[1] }, lead)).statusCode).toBe(201);
    expect((await post(`/api/v1/isolations/${iso.id}/pupils`, { pupilId: pupils[2] }, lead)).statusCode).toBe(409);
    const seen = json<Iso>(await get(`/api/v1/isolations/${iso.id}`, staff));
    expect(seen.allowed).toContain('register');
    expect(seen.workSet).toMatch(/fractions/);
    // the session is tomorrow: the register waits for the day
    const early = await post(`/api/v1/isolation-pupils/${seen.pupils[0]!.id}/mark`, { status: 'attended' }, staff);
    expect(early.statusCode).toBe(400);
    await t.database.query('update isolation_sessions set date = $1 where id = $2', [new Date().toISOString().slice(0, 10), iso.id]);
    const marked = await post(`/api/v1/isolation-pupils/${seen.pupils[0]!.id}/mark`, { status: 'attended' }, staff);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(json<{ status: string }>(marked).status).toBe('attended');
    const audit = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, seen.pupils[0]!.id), eq(auditEntries.action, 'isolation.register.mark')));
    expect(audit).toHaveLength(1);
    const list = json<{ items: Iso[] }>(await get(`/api/v1/isolations?siteId=${s.site1}`, lead)).items;
    expect(list.find((x) => x.id === iso.id)?.pupils).toHaveLength(2);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/isolations/${iso.id}`, headers: lead.headers, payload: { workSet: 'English: reading log', version: iso.version } });
    expect(json<Iso>(patched).workSet).toBe('English: reading log');
  });
});
