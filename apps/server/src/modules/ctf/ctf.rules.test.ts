/**
 * The CTF's pure parts (DAT-2): its codes and dates, the safety checks (a DOCTYPE refused before the parser runs,
 * well-formedness by fast-xml-parser's validator, entities and deep nesting by its parser), reading the four fixture versions (19, 22, 24, 25), and writing a file that reads
 * back the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CTF_MAX_BYTES, CTF_MAX_DEPTH } from '@haven/contracts';
import { validateUpn } from '../pupils/upn.rules.ts';
import { FileProblem } from '../imports/imports.parse.ts';
import { currentEntry, ealOf, fsmNow, parseCtfBoolean, parseCtfDate, parseNcYear, ncYearText, relationshipCode, relationshipWords, senStatusOf } from './ctf.rules.ts';
import { parseCtfXml } from './ctf.xml.ts';
import { readCtf } from './ctf.read.ts';
import { writeCtf, type ExportPupil } from './ctf.write.ts';

const FIXTURES = path.resolve('apps/server/test/fixtures/ctf');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const TODAY = '2026-12-06';
const refused = (text: string | Uint8Array): string => {
  try { parseCtfXml(typeof text === 'string' ? Buffer.from(text) : text); } catch (e) { if (e instanceof FileProblem) return e.message; throw e; }
  return '';
};
const ctf = (pupils: string, version = '25.0') => `<?xml version="1.0" encoding="UTF-8"?>\n<CTfile><Header><DocumentName>Common Transfer File</DocumentName><CTFversion>${version}</CTFversion><DateTime>2025-12-01T10:00:00</DateTime><SourceSchool><LEA>383</LEA><Estab>4401</Estab><SchoolName>Ridgeway</SchoolName></SourceSchool><DestSchool><LEA>383</LEA><Estab>7000</Estab></DestSchool></Header><CTFpupilData>${pupils}</CTFpupilData></CTfile>`;

describe('CTF codes and dates', () => {
  it('reads dates only as yyyy-mm-dd, naming US and UK order', () => {
    expect(parseCtfDate('2012-03-04')).toEqual({ ok: true, value: '2012-03-04' });
    expect(parseCtfDate('2012-03-04T00:00:00')).toEqual({ ok: true, value: '2012-03-04' });
    expect(parseCtfDate('2012-02-30')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a real date/) });
    expect(parseCtfDate('03/25/2012')).toMatchObject({ ok: false, reason: expect.stringMatching(/US order/) });
    expect(parseCtfDate('25/03/2012')).toMatchObject({ ok: false, reason: expect.stringMatching(/yyyy-mm-dd/) });
    expect(parseCtfBoolean('true')).toEqual({ ok: true, value: true });
    expect(parseCtfBoolean('0')).toEqual({ ok: true, value: false });
    expect(parseCtfBoolean('maybe').ok).toBe(false);
  });

  it('maps SEN provision codes, the current entry, FSM now and EAL', () => {
    expect([senStatusOf('N'), senStatusOf('k'), senStatusOf('E'), senStatusOf('S')].map((r) => r.ok && r.value)).toEqual(['none', 'sen_support', 'ehcp', 'ehcp']);
    expect(senStatusOf('Z').ok).toBe(false);
    const history = [{ startDate: '2015-09-01', endDate: '2018-07-20', provision: 'K' }, { startDate: '2018-07-21', endDate: null, provision: 'E' }, { startDate: '2030-01-01', endDate: null, provision: 'N' }];
    expect(currentEntry(history, TODAY)?.provision).toBe('E');
    expect(currentEntry(history.slice(0, 1), TODAY)).toBeNull();
    expect(fsmNow([{ startDate: '2020-01-01', endDate: '2021-01-01' }], TODAY)).toBe(false);
    expect(fsmNow([{ startDate: '2020-01-01', endDate: null }], TODAY)).toBe(true);
    expect([ealOf('ENG'), ealOf('ENB'), ealOf('POL'), ealOf('NOT'), ealOf('REF')]).toEqual([false, false, true, undefined, undefined]);
  });

  it('reads NC years and relationship codes, and writes them back the same', () => {
    fc.assert(fc.property(fc.integer({ min: -1, max: 14 }), (y) => { const r = parseNcYear(ncYearText(y)); return r.ok && r.value === y; }));
    expect(parseNcYear('X')).toMatchObject({ ok: false, reason: expect.stringMatching(/National Curriculum/) });
    for (const code of ['PAM', 'PAF', 'STF', 'FOM', 'CAR', 'GRP', 'REL', 'SWR', 'OTH']) expect(relationshipCode(relationshipWords(code))).toBe(code);
    expect(relationshipCode('Mum')).toBe('PAM');
    expect(relationshipCode('Next-door neighbour')).toBe('OTH');
  });
});

describe('CTF safety: refused unread, naming where', () => {
  it('refuses a DOCTYPE, an external entity and an entity-expansion bomb', () => {
    expect(refused(`<?xml version="1.0"?>\n<!DOCTYPE CTfile [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<CTfile>&x;</CTfile>`)).toMatch(/^Line 2: the file has a DOCTYPE declaration/);
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><CTfile>&lol2;</CTfile>`;
    expect(refused(lol)).toMatch(/DOCTYPE/);
    // an entity with no DTD at all is refused too, naming the pupil and element
    expect(refused(ctf('<Pupil><UPN>A123</UPN><Surname>&xxe;</Surname></Pupil>'))).toMatch(/pupil 1 \(UPN A123\), element CTfile\/CTFpupilData\/Pupil\[1\]\/Surname: the entity &xxe; is not one XML defines/);
    expect(refused(ctf('<Pupil><Surname>Smith & Sons</Surname></Pupil>'))).toMatch(/"&" that does not start/);
    // a bare "&" is named where it is, even with a reference further on (the parser reads an "&" up to the next ";")
    expect(refused(ctf('<Pupil><UPN>A1</UPN><Surname>Smith & Sons</Surname></Pupil>\n<Pupil><UPN>B2</UPN><Surname>O&apos;Neill</Surname></Pupil>')))
      .toMatch(/^Line 2, column \d+, pupil 1 \(UPN A1\): an "&" that does not start/);
    expect(refused(ctf('<Pupil><Forename><![CDATA[Tom & Jerry]]></Forename></Pupil>'))).toBe('');
    expect(refused(ctf('<Pupil><UPN>A123</UPN><Surname>&nbsp;</Surname></Pupil>'))).toMatch(/Pupil\[1\]\/Surname: the entity &nbsp; is not one XML defines/);
    expect(refused(`<CTfile><!-- no <!DOCTYPE here --></CTfile>`)).toBe('');
  });

  it('decodes the five XML entities and character references, and leaves CDATA as it is', () => {
    const x = parseCtfXml(Buffer.from(ctf('<Pupil><UPN>A1</UPN><Surname>Zo&#235; &#x263A; &lt;&amp;&gt;&apos;&quot;</Surname><Forename><![CDATA[a &xxe; <b>]]></Forename></Pupil>')));
    const pupil = readCtf(x.root, x.rootName, x.pupils, TODAY);
    expect(x.pupils).toBe(1);
    expect(JSON.stringify(x.root)).toContain('Zoë ☺ <&>\'\\"');
    expect(JSON.stringify(x.root)).toContain('a &xxe; <b>');
    expect(pupil.summary.pupils).toBe(1);
  });

  it('refuses nesting a thousand (and a hundred thousand) deep without recursion, naming the pupil and path', () => {
    const deep = (n: number) => ctf(`<Pupil><UPN>B999</UPN><BasicDetails>${'<a>'.repeat(n)}x${'</a>'.repeat(n)}</BasicDetails></Pupil>`);
    expect(refused(deep(1000))).toMatch(new RegExp(`pupil 1 \\(UPN B999\\), element CTfile/CTFpupilData/Pupil\\[1\\]/BasicDetails/a/.*nested more than ${CTF_MAX_DEPTH} deep`));
    expect(refused(deep(100_000))).toMatch(/nested more than/);
    expect(refused(deep(20))).toBe('');
    const nest = (n: number) => `<CTfile>${'<a>'.repeat(n - 1)}x${'</a>'.repeat(n - 1)}</CTfile>`;
    expect(refused(nest(CTF_MAX_DEPTH))).toBe('');
    expect(refused(nest(CTF_MAX_DEPTH + 1))).toMatch(/element CTfile\/a\/.*nested more than/);
  });

  it('refuses a file over the size limit before reading it, and files that are not well-formed', () => {
    expect(refused(new Uint8Array(CTF_MAX_BYTES + 1))).toMatch(/at most 25 MB/);
    expect(refused(ctf('<Pupil><UPN>A1</UPN></Pupl>'))).toMatch(/end tag <\/Pupl> does not match the open <Pupil>/);
    expect(refused('<CTfile><Header>')).toMatch(/element CTfile\/Header: the file ends before this element is closed/);
    expect(refused('<CTfile><Header/></CTfile><Second/>')).toMatch(/second top-level element <Second>/);
    expect(refused('<CTfile><Header/></CTfile><Second></Second>')).toMatch(/second top-level element/);
    expect(refused(ctf('<Pupil><UPN>A1</UPN></Pupil>\n<Pupil><UPN>B2</UPN><Surname>S</Surnam></Pupil>'))).toMatch(/^Line 3, column \d+, pupil 2 \(UPN B2\): the end tag <\/Surnam> does not match the open <Surname>/);
    expect(refused('just text')).toMatch(/no XML element/);
  });
});

describe('CTF fixtures of versions 19, 22, 24 and 25', () => {
  const read = (name: string) => { const x = parseCtfXml(fixture(name)); return readCtf(x.root, x.rootName, x.pupils, TODAY); };

  it('reads every fixture without a problem, with valid UPNs', () => {
    for (const name of fs.readdirSync(FIXTURES)) {
      const r = read(name);
      expect(r.problems, name).toEqual([]);
      expect(r.pupils.length, name).toBe(r.summary.pupils);
      for (const p of r.pupils) expect(validateUpn(p.upn).ok, `${name} ${p.upn}`).toBe(true);
    }
  });

  it('maps SEN, FSM, looked after, languages, contacts and history (CTF 19 Gender, CTF 25 Sex)', () => {
    const v19 = read('ctf19-brookfield-primary.xml');
    expect(v19.summary).toMatchObject({ version: '19.0', sourceSchool: { lea: '936', estab: '2145', name: 'Brookfield Primary School' }, destSchool: { lea: '383', estab: '7000' } });
    const amelia = v19.pupils[0]!;
    expect(amelia.record).toMatchObject({ legalForename: 'Amelia', sex: 'F', yearGroup: 6, senStatus: 'sen_support', primaryNeed: 'SPLD', fsm: true, lookedAfter: false, eal: false, ethnicity: 'WBRI' });
    expect(amelia.contacts.map((c) => [c.priority, c.relationship, c.parentalResponsibility, c.phone])).toEqual([[1, 'Mother', true, '07700 900111'], [2, 'Father', true, '07700 900112']]);
    expect(amelia.document.attendance[0]).toMatchObject({ sessionsPossible: 380, sessionsAttended: 362, attendanceStartDate: '2018-09-04' });
    expect(amelia.document.address?.bs7666).toMatchObject({ paon: '14', street: 'Acacia Avenue' });
    expect(v19.pupils[1]!.record).toMatchObject({ senStatus: 'none', primaryNeed: null });

    const v22 = read('ctf22-vale-park-academy.xml');
    expect(v22.pupils[0]!.record).toMatchObject({ senStatus: 'ehcp', primaryNeed: 'ASD', fsm: false, eal: true, firstLanguage: 'POL', medicalFlag: true });
    expect(v22.pupils[1]!.record).toMatchObject({ lookedAfter: true, fsm: true, senStatus: 'sen_support', primaryNeed: 'SEMH' });
    expect(v22.pupils[1]!.document.lookedAfter).toEqual({ inCare: true, careAuthority: '872' });
    expect(v22.pupils[2]!.record.senStatus).toBeUndefined(); // no SEN history: Haven's value is left as it is

    const v24 = read('ctf24-moorside-pru.xml');
    expect(v24.pupils[0]!.record).toMatchObject({ preferredForename: 'Jay', preferredSurname: 'Whitaker-Shaw', yearGroup: 9, senStatus: 'none' });
    expect(v24.pupils[1]!.record).toMatchObject({ senStatus: 'ehcp', primaryNeed: 'SEMH', fsm: true });

    const v25 = read('ctf25-ridgeway-academy.xml');
    expect(v25.pupils.map((p) => [p.record.legalSurname, p.record.sex])).toEqual([["O'Brien", 'F'], ["O'Brien", 'M'], ['Lindqvist', 'F']]);
    expect(v25.pupils[2]!.contacts[1]!.surname).toBe('Lindqvist & Hale');
    expect(v25.pupils[0]!.document.schoolHistory[0]!.name).toBe("St Anne's Catholic Primary");
  });

  it('names the pupil and element of each bad value', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'ctf25-ridgeway-academy.xml'), 'utf8')
      .replace('<DOB>2011-06-05</DOB>', '<DOB>06/25/2011</DOB>')
      .replace('<UPN>', '<UPN>X').replace(/<SENprovision>K<\/SENprovision>/, '<SENprovision>Q</SENprovision>');
    const x = parseCtfXml(Buffer.from(text));
    const r = readCtf(x.root, x.rootName, x.pupils, TODAY);
    const badUpn = r.problems.find((p) => p.column === 'CTfile/CTFpupilData/Pupil[1]/UPN');
    expect(badUpn).toMatchObject({ row: 1, upn: expect.stringMatching(/^X[A-Z]\d{12}$/), message: expect.stringMatching(/13 characters/) });
    expect(r.problems.find((p) => p.column === 'CTfile/CTFpupilData/Pupil[2]/DOB')?.message).toMatch(/US order/);
    expect(r.problems.find((p) => p.column?.endsWith('Pupil[2]/SENhistory/SEN/SENprovision'))?.message).toMatch(/not an SEN provision code/);
    expect(r.pupils.map((p) => p.position)).toEqual([3]);
  });

  it('refuses versions before 19 and files that are not a CTF, naming the element', () => {
    expect(() => { const x = parseCtfXml(Buffer.from(ctf('<Pupil/>', '18.0'))); readCtf(x.root, x.rootName, x.pupils, TODAY); }).toThrow(/CTfile\/Header\/CTFversion: this is a CTF 18.0; Haven reads CTF 19 and later/);
    expect(() => { const x = parseCtfXml(Buffer.from('<ATfile><Header/></ATfile>')); readCtf(x.root, x.rootName, x.pupils, TODAY); }).toThrow(/admissions transfer file/);
  });
});

describe('writing a CTF', () => {
  it('writes what reads back the same, with the header fields and Sex', () => {
    const pupil: ExportPupil = {
      upn: 'T936214512001', legalSurname: "O'Neill & Co", legalForename: 'Zoë', preferredSurname: null, preferredForename: 'Zo', dateOfBirth: '2012-03-04', sex: 'F',
      yearGroup: 8, enrolmentStart: '2024-09-03', enrolmentEnd: null, senStatus: 'sen_support', primaryNeed: 'SLCN', fsm: true, lookedAfter: false, eal: true,
      firstLanguage: 'POL', ethnicity: 'WOTH', medicalFlag: false, held: [],
      contacts: [{ priority: 1, title: 'Mrs', forename: 'Ewa', surname: 'Nowak', relationship: 'Mother', parentalResponsibility: true, phone: '07700 900001', email: 'ewa@example.org' }],
    };
    const xml = writeCtf({ source: { lea: '383', estab: '7000', urn: '148100', name: 'Haven SEMH' }, to: '3834401', pupils: [pupil], today: TODAY, dateTime: '2026-12-06T09:00:00' });
    expect(xml).toMatch(/<CTFversion>25.0<\/CTFversion>[\s\S]*<DocumentQualifier>full<\/DocumentQualifier>[\s\S]*<DestSchool>\s*<LEA>383<\/LEA>\s*<Estab>4401<\/Estab>/);
    expect(xml).toContain('<Sex>F</Sex>');
    const x = parseCtfXml(Buffer.from(xml));
    const r = readCtf(x.root, x.rootName, x.pupils, TODAY);
    expect(r.problems).toEqual([]);
    expect(r.pupils[0]!.record).toMatchObject({ legalSurname: "O'Neill & Co", legalForename: 'Zoë', preferredForename: 'Zo', yearGroup: 8, senStatus: 'sen_support', primaryNeed: 'SLCN', fsm: true, eal: true, firstLanguage: 'POL' });
    expect(r.pupils[0]!.contacts[0]).toMatchObject({ forename: 'Ewa', relationship: 'Mother', parentalResponsibility: true, priority: 1, phone: '07700 900001', email: 'ewa@example.org' });
  });
});
