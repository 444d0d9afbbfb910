/**
 * Each site's exclusion contacts (/api/v1/exclusion-contacts): trust administrators for every site, a site's office and
 * headteacher for theirs; emails and UK phone numbers checked and the field named; every change audited; and the
 * virtual school head's name used when the school tells them of a suspension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TExclusionContacts } from '@haven/contracts';
import { dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { fieldsOf, NOWHERE, peopleWorld, type PeopleWorld } from './people.fixtures.ts';
const GOOD = {
  laName: 'Westmoor Council', laEmail: 'Exclusions@Westmoor.example.gov.uk', laPhone: '+44 (0)1632 960123',
  boardClerkName: 'Jo Clerk', boardClerkEmail: 'clerk@school.example.org', boardClerkPhone: '01632 960 456',
  virtualSchoolName: 'Dr Vera Head', virtualSchoolEmail: 'vsh@westmoor.example.gov.uk', virtualSchoolPhone: '',
  representationsContact: 'Write to the clerk to the governors at the school address, or email clerk@school.example.org',
};

describe.each(dbKinds())('exclusion contacts on %s', (kind) => {
  let w: PeopleWorld;
  let t: TestContext;
  let admin: Session;
  let office: Session;
  let head: Session;
  let site1: string;
  let site2: string;
  const req: PeopleWorld['req'] = (...a) => w.req(...a);
  const stored = async (siteId: string) => (await t.database.query<Record<string, unknown>>('select * from exclusion_contacts where site_id = $1', [siteId]))[0];

  beforeAll(async () => {
    w = await peopleWorld(kind);
    ({ t, admin, office, site1, site2 } = w);
    head = await sessionFor(t, demoEmail('head'));
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers, other roles, other sites and sites of no trust', async () => {
    expect((await req('GET', '/api/v1/exclusion-contacts')).statusCode).toBe(401);
    expect((await req('PUT', `/api/v1/exclusion-contacts/${site1}`, undefined, GOOD)).statusCode).toBe(401);
    for (const role of ['staff', 'behaviour_lead', 'dsl', 'slt', 'senco', 'governor', 'parent', 'agency']) {
      const s = await sessionFor(t, demoEmail(role));
      expect((await req('GET', '/api/v1/exclusion-contacts', s)).statusCode, role).toBe(403);
      expect((await req('PUT', `/api/v1/exclusion-contacts/${site1}`, s, GOOD)).statusCode, role).toBe(403);
    }
    const before = await stored(site2);
    expect((await req('PUT', `/api/v1/exclusion-contacts/${site2}`, office, GOOD)).statusCode).toBe(403);
    expect((await req('PUT', `/api/v1/exclusion-contacts/${site2}`, head, GOOD)).statusCode).toBe(403);
    expect(await stored(site2)).toEqual(before);
    expect((await req('PUT', `/api/v1/exclusion-contacts/${NOWHERE}`, admin, GOOD)).statusCode).toBe(404);
  });

  it('lists the sites each caller keeps contacts for', async () => {
    const sitesIn = async (s: Session) => json<{ items: TExclusionContacts[] }>(await req('GET', '/api/v1/exclusion-contacts', s)).items.map((c) => c.siteId);
    expect(await sitesIn(office)).toEqual([site1]);
    expect(await sitesIn(head)).toEqual([site1]);
    const all = (await t.database.query<{ id: string }>('select id from sites')).map((r) => r.id);
    expect((await sitesIn(admin)).sort()).toEqual(all.sort());
  });

  it('answers bad emails, phone numbers and missing names with 400 naming the field, and saves nothing', async () => {
    const before = await stored(site1);
    const bad = async (patch: Record<string, unknown>) => {
      const res = await req('PUT', `/api/v1/exclusion-contacts/${site1}`, office, { ...GOOD, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      return fieldsOf(res.body);
    };
    expect(await bad({ laEmail: 'exclusions at westmoor' })).toEqual(['laEmail']);
    expect(await bad({ boardClerkEmail: 'clerk@' })).toEqual(['boardClerkEmail']);
    expect(await bad({ laPhone: '12345' })).toEqual(['laPhone']);
    expect(await bad({ virtualSchoolPhone: '0800 CALL NOW' })).toEqual(['virtualSchoolPhone']);
    expect(await bad({ boardClerkPhone: '+1 212 555 0100' })).toEqual(['boardClerkPhone']);
    expect(await bad({ laName: ' ' })).toEqual(['laName']);
    expect(await bad({ representationsContact: undefined })).toEqual(['representationsContact']);
    expect(await bad({ fax: '01632 960000' })).toEqual(['fax']);
    expect(await stored(site1)).toEqual(before);
  });

  it('saves and changes a site\'s contacts, tidied, and audits what changed', async () => {
    const res = await req('PUT', `/api/v1/exclusion-contacts/${site1}`, office, GOOD);
    expect(res.statusCode, res.body).toBe(200);
    const saved = json<TExclusionContacts>(res);
    expect(saved).toMatchObject({ siteId: site1, saved: true, laEmail: 'exclusions@westmoor.example.gov.uk', laPhone: '+44 (0)1632 960123',
      boardClerkPhone: '01632 960 456', virtualSchoolPhone: null, virtualSchoolName: 'Dr Vera Head', allowed: ['update'] });
    expect(await stored(site1)).toMatchObject({ la_email: 'exclusions@westmoor.example.gov.uk', updated_by: office.userId });
    const changed = json<TExclusionContacts>(await req('PUT', `/api/v1/exclusion-contacts/${site1}`, head, { ...GOOD, boardClerkName: 'Sam Clerk', laPhone: '01632 960999' }));
    expect(changed.boardClerkName).toBe('Sam Clerk');
    const entries = await t.database.query<{ action: string; actor_user_id: string; details: { before: Record<string, unknown>; after: Record<string, unknown> } }>(
      `select action, actor_user_id, details from audit_entries where entity_type = 'exclusion_contacts' and entity_id = $1 order by seq`, [site1]);
    const last = entries.at(-1)!;
    expect(last).toMatchObject({ action: 'exclusion_contacts.update', actor_user_id: head.userId });
    expect(last.details).toEqual({ before: { boardClerkName: 'Jo Clerk', laPhone: '+44 (0)1632 960123' }, after: { boardClerkName: 'Sam Clerk', laPhone: '01632 960999' } });
    expect(entries.filter((e) => e.actor_user_id === office.userId).length).toBeGreaterThan(0);
    // saving the same again changes nothing and adds no entry
    await req('PUT', `/api/v1/exclusion-contacts/${site1}`, head, { ...GOOD, boardClerkName: 'Sam Clerk', laPhone: '01632 960999' });
    expect((await t.database.query(`select 1 from audit_entries where entity_type = 'exclusion_contacts' and entity_id = $1`, [site1])).length).toBe(entries.length);
    // a site with none yet: the admin creates them
    const site3 = (await t.database.query<{ id: string }>('select id from sites where id not in ($1, $2) limit 1', [site1, site2]))[0]!.id;
    await t.database.query('delete from exclusion_contacts where site_id = $1', [site3]);
    const empty = json<{ items: TExclusionContacts[] }>(await req('GET', '/api/v1/exclusion-contacts', admin)).items.find((c) => c.siteId === site3)!;
    expect(empty).toMatchObject({ saved: false, laName: null, updatedAt: null });
    expect((await req('PUT', `/api/v1/exclusion-contacts/${site3}`, admin, GOOD)).statusCode).toBe(200);
    expect((await t.database.query<{ action: string }>(`select action from audit_entries where entity_type = 'exclusion_contacts' and entity_id = $1`, [site3])).map((r) => r.action)).toEqual(['exclusion_contacts.create']);
  });
});
