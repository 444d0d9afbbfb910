/**
 * Reading an uploaded file into a header and rows of text, with maintained parsers only: csv-parse for CSV (quoted
 * fields, embedded newlines and quotes, comma, semicolon or tab separated) and exceljs for XLSX. A CSV's encoding is
 * detected: a byte order mark (UTF-8 or UTF-16), else strict UTF-8, else Windows-1252 (what Excel's "CSV" writes on
 * a Windows PC in England), decoded with iconv-lite. Rows are numbered as a spreadsheet numbers them (header = 1).
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { IMPORT_MAX_ROWS } from '@haven/contracts';

export type FileFormat = 'csv' | 'xlsx' | 'xml';
export interface ParsedFile {
  format: FileFormat;
  /** For CSV: utf-8, utf-8-bom, utf-16le, utf-16be or windows-1252. */
  encoding: string | null;
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

/** A problem with the whole file (not one row): refused before anything else is checked. */
export class FileProblem extends Error {
  constructor(message: string, public readonly row: number | null = null) { super(message); }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function formatOf(bytes: Uint8Array): FileFormat {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b) ? 'xlsx' : 'csv';
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: strictUtf8(buf.subarray(3)) ?? iconv.decode(buf.subarray(3), 'utf-8'), encoding: 'utf-8-bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf8 = strictUtf8(buf);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: iconv.decode(buf, 'windows-1252'), encoding: 'windows-1252' };
}

function strictUtf8(buf: Uint8Array): string | null {
  try { return new TextDecoder('utf-8', { fatal: true }).decode(buf); } catch { return null; }
}

/** The separator the header line uses most, outside quotes: comma, semicolon or tab. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![1] > 0 ? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0] : ',';
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function tidy(rows: string[][], firstRow: number): ParsedFile['rows'] {
  const out: ParsedFile['rows'] = [];
  rows.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return; // blank lines (and Excel's trailing empty rows) are not rows
    out.push({ row: firstRow + i, cells: cells.map((c) => c.trim()) });
  });
  return out;
}

function checkShape(headers: string[], rows: ParsedFile['rows']): void {
  if (headers.length === 0 || headers.every((h) => h === '')) throw new FileProblem('The file is empty: the first row must name the columns.', 1);
  if (rows.length > IMPORT_MAX_ROWS) throw new FileProblem(`The file has ${rows.length} rows; one import takes at most ${IMPORT_MAX_ROWS}. Split it into smaller files.`);
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h === '') return;
    const k = h.toLowerCase();
    if (seen.has(k)) throw new FileProblem(`Two columns are both called "${h}" (columns ${seen.get(k)! + 1} and ${i + 1}); rename one.`, 1);
    seen.set(k, i);
  });
}

export function parseCsvFile(bytes: Uint8Array): ParsedFile {
  const { text, encoding } = decodeText(bytes);
  if (CONTROL.test(text.slice(0, 4096))) throw new FileProblem('This does not look like a CSV or XLSX file (it holds binary data). Save it from the MIS or Excel as CSV or XLSX.');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false, bom: true,
      max_record_size: 1024 * 1024,
    }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    const where = typeof err.lines === 'number' ? ` near line ${err.lines}` : '';
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') throw new FileProblem(`A quoted field is never closed${where}: a quotation mark is missing.`);
    if (err.code === 'CSV_INVALID_CLOSING_QUOTE' || err.code === 'INVALID_OPENING_QUOTE') throw new FileProblem(`A quotation mark is in the wrong place${where}: inside a field, write it twice ("").`);
    throw new FileProblem(`The file could not be read as CSV${where}.`);
  }
  const [header, ...body] = records;
  const headers = (header ?? []).map((h) => h.replace(/^\uFEFF/, '').trim());
  const rows = tidy(body, 2);
  checkShape(headers, rows);
  for (const r of rows) {
    if (r.cells.length > headers.length && r.cells.slice(headers.length).some((c) => c !== '')) {
      throw new FileProblem(`Row ${r.row} has ${r.cells.length} fields but the header names ${headers.length} columns: check for an unquoted comma.`, r.row);
    }
  }
  return { format: 'csv', encoding, headers, rows };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text: real dates as yyyy-mm-dd (the calendar day Excel shows), formulas as their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return String((value as { text: unknown }).text ?? '');
  if ('error' in value) return '';
  return '';
}

export async function parseXlsxFile(bytes: Uint8Array): Promise<ParsedFile> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new FileProblem('The file could not be read as an XLSX workbook. Save it from Excel or the MIS as XLSX (or CSV) and try again.');
  }
  const sheet = book.worksheets.find((w) => w.state === 'visible' && w.actualRowCount > 0) ?? book.worksheets[0];
  if (!sheet) throw new FileProblem('The workbook has no worksheet.');
  if (sheet.rowCount > IMPORT_MAX_ROWS + 1) throw new FileProblem(`The worksheet has ${sheet.rowCount - 1} rows; one import takes at most ${IMPORT_MAX_ROWS}. Split it into smaller files.`);
  const grid: string[][] = [];
  const width = Math.min(sheet.columnCount, 500);
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) cells.push(cellText(row.getCell(c).value));
    grid[n - 1] = cells;
  });
  const full = Array.from(grid, (r) => r ?? []);
  const [header, ...body] = full;
  const headers = (header ?? []).map((h) => h.trim());
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  const rows = tidy(body.map((r) => r.slice(0, Math.max(headers.length, r.length))), 2);
  checkShape(headers, rows);
  return { format: 'xlsx', encoding: null, headers, rows };
}

export async function parseImportFile(bytes: Uint8Array): Promise<ParsedFile> {
  if (bytes.byteLength === 0) throw new FileProblem('The file is empty.');
  return formatOf(bytes) === 'xlsx' ? parseXlsxFile(bytes) : parseCsvFile(bytes);
}
