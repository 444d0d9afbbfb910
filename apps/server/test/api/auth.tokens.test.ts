/**
 * Issue 11 #14 through the API: a token's scope (read-only, or named areas it may change), an expiry of at most a
 * year, no token management with a token, and a token that dies with its owner's deactivation for good.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { apiTokens, users } from '../../src/db/schema/users.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { addCategory, demoSites, pupilsAt } from './behaviour.fixtures.ts';

interface Created { id: string; token: string; expiresAt: string; writeAreas: string[] }
interface ErrorBody { error: { code: string; message: string; fields?: { field: string; message: string }[] } }

describe.each(dbKinds())('API tokens on %s', (kind) => {
  let t: TestContext;
  let lead: Session;
  let admin: Session;
  let pupilId: string;
  const create = (who: Session, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/me/api-tokens', headers: who.headers, payload });
  const make = async (who: Session, payload: Record<string, unknown>) => {
    const res = await create(who, { name: 'Integration', ...payload });
    expect(res.statusCode, res.body).toBe(201);
    return json<Created>(res);
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const logPoint = (token: string) => t.app.inject({ method: 'POST', url: '/api/v1/behaviour-events', headers: bearer(token), payload: { pupilIds: [pupilId], categoryCode: 'TK_KIND' } });

  beforeAll(async () => {
    t = await createTestContext(kind);
    const s = await demoSites(t);
    [lead, admin] = await Promise.all([sessionFor(t, demoEmail('behaviour_lead')), sessionFor(t, demoEmail('trust_admin'))]);
    pupilId = (await pupilsAt(t, s.site1, 1))[0]!;
    await addCategory(t, s.trustId, { code: 'TK_KIND', name: 'Kindness', polarity: 'positive', points: 1 });
  });
  afterAll(async () => { await t?.close(); });

  it('a read-only token (the default) reads what its owner may read and changes nothing', async () => {
    const tok = await make(lead, { expiresInDays: 30 });
    expect(tok.writeAreas).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/pupils', headers: bearer(tok.token) })).statusCode).toBe(200);
    const write = await logPoint(tok.token);
    expect(write.statusCode).toBe(403);
    expect(json<ErrorBody>(write).error.code).toBe('token_scope');
    expect(json<ErrorBody>(write).error.message).toMatch(/read-only/);
  });

  it('a token naming an area changes things there and nowhere else, and still only where its owner may', async () => {
    const tok = await make(lead, { expiresInDays: 30, writeAreas: ['behaviour'] });
    expect(tok.writeAreas).toEqual(['behaviour']);
    expect((await logPoint(tok.token)).statusCode).toBe(201);
    const raise = await t.app.inject({ method: 'POST', url: '/api/v1/safeguarding-concerns', headers: bearer(tok.token), payload: {} });
    expect(raise.statusCode).toBe(403);
    expect(json<ErrorBody>(raise).error.message).toMatch(/safeguarding/i);
    // the behaviour lead cannot manage users, and an administration token does not change that
    const adminArea = await make(lead, { expiresInDays: 30, writeAreas: ['administration'] });
    const u = await t.app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: bearer(adminArea.token), payload: {} });
    expect(u.statusCode).toBe(403);
    expect(json<ErrorBody>(u).error.code).not.toBe('token_scope');
  });

  it('lasts at most a year: a longer expiry is refused naming the field, and no expiry means 90 days', async () => {
    for (const expiresInDays of [366, 730, 0, 1.5]) {
      const res = await create(lead, { name: 'Too long', expiresInDays });
      expect(res.statusCode, String(expiresInDays)).toBe(400);
      expect(json<ErrorBody>(res).error.fields!.map((f) => f.field)).toEqual(['expiresInDays']);
    }
    const year = await make(lead, { expiresInDays: 365 });
    expect(Date.parse(year.expiresAt) - Date.now()).toBeGreaterThan(364 * 86_400_000);
    const dflt = await make(lead, {});
    expect(Math.round((Date.parse(dflt.expiresAt) - Date.now()) / 86_400_000)).toBe(90);
    const area = await create(lead, { name: 'Bad area', writeAreas: ['everything'] });
    expect(area.statusCode).toBe(400);
    expect(json<ErrorBody>(area).error.fields![0]!.field).toMatch(/^writeAreas/);
    const nothingSaved = await t.database.db.select().from(apiTokens).where(eq(apiTokens.name, 'Too long'));
    expect(nothingSaved).toHaveLength(0);
  });

  it('a token stops at its expiry, and one without an expiry is never accepted', async () => {
    const tok = await make(lead, { expiresInDays: 1 });
    await t.database.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, tok.id));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/pupils', headers: bearer(tok.token) })).statusCode).toBe(401);
    await t.database.db.update(apiTokens).set({ expiresAt: null }).where(eq(apiTokens.id, tok.id));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/pupils', headers: bearer(tok.token) })).statusCode).toBe(401);
  });

  it('cannot create, list or revoke tokens, or sign anyone out, whatever its scope', async () => {
    const tok = await make(lead, { expiresInDays: 30, writeAreas: ['pupils', 'behaviour', 'safeguarding', 'sanctions', 'exclusions', 'communications', 'reports', 'policy', 'administration'] });
    for (const [method, url] of [['GET', '/api/v1/me/api-tokens'], ['POST', '/api/v1/me/api-tokens'], ['DELETE', `/api/v1/me/api-tokens/${tok.id}`],
      ['POST', '/api/v1/auth/logout'], ['POST', '/api/v1/auth/logout-all']] as const) {
      const res = await t.app.inject({ method, url, headers: bearer(tok.token), payload: method === 'GET' ? undefined : { name: 'Child token', expiresInDays: 30 } });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(json<ErrorBody>(res).error.code).toBe('token_scope');
    }
    expect(await t.database.db.select().from(apiTokens).where(eq(apiTokens.name, 'Child token'))).toHaveLength(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(tok.token) })).statusCode).toBe(200);
  });

  it('dies with its owner\'s deactivation: revoked, and reactivating the account does not bring it back', async () => {
    const owner = await sessionFor(t, demoEmail('senco'));
    const tok = await make(owner, { expiresInDays: 30 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/pupils', headers: bearer(tok.token) })).statusCode).toBe(200);
    const patch = async (body: Record<string, unknown>) => {
      const u = (await t.database.db.select().from(users).where(eq(users.id, owner.userId)))[0]!;
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${u.id}`, headers: admin.headers, payload: { ...body, version: u.version } });
      expect(res.statusCode, res.body).toBe(200);
    };
    await patch({ active: false });
    const row = (await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, tok.id)))[0]!;
    expect(row.revokedAt).not.toBeNull();
    const entry = (await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, owner.userId)))
      .find((e) => e.action === 'user.update' && (e.details as { apiTokensRevoked?: number }).apiTokensRevoked === 1);
    expect(entry).toBeDefined();
    await patch({ active: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/pupils', headers: bearer(tok.token) })).statusCode).toBe(401);
  });

  it('is revoked by the database too when an account is deactivated some other way', async () => {
    const owner = await sessionFor(t, demoEmail('slt'));
    const tok = await make(owner, { expiresInDays: 30 });
    await t.database.db.update(users).set({ active: false }).where(eq(users.id, owner.userId));
    await t.database.db.update(users).set({ active: true }).where(eq(users.id, owner.userId));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/pupils', headers: bearer(tok.token) })).statusCode).toBe(401);
    expect((await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, tok.id)))[0]!.revokedAt).not.toBeNull();
  });

  it('lists the scope of each token to its owner, and refuses anonymous callers', async () => {
    const list = json<{ items: { writeAreas: string[] }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/me/api-tokens', headers: lead.headers }));
    expect(list.items.some((i) => i.writeAreas.includes('behaviour'))).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/api-tokens' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/api-tokens', payload: { name: 'x' } })).statusCode).toBe(401);
  });
});
