/**
 * CSV and XLSX imports (DAT-1) and the DfE common transfer file (DAT-2, kind `ctf`): the kinds of file, the fields
 * each kind fills, the column-name presets of the MIS exports schools use (SIMS, Arbor, Bromcom), and the preview /
 * commit / history shapes. The mapping is chosen here (shared by the server and the web app), so what the page
 * proposes is what the server would choose by itself.
 */
import { z } from 'zod';
import { ZId, ZIsoDateTime } from './common.ts';
import { ZCtfSummary } from './ctf.ts';
import { IMPORT_FIELDS, IMPORT_KINDS, IMPORT_PRESETS, type ImportField, type TImportKind, type TImportPreset, type TTabularImportKind } from './imports-codes.ts';

export const ZImportKind = z.enum(IMPORT_KINDS);

export const ZImportPreset = z.enum(IMPORT_PRESETS);

/**
 * The header names each MIS writes for a field, as their own documentation and report templates name them
 * (docs/imports.md lists the sources). A preset is chosen by how many of its headers a file has.
 */
export const PRESET_HEADERS: Record<Exclude<TImportPreset, 'haven'>, Record<TTabularImportKind, Record<string, string>>> = {
  sims: {
    pupils: {
      upn: 'UPN', legalForename: 'Legal Forename', legalSurname: 'Legal Surname', preferredForename: 'Preferred Forename',
      preferredSurname: 'Preferred Surname', dateOfBirth: 'Date of Birth', sex: 'Gender', yearGroup: 'Year Taught In',
      form: 'Reg Group', enrolmentStart: 'Admission Date', enrolmentEnd: 'Leaving Date', senStatus: 'SEN Status',
      primaryNeed: 'SEN Need Type', pupilPremium: 'Pupil Premium Indicator', fsm: 'FSM Eligible', lookedAfter: 'In Care',
      eal: 'EAL', firstLanguage: 'First Language', ethnicity: 'Ethnicity', medicalFlag: 'Medical Flag',
    },
    contacts: {
      upn: 'UPN', title: 'Contact Title', forename: 'Contact Forename', surname: 'Contact Surname', relationship: 'Relationship',
      parentalResponsibility: 'Parental Responsibility', priority: 'Priority', email: 'Contact Email', phone: 'Contact Telephone',
      preferredContact: 'Preferred Contact Method',
    },
    groups: { name: 'Reg Group', yearGroup: 'Year Taught In', upn: 'UPN' },
    staff: { staffCode: 'Staff Code', forename: 'Legal Forename', surname: 'Legal Surname', jobTitle: 'Role', email: 'Work Email' },
  },
  arbor: {
    pupils: {
      upn: 'UPN', legalForename: 'Legal First Name', legalSurname: 'Legal Last Name', preferredForename: 'Preferred First Name',
      preferredSurname: 'Preferred Last Name', dateOfBirth: 'Date of Birth', sex: 'Gender', yearGroup: 'Year',
      form: 'Registration Form', enrolmentStart: 'Start Date', enrolmentEnd: 'Leaving Date', senStatus: 'SEN Status',
      primaryNeed: 'Primary SEN Need', pupilPremium: 'Pupil Premium', fsm: 'FSM', lookedAfter: 'Looked After',
      eal: 'EAL', firstLanguage: 'First Language', ethnicity: 'Ethnicity', medicalFlag: 'Medical Conditions',
    },
    contacts: {
      upn: 'Student UPN', externalId: 'Guardian ID', title: 'Guardian Title', forename: 'Guardian First Name', surname: 'Guardian Last Name',
      relationship: 'Relationship to Student', parentalResponsibility: 'Has Parental Responsibility', priority: 'Guardian Priority',
      email: 'Guardian Email', phone: 'Guardian Mobile', preferredContact: 'Contact Preference',
    },
    groups: { name: 'Registration Form', yearGroup: 'Year', upn: 'Student UPN' },
    staff: { staffCode: 'Staff Code', forename: 'Legal First Name', surname: 'Legal Last Name', jobTitle: 'Job Title', email: 'Work Email Address' },
  },
  bromcom: {
    pupils: {
      upn: 'UPN', legalForename: 'Legal Forename', legalSurname: 'Legal Surname', preferredForename: 'Preferred Forename',
      preferredSurname: 'Preferred Surname', dateOfBirth: 'DOB', sex: 'Gender', yearGroup: 'Year Group',
      form: 'Tutor Group', enrolmentStart: 'Admission Date', enrolmentEnd: 'Leaving Date', senStatus: 'SEN Provision',
      primaryNeed: 'Primary Need', pupilPremium: 'Pupil Premium', fsm: 'FSM', lookedAfter: 'CLA',
      eal: 'EAL', firstLanguage: 'First Language', ethnicity: 'Ethnic Code', medicalFlag: 'Medical',
    },
    contacts: {
      upn: 'UPN', title: 'Title', forename: 'Contact Legal Forename', surname: 'Contact Legal Surname', relationship: 'Contact Relationship',
      parentalResponsibility: 'Parental Responsibility', priority: 'Contact Priority', email: 'Email', phone: 'Mobile',
      preferredContact: 'Preferred Contact',
    },
    groups: { name: 'Tutor Group', yearGroup: 'Year Group', upn: 'UPN' },
    staff: { staffCode: 'Staff Code', forename: 'Legal Forename', surname: 'Legal Surname', jobTitle: 'Staff Role', email: 'Email' },
  },
};

/** A header compared without case, spaces, punctuation or a byte order mark. */
export const headerKey = (h: string): string => h.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** field key → the column's index in the file, for the mapped fields. */
export type TImportMapping = Record<string, number>;
export const ZImportMapping = z.record(z.string().max(40), z.number().int().min(0).max(500));

/** The preset whose headers the file has most of (ties and no matches: the Haven template). */
export function detectPreset(kind: TImportKind, headers: readonly string[]): TImportPreset {
  const have = new Set(headers.map(headerKey));
  let best: TImportPreset = 'haven';
  let bestScore = 0;
  if (kind === 'ctf') return best;
  for (const preset of ['sims', 'arbor', 'bromcom'] as const) {
    const score = Object.values(PRESET_HEADERS[preset][kind]).filter((h) => have.has(headerKey(h))).length;
    if (score > bestScore) { best = preset; bestScore = score; }
  }
  return best;
}

/**
 * The mapping a preset proposes for these headers: the preset's own header name first, then every alias of the
 * field; each column is used once, and fields are matched in order so a specific name wins over a general one.
 */
export function proposeMapping(kind: TImportKind, headers: readonly string[], preset: TImportPreset): TImportMapping {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const mapping: TImportMapping = {};
  const fields: readonly ImportField[] = IMPORT_FIELDS[kind];
  const presetNames: Record<string, string> = preset === 'haven' || kind === 'ctf' ? {} : PRESET_HEADERS[preset][kind];
  const take = (field: string, name: string): boolean => {
    const i = keys.findIndex((k, idx) => !used.has(idx) && k === headerKey(name));
    if (i < 0) return false;
    mapping[field] = i; used.add(i); return true;
  };
  for (const field of fields) { const name = presetNames[field.key]; if (name) take(field.key, name); }
  for (const field of fields) {
    if (mapping[field.key] !== undefined) continue;
    for (const alias of [field.label, field.key, ...field.aliases]) if (take(field.key, alias)) break;
  }
  return mapping;
}

export const ZImportQuery = z.object({
  kind: ZImportKind,
  siteId: z.uuid(),
  filename: z.string().trim().min(1).max(255).optional(),
});
export type TImportQuery = z.infer<typeof ZImportQuery>;

export const ZImportProblem = z.object({
  /** The row as a spreadsheet numbers it (the header is row 1), or in a CTF the pupil's position (1 for the first); null for a problem with the whole file. */
  row: z.number().int().nullable(),
  /** The column's header as written in the file, or the field's name when the column is missing; in a CTF, the element's path. */
  column: z.string().nullable(),
  message: z.string(),
  /** In a CTF: the pupil's UPN as the file writes it (the pupil is named by it, or by position when it has none). */
  upn: z.string().nullable().optional(),
});
export type TImportProblem = z.infer<typeof ZImportProblem>;

export const ZImportCounts = z.object({
  rows: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  /** In Haven but not in the file (pupils still on roll, staff still active, group members): reported, never deleted. */
  left: z.number().int(),
});
export type TImportCounts = z.infer<typeof ZImportCounts>;

export const IMPORT_STATUSES = ['previewed', 'committed'] as const;

export const ZImport = z.object({
  id: ZId,
  kind: ZImportKind,
  siteId: ZId,
  siteName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  filename: z.string().nullable(),
  format: z.enum(['csv', 'xlsx', 'xml']),
  encoding: z.string().nullable().describe('How the CSV file was written: utf-8, utf-8 with a byte order mark, windows-1252 or utf-16'),
  fileHash: z.string().describe('SHA-256 of the file as uploaded (hex)'),
  byteCount: z.number().int(),
  createdBy: z.string(),
  createdAt: ZIsoDateTime,
  committedBy: z.string().nullable(),
  committedAt: ZIsoDateTime.nullable(),
  counts: ZImportCounts,
  errorCount: z.number().int(),
});
export type TImport = z.infer<typeof ZImport>;

export const ZImportPreview = ZImport.extend({
  headers: z.array(z.string()),
  preset: ZImportPreset,
  mapping: ZImportMapping,
  /** Fields of this kind that no column is mapped to (required ones are also problems). */
  unmapped: z.array(z.string()),
  /** The first rows as the import reads them, for checking the mapping by eye (at most 10). */
  sample: z.array(z.record(z.string(), z.string())),
  /** Every problem, by row and column (at most 1,000 listed; errorCount has them all). */
  problems: z.array(ZImportProblem),
  /** UPNs (pupils), or names, of the records in Haven that the file leaves out (at most 100 listed). */
  leftOut: z.array(z.string()),
  /** For a CTF: its version, the school it came from and the one it was sent to. */
  ctf: ZCtfSummary.nullable().optional(),
});
export type TImportPreview = z.infer<typeof ZImportPreview>;

export const ZImportRemap = z.strictObject({ mapping: ZImportMapping });
export const ZImportCommit = z.strictObject({
  fileHash: z.string().regex(/^[0-9a-f]{64}$/, 'The SHA-256 of the previewed file, as 64 hexadecimal characters'),
});
export const ZImportListQuery = z.object({
  siteId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZImportList = z.object({ items: z.array(ZImport), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type TImportList = z.infer<typeof ZImportList>;

/** The most data rows one file may hold. */
export const IMPORT_MAX_ROWS = 50_000;
