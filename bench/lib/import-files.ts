/**
 * The import benchmark's data: one function that generates pupils with their contacts, and one writer per file format
 * that turns them into the files a school's MIS would export. The floor inserts the same generated pupils as rows
 * (bench/imports.ts), so every format is measured against the same work. A new format (CTF) adds a writer here and,
 * if it is not imported through the CSV/XLSX import service, an importer in bench/imports.ts.
 */
import ExcelJS from 'exceljs';
import type { TImportKind } from '@haven/contracts';
import { makeUpn } from '../../apps/server/src/modules/pupils/upn.rules.ts';

export interface GenContact {
  title: string; forename: string; surname: string; relationship: string; parentalResponsibility: boolean; priority: number;
  email: string | null; phone: string; preferredContact: 'email' | 'phone';
}

export interface GenPupil {
  upn: string; legalSurname: string; legalForename: string; preferredForename: string | null;
  /** yyyy-mm-dd */
  dateOfBirth: string; sex: 'M' | 'F'; yearGroup: number; form: string;
  /** yyyy-mm-dd */
  admission: string; senStatus: 'none' | 'sen_support'; fsm: boolean; ethnicity: string;
  contacts: GenContact[];
}

/**
 * `count` pupils in ten forms a year group (years 7–11), two contacts each: a mother with parental responsibility and
 * an email, and a father or step-father (another surname half the time) with a phone only. UPNs come from serials
 * `base`, `base + 1`, …, so that runs with different bases never share a UPN.
 */
export function generatePupils(count: number, base: number): GenPupil[] {
  const out: GenPupil[] = [];
  for (let i = 0; i < count; i += 1) {
    const serial = base + i;
    const year = 7 + (i % 5);
    out.push({
      upn: makeUpn(998, Math.floor(serial / 1000) % 10000, 25, serial % 1000),
      legalSurname: `Surname${i}`, legalForename: `Forename${i}`, preferredForename: i % 7 ? null : `Pref${i}`,
      dateOfBirth: `${2018 - year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      sex: i % 2 ? 'M' : 'F', yearGroup: year, form: `${year}${'ABCDEFGHJK'[i % 10]}`, admission: '2024-09-04',
      senStatus: i % 5 ? 'none' : 'sen_support', fsm: i % 3 === 0, ethnicity: 'WBRI',
      contacts: [
        { title: 'Ms', forename: `Parent${i}`, surname: `Surname${i}`, relationship: 'Mother', parentalResponsibility: true, priority: 1,
          email: `parent${serial}@example.org`, phone: '07700 900000', preferredContact: 'email' },
        { title: 'Mr', forename: `Carer${i}`, surname: i % 2 ? `Other${i}` : `Surname${i}`, relationship: i % 2 ? 'Step-father' : 'Father',
          parentalResponsibility: i % 2 === 0, priority: 2, email: null, phone: '07700 900001', preferredContact: 'phone' },
      ],
    });
  }
  return out;
}

export interface ImportFileOut { kind: TImportKind; name: string; bytes: Buffer }
/** Files in the order they are imported (pupils before their contacts). */
export type Writer = (pupils: readonly GenPupil[]) => Promise<ImportFileOut[]>;

type Cell = string | Date;
const PUPIL_HEADER = ['UPN', 'Legal Surname', 'Legal Forename', 'Preferred Forename', 'Date of Birth', 'Gender', 'Year Taught In', 'Reg Group', 'Admission Date', 'SEN Status', 'FSM Eligible', 'Ethnicity'];
const CONTACT_HEADER = ['UPN', 'Contact Title', 'Contact Forename', 'Contact Surname', 'Relationship', 'Parental Responsibility', 'Priority', 'Contact Email', 'Contact Telephone', 'Preferred Contact Method'];
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** SIMS-style rows: a pupil export and a contact export (one row per pupil and contact), dates as Date cells. */
function simsRows(pupils: readonly GenPupil[]): { pupils: Cell[][]; contacts: Cell[][] } {
  const p: Cell[][] = [PUPIL_HEADER];
  const c: Cell[][] = [CONTACT_HEADER];
  for (const x of pupils) {
    p.push([x.upn, x.legalSurname, x.legalForename, x.preferredForename ?? '', day(x.dateOfBirth), x.sex, `Year ${x.yearGroup}`, x.form, day(x.admission),
      x.senStatus === 'none' ? 'N' : 'K', x.fsm ? 'Y' : 'N', x.ethnicity]);
    for (const k of x.contacts) {
      c.push([x.upn, k.title, k.forename, k.surname, k.relationship, k.parentalResponsibility ? 'Y' : 'N', String(k.priority), k.email ?? '', k.phone, k.preferredContact === 'email' ? 'Email' : 'Phone']);
    }
  }
  return { pupils: p, contacts: c };
}

const ukDate = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV as SIMS writes it: UTF-8, CRLF, dates dd/mm/yyyy. */
function csvText(rows: Cell[][]): Buffer {
  return Buffer.from(`${rows.map((r) => r.map((c) => quote(c instanceof Date ? ukDate(c) : c)).join(',')).join('\r\n')}\r\n`);
}

/** One worksheet, dates as real Excel dates (what an MIS's "export to Excel" gives). */
async function xlsxBook(rows: Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Students');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const WRITERS: Record<'csv' | 'xlsx', Writer> = {
  async csv(pupils) {
    const r = simsRows(pupils);
    return [{ kind: 'pupils', name: 'pupils.csv', bytes: csvText(r.pupils) }, { kind: 'contacts', name: 'contacts.csv', bytes: csvText(r.contacts) }];
  },
  async xlsx(pupils) {
    const r = simsRows(pupils);
    return [{ kind: 'pupils', name: 'pupils.xlsx', bytes: await xlsxBook(r.pupils) }, { kind: 'contacts', name: 'contacts.xlsx', bytes: await xlsxBook(r.contacts) }];
  },
};
