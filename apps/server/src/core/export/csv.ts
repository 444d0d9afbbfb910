/** CSV (RFC 4180): comma-separated, CRLF line ends, fields quoted when they hold a comma, quote, CR or LF; a UTF-8 BOM so Excel reads the encoding. */
import type { TExportColumn } from '@haven/contracts';
import { cellText, headerTexts, type ExportRow } from './cells.ts';

export const CSV_BOM = '\uFEFF';

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `notes`: lines before the header row, one field each (formula injection neutralised like any text cell). */
export function toCsv<K extends string>(columns: readonly TExportColumn<K>[], rows: readonly ExportRow<K>[], notes: readonly string[] = []): string {
  const lines = [...notes.map((n) => csvField(cellText('text', n))), headerTexts(columns).map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(cellText(c.type, row[c.key]))).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** Parse RFC 4180 text (a leading BOM is dropped) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i += 1; continue;
      }
      field += ch; i += 1; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i += 1; continue; }
    if (ch === ',') { row.push(field); field = ''; i += 1; continue; }
    if (ch === '\r' && s[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; continue; }
    field += ch; i += 1;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
