/** PLT-2 on pupils: scoped lists, 404 outside scope, sealed facts only for the site's DSL, audited profile reads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { pupils } from '../../src/db/schema/pupils.ts';
import { sites } from '../../src/db/schema/platform.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';

interface ListBody { items: { id: string; siteId: string; displayName: string; upn: string; allowed: string[] }[]; total: number }

describe.each(dbKinds())('pupils on %s', (kind) => {
  let t: TestContext;
  let siteIds: string[];
  let staff: Session;
  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.headers ?? {} });

  beforeAll(async () => {
    t = await createTestContext(kind);
    staff = await sessionFor(t, demoEmail('staff'));
    const me = json<{ sites: { id: string }[] }>(await get('/api/v1/me', staff));
    const all = await t.database.db.select({ id: sites.id, name: sites.name }).from(sites).orderBy(sites.name);
    siteIds = [me.sites[0]!.id, ...all.map((s) => s.id).filter((id) => id !== me.sites[0]!.id)];
  });
  afterAll(async () => { await t?.close(); });

  async function onRollAt(siteId: string): Promise<number> {
    const r = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(pupils)
      .where(and(eq(pupils.siteId, siteId), sql`(${pupils.enrolmentEnd} is null or ${pupils.enrolmentEnd} >= current_date)`));
    return Number(r[0]!.n);
  }

  it('needs a session', async () => {
    expect((await get('/api/v1/pupils')).statusCode).toBe(401);
  });

  it("lists only the caller's site's pupils, each with its siteId and allowed actions", async () => {
    const res = await get('/api/v1/pupils?pageSize=200', staff);
    expect(res.statusCode).toBe(200);
    const body = json<ListBody>(res);
    expect(body.total).toBe(await onRollAt(siteIds[0]!));
    expect(body.total).toBeGreaterThan(50);
    expect(body.items.every((p) => p.siteId === siteIds[0])).toBe(true);
    expect(body.items[0]!.allowed).toContain('view');
    // list rows carry no special-category data
    expect(Object.keys(body.items[0]!)).not.toContain('senStatus');
  });

  it('gives a cluster lead their two sites and nothing else', async () => {
    const s = await sessionFor(t, demoEmail('cluster_lead'));
    const body = json<ListBody>(await get('/api/v1/pupils?pageSize=200', s));
    const seen = new Set<string>();
    for (let page = 1; (page - 1) * 200 < body.total; page++) {
      for (const p of json<ListBody>(await get(`/api/v1/pupils?pageSize=200&page=${page}`, s)).items) seen.add(p.siteId);
    }
    expect(seen.size).toBe(2);
    expect(body.total).toBe((await onRollAt([...seen][0]!)) + (await onRollAt([...seen][1]!)));
  });

  it('searches by name and UPN, and filters by site', async () => {
    const first = json<ListBody>(await get('/api/v1/pupils?pageSize=1', staff)).items[0]!;
    const byUpn = json<ListBody>(await get(`/api/v1/pupils?search=${first.upn}`, staff));
    expect(byUpn.items.map((p) => p.id)).toContain(first.id);
    const surname = first.displayName.split(' ').at(-1)!;
    const byName = json<ListBody>(await get(`/api/v1/pupils?search=${encodeURIComponent(surname)}`, staff));
    expect(byName.items.length).toBeGreaterThan(0);
    expect((await get(`/api/v1/pupils?siteId=${siteIds[0]}`, staff)).statusCode).toBe(200);
    expect((await get(`/api/v1/pupils?siteId=${siteIds[2]}`, staff)).statusCode).toBe(403);
    const odd = json<ListBody>(await get(`/api/v1/pupils?search=${encodeURIComponent("%_'\\")}`, staff));
    expect(odd.total).toBe(0);
  });

  it('rejects bad query parameters, naming them', async () => {
    const res = await get('/api/v1/pupils?pageSize=5000&siteId=nope', staff);
    expect(res.statusCode).toBe(400);
    const fields = json<{ error: { fields: { field: string }[] } }>(res).error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['pageSize', 'siteId']));
    expect(res.body).not.toMatch(/at .*\.ts|select |stack/i);
  });

  it('refuses governors, parents and agency users with 403; trust admins, who keep the records (people.manage), may list', async () => {
    for (const role of ['governor', 'parent', 'agency']) {
      const s = await sessionFor(t, demoEmail(role));
      expect((await get('/api/v1/pupils', s)).statusCode, role).toBe(403);
    }
    expect((await get('/api/v1/pupils', await sessionFor(t, demoEmail('trust_admin')))).statusCode).toBe(200);
  });

  it('answers 404 for a pupil outside the caller\'s sites, and for one that does not exist', async () => {
    const other = (await t.database.db.select({ id: pupils.id }).from(pupils).where(eq(pupils.siteId, siteIds[2]!)).limit(1))[0]!;
    expect((await get(`/api/v1/pupils/${other.id}`, staff)).statusCode).toBe(404);
    expect((await get('/api/v1/pupils/0190a6c4-0000-7000-8000-000000000000', staff)).statusCode).toBe(404);
    expect((await get('/api/v1/pupils/not-a-uuid', staff)).statusCode).toBe(400);
  });

  it('shows the profile with contacts, audits the read, and hides sealed facts from everyone but the DSL', async () => {
    const sealedPupil = (await t.database.db.select().from(pupils)
      .where(and(eq(pupils.siteId, siteIds[0]!), eq(pupils.childProtectionPlan, true))).limit(1))[0];
    const target = sealedPupil ?? (await t.database.db.select().from(pupils).where(eq(pupils.siteId, siteIds[0]!)).limit(1))[0]!;
    for (const role of ['staff', 'behaviour_lead', 'head', 'slt', 'senco']) {
      const res = await get(`/api/v1/pupils/${target.id}`, await sessionFor(t, demoEmail(role)));
      expect(res.statusCode, role).toBe(200);
      const body = json<Record<string, unknown>>(res);
      expect(body.sealed, role).toBeUndefined();
      expect(res.body, role).not.toMatch(/childProtectionPlan|childInNeed/);
    }
    const dsl = await sessionFor(t, demoEmail('dsl'));
    const res = await get(`/api/v1/pupils/${target.id}`, dsl);
    const body = json<{ sealed: { childProtectionPlan: boolean }; contacts: unknown[]; allowed: string[] }>(res);
    expect(body.sealed.childProtectionPlan).toBe(target.childProtectionPlan);
    expect(body.allowed).toContain('viewSealed');
    expect(body.contacts.length).toBeGreaterThan(0);
    const audits = await t.database.db.select().from(auditEntries)
      .where(and(eq(auditEntries.entityId, target.id), eq(auditEntries.action, 'pupil.profile.read')));
    expect(audits.length).toBeGreaterThanOrEqual(6);
    expect(audits.some((a) => a.actorUserId === dsl.userId && (a.details as { sealedIncluded: boolean }).sealedIncluded)).toBe(true);
    // the audit log itself never holds the sealed values
    expect(JSON.stringify(audits.map((a) => a.details))).not.toMatch(/childProtectionPlan/);
  });

  it("does not give a DSL of one site the sealed facts of another site's pupil", async () => {
    const admin = await sessionFor(t, demoEmail('trust_admin'));
    const email = `dsl-multi-${kind}@example.org`;
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: admin.headers, payload: {
      email, displayName: 'Split roles', password: 'a long enough password',
      assignments: [{ role: 'dsl', siteId: siteIds[1] }, { role: 'staff', siteId: siteIds[0] }] } });
    expect(created.statusCode).toBe(201);
    const s = await sessionFor(t, email);
    const atSite0 = (await t.database.db.select({ id: pupils.id }).from(pupils).where(eq(pupils.siteId, siteIds[0]!)).limit(1))[0]!;
    const atSite1 = (await t.database.db.select({ id: pupils.id }).from(pupils).where(eq(pupils.siteId, siteIds[1]!)).limit(1))[0]!;
    expect(json<Record<string, unknown>>(await get(`/api/v1/pupils/${atSite0.id}`, s)).sealed).toBeUndefined();
    expect(json<Record<string, unknown>>(await get(`/api/v1/pupils/${atSite1.id}`, s)).sealed).toBeDefined();
  });

  it("gives a parent only their own children through their own endpoint", async () => {
    const parent = await sessionFor(t, demoEmail('parent'));
    const res = await get('/api/v1/parent/children', parent);
    expect(res.statusCode).toBe(200);
    const kids = json<{ items: { id: string }[] }>(res).items;
    expect(kids).toHaveLength(2);
    for (const k of kids) expect((await get(`/api/v1/pupils/${k.id}`, parent)).statusCode).toBe(403);
    expect((await get('/api/v1/parent/children', staff)).statusCode).toBe(403);
  });
});
