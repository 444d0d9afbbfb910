/**
 * A consequence never fails what triggered it (issue 19, SAN-1, POL-3): an escalation rule that assigns a detention
 * puts the pupil in the next session with a place — a full session is passed over, counted under its lock — and when
 * no session can take the pupil the quick log is still saved and the rule's task says why. The same for a missed
 * detention's re-assignment, and for many logs at once (PostgreSQL: truly concurrent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { behaviourEvents } from '../../src/db/schema/recording.ts';
import { detentionAssignments } from '../../src/db/schema/sanctions.ts';
import { tasks } from '../../src/db/schema/workflow.ts';
import { candidateSessions } from '../../src/modules/detentions/detentions.repo.ts';
import { londonToday } from '../../src/core/time.ts';
import { addCategory, demoSites, pupilsAt, type DemoSites } from './behaviour.fixtures.ts';
import { addType, schoolDayAhead } from './detentions.fixtures.ts';

interface Mark { escalation: { taskId: string | null; reassignedTo: { sessionId: string } | null; note: string | null } | null }

describe.each(dbKinds())('detention consequences never fail the log on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let lead: Session;
  let pupils: string[];
  let n = 0;
  const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: lead.headers });
  const put = (url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, payload: payload as object, headers: lead.headers });
  const schedule = async (typeId: string, day: number, capacity: number) => {
    const res = await post('/api/v1/detentions', { siteId: s.site1, typeId, date: schoolDayAhead(day), startTime: '15:30', supervisorUserId: lead.userId, capacity });
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string }>(res).id;
  };
  const assign = async (sessionId: string, pupilId: string) => {
    const res = await post('/api/v1/detention-assignments', { sessionId, pupilId });
    expect(res.statusCode, res.body).toBe(201);
  };
  /** A detention type of its own and a rule firing on one event of its own category, linked to it. */
  const ruleWithType = async () => {
    n += 1;
    const type = await addType(t, lead, { siteId: s.site1, name: `Full test ${n}`, durationMinutes: 30 });
    const code = `FULL_${n}`;
    await addCategory(t, s.trustId, { siteId: s.site1, code, polarity: 'negative', points: -1 });
    const rule = await post('/api/v1/policy/escalation-rules', { siteId: s.site1, name: `Full rule ${n}`, measure: 'count', categoryCodes: [code], polarity: 'negative', threshold: 1, periodDays: 1, notifyRole: 'behaviour_lead', taskTitle: 'Check detention' });
    expect(rule.statusCode, rule.body).toBe(201);
    const ruleId = json<{ id: string }>(rule).id;
    expect((await put(`/api/v1/detention-rules/${ruleId}`, { detentionTypeId: type.id })).statusCode).toBe(200);
    return { typeId: type.id, code, ruleId };
  };
  const placedBy = (ruleId: string, pupilIds: string[]) => t.database.db.select().from(detentionAssignments)
    .where(and(eq(detentionAssignments.escalationRuleId, ruleId), inArray(detentionAssignments.pupilId, pupilIds)));
  const taskOf = async (ruleId: string, pupilId: string) => (await t.database.db.select().from(tasks).where(and(eq(tasks.sourceId, ruleId), eq(tasks.pupilId, pupilId))))[0];

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    lead = await sessionFor(t, demoEmail('behaviour_lead'));
    pupils = await pupilsAt(t, s.site1, 12);
  });
  afterAll(async () => { await t?.close(); });

  it('lists candidate sessions with the pupils they hold (a full session reads as full)', async () => {
    const { typeId } = await ruleWithType();
    const full = await schedule(typeId, 2, 2);
    const empty = await schedule(typeId, 3, 2);
    await assign(full, pupils[0]!);
    await assign(full, pupils[1]!);
    const rows = await candidateSessions(t.database.db, s.trustId, s.site1, typeId, londonToday());
    expect(rows.find((r) => r.id === full)).toMatchObject({ assigned: 2, capacity: 2 });
    expect(rows.find((r) => r.id === full)!.pupilIds.sort()).toEqual([pupils[0], pupils[1]].sort());
    expect(rows.find((r) => r.id === empty)).toMatchObject({ assigned: 0, pupilIds: [] });
  });

  it('passes over a full session for the next with a place, and the log is saved', async () => {
    const { typeId, code, ruleId } = await ruleWithType();
    const full = await schedule(typeId, 2, 1);
    const next = await schedule(typeId, 3, 3);
    await assign(full, pupils[0]!);
    const logged = await post('/api/v1/behaviour-events', { pupilIds: [pupils[2]], categoryCode: code });
    expect(logged.statusCode, logged.body).toBe(201);
    const placed = await placedBy(ruleId, [pupils[2]!]);
    expect(placed.map((p) => p.sessionId)).toEqual([next]);
    expect((await taskOf(ruleId, pupils[2]!))!.detail).toMatch(/Assigned to Full test/);
  });

  it('saves the log when every session is full, and the rule task says why the pupil was not placed', async () => {
    const { typeId, code, ruleId } = await ruleWithType();
    const only = await schedule(typeId, 2, 1);
    await assign(only, pupils[0]!);
    const logged = await post('/api/v1/behaviour-events', { pupilIds: [pupils[3]], categoryCode: code });
    expect(logged.statusCode, logged.body).toBe(201);
    const batchId = json<{ batchId: string }>(logged).batchId;
    expect(await t.database.db.select().from(behaviourEvents).where(eq(behaviourEvents.batchId, batchId))).toHaveLength(1);
    expect(await placedBy(ruleId, [pupils[3]!])).toHaveLength(0);
    const task = await taskOf(ruleId, pupils[3]!);
    expect(task).toMatchObject({ assignedRole: 'behaviour_lead', status: 'open' });
    expect(task!.detail).toMatch(/No Full test \d+ session with a place is scheduled: schedule one and assign/);
  });

  it('places many pupils logged at once without ever overfilling a session; the rest get tasks', async () => {
    const { typeId, code, ruleId } = await ruleWithType();
    const sessions = [await schedule(typeId, 2, 2), await schedule(typeId, 3, 2), await schedule(typeId, 4, 2)];
    const group = pupils.slice(4, 12);
    const results = await Promise.all(group.map((p) => post('/api/v1/behaviour-events', { pupilIds: [p], categoryCode: code })));
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const placed = await placedBy(ruleId, group);
    expect(placed).toHaveLength(6);
    for (const id of sessions) expect(placed.filter((p) => p.sessionId === id)).toHaveLength(2);
    const unplaced = group.filter((p) => !placed.some((x) => x.pupilId === p));
    expect(unplaced).toHaveLength(2);
    for (const p of unplaced) expect((await taskOf(ruleId, p))!.detail).toMatch(/schedule (one|another) and assign/);
  });

  it('re-assigns a missed detention to the next follow-up session with a place, or says why in the task', async () => {
    const follow = await addType(t, lead, { siteId: s.site1, name: 'Follow-up full test', durationMinutes: 60 });
    const first = await addType(t, lead, { siteId: s.site1, name: 'Missed full test', durationMinutes: 20, missedTaskRole: 'behaviour_lead', missedReassignTypeId: follow.id });
    const today = londonToday();
    const sessionId = (await t.database.query<{ id: string }>(
      `insert into detention_sessions (id, trust_id, site_id, type_id, date, start_time, end_time, room, supervisor_user_id, capacity, created_by)
       values (gen_random_uuid(), $1, $2, $3, $4, '12:30', '12:50', 'Room 12', $5, 5, $5) returning id`, [s.trustId, s.site1, first.id, today, lead.userId]))[0]!.id;
    const fullFollow = await schedule(follow.id, 2, 1);
    const freeFollow = await schedule(follow.id, 3, 1);
    await assign(fullFollow, pupils[0]!);
    const mark = async (pupilId: string) => {
      const a = await t.database.query<{ id: string }>(
        `insert into detention_assignments (id, trust_id, site_id, session_id, pupil_id, source, status) values (gen_random_uuid(), $1, $2, $3, $4, 'direct', 'assigned') returning id`,
        [s.trustId, s.site1, sessionId, pupilId]);
      const res = await post(`/api/v1/detention-assignments/${a[0]!.id}/mark`, { status: 'missed' });
      expect(res.statusCode, res.body).toBe(200);
      return json<Mark>(res).escalation!;
    };
    expect((await mark(pupils[1]!)).reassignedTo?.sessionId).toBe(freeFollow);
    const none = await mark(pupils[2]!);
    expect(none.reassignedTo).toBeNull();
    expect(none.note).toMatch(/No Follow-up full test session with a place is scheduled/);
    const [task] = await t.database.db.select().from(tasks).where(eq(tasks.id, none.taskId!));
    expect(task!.detail).toMatch(/No Follow-up full test session with a place/);
  });
});
