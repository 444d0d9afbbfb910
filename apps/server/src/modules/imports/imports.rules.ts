/**
 * From a parsed file and a column mapping to typed records of one kind, with every problem named by row and column
 * (DAT-1). Pure: what needs the database (a UPN at another school, a contact's pupil not on roll) is checked by the
 * people write layer's plan (people.plan.ts).
 */
import { IMPORT_FIELDS, type ImportField, type TImportKind, type TImportMapping, type TImportProblem } from '@haven/contracts';
import * as P from '../people/people.rules.ts';
import type { ParsedFile } from './imports.parse.ts';

type Parser = (text: string, today: string) => P.Parsed<unknown>;

const nullable = (parse: (t: string) => P.Parsed<unknown>): Parser => (t) => (t.trim() === '' ? { ok: true, value: null } : parse(t));
const date = (t: string): P.Parsed<unknown> => P.parseUkDate(t);

const PARSERS: Record<TImportKind, Record<string, Parser>> = {
  pupils: {
    upn: (t) => P.parseUpn(t),
    legalForename: (t) => P.parseName(t, 'legal forename'),
    legalSurname: (t) => P.parseName(t, 'legal surname'),
    preferredForename: (t) => P.parseOptionalText(t, 'preferred forename'),
    preferredSurname: (t) => P.parseOptionalText(t, 'preferred surname'),
    dateOfBirth: (t, today) => {
      const d = P.parseUkDate(t);
      if (!d.ok) return t.trim() === '' ? { ok: false, reason: 'The date of birth is missing.' } : d;
      const why = P.checkDateOfBirth(d.value, today);
      return why ? { ok: false, reason: why } : d;
    },
    sex: (t) => P.parseSex(t),
    yearGroup: (t) => P.parseYearGroup(t),
    form: (t) => P.parseOptionalText(t, 'form', 60),
    enrolmentStart: nullable(date),
    enrolmentEnd: nullable(date),
    senStatus: (t) => P.parseSenStatus(t),
    primaryNeed: (t) => P.parsePrimaryNeed(t),
    pupilPremium: (t) => P.parseYesNo(t),
    fsm: (t) => P.parseYesNo(t),
    lookedAfter: (t) => P.parseYesNo(t),
    eal: (t) => P.parseYesNo(t),
    firstLanguage: (t) => P.parseOptionalText(t, 'first language', 60),
    ethnicity: (t) => P.parseOptionalText(t, 'ethnicity', 60),
    medicalFlag: (t) => P.parseYesNo(t),
  },
  contacts: {
    upn: (t) => P.parseUpn(t),
    externalId: (t) => P.parseOptionalText(t, 'contact id', 60),
    title: (t) => P.parseOptionalText(t, 'title', 20),
    forename: (t) => P.parseName(t, "contact's forename"),
    surname: (t) => P.parseName(t, "contact's surname"),
    relationship: (t) => P.parseName(t, 'relationship', 60),
    parentalResponsibility: (t) => P.parseYesNo(t),
    priority: (t) => P.parsePriority(t),
    email: (t) => P.parseEmail(t),
    phone: (t) => P.parseOptionalText(t, 'phone number', 40),
    preferredContact: (t) => P.parsePreferredContact(t),
  },
  groups: {
    name: (t) => P.parseName(t, 'group name', 60),
    kind: (t) => P.parseGroupKind(t),
    yearGroup: nullable((t) => P.parseYearGroup(t)),
    upn: nullable((t) => P.parseUpn(t)),
  },
  staff: {
    staffCode: (t) => P.parseOptionalText(t, 'staff code', 20),
    forename: (t) => P.parseName(t, 'forename'),
    surname: (t) => P.parseName(t, 'surname'),
    jobTitle: (t) => P.parseOptionalText(t, 'job title', 100),
    email: (t) => P.parseEmail(t),
  },
  ctf: {},
};

export type ImportRecord = { row: number } & Record<string, unknown>;

export interface Checked {
  records: ImportRecord[];
  problems: TImportProblem[];
  /** Fields no column is mapped to. */
  unmapped: string[];
}

/** The mapping limited to columns that exist, each column used once. */
export function cleanMapping(kind: TImportKind, mapping: TImportMapping, width: number): { mapping: TImportMapping; problems: TImportProblem[] } {
  const fields = new Set<string>(IMPORT_FIELDS[kind].map((f) => f.key));
  const problems: TImportProblem[] = [];
  const out: TImportMapping = {};
  const used = new Map<number, string>();
  for (const [field, col] of Object.entries(mapping)) {
    if (!fields.has(field)) { problems.push({ row: null, column: field, message: `"${field}" is not a field of this kind of import.` }); continue; }
    if (col >= width) { problems.push({ row: null, column: field, message: `Column ${col + 1} does not exist: the file has ${width}.` }); continue; }
    if (used.has(col)) { problems.push({ row: null, column: field, message: `Column ${col + 1} is already mapped to ${used.get(col)}.` }); continue; }
    used.set(col, field);
    out[field] = col;
  }
  return { mapping: out, problems };
}

const label = (f: ImportField) => f.label;

export function checkRows(kind: TImportKind, file: ParsedFile, mappingIn: TImportMapping, today: string): Checked {
  const fields: readonly ImportField[] = IMPORT_FIELDS[kind];
  const { mapping, problems } = cleanMapping(kind, mappingIn, file.headers.length);
  const unmapped = fields.filter((f) => mapping[f.key] === undefined).map((f) => f.key);
  for (const f of fields) {
    if (f.required && mapping[f.key] === undefined) problems.push({ row: null, column: label(f), message: `The file has no column for ${f.label.toLowerCase()}, which every row needs. Map one of the file's columns to it.` });
  }
  if (kind === 'staff' && mapping.staffCode === undefined && mapping.email === undefined) {
    problems.push({ row: null, column: 'Staff code', message: 'Staff are matched by staff code or work email: map a column to one of them.' });
  }
  if (problems.length) return { records: [], problems, unmapped };
  const parsers = PARSERS[kind];
  const headerOf = (key: string) => file.headers[mapping[key]!] || fields.find((f) => f.key === key)!.label;
  const records: ImportRecord[] = [];
  for (const r of file.rows) {
    const rec: ImportRecord = { row: r.row };
    let bad = false;
    for (const f of fields) {
      const col = mapping[f.key];
      if (col === undefined) continue;
      const text = r.cells[col] ?? '';
      const parsed = parsers[f.key]!(text, today);
      if (!parsed.ok) { problems.push({ row: r.row, column: headerOf(f.key), message: parsed.reason }); bad = true; continue; }
      rec[f.key] = parsed.value;
    }
    if (!bad) {
      const more = rowRules(kind, rec);
      for (const p of more) problems.push({ row: r.row, column: headerOf(p.field), message: p.message });
      if (more.length === 0) records.push(rec);
    }
  }
  problems.push(...usOrderColumns(kind, file, mapping), ...duplicates(kind, records, headerOf));
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { records, problems, unmapped };
}

function rowRules(kind: TImportKind, rec: ImportRecord): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (kind === 'pupils') {
    const dob = rec.dateOfBirth as string;
    const start = rec.enrolmentStart as string | null | undefined;
    const end = rec.enrolmentEnd as string | null | undefined;
    if (start && start < dob) out.push({ field: 'enrolmentStart', message: `The admission date ${P.ukDate(start)} is before the date of birth.` });
    if (start && end && end < start) out.push({ field: 'enrolmentEnd', message: `The leaving date ${P.ukDate(end)} is before the admission date ${P.ukDate(start)}.` });
  }
  if (kind === 'staff' && !rec.staffCode && !rec.email) out.push({ field: 'staffCode', message: 'Each member of staff needs a staff code or a work email, to be matched on re-import.' });
  return out;
}

/** A date column with any date that can only be US order is named once for the whole column. */
function usOrderColumns(kind: TImportKind, file: ParsedFile, mapping: TImportMapping): TImportProblem[] {
  const out: TImportProblem[] = [];
  for (const key of ['dateOfBirth', 'enrolmentStart', 'enrolmentEnd']) {
    const col = mapping[key];
    if (kind !== 'pupils' || col === undefined) continue;
    const hit = file.rows.find((r) => P.isUsOrderOnly(r.cells[col] ?? ''));
    if (hit) out.push({ row: null, column: file.headers[col] ?? key, message: `This column holds dates in US order (month first), e.g. row ${hit.row}: ${hit.cells[col]}. Every date in it is suspect: export it again with dates as dd/mm/yyyy.` });
  }
  return out;
}

function duplicates(kind: TImportKind, records: ImportRecord[], headerOf: (k: string) => string): TImportProblem[] {
  const out: TImportProblem[] = [];
  const keyed = (keys: (r: ImportRecord) => { field: string; key: string | null; what: string }[]) => {
    const seen = new Map<string, number>();
    for (const r of records) {
      for (const k of keys(r)) {
        if (!k.key) continue;
        const first = seen.get(`${k.field}|${k.key}`);
        if (first !== undefined) out.push({ row: r.row, column: headerOf(k.field), message: `${k.what} is also on row ${first}: each may appear once in the file.` });
        else seen.set(`${k.field}|${k.key}`, r.row);
      }
    }
  };
  if (kind === 'pupils') keyed((r) => [{ field: 'upn', key: r.upn as string, what: `The UPN ${String(r.upn)}` }]);
  if (kind === 'staff') {
    keyed((r) => [
      { field: 'staffCode', key: r.staffCode ? String(r.staffCode).toLowerCase() : null, what: `The staff code ${String(r.staffCode)}` },
      { field: 'email', key: (r.email as string | null) ?? null, what: `The email ${String(r.email)}` },
    ]);
  }
  if (kind === 'contacts') {
    keyed((r) => [{
      field: r.externalId ? 'externalId' : 'forename',
      key: `${String(r.upn)}|${r.externalId ? String(r.externalId) : `${String(r.forename).toLowerCase()} ${String(r.surname).toLowerCase()}`}`,
      what: `This contact of pupil ${String(r.upn)}`,
    }]);
  }
  if (kind === 'groups') keyed((r) => [{ field: 'upn', key: r.upn ? `${String(r.name).toLowerCase()}|${String(r.upn)}` : null, what: `Pupil ${String(r.upn)} in ${String(r.name)}` }]);
  return out;
}
