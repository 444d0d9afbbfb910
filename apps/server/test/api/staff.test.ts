/** GET /api/v1/staff: names and job titles for pickers, only at the caller's sites. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type TestContext } from '../harness.ts';
import { sites } from '../../src/db/schema/platform.ts';

interface StaffList { items: { id: string; siteId: string; displayName: string; jobTitle: string }[]; total: number }

describe.each(dbKinds())('staff list on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t?.close(); });

  it("lists the staff of the caller's site only, with names and job titles", async () => {
    const s = await sessionFor(t, demoEmail('staff'));
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: s.headers });
    expect(res.statusCode).toBe(200);
    const body = json<StaffList>(res);
    expect(body.total).toBeGreaterThan(10);
    expect(new Set(body.items.map((i) => i.siteId)).size).toBe(1);
    expect(body.items.some((i) => i.displayName === 'Sam Okafor' && i.jobTitle === 'Teaching assistant')).toBe(true);
    const searched = json<StaffList>(await t.app.inject({ method: 'GET', url: '/api/v1/staff?search=okafor', headers: s.headers }));
    expect(searched.items.map((i) => i.displayName)).toEqual(['Sam Okafor']);
  });

  it('refuses another site, anonymous callers, roles without a data role, and bad input', async () => {
    const s = await sessionFor(t, demoEmail('staff'));
    const me = json<{ sites: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers }));
    const other = (await t.database.db.select({ id: sites.id }).from(sites)).map((r) => r.id).find((id) => id !== me.sites[0]!.id)!;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/staff?siteId=${other}`, headers: s.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/staff' })).statusCode).toBe(401);
    for (const role of ['governor', 'parent', 'agency', 'trust_admin']) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: (await sessionFor(t, demoEmail(role))).headers })).statusCode, role).toBe(403);
    }
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/staff?pageSize=0', headers: s.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('pageSize');
  });
});
