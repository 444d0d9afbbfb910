/**
 * Pupils and contacts kept by hand (issue 12 #1): office staff at their site and trust administrators add, change,
 * record leavers, re-join and move pupils, and keep contacts; the UPN's check letter and uniqueness, stale versions,
 * bad input per field, refused roles and sites, sealed facts for the DSL only, and an audit entry for every change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { TPupilProfile } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, sitesOf, type Session, type TestContext } from '../harness.ts';
import { pupilGroupMembers, pupils } from '../../src/db/schema/pupils.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { makeUpn } from '../../src/modules/pupils/upn.rules.ts';

interface ErrorBody { error: { code: string; message: string; fields?: { field: string; message: string }[] } }
const fieldsOf = (body: string) => (JSON.parse(body) as ErrorBody).error.fields?.map((f) => f.field) ?? [];

describe.each(dbKinds())('pupils kept by hand on %s', (kind) => {
  let t: TestContext;
  let office: Session;
  let admin: Session;
  let site1: string;
  let site2: string;
  let serial = 0;
  const upn = () => makeUpn(998, kind === 'pglite' ? 1111 : 2222, 26, ++serial);
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, s: Session | null, payload?: object) =>
    t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload ? { payload } : {}) });
  const profile = async (id: string, s: Session = office) => json<TPupilProfile>(await call('GET', `/api/v1/pupils/${id}`, s));
  const audits = (entityId: string, action: string) => t.database.db.select().from(auditEntries)
    .where(and(eq(auditEntries.entityId, entityId), eq(auditEntries.action, action)));
  const newPupil = (over: Record<string, unknown> = {}) => ({
    siteId: site1, upn: upn(), legalForename: 'Maisie', legalSurname: 'Ward', dateOfBirth: '2014-03-09', sex: 'F', yearGroup: 7,
    enrolmentStart: '2025-09-03', ...over,
  });
  const create = async (over: Record<string, unknown> = {}, s: Session = office) => {
    const res = await call('POST', '/api/v1/pupils', s, newPupil(over));
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string; version: number }>(res);
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    office = await sessionFor(t, demoEmail('office'));
    admin = await sessionFor(t, demoEmail('trust_admin'));
    site1 = (await sitesOf(t, demoEmail('office')))[0]!;
    site2 = (await sitesOf(t, demoEmail('cluster_lead'))).find((s) => s !== site1)!;
  });
  afterAll(async () => { await t?.close(); });

  it('adds a pupil with a form, shows it on the list and profile, and audits the creation', async () => {
    const { id, version } = await create({ preferredForename: 'Mo', form: '7ZZ', senStatus: 'sen_support', primaryNeed: 'SLCN', eal: true, firstLanguage: 'Polish' });
    expect(version).toBe(1);
    const p = await profile(id);
    expect(p).toMatchObject({ displayName: 'Mo Ward', legalForename: 'Maisie', yearGroup: 7, senStatus: 'sen_support', primaryNeed: 'SLCN', eal: true, firstLanguage: 'Polish', enrolmentEnd: null, version: 1 });
    expect(p.groups.map((g) => g.name)).toEqual(['7ZZ']);
    expect(p.allowed).toEqual(expect.arrayContaining(['view', 'edit']));
    expect(p.allowed).not.toContain('editSealed');
    expect(p.sealed).toBeUndefined();
    const list = json<{ items: { id: string }[] }>(await call('GET', `/api/v1/pupils?search=${p.upn}`, office));
    expect(list.items.map((i) => i.id)).toEqual([id]);
    const [entry] = await audits(id, 'pupil.created');
    expect(entry).toMatchObject({ siteId: site1, actorUserId: office.userId });
  });

  it('refuses a UPN whose check letter is wrong, and one already used in the trust, naming upn', async () => {
    const good = upn();
    const wrong = `${good[0] === 'A' ? 'B' : 'A'}${good.slice(1)}`;
    const bad = await call('POST', '/api/v1/pupils', office, newPupil({ upn: wrong }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['upn']);
    expect(bad.body).toMatch(/check letter/);
    const existing = (await t.database.db.select({ upn: pupils.upn }).from(pupils).where(eq(pupils.siteId, site1)).limit(1))[0]!.upn;
    const dup = await call('POST', '/api/v1/pupils', office, newPupil({ upn: existing }));
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup.body)).toEqual(['upn']);
    const elsewhere = (await t.database.db.select({ upn: pupils.upn }).from(pupils).where(eq(pupils.siteId, site2)).limit(1))[0]!.upn;
    const other = await call('POST', '/api/v1/pupils', office, newPupil({ upn: elsewhere }));
    expect(other.statusCode).toBe(409);
    expect(other.body).toMatch(/another school of the trust/);
    // lower case and spaces are tidied, not refused
    const tidy = await call('POST', '/api/v1/pupils', office, newPupil({ upn: ` ${good.toLowerCase().slice(0, 5)} ${good.slice(5)} ` }));
    expect(tidy.statusCode, tidy.body).toBe(201);
    expect((await profile(json<{ id: string }>(tidy).id)).upn).toBe(good);
  });

  it.each([
    ['legalForename', { legalForename: '  ' }],
    ['legalSurname', { legalSurname: 'x'.repeat(101) }],
    ['dateOfBirth', { dateOfBirth: '09/03/2014' }],
    ['dateOfBirth', { dateOfBirth: '2099-01-01' }],
    ['dateOfBirth', { dateOfBirth: '1950-01-01' }],
    ['sex', { sex: 'X' }],
    ['yearGroup', { yearGroup: 15 }],
    ['enrolmentStart', { enrolmentStart: '2010-01-01' }],
    ['senStatus', { senStatus: 'some' }],
    ['primaryNeed', { primaryNeed: 'XYZ' }],
    ['pupilPremium', { pupilPremium: 'yes' }],
    ['siteId', { siteId: 'site 1' }],
    ['form', { form: 'f'.repeat(61) }],
    ['medicalNotes', { medicalNotes: 'n'.repeat(2001) }],
    ['upn', { upn: '' }],
    ['nickname', { nickname: 'Mo' }],
  ])('refuses a bad %s with 400 naming it, and adds nothing', async (field, over) => {
    const before = (await t.database.query<{ n: number }>('select count(*)::int as n from pupils')).at(0)!.n;
    const res = await call('POST', '/api/v1/pupils', office, newPupil(over));
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res.body).join(' ')).toContain(field);
    expect(res.body).not.toMatch(/at .*\.ts|select |stack/i);
    expect((await t.database.query<{ n: number }>('select count(*)::int as n from pupils')).at(0)!.n).toBe(before);
  });

  it('edits with the version read; a stale version is refused with 409 and changes nothing; the UPN may be corrected', async () => {
    const { id } = await create({ form: '7ZZ' });
    const ok = await call('PATCH', `/api/v1/pupils/${id}`, office, { version: 1, preferredForename: 'Mae', yearGroup: 8, form: '8ZZ', medicalFlag: true, medicalNotes: 'Asthma' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<{ version: number }>(ok).version).toBe(2);
    const p = await profile(id);
    expect(p).toMatchObject({ displayName: 'Mae Ward', yearGroup: 8, medicalFlag: true, medicalNotes: 'Asthma', version: 2 });
    expect(p.groups.map((g) => g.name)).toEqual(['8ZZ']);
    const stale = await call('PATCH', `/api/v1/pupils/${id}`, office, { version: 1, legalSurname: 'Changed' });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorBody>(stale).error.code).toBe('stale_version');
    expect((await profile(id)).legalSurname).toBe('Ward');
    const next = upn();
    const moved = await call('PATCH', `/api/v1/pupils/${id}`, office, { version: 2, upn: next });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await profile(id)).upn).toBe(next);
    expect(json<{ version: number }>(moved).version).toBe(3);
    const badDob = await call('PATCH', `/api/v1/pupils/${id}`, office, { version: 3, dateOfBirth: '2026-01-01', enrolmentStart: '2025-09-03' });
    expect(badDob.statusCode).toBe(400);
    expect(fieldsOf(badDob.body)).toContain('enrolmentStart');
    const updates = await audits(id, 'pupil.updated');
    expect(updates.length).toBe(2);
    expect(JSON.stringify(updates.map((u) => u.details))).toMatch(/preferredForename/);
  });

  it('records a leaver (off the list, on the leavers list), refuses a second leaving, and re-joins them', async () => {
    const { id } = await create();
    const early = await call('POST', `/api/v1/pupils/${id}/leave`, office, { version: 1, date: '2025-01-01', reason: 'Moved away from the area' });
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early.body)).toEqual(['date']);
    const noReason = await call('POST', `/api/v1/pupils/${id}/leave`, office, { version: 1, date: '2026-01-01', reason: ' ' });
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const left = await call('POST', `/api/v1/pupils/${id}/leave`, office, { version: 1, date: '2026-01-01', reason: 'Moved away from the area' });
    expect(left.statusCode, left.body).toBe(200);
    const p = await profile(id);
    expect(p).toMatchObject({ enrolmentEnd: '2026-01-01', leavingReason: 'Moved away from the area', version: 2 });
    const onRoll = json<{ items: { id: string }[] }>(await call('GET', `/api/v1/pupils?search=${p.upn}`, office));
    expect(onRoll.items).toHaveLength(0);
    const leavers = json<{ items: { id: string; enrolmentEnd: string }[] }>(await call('GET', `/api/v1/pupils?status=left&search=${p.upn}`, office));
    expect(leavers.items).toEqual([expect.objectContaining({ id, enrolmentEnd: '2026-01-01' })]);
    expect((await call('POST', `/api/v1/pupils/${id}/leave`, office, { version: 2, date: '2026-01-02', reason: 'Other' })).statusCode).toBe(409);
    // adding them again by UPN is refused, pointing to re-join
    const again = await call('POST', '/api/v1/pupils', office, newPupil({ upn: p.upn }));
    expect(again.statusCode).toBe(409);
    expect(again.body).toMatch(/re-join/);
    const tooSoon = await call('POST', `/api/v1/pupils/${id}/rejoin`, office, { version: 2, date: '2025-12-01' });
    expect(fieldsOf(tooSoon.body)).toEqual(['date']);
    const back = await call('POST', `/api/v1/pupils/${id}/rejoin`, office, { version: 2, date: '2026-02-02' });
    expect(back.statusCode, back.body).toBe(200);
    expect(await profile(id)).toMatchObject({ enrolmentStart: '2026-02-02', enrolmentEnd: null, leavingReason: null, version: 3 });
    expect((await call('POST', `/api/v1/pupils/${id}/rejoin`, office, { version: 3, date: '2026-03-02' })).statusCode).toBe(409);
    expect(await audits(id, 'pupil.left')).toHaveLength(1);
    const [rejoined] = await audits(id, 'pupil.rejoined');
    expect(rejoined!.details).toMatchObject({ previous: { enrolmentStart: '2025-09-03', enrolmentEnd: '2026-01-01' } });
  });

  it('moves a pupil to another site: only for someone who keeps records at both; the old form goes; audited at both sites', async () => {
    const { id } = await create({ form: '7ZZ' });
    const refused = await call('POST', `/api/v1/pupils/${id}/move`, office, { version: 1, siteId: site2, date: '2026-01-05' });
    expect(refused.statusCode).toBe(403);
    const same = await call('POST', `/api/v1/pupils/${id}/move`, admin, { version: 1, siteId: site1, date: '2026-01-05' });
    expect(fieldsOf(same.body)).toEqual(['siteId']);
    const moved = await call('POST', `/api/v1/pupils/${id}/move`, admin, { version: 1, siteId: site2, date: '2026-01-05' });
    expect(moved.statusCode, moved.body).toBe(200);
    const p = await profile(id, admin);
    expect(p).toMatchObject({ siteId: site2, enrolmentStart: '2026-01-05', enrolmentEnd: null, groups: [] });
    expect(await t.database.db.select().from(pupilGroupMembers).where(eq(pupilGroupMembers.pupilId, id))).toHaveLength(0);
    // the office of site 1 no longer sees or changes the pupil
    expect((await call('GET', `/api/v1/pupils/${id}`, office)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/pupils/${id}`, office, { version: 2, legalForename: 'X' })).statusCode).toBe(404);
    const [entry] = await audits(id, 'pupil.moved');
    expect(entry).toMatchObject({ siteId: site2, details: expect.objectContaining({ fromSiteId: site1, toSiteId: site2, previous: expect.objectContaining({ enrolmentStart: '2025-09-03' }) }) });
    expect((await audits(id, 'pupil.moved.away'))[0]).toMatchObject({ siteId: site1 });
  });

  it('refuses roles without people.manage, and an office at another site', async () => {
    const { id } = await create();
    for (const role of ['staff', 'parent', 'governor', 'head', 'dsl', 'agency']) {
      const s = await sessionFor(t, demoEmail(role));
      expect((await call('POST', '/api/v1/pupils', s, newPupil())).statusCode, role).toBe(403);
      expect((await call('PATCH', `/api/v1/pupils/${id}`, s, { version: 1, legalForename: 'X' })).statusCode, role).toBe(403);
      expect((await call('POST', `/api/v1/pupils/${id}/contacts`, s, { forename: 'A', surname: 'B', relationship: 'Mother', parentalResponsibility: true, email: null, phone: '01234 567890', address: null, preferredContact: 'phone', title: null, language: null })).statusCode, role).toBe(403);
    }
    expect((await call('POST', '/api/v1/pupils', office, newPupil({ siteId: site2 }))).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/pupils', office, newPupil({ siteId: '0190a6c4-0000-7000-8000-000000000000' }))).statusCode).toBe(404);
    const atSite2 = await create({ siteId: site2 }, admin);
    expect((await call('PATCH', `/api/v1/pupils/${atSite2.id}`, office, { version: 1, legalForename: 'X' })).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/pupils/${atSite2.id}/leave`, office, { version: 1, date: '2026-01-01', reason: 'Other' })).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/pupils/${atSite2.id}/contacts/0190a6c4-0000-7000-8000-000000000000`, office)).statusCode).toBe(404);
    // the office of site 1 lists only site 1; the trust administrator lists both
    const mine = json<{ items: { siteId: string }[] }>(await call('GET', '/api/v1/pupils?pageSize=200', office));
    expect(new Set(mine.items.map((i) => i.siteId))).toEqual(new Set([site1]));
    expect((await call('GET', `/api/v1/pupils?siteId=${site2}`, office)).statusCode).toBe(403);
    const all = json<{ total: number }>(await call('GET', `/api/v1/pupils?siteId=${site2}`, admin));
    expect(all.total).toBeGreaterThan(0);
  });

  it('keeps the sealed facts for the DSL of the site alone, audited without their values', async () => {
    const { id } = await create();
    expect((await call('PUT', `/api/v1/pupils/${id}/sealed`, office, { version: 1, childInNeed: true, childProtectionPlan: false })).statusCode).toBe(403);
    expect((await call('PATCH', `/api/v1/pupils/${id}`, office, { version: 1, childInNeed: true })).statusCode).toBe(400);
    const dsl = await sessionFor(t, demoEmail('dsl'));
    expect((await profile(id, dsl)).allowed).toContain('editSealed');
    const res = await call('PUT', `/api/v1/pupils/${id}/sealed`, dsl, { version: 1, childInNeed: true, childProtectionPlan: false });
    expect(res.statusCode, res.body).toBe(200);
    expect((await profile(id, dsl)).sealed).toEqual({ childInNeed: true, childProtectionPlan: false });
    const seenByOffice = await call('GET', `/api/v1/pupils/${id}`, office);
    expect(seenByOffice.body).not.toMatch(/childInNeed|childProtectionPlan/);
    const [entry] = await audits(id, 'pupil.sealed.updated');
    // the names of the fields changed, never their values
    expect(entry!.details).toEqual({ sealed: true, fields: ['childInNeed'] });
    const atSite2 = await create({ siteId: site2 }, admin);
    expect((await call('PUT', `/api/v1/pupils/${atSite2.id}/sealed`, dsl, { version: 1, childInNeed: true, childProtectionPlan: true })).statusCode).toBe(404);
  });

  it('links contacts with parental responsibility, order and preferences; edits, reorders and removes them; all audited', async () => {
    const { id } = await create();
    const mother = { title: 'Mrs', forename: 'Anna', surname: 'Ward', relationship: 'Mother', parentalResponsibility: true, email: 'Anna.Ward@example.org',
      phone: '07700 900123', address: null, preferredContact: 'email', language: 'Polish' };
    const a = await call('POST', `/api/v1/pupils/${id}/contacts`, office, mother);
    expect(a.statusCode, a.body).toBe(201);
    const carer = { title: null, forename: 'Piotr', surname: 'Nowak', relationship: 'Carer', parentalResponsibility: false, email: null,
      phone: null, address: '1 High Street\nTown\nAB1 2CD', preferredContact: 'letter', language: null, priority: 1 };
    const b = await call('POST', `/api/v1/pupils/${id}/contacts`, office, carer);
    expect(b.statusCode, b.body).toBe(201);
    let p = await profile(id);
    expect(p.contacts.map((c) => [c.forename, c.priority])).toEqual([['Piotr', 1], ['Anna', 2]]);
    expect(p.contacts[1]).toMatchObject({ name: 'Mrs Anna Ward', parentalResponsibility: true, email: 'anna.ward@example.org', preferredContact: 'email', language: 'Polish' });
    expect(p.contacts[0]).toMatchObject({ parentalResponsibility: false, address: '1 High Street\nTown\nAB1 2CD', preferredContact: 'letter' });
    // a preference without the matching detail, a bad email, a duplicate name
    const noEmail = await call('POST', `/api/v1/pupils/${id}/contacts`, office, { ...carer, forename: 'Jan', preferredContact: 'email' });
    expect(fieldsOf(noEmail.body)).toEqual(['email']);
    const badEmail = await call('POST', `/api/v1/pupils/${id}/contacts`, office, { ...mother, forename: 'Ola', email: 'not an email' });
    expect(fieldsOf(badEmail.body)).toEqual(['email']);
    const badPhone = await call('POST', `/api/v1/pupils/${id}/contacts`, office, { ...mother, forename: 'Ola', phone: 'call me' });
    expect(fieldsOf(badPhone.body)).toEqual(['phone']);
    expect((await call('POST', `/api/v1/pupils/${id}/contacts`, office, mother)).statusCode).toBe(409);
    // edit: the mother first, her phone preferred
    const motherId = json<{ id: string }>(a).id;
    const edit = await call('PATCH', `/api/v1/pupils/${id}/contacts/${motherId}`, office, { priority: 1, preferredContact: 'phone', relationship: 'Mum' });
    expect(edit.statusCode, edit.body).toBe(200);
    p = await profile(id);
    expect(p.contacts.map((c) => [c.forename, c.priority, c.relationship, c.preferredContact])).toEqual([['Anna', 1, 'Mum', 'phone'], ['Piotr', 2, 'Carer', 'letter']]);
    const noPhone = await call('PATCH', `/api/v1/pupils/${id}/contacts/${motherId}`, office, { phone: null });
    expect(fieldsOf(noPhone.body)).toEqual(['phone']);
    // a sibling's contact of the same name and email is the same person
    const sibling = await create({ legalForename: 'Leo' });
    const s = await call('POST', `/api/v1/pupils/${sibling.id}/contacts`, office, { ...mother, preferredContact: 'phone' });
    expect(json<{ id: string }>(s).id).toBe(motherId);
    // remove: the other moves up; the shared contact stays for the sibling
    expect((await call('DELETE', `/api/v1/pupils/${id}/contacts/${motherId}`, office)).statusCode).toBe(200);
    p = await profile(id);
    expect(p.contacts.map((c) => [c.forename, c.priority])).toEqual([['Piotr', 1]]);
    expect((await profile(sibling.id)).contacts.map((c) => c.id)).toEqual([motherId]);
    expect((await call('DELETE', `/api/v1/pupils/${id}/contacts/${motherId}`, office)).statusCode).toBe(404);
    const carerId = json<{ id: string }>(b).id;
    expect((await call('DELETE', `/api/v1/pupils/${id}/contacts/${carerId}`, office)).statusCode).toBe(200);
    expect(await audits(carerId, 'contact.deleted')).toHaveLength(1);
    const linked = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, id), eq(auditEntries.action, 'pupil.contact.linked')));
    expect(linked).toHaveLength(2);
    expect(linked[0]!.details).toMatchObject({ records: [expect.objectContaining({ parentalResponsibility: expect.any(Boolean) })] });
    expect(await audits(id, 'pupil.contact.updated')).toHaveLength(1);
    expect(await audits(id, 'pupil.contact.unlinked')).toHaveLength(2);
    expect(await audits(motherId, 'contact.updated')).toHaveLength(1);
  });
});
