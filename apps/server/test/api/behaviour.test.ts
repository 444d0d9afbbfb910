/** The quick log (INC-1): one batch for many pupils in one transaction, scope, the site's policy, undo, void, lists. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { behaviourEvents } from '../../src/db/schema/recording.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { addCategory, addOption, addUser, demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';

interface EventBody { id: string; batchId: string; siteId: string; pupilId: string; pupilName: string; categoryCode: string; categoryName: string; polarity: string; severity: number; points: number; occurredAt: string; occurredOn: string; periodCode: string | null; locationCode: string | null; note: string | null; recordedBy: { id: string; name: string }; voided: boolean; voidReason: string | null; allowed: string[] }
interface LogBody { batchId: string; items: EventBody[]; undoUntil: string }
interface ListBody { items: EventBody[]; total: number }

describe.each(dbKinds())('quick log on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session;
  let lead: Session;
  let cluster: Session;
  let site1Pupils: string[];
  let site2Pupil: string;
  let site3Pupil: string;
  const post = (url: string, payload: unknown, who?: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: who?.headers ?? {} });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  const log = (who: Session, body: Record<string, unknown>) => post('/api/v1/behaviour-events', body, who);
  const eventCount = async () => Number((await t.database.db.select({ n: count() }).from(behaviourEvents))[0]!.n);
  const at = '2026-11-17T03:17:00Z'; // 03:17 in London (GMT in November), inside the TQ_NIGHT test period

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, cluster] = await Promise.all([sessionFor(t, demoEmail('staff')), sessionFor(t, demoEmail('behaviour_lead')), sessionFor(t, demoEmail('cluster_lead'))]);
    site1Pupils = await pupilsAt(t, s.site1, 5);
    site2Pupil = (await pupilsAt(t, s.site2, 1))[0]!;
    site3Pupil = (await pupilsAt(t, s.site3, 1))[0]!;
    await addCategory(t, s.trustId, { code: 'TQ_KIND', name: 'Kindness', polarity: 'positive', severity: 0, points: 2 });
    await addCategory(t, s.trustId, { code: 'TQ_RUDE', name: 'Rudeness', polarity: 'negative', severity: 2, points: -1 });
    // site 1 overrides TQ_RUDE's points, switches TQ_OFF off and has a category of its own; site 2 has another
    await addCategory(t, s.trustId, { siteId: s.site1, code: 'TQ_RUDE', name: 'Rudeness (site 1)', polarity: 'negative', severity: 3, points: -3 });
    await addCategory(t, s.trustId, { code: 'TQ_OFF', polarity: 'negative', points: -1 });
    await addCategory(t, s.trustId, { siteId: s.site1, code: 'TQ_OFF', polarity: 'negative', points: -1, active: false });
    await addCategory(t, s.trustId, { code: 'TQ_FULL', polarity: 'negative', severity: 4, quickLog: false });
    await addCategory(t, s.trustId, { siteId: s.site2, code: 'TQ_SITE2', polarity: 'positive', points: 1 });
    await addOption(t, s.trustId, { kind: 'period', code: 'TQ_NIGHT', details: { start: '03:00', end: '04:00' } });
    await addOption(t, s.trustId, { siteId: s.site1, kind: 'period', code: 'TQ_NIGHT1', details: { start: '03:15', end: '03:45' } });
    await addOption(t, s.trustId, { kind: 'location', code: 'TQ_HALL' });
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers on every quick-log endpoint with 401', async () => {
    const id = site1Pupils[0]!;
    for (const res of [
      await post('/api/v1/behaviour-events', { pupilIds: [id], categoryCode: 'TQ_KIND' }),
      await post(`/api/v1/behaviour-events/batches/${id}/undo`, {}),
      await post(`/api/v1/behaviour-events/${id}/void`, { reason: 'x' }),
      await get('/api/v1/behaviour-events'),
      await get('/api/v1/pupil-groups'),
    ]) expect(res.statusCode).toBe(401);
  });

  it('refuses roles without behaviour.record (governor, parent, trust admin) and staff who try to void, with 403', async () => {
    for (const role of ['governor', 'parent', 'trust_admin', 'agency']) {
      const who = await sessionFor(t, demoEmail(role));
      expect((await log(who, { pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND' })).statusCode).toBe(403);
      expect((await get('/api/v1/behaviour-events', who)).statusCode).toBe(403);
      expect((await get('/api/v1/pupil-groups', who)).statusCode).toBe(403);
    }
    expect((await post(`/api/v1/behaviour-events/${site1Pupils[0]}/void`, { reason: 'Wrong pupil' }, staff)).statusCode).toBe(403);
  });

  it('logs one category for 3 pupils in one call: one batch, policy values copied, London day, default period, audited', async () => {
    const before = await eventCount();
    const pupilIds = site1Pupils.slice(0, 3);
    const res = await log(staff, { pupilIds, categoryCode: 'TQ_KIND', note: '  Helped tidy up  ', occurredAt: at, locationCode: 'TQ_HALL' });
    expect(res.statusCode).toBe(201);
    const body = json<LogBody>(res);
    expect(body.items).toHaveLength(3);
    expect(new Set(body.items.map((e) => e.pupilId))).toEqual(new Set(pupilIds));
    expect(new Set(body.items.map((e) => e.batchId))).toEqual(new Set([body.batchId]));
    for (const e of body.items) {
      expect(e).toMatchObject({ categoryCode: 'TQ_KIND', categoryName: 'Kindness', polarity: 'positive', severity: 0, points: 2, occurredOn: '2026-11-17',
        note: 'Helped tidy up', locationCode: 'TQ_HALL', siteId: s.site1, voided: false, recordedBy: { id: staff.userId } });
      // site 1's own period (03:15–03:45) is more specific than the trust's (03:00–04:00)
      expect(e.periodCode).toBe('TQ_NIGHT1');
      expect(e.occurredAt).toBe('2026-11-17T03:17:00.000Z');
      expect(e.allowed).toEqual(['undo']);
      expect(e.pupilName.length).toBeGreaterThan(2);
    }
    const undoMs = new Date(body.undoUntil).getTime() - Date.now();
    expect(undoMs).toBeGreaterThan(7_000);
    expect(undoMs).toBeLessThanOrEqual(10_000);
    expect(await eventCount()).toBe(before + 3);
    const audits = await t.database.db.select({ id: auditEntries.id, details: auditEntries.details }).from(auditEntries)
      .where(and(eq(auditEntries.action, 'behaviour_event.create'), inArray(auditEntries.entityId, body.items.map((e) => e.id))));
    expect(audits).toHaveLength(3);
    expect(JSON.stringify(audits)).not.toContain('Helped tidy up'); // the note is flagged, not copied, into the audit log
  });

  it("uses the site's override of a trust category, and the trust period where the site has none", async () => {
    const res = await log(cluster, { pupilIds: [site1Pupils[0], site2Pupil], categoryCode: 'TQ_RUDE', occurredAt: at });
    expect(res.statusCode).toBe(201);
    const items = json<LogBody>(res).items;
    const bySite = Object.fromEntries(items.map((e) => [e.siteId, e]));
    expect(bySite[s.site1]).toMatchObject({ points: -3, severity: 3, categoryName: 'Rudeness (site 1)', periodCode: 'TQ_NIGHT1' });
    expect(bySite[s.site2]).toMatchObject({ points: -1, severity: 2, categoryName: 'Rudeness', periodCode: 'TQ_NIGHT' });
  });

  it('leaves the period empty when no configured period contains the time, and takes a given period', async () => {
    const none = json<LogBody>(await log(staff, { pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND', occurredAt: '2026-11-17T02:10:00Z' }));
    expect(none.items[0]!.periodCode).toBeNull();
    const given = json<LogBody>(await log(staff, { pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND', occurredAt: at, periodCode: 'TQ_NIGHT' }));
    expect(given.items[0]!.periodCode).toBe('TQ_NIGHT');
  });

  it('refuses the whole log with 404 naming nobody when one pupil is outside the caller’s sites; nothing is saved', async () => {
    const before = await eventCount();
    for (const foreign of [site3Pupil, site2Pupil, '0190a6c4-0000-7000-8000-00000000abcd']) {
      const res = await log(staff, { pupilIds: [site1Pupils[0], site1Pupils[1], foreign], categoryCode: 'TQ_KIND' });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(foreign);
      expect(json<ErrorBody>(res).error.message).toBe('That pupil was not found.');
    }
    expect(await eventCount()).toBe(before);
  });

  it("refuses a category that is not a quick-log category of the pupil's school with 400 naming categoryCode", async () => {
    const before = await eventCount();
    for (const [who, pupilIds, code] of [
      [staff, [site1Pupils[0]], 'TQ_NOPE'], // not configured anywhere
      [staff, [site1Pupils[0]], 'TQ_OFF'], // switched off by site 1
      [staff, [site1Pupils[0]], 'TQ_FULL'], // full incidents only
      [staff, [site1Pupils[0]], 'TQ_SITE2'], // another site's own category
      [cluster, [site2Pupil, site1Pupils[0]], 'TQ_SITE2'], // fine at site 2 but not at site 1: nothing saved
    ] as const) {
      const res = await log(who, { pupilIds: [...pupilIds], categoryCode: code });
      expect(res.statusCode, code).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toEqual(['categoryCode']);
    }
    expect(await eventCount()).toBe(before);
    expect((await log(cluster, { pupilIds: [site2Pupil], categoryCode: 'TQ_SITE2' })).statusCode).toBe(201);
  });

  it('rejects bad input with 400 naming the field, and saves nothing', async () => {
    const before = await eventCount();
    const many = Array.from({ length: 61 }, (_, i) => `0190a6c4-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const cases: [Record<string, unknown>, string][] = [
      [{ pupilIds: [], categoryCode: 'TQ_KIND' }, 'pupilIds'],
      [{ pupilIds: many, categoryCode: 'TQ_KIND' }, 'pupilIds'],
      [{ pupilIds: ['nope'], categoryCode: 'TQ_KIND' }, 'pupilIds.0'],
      [{ pupilIds: [site1Pupils[0]], categoryCode: '' }, 'categoryCode'],
      [{ pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND', occurredAt: 'yesterday' }, 'occurredAt'],
      [{ pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND', occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'occurredAt'],
      [{ pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND', periodCode: 'TQ_NOPE' }, 'periodCode'],
      [{ pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND', locationCode: 'TQ_NOPE' }, 'locationCode'],
      [{ pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND', note: 'x'.repeat(2001) }, 'note'],
      [{ pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND', points: 100 }, 'points'],
      [{ pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND', occurredAt: '2019-01-07T10:00:00Z' }, 'pupilIds.0'],
    ];
    for (const [body, field] of cases) {
      const res = await log(staff, body);
      expect(res.statusCode, field).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)), JSON.stringify(body).slice(0, 80)).toContain(field);
    }
    expect(await eventCount()).toBe(before);
  });

  it('logs the same pupil once when listed twice', async () => {
    const res = await log(staff, { pupilIds: [site1Pupils[4], site1Pupils[4]], categoryCode: 'TQ_KIND' });
    expect(json<LogBody>(res).items).toHaveLength(1);
  });

  describe('undo', () => {
    it('voids the whole batch within the window (nothing deleted), and answers a retry the same way', async () => {
      const logged = json<LogBody>(await log(staff, { pupilIds: site1Pupils.slice(0, 2), categoryCode: 'TQ_KIND' }));
      const res = await post(`/api/v1/behaviour-events/batches/${logged.batchId}/undo`, undefined, staff);
      expect(res.statusCode).toBe(200);
      const body = json<{ items: EventBody[] }>(res);
      expect(body.items.map((e) => [e.voided, e.voidReason])).toEqual([[true, 'Undone by the author'], [true, 'Undone by the author']]);
      const rows = await t.database.db.select().from(behaviourEvents).where(eq(behaviourEvents.batchId, logged.batchId));
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.voidedAt !== null && r.voidedBy === staff.userId)).toBe(true);
      expect((await post(`/api/v1/behaviour-events/batches/${logged.batchId}/undo`, undefined, staff)).statusCode).toBe(200);
      const mine = json<ListBody>(await get('/api/v1/behaviour-events?mine=true&pageSize=200', staff));
      expect(mine.items.some((e) => e.batchId === logged.batchId)).toBe(false);
      const audits = await t.database.db.select({ n: count() }).from(auditEntries)
        .where(and(eq(auditEntries.action, 'behaviour_event.undo'), inArray(auditEntries.entityId, logged.items.map((e) => e.id))));
      expect(Number(audits[0]!.n)).toBe(2);
    });

    it('refuses after the window with 409 and a clear message, leaving the points saved', async () => {
      const logged = json<LogBody>(await log(staff, { pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND' }));
      await t.database.db.update(behaviourEvents).set({ createdAt: sql`now() - interval '16 seconds'` }).where(eq(behaviourEvents.batchId, logged.batchId));
      const res = await post(`/api/v1/behaviour-events/batches/${logged.batchId}/undo`, undefined, staff);
      expect(res.statusCode).toBe(409);
      expect(json<ErrorBody>(res).error.message).toMatch(/10-second undo has passed/);
      const row = (await t.database.db.select().from(behaviourEvents).where(eq(behaviourEvents.batchId, logged.batchId)))[0]!;
      expect(row.voidedAt).toBeNull();
    });

    it('allows a little grace for the network (12 s after logging)', async () => {
      const logged = json<LogBody>(await log(staff, { pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND' }));
      await t.database.db.update(behaviourEvents).set({ createdAt: sql`now() - interval '12 seconds'` }).where(eq(behaviourEvents.batchId, logged.batchId));
      expect((await post(`/api/v1/behaviour-events/batches/${logged.batchId}/undo`, undefined, staff)).statusCode).toBe(200);
    });

    it('lets only the author undo: 403 for a lead who can see it, 404 for staff who cannot, 404 for no such batch', async () => {
      const logged = json<LogBody>(await log(staff, { pupilIds: [site1Pupils[0]], categoryCode: 'TQ_KIND' }));
      expect((await post(`/api/v1/behaviour-events/batches/${logged.batchId}/undo`, undefined, lead)).statusCode).toBe(403);
      const otherStaff = await sessionFor(t, await addUser(t, s.trustId, 'staff', s.site1));
      expect((await post(`/api/v1/behaviour-events/batches/${logged.batchId}/undo`, undefined, otherStaff)).statusCode).toBe(404);
      expect((await post('/api/v1/behaviour-events/batches/0190a6c4-0000-7000-8000-000000000000/undo', undefined, staff)).statusCode).toBe(404);
      expect((await post('/api/v1/behaviour-events/batches/not-a-uuid/undo', undefined, staff)).statusCode).toBe(400);
    });
  });

  describe('void', () => {
    it('lets a lead void an event at their site with a reason; a second void is 409', async () => {
      const e = json<LogBody>(await log(staff, { pupilIds: [site1Pupils[1]], categoryCode: 'TQ_RUDE' })).items[0]!;
      const res = await post(`/api/v1/behaviour-events/${e.id}/void`, { reason: 'Logged for the wrong pupil' }, lead);
      expect(res.statusCode).toBe(200);
      expect(json<EventBody>(res)).toMatchObject({ id: e.id, voided: true, voidReason: 'Logged for the wrong pupil', allowed: [] });
      expect((await post(`/api/v1/behaviour-events/${e.id}/void`, { reason: 'Again please' }, lead)).statusCode).toBe(409);
    });

    it('answers 404 for an event at a site the lead does not lead, and 400 without a reason', async () => {
      const e = json<LogBody>(await log(cluster, { pupilIds: [site2Pupil], categoryCode: 'TQ_RUDE' })).items[0]!;
      expect((await post(`/api/v1/behaviour-events/${e.id}/void`, { reason: 'Not mine to void' }, lead)).statusCode).toBe(404);
      const res = await post(`/api/v1/behaviour-events/${e.id}/void`, { reason: ' ' }, cluster);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toEqual(['reason']);
      expect((await post(`/api/v1/behaviour-events/${e.id}/void`, { reason: 'Duplicate entry' }, cluster)).statusCode).toBe(200);
      expect((await post('/api/v1/behaviour-events/0190a6c4-0000-7000-8000-000000000000/void', { reason: 'Duplicate' }, cluster)).statusCode).toBe(404);
    });
  });

  describe('list', () => {
    it("shows staff their own events only, and a lead every event at their site", async () => {
      const leads = json<LogBody>(await log(lead, { pupilIds: [site1Pupils[2]], categoryCode: 'TQ_KIND' })).items[0]!;
      const mine = json<ListBody>(await get('/api/v1/behaviour-events?pageSize=200', staff));
      expect(mine.total).toBeGreaterThan(0);
      expect(mine.items.every((e) => e.recordedBy.id === staff.userId)).toBe(true);
      const all = json<ListBody>(await get(`/api/v1/behaviour-events?pageSize=200&pupilId=${site1Pupils[2]}`, lead));
      expect(all.items.map((e) => e.id)).toContain(leads.id);
      expect(all.items.every((e) => e.siteId === s.site1 && e.pupilId === site1Pupils[2])).toBe(true);
      const leadOwn = json<ListBody>(await get('/api/v1/behaviour-events?mine=true&pageSize=200', lead));
      expect(leadOwn.items.every((e) => e.recordedBy.id === lead.userId)).toBe(true);
      // newest first
      const times = all.items.map((e) => e.occurredAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('filters by school day and shows voided events only to leads who ask', async () => {
      const day = json<ListBody>(await get('/api/v1/behaviour-events?from=2026-11-17&to=2026-11-17&pageSize=200', lead));
      expect(day.total).toBeGreaterThan(0);
      expect(day.items.every((e) => e.occurredOn === '2026-11-17')).toBe(true);
      const withVoided = json<ListBody>(await get('/api/v1/behaviour-events?includeVoided=true&pageSize=200', lead));
      expect(withVoided.items.some((e) => e.voided)).toBe(true);
      const without = json<ListBody>(await get('/api/v1/behaviour-events?pageSize=200', lead));
      expect(without.items.some((e) => e.voided)).toBe(false);
      const staffAsks = json<ListBody>(await get('/api/v1/behaviour-events?includeVoided=true&pageSize=200', staff));
      expect(staffAsks.items.some((e) => e.voided)).toBe(false);
    });

    it('refuses a site the caller does not work at (403) and bad filters (400, named)', async () => {
      expect((await get(`/api/v1/behaviour-events?siteId=${s.site3}`, lead)).statusCode).toBe(403);
      const bad = await get('/api/v1/behaviour-events?from=17/11/2026&pupilId=x&mine=perhaps', lead);
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(json<ErrorBody>(bad))).toEqual(expect.arrayContaining(['from', 'pupilId', 'mine']));
      const backwards = await get('/api/v1/behaviour-events?from=2026-11-18&to=2026-11-17', lead);
      expect(fieldsOf(json<ErrorBody>(backwards))).toEqual(['to']);
    });
  });

  describe('pupil groups', () => {
    it("lists the groups of the caller's sites with their pupils on roll", async () => {
      const res = await get('/api/v1/pupil-groups', staff);
      expect(res.statusCode).toBe(200);
      const items = json<{ items: { siteId: string; name: string; kind: string; pupilCount: number }[] }>(res).items;
      expect(items.length).toBeGreaterThan(2);
      expect(items.every((g) => g.siteId === s.site1)).toBe(true);
      expect(items.some((g) => g.pupilCount > 0)).toBe(true);
      const clusterGroups = json<{ items: { siteId: string }[] }>(await get(`/api/v1/pupil-groups?siteId=${s.site2}`, cluster)).items;
      expect(clusterGroups.length).toBeGreaterThan(0);
      expect(clusterGroups.every((g) => g.siteId === s.site2)).toBe(true);
    });

    it('refuses another site (403) and a malformed site id (400)', async () => {
      expect((await get(`/api/v1/pupil-groups?siteId=${s.site2}`, staff)).statusCode).toBe(403);
      const bad = await get('/api/v1/pupil-groups?siteId=nope', staff);
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['siteId']);
    });
  });
});
