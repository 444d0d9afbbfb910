/**
 * The role × endpoint matrix (PLT-2): for EVERY registered API route and every role of SPEC §1, a role that does not
 * hold the route's permission is refused with 403, and an anonymous caller with 401. New routes are covered
 * automatically, because the matrix is built from the app's own route table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, sessionFor, type TestContext } from '../harness.ts';
import { holdsAnywhere, type Actor } from '../../src/core/policy/policy.ts';
import { PERMISSIONS } from '../../src/core/policy/permissions.ts';
import { routePermissions } from '../../src/core/http/context.ts';

const SOME_ID = '0190a6c4-0000-7000-8000-000000000000';
const fill = (url: string) => url.replace(/:[A-Za-z]+/g, SOME_ID);

describe.each(dbKinds())('role × endpoint matrix on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t?.close(); });

  it('every API route declares its access', () => {
    const api = t.app.routeAccess.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(15);
    for (const r of api) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('refuses anonymous callers with 401 on every non-public route', async () => {
    for (const r of t.app.routeAccess) {
      if (!r.url.startsWith('/api/') || r.access?.auth === 'public') continue;
      const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url), payload: r.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('refuses every role that lacks the permission with 403, and lets every role that holds it past the gate', async () => {
    let checked = 0;
    for (const role of ROLES) {
      // one session per role: a new session per route made this test slow as routes were added
      const s = await sessionFor(t, demoEmail(role));
      for (const r of t.app.routeAccess) {
        if (!r.url.startsWith('/api/') || r.access?.auth !== 'permission') continue;
        const accepted = routePermissions(r.access);
        // what the demo account holds: its role at one site (or trust-wide for trust_admin)
        const probe: Actor = { kind: 'user', userId: s.userId, trustId: 't', email: '', displayName: '', via: 'session',
          assignments: [{ id: 'a', role, siteId: role === 'trust_admin' ? null : 's' }], trustSiteIds: ['s'] };
        const expectAllowed = accepted.some((p) => holdsAnywhere(probe, p));
        expect(expectAllowed, `${role} vs ${accepted.join(' | ')}`).toBe(accepted.some((p) => (PERMISSIONS[p].roles as readonly string[]).includes(role)));
        const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url), headers: s.headers, payload: r.method === 'GET' ? undefined : {} });
        if (expectAllowed) expect([401, 403], `${role} ${r.method} ${r.url} → ${res.statusCode}`).not.toContain(res.statusCode);
        else expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, 180_000);
});
