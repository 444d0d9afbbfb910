/**
 * Issue 11 #15: the audit viewer leaves no trace of sealed safeguarding records for anyone but the DSLs of their
 * site — not in the list, its filters and counts, nor its CSV/XLSX files — and the chain still verifies end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { verifyAuditChain } from '../../src/core/audit/verify.ts';
import { parseCsv } from '../../src/core/export/csv.ts';
import { readXlsx } from '../../src/core/export/xlsx.ts';
import { demoSites, pupilsAt, type DemoSites } from './behaviour.fixtures.ts';
import { addUserWith } from './safeguarding.fixtures.ts';

interface Entry { seq: number; action: string; entityType: string; entityId: string | null; siteId: string | null; details: Record<string, unknown> }
interface Page { items: Entry[]; total: number }

const sealedish = (e: Pick<Entry, 'action' | 'entityType' | 'details'>) =>
  e.action.startsWith('safeguarding.') || e.entityType === 'safeguarding_concern' || e.details?.sealed === true
  || String(e.details?.kind ?? '').startsWith('safeguarding.');

describe.each(dbKinds())('sealed entries in the audit viewer on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let admin: Session; let dsl: Session; let head: Session; let dsl2: Session; let adminDsl: Session;
  let concernId: string; let pupilId: string;
  const get = (url: string, who: Session) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const page = async (url: string, who: Session) => { const r = await get(url, who); expect(r.statusCode, r.body).toBe(200); return json<Page>(r); };
  const everything = async (who: Session, query = '') => page(`/api/v1/audit?pageSize=200${query}`, who);

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [admin, dsl, head] = await Promise.all([sessionFor(t, demoEmail('trust_admin')), sessionFor(t, demoEmail('dsl')), sessionFor(t, demoEmail('head'))]);
    dsl2 = await sessionFor(t, (await addUserWith(t, s.trustId, [{ role: 'dsl', siteId: s.site2 }], 'dsl-site2')).email);
    adminDsl = await sessionFor(t, (await addUserWith(t, s.trustId, [{ role: 'trust_admin', siteId: null }, { role: 'dsl', siteId: s.site1 }], 'admin-dsl')).email);
    pupilId = (await pupilsAt(t, s.site1, 1))[0]!;
    const staff = await sessionFor(t, demoEmail('staff'));
    const raised = await t.app.inject({ method: 'POST', url: '/api/v1/safeguarding-concerns', headers: staff.headers,
      payload: { pupilIds: [pupilId], category: 'physical', concern: 'Bruising seen on the forearm at break.' } });
    expect(raised.statusCode, raised.body).toBe(201);
    concernId = json<{ id: string }>(raised).id;
    expect((await get(`/api/v1/safeguarding-concerns/${concernId}`, dsl)).statusCode).toBe(200);
    expect((await get(`/api/v1/pupils/${pupilId}/safeguarding-chronology`, dsl)).statusCode).toBe(200);
  });
  afterAll(async () => { await t?.close(); });

  it('a trust administrator sees no entry about a concern or a safeguarding chronology, by any filter, count or file', async () => {
    const all = await everything(admin);
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.filter(sealedish)).toEqual([]);
    for (const q of [`&entityId=${concernId}`, '&entityType=safeguarding_concern', '&action=safeguarding.concern.raise',
      '&action=safeguarding.chronology.read', `&entityId=${pupilId}&action=safeguarding.chronology.read`, `&siteId=${s.site1}&entityType=safeguarding_concern`]) {
      const p = await page(`/api/v1/audit?pageSize=50${q}`, admin);
      expect(p.total, q).toBe(0);
      expect(p.items, q).toEqual([]);
    }
    // from yesterday: the entries written a moment ago fall inside it even when midnight has passed since
    const since = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const sameFilter = await page(`/api/v1/audit?pageSize=1&from=${since}`, admin);
    const res = await get(`/api/v1/audit?format=csv&from=${since}`, admin);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const csv = parseCsv(res.body);
    const header = csv[0]!;
    const [action, type, details] = ['Action', 'Record type', 'Details'].map((h) => header.indexOf(h));
    expect(csv.length - 1).toBe(sameFilter.total);
    expect(sameFilter.total).toBeGreaterThan(0);
    for (const r of csv.slice(1)) expect(sealedish({ action: r[action!]!, entityType: r[type!]!, details: JSON.parse(r[details!] || '{}') as Record<string, unknown> }), r.join(',')).toBe(false);
    expect(csv.some((r) => r.join(',').includes(concernId))).toBe(false);
    const book = await readXlsx((await get(`/api/v1/audit?format=xlsx&entityId=${concernId}`, admin)).rawPayload);
    expect(book.rows.length).toBe(1);
  });

  it("the site's DSL sees those entries (and only sealed ones); a DSL of another site and a head do not", async () => {
    const mine = await everything(dsl);
    const actions = mine.items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['safeguarding.concern.raise', 'safeguarding.concern.read', 'safeguarding.chronology.read']));
    expect(mine.items.every((e) => sealedish(e) && e.siteId === s.site1)).toBe(true);
    expect(mine.total).toBe(mine.items.length);
    expect((await page(`/api/v1/audit?entityId=${concernId}`, dsl)).total).toBe(2);
    const other = await page(`/api/v1/audit?entityId=${concernId}`, dsl2);
    expect(other.total).toBe(0);
    expect((await get('/api/v1/audit', head)).statusCode).toBe(403);
    expect((await get('/api/v1/audit?format=csv', head)).statusCode).toBe(403);
  });

  it('a trust administrator who is also DSL of the site sees both kinds', async () => {
    const both = await everything(adminDsl, `&siteId=${s.site1}`);
    expect(both.items.some(sealedish)).toBe(true);
    expect((await page(`/api/v1/audit?entityId=${concernId}`, adminDsl)).total).toBe(2);
    expect((await page('/api/v1/audit?pageSize=1&action=site.create', adminDsl)).total)
      .toBe((await page('/api/v1/audit?pageSize=1&action=site.create', admin)).total);
  });

  it("a DSL's file of sealed entries is itself sealed, and the chain verifies end to end", async () => {
    const before = (await page('/api/v1/audit?action=export&entityType=audit-log', admin)).total;
    const file = await get(`/api/v1/audit?format=csv&entityId=${concernId}`, dsl);
    expect(file.statusCode).toBe(200);
    expect(parseCsv(file.body).length - 1).toBe(2);
    expect((await page('/api/v1/audit?action=export&entityType=audit-log', admin)).total).toBe(before);
    const theirs = await page('/api/v1/audit?action=export&entityType=audit-log', dsl);
    expect(theirs.items[0]!.details).toMatchObject({ sealed: true, rows: 2 });
    const chain = await verifyAuditChain(t.database);
    expect(chain.problems).toEqual([]);
    expect(chain.count).toBeGreaterThan(0);
  });

  it('refuses anonymous callers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });
});
