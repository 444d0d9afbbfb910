/**
 * Common transfer files (DAT-2) through the API, on both databases: a CTF is previewed and committed through the
 * imports flow (kind=ctf), re-imports change nothing, every bad file is refused naming the pupil and element with
 * nothing written, the profile's "From previous schools" read is audited, and a leavers' export carries no
 * safeguarding and re-imports cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TImport, TImportPreview, TTransferRecordList } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, sitesOf, type Session, type TestContext } from '../harness.ts';
import { makeUpn } from '../../src/modules/pupils/upn.rules.ts';
import { importSessions } from './imports.fixtures.ts';

const FIXTURES = path.resolve('apps/server/test/fixtures/ctf');
const fixtureText = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const V19 = 'ctf19-brookfield-primary.xml';

/** A minimal CTF 25 of the given pupils' XML. */
export const ctfOf = (pupils: string, header = '') => `<?xml version="1.0" encoding="UTF-8"?>
<CTfile><Header><DocumentName>Common Transfer File</DocumentName><CTFversion>25.0</CTFversion><DateTime>2025-12-01T10:00:00</DateTime>
<DocumentQualifier>full</DocumentQualifier><SourceSchool><LEA>371</LEA><Estab>4000</Estab><SchoolName>Test Source School</SchoolName><AcademicYear>2025</AcademicYear></SourceSchool>
<DestSchool><LEA>383</LEA><Estab>7000</Estab></DestSchool>${header}</Header><CTFpupilData>${pupils}</CTFpupilData></CTfile>`;
export const pupilXml = (upn: string, over: { dob?: string; surname?: string; extra?: string } = {}) =>
  `<Pupil><UPN>${upn}</UPN><Surname>${over.surname ?? 'Ashdown'}</Surname><Forename>Mia</Forename><DOB>${over.dob ?? '2013-04-05'}</DOB><Sex>F</Sex><BasicDetails><NCyearActual>8</NCyearActual></BasicDetails>${over.extra ?? ''}</Pupil>`;
const upnFor = (serial: number) => makeUpn(371, 4000, 25, serial);

describe.each(dbKinds())('common transfer files on %s', (kind) => {
  let t: TestContext;
  let admin: Session;
  let office: Session;
  let site1: string;
  let site2: string;
  const count = async (sql: string, params: unknown[] = []) => Number((await t.database.query<{ n: number }>(sql, params))[0]!.n);
  const totals = async () => ({
    pupils: await count('select count(*)::int as n from pupils'), contacts: await count('select count(*)::int as n from contacts'),
    links: await count('select count(*)::int as n from pupil_contacts'), transfers: await count('select count(*)::int as n from pupil_transfer_records'),
  });
  const upload = (s: Session | null, body: string | Buffer, siteId = site1) => t.app.inject({
    method: 'POST', url: `/api/v1/imports?kind=ctf&siteId=${siteId}&filename=test.xml`, headers: { ...(s?.headers ?? {}), 'content-type': 'application/xml' }, payload: body,
  });
  const commit = (s: Session, p: TImportPreview) => t.app.inject({ method: 'POST', url: `/api/v1/imports/${p.id}/commit`, headers: s.headers, payload: { fileHash: p.fileHash } });
  const importCtf = async (s: Session, body: string | Buffer, siteId = site1): Promise<TImport> => {
    const res = await upload(s, body, siteId);
    expect(res.statusCode, res.body).toBe(201);
    const p = json<TImportPreview>(res);
    expect(p.problems).toEqual([]);
    const done = await commit(s, p);
    expect(done.statusCode, done.body).toBe(200);
    return json<TImport>(done);
  };
  const exportCtf = (s: Session | null, body: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/ctf/exports', headers: s?.headers ?? {}, payload: body as Record<string, unknown> });

  beforeAll(async () => {
    t = await createTestContext(kind);
    ({ admin, office, site1, site2 } = await importSessions(t));
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers, roles without people.manage, other sites and sites of no trust', async () => {
    const file = fixtureText(V19);
    expect((await upload(null, file)).statusCode).toBe(401);
    expect((await exportCtf(null, { siteId: site1, upns: [upnFor(1)], to: '3834401' })).statusCode).toBe(401);
    for (const role of ['staff', 'head', 'dsl', 'governor', 'parent']) {
      const s = await sessionFor(t, demoEmail(role));
      expect((await upload(s, file)).statusCode, role).toBe(403);
      expect((await exportCtf(s, { siteId: site1, upns: [upnFor(1)], to: '3834401' })).statusCode, role).toBe(403);
    }
    expect((await upload(office, file, site2)).statusCode).toBe(403);
    expect((await exportCtf(office, { siteId: site2, upns: [upnFor(1)], to: '3834401' })).statusCode).toBe(403);
    expect((await upload(admin, file, '0190a6c4-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await exportCtf(admin, { siteId: '0190a6c4-0000-7000-8000-000000000000', upns: [upnFor(1)], to: '3834401' })).statusCode).toBe(404);
  });

  it('previews a CTF 19, commits it, and re-imports it without duplicates, reporting changed and unchanged', async () => {
    const before = await totals();
    const res = await upload(office, fixtureText(V19));
    expect(res.statusCode, res.body).toBe(201);
    const p = json<TImportPreview>(res);
    expect(p).toMatchObject({ kind: 'ctf', format: 'xml', problems: [], counts: { rows: 2, added: 2, changed: 0, unchanged: 0 } });
    expect(p.ctf).toMatchObject({ version: '19.0', sourceSchool: { name: 'Brookfield Primary School', lea: '936', estab: '2145' }, pupils: 2 });
    expect(await totals()).toEqual(before); // a preview writes nothing but the import record
    const done = json<TImport>(await commit(office, p));
    expect(done).toMatchObject({ status: 'committed', counts: { added: 2 } });
    const amelia = (await t.database.query<Record<string, unknown>>(`select id, sen_status, primary_need, fsm, looked_after, year_group, ethnicity, date_of_birth::text as dob from pupils where upn = 'T936214512001'`))[0]!;
    expect(amelia).toMatchObject({ sen_status: 'sen_support', primary_need: 'SPLD', fsm: true, looked_after: false, year_group: 6, ethnicity: 'WBRI', dob: '2008-05-14' });
    const contacts = await t.database.query<{ relationship: string; priority: number; parental_responsibility: boolean; phone: string }>(
      'select pc.relationship, pc.priority, pc.parental_responsibility, c.phone from pupil_contacts pc join contacts c on c.id = pc.contact_id where pc.pupil_id = $1 order by pc.priority', [amelia.id]);
    expect(contacts).toEqual([{ relationship: 'Mother', priority: 1, parental_responsibility: true, phone: '07700 900111' }, { relationship: 'Father', priority: 2, parental_responsibility: true, phone: '07700 900112' }]);
    expect(await totals()).toEqual({ ...before, pupils: before.pupils + 2, contacts: before.contacts + 3, links: before.links + 3, transfers: before.transfers + 2 });
    expect(await count(`select count(*)::int as n from audit_entries where action = 'pupil.transfer_record.created' and details->>'importId' = $1`, [done.id])).toBe(1);

    const again = await importCtf(office, fixtureText(V19));
    expect(again.counts).toMatchObject({ rows: 2, added: 0, changed: 0, unchanged: 2 });
    const afterFirst = await totals();
    // a changed phone number and a new year of attendance: one pupil changed, nothing duplicated
    const changed = fixtureText(V19).replace('07700 900121', '07700 900999').replace('<SessionsAuthorised>20</SessionsAuthorised>', '<SessionsAuthorised>21</SessionsAuthorised>');
    expect((await importCtf(office, changed)).counts).toMatchObject({ added: 0, changed: 1, unchanged: 1 });
    expect(await totals()).toEqual(afterFirst);
  });

  it('imports CTF 22, 24 and 25 (Sex for Gender), one contact for siblings\' shared parent, and shows what previous schools sent, audited', async () => {
    for (const name of ['ctf22-vale-park-academy.xml', 'ctf24-moorside-pru.xml', 'ctf25-ridgeway-academy.xml']) {
      const r = await importCtf(admin, fixtureText(name));
      expect(r.counts.added, name).toBe(r.counts.rows);
    }
    expect(await count(`select count(*)::int as n from contacts where forename = 'Siobhán' and surname = 'O''Brien'`)).toBe(1);
    expect(await count(`select count(*)::int as n from pupils where upn in ('${makeUpn(383, 4401, 19, 101)}', '${makeUpn(383, 4401, 19, 102)}') and legal_surname = 'O''Brien'`)).toBe(2);
    const tyler = (await t.database.query<{ id: string; looked_after: boolean }>(`select id, looked_after from pupils where upn = $1`, [makeUpn(872, 4012, 15, 31)]))[0]!;
    expect(tyler.looked_after).toBe(true);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/pupils/${tyler.id}/transfer-records`, headers: office.headers });
    expect(res.statusCode).toBe(200);
    const list = json<TTransferRecordList>(res);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ sourceSchool: { name: 'Vale Park Academy', lea: '872', estab: '4012' }, document: { ctfVersion: '22.0', lookedAfter: { inCare: true, careAuthority: '872' } } });
    expect(list.items[0]!.document.attendance[0]).toMatchObject({ sessionsPossible: 230, sessionsAttended: 181 });
    expect(await count(`select count(*)::int as n from audit_entries where action = 'pupil.transfer_records.read' and entity_id = $1 and details->>'specialCategory' = 'true'`, [tyler.id])).toBe(1);
    // staff of another site do not learn the pupil exists; a parent may not read pupils' records at all
    const other = await sessionFor(t, demoEmail('cluster_lead'));
    const otherSites = await sitesOf(t, demoEmail('cluster_lead'));
    if (!otherSites.includes(site1)) expect((await t.app.inject({ method: 'GET', url: `/api/v1/pupils/${tyler.id}/transfer-records`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/pupils/${tyler.id}/transfer-records`, headers: (await sessionFor(t, demoEmail('parent'))).headers })).statusCode).toBe(403);
  });

  it('refuses each bad file naming the pupil and element, and writes nothing', async () => {
    const before = await totals();
    const fileRefusals: [string, string | Buffer, RegExp][] = [
      ['DOCTYPE', `<?xml version="1.0"?>\n<!DOCTYPE CTfile>\n${ctfOf(pupilXml(upnFor(1))).replace(/^<\?xml[^>]*>\n/, '')}`, /DOCTYPE declaration/],
      ['external entity', `<?xml version="1.0"?><!DOCTYPE CTfile [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${ctfOf(pupilXml(upnFor(1), { surname: '&xxe;' })).replace(/^<\?xml[^>]*>\n/, '')}`, /DOCTYPE declaration/],
      ['billion laughs', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>${ctfOf(pupilXml(upnFor(1), { surname: '&lol9;' })).replace(/^<\?xml[^>]*>\n/, '')}`, /DOCTYPE declaration/],
      ['undeclared entity', ctfOf(pupilXml(upnFor(1), { surname: '&xxe;' })), /pupil 1 \(UPN [A-Z0-9]+\), element CTfile\/CTFpupilData\/Pupil\[1\]\/Surname: the entity &xxe;/],
      ['1,000-deep nesting', ctfOf(pupilXml(upnFor(1), { extra: `<Attendance>${'<YearData>'.repeat(1000)}${'</YearData>'.repeat(1000)}</Attendance>` })), /pupil 1 \(UPN [A-Z0-9]+\), element CTfile\/CTFpupilData\/Pupil\[1\]\/Attendance\/YearData.*nested more than 32 deep/],
      ['not well-formed', ctfOf(pupilXml(upnFor(1))).replace('</Pupil>', '</Pupl>'), /does not match the open <Pupil>/],
      ['old version', ctfOf(pupilXml(upnFor(1))).replace('25.0', '18.0'), /CTfile\/Header\/CTFversion: this is a CTF 18.0/],
    ];
    for (const [what, body, message] of fileRefusals) {
      const res = await upload(office, body);
      expect(res.statusCode, what).toBe(400);
      expect(json<{ error: { message: string; fields: { field: string }[] } }>(res).error, what).toMatchObject({ message: expect.stringMatching(message), fields: [{ field: 'file' }] });
    }
    // 50 MB is refused from its declared length, before the body is read
    const big = await upload(office, Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('"field":"body"');
    expect(big.body).toMatch(/50\.0 MB; this import takes at most 25 MB/);

    const wrongCheck = upnFor(2).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const pupilRefusals: [string, string, string, RegExp][] = [
      ['wrong check letter', pupilXml(wrongCheck), 'Pupil[1]/UPN', /check letter/],
      ['duplicate UPN', pupilXml(upnFor(3)) + pupilXml(upnFor(3)), 'Pupil[2]/UPN', /also pupil 1's in this file/],
      ['missing UPN', pupilXml(upnFor(4)).replace(/<UPN>[^<]*<\/UPN>/, ''), 'Pupil[1]/UPN', /UPN is missing/],
      ['bad date', pupilXml(upnFor(5), { dob: '04/25/2013' }), 'Pupil[1]/DOB', /US order/],
      ['bad SEN code', pupilXml(upnFor(6), { extra: '<SENhistory><SEN><StartDate>2020-01-01</StartDate><SENprovision>Q</SENprovision></SEN></SENhistory>' }), 'Pupil[1]/SENhistory/SEN/SENprovision', /not an SEN provision code/],
      ['bad contact email', pupilXml(upnFor(7), { extra: '<Contacts><Contact><Order>1</Order><Surname>Ashdown</Surname><Forename>Lee</Forename><Relationship>PAF</Relationship><Responsibility>true</Responsibility><Email>not-an-email</Email></Contact></Contacts>' }), 'Pupil[1]/Contacts/Contact/Email', /not an email address/],
    ];
    for (const [what, pupils, element, message] of pupilRefusals) {
      const res = await upload(office, ctfOf(pupils));
      expect(res.statusCode, what).toBe(201);
      const p = json<TImportPreview>(res);
      expect(p.problems, what).toContainEqual(expect.objectContaining({ column: `CTfile/CTFpupilData/${element}`, message: expect.stringMatching(message) }));
      expect(p.problems.every((x) => x.upn !== undefined), what).toBe(true); // each names its pupil (by UPN, or null and by position)
      const c = await commit(office, p);
      expect(c.statusCode, what).toBe(400);
      expect(c.body, what).toMatch(/pupil \d/);
    }
    // a good pupil beside a bad one: nothing of either is written
    const p = json<TImportPreview>(await upload(office, ctfOf(pupilXml(upnFor(8)) + pupilXml(upnFor(9), { dob: '2013-02-30' }))));
    expect(p.problems).toEqual([expect.objectContaining({ row: 2, upn: upnFor(9), column: 'CTfile/CTFpupilData/Pupil[2]/DOB' })]);
    expect((await commit(office, p)).statusCode).toBe(400);
    expect(await totals()).toEqual(before);
    // a CSV import given a CTF says what it is
    const csv = await t.app.inject({ method: 'POST', url: `/api/v1/imports?kind=pupils&siteId=${site1}`, headers: { ...office.headers, 'content-type': 'text/csv' }, payload: fixtureText(V19) });
    expect(csv.statusCode).toBe(400);
    expect(csv.body).toMatch(/import it as a CTF/);
  });

  it('exports leavers with the DfE header and no safeguarding, and the file re-imports cleanly', async () => {
    await importCtf(office, ctfOf(pupilXml(upnFor(20), { extra: '<LookedAfter><InCare>true</InCare><CareAuthority>371</CareAuthority></LookedAfter><SENhistory><SEN><StartDate>2021-09-01</StartDate><SENprovision>E</SENprovision></SEN><SENneeds><SENneed><SENtypeRank>1</SENtypeRank><SENtype>ASD</SENtype></SENneed></SENneeds></SENhistory><Contacts><Contact><Order>1</Order><Title>Mr</Title><Surname>Ashdown</Surname><Forename>Lee</Forename><Relationship>PAF</Relationship><Responsibility>true</Responsibility><Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>07700 900555</PhoneNo></Phone></Phones><Email>lee@example.org</Email></Contact></Contacts>' })));
    const pupil = (await t.database.query<{ id: string; site_id: string; trust_id: string }>('select id, site_id, trust_id from pupils where upn = $1', [upnFor(20)]))[0]!;
    // sealed facts and a safeguarding concern about the pupil must never travel
    await t.database.query('update pupils set child_in_need = true, child_protection_plan = true where id = $1', [pupil.id]);
    const userId = office.userId;
    await t.database.query(`insert into safeguarding_concerns (id, trust_id, site_id, raised_by, category, concern, child_words) values ('0190a6c4-1111-7000-8000-000000000001', $1, $2, $3, 'neglect', 'SENTINEL concern text', 'SENTINEL child words')`, [pupil.trust_id, pupil.site_id, userId]);
    await t.database.query(`insert into safeguarding_concern_pupils (concern_id, pupil_id, trust_id) values ('0190a6c4-1111-7000-8000-000000000001', $1, $2)`, [pupil.id, pupil.trust_id]);
    const upns = [upnFor(20), 'T936214512001'];
    const res = await exportCtf(office, { siteId: site1, upns, to: '3834401' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/xml/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="\d{7}_CTF_3834401_001\.xml"/);
    const xml = res.body;
    expect(xml).toMatch(/<DocumentName>Common Transfer File<\/DocumentName>\s*<CTFversion>25\.0<\/CTFversion>\s*<DateTime>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d<\/DateTime>/);
    expect(xml).toMatch(/<DestSchool>\s*<LEA>383<\/LEA>\s*<Estab>4401<\/Estab>\s*<\/DestSchool>/);
    expect(xml).toContain('<InCare>true</InCare>');
    expect(xml).toContain('<SENprovision>E</SENprovision>');
    expect(xml).toContain('<Relationship>PAF</Relationship>');
    expect(xml).toContain('<Year>2018</Year>'); // attendance held from Brookfield travels on
    for (const never of [/ChildInNeed/i, /ChildProtection/i, /child_in_need/i, /protection/i, /safeguard/i, /SENTINEL/, /concern/i, /neglect/i]) expect(xml).not.toMatch(never);
    expect(await count(`select count(*)::int as n from audit_entries where action = 'ctf.exported' and (details->>'pupils')::int = 2`)).toBeGreaterThan(0);

    // the exported file comes back in cleanly: nothing added or changed, and no "previous school" record of ourselves
    const before = await totals();
    const back = await importCtf(office, xml);
    expect(back.counts).toMatchObject({ rows: 2, added: 0, changed: 0, unchanged: 2 });
    expect(await totals()).toEqual(before);

    const bad = await exportCtf(office, { siteId: site1, upns: [upnFor(20), makeUpn(371, 4000, 25, 999)], to: '3834401' });
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { fields: { field: string; message: string }[] } }>(bad).error.fields[0]).toMatchObject({ field: 'upns', message: expect.stringMatching(/No pupil at .* has the UPN/) });
    const badTo = await exportCtf(office, { siteId: site1, upns, to: '12345' });
    expect(badTo.statusCode).toBe(400);
    expect(badTo.body).toContain('"to"');
    const unknown = await exportCtf(office, { siteId: site1, upns: [upnFor(20)], to: 'xxxxxxx' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toMatch(/<DestSchool>\s*<LEA>XXX<\/LEA>\s*<Estab>XXXX<\/Estab>/);
  });
});
