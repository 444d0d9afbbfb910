/**
 * CSV and XLSX imports (DAT-1) through the API: who may import where, the preview naming every bad row and column,
 * all-or-nothing commits, re-imports by UPN that report added, changed, unchanged and left, and the history.
 */
import { gunzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TImport, TImportList, TImportPreview } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { csv, importFile, importSessions, pupilLine, simsPupils, SIMS_PUPIL_HEADER, upload, upnFor, utf8, utf8Bom, win1252, xlsx } from './imports.fixtures.ts';

describe.each(dbKinds())('imports on %s', (kind) => {
  let t: TestContext;
  let admin: Session;
  let office: Session;
  let site1: string;
  let site2: string;
  const count = async (sql: string, params: unknown[] = []) => Number((await t.database.query<{ n: number }>(sql, params))[0]!.n);
  const pupilsAt = (site: string) => count('select count(*)::int as n from pupils where site_id = $1', [site]);

  beforeAll(async () => {
    t = await createTestContext(kind);
    ({ admin, office, site1, site2 } = await importSessions(t));
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers (401), roles without people.manage and other sites (403), and sites of no trust (404)', async () => {
    const file = utf8(simsPupils([pupilLine(1)]));
    expect((await upload(t, null, 'pupils', site1, file)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/imports' })).statusCode).toBe(401);
    for (const role of ['staff', 'governor', 'head', 'dsl', 'parent']) {
      const s = await sessionFor(t, demoEmail(role));
      expect((await upload(t, s, 'pupils', site1, file)).statusCode, role).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/imports', headers: s.headers })).statusCode, role).toBe(403);
    }
    expect((await upload(t, office, 'pupils', site2, file)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports?siteId=${site2}`, headers: office.headers })).statusCode).toBe(403);
    expect((await upload(t, admin, 'pupils', '0190a6c4-0000-7000-8000-000000000000', file)).statusCode).toBe(404);
    // an import at site 1 is not found by someone who keeps records only at another site
    const p = json<TImportPreview>(await upload(t, admin, 'pupils', site1, file));
    const other = await sessionFor(t, demoEmail('cluster_lead'));
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/${p.id}`, headers: other.headers })).statusCode).toBe(403);
  });

  it('answers bad input with 400 naming the field', async () => {
    const file = utf8(simsPupils([pupilLine(1)]));
    const noKind = await t.app.inject({ method: 'POST', url: `/api/v1/imports?siteId=${site1}`, headers: { ...office.headers, 'content-type': 'text/csv' }, payload: file });
    expect(noKind.statusCode).toBe(400);
    expect(json<{ error: { fields: { field: string }[] } }>(noKind).error.fields[0]!.field).toBe('kind');
    const empty = await upload(t, office, 'pupils', site1, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('"file"');
    const binary = await upload(t, office, 'pupils', site1, Buffer.from([0, 1, 2, 3, 0, 0, 9, 200]));
    expect(binary.statusCode).toBe(400);
    expect(binary.body).toContain('"file"');
    const unclosed = await upload(t, office, 'pupils', site1, utf8('UPN,Legal Surname\r\n"A123,Smith\r\n'));
    expect(unclosed.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(unclosed).error.message).toMatch(/quoted field is never closed/);
    const p = json<TImportPreview>(await upload(t, office, 'pupils', site1, file));
    const badHash = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${p.id}/commit`, headers: office.headers, payload: { fileHash: 'abc' } });
    expect(badHash.statusCode).toBe(400);
    expect(badHash.body).toContain('fileHash');
    const badMap = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${p.id}/mapping`, headers: office.headers, payload: { mapping: { upn: -1 } } });
    expect(badMap.statusCode).toBe(400);
    expect(badMap.body).toContain('mapping.upn');
    const tooBig = await upload(t, office, 'pupils', site1, Buffer.alloc(11 * 1024 * 1024, 0x41));
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.body).toContain('body');
  });

  it('previews every bad row and column with the reason, and writes nothing', async () => {
    const before = await pupilsAt(site1);
    const wrongCheck = `A${upnFor(5).slice(1)}` === upnFor(5) ? `B${upnFor(5).slice(1)}` : `A${upnFor(5).slice(1)}`;
    const body = simsPupils([
      pupilLine(1),
      pupilLine(2, { upn: wrongCheck }),
      pupilLine(3, { upn: upnFor(1) }),
      pupilLine(4, { dob: '03/25/2012' }),
      pupilLine(6, { dob: '31/02/2012' }),
      pupilLine(7, { year: 'Year 22' }),
      pupilLine(8, { sex: 'Q' }),
    ]);
    const res = await upload(t, office, 'pupils', site1, utf8(body));
    expect(res.statusCode).toBe(201);
    const p = json<TImportPreview>(res);
    expect(p.preset).toBe('sims');
    const at = (row: number | null, column: string) => p.problems.find((x) => x.row === row && x.column === column)?.message ?? '';
    expect(at(3, 'UPN')).toMatch(/check letter/);
    expect(at(4, 'UPN')).toMatch(/also on row 2/);
    expect(at(5, 'Date of Birth')).toMatch(/US date/);
    expect(at(null, 'Date of Birth')).toMatch(/US order/);
    expect(at(6, 'Date of Birth')).toMatch(/not a real date/);
    expect(at(7, 'Year Taught In')).toMatch(/not a year group/);
    expect(at(8, 'Gender')).toMatch(/M or F/);
    expect(p.errorCount).toBe(p.problems.length);
    const commit = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${p.id}/commit`, headers: office.headers, payload: { fileHash: p.fileHash } });
    expect(commit.statusCode).toBe(400);
    expect(commit.body).toContain('row 3, UPN');
    expect(await pupilsAt(site1)).toBe(before);

    const missing = json<TImportPreview>(await upload(t, office, 'pupils', site1, utf8(csv([['UPN', 'Legal Surname', 'Legal Forename', 'Gender', 'Year Taught In'], [upnFor(1), 'A', 'B', 'M', '9']]))));
    expect(missing.problems).toContainEqual(expect.objectContaining({ row: null, column: 'Date of birth', message: expect.stringMatching(/no column for date of birth/) }));
  });

  it('imports Windows-1252 and UTF-8 (with a BOM) with quoted newlines, then re-imports by UPN without duplicates', async () => {
    const before = await pupilsAt(site1);
    const lines = [pupilLine(11, { surname: 'Zoë-Brontë', forename: 'Renée' }), pupilLine(12), pupilLine(13)];
    const first = await importFile(t, office, 'pupils', site1, win1252(simsPupils(lines)));
    expect(first.counts).toMatchObject({ rows: 3, added: 3, changed: 0, unchanged: 0 });
    // every pupil on roll at the site whom the file leaves out is reported as left (and kept)
    const onRollBefore = await count('select count(*)::int as n from pupils where site_id = $1 and (enrolment_end is null or enrolment_end >= current_date) and not (upn = any($2))', [site1, lines.map((l) => l.upn)]);
    expect(first.counts.left).toBe(onRollBefore);
    expect(onRollBefore).toBeGreaterThan(0);
    expect(first.encoding).toBe('windows-1252');
    const stored = (await t.database.query<{ legal_surname: string; legal_forename: string; year_group: number; date_of_birth: string }>('select legal_surname, legal_forename, year_group, date_of_birth::text from pupils where upn = $1', [lines[0]!.upn]))[0]!;
    expect(stored).toMatchObject({ legal_surname: 'Zoë-Brontë', legal_forename: 'Renée', year_group: 9 });
    expect(stored.date_of_birth).toBe('2012-03-12');

    const again = await importFile(t, office, 'pupils', site1, utf8Bom(simsPupils(lines)));
    expect(again.counts).toMatchObject({ rows: 3, added: 0, changed: 0, unchanged: 3 });
    expect(again.encoding).toBe('utf-8-bom');

    // a quoted newline inside a field, one changed surname, and one new pupil: LF line ends this time
    const changed = [{ ...lines[0]!, form: '9A\nupper' }, { ...lines[1]!, surname: 'Newname' }, lines[2]!, pupilLine(14)];
    const third = await importFile(t, office, 'pupils', site1, utf8(simsPupils(changed).replace(/\r\n/g, '\n')));
    expect(third.counts).toMatchObject({ rows: 4, added: 1, changed: 2, unchanged: 1 });
    expect(await count('select count(*)::int as n from pupils where upn = any($1)', [changed.map((l) => l.upn)])).toBe(4);
    expect(await pupilsAt(site1)).toBe(before + 4);
    const form = (await t.database.query<{ name: string }>('select g.name from pupils p join pupil_groups g on g.id = p.form_group_id where p.upn = $1', [lines[0]!.upn]))[0]!;
    expect(form.name).toBe('9A upper'); // one field across the quoted line break, its whitespace tidied
    expect(await count(`select count(*)::int as n from audit_entries where action = 'import.committed' and entity_id = $1`, [third.id])).toBe(1);
    // the two changed pupils are named in the audit log (one entry per batch of records, each record with what changed)
    const updated = await t.database.query<{ records: { id: string; changed: string[] }[] }>(`select details->'records' as records from audit_entries where action = 'pupil.updated' and details->>'importId' = $1`, [third.id]);
    expect(updated.flatMap((u) => u.records).map((r) => r.changed.sort())).toEqual(expect.arrayContaining([['formGroupId'], ['legalSurname']]));
    expect(updated.flatMap((u) => u.records)).toHaveLength(2);
  });

  it('refuses a UPN held by a pupil at another school of the trust, a stale hash, and a second commit', async () => {
    const taken = (await t.database.query<{ upn: string }>('select upn from pupils where site_id = $1 limit 1', [site2]))[0]!.upn;
    const p = json<TImportPreview>(await upload(t, admin, 'pupils', site1, utf8(simsPupils([pupilLine(21, { upn: taken })]))));
    expect(p.problems[0]).toMatchObject({ row: 2, column: 'UPN', message: expect.stringMatching(/another school of the trust/) });

    const ok = json<TImportPreview>(await upload(t, admin, 'pupils', site1, utf8(simsPupils([pupilLine(22)]))));
    // held until the commit gzip-compressed, and given back as uploaded
    const held = (await t.database.query<{ data: Uint8Array; n: number }>('select data, byte_count as n from imports where id = $1', [ok.id]))[0]!;
    expect([held.data[0], held.data[1]]).toEqual([0x1f, 0x8b]);
    expect(Buffer.from(gunzipSync(held.data)).toString('utf8')).toBe(simsPupils([pupilLine(22)]));
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${ok.id}/commit`, headers: admin.headers, payload: { fileHash: '0'.repeat(64) } });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.body).toContain('fileHash');
    const done = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${ok.id}/commit`, headers: admin.headers, payload: { fileHash: ok.fileHash } });
    expect(done.statusCode).toBe(200);
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${ok.id}/commit`, headers: admin.headers, payload: { fileHash: ok.fileHash } });
    expect(twice.statusCode).toBe(409);
    expect((await t.database.query<{ data: unknown }>('select data from imports where id = $1', [ok.id]))[0]!.data).toBeNull();
  });

  it('reads XLSX with real dates, and re-maps columns the preset could not place', async () => {
    const file = await xlsx([
      ['Pupil number', 'Legal Last Name', 'Legal First Name', 'Date of Birth', 'Gender', 'Year', 'Registration Form'],
      [upnFor(31), 'Ashworth', 'Ella', new Date(Date.UTC(2013, 4, 7)), 'F', 'Y8', '8R'],
    ]);
    const p = json<TImportPreview>(await upload(t, office, 'pupils', site1, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
    expect(p.format).toBe('xlsx');
    expect(p.preset).toBe('arbor');
    expect(p.unmapped).toContain('upn');
    expect(p.problems[0]).toMatchObject({ row: null, column: 'UPN' });
    const remapped = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${p.id}/mapping`, headers: office.headers, payload: { mapping: { ...p.mapping, upn: 0 } } });
    expect(remapped.statusCode).toBe(200);
    const r = json<TImportPreview>(remapped);
    expect(r.problems).toEqual([]);
    expect(r.sample[0]).toMatchObject({ upn: upnFor(31), dateOfBirth: '2013-05-07' });
    const done = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${p.id}/commit`, headers: office.headers, payload: { fileHash: r.fileHash } });
    expect(done.statusCode).toBe(200);
    expect((await t.database.query<{ d: string }>('select date_of_birth::text as d from pupils where upn = $1', [upnFor(31)]))[0]!.d).toBe('2013-05-07');
  });

  it('imports contacts with parental responsibility, groups with their members, and staff; and lists the history', async () => {
    await importFile(t, office, 'pupils', site1, utf8(simsPupils([pupilLine(41), pupilLine(42)])));
    const contactsFile = csv([
      ['UPN', 'Contact Title', 'Contact Forename', 'Contact Surname', 'Relationship', 'Parental Responsibility', 'Priority', 'Contact Email', 'Contact Telephone', 'Preferred Contact Method'],
      [upnFor(41), 'Mrs', 'Ann', 'Brook', 'Mother', 'Y', '1', 'ann.brook@example.org', '07700 900001', 'Email'],
      [upnFor(42), 'Mrs', 'Ann', 'Brook', 'Mother', 'Y', '1', 'ann.brook@example.org', '07700 900001', 'Email'],
      [upnFor(42), 'Mr', 'Carl', 'Brook', 'Step-father', 'N', '2', '', '07700 900002', 'Phone'],
    ]);
    const c = await importFile(t, office, 'contacts', site1, utf8(contactsFile));
    expect(c.counts).toMatchObject({ rows: 3, added: 3, changed: 0 });
    expect(await count(`select count(*)::int as n from contacts where email = 'ann.brook@example.org'`)).toBe(1);
    const pr = await t.database.query<{ parental_responsibility: boolean; preferred_contact: string }>(
      `select pc.parental_responsibility, c.preferred_contact from pupil_contacts pc join contacts c on c.id = pc.contact_id join pupils p on p.id = pc.pupil_id where p.upn = $1 order by pc.priority`, [upnFor(42)]);
    expect(pr).toEqual([{ parental_responsibility: true, preferred_contact: 'email' }, { parental_responsibility: false, preferred_contact: 'phone' }]);
    expect((await importFile(t, office, 'contacts', site1, utf8(contactsFile))).counts).toMatchObject({ added: 0, changed: 0, unchanged: 3 });

    const groupsFile = csv([['Group Name', 'Group Type', 'Year Group', 'UPN'], ['Maths 9x1', 'Set', '9', upnFor(41)], ['Maths 9x1', 'Set', '9', upnFor(42)]]);
    expect((await importFile(t, office, 'groups', site1, utf8(groupsFile))).counts).toMatchObject({ added: 3, left: 0 });
    const fewer = await importFile(t, office, 'groups', site1, utf8(csv([['Group Name', 'Group Type', 'UPN'], ['Maths 9x1', 'Set', upnFor(41)]])));
    expect(fewer.counts).toMatchObject({ added: 0, unchanged: 1, left: 1 });

    const staffFile = csv([['Staff Code', 'Legal Forename', 'Legal Surname', 'Role', 'Work Email'], ['ZQX', 'Supply', 'Teacher', 'Supply teacher', ''], ['ZQY', 'Sam', 'Okafor', 'Teaching assistant', 'staff@demo.haven.test']]);
    const st = await importFile(t, office, 'staff', site1, utf8(staffFile));
    expect(st.counts.added + st.counts.changed).toBe(2);
    expect(await count(`select count(*)::int as n from staff_members where staff_code = 'ZQY' and user_id is not null`)).toBe(1);
    expect((await importFile(t, office, 'staff', site1, utf8(staffFile))).counts).toMatchObject({ added: 0, changed: 0, unchanged: 2 });

    const list = json<TImportList>(await t.app.inject({ method: 'GET', url: '/api/v1/imports?pageSize=100', headers: office.headers }));
    expect(list.items.length).toBeGreaterThan(5);
    expect(list.items.every((i) => i.siteId === site1)).toBe(true);
    const committed = list.items.find((i: TImport) => i.kind === 'staff' && i.status === 'committed')!;
    expect(committed).toMatchObject({ createdBy: 'Linda Carter', committedBy: 'Linda Carter', fileHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('keeps header order free: contacts for a pupil of another site are refused by row', async () => {
    const other = (await t.database.query<{ upn: string }>('select upn from pupils where site_id = $1 limit 1', [site2]))[0]!.upn;
    const p = json<TImportPreview>(await upload(t, office, 'contacts', site1, utf8(csv([['Contact Surname', 'Contact Forename', 'Relationship', 'UPN'], ['X', 'Y', 'Aunt', other]]))));
    expect(p.problems).toEqual([expect.objectContaining({ row: 2, column: 'UPN', message: expect.stringMatching(/No pupil with the UPN/) })]);
    expect(SIMS_PUPIL_HEADER.length).toBe(7);
  });

  it('fuzz: any file, however broken, is either imported whole or leaves nothing behind', async () => {
    let serial = 500;
    const cell = fc.oneof(fc.constantFrom('', '"', ',', '\n', '\r\n', '31/02/2012', '02/30/2012', 'Year 99', 'X', '\u00e9', '\uFEFF'), fc.string({ maxLength: 6 }));
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ corrupt: fc.boolean(), field: fc.integer({ min: 0, max: 6 }), value: cell }), { minLength: 1, maxLength: 6 }),
      fc.constantFrom('utf8', 'bom', '1252'),
      async (rows, enc) => {
        const lines = rows.map((r) => {
          serial += 1;
          const l = pupilLine(serial);
          const cells = [l.upn, l.surname, l.forename, l.dob, l.sex, l.year, l.form];
          if (r.corrupt) cells[r.field] = r.value;
          return cells;
        });
        const text = csv([SIMS_PUPIL_HEADER, ...lines]);
        const body = enc === 'utf8' ? utf8(text) : enc === 'bom' ? utf8Bom(text) : win1252(text);
        const before = await pupilsAt(site1);
        const upns = lines.map((l) => l[0]!);
        const res = await upload(t, office, 'pupils', site1, body);
        if (res.statusCode === 400) { expect(await pupilsAt(site1)).toBe(before); return; }
        expect(res.statusCode).toBe(201);
        const p = json<TImportPreview>(res);
        const commit = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${p.id}/commit`, headers: office.headers, payload: { fileHash: p.fileHash } });
        if (p.problems.length) {
          expect(commit.statusCode).toBe(400);
          expect(await pupilsAt(site1)).toBe(before);
        } else {
          expect(commit.statusCode, commit.body).toBe(200);
          expect(await pupilsAt(site1)).toBe(before + json<TImport>(commit).counts.added);
          expect(await count('select count(*)::int as n from pupils where upn = any($1)', [upns.filter((u) => /^[A-Z]\d{12}$/.test(u))])).toBeGreaterThan(0);
        }
      }), { numRuns: 12 });
  }, 240_000);
});
