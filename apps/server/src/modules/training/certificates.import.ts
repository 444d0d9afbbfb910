/**
 * Existing certificates imported from a CSV or XLSX file (STF-1), read by the imports module's parser (csv-parse,
 * exceljs): preview first (every problem by row and column, nothing written), then commit the same file (its
 * SHA-256 must match the preview's): all rows or none, in one audited transaction. Columns, by header (any case):
 * "Staff code" or "Email" (who), "Course code", "Issued on" (dd/mm/yyyy or yyyy-mm-dd), optional "Certificate number"
 * and "Techniques" (codes separated by ";", default: all the course covers). Only staff at sites where the caller
 * manages training.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TImportProblem } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Deps } from '../../core/http/context.ts';
import { conflict, fieldError, forbidden } from '../../core/http/errors.ts';
import { scope, type Actor } from '../../core/policy/policy.ts';
import { schoolToday } from '../../core/time.ts';
import { isIsoDate } from '../../core/calendar/dates.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { trainingCertificates, trainingCourses } from '../../db/schema/training.ts';
import { FileProblem, parseImportFile, type ParsedFile } from '../imports/imports.parse.ts';
import { sha256 } from '../imports/imports.engine.ts';
import { certificateDates } from './training.rules.ts';

export const CERTIFICATE_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
const COLUMNS = { staffCode: 'staff code', email: 'email', course: 'course code', issuedOn: 'issued on', number: 'certificate number', techniques: 'techniques' } as const;

interface PlannedCertificate { row: number; staffId: string; siteId: string; courseId: string; issuedOn: string; expiresOn: string; graceUntil: string; techniqueCodes: string[]; certificateNumber: string | null }
export interface ImportPlan { fileHash: string; rows: number; problems: TImportProblem[]; certificates: PlannedCertificate[]; sample: { row: number; staff: string; course: string; issuedOn: string; expiresOn: string }[] }

function ukOrIso(text: string): string | null {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : text;
  return isIsoDate(iso) ? iso : null;
}

async function plan(db: Executor, actor: Actor, bytes: Uint8Array, today: string): Promise<ImportPlan> {
  const fileHash = sha256(bytes);
  let file: ParsedFile;
  try { file = await parseImportFile(bytes); } catch (e) {
    if (e instanceof FileProblem) return { fileHash, rows: 0, problems: [{ row: e.row, column: null, message: e.message }], certificates: [], sample: [] };
    throw e;
  }
  const header = file.headers.map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const problems: TImportProblem[] = [];
  const heading = (key: keyof typeof COLUMNS) => file.headers[col(COLUMNS[key])] ?? COLUMNS[key];
  if (col(COLUMNS.staffCode) < 0 && col(COLUMNS.email) < 0) problems.push({ row: 1, column: 'Staff code', message: 'The file needs a "Staff code" or an "Email" column.' });
  for (const k of ['course', 'issuedOn'] as const) if (col(COLUMNS[k]) < 0) problems.push({ row: 1, column: COLUMNS[k], message: `The file needs a "${COLUMNS[k]}" column.` });
  if (problems.length) return { fileHash, rows: file.rows.length, problems, certificates: [], sample: [] };

  const siteIds = scope(actor, 'training.manage').siteIds;
  const staff = siteIds.length ? await db.select().from(staffMembers).where(and(eq(staffMembers.trustId, actor.trustId), inArray(staffMembers.siteId, siteIds))) : [];
  const byCode = new Map<string, typeof staff>();
  const byEmail = new Map<string, typeof staff>();
  for (const s of staff) {
    if (s.staffCode) byCode.set(s.staffCode.toLowerCase(), [...(byCode.get(s.staffCode.toLowerCase()) ?? []), s]);
    if (s.email) byEmail.set(s.email.toLowerCase(), [...(byEmail.get(s.email.toLowerCase()) ?? []), s]);
  }
  const courses = new Map((await db.select().from(trainingCourses).where(eq(trainingCourses.trustId, actor.trustId))).map((c) => [c.code.toLowerCase(), c]));
  const certificates: PlannedCertificate[] = [];
  const cell = (cells: string[], key: keyof typeof COLUMNS) => (col(COLUMNS[key]) >= 0 ? (cells[col(COLUMNS[key])] ?? '').trim() : '');
  for (const { row, cells } of file.rows) {
    const before = problems.length;
    const code = cell(cells, 'staffCode');
    const email = cell(cells, 'email');
    const matches = code ? byCode.get(code.toLowerCase()) : email ? byEmail.get(email.toLowerCase()) : undefined;
    const who = code ? heading('staffCode') : heading('email');
    if (!code && !email) problems.push({ row, column: who, message: 'Name the member of staff by staff code or email.' });
    else if (!matches?.length) problems.push({ row, column: who, message: `No member of staff "${code || email}" at a site where you manage training.` });
    else if (matches.length > 1) problems.push({ row, column: who, message: `"${code || email}" matches staff at more than one site: use their email.` });
    const course = courses.get(cell(cells, 'course').toLowerCase());
    if (!course) problems.push({ row, column: heading('course'), message: `No course with the code "${cell(cells, 'course')}".` });
    const issuedOn = ukOrIso(cell(cells, 'issuedOn'));
    if (!issuedOn) problems.push({ row, column: heading('issuedOn'), message: 'Write the date as dd/mm/yyyy.' });
    else if (issuedOn > today) problems.push({ row, column: heading('issuedOn'), message: 'A certificate cannot be dated in the future.' });
    const listed = cell(cells, 'techniques').split(';').map((t) => t.trim()).filter(Boolean);
    const outside = course ? listed.filter((t) => !course.techniqueCodes.includes(t)) : [];
    if (outside.length) problems.push({ row, column: heading('techniques'), message: `The course does not cover ${outside.join(', ')}.` });
    const number = cell(cells, 'number');
    if (number.length > 60) problems.push({ row, column: heading('number'), message: 'At most 60 characters.' });
    const who0 = matches?.[0];
    if (problems.length > before || !course || !issuedOn || !who0) continue;
    certificates.push({
      row, staffId: who0.id, siteId: who0.siteId, courseId: course.id, ...certificateDates(issuedOn, course.validityMonths, course.graceMonths),
      techniqueCodes: listed.length ? listed : course.techniqueCodes, certificateNumber: number || null,
    });
  }
  const names = new Map(staff.map((s) => [s.id, `${s.forename} ${s.surname}`]));
  const courseNames = new Map([...courses.values()].map((c) => [c.id, c.name]));
  return {
    fileHash, rows: file.rows.length, problems, certificates,
    sample: certificates.slice(0, 20).map((c) => ({ row: c.row, staff: names.get(c.staffId) ?? '', course: courseNames.get(c.courseId) ?? '', issuedOn: c.issuedOn, expiresOn: c.expiresOn })),
  };
}

function assertImporter(actor: Actor): void {
  if (!scope(actor, 'training.manage').siteIds.length) throw forbidden('You cannot import certificates.');
}

export async function preview(deps: Deps, actor: Actor, bytes: Buffer) {
  assertImporter(actor);
  const p = await plan(deps.database.db, actor, bytes, schoolToday(deps));
  return { fileHash: p.fileHash, rows: p.rows, valid: p.certificates.length, problems: p.problems.slice(0, 500), sample: p.sample, committed: false };
}

export async function commit(deps: Deps, actor: Actor, ctx: AuditContext, bytes: Buffer, fileHash: string) {
  assertImporter(actor);
  if (sha256(bytes) !== fileHash) throw fieldError('fileHash', 'The file is not the one previewed: preview it again.');
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const p = await plan(tx, actor, bytes, schoolToday(deps));
    if (p.problems.length) throw conflict(`The file has ${p.problems.length} problems: nothing was imported. Preview it again to see them.`);
    if (!p.certificates.length) throw fieldError('body', 'The file has no certificates.');
    const rows = p.certificates.map(({ row: _row, siteId: _site, ...c }) => ({ id: uuidv7(), trustId: actor.trustId, ...c, source: 'import', createdBy: actor.userId }));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(trainingCertificates).values(rows.slice(i, i + 500));
    audit.record({ action: 'training.certificate.import', entityType: 'training_certificate', details: { fileHash, rows: p.rows, imported: rows.length } });
    return { fileHash, rows: p.rows, valid: rows.length, problems: [], sample: p.sample, committed: true };
  });
}
