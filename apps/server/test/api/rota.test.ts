/** Support-team deployment (STF-3): scope, bad input, and an absence covered from a suggestion, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { staffMembers } from '../../src/db/schema/pupils.ts';
import { terms } from '../../src/db/schema/platform.ts';
import { addDays, weekdayOf } from '../../src/core/calendar/calendar.ts';

interface Week { weekStart: string; dates: { date: string; openSiteIds: string[] }[]; cells: { staffId: string; date: string; periodCode: string; siteId: string; coversStaff: { id: string } | null; flagged: boolean }[];
  gaps: { kind: string; exceptionId?: string; patternId?: string }[]; doubleBookings: { staff: { id: string } }[]; travel: { staff: { id: string } }[]; heatmap: unknown; allowed: string[] }

describe.each(dbKinds())('rota on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let lead: Session; let cluster: Session; let head: Session; let slt: Session;
  let date: string;
  let tas: string[];
  let pupil: string;
  const missing = '0190a6c4-0000-7000-8000-0000000000aa';
  const h = (who?: Session) => who?.headers ?? {};
  const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload: unknown, who?: Session) => t.app.inject({ method, url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  const pattern = (over: Record<string, unknown> = {}) => ({ staffId: tas[0], siteId: s.site1, weekday: weekdayOf(date), periodCode: 'P5', mode: 'one_to_one', pupilId: pupil, validFrom: addDays(date, -7), ...over });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, cluster, head, slt] = await Promise.all(['staff', 'behaviour_lead', 'cluster_lead', 'head', 'slt'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session, Session];
    // a Wednesday a fortnight into the spring half-term: a school day at every site
    const spring = (await t.database.db.select().from(terms).where(and(eq(terms.trustId, s.trustId), gte(terms.startDate, '2027-01-01'))).orderBy(asc(terms.startDate)))[0]!;
    date = addDays(spring.startDate, 14 + ((3 - weekdayOf(spring.startDate) + 7) % 7));
    tas = (await t.database.db.select({ id: staffMembers.id }).from(staffMembers).where(and(eq(staffMembers.siteId, s.site1), inArray(staffMembers.jobTitle, ['Support worker', 'Behaviour mentor']))).orderBy(asc(staffMembers.surname))).map((r) => r.id);
    pupil = (await pupilsAt(t, s.site1, 1))[0]!;
  });
  afterAll(async () => { await t?.close(); });

  it('401 without a session; 403 for roles that may not; another site refused', async () => {
    for (const res of [await get('/api/v1/rota/week'), await get('/api/v1/rota/today'), await get('/api/v1/rota/patterns'), await send('POST', '/api/v1/rota/patterns', {}),
      await send('POST', '/api/v1/rota/exceptions', {}), await get(`/api/v1/rota/exceptions/${missing}/suggestions?patternId=${missing}`),
      await send('PUT', '/api/v1/rota/travel-times', {}), await get(`/api/v1/rota/support-needs?siteId=${s.site1}`)]) expect(res.statusCode).toBe(401);
    expect((await get('/api/v1/rota/week', staff)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/rota/patterns', pattern(), staff)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/rota/patterns', pattern(), slt)).statusCode).toBe(403);
    // the behaviour lead of site 1 reads and manages site 1 only
    expect((await get(`/api/v1/rota/week?siteIds=${s.site2}`, lead)).statusCode).toBe(404);
    expect((await get(`/api/v1/rota/patterns?siteId=${s.site3}`, lead)).statusCode).toBe(404);
    expect((await send('POST', '/api/v1/rota/patterns', pattern({ siteId: s.site2 }), lead)).statusCode).toBe(403);
    expect((await send('PUT', '/api/v1/rota/travel-times', { siteA: s.site1, siteB: s.site2, minutes: 15 }, lead)).statusCode).toBe(403);
    expect((await get(`/api/v1/rota/exceptions/${missing}/suggestions?patternId=${missing}`, cluster)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/v1/rota/patterns/${missing}`, undefined, cluster)).statusCode).toBe(404);
    // a member of staff sees only their own day
    const mine = json<{ staff: { displayName: string }[] }>(await get('/api/v1/rota/today', staff));
    expect(mine.staff.map((x) => x.displayName)).toEqual(['Sam Okafor']);
  });

  it('rejects bad input naming the field, saving nothing', async () => {
    const before = await t.database.query<{ n: number }>('select count(*)::int as n from rota_patterns');
    for (const [b, field] of [
      [pattern({ pupilId: null }), 'pupilId'], [pattern({ weekday: 8 }), 'weekday'], [pattern({ periodCode: 'NOPE' }), 'periodCode'],
      [pattern({ mode: 'babysitting' }), 'mode'], [pattern({ mode: 'behaviour_buddy', pupilId: null }), 'teacherStaffId'], [pattern({ validTo: '2020-01-01' }), 'validTo'],
      [pattern({ staffId: missing }), 'staffId'], [pattern({ pupilId: (await pupilsAt(t, s.site2, 1))[0] }), 'pupilId'], [pattern({ validFrom: '2027-02-30' }), 'validFrom'],
    ] as [Record<string, unknown>, string][]) {
      const res = await send('POST', '/api/v1/rota/patterns', b, cluster);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
    expect((await t.database.query<{ n: number }>('select count(*)::int as n from rota_patterns'))[0]!.n).toBe(before[0]!.n);
    for (const [b, field] of [
      [{ staffId: tas[0], date, kind: 'cover', periodCode: 'P1', mode: 'walkabout' }, 'siteId'], [{ staffId: tas[0], date, kind: 'absence', mode: 'walkabout' }, 'mode'],
      [{ staffId: tas[0], date: 'tomorrow', kind: 'absence' }, 'date'], [{ staffId: tas[0], date, kind: 'holiday' }, 'kind'],
    ] as [Record<string, unknown>, string][]) {
      const res = await send('POST', '/api/v1/rota/exceptions', b, cluster);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
    expect(fieldsOf(json<ErrorBody>(await send('PUT', `/api/v1/rota/support-needs/${pupil}`, { hours: 100, version: 1 }, cluster)))).toContain('hours');
    expect(fieldsOf(json<ErrorBody>(await send('PUT', '/api/v1/rota/travel-times', { siteA: s.site1, siteB: s.site1, minutes: 10 }, cluster)))).toContain('siteB');
    expect(fieldsOf(json<ErrorBody>(await get('/api/v1/rota/week?siteIds=nope', cluster)))).toContain('siteIds');
  });

  it('shows gaps, double bookings and journeys; an absence is covered from a suggestion', async () => {
    const [a, b, c] = tas as [string, string, string];
    const created = await send('POST', '/api/v1/rota/patterns', pattern({ staffId: a }), cluster);
    expect(created.statusCode, created.body).toBe(201);
    const p = json<{ id: string; version: number }>(created);
    // b: a double booking at P5 at site 1; c: site 2 in P4 then site 1 in P5 (no time for the journey)
    expect((await send('POST', '/api/v1/rota/patterns', pattern({ staffId: b, mode: 'walkabout', pupilId: null }), cluster)).statusCode).toBe(201);
    expect((await send('POST', '/api/v1/rota/patterns', pattern({ staffId: b, mode: 'small_group', pupilId: null }), cluster)).statusCode).toBe(201);
    expect((await send('POST', '/api/v1/rota/patterns', pattern({ staffId: c, siteId: s.site2, periodCode: 'P4', mode: 'walkabout', pupilId: null }), cluster)).statusCode).toBe(201);
    expect((await send('POST', '/api/v1/rota/patterns', pattern({ staffId: c, periodCode: 'P5', mode: 'walkabout', pupilId: null }), cluster)).statusCode).toBe(201);
    expect((await send('PUT', '/api/v1/rota/travel-times', { siteA: s.site2, siteB: s.site1, minutes: 25 }, cluster)).statusCode).toBe(200);
    const hours = await send('PUT', `/api/v1/rota/support-needs/${pupil}`, { hours: 10, version: (await t.database.query<{ version: number }>('select version from pupils where id = $1', [pupil]))[0]!.version }, cluster);
    expect(hours.statusCode, hours.body).toBe(200);

    const week = json<Week>(await get(`/api/v1/rota/week?weekOf=${date}&siteIds=${s.site1},${s.site2}`, cluster));
    expect(week.allowed).toEqual(['manage']);
    expect(week.cells.some((x) => x.staffId === a && x.date === date && x.periodCode === 'P5')).toBe(true);
    expect(week.doubleBookings.map((d) => d.staff.id)).toContain(b);
    expect(week.travel.map((d) => d.staff.id)).toContain(c);
    expect(week.gaps.some((g) => g.kind === 'ehcp_hours')).toBe(true);

    // a is absent: the slot is a gap until covered
    const absence = await send('POST', '/api/v1/rota/exceptions', { staffId: a, date, kind: 'absence', note: 'Hospital appointment' }, cluster);
    expect(absence.statusCode, absence.body).toBe(201);
    const e = json<{ id: string; slots: { patternId: string; coveredBy: unknown }[] }>(absence);
    expect(e.slots.map((x) => x.patternId)).toContain(p.id);
    expect((await send('POST', '/api/v1/rota/exceptions', { staffId: a, date, kind: 'absence', periodCode: 'P5' }, cluster)).statusCode).toBe(409);
    const gapsNow = json<Week>(await get(`/api/v1/rota/week?weekOf=${date}&siteIds=${s.site1}`, lead)).gaps;
    expect(gapsNow.some((g) => g.kind === 'uncovered_absence' && g.patternId === p.id)).toBe(true);

    const sug = await get(`/api/v1/rota/exceptions/${e.id}/suggestions?patternId=${p.id}`, lead);
    expect(sug.statusCode, sug.body).toBe(200);
    const items = json<{ items: { staff: { id: string }; travelMinutes: number }[] }>(sug).items;
    const ids = items.map((i) => i.staff.id);
    expect(ids).not.toContain(a);
    expect(ids).not.toContain(b); // busy in that period
    expect(ids).not.toContain(c); // busy in that period
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((i) => i.travelMinutes)).toEqual([...items.map((i) => i.travelMinutes)].sort((x, y) => x - y));
    expect(fieldsOf(json<ErrorBody>(await send('POST', `/api/v1/rota/exceptions/${e.id}/cover`, { patternId: p.id, staffId: b }, lead)))).toEqual(['staffId']);
    const chosen = await send('POST', `/api/v1/rota/exceptions/${e.id}/cover`, { patternId: p.id, staffId: items[0]!.staff.id }, lead);
    expect(chosen.statusCode, chosen.body).toBe(201);
    expect(json<{ slots: { patternId: string; coveredBy: { id: string } | null }[] }>(chosen).slots.find((x) => x.patternId === p.id)?.coveredBy?.id).toBe(items[0]!.staff.id);
    expect((await send('POST', `/api/v1/rota/exceptions/${e.id}/cover`, { patternId: p.id, staffId: items[1]?.staff.id ?? items[0]!.staff.id }, lead)).statusCode).toBe(409);
    const after = json<Week>(await get(`/api/v1/rota/week?weekOf=${date}&siteIds=${s.site1}`, head));
    expect(after.gaps.some((g) => g.kind === 'uncovered_absence' && g.patternId === p.id)).toBe(false);
    expect(after.cells.find((x) => x.staffId === items[0]!.staff.id && x.date === date && x.periodCode === 'P5')?.coversStaff?.id).toBe(a);

    // the week prints
    const pdf = await get(`/api/v1/rota/week?weekOf=${date}&siteIds=${s.site1}&format=pdf`, cluster);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // stale version refused; every write audited
    expect((await send('PATCH', `/api/v1/rota/patterns/${p.id}`, { ...pattern({ staffId: undefined, siteId: undefined }), version: p.version + 5 }, cluster)).statusCode).toBe(409);
    const audit = await t.database.query<{ action: string }>(`select action from audit_entries where action like 'rota.%' order by seq`);
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['rota.pattern.create', 'rota.travel.set', 'rota.support_hours.set', 'rota.exception.absence', 'rota.cover.choose']));
    // removing the absence removes its cover
    expect((await send('DELETE', `/api/v1/rota/exceptions/${e.id}`, undefined, lead)).statusCode).toBe(200);
    expect((await t.database.query<{ n: number }>('select count(*)::int as n from rota_exceptions where covers_exception_id = $1', [e.id]))[0]!.n).toBe(0);
  });
});
