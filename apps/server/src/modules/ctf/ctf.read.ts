/**
 * From a parsed CTF to what Haven writes (DAT-2): the header (version 19 or later, source and destination school),
 * and for each pupil the fields that have a column on pupils and contacts, plus the transfer document kept for the
 * profile. Every problem names the pupil (position and UPN) and the element's path; nothing here touches the database.
 */
import { CTF_MIN_VERSION, IMPORT_MAX_ROWS, type TCtfSchoolRef, type TCtfSummary, type TCtfTransferDocument, type TImportProblem } from '@haven/contracts';
import * as P from '../people/people.rules.ts';
import type { PersonRecord } from '../people/people.types.ts';
import { FileProblem } from '../imports/imports.parse.ts';
import { child, kids, textAt, type XmlElement, type XmlNode } from './ctf.xml.ts';
import { at, bool, each, present, readAddress, readAttendance, readContact, readFsm, readPhones, readSchoolHistory, readSen, str, type ReadCtx } from './ctf.document.ts';
import { currentEntry, ealOf, fsmNow, parseCtfDate, parseNcYear, relationshipWords, senStatusOf } from './ctf.rules.ts';

export interface CtfPupil {
  position: number;
  upn: string;
  /** The pupil's fields for the people layer (only those the CTF gives). */
  record: PersonRecord;
  contacts: PersonRecord[];
  document: TCtfTransferDocument;
}

export interface CtfRead {
  summary: TCtfSummary;
  pupils: CtfPupil[];
  problems: TImportProblem[];
}

/** The pupil fields a CTF may give (compared and written only where a pupil's CTF has them). */
export const CTF_PUPIL_FIELDS = ['upn', 'legalForename', 'legalSurname', 'preferredForename', 'preferredSurname', 'dateOfBirth', 'sex', 'yearGroup',
  'senStatus', 'primaryNeed', 'fsm', 'lookedAfter', 'eal', 'firstLanguage', 'ethnicity', 'medicalFlag'] as const;
export const CTF_CONTACT_FIELDS = ['upn', 'title', 'forename', 'surname', 'relationship', 'parentalResponsibility', 'priority', 'email', 'phone'] as const;

const ROOT = 'CTfile';
const PUPIL_PATH = `${ROOT}/CTFpupilData/Pupil`;

function schoolRef(node: XmlNode | undefined): TCtfSchoolRef {
  const s = (n: string) => textAt(node, n) || null;
  return { lea: s('LEA'), estab: s('Estab'), urn: s('URN'), name: s('SchoolName'), academicYear: s('AcademicYear') };
}

export function readHeader(root: XmlElement, rootName: string, pupils: number): TCtfSummary {
  if (rootName !== ROOT) {
    throw new FileProblem(`Element ${rootName}: the file's top element is <${rootName.slice(0, 40)}>, not <CTfile>, so it is not a common transfer file${rootName === 'ATfile' ? ' (it is an admissions transfer file)' : ''}.`);
  }
  const header = child(root, 'Header');
  if (header === undefined) throw new FileProblem('Element CTfile/Header is missing: a CTF starts with its header.');
  const version = textAt(header, 'CTFversion');
  if (!version) throw new FileProblem('Element CTfile/Header/CTFversion is missing: Haven needs the CTF version to read the file.');
  const major = Number.parseInt(version, 10);
  if (!Number.isInteger(major)) throw new FileProblem(`Element CTfile/Header/CTFversion: "${version.slice(0, 20)}" is not a CTF version.`);
  if (major < CTF_MIN_VERSION) throw new FileProblem(`Element CTfile/Header/CTFversion: this is a CTF ${version}; Haven reads CTF ${CTF_MIN_VERSION} and later. Ask the school to export it from an up-to-date MIS.`);
  if (pupils === 0) throw new FileProblem('Element CTfile/CTFpupilData/Pupil: the CTF holds no pupils.');
  if (pupils > IMPORT_MAX_ROWS) throw new FileProblem(`The CTF holds ${pupils} pupils; one import takes at most ${IMPORT_MAX_ROWS}.`);
  const dest = child(header, 'DestSchool');
  return {
    version, documentName: textAt(header, 'DocumentName') || null, documentQualifier: textAt(header, 'DocumentQualifier') || null,
    generatedAt: textAt(header, 'DateTime') || null, sourceSchool: schoolRef(child(header, 'SourceSchool')),
    destSchool: { lea: textAt(dest, 'LEA') || null, estab: textAt(dest, 'Estab') || null }, pupils,
  };
}

/** A required field: its parsed value, or a problem naming the element (missing, or why it is wrong). */
function need<T>(ctx: ReadCtx, node: XmlNode, name: string, what: string, parse: (t: string) => P.Parsed<T>): T | undefined {
  const t = textAt(node, name);
  if (t === undefined || t === '') { ctx.problem(`${ctx.path}/${name}`, `The ${what} is missing.`); return undefined; }
  const r = parse(t);
  if (!r.ok) { ctx.problem(`${ctx.path}/${name}`, r.reason); return undefined; }
  return r.value;
}

function readPupil(node: XmlNode, position: number, summary: TCtfSummary, today: string, report: (p: TImportProblem) => void): CtfPupil | null {
  const upnText = textAt(node, 'UPN') || null;
  let bad = false;
  const ctx: ReadCtx = {
    path: `${PUPIL_PATH}[${position}]`,
    problem: (path, message) => { bad = true; report({ row: position, column: path, message, upn: upnText }); },
  };
  const rec: PersonRecord = { row: position };
  rec.upn = need(ctx, node, 'UPN', 'UPN', P.parseUpn);
  rec.legalSurname = need(ctx, node, 'Surname', 'surname', (t) => P.parseName(t, 'surname'));
  rec.legalForename = need(ctx, node, 'Forename', 'forename', (t) => P.parseName(t, 'forename'));
  rec.dateOfBirth = need(ctx, node, 'DOB', 'date of birth', (t) => {
    const d = parseCtfDate(t);
    if (!d.ok) return d;
    const why = P.checkDateOfBirth(d.value, today);
    return why ? { ok: false, reason: why } : d;
  });
  const sexName = child(node, 'Sex') !== undefined ? 'Sex' : 'Gender';
  rec.sex = need(ctx, node, sexName, 'sex (Gender or Sex)', P.parseSex);

  const basic = child(node, 'BasicDetails');
  const b = at(ctx, 'BasicDetails');
  for (const [field, name] of [['preferredSurname', 'PreferredSurname'], ['preferredForename', 'PreferredForename']] as const) {
    const t = present(basic, name);
    if (t !== undefined) { const r = P.parseOptionalText(t, name === 'PreferredSurname' ? 'preferred surname' : 'preferred forename'); if (r.ok) rec[field] = r.value; else b.problem(`${b.path}/${name}`, r.reason); }
  }
  rec.yearGroup = need(b, basic ?? {}, 'NCyearActual', 'NC year (NCyearActual)', parseNcYear);
  const ethnicity = str(b, basic, 'Ethnicity', 10);
  if (ethnicity !== null && !/^[A-Z0-9]{3,8}$/i.test(ethnicity)) b.problem(`${b.path}/Ethnicity`, `"${ethnicity}" is not a DfE ethnicity code (such as WBRI).`);
  else if (present(basic, 'Ethnicity') !== undefined) rec.ethnicity = ethnicity?.toUpperCase() ?? null;
  const languages = each(at(b, 'Languages'), child(basic, 'Languages'), 'Type').map(([l, c]) => ({ type: str(c, l, 'LanguageType', 10)?.toUpperCase() ?? null, code: str(c, l, 'Language', 10)?.toUpperCase() ?? null }));
  const first = languages.find((l) => l.type === 'F') ?? null;
  if (first?.code) { rec.firstLanguage = first.code; const eal = ealOf(first.code); if (eal !== undefined) rec.eal = eal; }
  const medical = bool(b, basic, 'MedicalFlag');
  if (medical !== null) rec.medicalFlag = medical;

  const looked = child(node, 'LookedAfter');
  const la = at(ctx, 'LookedAfter');
  const lookedAfter = looked === undefined ? null : { inCare: bool(la, looked, 'InCare'), careAuthority: str(la, looked, 'CareAuthority', 10) };
  if (lookedAfter?.inCare !== null && lookedAfter?.inCare !== undefined) rec.lookedAfter = lookedAfter.inCare;

  const sen = readSen(at(ctx, 'SENhistory'), child(node, 'SENhistory'));
  if (sen) {
    sen.provisions.forEach((p, i) => { const r = senStatusOf(p.provision); if (!r.ok) ctx.problem(`${ctx.path}/SENhistory/SEN${sen.provisions.length > 1 ? `[${i + 1}]` : ''}/SENprovision`, r.reason); });
    const now = currentEntry(sen.provisions, today);
    const status = now ? senStatusOf(now.provision) : null;
    if (status?.ok) rec.senStatus = status.value;
    else if (!now && sen.provisions.length) rec.senStatus = 'none';
    const primary = [...sen.needs].sort((x, y) => (x.rank ?? 99) - (y.rank ?? 99))[0];
    if (primary) {
      const r = P.parsePrimaryNeed(primary.type);
      if (!r.ok) ctx.problem(`${ctx.path}/SENhistory/SENneeds/SENneed/SENtype`, r.reason);
      else rec.primaryNeed = rec.senStatus === 'none' ? null : r.value;
    } else if (rec.senStatus === 'none') rec.primaryNeed = null;
  }
  const fsm = readFsm(at(ctx, 'FSMhistory'), child(node, 'FSMhistory'));
  if (fsm) rec.fsm = fsmNow(fsm.periods, today);

  const contacts: PersonRecord[] = [];
  const docContacts = each(at(ctx, 'Contacts'), child(node, 'Contacts'), 'Contact').map(([c, cc], i) => {
    const contact = readContact(cc, c);
    if (!contact.forename) cc.problem(`${cc.path}/Forename`, "The contact's forename is missing.");
    if (!contact.surname) cc.problem(`${cc.path}/Surname`, "The contact's surname is missing.");
    if (!contact.relationship) cc.problem(`${cc.path}/Relationship`, "The contact's relationship to the pupil is missing.");
    const email = contact.email === null ? { ok: true as const, value: null } : P.parseEmail(contact.email);
    if (!email.ok) cc.problem(`${cc.path}/Email`, email.reason);
    contacts.push({
      row: position, upn: rec.upn, title: contact.title, forename: contact.forename, surname: contact.surname,
      relationship: relationshipWords(contact.relationship ?? ''), parentalResponsibility: contact.responsibility ?? false,
      priority: contact.order ?? i + 1, email: email.ok ? email.value : null, phone: contact.phones[0]?.number ?? null,
    });
    return contact;
  });

  const document: TCtfTransferDocument = {
    ctfVersion: summary.version, generatedAt: summary.generatedAt, sourceSchool: summary.sourceSchool,
    ethnicity: { code: ethnicity?.toUpperCase() ?? null, source: str(b, basic, 'EthnicitySource', 10) }, languages, medicalFlag: medical,
    enrolStatus: str(b, basic, 'EnrolStatus', 10), lookedAfter, sen, fsm,
    address: readAddress(at(ctx, 'Address'), child(node, 'Address')), phones: readPhones(ctx, node), email: str(ctx, node, 'Email', 254),
    contacts: docContacts,
    attendance: readAttendance(at(ctx, 'Attendance'), child(node, 'Attendance')),
    schoolHistory: readSchoolHistory(at(ctx, 'SchoolHistory'), child(node, 'SchoolHistory')),
  };
  if (bad) return null;
  return { position, upn: rec.upn as string, record: rec, contacts, document };
}

/** Every pupil of the file read and checked; a pupil with any problem is left out of `pupils` (and nothing will be written). */
export function readCtf(root: XmlElement, rootName: string, pupilCount: number, today: string): CtfRead {
  const summary = readHeader(root, rootName, pupilCount);
  const problems: TImportProblem[] = [];
  const pupils: CtfPupil[] = [];
  const seen = new Map<string, number>();
  kids(child(root, 'CTFpupilData'), 'Pupil').forEach((node, i) => {
    const p = readPupil(node, i + 1, summary, today, (x) => problems.push(x));
    const upn = textAt(node, 'UPN');
    if (upn) {
      const first = seen.get(upn);
      if (first !== undefined) problems.push({ row: i + 1, column: `${PUPIL_PATH}[${i + 1}]/UPN`, message: `The UPN ${upn} is also pupil ${first}'s in this file: each pupil may appear once.`, upn });
      else seen.set(upn, i + 1);
    }
    if (p && (!upn || seen.get(upn) === i + 1)) pupils.push(p);
  });
  return { summary, pupils, problems };
}
