/**
 * Sealed safeguarding concerns (INC-4, LAW-11): 401/403/404/400/success on every endpoint; the author gets a receipt
 * and nothing else; the head, senior leader and behaviour lead of the same site and a DSL of another site get 404;
 * the DSLs are notified without content; every read of content and every write is audited with field names only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { safeguardingConcerns } from '../../src/db/schema/safeguarding.ts';
import { notifications } from '../../src/db/schema/workflow.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { sites } from '../../src/db/schema/platform.ts';
import type { LiveEvent } from '../../src/core/notify/hub.ts';
import { addIncident, demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { addUserWith, pupilNames, usersWithRoleDirectlyAt } from './safeguarding.fixtures.ts';

interface Concern { id: string; siteId: string; status: string; concern: string; childWords: string | null; actionTaken: string | null; version: number; pupils: { id: string; displayName: string }[]; triageOutcome: string | null; triagedBy: { id: string } | null; allowed: string[] }
interface ListBody { items: (Omit<Concern, 'concern'> & Record<string, unknown>)[]; total: number }

const TEXT = 'Said her stepdad hit her with a belt last night';
const WORDS = 'He gets angry when he drinks';
const ACTION = 'Listened, did not ask leading questions, told the DSL';

describe.each(dbKinds())('safeguarding concerns on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let dsl: Session; let head: Session; let slt: Session; let lead: Session; let cluster: Session;
  let otherDsl: Session; let governor: Session; let trustDsl: Session;
  let site1Pupils: string[]; let site2Pupil: string; let site3Pupil: string;
  let siteName: string;
  const headers = (who?: Session) => who?.headers ?? {};
  const post = (url: string, payload: unknown, who?: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: headers(who) });
  const patch = (url: string, payload: unknown, who?: Session) => t.app.inject({ method: 'PATCH', url, payload: payload as object, headers: headers(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: headers(who) });
  const concerns = async () => Number((await t.database.db.select({ n: count() }).from(safeguardingConcerns))[0]!.n);
  const raise = (who: Session, body: Record<string, unknown>) => post('/api/v1/safeguarding-concerns', body, who);
  const valid = () => ({ pupilIds: [site1Pupils[0]], category: 'physical', concern: TEXT, childWords: WORDS, actionTaken: ACTION });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    const demo = await Promise.all(['staff', 'dsl', 'head', 'slt', 'behaviour_lead', 'cluster_lead', 'governor'].map((r) => sessionFor(t, demoEmail(r))));
    [staff, dsl, head, slt, lead, cluster, governor] = demo as [Session, Session, Session, Session, Session, Session, Session];
    otherDsl = await sessionFor(t, (await usersWithRoleDirectlyAt(t, 'dsl', s.site2))[0]!.email);
    trustDsl = await sessionFor(t, (await addUserWith(t, s.trustId, [{ role: 'dsl', siteId: null }], 'trust-dsl')).email);
    site1Pupils = await pupilsAt(t, s.site1, 3);
    site2Pupil = (await pupilsAt(t, s.site2, 1))[0]!;
    site3Pupil = (await pupilsAt(t, s.site3, 1))[0]!;
    siteName = (await t.database.db.select({ name: sites.name }).from(sites).where(eq(sites.id, s.site1)))[0]!.name;
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers with 401 on every endpoint', async () => {
    const id = site1Pupils[0]!;
    for (const res of [
      await post('/api/v1/safeguarding-concerns', valid()), await get('/api/v1/safeguarding-concerns'), await get(`/api/v1/safeguarding-concerns/${id}`),
      await patch(`/api/v1/safeguarding-concerns/${id}/triage`, {}), await get(`/api/v1/pupils/${id}/safeguarding-chronology`),
    ]) expect(res.statusCode).toBe(401);
  });

  it('refuses roles without a data role (governor) with 403 when raising, and non-DSLs with 403 on the inbox and chronology', async () => {
    expect((await raise(governor, valid())).statusCode).toBe(403);
    for (const who of [staff, head, slt, lead, governor]) {
      expect((await get('/api/v1/safeguarding-concerns', who)).statusCode).toBe(403);
      expect((await get(`/api/v1/pupils/${site1Pupils[0]}/safeguarding-chronology`, who)).statusCode).toBe(403);
    }
  });

  it('rejects bad input with 400 naming each field, and saves nothing', async () => {
    const before = await concerns();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid(), concern: '   ' }, 'concern'],
      [{ ...valid(), childWords: 'nul \u0000 byte' }, 'childWords'],
      [{ ...valid(), pupilIds: [] }, 'pupilIds'],
      [{ ...valid(), pupilIds: Array.from({ length: 11 }, () => site1Pupils[0]) }, 'pupilIds'],
      [{ ...valid(), pupilIds: [site1Pupils[0], site1Pupils[0]] }, 'pupilIds'],
      [{ ...valid(), category: 'gossip' }, 'category'],
      [{ ...valid(), pupilIds: ['not-a-uuid'] }, 'pupilIds.0'],
      [{ ...valid(), shoeSize: 9 }, 'shoeSize'],
      [{ ...valid(), bodyMap: [{ side: 'front', x: 2, y: 0.5, note: '' }] }, 'bodyMap.0.x'],
      [{ ...valid(), siteId: s.site2 }, 'siteId'],
      [{ ...valid(), incidentId: '0190a6c4-0000-7000-8000-000000000000' }, 'incidentId'],
    ];
    for (const [body, field] of cases) {
      const res = await raise(staff, body);
      expect(res.statusCode, field).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)), field).toContain(field);
      // an error never echoes what was typed
      expect(res.body).not.toContain(TEXT);
    }
    const mixed = await raise(cluster, { ...valid(), pupilIds: [site1Pupils[0], site2Pupil] });
    expect(mixed.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(mixed))).toEqual(['pupilIds']);
    expect(await concerns()).toBe(before);
  });

  it('answers 404 for a pupil out of scope (or missing), even mixed with valid pupils, and saves nothing', async () => {
    const before = await concerns();
    for (const pupilIds of [[site3Pupil], [site1Pupils[0], site2Pupil], ['0190a6c4-0000-7000-8000-000000000001']]) {
      const res = await raise(staff, { ...valid(), pupilIds });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(TEXT);
    }
    expect(await concerns()).toBe(before);
  });

  it('gives the author a receipt only, tells the DSLs without content, and audits field names only', async () => {
    const heard: { userId: string; e: LiveEvent }[] = [];
    const dslIds = (await usersWithRoleDirectlyAt(t, 'dsl', s.site1)).map((u) => u.id);
    const offs = [...dslIds, staff.userId, head.userId, otherDsl.userId, trustDsl.userId].map((userId) => t.app.deps.hub.subscribe(userId, (e) => heard.push({ userId, e })));
    const incidentId = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: site1Pupils[0]!, createdBy: staff.userId });
    const res = await raise(staff, { ...valid(), pupilIds: [site1Pupils[0], site1Pupils[1]], incidentId, bodyMap: [{ side: 'back', x: 0.5, y: 0.4, note: 'Red welts' }] });
    offs.forEach((off) => off());
    expect(res.statusCode).toBe(201);
    const receipt = json<Record<string, unknown>>(res);
    expect(Object.keys(receipt).sort()).toEqual(['id', 'status', 'submittedAt']);
    expect(receipt.status).toBe('submitted');
    expect(Math.abs(Date.parse(receipt.submittedAt as string) - Date.now())).toBeLessThan(60_000);
    const id = receipt.id as string;

    const saved = (await t.database.db.select().from(safeguardingConcerns).where(eq(safeguardingConcerns.id, id)))[0]!;
    expect(saved).toMatchObject({ siteId: s.site1, raisedBy: staff.userId, status: 'new', concern: TEXT, childWords: WORDS, incidentId });

    // notifications: every DSL of the site (directly or trust-wide), nobody else; no pupil, no content
    const notes = await t.database.db.select().from(notifications).where(eq(notifications.link, `/safeguarding/${id}`));
    expect(notes.map((n) => n.userId).sort()).toEqual([...dslIds, trustDsl.userId].sort());
    const names = (await pupilNames(t, site1Pupils[0]!)).concat(await pupilNames(t, site1Pupils[1]!));
    for (const n of notes) {
      expect(n.title).toBe(`New safeguarding concern at ${siteName}`);
      expect(n.emailStatus).toBe('not_configured');
      const visible = `${n.title} ${n.body}`;
      for (const secret of [TEXT, WORDS, ACTION, 'Red welts', 'physical', ...names]) expect(visible).not.toContain(secret);
    }
    // live: a notification event to each DSL after commit, nothing to anyone else
    expect(heard.map((h) => h.userId).sort()).toEqual([...dslIds, trustDsl.userId].sort());
    for (const h of heard) {
      expect(h.e.type).toBe('notification');
      expect(JSON.stringify(h.e.data)).not.toMatch(new RegExp([TEXT, WORDS, ...names].join('|')));
    }

    const audit = (await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, id)))[0]!;
    expect(audit.action).toBe('safeguarding.concern.raise');
    expect(audit.details).toMatchObject({ sealed: true });
    expect(JSON.stringify(audit.details)).not.toMatch(new RegExp([TEXT, WORDS, ACTION, 'Red welts', ...names, ...site1Pupils].join('|')));

    // the author can never read it back
    expect((await get(`/api/v1/safeguarding-concerns/${id}`, staff)).statusCode).toBe(404);
    expect((await get('/api/v1/safeguarding-concerns', staff)).statusCode).toBe(403);
  });

  it('answers 404 to the head, senior leader and behaviour lead of the same site and to a DSL of another site', async () => {
    const id = json<{ id: string }>(await raise(staff, valid())).id;
    const missing = '0190a6c4-0000-7000-8000-0000000000ff';
    for (const who of [head, slt, lead, cluster, staff, otherDsl, governor]) {
      for (const target of [id, missing]) {
        const read = await get(`/api/v1/safeguarding-concerns/${target}`, who);
        const triage = await patch(`/api/v1/safeguarding-concerns/${target}/triage`, { status: 'triaged', triageOutcome: 'monitor', version: 1 }, who);
        expect([read.statusCode, triage.statusCode]).toEqual([404, 404]);
        // identical answers for a concern that exists and one that does not (apart from the request id)
        expect(json<ErrorBody>(read).error.message).toBe('That safeguarding concern was not found.');
      }
    }
    const inbox = json<ListBody>(await get('/api/v1/safeguarding-concerns?pageSize=200', otherDsl));
    expect(inbox.items.map((c) => c.id)).not.toContain(id);
    expect((await get(`/api/v1/safeguarding-concerns?siteId=${s.site1}`, otherDsl)).statusCode).toBe(403);
    expect((await get(`/api/v1/pupils/${site1Pupils[0]}/safeguarding-chronology`, otherDsl)).statusCode).toBe(404);
    expect(json<Record<string, unknown>>(await get(`/api/v1/safeguarding-concerns/${id}`, head))).not.toHaveProperty('concern');
  });

  it("lists the site's concerns in the DSL inbox without their text, and shows the full concern with every read audited", async () => {
    const id = json<{ id: string }>(await raise(staff, valid())).id;
    const inbox = await get(`/api/v1/safeguarding-concerns?siteId=${s.site1}&status=new`, dsl);
    expect(inbox.statusCode).toBe(200);
    const row = json<ListBody>(inbox).items.find((c) => c.id === id)!;
    expect(row).toMatchObject({ siteId: s.site1, status: 'new', category: 'physical', raisedBy: { id: staff.userId } });
    expect(inbox.body).not.toContain(TEXT);
    expect(row.allowed).toEqual(['view', 'triage']);
    expect(json<ListBody>(await get('/api/v1/safeguarding-concerns?status=closed', dsl)).items.map((c) => c.id)).not.toContain(id);
    expect((await get('/api/v1/safeguarding-concerns?status=bogus&pageSize=0', dsl)).statusCode).toBe(400);

    const auditCount = async () => Number((await t.database.db.select({ n: count() }).from(auditEntries)
      .where(and(eq(auditEntries.entityId, id), eq(auditEntries.action, 'safeguarding.concern.read'))))[0]!.n);
    for (const who of [dsl, trustDsl]) {
      const res = await get(`/api/v1/safeguarding-concerns/${id}`, who);
      expect(res.statusCode).toBe(200);
      expect(json<Concern>(res)).toMatchObject({ concern: TEXT, childWords: WORDS, actionTaken: ACTION, status: 'new', version: 1 });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect(await auditCount()).toBe(2);
    expect((await get('/api/v1/safeguarding-concerns/not-a-uuid', dsl)).statusCode).toBe(400);
    // every concern in the inbox opens, including the demo's older ones (triaged, with free-text outcomes)
    for (const c of json<ListBody>(await get('/api/v1/safeguarding-concerns?pageSize=200', dsl)).items) {
      expect((await get(`/api/v1/safeguarding-concerns/${c.id}`, dsl)).statusCode, c.id).toBe(200);
    }
  });

  it('records the triage decision with optimistic concurrency, checks it, and audits it sealed', async () => {
    const id = json<{ id: string }>(await raise(staff, valid())).id;
    const url = `/api/v1/safeguarding-concerns/${id}/triage`;
    const bad = await patch(url, { status: 'new', triageOutcome: 'monitor', version: 1, extra: 1 }, dsl);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(expect.arrayContaining(['status', 'extra']));
    const inconsistent = await patch(url, { status: 'referred', triageOutcome: 'monitor', version: 1 }, dsl);
    expect(inconsistent.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(inconsistent))).toEqual(['triageOutcome']);

    const ok = await patch(url, { status: 'referred', triageOutcome: 'referral_social_care', triageNotes: 'MASH referral made 14:10', version: 1 }, dsl);
    expect(ok.statusCode).toBe(200);
    expect(json<Concern>(ok)).toMatchObject({ status: 'referred', triageOutcome: 'referral_social_care', version: 2, triagedBy: { id: dsl.userId } });
    const stale = await patch(url, { status: 'closed', triageOutcome: 'referral_social_care', version: 1 }, trustDsl);
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorBody>(stale).error.code).toBe('stale_version');
    expect((await patch(url, { status: 'closed', triageOutcome: 'referral_social_care', version: 2 }, trustDsl)).statusCode).toBe(200);

    const entries = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, id), eq(auditEntries.action, 'safeguarding.concern.triage')));
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.details).toMatchObject({ sealed: true });
      expect(JSON.stringify(e.details)).not.toContain('MASH');
    }
  });

  it("gives the DSL the pupil's chronology, newest first, audited; 404 for a pupil elsewhere", async () => {
    const pupil = site1Pupils[2]!;
    const first = json<{ id: string }>(await raise(staff, { ...valid(), pupilIds: [pupil], concern: 'First concern' })).id;
    const second = json<{ id: string }>(await raise(lead, { ...valid(), pupilIds: [pupil, site1Pupils[1]], category: 'neglect', concern: 'Second concern' })).id;
    const res = await get(`/api/v1/pupils/${pupil}/safeguarding-chronology`, dsl);
    expect(res.statusCode).toBe(200);
    const body = json<{ pupil: { id: string }; items: Concern[] }>(res);
    expect(body.pupil.id).toBe(pupil);
    // ours are the newest two; any the demo trust already holds for this pupil come after, newest first
    expect(body.items.slice(0, 2).map((c) => c.id)).toEqual([second, first]);
    const times = body.items.map((c) => Date.parse((c as unknown as { raisedAt: string }).raisedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.items[0]!.concern).toBe('Second concern');
    const audited = await t.database.db.select({ n: count() }).from(auditEntries)
      .where(and(eq(auditEntries.action, 'safeguarding.chronology.read'), eq(auditEntries.entityId, pupil)));
    expect(Number(audited[0]!.n)).toBe(1);
    expect((await get(`/api/v1/pupils/${site2Pupil}/safeguarding-chronology`, dsl)).statusCode).toBe(404);
    expect((await get('/api/v1/pupils/0190a6c4-0000-7000-8000-000000000002/safeguarding-chronology', dsl)).statusCode).toBe(404);
    expect((await get('/api/v1/pupils/nope/safeguarding-chronology', dsl)).statusCode).toBe(400);
  });

  it('lets any data role raise at their site, a cluster lead at either of theirs, and pages the inbox', async () => {
    for (const who of [head, slt, lead, dsl]) expect((await raise(who, valid())).statusCode).toBe(201);
    const at2 = await raise(cluster, { ...valid(), pupilIds: [site2Pupil], siteId: s.site2 });
    expect(at2.statusCode).toBe(201);
    const id2 = json<{ id: string }>(at2).id;
    expect((await get(`/api/v1/safeguarding-concerns/${id2}`, otherDsl)).statusCode).toBe(200);
    expect((await get(`/api/v1/safeguarding-concerns/${id2}`, dsl)).statusCode).toBe(404);
    const page1 = json<ListBody>(await get('/api/v1/safeguarding-concerns?pageSize=2&page=1', dsl));
    const page2 = json<ListBody>(await get('/api/v1/safeguarding-concerns?pageSize=2&page=2', dsl));
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(4);
    expect(page1.items.map((c) => c.id)).not.toEqual(expect.arrayContaining(page2.items.map((c) => c.id)));
    // a DSL raising a concern is not told about their own, but the site's other DSL is
    const own = json<{ id: string }>(await raise(dsl, valid())).id;
    const told = await t.database.db.select({ userId: notifications.userId }).from(notifications).where(inArray(notifications.link, [`/safeguarding/${own}`]));
    expect(told.map((n) => n.userId)).not.toContain(dsl.userId);
    expect(told.length).toBeGreaterThan(0);
  });
});
