/**
 * Detentions (SAN-1) through the API: types, sessions on school days only, assignment from an incident, directly or by
 * an escalation rule, capacity, the register, a missed detention escalating by rule, and parents notified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { detentionAssignments } from '../../src/db/schema/sanctions.ts';
import { notifications, tasks } from '../../src/db/schema/workflow.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { addCategory, addIncident, addOption, demoSites, fieldsOf, pupilsAt, userIdOf, addUser, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { addType, lastSchoolDay, parentChild, saturdayAhead, schoolDayAhead } from './detentions.fixtures.ts';

interface Session_ { id: string; capacity: number; assigned: number; version: number; pupils: { id: string; pupil: { id: string }; status: string; source: string }[] | null; allowed: string[]; endTime: string; room: string }
interface Assignment { id: string; status: string; source: string; sessionId: string; parentsNotifiedAt: string | null; pupil: { id: string } }
interface Mark { assignment: Assignment; escalation: { taskId: string | null; reassignedTo: Assignment | null; note: string | null } | null }

describe.each(dbKinds())('detentions on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let lead: Session; let governor: Session; let admin: Session; let parent: Session;
  let pupils: string[]; let site3Pupil: string;
  let short: { id: string }; let long: { id: string };
  const missing = '0190a6c4-0000-7000-8000-0000000000aa';
  const h = (who?: Session) => who?.headers ?? {};
  const post = (url: string, payload: unknown, who?: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: h(who) });
  const patch = (url: string, payload: unknown, who?: Session) => t.app.inject({ method: 'PATCH', url, payload: payload as object, headers: h(who) });
  const put = (url: string, payload: unknown, who?: Session) => t.app.inject({ method: 'PUT', url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  const schedule = async (over: Record<string, unknown> = {}) => {
    const res = await post('/api/v1/detentions', { siteId: s.site1, typeId: short.id, date: schoolDayAhead(2), startTime: '15:30', supervisorUserId: lead.userId, capacity: 5, ...over }, lead);
    expect(res.statusCode, res.body).toBe(201);
    return json<Session_>(res);
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, governor, admin, parent] = await Promise.all(['staff', 'behaviour_lead', 'governor', 'trust_admin', 'parent'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session, Session];
    pupils = await pupilsAt(t, s.site1, 6);
    site3Pupil = (await pupilsAt(t, s.site3, 1))[0]!;
    long = await addType(t, lead, { siteId: s.site1, name: 'Head of year detention', durationMinutes: 60 });
    short = await addType(t, lead, { siteId: s.site1, name: 'Break detention', durationMinutes: 20, missedTaskRole: 'behaviour_lead', missedReassignTypeId: long.id });
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers with 401 on every endpoint', async () => {
    for (const res of [
      await get('/api/v1/detention-types'), await post('/api/v1/detention-types', {}), await patch(`/api/v1/detention-types/${missing}`, {}),
      await get('/api/v1/detentions'), await post('/api/v1/detentions', {}), await get(`/api/v1/detentions/${missing}`), await patch(`/api/v1/detentions/${missing}`, {}),
      await post('/api/v1/detention-assignments', {}), await post(`/api/v1/detention-assignments/${missing}/mark`, {}), await get(`/api/v1/pupils/${missing}/detentions`),
      await get('/api/v1/detention-rules'), await put(`/api/v1/detention-rules/${missing}`, {}),
    ]) expect(res.statusCode).toBe(401);
  });

  it('refuses roles and sites that must be refused (403), and hides what the caller cannot see (404)', async () => {
    for (const who of [governor, admin, parent]) expect((await get('/api/v1/detentions', who)).statusCode).toBe(403);
    expect((await post('/api/v1/detentions', { siteId: s.site1, typeId: short.id, date: schoolDayAhead(2), startTime: '15:30', supervisorUserId: lead.userId, capacity: 5 }, staff)).statusCode).toBe(403);
    expect((await post('/api/v1/detentions', { siteId: s.site3, typeId: short.id, date: schoolDayAhead(2), startTime: '15:30', supervisorUserId: lead.userId, capacity: 5 }, lead)).statusCode).toBe(403);
    expect((await post('/api/v1/detention-types', { siteId: null, name: 'Trust', durationMinutes: 30 }, lead)).statusCode).toBe(403);
    expect((await post('/api/v1/detention-types', { siteId: s.site1, name: 'Mine', durationMinutes: 30 }, staff)).statusCode).toBe(403);
    expect((await get(`/api/v1/detentions?siteId=${s.site3}`, lead)).statusCode).toBe(403);
    expect((await get(`/api/v1/pupils/${pupils[0]}/detentions`, staff)).statusCode).toBe(403);
    expect((await get(`/api/v1/detention-rules?siteId=${s.site1}`, staff)).statusCode).toBe(403);
    expect((await get(`/api/v1/detentions/${missing}`, lead)).statusCode).toBe(404);
    expect((await patch(`/api/v1/detention-types/${missing}`, { version: 1 }, lead)).statusCode).toBe(404);
    expect((await post(`/api/v1/detention-assignments/${missing}/mark`, { status: 'attended' }, lead)).statusCode).toBe(404);
    expect((await get(`/api/v1/pupils/${site3Pupil}/detentions`, lead)).statusCode).toBe(404);
    // a session at site 1 does not exist for a leader of site 3 only
    const session = await schedule();
    const farLead = await sessionFor(t, await addUser(t, s.trustId, 'behaviour_lead', s.site3));
    expect((await get(`/api/v1/detentions/${session.id}`, farLead)).statusCode).toBe(404);
  });

  it('rejects bad input with 400 naming the field, and saves nothing', async () => {
    const farStaff = await userIdOf(t, await addUser(t, s.trustId, 'staff', s.site3));
    const base = { siteId: s.site1, typeId: short.id, date: schoolDayAhead(2), startTime: '15:30', supervisorUserId: lead.userId, capacity: 5 };
    const cases: [string, Record<string, unknown>, string][] = [
      ['/api/v1/detentions', { ...base, date: saturdayAhead() }, 'date'],
      ['/api/v1/detentions', { ...base, date: '2026-12-25' }, 'date'],
      ['/api/v1/detentions', { ...base, date: lastSchoolDay() }, 'date'],
      ['/api/v1/detentions', { ...base, startTime: '15:30', endTime: '15:00' }, 'endTime'],
      ['/api/v1/detentions', { ...base, startTime: '25:00' }, 'startTime'],
      ['/api/v1/detentions', { ...base, capacity: 0 }, 'capacity'],
      ['/api/v1/detentions', { ...base, typeId: missing }, 'typeId'],
      ['/api/v1/detentions', { ...base, supervisorUserId: farStaff }, 'supervisorUserId'],
      ['/api/v1/detention-types', { siteId: s.site1, name: '', durationMinutes: 30 }, 'name'],
      ['/api/v1/detention-types', { siteId: s.site1, name: 'Too long', durationMinutes: 600 }, 'durationMinutes'],
      ['/api/v1/detention-types', { siteId: s.site1, name: 'Bad', durationMinutes: 30, missedReassignTypeId: missing }, 'missedReassignTypeId'],
      ['/api/v1/detention-types', { siteId: s.site1, name: 'Bad', durationMinutes: 30, missedTaskRole: 'parent' }, 'missedTaskRole'],
    ];
    const before = await t.database.query<{ n: number }>('select (select count(*) from detention_sessions) + (select count(*) from detention_types) as n');
    for (const [url, body, field] of cases) {
      const res = await post(url, body, lead);
      expect(res.statusCode, `${url} ${JSON.stringify(body)} ${res.body}`).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
    expect(await t.database.query<{ n: number }>('select (select count(*) from detention_sessions) + (select count(*) from detention_types) as n')).toEqual(before);
    const session = await schedule();
    for (const [body, field] of [
      [{ sessionId: session.id, pupilId: site3Pupil }, 'pupilId'],
      [{ sessionId: session.id, pupilId: pupils[0], incidentId: missing }, 'incidentId'],
      [{ sessionId: 'nope', pupilId: pupils[0] }, 'sessionId'],
    ] as [Record<string, unknown>, string][]) {
      const res = await post('/api/v1/detention-assignments', body, lead);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
    const a = json<Assignment>(await post('/api/v1/detention-assignments', { sessionId: session.id, pupilId: pupils[0] }, lead));
    const future = await post(`/api/v1/detention-assignments/${a.id}/mark`, { status: 'attended' }, lead);
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(future))).toEqual(['status']);
    expect((await patch(`/api/v1/detentions/${session.id}`, { capacity: 0, version: session.version }, lead)).statusCode).toBe(400);
  });

  it('enforces capacity: the place after the last is refused (409) and nothing is saved', async () => {
    const session = await schedule({ capacity: 2, room: 'Library' });
    expect(session.room).toBe('Library');
    expect(session.endTime).toBe('15:50');
    for (const p of pupils.slice(0, 2)) expect((await post('/api/v1/detention-assignments', { sessionId: session.id, pupilId: p }, lead)).statusCode).toBe(201);
    const full = await post('/api/v1/detention-assignments', { sessionId: session.id, pupilId: pupils[2] }, lead);
    expect(full.statusCode).toBe(409);
    expect(json<ErrorBody>(full).error.message).toMatch(/full/);
    const dup = await post('/api/v1/detention-assignments', { sessionId: session.id, pupilId: pupils[0] }, lead);
    expect(dup.statusCode).toBe(409);
    const got = json<Session_>(await get(`/api/v1/detentions/${session.id}`, lead));
    expect(got.assigned).toBe(2);
    expect(got.pupils).toHaveLength(2);
    expect((await patch(`/api/v1/detentions/${session.id}`, { capacity: 1, version: got.version }, lead)).statusCode).toBe(400);
    expect((await patch(`/api/v1/detentions/${session.id}`, { cancelled: true, version: got.version }, lead)).statusCode).toBe(409);
  });

  it('lets staff assign only from an incident they recorded, where the policy allows; the register stays hidden from them', async () => {
    const session = await schedule();
    const mine = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupils[3]!, createdBy: staff.userId });
    const theirs = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupils[4]!, createdBy: lead.userId });
    const witness = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupils[5]!, createdBy: staff.userId, role: 'witness' });
    expect((await post('/api/v1/detention-assignments', { sessionId: session.id, pupilId: pupils[4] }, staff)).statusCode).toBe(403);
    expect((await post('/api/v1/detention-assignments', { sessionId: session.id, pupilId: pupils[4], incidentId: theirs }, staff)).statusCode).toBe(403);
    expect((await post('/api/v1/detention-assignments', { sessionId: session.id, pupilId: pupils[5], incidentId: witness }, staff)).statusCode).toBe(400);
    const ok = await post('/api/v1/detention-assignments', { sessionId: session.id, pupilId: pupils[3], incidentId: mine }, staff);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(json<Assignment>(ok).source).toBe('incident');
    const seen = json<Session_>(await get(`/api/v1/detentions/${session.id}`, staff));
    expect(seen.pupils).toBeNull();
    expect(seen.allowed).not.toContain('register');
    // the site turns staff assignment off
    await addOption(t, s.trustId, { siteId: s.site1, kind: 'setting', code: 'staff_assign_detention', details: { value: false } });
    const mine2 = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupils[1]!, createdBy: staff.userId });
    expect((await post('/api/v1/detention-assignments', { sessionId: session.id, pupilId: pupils[1], incidentId: mine2 }, staff)).statusCode).toBe(403);
  });

  it('marks a missed detention, which escalates by the type rule: a task, a longer detention, parents told', async () => {
    const { pupilId, parentUserId } = await parentChild(t);
    // today's session (the register can be taken on the day), and a later session of the longer type
    const today = await t.database.query<{ d: string }>(`select to_char(now() at time zone 'Europe/London', 'YYYY-MM-DD') as d`);
    const sessionId = (await t.database.query<{ id: string }>(
      `insert into detention_sessions (id, trust_id, site_id, type_id, date, start_time, end_time, room, supervisor_user_id, capacity, created_by)
       values (gen_random_uuid(), $1, $2, $3, $4, '12:30', '12:50', 'Room 12', $5, 5, $5) returning id`, [s.trustId, s.site1, short.id, today[0]!.d, lead.userId]))[0]!.id;
    const followUp = await schedule({ typeId: long.id, date: schoolDayAhead(3), startTime: '15:15' });
    await t.database.query(`insert into detention_assignments (id, trust_id, site_id, session_id, pupil_id, source, status) values (gen_random_uuid(), $1, $2, $3, $4, 'direct', 'assigned')`, [s.trustId, s.site1, sessionId, pupilId]);
    const a = (await t.database.db.select().from(detentionAssignments).where(eq(detentionAssignments.sessionId, sessionId)))[0]!;
    expect((await post(`/api/v1/detention-assignments/${a.id}/mark`, { status: 'excused' }, lead)).statusCode).toBe(400);
    expect((await post(`/api/v1/detention-assignments/${a.id}/mark`, { status: 'missed' }, staff)).statusCode).toBe(404);
    const res = await post(`/api/v1/detention-assignments/${a.id}/mark`, { status: 'missed' }, lead);
    expect(res.statusCode, res.body).toBe(200);
    const m = json<Mark>(res);
    expect(m.assignment.status).toBe('missed');
    expect(m.escalation?.reassignedTo?.sessionId).toBe(followUp.id);
    expect(m.escalation?.reassignedTo?.source).toBe('missed');
    expect(m.escalation?.reassignedTo?.parentsNotifiedAt).not.toBeNull();
    const task = await t.database.db.select().from(tasks).where(eq(tasks.id, m.escalation!.taskId!));
    expect(task[0]).toMatchObject({ sourceType: 'detention_missed', assignedRole: 'behaviour_lead', pupilId });
    expect(task[0]!.detail).toMatch(/Re-assigned to Head of year detention/);
    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, parentUserId), eq(notifications.kind, 'detention.parent')));
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(told[0]!.title).toMatch(/has a detention on/);
    const leadNotes = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, lead.userId), eq(notifications.kind, 'detention.missed')));
    expect(leadNotes).toHaveLength(1);
    // marking again does not escalate twice; correcting to attended is recorded
    expect(json<Mark>(await post(`/api/v1/detention-assignments/${a.id}/mark`, { status: 'missed' }, lead)).escalation).toBeNull();
    expect(json<Mark>(await post(`/api/v1/detention-assignments/${a.id}/mark`, { status: 'excused', excuseReason: 'Medical appointment' }, lead)).assignment.status).toBe('excused');
    const audit = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEntries).where(and(eq(auditEntries.entityId, a.id), eq(auditEntries.action, 'detention.register.mark')));
    expect(audit[0]!.n).toBe(3);
    const history = json<{ items: Assignment[] }>(await get(`/api/v1/pupils/${pupilId}/detentions`, lead)).items;
    expect(history.map((x) => x.status).sort()).toEqual(['assigned', 'excused']);
  });

  it('assigns a detention when a linked escalation rule fires', async () => {
    await addCategory(t, s.trustId, { siteId: s.site1, code: 'DT_RULE', polarity: 'negative', points: -1 });
    const rule = await post('/api/v1/policy/escalation-rules', { siteId: s.site1, name: 'Detention on one', measure: 'count', categoryCodes: ['DT_RULE'], polarity: 'negative', threshold: 1, periodDays: 1, notifyRole: 'behaviour_lead', taskTitle: 'Check detention' }, lead);
    expect(rule.statusCode).toBe(201);
    const ruleId = json<{ id: string }>(rule).id;
    expect((await put(`/api/v1/detention-rules/${ruleId}`, { detentionTypeId: missing }, lead)).statusCode).toBe(400);
    expect((await put(`/api/v1/detention-rules/${ruleId}`, { detentionTypeId: long.id }, staff)).statusCode).toBe(403);
    const linked = await put(`/api/v1/detention-rules/${ruleId}`, { detentionTypeId: long.id }, lead);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(json<{ items: { ruleId: string; detentionTypeId: string | null }[] }>(await get(`/api/v1/detention-rules?siteId=${s.site1}`, lead)).items.find((r) => r.ruleId === ruleId)?.detentionTypeId).toBe(long.id);
    const session = await schedule({ typeId: long.id, date: schoolDayAhead(4), startTime: '15:00' });
    const pupil = pupils[2]!;
    const logged = await post('/api/v1/behaviour-events', { pupilIds: [pupil], categoryCode: 'DT_RULE' }, lead);
    expect(logged.statusCode, logged.body).toBe(201);
    const placed = await t.database.db.select().from(detentionAssignments).where(and(eq(detentionAssignments.pupilId, pupil), eq(detentionAssignments.source, 'rule')));
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ escalationRuleId: ruleId });
    const [task] = await t.database.db.select().from(tasks).where(and(eq(tasks.sourceId, ruleId), eq(tasks.pupilId, pupil)));
    expect(task!.detail).toMatch(/Assigned to Head of year detention/);
    // the first session of the rule's type after today with a place (an earlier test scheduled one before this one)
    const sessions = json<{ items: Session_[] }>(await get(`/api/v1/detentions?siteId=${s.site1}&typeId=${long.id}`, lead)).items;
    expect(placed[0]!.sessionId).toBe(sessions.find((x) => x.assigned < x.capacity || x.pupils?.some((p) => p.pupil.id === pupil))!.id);
    expect(sessions.map((x) => x.id)).toContain(session.id);
  });
});
