/**
 * Custom incident-form fields (POL-2): every save is a new immutable version (previous + 1); old versions stay
 * readable as they were; a site's own form replaces the trust form at that site; stale saves are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKinds, json, type Session, type TestContext, policyActors } from '../harness.ts';

interface Err { error: { code: string; message: string; fields?: { field: string; message: string }[] } }
const fieldsOf = (body: string) => (JSON.parse(body) as Err).error.fields?.map((f) => f.field) ?? [];
interface Field { key: string; label: string; type: string; options?: string[]; required: boolean; help?: string }
interface Version { id: string; siteId: string | null; version: number; fields: Field[]; createdBy: { id: string; name: string } | null }
interface Current { siteId: string | null; current: Version | null; inherited: boolean; history: { id: string; version: number; fieldCount: number }[]; allowed: string[] }

const FIELDS: Field[] = [
  { key: 'trigger', label: 'What triggered it?', type: 'choice', options: ['Noise', 'Change of routine', 'Peer'], required: true, help: 'Pick the closest' },
  { key: 'calm_space_used', label: 'Was the calm space used?', type: 'yes_no', required: false },
  { key: 'follow_up_on', label: 'Follow-up date', type: 'date', required: false },
  { key: 'notes_for_key_worker', label: 'Notes for the key worker', type: 'text', required: false },
];

describe.each(dbKinds())('custom incident form on %s', (kind) => {
  let t: TestContext;
  let admin: Session; let lead: Session; let staff: Session; let cluster: Session; let parent: Session;
  let site1: string; let site2: string;
  const call = (s: Session | null, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url, ...(s ? { headers: s.headers } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const current = async (s: Session, query: string) => {
    const res = await call(s, 'GET', `/api/v1/policy/form?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return json<Current>(res);
  };
  const latestVersion = (c: Current) => c.history[0]?.version ?? 0;

  beforeAll(async () => {
    t = await createTestContext(kind);
    ({ admin, lead, staff, cluster, parent, site1, site2 } = await policyActors(t));
  });
  afterAll(async () => { await t?.close(); });

  it('answers 401 without a session, 403 to roles without the permission or at another site', async () => {
    expect((await call(null, 'GET', `/api/v1/policy/form?siteId=${site1}`)).statusCode).toBe(401);
    expect((await call(null, 'PUT', '/api/v1/policy/form', { siteId: site1, fields: [] })).statusCode).toBe(401);
    expect((await call(parent, 'GET', `/api/v1/policy/form?siteId=${site1}`)).statusCode).toBe(403);
    expect((await call(staff, 'GET', `/api/v1/policy/form?siteId=${site2}`)).statusCode).toBe(403);
    expect((await call(staff, 'PUT', '/api/v1/policy/form', { siteId: site1, fields: FIELDS })).statusCode).toBe(403);
    expect((await call(lead, 'PUT', '/api/v1/policy/form', { siteId: site2, fields: FIELDS })).statusCode).toBe(403);
    expect((await call(lead, 'PUT', '/api/v1/policy/form', { siteId: null, fields: FIELDS })).statusCode).toBe(403);
    expect((await call(cluster, 'PUT', '/api/v1/policy/form', { siteId: null, fields: FIELDS })).statusCode).toBe(403);
  });

  it('refuses bad fields naming each, saving nothing', async () => {
    const before = Number((await t.database.query<{ n: number }>('select count(*)::int as n from incident_form_versions'))[0]!.n);
    const cases: [unknown[], string[]][] = [
      [[{ ...FIELDS[1], key: 'Calm' }], ['fields.0.key']],
      [[{ ...FIELDS[1], key: '9lives' }], ['fields.0.key']],
      [[FIELDS[1], FIELDS[1]], ['fields.1.key']],
      [[{ ...FIELDS[0], options: ['Only one'] }], ['fields.0.options']],
      [[{ ...FIELDS[0], options: undefined }], ['fields.0.options']],
      [[{ ...FIELDS[1], options: ['a', 'b'] }], ['fields.0.options']],
      [[{ ...FIELDS[1], type: 'number' }], ['fields.0.type']],
      [[{ ...FIELDS[1], label: '' }], ['fields.0.label']],
    ];
    for (const [fields, expected] of cases) {
      const res = await call(lead, 'PUT', '/api/v1/policy/form', { siteId: site1, fields });
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(fieldsOf(res.body), JSON.stringify(fields)).toEqual(expected);
    }
    const noSite = await call(lead, 'PUT', '/api/v1/policy/form', { fields: FIELDS });
    expect(noSite.statusCode).toBe(400);
    expect(fieldsOf(noSite.body)).toEqual(['siteId']);
    expect(Number((await t.database.query<{ n: number }>('select count(*)::int as n from incident_form_versions'))[0]!.n)).toBe(before);
  });

  it('creates a new version on every save (previous + 1) and never changes an old one', async () => {
    const start = await current(lead, `siteId=${site1}`);
    expect(start.allowed).toEqual(['edit']);
    const n = latestVersion(start);

    const v1res = await call(lead, 'PUT', '/api/v1/policy/form', { siteId: site1, fields: FIELDS, version: n });
    expect(v1res.statusCode, v1res.body).toBe(201);
    const v1 = json<Version>(v1res);
    expect(v1).toMatchObject({ siteId: site1, version: n + 1, createdBy: { name: expect.any(String) } });
    expect(v1.fields).toEqual(FIELDS);

    const v2res = await call(lead, 'PUT', '/api/v1/policy/form', { siteId: site1, fields: [FIELDS[1], { ...FIELDS[0], label: 'Trigger' }], version: n + 1 });
    expect(v2res.statusCode, v2res.body).toBe(201);
    const v2 = json<Version>(v2res);
    expect(v2.version).toBe(n + 2);

    // the old version is unchanged, and readable by staff at the site (an incident shows the fields it was made with)
    const old = await call(staff, 'GET', `/api/v1/policy/form/versions/${v1.id}`);
    expect(old.statusCode).toBe(200);
    expect(json<Version>(old)).toMatchObject({ id: v1.id, version: n + 1, fields: FIELDS });

    const now = await current(staff, `siteId=${site1}`);
    expect(now).toMatchObject({ current: { id: v2.id, version: n + 2 }, inherited: false, allowed: [] });
    expect(now.history.slice(0, 2).map((h) => h.version)).toEqual([n + 2, n + 1]);
    const eff = json<{ form: { id: string; version: number; fields: Field[] } }>(await call(staff, 'GET', `/api/v1/policy?siteId=${site1}`));
    expect(eff.form).toMatchObject({ id: v2.id, version: n + 2 });
    expect(eff.form.fields.map((f) => f.key)).toEqual(['calm_space_used', 'trigger']);

    // a save made from an older version is refused, not merged over the newer one
    const stale = await call(lead, 'PUT', '/api/v1/policy/form', { siteId: site1, fields: [], version: n + 1 });
    expect(stale.statusCode).toBe(409);
    expect(json<Err>(stale).error.message).toMatch(/changed by someone else/);

    // a save with no fields is a version too: the site then has no custom fields
    const empty = await call(lead, 'PUT', '/api/v1/policy/form', { siteId: site1, fields: [] });
    expect(json<Version>(empty)).toMatchObject({ version: n + 3, fields: [] });
    const audit = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'policy.form.version' and site_id = $1`, [site1]);
    expect(Number(audit[0]!.n)).toBeGreaterThanOrEqual(3);
  });

  it("uses the trust form at sites without their own, and a site's own form replaces it there", async () => {
    const trust = await current(admin, 'scope=trust');
    expect(trust.allowed).toEqual(['edit']);
    const saved = await call(admin, 'PUT', '/api/v1/policy/form', { siteId: null, fields: [FIELDS[2]], version: latestVersion(trust) });
    expect(saved.statusCode, saved.body).toBe(201);
    const trustVersion = json<Version>(saved);
    expect(trustVersion.siteId).toBeNull();

    // a new site has no form of its own: the trust form is in force there
    const site = await t.app.inject({ method: 'POST', url: '/api/v1/admin/sites', headers: admin.headers,
      payload: { name: 'New Campus', shortName: `NEW${kind}`, phase: 'secondary', kind: 'semh' } });
    expect(site.statusCode, site.body).toBe(201);
    const newSite = json<{ id: string }>(site).id;
    expect(await current(admin, `siteId=${newSite}`)).toMatchObject({ inherited: true, current: { id: trustVersion.id }, history: [] });
    expect(json<{ form: { id: string } }>(await call(admin, 'GET', `/api/v1/policy?siteId=${newSite}`)).form.id).toBe(trustVersion.id);
    // site 1 saved its own form above: the trust form does not replace it
    const at1 = await current(lead, `siteId=${site1}`);
    expect(at1.inherited).toBe(false);
    expect(at1.current?.siteId).toBe(site1);
    // everyone in the trust may read the trust-wide form's versions
    expect((await call(staff, 'GET', `/api/v1/policy/form/versions/${trustVersion.id}`)).statusCode).toBe(200);
    expect((await current(lead, 'scope=trust')).allowed).toEqual([]);
  });

  it("answers 404 for a version of a site the caller does not work at, and for an unknown id", async () => {
    const theirs = await call(cluster, 'PUT', '/api/v1/policy/form', { siteId: site2, fields: [FIELDS[3]] });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const id = json<Version>(theirs).id;
    expect((await call(staff, 'GET', `/api/v1/policy/form/versions/${id}`)).statusCode).toBe(404);
    expect((await call(cluster, 'GET', `/api/v1/policy/form/versions/${id}`)).statusCode).toBe(200);
    expect((await call(staff, 'GET', '/api/v1/policy/form/versions/0190a6c4-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await call(staff, 'GET', '/api/v1/policy/form/versions/not-an-id')).statusCode).toBe(400);
    expect((await call(null, 'GET', `/api/v1/policy/form/versions/${id}`)).statusCode).toBe(401);
  });
});
