/** Full incidents (INC-2, INC-6): create, autosave with optimistic concurrency, read, list and scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { dbKinds, json } from '../harness.ts';
import { incidentPupils, incidents, incidentVersions } from '../../src/db/schema/recording.ts';
import { incidentFormVersions } from '../../src/db/schema/policy.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { SOME_ID, fieldsOf, world, type ErrorBody, type Incident, type World } from './incidents.fixtures.ts';

interface List { items: { id: string; createdByName: string; status: string; pupilNames: string[]; allowed: string[] }[]; total: number }

describe.each(dbKinds())('incidents: create, edit, read on %s', (kind) => {
  let w: World;
  beforeAll(async () => { w = await world(kind); });
  afterAll(async () => { await w?.t.close(); });
  const ids = (l: List) => l.items.map((i) => i.id);

  it('refuses anonymous callers with 401 and roles that record nothing with 403', async () => {
    for (const [method, url] of [['POST', '/api/v1/incidents'], ['GET', '/api/v1/incidents'], ['GET', `/api/v1/incidents/${SOME_ID}`],
      ['PATCH', `/api/v1/incidents/${SOME_ID}`], ['GET', `/api/v1/incidents/${SOME_ID}/history`]] as const) {
      expect((await w.req(method, url, undefined, method === 'GET' ? undefined : {})).statusCode, url).toBe(401);
    }
    for (const who of [w.s.governor, w.s.parent, w.s.admin]) {
      expect((await w.req('POST', '/api/v1/incidents', who, {})).statusCode).toBe(403);
      expect((await w.req('GET', '/api/v1/incidents', who)).statusCode).toBe(403);
    }
  });

  it('creates a draft with everything INC-2 lists, on the current form version, with version 1 and an audit entry', async () => {
    const i = await w.create(w.s.staff);
    expect(i).toMatchObject({ siteId: w.site1, status: 'draft', version: 1, voided: false, serious: false, formVersion: w.formVersion, missing: [] });
    expect(i.pupils.map((p) => p.role).sort()).toEqual(['affected', 'instigator']);
    expect(i.pupils.every((p) => p.displayName.length > 2)).toBe(true);
    expect(i.staff[0]!.name.length).toBeGreaterThan(2);
    expect(i.customFields.map((f) => f.key)).toEqual(['zi_witnessed', 'zi_trigger', 'zi_follow']);
    expect(i.allowed).toEqual(expect.arrayContaining(['edit', 'submit', 'addAttachment']));
    expect(i.allowed).not.toContain('signOff');
    const versions = await w.t.database.db.select().from(incidentVersions).where(eq(incidentVersions.incidentId, i.id));
    expect(versions.map((v) => [v.version, v.change])).toEqual([[1, 'create']]);
    const audit = (await w.t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, i.id), eq(auditEntries.action, 'incident.create'))))[0]!;
    expect((audit.details as { changed: string[] }).changed).toEqual(expect.arrayContaining(['behaviour', 'pupils', 'severity']));
    // the narrative and the pupils are named in the audit log, never copied into it
    expect(JSON.stringify(audit.details)).not.toMatch(/Pushed another pupil|Asked to line up/);
    expect(JSON.stringify(audit.details)).not.toContain(w.pupils1[0]);
    expect(json<Incident>(await w.req('GET', `/api/v1/incidents/${i.id}`, w.s.staff))).toEqual(i);
  });

  it("starts an empty draft at the caller's only site, asks a two-site lead which site, and refuses another site", async () => {
    const res = await w.req('POST', '/api/v1/incidents', w.s.staff, {});
    expect(res.statusCode).toBe(201);
    const i = json<Incident>(res);
    expect(i.siteId).toBe(w.site1);
    expect(i.missing.map((m) => m.field)).toEqual(['behaviour', 'occurredAt', 'locationCode', 'pupils', 'categoryCodes', 'severity', 'customValues.zi_witnessed']);
    const cluster = await w.req('POST', '/api/v1/incidents', w.s.cluster, {});
    expect(cluster.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(cluster))).toEqual(['siteId']);
    expect((await w.req('POST', '/api/v1/incidents', w.s.cluster, { siteId: w.site2 })).statusCode).toBe(201);
    expect((await w.req('POST', '/api/v1/incidents', w.s.staff, { siteId: w.site3 })).statusCode).toBe(403);
  });

  it('refuses bad input naming every field, and saves nothing', async () => {
    const before = [await w.rows(incidents), await w.rows(incidentPupils), await w.rows(incidentVersions)];
    const res = await w.req('POST', '/api/v1/incidents', w.s.staff, w.fullBody({
      locationCode: 'ZI_GONE', periodCode: 'NOPE', categoryCodes: ['NOPE'], motivationCode: 'NOPE', actionCodes: ['NOPE'], dfeReasonCode: 'XX',
      pupils: [{ pupilId: w.pupil3, role: 'involved' }, { pupilId: w.pupil3, role: 'witness' }], staff: [{ staffId: SOME_ID, role: 'witness' }],
      customValues: { zi_trigger: 'weather', zi_follow: '2026-13-01', zi_witnessed: 'yes', nope: 'x' }, occurredAt: '2099-01-01T00:00:00Z',
      physicalInterventions: [{ pupilId: w.pupil2, staffTechniques: [{ staffId: w.staffIds[0], techniqueCodes: ['NOPE'] }], parentInformedBy: SOME_ID }],
    }));
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(res)).sort()).toEqual([
      'actionCodes', 'categoryCodes', 'customValues.nope', 'customValues.zi_follow', 'customValues.zi_trigger', 'customValues.zi_witnessed',
      'dfeReasonCode', 'locationCode', 'motivationCode', 'occurredAt', 'periodCode', 'physicalInterventions.0.parentInformedBy',
      'physicalInterventions.0.pupilId', 'physicalInterventions.0.staffTechniques.0.techniqueCodes', 'pupils.0.pupilId', 'pupils.1.pupilId',
      'pupils.1.pupilId', 'staff.0.staffId'].sort());
    const schema = await w.req('POST', '/api/v1/incidents', w.s.staff, { severity: 9, surprise: true, pupils: [{ pupilId: 'x', role: 'boss' }] });
    expect(schema.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(schema))).toEqual(expect.arrayContaining(['severity', 'surprise', 'pupils.0.pupilId', 'pupils.0.role']));
    expect([await w.rows(incidents), await w.rows(incidentPupils), await w.rows(incidentVersions)]).toEqual(before);
  });

  it('takes partial autosaves, bumps the version, snapshots each save and audits what changed; an unchanged save writes nothing', async () => {
    const i = await w.create(w.s.staff);
    const one = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 1, behaviour: 'Pushed, then apologised' });
    expect(one.statusCode).toBe(200);
    expect(json<Incident>(one)).toMatchObject({ version: 2, behaviour: 'Pushed, then apologised', severity: 3 });
    expect(json<Incident>(one).pupils).toHaveLength(2);
    const two = json<Incident>(await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 2, customValues: { zi_trigger: 'noise' }, severity: 4 }));
    expect(two).toMatchObject({ version: 3, serious: true, customValues: { zi_witnessed: false, zi_trigger: 'noise' } });
    const same = json<Incident>(await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 3, behaviour: 'Pushed, then apologised', pupils: [...i.pupils].reverse().map((p) => ({ pupilId: p.pupilId, role: p.role })) }));
    expect(same.version).toBe(3);
    const cleared = json<Incident>(await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 3, customValues: { zi_trigger: null }, pupils: [{ pupilId: w.pupils1[2], role: 'involved' }] }));
    expect(cleared.customValues).toEqual({ zi_witnessed: false });
    expect(cleared.pupils.map((p) => p.pupilId)).toEqual([w.pupils1[2]]);
    const recast = json<Incident>(await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 4, pupils: [{ pupilId: w.pupils1[2], role: 'witness' }, { pupilId: w.pupils1[0], role: 'instigator' }] }));
    expect(recast.pupils.map((p) => [p.pupilId, p.role])).toEqual([[w.pupils1[0], 'instigator'], [w.pupils1[2], 'witness']]);
    expect(json<Incident>(await w.req('GET', `/api/v1/incidents/${i.id}`, w.s.staff)).pupils).toEqual(recast.pupils);
    const versions = await w.t.database.db.select().from(incidentVersions).where(eq(incidentVersions.incidentId, i.id)).orderBy(incidentVersions.version);
    expect(versions.map((v) => v.change)).toEqual(['create', 'edit', 'edit', 'edit', 'edit']);
    const audits = await w.t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, i.id), eq(auditEntries.action, 'incident.edit'))).orderBy(auditEntries.seq);
    expect(audits.map((a) => (a.details as { changed: string[] }).changed)).toEqual([['behaviour'], ['severity', 'customValues'], ['pupils', 'customValues'], ['pupils']]);
    expect(audits[1]!.details).toMatchObject({ before: { severity: 3 }, after: { severity: 4 } });
    expect(JSON.stringify(audits.map((a) => a.details))).not.toMatch(/apologised|noise/);
  });

  it('refuses the second of two saves made from the same version, keeping the first', async () => {
    const i = await w.create(w.s.staff);
    expect((await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 1, behaviour: 'First save' })).statusCode).toBe(200);
    const second = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 1, behaviour: 'Second save' });
    expect(second.statusCode).toBe(409);
    expect(json<ErrorBody>(second).error).toMatchObject({ code: 'stale_version', message: expect.stringMatching(/changed by someone else/) });
    expect(json<Incident>(await w.req('GET', `/api/v1/incidents/${i.id}`, w.s.staff)).behaviour).toBe('First save');
    // at the same moment: exactly one wins
    const race = await Promise.all(['A', 'B'].map((x) => w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 2, behaviour: `Race ${x}` })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = json<Incident>(race.find((r) => r.statusCode === 200)!).behaviour;
    expect(json<Incident>(await w.req('GET', `/api/v1/incidents/${i.id}`, w.s.staff))).toMatchObject({ version: 3, behaviour: winner });
    expect((await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { behaviour: 'x' })).statusCode).toBe(400);
  });

  it('lets only the author edit a draft, and only a reviewer edit it while it awaits review', async () => {
    const i = await w.create(w.s.staff);
    const lead = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.lead, { version: 1, severity: 1 });
    expect(lead.statusCode).toBe(403);
    expect(json<ErrorBody>(lead).error.message).toMatch(/Only the member of staff who recorded/);
    expect((await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 1, siteId: w.site2 })).statusCode).toBe(400);
    expect((await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.staff, { version: 1 })).statusCode).toBe(200);
    const author = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 2, severity: 1 });
    expect(author.statusCode).toBe(403);
    expect(json<ErrorBody>(author).error.message).toMatch(/awaiting review/);
    expect(json<Incident>(await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.lead, { version: 2, severity: 2 }))).toMatchObject({ version: 3, severity: 2 });
  });

  it('lists what each caller may see: staff their own, readers the whole site, voided only when asked', async () => {
    const mine = await w.create(w.s.staff);
    const leads = await w.create(w.s.lead);
    const staffList = json<List>(await w.req('GET', '/api/v1/incidents?pageSize=200', w.s.staff));
    expect(ids(staffList)).toContain(mine.id);
    expect(ids(staffList)).not.toContain(leads.id);
    expect(new Set(staffList.items.map((x) => x.createdByName)).size).toBe(1);
    for (const who of [w.s.lead, w.s.senco, w.s.head, w.s.cluster]) {
      const l = json<List>(await w.req('GET', `/api/v1/incidents?pageSize=200&siteId=${w.site1}&mine=false`, who));
      expect(ids(l)).toEqual(expect.arrayContaining([mine.id, leads.id]));
    }
    const byPupil = json<List>(await w.req('GET', `/api/v1/incidents?pupilId=${w.pupils1[1]}&status=draft&pageSize=200`, w.s.lead));
    expect(ids(byPupil)).toContain(mine.id);
    expect(byPupil.items.every((x) => x.status === 'draft')).toBe(true);
    expect(ids(json<List>(await w.req('GET', '/api/v1/incidents?mine=true&pageSize=200', w.s.lead)))).not.toContain(mine.id);
    expect((await w.req('GET', `/api/v1/incidents?siteId=${w.site3}`, w.s.staff)).statusCode).toBe(403);
    expect((await w.req('GET', '/api/v1/incidents?status=lost&pageSize=9999', w.s.staff)).statusCode).toBe(400);
    const voided = await w.req('POST', `/api/v1/incidents/${mine.id}/void`, w.s.lead, { version: 1, reason: 'Recorded twice' });
    expect(voided.statusCode).toBe(200);
    expect(ids(json<List>(await w.req('GET', '/api/v1/incidents?pageSize=200', w.s.staff)))).not.toContain(mine.id);
    expect(ids(json<List>(await w.req('GET', '/api/v1/incidents?pageSize=200&includeVoided=true', w.s.staff)))).toContain(mine.id);
    expect(ids(json<List>(await w.req('GET', '/api/v1/incidents?pageSize=200&includeVoided=false', w.s.staff)))).not.toContain(mine.id);
  });

  it("answers 404 to another site's lead and to a colleague who did not record it", async () => {
    const i = await w.create(w.s.staff);
    const lead2 = await w.addUser('behaviour_lead', w.site2);
    const colleague = await w.addUser('staff', w.site1);
    for (const who of [lead2, colleague]) {
      expect((await w.req('GET', `/api/v1/incidents/${i.id}`, who)).statusCode).toBe(404);
      expect((await w.req('PATCH', `/api/v1/incidents/${i.id}`, who, { version: 1, severity: 1 })).statusCode).toBe(404);
      expect((await w.req('GET', `/api/v1/incidents/${i.id}/history`, who)).statusCode).toBe(404);
      expect(ids(json<List>(await w.req('GET', '/api/v1/incidents?pageSize=200', who)))).not.toContain(i.id);
    }
    expect((await w.req('GET', `/api/v1/incidents/${SOME_ID}`, w.s.lead)).statusCode).toBe(404);
    expect((await w.req('GET', '/api/v1/incidents/not-a-uuid', w.s.lead)).statusCode).toBe(400);
  });

  it('keeps an incident on the form version it was started with (POL-2)', async () => {
    const old = await w.create(w.s.staff);
    const newer = { id: uuidv7(), trustId: w.trustId, siteId: w.site1, version: w.formVersion + 1,
      fields: [{ key: 'zi_new', label: 'New question', type: 'text', required: true }] };
    await w.t.database.db.insert(incidentFormVersions).values(newer);
    try {
      const again = json<Incident>(await w.req('GET', `/api/v1/incidents/${old.id}`, w.s.staff));
      expect(again.formVersion).toBe(w.formVersion);
      expect(again.customFields.map((f) => f.key)).not.toContain('zi_new');
      const refused = await w.req('PATCH', `/api/v1/incidents/${old.id}`, w.s.staff, { version: 1, customValues: { zi_new: 'x' } });
      expect(fieldsOf(json<ErrorBody>(refused))).toEqual(['customValues.zi_new']);
      const fresh = await w.create(w.s.staff, w.fullBody({ customValues: {} }));
      expect(fresh.formVersion).toBe(w.formVersion + 1);
      expect(fresh.missing.map((m) => m.field)).toEqual(['customValues.zi_new']);
    } finally {
      await w.t.database.db.delete(incidentFormVersions).where(eq(incidentFormVersions.id, newer.id));
    }
  });
});
