/**
 * ?format=csv|xlsx on the incident list, the review queue, the pupil list and the audit log: same authorisation and
 * scope as the JSON list, whole list in one file, formula injection neutralised, every export audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { pupils } from '../../src/db/schema/pupils.ts';
import { parseCsv } from '../../src/core/export/csv.ts';
import { readXlsx } from '../../src/core/export/xlsx.ts';
import { demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { fieldsOf, type ErrorBody } from './incidents.fixtures.ts';

describe.each(dbKinds())('exports on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let as: Record<string, Session>;
  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    as = {};
    for (const role of ['staff', 'behaviour_lead', 'governor', 'parent', 'trust_admin', 'cluster_lead', 'head']) as[role] = await sessionFor(t, demoEmail(role));
  });
  afterAll(async () => { await t.close(); });

  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  const lastExport = async () => (await t.database.db.select().from(auditEntries).where(eq(auditEntries.action, 'export')).orderBy(desc(auditEntries.seq)).limit(1))[0];

  it('401 without a session, on every exportable list', async () => {
    for (const url of ['/api/v1/incidents', '/api/v1/review-queue', '/api/v1/pupils', '/api/v1/audit']) {
      expect((await get(`${url}?format=csv`)).statusCode).toBe(401);
    }
  });

  it('400 for an unknown format, naming the field', async () => {
    const res = await get('/api/v1/incidents?format=pdf', as.behaviour_lead);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(res))).toEqual(['format']);
  });

  it('incidents as CSV: the whole scoped list, attachment, BOM, audited', async () => {
    const list = json<{ total: number; items: { id: string }[] }>(await get(`/api/v1/incidents?siteId=${s.site1}&pageSize=200`, as.behaviour_lead));
    const res = await get(`/api/v1/incidents?siteId=${s.site1}&format=csv`, as.behaviour_lead);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="haven-incidents-\d{4}-\d\d-\d\d\.csv"$/);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual(['Happened', 'Site', 'Pupils', 'Status', 'Voided', 'Severity', 'Categories', 'Location', 'Lesson or period', 'What happened before',
      'What happened', 'What happened after', 'Perceived motivation', 'Actions taken', 'Staff involved', 'Physical intervention', 'Recorded by', 'Last changed', 'Record id']);
    expect(rows.length - 1).toBe(list.total);
    expect(new Set(rows.slice(1).map((r) => r[rows[0]!.indexOf('Record id')]))).toEqual(new Set(await allIds(`/api/v1/incidents?siteId=${s.site1}`, as.behaviour_lead!, list.total)));
    const audit = await lastExport();
    expect(audit).toMatchObject({ entityType: 'incidents', siteId: s.site1 });
    expect(audit!.details).toMatchObject({ format: 'csv', rows: list.total, filters: { siteId: s.site1 } });
  });

  async function allIds(url: string, who: Session, total: number): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ids.length < total; page++) ids.push(...json<{ items: { id: string }[] }>(await get(`${url}&pageSize=200&page=${page}`, who)).items.map((i) => i.id));
    return ids;
  }

  it("a teaching assistant (staff) may list but not download whole lists (issue 11 #18); another site's list is refused", async () => {
    const before = (await lastExport())?.seq;
    expect((await get('/api/v1/incidents?pageSize=1', as.staff)).statusCode).toBe(200);
    expect((await get('/api/v1/pupils?pageSize=1', as.staff)).statusCode).toBe(200);
    for (const url of ['/api/v1/incidents?format=csv', '/api/v1/incidents?format=xlsx', '/api/v1/pupils?format=csv', `/api/v1/pupils?siteId=${s.site1}&format=xlsx`]) {
      const res = await get(url, as.staff);
      expect(res.statusCode, url).toBe(403);
      expect(json<ErrorBody>(res).error.message).toMatch(/download/);
    }
    expect((await lastExport())?.seq).toBe(before);
    expect((await get(`/api/v1/incidents?siteId=${s.site3}&format=xlsx`, as.behaviour_lead)).statusCode).toBe(403);
    expect((await get(`/api/v1/pupils?siteId=${s.site3}&format=csv`, as.head)).statusCode).toBe(403);
    const me = json<{ permissions: string[] }>(await get('/api/v1/me', as.staff));
    expect(me.permissions).not.toContain('pupil.export');
    expect(json<{ permissions: string[] }>(await get('/api/v1/me', as.behaviour_lead)).permissions).toEqual(expect.arrayContaining(['pupil.export', 'incident.export']));
  });

  it('someone who is staff at one site and behaviour lead at another downloads the second site only', async () => {
    const email = `mixed-${kind}@example.org`;
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: as.trust_admin!.headers, payload: {
      email, displayName: 'Mixed Roles', password: 'correct horse battery', assignments: [{ role: 'staff', siteId: s.site1 }, { role: 'behaviour_lead', siteId: s.site2 }] } });
    expect(created.statusCode, created.body).toBe(201);
    const mixed = await sessionFor(t, email);
    const listed = json<{ total: number }>(await get('/api/v1/pupils?pageSize=1', mixed)).total;
    const onSite2 = json<{ total: number }>(await get(`/api/v1/pupils?siteId=${s.site2}&pageSize=1`, mixed)).total;
    expect(listed).toBeGreaterThan(onSite2);
    const res = await get('/api/v1/pupils?format=csv', mixed);
    expect(res.statusCode).toBe(200);
    expect(parseCsv(res.body).length - 1).toBe(onSite2);
    expect((await lastExport())!.details).toMatchObject({ format: 'csv', rows: onSite2 });
    expect((await get(`/api/v1/pupils?siteId=${s.site1}&format=csv`, mixed)).statusCode).toBe(403);
  });

  it('the review queue as XLSX opens with the same rows; staff and governors are refused', async () => {
    const queue = json<{ total: number; items: { id: string; ageHours: number }[] }>(await get('/api/v1/review-queue', as.behaviour_lead));
    const res = await get('/api/v1/review-queue?format=xlsx', as.behaviour_lead);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = (await readXlsx(res.rawPayload));
    expect(book.sheet).toBe('Review queue');
    expect(book.rows.length - 1).toBe(queue.total);
    const idColumn = book.rows[0]!.indexOf('Record id');
    expect(idColumn).toBeGreaterThanOrEqual(0);
    expect(book.rows.slice(1).map((r) => r[idColumn])).toEqual(queue.items.map((i) => i.id));
    for (const who of ['staff', 'governor', 'parent']) expect((await get('/api/v1/review-queue?format=xlsx', as[who])).statusCode).toBe(403);
  });

  it('pupils as CSV neutralises a formula in a name; governors and parents are refused', async () => {
    const victim = (await t.database.db.select().from(pupils).where(eq(pupils.siteId, s.site1)).limit(1))[0]!;
    await t.database.db.update(pupils).set({ legalSurname: '=HYPERLINK("http://evil.example","x")' }).where(eq(pupils.id, victim.id));
    const res = await get(`/api/v1/pupils?siteId=${s.site1}&format=csv`, as.behaviour_lead);
    expect(res.statusCode).toBe(200);
    const rows = parseCsv(res.body);
    const total = json<{ total: number }>(await get(`/api/v1/pupils?siteId=${s.site1}&pageSize=1`, as.behaviour_lead)).total;
    expect(rows.length - 1).toBe(total);
    const row = rows.find((r) => r[0] === victim.upn)!;
    expect(row[1]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    for (const who of ['governor', 'parent']) expect((await get('/api/v1/pupils?format=csv', as[who])).statusCode).toBe(403);
    const audit = await lastExport();
    expect(audit).toMatchObject({ entityType: 'pupils' });
  });

  it('a search term is not copied into the audit entry (it may be a name)', async () => {
    await get(`/api/v1/pupils?search=Smith&format=csv`, as.behaviour_lead);
    expect((await lastExport())!.details).toMatchObject({ filters: { search: true } });
  });

  it('the audit log as XLSX for the trust administrator only', async () => {
    const res = await get('/api/v1/audit?action=export&format=xlsx', as.trust_admin);
    expect(res.statusCode).toBe(200);
    const book = (await readXlsx(res.rawPayload));
    expect(book.rows[0]).toEqual(['Position', 'When', 'Who', 'From address', 'Action', 'Record type', 'Record id', 'Site id', 'Details']);
    expect(book.rows.slice(1).every((r) => r[4] === 'export')).toBe(true);
    expect(book.rows.length).toBeGreaterThan(1);
    for (const who of ['behaviour_lead', 'head', 'governor']) expect((await get('/api/v1/audit?format=csv', as[who])).statusCode).toBe(403);
    const entries = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'export'), eq(auditEntries.entityType, 'audit-log')));
    expect(entries.length).toBe(1);
  });
});
