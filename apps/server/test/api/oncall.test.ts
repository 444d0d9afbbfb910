/**
 * On-call requests (INC-5): 401/403/404/400/success on every endpoint, the lifecycle with response and resolution
 * times and everyone who is coming, who is told (responders by role and the site's on-call list, never the requester), and the live event
 * delivered to a responder over a real HTTP connection on GET /api/v1/events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { notifications, onCallRequests, onCallStaff } from '../../src/db/schema/workflow.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import type { LiveEvent } from '../../src/core/notify/hub.ts';
import { addOption, demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { addUserWith, usersWithRoleDirectlyAt } from './safeguarding.fixtures.ts';

interface Req { coming: { id: string }[]; id: string; siteId: string; status: string; urgency: string; locationCode: string | null; locationLabel: string | null; locationDetail: string | null; pupil: { id: string } | null; requestedBy: { id: string }; acknowledgedBy: { id: string } | null; acknowledgedAt: string | null; resolvedBy: { id: string } | null; resolvedAt: string | null; outcome: string | null; responseSeconds: number | null; resolutionSeconds: number | null; allowed: string[] }
interface StaffRow { id: string; siteId: string; userId: string; active: boolean }

describe.each(dbKinds())('on-call requests on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let lead: Session; let head: Session; let slt: Session; let cluster: Session; let governor: Session; let admin: Session;
  let colleague: Session; let farStaff: Session;
  let pupil: string; let site3Pupil: string;
  const h = (who?: Session) => who?.headers ?? {};
  const post = (url: string, payload: unknown, who?: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  const del = (url: string, who?: Session) => t.app.inject({ method: 'DELETE', url, headers: h(who) });
  const call = (who: Session, body: Record<string, unknown> = {}) => post('/api/v1/on-call-requests', { urgency: 'urgent', locationDetail: 'Room 4', ...body }, who);
  const missing = '0190a6c4-0000-7000-8000-0000000000aa';

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    const demo = await Promise.all(['staff', 'behaviour_lead', 'head', 'slt', 'cluster_lead', 'governor', 'trust_admin'].map((r) => sessionFor(t, demoEmail(r))));
    [staff, lead, head, slt, cluster, governor, admin] = demo as Session[] as [Session, Session, Session, Session, Session, Session, Session];
    // a colleague who is not on the site's (seeded) on-call list
    const listed = new Set((await t.database.db.select({ userId: onCallStaff.userId }).from(onCallStaff)).map((r) => r.userId));
    const others = (await usersWithRoleDirectlyAt(t, 'staff', s.site1)).filter((u) => u.id !== staff.userId && !listed.has(u.id));
    colleague = await sessionFor(t, others[0]!.email);
    farStaff = await sessionFor(t, (await usersWithRoleDirectlyAt(t, 'staff', s.site3))[0]!.email);
    pupil = (await pupilsAt(t, s.site1, 1))[0]!;
    site3Pupil = (await pupilsAt(t, s.site3, 1))[0]!;
    await addOption(t, s.trustId, { kind: 'location', code: 'OC_HALL' });
    await addOption(t, s.trustId, { siteId: s.site1, kind: 'location', code: 'OC_GONE', active: false });
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers with 401 on every endpoint', async () => {
    for (const res of [
      await call(undefined as unknown as Session), await get('/api/v1/on-call-requests'), await get(`/api/v1/on-call-requests/${missing}`),
      await post(`/api/v1/on-call-requests/${missing}/acknowledge`, {}), await post(`/api/v1/on-call-requests/${missing}/resolve`, { outcome: 'x' }),
      await post(`/api/v1/on-call-requests/${missing}/cancel`, {}), await get('/api/v1/on-call-staff'), await get(`/api/v1/on-call-staff/candidates?siteId=${s.site1}`),
      await post('/api/v1/on-call-staff', { siteId: s.site1, userId: staff.userId }), await del(`/api/v1/on-call-staff/${missing}`),
    ]) expect(res.statusCode).toBe(401);
  });

  it('refuses roles without a data role with 403, staff on the on-call list endpoints, and a site you do not work at', async () => {
    for (const who of [governor, admin]) {
      expect((await call(who)).statusCode).toBe(403);
      expect((await get('/api/v1/on-call-requests', who)).statusCode).toBe(403);
    }
    expect((await get('/api/v1/on-call-staff', staff)).statusCode).toBe(403);
    expect((await post('/api/v1/on-call-staff', { siteId: s.site1, userId: staff.userId }, staff)).statusCode).toBe(403);
    expect((await call(staff, { siteId: s.site3 })).statusCode).toBe(403);
    expect((await get(`/api/v1/on-call-staff?siteId=${s.site3}`, lead)).statusCode).toBe(403);
    expect((await get(`/api/v1/on-call-staff/candidates?siteId=${s.site3}`, lead)).statusCode).toBe(403);
  });

  it('rejects bad input with 400 naming the field, and saves nothing', async () => {
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(onCallRequests);
    const cases: [Record<string, unknown>, string][] = [
      [{ urgency: 'whenever' }, 'urgency'],
      [{ locationDetail: null, locationCode: null }, 'locationDetail'],
      [{ locationCode: 'NOWHERE' }, 'locationCode'],
      [{ locationCode: 'OC_GONE' }, 'locationCode'],
      [{ pupilId: 'x' }, 'pupilId'],
      [{ note: 'n'.repeat(2001) }, 'note'],
      [{ note: 'nul \u0000' }, 'note'],
      [{ locationCode: 'HALL; drop' }, 'locationCode'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await call(staff, body);
      expect(res.statusCode, field).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)), field).toContain(field);
    }
    const noSite = await call(cluster, {});
    expect(noSite.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(noSite))).toEqual(['siteId']);
    const wrongSite = await call(cluster, { siteId: s.site2, pupilId: pupil });
    expect(fieldsOf(json<ErrorBody>(wrongSite))).toEqual(['pupilId']);
    expect((await post('/api/v1/on-call-staff', { siteId: s.site1 }, lead)).statusCode).toBe(400);
    expect((await get('/api/v1/on-call-requests?status=later', staff)).statusCode).toBe(400);
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(onCallRequests);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers 404 for a pupil out of scope, an unknown request, and a request of a site where you do not respond', async () => {
    expect((await call(staff, { pupilId: site3Pupil })).statusCode).toBe(404);
    for (const step of ['acknowledge', 'cancel']) expect((await post(`/api/v1/on-call-requests/${missing}/${step}`, {}, lead)).statusCode).toBe(404);
    expect((await get(`/api/v1/on-call-requests/${missing}`, lead)).statusCode).toBe(404);
    const id = json<Req>(await call(staff)).id;
    for (const who of [farStaff, colleague]) {
      expect((await get(`/api/v1/on-call-requests/${id}`, who)).statusCode).toBe(404);
      expect((await post(`/api/v1/on-call-requests/${id}/acknowledge`, {}, who)).statusCode).toBe(404);
      expect(json<{ items: Req[] }>(await get('/api/v1/on-call-requests', who)).items.map((r) => r.id)).not.toContain(id);
    }
    expect((await del(`/api/v1/on-call-staff/${missing}`, lead)).statusCode).toBe(404);
  });

  it('runs the lifecycle: call, responders told, acknowledge, resolve, with response and resolution times', async () => {
    const heard: { userId: string; e: LiveEvent }[] = [];
    const watchers = [lead, head, slt, cluster, staff, colleague, farStaff];
    const offs = watchers.map((w) => t.app.deps.hub.subscribe(w.userId, (e) => heard.push({ userId: w.userId, e })));
    const res = await call(staff, { urgency: 'emergency', locationCode: 'OC_HALL', locationDetail: 'by the stage', pupilId: pupil, note: 'Door blocked' });
    expect(res.statusCode).toBe(201);
    const req = json<Req>(res);
    expect(req).toMatchObject({ siteId: s.site1, status: 'open', urgency: 'emergency', locationCode: 'OC_HALL', locationLabel: 'Test OC_HALL',
      locationDetail: 'by the stage', pupil: { id: pupil }, requestedBy: { id: staff.userId }, responseSeconds: null, resolutionSeconds: null });
    expect(req.allowed).toEqual(['cancel']);

    const responders = [lead, head, slt, cluster].map((w) => w.userId);
    const created = heard.filter((x) => x.e.type === 'oncall.created');
    expect(created.map((x) => x.userId).sort()).toEqual([...responders].sort());
    expect(created[0]!.e.data).toMatchObject({ id: req.id, status: 'open', urgency: 'emergency', location: 'Test OC_HALL – by the stage' });
    const notes = await t.database.db.select().from(notifications)
      .where(and(eq(notifications.kind, 'oncall.request'), eq(notifications.title, 'Emergency help needed: Test OC_HALL – by the stage')));
    expect(notes.map((n) => n.userId)).toEqual(expect.arrayContaining(responders));
    expect(notes.map((n) => n.userId)).not.toContain(staff.userId);
    expect(notes.map((n) => n.userId)).not.toContain(colleague.userId);
    expect(notes.every((n) => n.link === '/on-call' && !n.body.includes('Door blocked'))).toBe(true);

    const asLead = json<{ items: Req[] }>(await get(`/api/v1/on-call-requests?siteId=${s.site1}`, lead)).items.find((r) => r.id === req.id)!;
    expect(asLead.allowed).toEqual(['acknowledge', 'resolve']);
    expect(json<{ items: Req[] }>(await get('/api/v1/on-call-requests', staff)).items.map((r) => r.id)).toContain(req.id);
    expect((await post(`/api/v1/on-call-requests/${req.id}/acknowledge`, {}, staff)).statusCode).toBe(403);

    // pretend the call was made 90 s ago, so the response time is measurable
    await t.database.db.update(onCallRequests).set({ requestedAt: sql`${onCallRequests.requestedAt} - interval '90 seconds'` }).where(eq(onCallRequests.id, req.id));
    heard.length = 0;
    const ack = await post(`/api/v1/on-call-requests/${req.id}/acknowledge`, {}, lead);
    expect(ack.statusCode).toBe(200);
    const acked = json<Req>(ack);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: { id: lead.userId }, resolutionSeconds: null });
    expect(acked.responseSeconds).toBeGreaterThanOrEqual(90);
    expect(acked.responseSeconds).toBeLessThan(150);
    expect(heard.filter((x) => x.e.type === 'oncall.updated').map((x) => x.userId).sort()).toEqual([...responders, staff.userId].sort());
    expect(acked.coming.map((p) => p.id)).toEqual([lead.userId]);
    // a second responder joins: the caller sees both names, in the order they said so; no one says it twice
    const also = await post(`/api/v1/on-call-requests/${req.id}/acknowledge`, {}, head);
    expect(also.statusCode).toBe(200);
    expect(json<Req>(also)).toMatchObject({ status: 'acknowledged', acknowledgedBy: { id: lead.userId } });
    expect(json<Req>(await get(`/api/v1/on-call-requests/${req.id}`, staff)).coming.map((p) => p.id)).toEqual([lead.userId, head.userId]);
    const again = await post(`/api/v1/on-call-requests/${req.id}/acknowledge`, {}, head);
    expect(again.statusCode).toBe(409);
    expect(json<ErrorBody>(again).error.message).toBe('You have already said you are coming.');

    expect((await post(`/api/v1/on-call-requests/${req.id}/resolve`, { outcome: ' ' }, lead)).statusCode).toBe(400);
    expect((await post(`/api/v1/on-call-requests/${req.id}/cancel`, {}, lead)).statusCode).toBe(403);
    const done = await post(`/api/v1/on-call-requests/${req.id}/resolve`, { outcome: 'Pupil calmed in the quiet room' }, head);
    expect(done.statusCode).toBe(200);
    const resolved = json<Req>(done);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: { id: head.userId }, outcome: 'Pupil calmed in the quiet room', allowed: [] });
    expect(resolved.resolutionSeconds!).toBeGreaterThanOrEqual(resolved.responseSeconds!);
    expect((await post(`/api/v1/on-call-requests/${req.id}/cancel`, {}, staff)).statusCode).toBe(409);
    expect(json<{ items: Req[] }>(await get('/api/v1/on-call-requests', lead)).items.map((r) => r.id)).not.toContain(req.id);
    expect(json<{ items: Req[] }>(await get('/api/v1/on-call-requests?status=resolved', lead)).items.map((r) => r.id)).toContain(req.id);
    const actions = (await t.database.db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.entityId, req.id))).map((a) => a.action);
    expect(actions.sort()).toEqual(['oncall.request.acknowledge', 'oncall.request.acknowledge', 'oncall.request.create', 'oncall.request.resolve']);
    offs.forEach((off) => off());
  });

  it('lets the requester cancel, and resolving an unacknowledged call counts as its first response', async () => {
    const a = json<Req>(await call(staff));
    const cancelled = await post(`/api/v1/on-call-requests/${a.id}/cancel`, {}, staff);
    expect(cancelled.statusCode).toBe(200);
    expect(json<Req>(cancelled)).toMatchObject({ status: 'cancelled', resolvedAt: null, allowed: [] });
    expect((await post(`/api/v1/on-call-requests/${a.id}/acknowledge`, {}, lead)).statusCode).toBe(409);
    const b = json<Req>(await call(staff));
    const r = json<Req>(await post(`/api/v1/on-call-requests/${b.id}/resolve`, { outcome: 'Sorted on arrival' }, lead));
    expect(r).toMatchObject({ status: 'resolved', acknowledgedBy: { id: lead.userId } });
    expect(r.responseSeconds).toBe(r.resolutionSeconds);
  });

  it("manages the site's on-call list: a listed member of staff is told, sees and answers calls until taken off", async () => {
    const candidates = json<{ items: { id: string }[] }>(await get(`/api/v1/on-call-staff/candidates?siteId=${s.site1}`, lead));
    expect(candidates.items.map((c) => c.id)).toContain(colleague.userId);
    expect(candidates.items.map((c) => c.id)).not.toContain(farStaff.userId);
    expect(fieldsOf(json<ErrorBody>(await post('/api/v1/on-call-staff', { siteId: s.site1, userId: farStaff.userId }, lead)))).toEqual(['userId']);
    const added = await post('/api/v1/on-call-staff', { siteId: s.site1, userId: colleague.userId }, lead);
    expect(added.statusCode).toBe(201);
    const row = json<StaffRow>(added);
    expect(row).toMatchObject({ siteId: s.site1, userId: colleague.userId, active: true });
    expect((await post('/api/v1/on-call-staff', { siteId: s.site1, userId: colleague.userId }, lead)).statusCode).toBe(409);
    expect(json<{ items: StaffRow[] }>(await get(`/api/v1/on-call-staff?siteId=${s.site1}`, lead)).items.map((r) => r.id)).toContain(row.id);

    const heard: LiveEvent[] = [];
    const off = t.app.deps.hub.subscribe(colleague.userId, (e) => heard.push(e));
    const req = json<Req>(await call(staff));
    off();
    expect(heard.map((e) => e.type).sort()).toEqual(['notification', 'oncall.created']);
    expect(json<{ items: Req[] }>(await get('/api/v1/on-call-requests', colleague)).items.find((r) => r.id === req.id)?.allowed).toEqual(['acknowledge', 'resolve']);
    expect((await post(`/api/v1/on-call-requests/${req.id}/acknowledge`, {}, colleague)).statusCode).toBe(200);

    // a trust administrator (policy.manage trust-wide) can take them off; the entry stays, inactive
    const removed = await del(`/api/v1/on-call-staff/${row.id}`, admin);
    expect(removed.statusCode).toBe(200);
    expect(json<StaffRow>(removed).active).toBe(false);
    expect(json<{ items: StaffRow[] }>(await get(`/api/v1/on-call-staff?siteId=${s.site1}`, lead)).items.map((r) => r.id)).not.toContain(row.id);
    expect(json<{ items: StaffRow[] }>(await get(`/api/v1/on-call-staff?siteId=${s.site1}&includeInactive=true`, lead)).items.map((r) => r.id)).toContain(row.id);
    const later = json<Req>(await call(staff));
    expect((await get(`/api/v1/on-call-requests/${later.id}`, colleague)).statusCode).toBe(404);
    // put back on: the same entry is reactivated
    expect(json<StaffRow>(await post('/api/v1/on-call-staff', { siteId: s.site1, userId: colleague.userId }, lead)).id).toBe(row.id);
    // a listed person who loses their data role at the site stops being a responder
    const temp = await addUserWith(t, s.trustId, [], 'no-role');
    expect((await post('/api/v1/on-call-staff', { siteId: s.site1, userId: temp.id }, lead)).statusCode).toBe(400);
  });

  it('delivers the live oncall.created event to a responder over GET /api/v1/events (real HTTP stream)', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as net.AddressInfo).port;
    const abort = new AbortController();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/events`, { headers: { cookie: lead.cookie }, signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes(': connected')) text += decoder.decode((await reader.read()).value);
      const created = json<Req>(await call(staff, { locationDetail: 'Science lab 2', urgency: 'emergency' }));
      const deadline = Date.now() + 10_000;
      while (!text.includes(created.id) && Date.now() < deadline) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value);
      }
      const frame = text.split('\n\n').find((f) => f.startsWith('event: oncall.created') && f.includes(created.id));
      expect(frame).toBeDefined();
      const data = JSON.parse(frame!.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as Record<string, unknown>;
      expect(data).toMatchObject({ id: created.id, siteId: s.site1, status: 'open', location: 'Science lab 2' });
      expect(Object.keys(data)).not.toContain('pupil');
    } finally {
      abort.abort();
    }
  });
});
