/** Subject access requests (DAT-3): deadline, scope, gathering, redaction, release, downloads and their audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { unzipSync, strFromU8 } from 'fflate';
import { createHash } from 'node:crypto';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { pupils, staffMembers } from '../../src/db/schema/pupils.ts';
import { incidentPupils, incidents } from '../../src/db/schema/recording.ts';
import { users } from '../../src/db/schema/users.ts';
import { safeguardingConcernPupils, safeguardingConcerns } from '../../src/db/schema/safeguarding.ts';
import { placements } from '../../src/db/schema/sanctions.ts';
import { pdfText } from '../pdf.ts';
import { addIncident, addUser, demoSites, fieldsOf, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { SAR_SOURCES } from '../../src/modules/subject-access/subject-access.sources.ts';
import { ROLES, type TSarRecords, type TSarSummary } from '@haven/contracts';

const today = () => new Date().toISOString().slice(0, 10);

describe.each(dbKinds())('subject access requests on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let head: Session;
  let dsl: Session;
  let subject: string;
  let site3Pupil: string;
  let staffName: string;
  const ids: Record<string, string> = {};
  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, who?: Session, payload?: unknown) =>
    t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const addPupil = async (siteId: string, fore: string, sur: string) => {
    const id = uuidv7();
    await t.database.db.insert(pupils).values({ id, trustId: s.trustId, siteId, upn: `T${id.slice(-12)}`, legalForename: fore, legalSurname: sur,
      dateOfBirth: '2013-05-01', sex: 'F', yearGroup: 8, enrolmentStart: '2024-09-01' });
    return id;
  };
  const create = async (who: Session, body: Record<string, unknown>) => req('POST', '/api/v1/subject-access', who, { pupilId: subject, requesterKind: 'parent', requesterName: 'Mrs Quillan', receivedOn: '2026-10-31', ...body });
  const move = async (who: Session, id: string, status: string, extra: Record<string, unknown> = {}) => {
    const cur = json<TSarSummary>(await req('GET', `/api/v1/subject-access/${id}`, who));
    return req('POST', `/api/v1/subject-access/${id}/status`, who, { version: cur.version, status, ...extra });
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [head, dsl] = await Promise.all([sessionFor(t, demoEmail('head')), sessionFor(t, demoEmail('dsl'))]);
    subject = await addPupil(s.site1, 'Zeph', 'Quillan');
    ids.other = await addPupil(s.site1, 'Orla', 'Pennywhistle');
    site3Pupil = await addPupil(s.site3, 'Tamsin', 'Farrowdale');
    const lead = (await t.database.db.select().from(users).where(eq(users.email, demoEmail('behaviour_lead'))))[0]!;
    staffName = lead.displayName;
    ids.incident = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: subject, createdBy: lead.id, role: 'instigator', physicalIntervention: true });
    await t.database.db.insert(incidentPupils).values({ incidentId: ids.incident, pupilId: ids.other, trustId: s.trustId, role: 'affected' });
    await t.database.db.insert(staffMembers).values({ id: uuidv7(), trustId: s.trustId, siteId: s.site1, forename: 'Quentin', surname: 'Marlowe', jobTitle: 'Teaching assistant' });
    await t.database.db.update(incidents).set({ behaviour: 'Zeph pushed Orla Pennywhistle at the gate; Quentin Marlowe separated them.', antecedent: 'A row at lunch' })
      .where(eq(incidents.id, ids.incident));
    ids.quiet = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: subject, createdBy: lead.id });
    ids.placement = uuidv7();
    await t.database.db.insert(placements).values({ id: ids.placement, trustId: s.trustId, siteId: s.site1, pupilId: subject, kind: 'alternative_provision', provider: 'Riverside AP',
      startDate: '2026-10-01', sessionsPerWeek: 4, purpose: 'Respite', createdBy: lead.id } as typeof placements.$inferInsert);
    ids.concern = uuidv7();
    await t.database.db.insert(safeguardingConcerns).values({ id: ids.concern, trustId: s.trustId, siteId: s.site1, raisedBy: lead.id, category: 'neglect', concern: 'SEALED-CONCERN-TEXT' });
    await t.database.db.insert(safeguardingConcernPupils).values({ concernId: ids.concern, pupilId: subject, trustId: s.trustId });
  });
  afterAll(async () => { await t?.close(); });

  it('needs a session (401), and the head or DSL: every other role is refused (403)', async () => {
    expect((await req('GET', '/api/v1/subject-access')).statusCode).toBe(401);
    for (const role of ['staff', 'behaviour_lead', 'slt', 'senco', 'trust_admin', 'governor', 'parent', 'office']) {
      const who = await sessionFor(t, demoEmail(role));
      expect((await req('GET', '/api/v1/subject-access', who)).statusCode, role).toBe(403);
      expect((await create(who, {})).statusCode, role).toBe(403);
    }
  });

  it('gates every subject access route: 403 for every role but the head and the DSL (as the route matrix does)', async () => {
    const routes = t.app.routeAccess.filter((r) => r.url.startsWith('/api/v1/subject-access'));
    expect(routes.length).toBe(9);
    for (const role of ROLES) {
      const who = await sessionFor(t, demoEmail(role));
      for (const r of routes) {
        const res = await t.app.inject({ method: r.method as 'GET', url: r.url.replace(/:[A-Za-z]+/g, '0190a6c4-0000-7000-8000-000000000000'), headers: who.headers, payload: r.method === 'GET' ? undefined : {} });
        if (role === 'head' || role === 'dsl') expect([401, 403], `${role} ${r.method} ${r.url}`).not.toContain(res.statusCode);
        else expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
      }
    }
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ requesterName: '' }, 'requesterName'], [{ receivedOn: '31/10/2026' }, 'receivedOn'], [{ requesterKind: 'solicitor' }, 'requesterKind'],
      [{ pupilId: 'nope' }, 'pupilId'], [{ pupilId: '0190a6c4-0000-7000-8000-000000000000' }, 'pupilId'], [{ receivedOn: '2099-01-01' }, 'receivedOn'],
    ];
    for (const [body, field] of cases) {
      const res = await create(head, body);
      expect(res.statusCode, field).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)), field).toContain(field);
    }
  });

  it('logs a request with its deadline one calendar month on (moved off a weekend), overdue once past it', async () => {
    const res = await create(head, { receivedOn: '2026-10-31' });
    expect(res.statusCode).toBe(201);
    const r = json<TSarSummary>(res);
    ids.request = r.id;
    expect(r).toMatchObject({ status: 'received', dueOn: '2026-11-30', requesterName: 'Mrs Quillan', redactStaff: false, next: ['gathering', 'withdrawn'] });
    expect(r.overdue).toBe(today() > '2026-11-30');
    const fresh = json<TSarSummary>(await create(head, { receivedOn: today() }));
    expect(fresh.overdue).toBe(false);
    expect(fresh.daysLeft).toBeGreaterThanOrEqual(28);
    const audit = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'subject_access_request.create'), eq(auditEntries.entityId, r.id)));
    expect(audit).toHaveLength(1);
    const list = json<{ items: TSarSummary[] }>(await req('GET', '/api/v1/subject-access?status=open', head));
    expect(list.items.map((i) => i.id)).toEqual(expect.arrayContaining([r.id, fresh.id]));
  });

  it('refuses another site: its head cannot read this request, nor this head log one for its pupil (403)', async () => {
    const otherHead = await sessionFor(t, await addUser(t, s.trustId, 'head', s.site3));
    expect((await req('GET', `/api/v1/subject-access/${ids.request}`, otherHead)).statusCode).toBe(403);
    expect((await req('GET', `/api/v1/subject-access/${ids.request}/records`, otherHead)).statusCode).toBe(403);
    expect((await create(head, { pupilId: site3Pupil })).statusCode).toBe(403);
    expect(json<{ items: TSarSummary[] }>(await req('GET', '/api/v1/subject-access', otherHead)).items.map((i) => i.id)).not.toContain(ids.request);
    expect((await create(otherHead, { pupilId: site3Pupil })).statusCode).toBe(201);
  });

  it('gathers every kind of record, with other pupils replaced and names in free text flagged; no safeguarding for the head', async () => {
    expect((await req('GET', `/api/v1/subject-access/${ids.request}/records`, head)).statusCode).toBe(409);
    expect((await move(head, ids.request!, 'redaction')).statusCode).toBe(409);
    expect((await move(head, ids.request!, 'gathering')).statusCode).toBe(200);
    const res = await req('GET', `/api/v1/subject-access/${ids.request}/records`, head);
    expect(res.statusCode).toBe(200);
    const body = json<TSarRecords>(res);
    expect(body.sealedIncluded).toBe(false);
    expect(body.sections.map((x) => x.kind)).toEqual(SAR_SOURCES.filter((x) => !x.sealed).map((x) => x.kind));
    expect(res.body).not.toContain('SEALED-CONCERN-TEXT');
    expect(res.body).not.toContain(ids.concern);
    const kinds = (k: string) => body.sections.find((x) => x.kind === k)!.records;
    expect(kinds('pupil')).toHaveLength(1);
    expect(kinds('placement').map((r) => r.id)).toEqual([ids.placement]);
    const incident = kinds('incident').find((r) => r.id === ids.incident)!;
    expect(incident.fields.find((f) => f.name === 'other_pupils')!.value).toBe('[another pupil]');
    expect(incident.fields.find((f) => f.name === 'behaviour')!.value).toBe('Zeph pushed [another pupil] at the gate; Quentin Marlowe separated them.');
    expect(incident.flags.map((f) => [f.field, f.as, f.text])).toEqual([['behaviour', 'pupil', 'Orla Pennywhistle'], ['behaviour', 'staff', 'Quentin Marlowe']]);
    expect(incident.needsReview).toBe(true);
    expect(body.counts.needsReview).toBeGreaterThanOrEqual(1);
    expect(kinds('incident').find((r) => r.id === ids.quiet)!.needsReview).toBe(false);
    const audit = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'subject_access_request.records.read'), eq(auditEntries.entityId, ids.request!)));
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('shows the DSL the sealed safeguarding records in their own section, withheld until decided, and audits the read as sealed', async () => {
    const body = json<TSarRecords>(await req('GET', `/api/v1/subject-access/${ids.request}/records`, dsl));
    expect(body.sealedIncluded).toBe(true);
    const sealed = body.sections.filter((x) => x.sealed);
    expect(sealed.map((x) => x.kind)).toEqual(['safeguarding_concern', 'sealed_facts']);
    const concern = sealed[0]!.records[0]!;
    expect(concern.id).toBe(ids.concern);
    expect(concern.outcome).toBe('withhold');
    expect(concern.decision).toBeNull();
    const audit = await t.database.db.select().from(auditEntries).where(eq(auditEntries.action, 'subject_access_request.safeguarding.read'));
    expect(audit.at(-1)!.details).toMatchObject({ sealed: true });
  });

  it('takes decisions only in the redaction review, with 400 naming the field for a bad one', async () => {
    const key = `incident:${ids.incident}`;
    expect((await req('PUT', `/api/v1/subject-access/${ids.request}/decisions`, head, { recordKey: key, action: 'release' })).statusCode).toBe(409);
    expect((await move(head, ids.request!, 'redaction')).statusCode).toBe(200);
    const bad: [Record<string, unknown>, string][] = [
      [{ recordKey: key, action: 'withhold' }, 'reason'], [{ recordKey: key, action: 'redact' }, 'fields'], [{ recordKey: key, action: 'redact', fields: ['nope'] }, 'fields'],
      [{ recordKey: `incident:${ids.other}`, action: 'release' }, 'recordKey'], [{ recordKey: key, action: 'shred' }, 'action'],
    ];
    for (const [b, field] of bad) {
      const res = await req('PUT', `/api/v1/subject-access/${ids.request}/decisions`, head, b);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
    const cur = json<TSarSummary>(await req('GET', `/api/v1/subject-access/${ids.request}`, head));
    const early = await req('POST', `/api/v1/subject-access/${ids.request}/release`, head, { version: cur.version });
    expect(early.statusCode).toBe(409);
    expect(early.body).toMatch(/need/);
  });

  it('releases a readable PDF and a JSON/CSV archive with no other pupil named, audited with their hashes; downloads audited', async () => {
    const put = (b: Record<string, unknown>) => req('PUT', `/api/v1/subject-access/${ids.request}/decisions`, head, b);
    const redacted = await put({ recordKey: `incident:${ids.incident}`, action: 'redact', fields: ['antecedent'] });
    expect(redacted.statusCode).toBe(200);
    expect(json<{ fields: { name: string; value: string }[]; needsReview: boolean }>(redacted)).toMatchObject({ needsReview: false });
    expect((await put({ recordKey: `incident:${ids.quiet}`, action: 'withhold', reason: 'Would identify another pupil' })).statusCode).toBe(200);
    const cur = json<TSarSummary>(await req('GET', `/api/v1/subject-access/${ids.request}`, head));
    const res = await req('POST', `/api/v1/subject-access/${ids.request}/release`, head, { version: cur.version });
    expect(res.statusCode, res.body).toBe(200);
    const released = json<TSarSummary>(res);
    expect(released.status).toBe('released');
    expect(released.release!.withheldCount).toBe(1);
    const audit = (await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'subject_access_request.release'), eq(auditEntries.entityId, ids.request!))))[0]!;
    expect(audit.details).toMatchObject({ pdfSha256: released.release!.pdfSha256, archiveSha256: released.release!.archiveSha256, withheldCount: 1 });

    const pdf = await req('GET', `/api/v1/subject-access/${ids.request}/download/pdf`, head);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(released.release!.pdfSha256);
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('Subject access request: Zeph Quillan');
    expect(text).toContain('Zeph pushed [another pupil] at the gate');
    expect(text).toContain('Riverside AP');
    expect(text).toContain('[redacted]');
    expect(text).toContain('Information withheld');
    for (const leak of ['Orla', 'Pennywhistle', 'A row at lunch', 'SEALED-CONCERN-TEXT', ids.other!]) expect(text).not.toContain(leak);

    const zip = await req('GET', `/api/v1/subject-access/${ids.request}/download/archive`, head);
    expect(zip.statusCode).toBe(200);
    expect(createHash('sha256').update(zip.rawPayload).digest('hex')).toBe(released.release!.archiveSha256);
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['request.json', 'incident.json', 'incident.csv', 'pupil.json', 'placement.csv']));
    const all = Object.values(files).map((f) => strFromU8(f)).join('\n');
    for (const leak of ['Orla', 'Pennywhistle', 'A row at lunch', 'SEALED-CONCERN-TEXT', ids.other!, ids.quiet!]) expect(all).not.toContain(leak);
    const incidentJson = JSON.parse(strFromU8(files['incident.json']!)) as { records: { id: string; other_pupils: string[]; behaviour: string }[] };
    expect(incidentJson.records.map((r) => r.id)).toEqual([ids.incident]);
    expect(incidentJson.records[0]!.other_pupils).toEqual(['[another pupil]']);
    expect(strFromU8(files['incident.csv']!)).toContain('Behaviour');

    const downloads = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'subject_access_request.download'), eq(auditEntries.entityId, ids.request!)));
    expect(downloads.map((d) => (d.details as { format: string }).format).sort()).toEqual(['archive', 'pdf']);
    expect((await move(head, ids.request!, 'withdrawn', { reason: 'x' })).statusCode).toBe(409);
  });

  it('replaces staff names when the request says so', async () => {
    const r = json<TSarSummary>(await create(head, { receivedOn: '2026-11-02', redactStaff: true }));
    await move(head, r.id, 'gathering');
    await move(head, r.id, 'redaction');
    const body = json<TSarRecords>(await req('GET', `/api/v1/subject-access/${r.id}/records`, head));
    for (const rec of body.sections.flatMap((x) => x.records).filter((x) => x.needsReview)) {
      expect((await req('PUT', `/api/v1/subject-access/${r.id}/decisions`, head, { recordKey: rec.key, action: 'release' })).statusCode).toBe(200);
    }
    const cur = json<TSarSummary>(await req('GET', `/api/v1/subject-access/${r.id}`, head));
    expect((await req('POST', `/api/v1/subject-access/${r.id}/release`, head, { version: cur.version })).statusCode).toBe(200);
    const text = await pdfText((await req('GET', `/api/v1/subject-access/${r.id}/download/pdf`, head)).rawPayload);
    expect(text).not.toContain(staffName);
    expect(text).not.toContain('Quentin Marlowe');
    expect(text).toContain('[member of staff]');
  });

  it('releases safeguarding information only when the DSL decided to and releases it', async () => {
    const r = json<TSarSummary>(await create(dsl, { receivedOn: '2026-11-03' }));
    await move(dsl, r.id, 'gathering');
    await move(dsl, r.id, 'redaction');
    const body = json<TSarRecords>(await req('GET', `/api/v1/subject-access/${r.id}/records`, dsl));
    for (const rec of body.sections.flatMap((x) => x.records).filter((x) => x.needsReview)) {
      await req('PUT', `/api/v1/subject-access/${r.id}/decisions`, dsl, { recordKey: rec.key, action: 'release' });
    }
    expect((await req('PUT', `/api/v1/subject-access/${r.id}/decisions`, dsl, { recordKey: `safeguarding_concern:${ids.concern}`, action: 'release' })).statusCode).toBe(200);
    const cur = json<TSarSummary>(await req('GET', `/api/v1/subject-access/${r.id}`, head));
    expect((await req('POST', `/api/v1/subject-access/${r.id}/release`, head, { version: cur.version })).statusCode).toBe(403);
    expect((await req('POST', `/api/v1/subject-access/${r.id}/release`, dsl, { version: cur.version })).statusCode).toBe(200);
    const text = await pdfText((await req('GET', `/api/v1/subject-access/${r.id}/download/pdf`, dsl)).rawPayload);
    expect(text).toContain('SEALED-CONCERN-TEXT');
    expect(text).toContain('Safeguarding concerns');
    const decide = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'subject_access_request.decide'), eq(auditEntries.entityId, r.id)));
    expect(decide.some((d) => (d.details as { sealed?: boolean }).sealed === true)).toBe(true);
  });
});
