/**
 * Behaviour policy (POL-1): the effective policy of a site, and managing categories and the other lists. Trust-wide
 * entries only by a trust administrator; a site's only by its leads; staff read but do not manage; stale edits 409.
 * Written to hold whatever policy the demo seed ships (every code here is the test's own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKinds, json, type Session, type TestContext, policyActors } from '../harness.ts';

interface Err { error: { code: string; message: string; fields?: { field: string; message: string }[] } }
const fieldsOf = (body: string) => (JSON.parse(body) as Err).error.fields?.map((f) => f.field) ?? [];
interface Cat { id: string; siteId: string | null; code: string; name: string; polarity: string; points: number; active: boolean; version: number; overridden: boolean; allowed: string[] }
interface Opt { id: string; siteId: string | null; kind: string; code: string; label: string; details: Record<string, unknown>; version: number; allowed: string[] }
interface Effective {
  siteId: string; categories: { id: string; code: string; name: string; polarity: string; points: number; quickLog: boolean }[];
  locations: { code: string; label: string }[]; periods: { code: string; details: { start?: string; end?: string } }[];
  motivations: { code: string; label: string }[]; techniques: { code: string; details: { level?: string } }[];
  settings: Record<string, unknown> & { serious_severity: number }; form: unknown; allowed: string[];
}

describe.each(dbKinds())('behaviour policy on %s', (kind) => {
  let t: TestContext;
  let admin: Session; let lead: Session; let staff: Session; let cluster: Session; let parent: Session;
  let site1: string; let site2: string;
  const call = (s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({ method, url, ...(s ? { headers: s.headers } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const effective = async (s: Session, siteId: string) => {
    const res = await call(s, 'GET', `/api/v1/policy?siteId=${siteId}`);
    expect(res.statusCode, res.body).toBe(200);
    return json<Effective>(res);
  };
  const count = async (sql: string) => Number((await t.database.query<{ n: number }>(sql))[0]!.n);

  beforeAll(async () => {
    t = await createTestContext(kind);
    ({ admin, lead, staff, cluster, parent, site1, site2 } = await policyActors(t));
  });
  afterAll(async () => { await t?.close(); });

  describe('GET /api/v1/policy (the effective policy of a site)', () => {
    it('answers 401 without a session, 403 to a role without policy.read and at a site the caller does not work at', async () => {
      expect((await call(null, 'GET', `/api/v1/policy?siteId=${site1}`)).statusCode).toBe(401);
      expect((await call(parent, 'GET', `/api/v1/policy?siteId=${site1}`)).statusCode).toBe(403);
      expect((await call(staff, 'GET', `/api/v1/policy?siteId=${site2}`)).statusCode).toBe(403);
    });

    it('answers 400 naming siteId when it is malformed, or missing for someone at several sites', async () => {
      const bad = await call(staff, 'GET', '/api/v1/policy?siteId=nope');
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['siteId']);
      const missing = await call(cluster, 'GET', '/api/v1/policy');
      expect(missing.statusCode).toBe(400);
      expect(fieldsOf(missing.body)).toEqual(['siteId']);
    });

    it("lets staff read their site's policy (their only site by default) without the manage action; leads may manage", async () => {
      const mine = json<Effective>(await call(staff, 'GET', '/api/v1/policy'));
      expect(mine.siteId).toBe(site1);
      expect(mine.allowed).toEqual([]);
      expect((await effective(lead, site1)).allowed).toEqual(['manage']);
      expect((await effective(cluster, site2)).allowed).toEqual(['manage']);
    });

    it("falls back to SPEC's six motivations and a serious severity of 4 when none is configured", async () => {
      await t.database.query(`update policy_options set active = false where kind in ('motivation', 'setting')`);
      const p = await effective(staff, site1);
      expect(p.motivations.map((m) => m.label)).toEqual(['Obtain attention', 'Avoid task or demand', 'Obtain item or activity', 'Sensory', 'Avoid peer or adult', 'Unknown']);
      expect(p.settings.serious_severity).toBe(4);
      for (const list of [p.categories, p.locations, p.periods, p.techniques]) expect(Array.isArray(list)).toBe(true);
    });
  });

  describe('categories', () => {
    const url = '/api/v1/policy/categories';
    const body = (over: Record<string, unknown> = {}) => ({ siteId: null, code: `T_${kind.toUpperCase()}_A`, name: 'Test disruption', polarity: 'negative', severity: 1, points: -1, ...over });

    it('answers 401 without a session and 403 to staff (they read, they do not manage)', async () => {
      expect((await call(null, 'GET', `${url}?siteId=${site1}`)).statusCode).toBe(401);
      expect((await call(null, 'POST', url, body())).statusCode).toBe(401);
      expect((await call(staff, 'GET', `${url}?siteId=${site1}`)).statusCode).toBe(403);
      expect((await call(staff, 'POST', url, body({ siteId: site1 }))).statusCode).toBe(403);
    });

    it('lists by site (for its leads) or for the trust, and asks for one of them', async () => {
      expect((await call(lead, 'GET', `${url}?siteId=${site2}`)).statusCode).toBe(403);
      const none = await call(lead, 'GET', url);
      expect(none.statusCode).toBe(400);
      expect(fieldsOf(none.body)).toEqual(['siteId']);
      expect(json<{ allowed: string[] }>(await call(lead, 'GET', `${url}?scope=trust`)).allowed).toEqual([]);
      expect(json<{ allowed: string[] }>(await call(admin, 'GET', `${url}?scope=trust`)).allowed).toEqual(['create']);
      expect(json<{ allowed: string[] }>(await call(lead, 'GET', `${url}?siteId=${site1}`)).allowed).toEqual(['create']);
    });

    it('lets only a trust administrator add trust-wide categories; a lead adds them for their own site only', async () => {
      expect((await call(lead, 'POST', url, body())).statusCode).toBe(403);
      expect((await call(cluster, 'POST', url, body())).statusCode).toBe(403);
      expect((await call(lead, 'POST', url, body({ siteId: site2 }))).statusCode).toBe(403);
      const created = await call(admin, 'POST', url, body());
      expect(created.statusCode, created.body).toBe(201);
      const cat = json<Cat>(created);
      expect(cat).toMatchObject({ siteId: null, code: `T_${kind.toUpperCase()}_A`, version: 1, active: true, allowed: ['edit'] });
      const own = await call(lead, 'POST', url, body({ siteId: site1, code: `T_${kind.toUpperCase()}_B`, name: 'Test helpful', polarity: 'positive', severity: 0, points: 2 }));
      expect(own.statusCode, own.body).toBe(201);
      expect(await count(`select count(*)::int as n from audit_entries where action = 'policy.category.create' and entity_id in ('${cat.id}', '${json<Cat>(own).id}')`)).toBe(2);
    });

    it('refuses bad input naming the field, saving nothing', async () => {
      const before = await count('select count(*)::int as n from behaviour_categories');
      const cases: [Record<string, unknown>, string][] = [
        [{ code: 'bad code' }, 'code'],
        [{ code: 'lower_case' }, 'code'],
        [{ code: 'X'.repeat(31) }, 'code'],
        [{ polarity: 'awful' }, 'polarity'],
        [{ severity: 6 }, 'severity'],
        [{ severity: -1 }, 'severity'],
        [{ points: -101 }, 'points'],
        [{ points: 3 }, 'points'],
        [{ polarity: 'positive', points: -2 }, 'points'],
        [{ polarity: 'neutral', points: 1 }, 'points'],
        [{ name: '' }, 'name'],
        [{ superuser: true }, 'superuser'],
      ];
      for (const [over, field] of cases) {
        const res = await call(lead, 'POST', url, body({ siteId: site1, code: `T_${kind.toUpperCase()}_BAD`, ...over }));
        expect(res.statusCode, JSON.stringify(over)).toBe(400);
        expect(fieldsOf(res.body), JSON.stringify(over)).toEqual([field]);
      }
      expect(await count('select count(*)::int as n from behaviour_categories')).toBe(before);
    });

    it('refuses a code already used in the same scope (409, naming code), but lets a site override a trust code', async () => {
      const code = `T_${kind.toUpperCase()}_DUP`;
      expect((await call(admin, 'POST', url, body({ code }))).statusCode).toBe(201);
      const dup = await call(admin, 'POST', url, body({ code, name: 'Again' }));
      expect(dup.statusCode).toBe(409);
      expect(fieldsOf(dup.body)).toEqual(['code']);
      const override = await call(lead, 'POST', url, body({ siteId: site1, code, name: 'Site 1 version', points: -2 }));
      expect(override.statusCode, override.body).toBe(201);
      expect((await call(lead, 'POST', url, body({ siteId: site1, code, name: 'Twice' }))).statusCode).toBe(409);

      // at site 1 the override is in force; at site 2 the trust entry; the trust entry is marked overridden at site 1
      expect((await effective(staff, site1)).categories.filter((c) => c.code === code)).toMatchObject([{ name: 'Site 1 version', points: -2 }]);
      expect((await effective(cluster, site2)).categories.filter((c) => c.code === code)).toMatchObject([{ name: 'Test disruption', points: -1 }]);
      const listed = json<{ items: Cat[] }>(await call(lead, 'GET', `${url}?siteId=${site1}`)).items.filter((c) => c.code === code);
      expect(listed.map((c) => [c.siteId === null ? 'trust' : 'site', c.overridden, c.allowed])).toEqual(expect.arrayContaining([['trust', true, []], ['site', false, ['edit']]]));
    });

    it('lets a site override a lower-case trust code exactly (seeded data), but a new code must be in capitals', async () => {
      await t.database.query(`insert into behaviour_categories (id, trust_id, site_id, code, name, polarity, severity, points)
        select gen_random_uuid(), trust_id, null, 'seeded_${kind}', 'Seeded', 'negative', 1, -1 from sites where id = $1`, [site1]);
      expect((await call(lead, 'POST', url, body({ siteId: site1, code: `seeded_${kind}` }))).statusCode).toBe(201);
      expect(fieldsOf((await call(lead, 'POST', url, body({ siteId: site1, code: `unseeded_${kind}` }))).body)).toEqual(['code']);
    });

    it('changes a category with its version, refuses a stale version with 409, and deactivates instead of deleting', async () => {
      const code = `T_${kind.toUpperCase()}_EDIT`;
      const cat = json<Cat>(await call(lead, 'POST', url, body({ siteId: site1, code })));
      const edited = await call(lead, 'PATCH', `${url}/${cat.id}`, { name: 'Renamed', points: -3, version: cat.version });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(json<Cat>(edited)).toMatchObject({ name: 'Renamed', points: -3, version: 2 });
      const stale = await call(lead, 'PATCH', `${url}/${cat.id}`, { name: 'Someone else', version: cat.version });
      expect(stale.statusCode).toBe(409);
      expect(json<Err>(stale).error.message).toMatch(/changed by someone else/);
      const wrongSign = await call(lead, 'PATCH', `${url}/${cat.id}`, { polarity: 'positive', version: 2 });
      expect(wrongSign.statusCode).toBe(400);
      expect(fieldsOf(wrongSign.body)).toEqual(['points']);
      const recode = await call(lead, 'PATCH', `${url}/${cat.id}`, { code: 'NEW', version: 2 });
      expect(recode.statusCode).toBe(400);
      expect(fieldsOf(recode.body)).toEqual(['code']);
      expect((await effective(staff, site1)).categories.some((c) => c.code === code)).toBe(true);
      const off = await call(lead, 'PATCH', `${url}/${cat.id}`, { active: false, version: 2 });
      expect(off.statusCode).toBe(200);
      expect((await effective(staff, site1)).categories.some((c) => c.code === code)).toBe(false);
      expect(await count(`select count(*)::int as n from behaviour_categories where id = '${cat.id}'`)).toBe(1);
      expect(await count(`select count(*)::int as n from audit_entries where action = 'policy.category.update' and entity_id = '${cat.id}'`)).toBe(2);
    });

    it("refuses a lead's change to another site's category (404) or to a trust-wide one (403); 404 for an unknown id", async () => {
      const other = json<Cat>(await call(cluster, 'POST', url, body({ siteId: site2, code: `T_${kind.toUpperCase()}_S2` })));
      expect((await call(lead, 'PATCH', `${url}/${other.id}`, { name: 'Mine now', version: 1 })).statusCode).toBe(404);
      const trustCat = json<Cat>(await call(admin, 'POST', url, body({ code: `T_${kind.toUpperCase()}_TR` })));
      expect((await call(lead, 'PATCH', `${url}/${trustCat.id}`, { name: 'Mine now', version: 1 })).statusCode).toBe(403);
      expect((await call(staff, 'PATCH', `${url}/${trustCat.id}`, { name: 'Mine now', version: 1 })).statusCode).toBe(403);
      expect((await call(lead, 'PATCH', `${url}/0190a6c4-0000-7000-8000-000000000000`, { name: 'X', version: 1 })).statusCode).toBe(404);
      expect((await call(admin, 'PATCH', `${url}/${other.id}`, { name: 'Trust admin may', version: 1 })).statusCode).toBe(200);
    });
  });

  describe('other lists (options)', () => {
    const url = '/api/v1/policy/options';
    const opt = (over: Record<string, unknown> = {}) => ({ kind: 'location', siteId: site1, code: `L_${kind.toUpperCase()}_HALL`, label: 'Test hall', ...over });

    it('answers 401, 403 to staff and for another site, and 400 naming kind when it is missing', async () => {
      expect((await call(null, 'GET', `${url}?kind=location&siteId=${site1}`)).statusCode).toBe(401);
      expect((await call(staff, 'GET', `${url}?kind=location&siteId=${site1}`)).statusCode).toBe(403);
      expect((await call(staff, 'POST', url, opt())).statusCode).toBe(403);
      expect((await call(lead, 'GET', `${url}?kind=location&siteId=${site2}`)).statusCode).toBe(403);
      expect((await call(lead, 'POST', url, opt({ siteId: site2 }))).statusCode).toBe(403);
      expect((await call(lead, 'POST', url, opt({ siteId: null }))).statusCode).toBe(403);
      const noKind = await call(lead, 'GET', `${url}?siteId=${site1}`);
      expect(noKind.statusCode).toBe(400);
      expect(fieldsOf(noKind.body)).toEqual(['kind']);
    });

    it('adds locations, periods (times checked), holds (with level) and settings, shown in the effective policy', async () => {
      const k = kind.toUpperCase();
      expect((await call(lead, 'POST', url, opt())).statusCode).toBe(201);
      const period = await call(lead, 'POST', url, opt({ kind: 'period', code: `P_${k}_1`, label: 'Test period 1', details: { start: '09:00', end: '09:55' }, sortOrder: 1 }));
      expect(period.statusCode, period.body).toBe(201);
      const hold = await call(admin, 'POST', url, opt({ kind: 'technique', siteId: null, code: `H_${k}_GUIDE`, label: 'Test guide', details: { level: 'Level 1' } }));
      expect(hold.statusCode, hold.body).toBe(201);
      const setting = await call(lead, 'POST', url, opt({ kind: 'setting', code: 'SERIOUS_SEVERITY', label: 'Serious from', details: { value: 3 } }));
      expect(setting.statusCode, setting.body).toBe(201);
      // the same code may be used by another kind
      expect((await call(lead, 'POST', url, opt({ kind: 'action', code: `L_${k}_HALL`, label: 'Sent to the hall' }))).statusCode).toBe(201);

      const p = await effective(staff, site1);
      expect(p.locations.some((l) => l.code === `L_${k}_HALL`)).toBe(true);
      expect(p.periods.find((x) => x.code === `P_${k}_1`)?.details).toEqual({ start: '09:00', end: '09:55' });
      expect(p.techniques.find((x) => x.code === `H_${k}_GUIDE`)?.details).toEqual({ level: 'Level 1' });
      expect(p.settings.serious_severity).toBe(3);
      // a trust-wide value written in lower case (as seeded) applies elsewhere, but the site's own value wins here
      // (listed after the site's entry, so the site's must win on purpose, not by order)
      await t.database.query(`insert into policy_options (id, trust_id, site_id, kind, code, label, details, sort_order)
        select gen_random_uuid(), trust_id, null, 'setting', 'serious_severity', 'Serious', '{"value": 5}'::jsonb, 9 from sites where id = $1`, [site1]);
      expect((await effective(staff, site1)).settings.serious_severity).toBe(3);
      expect((await effective(cluster, site2)).settings.serious_severity).toBe(5);
      expect((await effective(cluster, site2)).techniques.some((x) => x.code === `H_${k}_GUIDE`)).toBe(true);
      expect((await effective(cluster, site2)).locations.some((x) => x.code === `L_${k}_HALL`)).toBe(false);
    });

    it('refuses bad details naming the field, and a duplicate code of the same kind with 409', async () => {
      const k = kind.toUpperCase();
      const cases: [Record<string, unknown>, string[]][] = [
        [{ kind: 'period', code: `P_${k}_X`, details: { start: '10:00', end: '09:00' } }, ['details.end']],
        [{ kind: 'period', code: `P_${k}_X`, details: { start: '9am', end: '10:00' } }, ['details.start']],
        [{ kind: 'period', code: `P_${k}_X`, details: {} }, ['details.end', 'details.start']],
        [{ kind: 'setting', code: 'SERIOUS_SEVERITY', details: { value: 9 } }, ['details.value']],
        [{ kind: 'room' }, ['kind']],
        [{ label: '   ' }, ['label']],
      ];
      for (const [over, fields] of cases) {
        const res = await call(lead, 'POST', url, opt({ code: `L_${k}_BAD`, ...over }));
        expect(res.statusCode, JSON.stringify(over)).toBe(400);
        expect(fieldsOf(res.body).sort(), JSON.stringify(over)).toEqual(fields);
      }
      // the location added by the previous test
      const again = await call(lead, 'POST', url, opt({ label: 'Again' }));
      expect(again.statusCode).toBe(409);
      expect(fieldsOf(again.body)).toEqual(['code']);
    });

    it('changes an option with its version (409 when stale), checks changed period times, and keeps other sites out', async () => {
      const k = kind.toUpperCase();
      const p = json<Opt>(await call(lead, 'POST', url, opt({ kind: 'period', code: `P_${k}_EDIT`, label: 'Period E', details: { start: '13:00', end: '13:50' } })));
      const edited = await call(lead, 'PATCH', `${url}/${p.id}`, { details: { start: '13:10', end: '14:00' }, version: p.version });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(json<Opt>(edited).details).toEqual({ start: '13:10', end: '14:00' });
      expect((await call(lead, 'PATCH', `${url}/${p.id}`, { label: 'Stale', version: p.version })).statusCode).toBe(409);
      const bad = await call(lead, 'PATCH', `${url}/${p.id}`, { details: { start: '15:00', end: '14:00' }, version: 2 });
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['details.end']);
      const theirs = json<Opt>(await call(cluster, 'POST', url, opt({ siteId: site2, code: `L_${k}_S2` })));
      expect((await call(lead, 'PATCH', `${url}/${theirs.id}`, { label: 'Mine', version: 1 })).statusCode).toBe(404);
      const off = await call(lead, 'PATCH', `${url}/${p.id}`, { active: false, version: 2 });
      expect(off.statusCode).toBe(200);
      expect((await effective(staff, site1)).periods.some((x) => x.code === `P_${k}_EDIT`)).toBe(false);
    });
  });
});
