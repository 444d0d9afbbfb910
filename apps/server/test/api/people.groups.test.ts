/**
 * Forms, classes and teaching groups kept by hand (/api/v1/people/groups): who may keep them where, bad input named,
 * create, rename, archive and bring back, members in and out (a form moves a pupil from their old form), the audit
 * trail, pickers that leave archived groups out, and an import that names an archived group bringing it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPeopleGroup, TPeopleGroupDetail } from '@haven/contracts';
import { dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { csv, importFile, utf8 } from './imports.fixtures.ts';
import { fieldsOf, NOWHERE, peopleWorld, type PeopleWorld } from './people.fixtures.ts';

describe.each(dbKinds())('forms and classes kept by hand on %s', (kind) => {
  let w: PeopleWorld;
  let t: TestContext;
  let admin: Session;
  let office: Session;
  let site1: string;
  let site2: string;
  const req: PeopleWorld['req'] = (...a) => w.req(...a);
  const onRoll = (siteId: string, n: number) => t.database.query<{ id: string; upn: string; form_group_id: string | null }>(
    `select id, upn, form_group_id from pupils where site_id = $1 and enrolment_start <= current_date and (enrolment_end is null or enrolment_end >= current_date)
     and form_group_id is not null order by legal_surname, id limit ${n}`, [siteId]);
  const audits: PeopleWorld['audits'] = (...a) => w.audits(...a);

  beforeAll(async () => { w = await peopleWorld(kind); ({ t, admin, office, site1, site2 } = w); });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers, roles that do not keep records, other sites and groups of other sites', async () => {
    expect((await req('GET', `/api/v1/people/groups?siteId=${site1}`)).statusCode).toBe(401);
    for (const role of ['staff', 'head', 'dsl', 'behaviour_lead', 'governor', 'parent', 'agency']) {
      const s = await sessionFor(t, demoEmail(role));
      expect((await req('GET', `/api/v1/people/groups?siteId=${site1}`, s)).statusCode, role).toBe(403);
      expect((await req('POST', '/api/v1/people/groups', s, { siteId: site1, name: 'Nope' })).statusCode, role).toBe(403);
    }
    expect((await req('GET', `/api/v1/people/groups?siteId=${site2}`, office)).statusCode).toBe(403);
    expect((await req('POST', '/api/v1/people/groups', office, { siteId: site2, name: 'Other school' })).statusCode).toBe(403);
    expect((await req('GET', `/api/v1/people/groups?siteId=${NOWHERE}`, admin)).statusCode).toBe(404);
    const theirs = json<TPeopleGroup>(await req('POST', '/api/v1/people/groups', admin, { siteId: site2, name: 'ZZ Site two form', yearGroup: 7 }));
    for (const [method, url, body] of [['GET', ''], ['PATCH', '', { name: 'Mine now' }], ['POST', '/members', { pupilIds: [NOWHERE] }],
      ['GET', '/candidates?search=ab'], ['DELETE', `/members/${NOWHERE}`]] as const) {
      expect((await req(method, `/api/v1/people/groups/${theirs.id}${url}`, office, body)).statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('answers bad input with 400 naming the field, and saves nothing', async () => {
    const before = Number((await t.database.query<{ n: number }>('select count(*)::int as n from pupil_groups'))[0]!.n);
    expect(fieldsOf((await req('POST', '/api/v1/people/groups', office, { siteId: site1, name: '   ' })).body)).toEqual(['name']);
    expect(fieldsOf((await req('POST', '/api/v1/people/groups', office, { siteId: site1, name: 'A', kind: 'house' })).body)).toEqual(['kind']);
    expect(fieldsOf((await req('POST', '/api/v1/people/groups', office, { siteId: site1, name: 'A', yearGroup: 20 })).body)).toEqual(['yearGroup']);
    expect(fieldsOf((await req('POST', '/api/v1/people/groups', office, { siteId: 'site-1', name: 'A' })).body)).toEqual(['siteId']);
    expect(fieldsOf((await req('GET', `/api/v1/people/groups?siteId=${site1}&status=gone`, office)).body)).toEqual(['status']);
    const g = json<TPeopleGroup>(await req('POST', '/api/v1/people/groups', office, { siteId: site1, name: 'ZZ Bad input', kind: 'class' }));
    expect(fieldsOf((await req('POST', `/api/v1/people/groups/${g.id}/members`, office, { pupilIds: [] })).body)).toEqual(['pupilIds']);
    const [p2] = await onRoll(site2, 1);
    const other = await req('POST', `/api/v1/people/groups/${g.id}/members`, office, { pupilIds: [(await onRoll(site1, 1))[0]!.id, p2!.id] });
    expect(other.statusCode).toBe(400);
    expect(fieldsOf(other.body)).toEqual(['pupilIds.1']);
    expect(fieldsOf((await req('GET', `/api/v1/people/groups/${g.id}/candidates?search=a`, office)).body)).toEqual(['search']);
    expect((await req('GET', '/api/v1/people/groups/not-an-id', office)).statusCode).toBe(400);
    const members = await t.database.query('select 1 from pupil_group_members where group_id = $1', [g.id]);
    expect(members).toHaveLength(0);
    expect(Number((await t.database.query<{ n: number }>('select count(*)::int as n from pupil_groups'))[0]!.n)).toBe(before + 1);
  });

  it('creates, renames, fills, empties, archives and brings back a form, auditing each step', async () => {
    const created = await req('POST', '/api/v1/people/groups', office, { siteId: site1, name: 'ZZ 9Q', yearGroup: 9 });
    expect(created.statusCode).toBe(201);
    const g = json<TPeopleGroup>(created);
    expect(g).toMatchObject({ name: 'ZZ 9Q', kind: 'form', yearGroup: 9, memberCount: 0, archivedAt: null, allowed: expect.arrayContaining(['update']) });
    const dup = await req('POST', '/api/v1/people/groups', admin, { siteId: site1, name: 'zz 9q', kind: 'class' });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup.body)).toEqual(['name']);
    expect(json<{ items: TPeopleGroup[] }>(await req('GET', `/api/v1/people/groups?siteId=${site1}`, office)).items.map((x) => x.id)).toContain(g.id);

    const two = await onRoll(site1, 2);
    const found = json<{ items: { pupilId: string }[] }>(await req('GET', `/api/v1/people/groups/${g.id}/candidates?search=${two[0]!.upn}`, office)).items;
    expect(found.map((p) => p.pupilId)).toEqual([two[0]!.id]);
    const filled = json<TPeopleGroupDetail>(await req('POST', `/api/v1/people/groups/${g.id}/members`, office, { pupilIds: two.map((p) => p.id) }));
    expect(filled.memberCount).toBe(2);
    expect(filled.members.map((m) => m.formName)).toEqual(['ZZ 9Q', 'ZZ 9Q']);
    expect(json<{ items: TPeopleGroup[] }>(await req('GET', `/api/v1/people/groups?siteId=${site1}`, office)).items.find((x) => x.id === g.id)!.memberCount).toBe(2);
    // they moved: the form is theirs, and they left their old form
    for (const p of two) {
      expect((await t.database.query<{ f: string }>('select form_group_id as f from pupils where id = $1', [p.id]))[0]!.f).toBe(g.id);
      expect(await t.database.query('select 1 from pupil_group_members where group_id = $1 and pupil_id = $2', [p.form_group_id, p.id])).toHaveLength(0);
    }
    expect(json<TPeopleGroupDetail>(await req('POST', `/api/v1/people/groups/${g.id}/members`, office, { pupilIds: [two[0]!.id] })).memberCount).toBe(2);

    const renamed = json<TPeopleGroup>(await req('PATCH', `/api/v1/people/groups/${g.id}`, office, { name: 'ZZ 9Quince' }));
    expect(renamed.name).toBe('ZZ 9Quince');
    const stillUsed = await req('PATCH', `/api/v1/people/groups/${g.id}`, office, { archived: true });
    expect(stillUsed.statusCode).toBe(409);
    expect(fieldsOf(stillUsed.body)).toEqual(['archived']);
    expect(fieldsOf((await req('PATCH', `/api/v1/people/groups/${g.id}`, office, { kind: 'class' })).body)).toEqual(['kind']);

    for (const p of two) expect((await req('DELETE', `/api/v1/people/groups/${g.id}/members/${p.id}`, office)).statusCode).toBe(200);
    expect((await t.database.query<{ f: string | null }>('select form_group_id as f from pupils where id = $1', [two[0]!.id]))[0]!.f).toBeNull();
    expect((await req('DELETE', `/api/v1/people/groups/${g.id}/members/${two[0]!.id}`, office)).statusCode).toBe(404);

    const archived = json<TPeopleGroup>(await req('PATCH', `/api/v1/people/groups/${g.id}`, office, { archived: true }));
    expect(archived.archivedAt).not.toBeNull();
    const listed = async (status: string) => json<{ items: TPeopleGroup[] }>(await req('GET', `/api/v1/people/groups?siteId=${site1}&status=${status}`, office)).items.map((x) => x.id);
    expect(await listed('current')).not.toContain(g.id);
    expect(await listed('archived')).toContain(g.id);
    const staff = await sessionFor(t, demoEmail('staff'));
    const picker = json<{ items: { id: string }[] }>(await req('GET', '/api/v1/pupil-groups', staff)).items.map((x) => x.id);
    expect(picker.length).toBeGreaterThan(0);
    expect(picker).not.toContain(g.id);
    const closed = await req('POST', `/api/v1/people/groups/${g.id}/members`, office, { pupilIds: [two[0]!.id] });
    expect(closed.statusCode).toBe(409);
    expect(json<TPeopleGroup>(await req('PATCH', `/api/v1/people/groups/${g.id}`, office, { archived: false })).archivedAt).toBeNull();

    for (const action of ['group.created', 'group.member.added', 'group.member.removed', 'group.updated', 'group.archived', 'group.restored']) {
      const rows = await audits(action, g.id);
      expect(rows.length, action).toBeGreaterThan(0);
      expect(rows.every((r) => r.actor_user_id === office.userId), action).toBe(true);
    }
    expect(JSON.stringify((await audits('group.updated', g.id))[0]!.details)).toContain('ZZ 9Quince');
    // the old forms record that the pupils moved out
    const moved = await t.database.query<{ details: { records: { movedTo?: string }[] } }>(
      `select details from audit_entries where action = 'group.member.removed' and entity_id = $1`, [two[0]!.form_group_id]);
    expect(moved.some((r) => r.details.records.some((x) => x.movedTo === g.id))).toBe(true);
  });

  it('brings an archived group back when an import names it again', async () => {
    const g = json<TPeopleGroup>(await req('POST', '/api/v1/people/groups', office, { siteId: site1, name: 'ZZ Art club', kind: 'teaching_group' }));
    await req('PATCH', `/api/v1/people/groups/${g.id}`, office, { archived: true });
    const [p] = await onRoll(site1, 1);
    await importFile(t, office, 'groups', site1, utf8(csv([['Group Name', 'Group Type', 'UPN'], ['ZZ Art club', 'Set', p!.upn]])));
    const back = json<TPeopleGroupDetail>(await req('GET', `/api/v1/people/groups/${g.id}`, office));
    expect(back.archivedAt).toBeNull();
    expect(back.members.map((m) => m.pupilId)).toEqual([p!.id]);
  });
});
