/**
 * Calls for help that reach people (issue 13): an urgent call goes to the site's on-call list first; when nobody says
 * they are coming within the site's wait, the escalation job calls the site's leads, then everyone once more, each step
 * recorded and audited; someone coming stops it; the wait is set per site or trust (policy.manage), refused to others;
 * and a role that may not call for help, or staff of another site, never see the call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { notifications, onCallRequests, onCallStaff } from '../../src/db/schema/workflow.ts';
import { users } from '../../src/db/schema/users.ts';
import { jobs } from '../../src/db/schema/jobs.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { runDue } from '../../src/core/jobs/runner.ts';
import type { LiveEvent } from '../../src/core/notify/hub.ts';
import '../../src/jobs.ts';
import { demoSites, fieldsOf, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { usersWithRoleDirectlyAt } from './safeguarding.fixtures.ts';

interface Req { id: string; status: string; escalationLevel: number; escalatedAt: string | null; alertsYou: boolean; coming: { id: string; displayName: string }[]; allowed: string[]; requestedAt: string }
interface Settings { siteId: string | null; escalateAfterSeconds: number; source: string }

describe.each(dbKinds())('calls for help escalate on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let lead: Session; let head: Session; let listed: Session; let governor: Session; let admin: Session; let farStaff: Session;
  const post = (url: string, payload: unknown, who: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: who.headers });
  const put = (url: string, payload: unknown, who: Session) => t.app.inject({ method: 'PUT', url, payload: payload as object, headers: who.headers });
  const get = (url: string, who: Session) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const call = async (who: Session, body: Record<string, unknown> = {}) => {
    const res = await post('/api/v1/on-call-requests', { urgency: 'urgent', locationDetail: 'Corridor B', ...body }, who);
    expect(res.statusCode).toBe(201);
    return json<Req>(res);
  };
  const seen = async (id: string, who: Session) => json<Req>(await get(`/api/v1/on-call-requests/${id}`, who));
  const after = (r: Req, seconds: number) => new Date(Date.parse(r.requestedAt) + seconds * 1000);
  const escalations = async (id: string) => (await t.database.db.select({ details: auditEntries.details }).from(auditEntries)
    .where(and(eq(auditEntries.entityId, id), eq(auditEntries.action, 'oncall.request.escalate')))).map((a) => a.details as { level: number; again: boolean });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, head, governor, admin] = await Promise.all(['staff', 'behaviour_lead', 'head', 'governor', 'trust_admin'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session, Session];
    const onList = await t.database.db.select({ email: users.email }).from(onCallStaff).innerJoin(users, eq(users.id, onCallStaff.userId))
      .where(and(eq(onCallStaff.siteId, s.site1), eq(onCallStaff.active, true)));
    listed = await sessionFor(t, onList[0]!.email);
    farStaff = await sessionFor(t, (await usersWithRoleDirectlyAt(t, 'staff', s.site3))[0]!.email);
  });
  afterAll(async () => { await t?.close(); });

  it('calls the on-call list first, then the leads after the wait, then everyone once more, and stops', async () => {
    const heard: { userId: string; e: LiveEvent }[] = [];
    const offs = [lead, listed, staff].map((w) => t.app.deps.hub.subscribe(w.userId, (e) => heard.push({ userId: w.userId, e })));
    const r = await call(staff);
    expect(r).toMatchObject({ escalationLevel: 0, alertsYou: false, coming: [] });
    expect((await seen(r.id, listed)).alertsYou).toBe(true);
    // the lead sees the call (they answer calls at the site) but was not called yet
    expect(await seen(r.id, lead)).toMatchObject({ alertsYou: false, allowed: ['acknowledge', 'resolve'] });
    expect(heard.filter((x) => x.e.type === 'oncall.created').map((x) => x.userId)).toEqual([listed.userId]);

    await runDue(t.app.deps, { now: after(r, 30) });
    expect((await seen(r.id, staff)).escalationLevel).toBe(0);

    heard.length = 0;
    await runDue(t.app.deps, { now: after(r, 61) });
    const one = await seen(r.id, staff);
    expect(one.escalationLevel).toBe(1);
    expect(one.escalatedAt).not.toBeNull();
    expect((await seen(r.id, lead)).alertsYou).toBe(true);
    expect(heard.filter((x) => x.e.type === 'oncall.created').map((x) => x.userId)).toContain(lead.userId);
    // the caller and those already called are told it moved on
    expect(heard.filter((x) => x.e.type === 'oncall.updated').map((x) => x.userId)).toEqual(expect.arrayContaining([staff.userId, listed.userId]));
    const told = await t.database.db.select({ userId: notifications.userId, title: notifications.title }).from(notifications)
      .where(and(eq(notifications.kind, 'oncall.request'), inArray(notifications.userId, [lead.userId, head.userId])));
    expect(told.filter((n) => n.title.startsWith('Still no one on the way')).map((n) => n.userId).sort()).toEqual([lead.userId, head.userId].sort());

    await runDue(t.app.deps, { now: after(r, 122) });
    expect((await seen(r.id, staff)).escalationLevel).toBe(2);
    await runDue(t.app.deps, { now: after(r, 400) });
    expect((await seen(r.id, staff)).escalationLevel).toBe(2);
    expect(await escalations(r.id)).toEqual([expect.objectContaining({ level: 1, again: false }), expect.objectContaining({ level: 2, again: true })]);
    offs.forEach((off) => off());
  });

  it('stops escalating as soon as someone says they are coming, and tells the caller who is coming', async () => {
    const r = await call(staff);
    const ack = await post(`/api/v1/on-call-requests/${r.id}/acknowledge`, {}, listed);
    expect(ack.statusCode).toBe(200);
    expect(json<Req>(ack).alertsYou).toBe(false);
    await runDue(t.app.deps, { now: after(r, 61) });
    await runDue(t.app.deps, { now: after(r, 200) });
    const mine = await seen(r.id, staff);
    expect(mine).toMatchObject({ status: 'acknowledged', escalationLevel: 0 });
    expect(mine.coming.map((p) => p.id)).toEqual([listed.userId]);
    expect(mine.coming[0]!.displayName).not.toBe('');
    expect((await seen(r.id, lead)).alertsYou).toBe(false);
    expect(await escalations(r.id)).toEqual([]);
    const job = await t.database.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.dedupeKey, `oncall.escalate:${r.id}:1`));
    expect(job.map((j) => j.status)).toEqual(['done']);
  });

  it("takes the site's wait, set by whoever manages its policy; refuses others and bad values", async () => {
    expect(json<Settings>(await get(`/api/v1/on-call-settings?siteId=${s.site1}`, lead))).toEqual({ siteId: s.site1, escalateAfterSeconds: 60, source: 'default' });
    expect((await put('/api/v1/on-call-settings', { siteId: s.site1, escalateAfterSeconds: 30 }, staff)).statusCode).toBe(403);
    expect((await get(`/api/v1/on-call-settings?siteId=${s.site1}`, staff)).statusCode).toBe(403);
    expect((await put('/api/v1/on-call-settings', { siteId: s.site3, escalateAfterSeconds: 30 }, lead)).statusCode).toBe(403);
    expect((await put('/api/v1/on-call-settings', { siteId: null, escalateAfterSeconds: 30 }, lead)).statusCode).toBe(403);
    for (const bad of [5, 901, 'soon', 30.5]) {
      const res = await put('/api/v1/on-call-settings', { siteId: s.site1, escalateAfterSeconds: bad }, lead);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toEqual(['escalateAfterSeconds']);
    }
    const trust = await put('/api/v1/on-call-settings', { siteId: null, escalateAfterSeconds: 120 }, admin);
    expect(json<Settings>(trust)).toEqual({ siteId: null, escalateAfterSeconds: 120, source: 'trust' });
    expect(json<Settings>(await get(`/api/v1/on-call-settings?siteId=${s.site1}`, lead)).source).toBe('trust');
    const site = await put('/api/v1/on-call-settings', { siteId: s.site1, escalateAfterSeconds: 30 }, lead);
    expect(json<Settings>(site)).toEqual({ siteId: s.site1, escalateAfterSeconds: 30, source: 'site' });
    const audited = await t.database.db.select({ n: auditEntries.id }).from(auditEntries).where(eq(auditEntries.action, 'oncall.settings.update'));
    expect(audited).toHaveLength(2);

    const r = await call(staff);
    await runDue(t.app.deps, { now: after(r, 31) });
    expect((await seen(r.id, staff)).escalationLevel).toBe(1);
  });

  it('never shows a call to a role that may not call for help, or to staff of another site', async () => {
    const r = await call(staff, { urgency: 'emergency' });
    for (const who of [governor, admin]) {
      expect((await get('/api/v1/on-call-requests', who)).statusCode).toBe(403);
      expect((await get(`/api/v1/on-call-requests/${r.id}`, who)).statusCode).toBe(403);
      expect((await post('/api/v1/on-call-requests', { urgency: 'urgent', locationDetail: 'x' }, who)).statusCode).toBe(403);
    }
    expect((await get(`/api/v1/on-call-requests/${r.id}`, farStaff)).statusCode).toBe(404);
    expect((await post(`/api/v1/on-call-requests/${r.id}/acknowledge`, {}, farStaff)).statusCode).toBe(404);
    expect(json<{ items: Req[] }>(await get('/api/v1/on-call-requests', farStaff)).items.map((x) => x.id)).not.toContain(r.id);
    expect((await get(`/api/v1/on-call-settings?siteId=${s.site1}`, governor)).statusCode).toBe(403);
    // the escalation job never calls anyone outside the site
    await runDue(t.app.deps, { now: after(r, 61) });
    const called = await t.database.db.select({ userId: notifications.userId }).from(notifications)
      .where(and(eq(notifications.kind, 'oncall.request'), eq(notifications.userId, farStaff.userId)));
    expect(called).toEqual([]);
    expect((await t.database.db.select({ l: onCallRequests.escalationLevel }).from(onCallRequests).where(eq(onCallRequests.id, r.id)))[0]!.l).toBe(1);
  });
});
