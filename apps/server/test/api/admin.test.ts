/** Administration (sites, users, role assignments), optimistic concurrency, and bad input that saves nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';

interface Err { error: { code: string; message: string; fields?: { field: string; message: string }[] } }
const fieldsOf = (body: string) => (JSON.parse(body) as Err).error.fields?.map((f) => f.field) ?? [];

describe.each(dbKinds())('administration on %s', (kind) => {
  let t: TestContext;
  let admin: Session;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, s: Session = admin) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const count = async (table: string) => Number((await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);

  beforeAll(async () => { t = await createTestContext(kind); admin = await sessionFor(t, demoEmail('trust_admin')); });
  afterAll(async () => { await t?.close(); });

  it('lists, creates and edits sites, and refuses a stale edit with 409', async () => {
    const list = json<{ items: { id: string }[]; total: number }>(await call('GET', '/api/v1/admin/sites'));
    expect(list.total).toBeGreaterThanOrEqual(3);
    const created = await call('POST', '/api/v1/admin/sites', { name: 'Riverside Primary Hub', shortName: `RPH${kind}`, urn: '123456', laCode: '801', establishmentNumber: '7001', phase: 'primary', kind: 'semh' });
    expect(created.statusCode).toBe(201);
    const site = json<{ id: string; version: number; allowed: string[] }>(created);
    expect(site.allowed).toContain('update');
    const edit1 = await call('PATCH', `/api/v1/admin/sites/${site.id}`, { name: 'Riverside Hub', version: site.version });
    expect(edit1.statusCode).toBe(200);
    const stale = await call('PATCH', `/api/v1/admin/sites/${site.id}`, { name: 'Someone else', version: site.version });
    expect(stale.statusCode).toBe(409);
    expect(json<Err>(stale).error.message).toMatch(/changed by someone else/);
    const dup = await call('POST', '/api/v1/admin/sites', { name: 'Dup', shortName: `RPH${kind}`, phase: 'primary', kind: 'semh' });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup.body)).toEqual(['shortName']);
  });

  it('creates a user with role assignments, adds and removes a role, deactivates them', async () => {
    const me = json<{ sites: { id: string }[] }>(await call('GET', '/api/v1/me'));
    const res = await call('POST', '/api/v1/admin/users', { email: `Teacher.${kind}@Example.org`, displayName: 'A Teacher', password: 'twelve chars at least', assignments: [{ role: 'staff', siteId: me.sites[0]!.id }] });
    expect(res.statusCode).toBe(201);
    let user = json<{ id: string; email: string; version: number; assignments: { id: string; role: string }[] }>(res);
    expect(user.email).toBe(`teacher.${kind}@example.org`);
    user = json(await call('POST', `/api/v1/admin/users/${user.id}/assignments`, { role: 'behaviour_lead', siteId: me.sites[1]!.id }));
    expect(user.assignments.map((a) => a.role).sort()).toEqual(['behaviour_lead', 'staff']);
    const again = await call('POST', `/api/v1/admin/users/${user.id}/assignments`, { role: 'behaviour_lead', siteId: me.sites[1]!.id });
    expect(again.statusCode).toBe(409);
    const lead = user.assignments.find((a) => a.role === 'behaviour_lead')!;
    user = json(await call('DELETE', `/api/v1/admin/users/${user.id}/assignments/${lead.id}`));
    expect(user.assignments.map((a) => a.role)).toEqual(['staff']);
    const off = await call('PATCH', `/api/v1/admin/users/${user.id}`, { active: false, version: user.version });
    expect(off.statusCode).toBe(200);
    const filtered = json<{ items: { id: string }[] }>(await call('GET', `/api/v1/admin/users?search=teacher.${kind}`));
    expect(filtered.items.map((u) => u.id)).toEqual([user.id]);
    const bySite = json<{ total: number }>(await call('GET', `/api/v1/admin/users?siteId=${me.sites[0]!.id}&role=staff`));
    expect(bySite.total).toBeGreaterThan(0);
  });

  it('refuses a duplicate email and a site from outside the trust, naming the field', async () => {
    const dup = await call('POST', '/api/v1/admin/users', { email: demoEmail('staff'), displayName: 'Dup', password: 'twelve chars at least' });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup.body)).toEqual(['email']);
    const badSite = await call('POST', '/api/v1/admin/users', { email: `x-${kind}@example.org`, displayName: 'X', password: 'twelve chars at least', assignments: [{ role: 'staff', siteId: '0190a6c4-0000-7000-8000-000000000000' }] });
    expect(badSite.statusCode).toBe(400);
    expect(fieldsOf(badSite.body)).toEqual(['assignments.0.siteId']);
  });

  it('answers malformed JSON, wrong types, unknown fields and oversized bodies with 400 naming the field, saving nothing', async () => {
    const usersBefore = await count('users');
    const auditBefore = await count('audit_entries');
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"email": "a@b.c",' });
    expect(malformed.statusCode).toBe(400);
    expect(fieldsOf(malformed.body)).toEqual(['body']);
    const wrongTypes = await call('POST', '/api/v1/admin/users', { email: 42, displayName: ['x'], password: true });
    expect(wrongTypes.statusCode).toBe(400);
    expect(fieldsOf(wrongTypes.body).sort()).toEqual(['displayName', 'email', 'password']);
    const unknown = await call('POST', '/api/v1/admin/users', { email: `u-${kind}@example.org`, displayName: 'U', password: 'twelve chars at least', isSuperuser: true });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['isSuperuser']);
    const big = await call('POST', '/api/v1/admin/users', { email: `b-${kind}@example.org`, displayName: 'B', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.statusCode).toBe(400);
    expect(fieldsOf(big.body)).toEqual(['body']);
    const badRole = await call('POST', '/api/v1/admin/users', { email: `r-${kind}@example.org`, displayName: 'R', password: 'twelve chars at least', assignments: [{ role: 'superuser', siteId: null }] });
    expect(badRole.statusCode).toBe(400);
    expect(fieldsOf(badRole.body)).toEqual(['assignments.0.role']);
    for (const r of [malformed, wrongTypes, unknown, big, badRole]) expect(r.body).not.toMatch(/\bat .+:\d+|insert into|select .* from|stack/i);
    expect(await count('users')).toBe(usersBefore);
    expect(await count('audit_entries')).toBe(auditBefore);
  });

  it('is all-or-nothing: a user whose second assignment fails is not half-created', async () => {
    const before = await count('users');
    const res = await call('POST', '/api/v1/admin/users', { email: `half-${kind}@example.org`, displayName: 'Half', password: 'twelve chars at least',
      assignments: [{ role: 'staff', siteId: null }, { role: 'staff', siteId: '0190a6c4-0000-7000-8000-000000000001' }] });
    expect(res.statusCode).toBe(400);
    expect(await count('users')).toBe(before);
  });

  it('refuses administration to everyone but trust administrators', async () => {
    for (const role of ['staff', 'head', 'dsl', 'cluster_lead', 'governor', 'parent']) {
      const s = await sessionFor(t, demoEmail(role));
      expect((await call('GET', '/api/v1/admin/users', undefined, s)).statusCode, role).toBe(403);
      expect((await call('POST', '/api/v1/admin/sites', { name: 'X', shortName: 'X', phase: 'primary', kind: 'ap' }, s)).statusCode, role).toBe(403);
    }
  });
});
