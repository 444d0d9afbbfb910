/**
 * Support interventions (SUP-3) and their impact (ANA-5): the catalogue, starting an intervention, sessions on school
 * days with the register, check-in/check-out points, measures, impact hand-counted across the October half-term, the
 * drill-down, escalation rules suggesting an intervention (POL-3), scope refusals and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { addCategory, addIncident, addUser, demoSites, fieldsOf, userIdOf, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { pupils } from '../../src/db/schema/pupils.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { tasks } from '../../src/db/schema/workflow.ts';

interface Intervention {
  id: string; version: number; status: string; allowed: string[]; plannedEndDate: string;
  pupils: { id: string; targets: string[]; attended: number; sessionsRecorded: number; pointsAverage: number | null }[];
  sessions: { id: string; sessionDate: string; recorded: boolean; attendance: { pupilId: string; status: string }[] }[];
  points: { pupilId: string; day: string; points: number }[];
  measures: { measure: string; value: number; band: string | null }[];
}
interface Part { count: number; schoolDays: number; rate: number | null }
interface Impact { before: { from: string; to: string; schoolDays: number }; after: { from: string; to: string; schoolDays: number; complete: boolean }; pupils: { id: string; impact: { before: Part; after: Part } }[]; group: { before: Part; after: Part } }
interface Catalogue { items: { id: string; name: string; kind: string; dailyPoints: boolean }[]; scales: { key: string }[]; allowed: string[] }

describe.each(dbKinds())('support interventions on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let lead: Session; let governor: Session; let parent: Session; let admin: Session; let otherLead: Session; let cluster: Session;
  let trio: string[];
  let cico: string; let semh: string; let oneToOne: string;
  const missing = '0190a6c4-0000-7000-8000-0000000000aa';
  const h = (who?: Session) => who?.headers ?? {};
  const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload: unknown, who?: Session) => t.app.inject({ method, url, payload: payload as object, headers: h(who) });
  const post = (url: string, payload: unknown, who?: Session) => send('POST', url, payload, who);
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  let leadId = '';
  const start = (over: Record<string, unknown> = {}) => ({
    typeId: cico, siteId: s.site1, leadUserId: leadId, startDate: '2026-11-04', plannedEndDate: '2026-12-11',
    pupils: trio.slice(0, 1).map((pupilId) => ({ pupilId, targets: ['Arrive on time'] })), ...over,
  });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, governor, parent, admin, cluster] = await Promise.all(['staff', 'behaviour_lead', 'governor', 'parent', 'trust_admin', 'cluster_lead']
      .map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session, Session, Session];
    otherLead = await sessionFor(t, await addUser(t, s.trustId, 'behaviour_lead', s.site3));
    leadId = await userIdOf(t, demoEmail('behaviour_lead'));
    // pupils of site 1 with no incident at all, on roll all year: every involvement counted below is one made here
    trio = (await t.database.db.select({ id: pupils.id }).from(pupils)
      .where(and(eq(pupils.siteId, s.site1), isNull(pupils.enrolmentEnd), sql`${pupils.enrolmentStart} <= '2026-09-01'`,
        sql`not exists (select 1 from incident_pupils ip where ip.pupil_id = ${pupils.id})`))
      .orderBy(pupils.id).limit(3)).map((r) => r.id);
    const cat = json<Catalogue>(await get('/api/v1/support-catalogue', lead));
    cico = cat.items.find((i) => i.name === 'Check-in/check-out')!.id;
    semh = cat.items.find((i) => i.name === 'SEMH group')!.id;
    oneToOne = cat.items.find((i) => i.name === 'Mentoring')!.id;
  });
  afterAll(async () => { await t?.close(); });

  it('the trust starts with the catalogue; the administrator adds to it, a site lead and staff only read it', async () => {
    expect(trio).toHaveLength(3);
    const cat = json<Catalogue>(await get('/api/v1/support-catalogue', staff));
    expect(cat.items.map((i) => i.name)).toEqual(expect.arrayContaining(['Check-in/check-out', 'Mentoring', 'SEMH group', 'Anger management', 'Social skills group', 'Lunchtime club']));
    expect(cat.allowed).toEqual([]);
    expect((await get('/api/v1/support-catalogue', parent)).statusCode).toBe(403);
    expect((await get('/api/v1/support-catalogue', governor)).statusCode).toBe(403);
    expect((await post('/api/v1/support-catalogue', { name: 'Zones of regulation', kind: 'group', defaultWeeks: 6 }, lead)).statusCode).toBe(403);
    const scale = await post('/api/v1/support-scales', { name: 'Calm check', min: 1, max: 10, higherIsBetter: true }, admin);
    expect(scale.statusCode, scale.body).toBe(201);
    const key = json<{ key: string }>(scale).key;
    const made = await post('/api/v1/support-catalogue', { name: 'Zones of regulation', kind: 'group', defaultWeeks: 6, measures: ['sdq', key] }, admin);
    expect(made.statusCode, made.body).toBe(201);
    for (const [b, field] of [
      [{ name: 'X', kind: 'pair', defaultWeeks: 6 }, 'kind'], [{ name: 'X', kind: 'group', defaultWeeks: 0 }, 'defaultWeeks'],
      [{ name: 'X', kind: 'group', defaultWeeks: 6, measures: ['iq'] }, 'measures.0'], [{ name: 'Zones of regulation', kind: 'group', defaultWeeks: 6 }, 'name'],
      [{ name: 'X', kind: 'group', defaultWeeks: 6, dailyPoints: true }, 'dailyPointsMax'], [{ name: '', kind: 'group', defaultWeeks: 6 }, 'name'],
    ] as [Record<string, unknown>, string][]) {
      const res = await post('/api/v1/support-catalogue', b, admin);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
    const bad = await post('/api/v1/support-scales', { name: 'Upside down', min: 5, max: 1, higherIsBetter: true }, admin);
    expect(fieldsOf(json<ErrorBody>(bad))).toContain('max');
  });

  it('refuses what must be refused: no session 401, parents and governors 403, other sites 404, staff cannot start one', async () => {
    for (const res of [await get('/api/v1/support-interventions'), await post('/api/v1/support-interventions', {}), await get(`/api/v1/support-interventions/${missing}/impact`)]) expect(res.statusCode).toBe(401);
    expect((await get('/api/v1/support-interventions', parent)).statusCode).toBe(403);
    expect((await get('/api/v1/support-interventions', governor)).statusCode).toBe(403);
    expect((await post('/api/v1/support-interventions', start(), staff)).statusCode).toBe(403);
    expect((await post('/api/v1/support-interventions', start(), otherLead)).statusCode).toBe(400);
    expect((await get(`/api/v1/support-interventions?siteId=${s.site3}`, lead)).statusCode).toBe(403);
    expect((await get(`/api/v1/support-interventions/${missing}`, lead)).statusCode).toBe(404);
  });

  it('rejects bad input naming the field, and saves nothing', async () => {
    const before = json<{ items: unknown[] }>(await get('/api/v1/support-interventions?status=all', lead)).items.length;
    const other = (await t.database.db.select({ id: pupils.id }).from(pupils).where(eq(pupils.siteId, s.site2)).limit(1))[0]!.id;
    for (const [b, field] of [
      [start({ plannedEndDate: '2026-11-01' }), 'plannedEndDate'], [start({ typeId: missing }), 'typeId'], [start({ leadUserId: missing }), 'leadUserId'],
      [start({ pupils: [] }), 'pupils'], [start({ pupils: [{ pupilId: other, targets: [] }] }), 'pupils.0.pupilId'], [start({ startDate: '2026-02-30' }), 'startDate'],
      [start({ pupils: [{ pupilId: trio[0], targets: [] }, { pupilId: trio[0], targets: [] }] }), 'pupils.1.pupilId'], [start({ sessionWeekdays: [6] }), 'sessionWeekdays.0'],
      [start({ pupils: [{ pupilId: trio[0], targets: [''] }] }), 'pupils.0.targets.0'],
    ] as [Record<string, unknown>, string][]) {
      const res = await post('/api/v1/support-interventions', b, lead);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
    expect(json<{ items: unknown[] }>(await get('/api/v1/support-interventions?status=all', lead)).items).toHaveLength(before);
  });

  let iv: Intervention;
  it('a lead starts check-in/check-out for three pupils; sessions only on school days; register, points and measures', async () => {
    const res = await post('/api/v1/support-interventions', start({ pupils: trio.map((pupilId) => ({ pupilId, targets: ['Arrive on time'] })), sessionWeekdays: [1, 3] }), lead);
    expect(res.statusCode, res.body).toBe(201);
    iv = json<Intervention>(res);
    // Mondays and Wednesdays from 4 November to 11 December: 4, 9, (11 is a school day) 11, 16, 18, 23, 25, 30 Nov, 2, 7, 9 Dec
    expect(iv.sessions.map((x) => x.sessionDate)).toEqual(['2026-11-04', '2026-11-09', '2026-11-11', '2026-11-16', '2026-11-18', '2026-11-23', '2026-11-25', '2026-11-30', '2026-12-02', '2026-12-07', '2026-12-09']);
    expect(iv.allowed).toEqual(expect.arrayContaining(['record_session', 'record_points', 'record_measure', 'end', 'drill_down']));
    expect((await post(`/api/v1/support-interventions/${iv.id}/sessions`, { sessionDate: '2026-11-07' }, lead)).statusCode).toBe(400);
    const holiday = await post(`/api/v1/support-interventions/${iv.id}/sessions`, { sessionDate: '2026-12-21' }, lead);
    expect(fieldsOf(json<ErrorBody>(holiday))).toEqual(['sessionDate']);
    const extra = await post(`/api/v1/support-interventions/${iv.id}/sessions`, { sessionDate: '2026-11-05', attendance: trio.map((pupilId, n) => ({ pupilId, status: n === 2 ? 'absent' : 'attended' })) }, lead);
    expect(extra.statusCode, extra.body).toBe(201);
    const first = iv.sessions[0]!;
    const reg = await send('PUT', `/api/v1/support-sessions/${first.id}/register`, { attendance: trio.map((pupilId) => ({ pupilId, status: 'attended' })) }, lead);
    expect(reg.statusCode, reg.body).toBe(200);
    const badReg = await send('PUT', `/api/v1/support-sessions/${first.id}/register`, { attendance: [{ pupilId: missing, status: 'attended' }] }, lead);
    expect(fieldsOf(json<ErrorBody>(badReg))).toContain('attendance.0.pupilId');
    for (const [day, pts] of [['2026-11-04', [6, 8, 3]], ['2026-11-05', [7, 9, 4]]] as const) {
      const r = await send('PUT', `/api/v1/support-interventions/${iv.id}/points`, { day, points: trio.map((pupilId, n) => ({ pupilId, points: pts[n] })) }, lead);
      expect(r.statusCode, r.body).toBe(200);
    }
    const over = await send('PUT', `/api/v1/support-interventions/${iv.id}/points`, { day: '2026-11-06', points: [{ pupilId: trio[0], points: 11 }] }, lead);
    expect(fieldsOf(json<ErrorBody>(over))).toContain('points.0.points');
    const inset = await send('PUT', `/api/v1/support-interventions/${iv.id}/points`, { day: '2026-11-07', points: [{ pupilId: trio[0], points: 5 }] }, lead);
    expect(fieldsOf(json<ErrorBody>(inset))).toContain('day');
    const sdq = await post(`/api/v1/support-interventions/${iv.id}/measures`, { pupilId: trio[0], measure: 'sdq', phase: 'baseline', value: 17, informant: 'teacher', recordedOn: '2026-11-04' }, lead);
    expect(sdq.statusCode, sdq.body).toBe(201);
    for (const [b, field] of [
      [{ pupilId: trio[0], measure: 'sdq', phase: 'baseline', value: 41, informant: 'teacher', recordedOn: '2026-11-04' }, 'value'],
      [{ pupilId: trio[0], measure: 'sdq', phase: 'baseline', value: 12, recordedOn: '2026-11-04' }, 'informant'],
      [{ pupilId: trio[0], measure: 'boxall_developmental', phase: 'baseline', value: 12, recordedOn: '2026-11-04' }, 'measure'],
      [{ pupilId: trio[0], measure: 'daily_points', phase: 'middle', value: 12, recordedOn: '2026-11-04' }, 'phase'],
    ] as [Record<string, unknown>, string][]) {
      const r = await post(`/api/v1/support-interventions/${iv.id}/measures`, b, lead);
      expect(r.statusCode, JSON.stringify(b)).toBe(400);
      expect(fieldsOf(json<ErrorBody>(r))).toContain(field);
    }
    const got = json<Intervention>(await get(`/api/v1/support-interventions/${iv.id}`, staff));
    expect(got.allowed).toEqual([]);
    expect(got.measures[0]).toMatchObject({ measure: 'sdq', value: 17, band: 'high' });
    const p0 = got.pupils.find((p) => p.id === trio[0])!;
    expect(p0).toMatchObject({ attended: 2, sessionsRecorded: 2, pointsAverage: 65 });
    expect(got.pupils.find((p) => p.id === trio[2])).toMatchObject({ attended: 1, sessionsRecorded: 2 });
    // staff at the site read it, but only the lead or a site lead records it; another site's lead cannot see it
    expect((await send('PUT', `/api/v1/support-interventions/${iv.id}/points`, { day: '2026-11-06', points: [{ pupilId: trio[0], points: 5 }] }, staff)).statusCode).toBe(403);
    expect((await get(`/api/v1/support-interventions/${iv.id}`, otherLead)).statusCode).toBe(404);
    expect((await get(`/api/v1/support-interventions/${iv.id}`, governor)).statusCode).toBe(403);
    expect((await get(`/api/v1/support-interventions/${iv.id}`, cluster)).statusCode).toBe(200);
    const audited = await t.database.db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.entityId, iv.id));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['support_intervention.create', 'support_points.record']));
  });

  it('impact: hand-counted across the October half-term, with the counts, school days and records behind each rate', async () => {
    const by = await userIdOf(t, demoEmail('behaviour_lead'));
    const [a, b] = trio as [string, string];
    // N = 1: before = 21, 22, 23 October and 2, 3 November (the half-term 26–30 October is skipped); after = 4–10 November
    for (const [pupilId, day, extra] of [
      [a, '2026-10-20', {}], // the school day before the window: not counted
      [a, '2026-10-21', {}], [a, '2026-11-03', {}], [a, '2026-10-28', {}], // two counted; the 28th is in the half-term
      [a, '2026-11-05', {}], [a, '2026-11-05', { voided: true }], [a, '2026-11-06', { status: 'draft' }], [a, '2026-11-09', { role: 'witness' }],
      [a, '2026-11-11', {}], // after the one-week window
      [b, '2026-11-10', { role: 'instigator' }],
    ] as [string, string, Record<string, unknown>][]) {
      await addIncident(t, s.trustId, { siteId: s.site1, pupilId, createdBy: by, occurredAt: `${day}T10:30:00Z`, ...extra });
    }
    const res = await get(`/api/v1/support-interventions/${iv.id}/impact?weeks=1`, lead);
    expect(res.statusCode, res.body).toBe(200);
    const im = json<Impact>(res);
    expect(im.before).toMatchObject({ from: '2026-10-21', to: '2026-11-03', schoolDays: 5 });
    expect(im.after).toMatchObject({ from: '2026-11-04', to: '2026-11-10', schoolDays: 5, complete: true });
    const pa = im.pupils.find((p) => p.id === a)!.impact;
    expect(pa.before).toEqual({ count: 2, schoolDays: 5, rate: 0.4 });
    expect(pa.after).toEqual({ count: 1, schoolDays: 5, rate: 0.2 });
    expect(im.pupils.find((p) => p.id === b)!.impact.after).toEqual({ count: 1, schoolDays: 5, rate: 0.2 });
    expect(im.group.before).toEqual({ count: 2, schoolDays: 15, rate: 2 / 15 });
    expect(im.group.after).toEqual({ count: 2, schoolDays: 15, rate: 2 / 15 });
    const six = json<Impact>(await get(`/api/v1/support-interventions/${iv.id}/impact`, lead));
    expect(six.before).toMatchObject({ from: '2026-09-16', schoolDays: 30 });
    expect(six.pupils.find((p) => p.id === a)!.impact.before).toEqual({ count: 3, schoolDays: 30, rate: 0.1 });
    const drill = await get(`/api/v1/support-interventions/${iv.id}/impact/records?weeks=1&window=before&pupilId=${a}`, lead);
    expect(drill.statusCode, drill.body).toBe(200);
    expect(json<{ items: { occurredOn: string }[] }>(drill).items.map((i) => i.occurredOn)).toEqual(['2026-10-21', '2026-11-03']);
    expect((await get(`/api/v1/support-interventions/${iv.id}/impact/records?weeks=1&window=before`, staff)).statusCode).toBe(403);
    expect((await get(`/api/v1/support-interventions/${iv.id}/impact?weeks=1`, staff)).statusCode).toBe(200);
    expect(fieldsOf(json<ErrorBody>(await get(`/api/v1/support-interventions/${iv.id}/impact?weeks=0`, lead)))).toContain('weeks');
    const overview = json<{ items: { id: string; before: Part }[] }>(await get('/api/v1/support-interventions/impact?weeks=1', lead));
    expect(overview.items.find((i) => i.id === iv.id)!.before).toEqual({ count: 2, schoolDays: 15, rate: 2 / 15 });
  });

  it('a group intervention takes another pupil (not twice); a stale version is refused; an ended one is closed', async () => {
    const g = json<Intervention>(await post('/api/v1/support-interventions', start({ typeId: semh, pupils: [{ pupilId: trio[0], targets: [] }], plannedEndDate: null }), lead));
    expect(g.plannedEndDate).toBe('2026-12-29');
    expect((await post(`/api/v1/support-interventions/${g.id}/pupils`, { pupilId: trio[1], targets: ['Join in'] }, lead)).statusCode).toBe(201);
    const twice = await post(`/api/v1/support-interventions/${g.id}/pupils`, { pupilId: trio[1], targets: [] }, lead);
    expect(fieldsOf(json<ErrorBody>(twice))).toEqual(['pupilId']);
    const one = json<Intervention>(await post('/api/v1/support-interventions', start({ typeId: oneToOne }), lead));
    expect(one.pupils).toHaveLength(1);
    expect((await send('PATCH', `/api/v1/support-interventions/${g.id}`, { title: 'Renamed', version: g.version + 5 }, lead)).statusCode).toBe(409);
    const ended = await post(`/api/v1/support-interventions/${g.id}/end`, { endedOn: '2026-12-04', version: g.version }, lead);
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await post(`/api/v1/support-interventions/${g.id}/sessions`, { sessionDate: '2026-11-12' }, lead)).statusCode).toBe(409);
  });

  it('an escalation rule suggests an intervention from the catalogue in the task it creates (POL-3)', async () => {
    const bad = await post('/api/v1/policy/escalation-rules', { siteId: s.site1, name: 'x', measure: 'count', threshold: 1, periodDays: 7, notifyRole: 'behaviour_lead', taskTitle: 'x', suggestInterventionTypeId: missing }, lead);
    expect(fieldsOf(json<ErrorBody>(bad))).toContain('suggestInterventionTypeId');
    const ruleRes = await post('/api/v1/policy/escalation-rules', { siteId: s.site1, name: 'Three in a week: CICO', measure: 'count', polarity: 'negative', threshold: 1, periodDays: 7, notifyRole: 'behaviour_lead', taskTitle: 'Consider support', suggestInterventionTypeId: cico }, lead);
    expect(ruleRes.statusCode, ruleRes.body).toBe(201);
    const rule = json<{ id: string; suggestInterventionTypeId: string }>(ruleRes);
    expect(rule.suggestInterventionTypeId).toBe(cico);
    await addCategory(t, s.trustId, { code: 'SUPTEST', polarity: 'negative', points: -1 });
    const logged = await post('/api/v1/behaviour-events', { pupilIds: [trio[2]], categoryCode: 'SUPTEST' }, lead);
    expect(logged.statusCode, logged.body).toBe(201);
    const task = (await t.database.db.select().from(tasks).where(and(eq(tasks.pupilId, trio[2]!), eq(tasks.sourceId, rule.id))))[0];
    expect(task?.suggestion).toContain('Suggested support intervention: Check-in/check-out');
  });
});
