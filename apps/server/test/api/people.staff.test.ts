/**
 * Staff records (/api/v1/people/staff): who may keep them where, bad input named, supply staff without an account
 * added, edited and marked as left; every user given a staff role gets a record in the same transaction (and a new
 * site gives trust-wide staff one); and on a school with no staff records of its own, a physical intervention can
 * name both the member of staff with an account and the supply teacher without one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { TStaffRecord, TUser } from '@haven/contracts';
import { dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { fieldsOf, NOWHERE, peopleWorld, type PeopleWorld } from './people.fixtures.ts';
interface StaffRow { id: string; site_id: string; user_id: string | null; forename: string; surname: string; job_title: string; email: string | null; active: boolean }

describe.each(dbKinds())('staff records on %s', (kind) => {
  let w: PeopleWorld;
  let t: TestContext;
  let admin: Session;
  let office: Session;
  let site1: string;
  let site2: string;
  let serial = 0;
  const req: PeopleWorld['req'] = (...a) => w.req(...a);
  const audits: PeopleWorld['audits'] = (...a) => w.audits(...a);
  const recordsOf = (userId: string) => t.database.query<StaffRow>('select * from staff_members where user_id = $1 order by site_id', [userId]);
  const newUser = async (displayName: string, assignments: { role: string; siteId: string | null }[]) => {
    const res = await req('POST', '/api/v1/admin/users', admin, { email: `zs.${++serial}.${Date.now()}@example.org`, displayName, password: 'a long starting password', assignments });
    expect(res.statusCode, res.body).toBe(201);
    return json<TUser>(res);
  };

  beforeAll(async () => { w = await peopleWorld(kind); ({ t, admin, office, site1, site2 } = w); });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers, roles that do not keep records, other sites and records of other sites', async () => {
    expect((await req('GET', `/api/v1/people/staff?siteId=${site1}`)).statusCode).toBe(401);
    for (const role of ['staff', 'head', 'dsl', 'behaviour_lead', 'governor', 'parent', 'agency']) {
      const s = await sessionFor(t, demoEmail(role));
      expect((await req('GET', `/api/v1/people/staff?siteId=${site1}`, s)).statusCode, role).toBe(403);
      expect((await req('POST', '/api/v1/people/staff', s, { siteId: site1, forename: 'No', surname: 'Body', jobTitle: 'Supply teacher' })).statusCode, role).toBe(403);
    }
    expect((await req('GET', `/api/v1/people/staff?siteId=${site2}`, office)).statusCode).toBe(403);
    expect((await req('POST', '/api/v1/people/staff', office, { siteId: site2, forename: 'No', surname: 'Body', jobTitle: 'Supply' })).statusCode).toBe(403);
    expect((await req('GET', `/api/v1/people/staff?siteId=${NOWHERE}`, admin)).statusCode).toBe(404);
    const theirs = (await t.database.query<{ id: string }>('select id from staff_members where site_id = $1 limit 1', [site2]))[0]!.id;
    expect((await req('GET', `/api/v1/people/staff/${theirs}`, office)).statusCode).toBe(404);
    expect((await req('PATCH', `/api/v1/people/staff/${theirs}`, office, { active: false })).statusCode).toBe(404);
    expect((await t.database.query<{ active: boolean }>('select active from staff_members where id = $1', [theirs]))[0]!.active).toBe(true);
  });

  it('answers bad input with 400 naming the field, and saves nothing', async () => {
    const count = async () => Number((await t.database.query<{ n: number }>('select count(*)::int as n from staff_members'))[0]!.n);
    const before = await count();
    const base = { siteId: site1, forename: 'Pat', surname: 'Supply', jobTitle: 'Supply teacher' };
    expect(fieldsOf((await req('POST', '/api/v1/people/staff', office, { ...base, forename: ' ' })).body)).toEqual(['forename']);
    expect(fieldsOf((await req('POST', '/api/v1/people/staff', office, { ...base, jobTitle: '' })).body)).toEqual(['jobTitle']);
    expect(fieldsOf((await req('POST', '/api/v1/people/staff', office, { ...base, email: 'pat at school' })).body)).toEqual(['email']);
    expect(fieldsOf((await req('POST', '/api/v1/people/staff', office, { ...base, staffCode: 'X'.repeat(21) })).body)).toEqual(['staffCode']);
    expect(fieldsOf((await req('POST', '/api/v1/people/staff', office, { ...base, userId: NOWHERE })).body)).toEqual(['userId']);
    expect(fieldsOf((await req('GET', `/api/v1/people/staff?siteId=${site1}&status=away`, office)).body)).toEqual(['status']);
    const anyRecord = (await t.database.query<{ id: string }>('select id from staff_members where site_id = $1 limit 1', [site1]))[0]!.id;
    expect(fieldsOf((await req('PATCH', `/api/v1/people/staff/${anyRecord}`, office, { active: 'no' })).body)).toEqual(['active']);
    expect(await count()).toBe(before);
  });

  it('adds supply staff without an account, edits them, marks them as left and back, auditing each change', async () => {
    const res = await req('POST', '/api/v1/people/staff', office, { siteId: site1, forename: ' Pat ', surname: 'Supply', jobTitle: 'Supply teacher', email: '', staffCode: 'ZPS' });
    expect(res.statusCode, res.body).toBe(201);
    const pat = json<TStaffRecord>(res);
    expect(pat).toMatchObject({ forename: 'Pat', displayName: 'Pat Supply', email: null, staffCode: 'ZPS', userId: null, active: true });
    const dup = await req('POST', '/api/v1/people/staff', office, { siteId: site1, forename: 'Another', surname: 'Person', jobTitle: 'Cover supervisor', staffCode: 'zps' });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup.body)).toEqual(['staffCode']);
    const edited = json<TStaffRecord>(await req('PATCH', `/api/v1/people/staff/${pat.id}`, office, { jobTitle: 'Supply teacher (maths)', email: 'Pat.Supply@Agency.example.org' }));
    expect(edited).toMatchObject({ jobTitle: 'Supply teacher (maths)', email: 'pat.supply@agency.example.org', userId: null });

    const staff = await sessionFor(t, demoEmail('staff'));
    const picker = async () => json<{ items: { id: string }[] }>(await req('GET', `/api/v1/staff?siteId=${site1}&search=supply`, staff)).items.map((s) => s.id);
    expect(await picker()).toContain(pat.id);
    expect(json<TStaffRecord>(await req('PATCH', `/api/v1/people/staff/${pat.id}`, office, { active: false })).active).toBe(false);
    const listed = async (status: string) => json<{ items: TStaffRecord[] }>(await req('GET', `/api/v1/people/staff?siteId=${site1}&status=${status}&search=ZPS`, office)).items.map((s) => s.id);
    expect(await listed('current')).toEqual([]);
    expect(await listed('left')).toEqual([pat.id]);
    expect(await picker()).not.toContain(pat.id);
    expect(json<TStaffRecord>(await req('PATCH', `/api/v1/people/staff/${pat.id}`, office, { active: true })).active).toBe(true);

    expect((await audits('staff.created', pat.id)).map((a) => a.actor_user_id)).toEqual([office.userId]);
    const updates = await audits('staff.updated', pat.id);
    expect(updates).toHaveLength(3);
    expect(updates[0]!.details).toMatchObject({ before: { jobTitle: 'Supply teacher', email: null }, after: { jobTitle: 'Supply teacher (maths)' } });
    expect(updates.map((u) => (u.details.after as { active?: boolean }).active)).toEqual([undefined, false, true]);
  });

  it('gives every user with a staff role a staff record where they hold it, in the same transaction', async () => {
    const teacher = await newUser('Siobhán  O\'Brien', [{ role: 'staff', siteId: site1 }]);
    const [rec] = await recordsOf(teacher.id);
    expect(rec).toMatchObject({ site_id: site1, forename: 'Siobhán', surname: "O'Brien", job_title: 'Member of staff', email: teacher.email, active: true });
    expect((await audits('staff.created', rec!.id))[0]!.details).toMatchObject({ automatic: true, linkedToUser: true });
    expect(json<{ items: TStaffRecord[] }>(await req('GET', `/api/v1/people/staff?siteId=${site1}&search=O'Brien`, office)).items.map((s) => s.id)).toContain(rec!.id);
    // a user who has a record at the school already is not linked to a second one that the office adds with their email
    await req('PATCH', `/api/v1/people/staff/${rec!.id}`, office, { email: 'siobhan.personal@example.org' });
    const second = json<TStaffRecord>(await req('POST', '/api/v1/people/staff', office, { siteId: site1, forename: 'Siobhán', surname: 'O\'Brien', jobTitle: 'Tutor', email: teacher.email }));
    expect(second.userId).toBeNull();

    // a second role at another site: a record there too, named by the most senior role
    await req('POST', `/api/v1/admin/users/${teacher.id}/assignments`, admin, { role: 'dsl', siteId: site2 });
    expect((await recordsOf(teacher.id)).map((r) => [r.site_id, r.job_title]).sort()).toEqual([[site1, 'Member of staff'], [site2, 'Designated safeguarding lead']].sort());
    // a second staff role where they already have one: no second record
    await req('POST', `/api/v1/admin/users/${teacher.id}/assignments`, admin, { role: 'senco', siteId: site1 });
    expect(await recordsOf(teacher.id)).toHaveLength(2);

    // governors, parents and agency professionals are not staff
    const governor = await newUser('Grace Governor', [{ role: 'governor', siteId: site1 }, { role: 'parent', siteId: site1 }]);
    expect(await recordsOf(governor.id)).toHaveLength(0);

    // a trust-wide staff role: a record at every active site
    const allSites = (await t.database.query<{ id: string }>('select id from sites where active order by id')).map((r) => r.id);
    const lead = await newUser('Tara Trustwide', [{ role: 'cluster_lead', siteId: null }]);
    expect((await recordsOf(lead.id)).map((r) => r.site_id).sort()).toEqual(allSites.sort());

    // a record the office added before the account (same email, no account) is linked, not doubled
    const early = json<TStaffRecord>(await req('POST', '/api/v1/people/staff', office, { siteId: site1, forename: 'Early', surname: 'Bird', jobTitle: 'Teaching assistant', email: `zs.early.${Date.now()}@example.org` }));
    const res = await req('POST', '/api/v1/admin/users', admin, { email: early.email, displayName: 'Early Bird', password: 'a long starting password', assignments: [{ role: 'staff', siteId: site1 }] });
    const bird = json<TUser>(res);
    expect((await recordsOf(bird.id)).map((r) => [r.id, r.job_title])).toEqual([[early.id, 'Teaching assistant']]);

    // a new site: trust-wide staff get a record there
    const site = json<{ id: string }>(await req('POST', '/api/v1/admin/sites', admin, { name: 'Zed Lane Academy', shortName: `ZED${serial}`, phase: 'primary', kind: 'mainstream' }));
    expect((await recordsOf(lead.id)).map((r) => r.site_id)).toContain(site.id);
    const adminUser = (await t.database.query<{ id: string }>('select id from users where email = $1', [demoEmail('trust_admin')]))[0]!.id;
    expect((await recordsOf(adminUser)).map((r) => r.site_id)).toContain(site.id);
  });

  it('gives users who had a staff role before this release their records through the migration, linking records with their email', async () => {
    const dir = path.resolve(import.meta.dirname, '../../src/db/migrations');
    const file = fs.readdirSync(dir).find((f) => f.endsWith('_people_staff.sql'))!;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const statements = text.slice(text.indexOf('-- hand-written:')).split('--> statement-breakpoint').map((x) => x.trim()).filter(Boolean);
    const trustId = (await t.database.query<{ id: string }>('select trust_id as id from sites where id = $1', [site1]))[0]!.id;
    const [older, governor] = [uuidv7(), uuidv7()];
    const email = `zs.older.${Date.now()}@example.org`;
    await t.database.query(`insert into users (id, trust_id, email, display_name) values ($1, $2, $3, '  Mary  Ann Jones '), ($4, $2, $5, 'Gil Governor')`,
      [older, trustId, email, governor, `zs.gov.${Date.now()}@example.org`]);
    await t.database.query(`insert into role_assignments (id, trust_id, user_id, role, site_id) values ($1, $2, $3, 'staff', $4), ($5, $2, $3, 'head', $6), ($7, $2, $8, 'governor', $4)`,
      [uuidv7(), trustId, older, site1, uuidv7(), site2, uuidv7(), governor]);
    const imported = uuidv7();
    await t.database.query(`insert into staff_members (id, trust_id, site_id, forename, surname, job_title, email) values ($1, $2, $3, 'Mary Ann', 'Jones', 'Teacher of English', $4)`,
      [imported, trustId, site1, email.toUpperCase()]);
    for (const st of statements) await t.database.query(st);
    const records = await recordsOf(older);
    expect(records.find((r) => r.site_id === site1)).toMatchObject({ id: imported, job_title: 'Teacher of English' });
    expect(records.find((r) => r.site_id === site2)).toMatchObject({ forename: 'Mary', surname: 'Ann Jones', job_title: 'Headteacher', email, active: true });
    expect(records).toHaveLength(2);
    expect(await recordsOf(governor)).toHaveLength(0);
    // every user with a staff role now has a record wherever they hold it; running it again changes nothing
    const missing = `select count(*)::int as n from role_assignments ra join sites s on s.trust_id = ra.trust_id and (s.id = ra.site_id or (ra.site_id is null and s.active))
      where ra.role not in ('parent', 'agency', 'governor') and not exists (select 1 from staff_members sm where sm.user_id = ra.user_id and sm.site_id = s.id)`;
    expect((await t.database.query<{ n: number }>(missing))[0]!.n).toBe(0);
    const count = async () => (await t.database.query<{ n: number }>('select count(*)::int as n from staff_members'))[0]!.n;
    const before = await count();
    for (const st of statements) await t.database.query(st);
    expect(await count()).toBe(before);
  });

  it('lets a physical intervention at a school with no other staff records name a user with a staff role and a supply teacher', async () => {
    const site = json<{ id: string }>(await req('POST', '/api/v1/admin/sites', admin, { name: 'Fresh Start School', shortName: `FRS${++serial}`, phase: 'secondary', kind: 'semh' }));
    const teacherUser = await newUser('Fred Fresh', [{ role: 'staff', siteId: site.id }]);
    const teacher = await sessionFor(t, teacherUser.email);
    const supply = json<TStaffRecord>(await req('POST', '/api/v1/people/staff', admin, { siteId: site.id, forename: 'Sally', surname: 'Supply', jobTitle: 'Supply teacher' }));
    expect(supply.userId).toBeNull();
    // the picker the incident form uses lists both
    const picker = json<{ items: { id: string; displayName: string; userId: string | null }[] }>(await req('GET', `/api/v1/staff?siteId=${site.id}`, teacher)).items;
    const own = picker.find((s) => s.userId === teacherUser.id)!;
    expect(own.displayName).toBe('Fred Fresh');
    expect(picker.map((s) => s.id)).toContain(supply.id);

    const trustId = (await t.database.query<{ id: string }>('select trust_id as id from sites where id = $1', [site.id]))[0]!.id;
    const pupilId = '0190a6c4-1111-7000-8000-000000000001';
    await t.database.query(`insert into pupils (id, trust_id, site_id, upn, legal_forename, legal_surname, date_of_birth, sex, year_group, enrolment_start)
      values ($1, $2, $3, 'Z999999926001', 'Finn', 'First', '2013-03-04', 'M', 8, '2026-09-01')`, [pupilId, trustId, site.id]);
    const technique = (await t.database.query<{ code: string }>(`select code from policy_options where kind = 'technique' and active and site_id is null order by code limit 1`))[0]!.code;
    const res = await req('POST', '/api/v1/incidents', teacher, {
      siteId: site.id, occurredAt: '2026-11-16T10:00:00Z', pupils: [{ pupilId, role: 'instigator' }],
      staff: [{ staffId: own.id, role: 'involved' }, { staffId: supply.id, role: 'involved' }], behaviour: 'Ran towards the road',
      physicalIntervention: true,
      physicalInterventions: [{ pupilId, kind: 'force_with_contact', startedAt: '2026-11-16T10:00:00Z', endedAt: '2026-11-16T10:05:00Z',
        staffTechniques: [{ staffId: own.id, techniqueCodes: [technique] }, { staffId: supply.id, techniqueCodes: [technique] }] }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const incident = json<{ staff: { staffId: string; name: string }[]; physicalInterventions: { staffTechniques: { staffId: string }[] }[] }>(res);
    expect(incident.staff.map((s) => s.name).sort()).toEqual(['Fred Fresh', 'Sally Supply']);
    expect(incident.physicalInterventions[0]!.staffTechniques.map((s) => s.staffId)).toEqual([own.id, supply.id]);
  });
});
