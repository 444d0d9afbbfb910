/** Import rows → the contract's shapes. A row made by the command line names it as its author. */
import type { TImport, TImportCounts, TImportKind, TImportProblem } from '@haven/contracts';
import type { ImportSummaryRow } from './imports.repo.ts';

const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

export function presentImport(r: ImportSummaryRow): TImport {
  return {
    id: r.id, kind: r.kind as TImportKind, siteId: r.siteId, siteName: r.siteName, status: r.status as TImport['status'],
    filename: r.filename, format: r.format as TImport['format'], encoding: r.encoding, fileHash: r.fileHash, byteCount: r.byteCount,
    createdBy: r.createdBy ? (r.createdByName ?? 'Unknown user') : 'Command line (haven import)',
    createdAt: iso(r.createdAt)!, committedBy: r.committedAt ? (r.committedByName ?? 'Command line (haven import)') : null,
    committedAt: iso(r.committedAt), counts: r.counts as TImportCounts, errorCount: r.errorCount,
  };
}

/** Where a problem is, as a person reads it: "row 3, Date of Birth", or in a CTF "pupil 2 (UPN A123…), CTfile/…/DOB". */
export function problemWhere(p: TImportProblem): string {
  if (p.row === null) return p.column ?? 'file';
  if (p.upn !== undefined) return `pupil ${p.row}${p.upn ? ` (UPN ${p.upn})` : ''}${p.column ? `, ${p.column}` : ''}`;
  return `row ${p.row}${p.column ? `, ${p.column}` : ''}`;
}
