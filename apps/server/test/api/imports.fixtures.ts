/** Import files for the import suites: SIMS-style pupil exports and the others, written as a school's MIS would. */
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { demoEmail, json, sessionFor, sitesOf, type Session, type TestContext } from '../harness.ts';
import { makeUpn } from '../../src/modules/pupils/upn.rules.ts';
import type { TImport, TImportPreview } from '@haven/contracts';

/** Who the import suites act as: the trust administrator, the office of site 1, and a second site of the trust. */
export async function importSessions(t: TestContext): Promise<{ admin: Session; office: Session; site1: string; site2: string }> {
  const admin = await sessionFor(t, demoEmail('trust_admin'));
  const office = await sessionFor(t, demoEmail('office'));
  const site1 = (await sitesOf(t, demoEmail('office')))[0]!;
  const site2 = (await sitesOf(t, demoEmail('cluster_lead'))).find((s) => s !== site1)!;
  return { admin, office, site1, site2 };
}

export const upnFor = (serial: number) => makeUpn(999, 9999, 26, serial);

export interface PupilLine { upn: string; forename: string; surname: string; dob: string; sex: string; year: string; form: string }

export const pupilLine = (i: number, over: Partial<PupilLine> = {}): PupilLine => ({
  upn: upnFor(i), forename: `Forename${i}`, surname: `Surname${i}`, dob: `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2012`,
  sex: i % 2 ? 'M' : 'F', year: 'Year 9', form: `9${'ABC'[i % 3]}`, ...over,
});

const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
export const csv = (rows: string[][], eol = '\r\n') => rows.map((r) => r.map(q).join(',')).join(eol) + eol;

export const SIMS_PUPIL_HEADER = ['UPN', 'Legal Surname', 'Legal Forename', 'Date of Birth', 'Gender', 'Year Taught In', 'Reg Group'];
export function simsPupils(lines: PupilLine[]): string {
  return csv([SIMS_PUPIL_HEADER, ...lines.map((l) => [l.upn, l.surname, l.forename, l.dob, l.sex, l.year, l.form])]);
}

export const utf8 = (s: string) => Buffer.from(s, 'utf8');
export const utf8Bom = (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]);
export const win1252 = (s: string) => iconv.encode(s, 'windows-1252');

export async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Students');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function upload(t: TestContext, s: Session | null, kind: string, siteId: string, body: Buffer, contentType = 'text/csv') {
  return t.app.inject({ method: 'POST', url: `/api/v1/imports?kind=${kind}&siteId=${siteId}&filename=test.csv`, headers: { ...(s?.headers ?? {}), 'content-type': contentType }, payload: body });
}

/** Preview then commit; the preview must be clean. */
export async function importFile(t: TestContext, s: Session, kind: string, siteId: string, body: Buffer): Promise<TImport> {
  const res = await upload(t, s, kind, siteId, body);
  if (res.statusCode !== 201) throw new Error(`preview ${res.statusCode}: ${res.body}`);
  const p = json<TImportPreview>(res);
  if (p.problems.length) throw new Error(`preview problems: ${JSON.stringify(p.problems.slice(0, 5))}`);
  const done = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${p.id}/commit`, headers: s.headers, payload: { fileHash: p.fileHash } });
  if (done.statusCode !== 200) throw new Error(`commit ${done.statusCode}: ${done.body}`);
  return json<TImport>(done);
}
