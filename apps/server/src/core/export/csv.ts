/**
 * CSV (RFC 4180) through the maintained `csv-stringify` / `csv-parse` libraries: comma-separated, CRLF line ends, a
 * UTF-8 BOM so Excel reads the encoding. A field is quoted when it holds a quote, CR or LF (RFC 4180) and also when
 * it holds any separator a spreadsheet may split on in its locale (`,` `;` or a tab), so a cell never spills into
 * the next column whatever the reader's list separator. Formulas are neutralised before this, in cells.ts.
 */
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import type { TExportColumn } from '@haven/contracts';
import { cellText, headerTexts, type ExportRow } from './cells.ts';

export const CSV_BOM = '\uFEFF';

/**
 * Separators that Excel, LibreOffice and Numbers split on, by locale. csv-stringify on its own quotes a line break
 * only when it is the whole record delimiter (CRLF), so a lone CR or LF is listed here too.
 */
const ALSO_QUOTE = /[,;\t\r\n]/;

/** `notes`: lines before the header row, one field each (formula injection neutralised like any text cell). */
export function toCsv<K extends string>(columns: readonly TExportColumn<K>[], rows: readonly ExportRow<K>[], notes: readonly string[] = []): string {
  const records = [...notes.map((n) => [cellText('text', n)]), headerTexts(columns), ...rows.map((row) => columns.map((c) => cellText(c.type, row[c.key])))];
  return CSV_BOM + stringify(records, { delimiter: ',', record_delimiter: '\r\n', quote: '"', escape: '"', quoted_match: ALSO_QUOTE });
}

/** Parse CSV text (a leading BOM is dropped) into rows of fields, as a spreadsheet would read the file. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true }) as string[][];
}
