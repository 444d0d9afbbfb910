/** In-app notifications (PLT-4): own only, read / read-all / unread count, and the live SSE stream after commit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { inTransaction } from '../../src/core/db/tx.ts';
import { SYSTEM_AUDIT } from '../../src/core/audit/audit.ts';
import { AfterCommit, notify } from '../../src/core/notify/notify.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { sessions } from '../../src/db/schema/users.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { streamTiming } from '../../src/modules/notifications/events.routes.ts';
import { addCategory, demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { escalationRules } from '../../src/db/schema/policy.ts';
import { uuidv7 } from 'uuidv7';

interface Note { id: string; kind: string; title: string; body: string; link: string | null; readAt: string | null }
interface ListBody { items: Note[]; total: number; unreadCount: number }

/** Reads an SSE response until `until` matches the text received so far (or the time runs out). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, seen: { text: string }, until: RegExp, ms = 5_000): Promise<string> {
  const decoder = new TextDecoder();
  const deadline = Date.now() + ms;
  while (!until.test(seen.text)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`Timed out waiting for ${until}; got ${JSON.stringify(seen.text)}`);
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
    if (chunk === null) continue;
    if (chunk.done) break;
    seen.text += decoder.decode(chunk.value, { stream: true });
  }
  return seen.text;
}

describe.each(dbKinds())('notifications on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session;
  let lead: Session;
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  const post = (url: string, who?: Session) => t.app.inject({ method: 'POST', url, headers: who?.headers ?? {} });

  async function send(userIds: string[], title: string, link: string | null = '/pupils'): Promise<{ ids: string[]; after: AfterCommit }> {
    const after = new AfterCommit();
    const ids = await inTransaction(t.database, { ...SYSTEM_AUDIT, trustId: s.trustId }, (tx) =>
      notify(tx, after, userIds, { trustId: s.trustId, siteId: s.site1, kind: 'test', title, body: 'Body text', link }));
    return { ids, after };
  }

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead] = await Promise.all([sessionFor(t, demoEmail('staff')), sessionFor(t, demoEmail('behaviour_lead'))]);
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers with 401 on every notification endpoint', async () => {
    for (const res of [
      await get('/api/v1/notifications'), await get('/api/v1/notifications/unread-count'), await get('/api/v1/events'),
      await post('/api/v1/notifications/read-all'), await post('/api/v1/notifications/0190a6c4-0000-7000-8000-000000000000/read'),
    ]) expect(res.statusCode).toBe(401);
  });

  it("lists only the caller's own notifications, newest first, with the unread count", async () => {
    // the demo data may already hold notifications: start from none unread
    await post('/api/v1/notifications/read-all', staff);
    await send([staff.userId], 'First for staff');
    await send([staff.userId, lead.userId], 'Second for both');
    await send([staff.userId], 'Off-site link', 'https://evil.example/');
    const { ids: [leadOnly] } = await send([lead.userId], 'For the lead only');
    const res = await get('/api/v1/notifications', staff);
    expect(res.statusCode).toBe(200);
    const body = json<ListBody>(res);
    expect(body.items.slice(0, 3).map((n) => n.title)).toEqual(['Off-site link', 'Second for both', 'First for staff']);
    expect(body.items.find((n) => n.title === 'Off-site link')!.link).toBeNull();
    expect(body.items.find((n) => n.title === 'First for staff')!.link).toBe('/pupils');
    expect(body.unreadCount).toBe(3);
    expect(res.body).not.toContain(leadOnly);
    expect(json<{ count: number }>(await get('/api/v1/notifications/unread-count', staff))).toEqual({ count: 3 });
    // someone else's notification is not found
    expect((await post(`/api/v1/notifications/${leadOnly}/read`, staff)).statusCode).toBe(404);
  });

  it('marks one read (audited, idempotent), filters unread, and marks all read', async () => {
    const first = json<ListBody>(await get('/api/v1/notifications', staff)).items[0]!;
    const res = await post(`/api/v1/notifications/${first.id}/read`, staff);
    expect(res.statusCode).toBe(200);
    expect(json<Note>(res).readAt).not.toBeNull();
    expect((await post(`/api/v1/notifications/${first.id}/read`, staff)).statusCode).toBe(200);
    const audits = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'notification.read'), eq(auditEntries.entityId, first.id)));
    expect(audits).toHaveLength(1);
    const unread = json<ListBody>(await get('/api/v1/notifications?unread=true', staff));
    expect(unread.items.map((n) => n.id)).not.toContain(first.id);
    expect(unread.total).toBe(2);
    expect(json<{ updated: number }>(await post('/api/v1/notifications/read-all', staff))).toEqual({ updated: 2 });
    expect(json<{ count: number }>(await get('/api/v1/notifications/unread-count', staff))).toEqual({ count: 0 });
    expect(json<{ count: number }>(await get('/api/v1/notifications/unread-count', lead)).count).toBeGreaterThanOrEqual(2);
  });

  it('rejects bad input with 400 naming the field', async () => {
    expect(fieldsOf(json<ErrorBody>(await get('/api/v1/notifications?unread=maybe&pageSize=0', staff)))).toEqual(expect.arrayContaining(['unread', 'pageSize']));
    const bad = await post('/api/v1/notifications/nope/read', staff);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['id']);
  });

  describe('live stream', () => {
    let base: string;
    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const addr = t.app.server.address();
      if (!addr || typeof addr === 'string') throw new Error('no address');
      base = `http://127.0.0.1:${addr.port}`;
    });

    it('needs a session over real HTTP too', async () => {
      const res = await fetch(`${base}/api/v1/events`);
      expect(res.status).toBe(401);
      await res.body?.cancel();
    });

    it('streams a notification to its user only after the transaction commits, and unsubscribes on close', async () => {
      const controller = new AbortController();
      const res = await fetch(`${base}/api/v1/events`, { headers: { cookie: staff.cookie }, signal: controller.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(res.headers.get('cache-control')).toMatch(/no-cache/);
      expect(res.headers.get('x-accel-buffering')).toBe('no');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff'); // helmet's headers survive the raw response
      const reader = res.body!.getReader();
      const seen = { text: '' };
      await readUntil(reader, seen, /: connected\n\n/);
      expect(t.app.deps.hub.listenerCount(staff.userId)).toBe(1);

      // written in a transaction: nothing is sent until the caller publishes after commit
      const { ids: [id], after } = await send([staff.userId], 'Live one');
      await new Promise((r) => setTimeout(r, 150));
      expect(seen.text).not.toContain(id!);
      after.publish(t.app.deps.hub);
      await readUntil(reader, seen, new RegExp(id!));
      const frame = seen.text.split('\n\n').find((f) => f.includes(id!))!;
      expect(frame.split('\n')[0]).toBe('event: notification');
      expect(JSON.parse(frame.split('\n')[1]!.slice('data: '.length))).toEqual({ id, kind: 'test', title: 'Live one', link: '/pupils' });

      // someone else's event does not reach this stream
      const other = await send([lead.userId], 'Not for staff');
      other.after.publish(t.app.deps.hub);
      await new Promise((r) => setTimeout(r, 150));
      expect(seen.text).not.toContain(other.ids[0]!);

      controller.abort();
      await reader.cancel().catch(() => undefined);
      for (let i = 0; i < 50 && t.app.deps.hub.listenerCount(staff.userId) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(t.app.deps.hub.listenerCount(staff.userId)).toBe(0);
    });

    it('delivers an escalation created by a quick log, live, to the role the rule notifies', async () => {
      await addCategory(t, s.trustId, { code: 'TN_RUDE', polarity: 'negative', severity: 1, points: -1 });
      await t.database.db.insert(escalationRules).values({ id: uuidv7(), trustId: s.trustId, siteId: s.site1, name: 'Test two rude', measure: 'count',
        categoryCodes: ['TN_RUDE'], polarity: 'negative', threshold: 2, periodDays: 7, notifyRole: 'behaviour_lead', taskTitle: 'Check in with the pupil' });
      const controller = new AbortController();
      const res = await fetch(`${base}/api/v1/events`, { headers: { cookie: lead.cookie }, signal: controller.signal });
      const reader = res.body!.getReader();
      const seen = { text: '' };
      await readUntil(reader, seen, /: connected/);
      const pupil = (await pupilsAt(t, s.site1, 9))[8]!;
      for (let i = 0; i < 2; i++) {
        const logged = await t.app.inject({ method: 'POST', url: '/api/v1/behaviour-events', headers: staff.headers, payload: { pupilIds: [pupil], categoryCode: 'TN_RUDE' } });
        expect(logged.statusCode).toBe(201);
      }
      await readUntil(reader, seen, /event: task\.created/);
      expect(seen.text).toMatch(/event: notification\ndata: \{[^\n]*"kind":"escalation"/);
      const tasks = json<{ items: { title: string; pupil: { id: string } | null }[] }>(await get('/api/v1/tasks', lead)).items;
      expect(tasks.some((k) => k.title === 'Check in with the pupil' && k.pupil?.id === pupil)).toBe(true);
      controller.abort();
      await reader.cancel().catch(() => undefined);
    });

    it('sends a heartbeat comment and ends the stream once the session is signed out', async () => {
      const s2 = await sessionFor(t, demoEmail('staff'));
      streamTiming.heartbeatMs = 100;
      try {
        const res = await fetch(`${base}/api/v1/events`, { headers: { cookie: s2.cookie } });
        const reader = res.body!.getReader();
        const seen = { text: '' };
        await readUntil(reader, seen, /: heartbeat\n\n/);
        const token = /haven_session=([^;]+)/.exec(s2.cookie)![1]!;
        await t.database.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, hashSecret(token)));
        const deadline = Date.now() + 5_000;
        let done = false;
        while (!done && Date.now() < deadline) done = (await reader.read()).done;
        expect(done).toBe(true);
      } finally { streamTiming.heartbeatMs = 25_000; }
    });

    it('ends open streams when the server closes', async () => {
      const res = await fetch(`${base}/api/v1/events`, { headers: { cookie: staff.cookie } });
      const reader = res.body!.getReader();
      await readUntil(reader, { text: '' }, /: connected/);
      await t.app.close();
      const r = await Promise.race([reader.read().then((x) => x.done), new Promise((ok) => setTimeout(() => ok('timeout'), 3_000))]);
      expect(r).toBe(true);
    });
  });
});
