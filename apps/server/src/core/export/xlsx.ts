/**
 * XLSX (Office Open XML spreadsheet) files, written and read with exceljs: one worksheet, a bold frozen header row
 * with a filter, text as text (never formulas), numbers, Yes/No for booleans, and dates and times as real Excel
 * dates (dd/mm/yyyy, dd/mm/yyyy hh:mm, in Europe/London). Characters XML 1.0 cannot hold, and text that looks like
 * such an escape, are written as _xHHHH_ escapes as the OOXML standard (ST_Xstring) says (a carriage return too:
 * XML readers turn a literal one into a line feed); exceljs decodes them on reading.
 */
import ExcelJS from 'exceljs';
import type { TExportColumn, TExportColumnType } from '@haven/contracts';
import { cellText, headerTexts, londonWallClock, type ExportRow } from './cells.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const DATE_FORMAT = 'dd/mm/yyyy';
const DATETIME_FORMAT = 'dd/mm/yyyy hh:mm';

/** Text as an ST_Xstring: a literal "_xHHHH_" gets its underscore escaped, and XML-forbidden characters escaped. */
export function xstring(s: string): string {
  return s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

export function columnRef(index: number): string {
  let n = index + 1;
  let ref = '';
  while (n > 0) { const r = (n - 1) % 26; ref = String.fromCharCode(65 + r) + ref; n = Math.floor((n - 1) / 26); }
  return ref;
}

/** Excel's serial day number (1900 date system; day 0 = 30 December 1899) of a wall-clock date and time. */
export function excelSerial(y: number, m: number, d: number, hh = 0, mm = 0): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000 + (hh * 60 + mm) / 1440;
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
export function sheetName(title: string): string {
  // eslint-disable-next-line no-control-regex
  return title.replace(/[[\]:*?/\\\u0000-\u001F]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Export';
}

const WIDTH: Record<TExportColumnType, number> = { text: 24, number: 12, date: 12, datetime: 17, boolean: 10 };

/** A wall-clock date and time as the Date exceljs turns into that Excel serial (it counts in UTC). */
const wallClock = (y: number, m: number, d: number, hh = 0, mm = 0) => new Date(Date.UTC(y, m - 1, d, hh, mm));

function cellValue(type: TExportColumnType, value: ExportRow[string]): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (type === 'number' && typeof value === 'number' && Number.isFinite(value)) return value;
  if (type === 'boolean') return Boolean(value);
  if (type === 'date') {
    const [y, m, d] = String(value).slice(0, 10).split('-').map(Number);
    return wallClock(y!, m!, d!);
  }
  if (type === 'datetime') {
    const w = londonWallClock(String(value));
    return wallClock(w.y, w.m, w.d, w.hh, w.mm);
  }
  return xstring(cellText(type, value));
}

/** `notes`: rows above the header row, one text cell each; the header row (frozen, filtered) follows them. */
export async function toXlsx<K extends string>(title: string, columns: readonly TExportColumn<K>[], rows: readonly ExportRow<K>[], notes: readonly string[] = []): Promise<Uint8Array> {
  const head = notes.length + 1;
  const book = new ExcelJS.Workbook();
  book.created = new Date('2026-01-01T00:00:00Z');
  book.modified = book.created;
  const sheet = book.addWorksheet(sheetName(title), { views: [{ state: 'frozen', ySplit: head, topLeftCell: `A${head + 1}`, activeCell: `A${head + 1}` }] });
  sheet.columns = columns.map((c) => ({ key: c.key, width: WIDTH[c.type] }));
  for (const note of notes) sheet.addRow([xstring(cellText('text', note))]);
  const header = sheet.addRow(headerTexts(columns).map(xstring));
  header.font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => cellValue(c.type, row[c.key])));
  columns.forEach((c, i) => {
    if (c.type === 'date' || c.type === 'datetime') {
      const fmt = c.type === 'date' ? DATE_FORMAT : DATETIME_FORMAT;
      sheet.getColumn(i + 1).eachCell({ includeEmpty: false }, (cell, n) => { if (n > head) cell.numFmt = fmt; });
    }
  });
  if (columns.length) sheet.autoFilter = { from: { row: head, column: 1 }, to: { row: rows.length + head, column: columns.length } };
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell as the text cellText() gives: yyyy-mm-dd, or yyyy-mm-dd hh:mm when its format shows the time. */
function dateText(d: Date, numFmt: string | undefined): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return numFmt && /h/.test(numFmt) ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

function readCell(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return dateText(v, cell.numFmt);
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return String(v);
  // exceljs decodes the _xHHHH_ escapes itself
  if (typeof v === 'string') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  return cell.text;
}

/**
 * Read the first worksheet of a workbook back as text, cell by cell, in the form cellText() gives (dates
 * yyyy-mm-dd, times yyyy-mm-dd hh:mm, Yes/No). For tests and for checking a file before it is sent.
 */
export async function readXlsx(bytes: Uint8Array): Promise<{ sheet: string; rows: string[][]; frozenRows: number }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  // the widest row: a note row above the header holds one cell
  const width = Math.max(sheet.columnCount, sheet.actualColumnCount);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) cells.push(readCell(row.getCell(c)));
    rows[n - 1] = cells;
  });
  const view = sheet.views[0] as { state?: string; ySplit?: number } | undefined;
  return { sheet: sheet.name, rows: Array.from(rows, (r) => r ?? Array<string>(width).fill('')), frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0 };
}
