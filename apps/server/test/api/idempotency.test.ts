/**
 * Retries never write twice (issue 19, INC-1): the quick log and the incident autosave honour an Idempotency-Key —
 * the same key again (after a lost answer, or while the first is still running) gets the first answer and writes
 * nothing; the same key with another body is refused (422); a malformed key is a 400 naming the header. And
 * overload is graceful: past its concurrency and queue deadline a request is shed with 503 and Retry-After.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, testConfig, type Session, type TestContext } from '../harness.ts';
import { behaviourEvents, incidents } from '../../src/db/schema/recording.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';

interface Logged { batchId: string; items: { id: string }[] }
interface Incident { id: string; version: number }

describe.each(dbKinds())('idempotent writes on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session;
  let pupils: string[];
  const send = (method: 'POST' | 'PATCH', url: string, payload: object, key?: string, who: Session = staff) =>
    t.app.inject({ method, url, payload, headers: { ...who.headers, ...(key ? { 'idempotency-key': key } : {}) } });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    staff = await sessionFor(t, demoEmail('staff'));
    pupils = await pupilsAt(t, s.site1, 3);
  });
  afterAll(async () => { await t?.close(); });

  it('answers a repeated quick log with the first answer and logs once, even when the repeats arrive together', async () => {
    const body = { pupilIds: [pupils[0]], categoryCode: 'LOW_LEVEL_DISRUPTION' };
    const first = await send('POST', '/api/v1/behaviour-events', body, 'quick-log-key-0001');
    expect(first.statusCode, first.body).toBe(201);
    const again = await send('POST', '/api/v1/behaviour-events', body, 'quick-log-key-0001');
    expect(again.statusCode).toBe(201);
    expect(json<Logged>(again)).toEqual(json<Logged>(first));
    const together = await Promise.all([1, 2, 3, 4].map(() => send('POST', '/api/v1/behaviour-events', body, 'quick-log-key-0002')));
    for (const r of together) expect(r.statusCode, r.body).toBe(201);
    expect(new Set(together.map((r) => json<Logged>(r).batchId)).size).toBe(1);
    for (const key of ['quick-log-key-0001', 'quick-log-key-0002']) {
      const batch = key === 'quick-log-key-0001' ? json<Logged>(first).batchId : json<Logged>(together[0]!).batchId;
      expect(await t.database.db.select().from(behaviourEvents).where(eq(behaviourEvents.batchId, batch))).toHaveLength(1);
      const audited = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEntries)
        .where(and(eq(auditEntries.action, 'behaviour_event.create'), sql`${auditEntries.details}->>'batchId' = ${batch}`));
      expect(audited[0]!.n).toBe(1);
    }
    // without a key, each request is its own
    const a = await send('POST', '/api/v1/behaviour-events', body);
    const b = await send('POST', '/api/v1/behaviour-events', body);
    expect(json<Logged>(a).batchId).not.toBe(json<Logged>(b).batchId);
  });

  it('refuses the same key for a different request (422) and a malformed key (400), saving nothing', async () => {
    const body = { pupilIds: [pupils[1]], categoryCode: 'LOW_LEVEL_DISRUPTION' };
    const eventsOf = async (pupilId: string) => (await t.database.db.select().from(behaviourEvents).where(eq(behaviourEvents.pupilId, pupilId))).length;
    const before = await eventsOf(pupils[2]!);
    expect((await send('POST', '/api/v1/behaviour-events', body, 'quick-log-key-0003')).statusCode).toBe(201);
    const other = await send('POST', '/api/v1/behaviour-events', { ...body, pupilIds: [pupils[2]] }, 'quick-log-key-0003');
    expect(other.statusCode).toBe(422);
    expect(fieldsOf(json<ErrorBody>(other))).toEqual(['Idempotency-Key']);
    const bad = await send('POST', '/api/v1/behaviour-events', body, 'short');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['Idempotency-Key']);
    expect(await eventsOf(pupils[2]!)).toBe(before);
    // a key is the user's own: another user's request with the same key is theirs
    const lead = await sessionFor(t, demoEmail('behaviour_lead'));
    expect((await send('POST', '/api/v1/behaviour-events', body, 'quick-log-key-0003', lead)).statusCode).toBe(201);
  });

  it('makes one draft for a repeated create, and answers a repeated autosave as before instead of 409', async () => {
    const created = await send('POST', '/api/v1/incidents', { siteId: s.site1, behaviour: 'First words idem' }, 'incident-create-0001');
    expect(created.statusCode, created.body).toBe(201);
    const again = await send('POST', '/api/v1/incidents', { siteId: s.site1, behaviour: 'First words idem' }, 'incident-create-0001');
    expect(again.statusCode).toBe(201);
    const inc = json<Incident>(created);
    expect(json<Incident>(again).id).toBe(inc.id);
    expect(await t.database.db.select().from(incidents).where(eq(incidents.behaviour, 'First words idem'))).toHaveLength(1);
    const edit = { behaviour: 'Second words', version: inc.version };
    const saved = await send('PATCH', `/api/v1/incidents/${inc.id}`, edit, 'incident-save-0001');
    expect(saved.statusCode, saved.body).toBe(200);
    const resent = await send('PATCH', `/api/v1/incidents/${inc.id}`, edit, 'incident-save-0001');
    expect(resent.statusCode, resent.body).toBe(200);
    expect(json<Incident>(resent).version).toBe(json<Incident>(saved).version);
    // the same edit with a new key is a new request: the version is stale now
    expect((await send('PATCH', `/api/v1/incidents/${inc.id}`, edit, 'incident-save-0002')).statusCode).toBe(409);
  });
});

describe.each(dbKinds())('load shedding on %s', (kind) => {
  let t: TestContext;
  let staff: Session;
  beforeAll(async () => {
    const base = testConfig();
    t = await createTestContext(kind, testConfig({ load: { ...base.load, read: 1, queueMs: 50 } }));
    staff = await sessionFor(t, demoEmail('staff'));
  });
  afterAll(async () => { await t?.close(); });

  it('sheds what it cannot start in time with 503 and Retry-After, serves the rest, and recovers', async () => {
    // hold the one read slot, as a slow request would
    const gate = t.app.loadGates.read;
    expect(await gate.acquire()).toBe(true);
    const shed = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: staff.headers });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('1');
    expect(json<ErrorBody>(shed).error.code).toBe('overloaded');
    // health checks are never held
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    // a request waiting in line gets the slot when it is freed within the deadline
    const waiting = t.app.inject({ method: 'GET', url: '/api/v1/me', headers: staff.headers });
    setTimeout(() => gate.release(), 10);
    expect((await waiting).statusCode).toBe(200);
    expect(gate.running).toBe(0);
    const many = await Promise.all([1, 2, 3].map(() => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: staff.headers })));
    for (const r of many) expect([200, 503]).toContain(r.statusCode);
    expect(many.some((r) => r.statusCode === 200)).toBe(true);
    expect(gate.running).toBe(0);
  });
});
