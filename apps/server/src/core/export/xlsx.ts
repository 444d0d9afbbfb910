/**
 * A minimal XLSX (Office Open XML spreadsheet) writer and reader: one worksheet, a bold frozen header row, text as
 * inline strings (never formulas), numbers, booleans, and dates and times as real Excel dates (dd/mm/yyyy,
 * dd/mm/yyyy hh:mm, in Europe/London). Zipped with fflate (8 kB, no dependencies) instead of a 20 MB workbook
 * library. Characters XML 1.0 cannot hold are written as _xHHHH_ escapes, as the OOXML standard (ST_Xstring) says.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { TExportColumn, TExportColumnType } from '@haven/contracts';
import { cellText, headerTexts, londonWallClock, type ExportRow } from './cells.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const STYLE = { header: 1, date: 2, datetime: 3 } as const;

function xmlText(s: string): string {
  const escaped = s
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escaped.replace(/\r/g, '&#13;');
}

function unXmlText(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, n: string) => String.fromCharCode(parseInt(n, 16)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function columnRef(index: number): string {
  let n = index + 1;
  let ref = '';
  while (n > 0) { const r = (n - 1) % 26; ref = String.fromCharCode(65 + r) + ref; n = Math.floor((n - 1) / 26); }
  return ref;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Excel's serial day number (1900 date system; day 0 = 30 December 1899) of a wall-clock date and time. */
export function excelSerial(y: number, m: number, d: number, hh = 0, mm = 0): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000 + (hh * 60 + mm) / 1440;
}

function inlineString(ref: string, text: string, style?: number): string {
  return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
}

function cell(ref: string, type: TExportColumnType, value: ExportRow[string]): string {
  if (value === null || value === undefined || value === '') return '';
  if (type === 'number' && typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
  if (type === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (type === 'date') {
    const [y, m, d] = String(value).slice(0, 10).split('-').map(Number);
    return `<c r="${ref}" s="${STYLE.date}"><v>${excelSerial(y!, m!, d!)}</v></c>`;
  }
  if (type === 'datetime') {
    const w = londonWallClock(String(value));
    return `<c r="${ref}" s="${STYLE.datetime}"><v>${excelSerial(w.y, w.m, w.d, w.hh, w.mm)}</v></c>`;
  }
  return inlineString(ref, cellText(type, value));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
export function sheetName(title: string): string {
  // eslint-disable-next-line no-control-regex
  return title.replace(/[[\]:*?/\\\u0000-\u001F]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Export';
}

const WIDTH: Record<TExportColumnType, number> = { text: 24, number: 12, date: 12, datetime: 17, boolean: 10 };

/** `notes`: rows above the header row, one text cell each; the header row (frozen, filtered) follows them. */
export function toXlsx<K extends string>(title: string, columns: readonly TExportColumn<K>[], rows: readonly ExportRow<K>[], notes: readonly string[] = []): Uint8Array {
  const head = notes.length + 1;
  const lastRef = `${columnRef(Math.max(0, columns.length - 1))}${rows.length + head}`;
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
    `<dimension ref="A1:${lastRef}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="${head}" topLeftCell="A${head + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`,
    `<cols>${columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${WIDTH[c.type]}" customWidth="1"/>`).join('')}</cols><sheetData>`,
    ...notes.map((n, i) => `<row r="${i + 1}">${inlineString(`A${i + 1}`, cellText('text', n))}</row>`),
    `<row r="${head}">${headerTexts(columns).map((h, i) => inlineString(`${columnRef(i)}${head}`, h, STYLE.header)).join('')}</row>`,
  ];
  rows.forEach((row, r) => {
    out.push(`<row r="${r + head + 1}">${columns.map((c, i) => cell(`${columnRef(i)}${r + head + 1}`, c.type, row[c.key])).join('')}</row>`);
  });
  const filterRef = `A${head}:${lastRef}`;
  out.push(`</sheetData><autoFilter ref="${filterRef}"/></worksheet>`);
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlText(sheetName(title))}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${xmlText(sheetName(title).replace(/'/g, "''"))}'!$A$${head}:$${lastRef.replace(/(\d+)$/, '$$$1')}</definedName></definedNames></workbook>`;
  return zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(ROOT_RELS),
    'xl/workbook.xml': strToU8(workbook), 'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
    'xl/styles.xml': strToU8(STYLES), 'xl/worksheets/sheet1.xml': strToU8(out.join('')),
  }, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
}

/** Excel serial → the text cellText() gives for a date or datetime column. */
function serialText(serial: number, withTime: boolean): string {
  const ms = Math.round(serial * 1440) * 60_000 + Date.UTC(1899, 11, 30);
  const iso = new Date(ms).toISOString();
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

/**
 * Read the first worksheet of a workbook written by toXlsx() back as text, cell by cell, in the form cellText()
 * gives (dates yyyy-mm-dd, times yyyy-mm-dd hh:mm, Yes/No). For tests and for checking a file before it is sent.
 */
export function readXlsx(bytes: Uint8Array): { sheet: string; rows: string[][] } {
  const files = unzipSync(bytes);
  const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const sheet = unXmlText(/<sheet name="([^"]*)"/.exec(strFromU8(files['xl/workbook.xml']!))?.[1] ?? '');
  const rows: string[][] = [];
  for (const rm of sheetXml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
    const row: string[] = [];
    for (const cm of rm[2]!.matchAll(/<c r="([A-Z]+)\d+"([^>]*)>(.*?)<\/c>/gs)) {
      const attrs = cm[2]!;
      const type = /t="(\w+)"/.exec(attrs)?.[1];
      const style = Number(/s="(\d+)"/.exec(attrs)?.[1] ?? 0);
      let text: string;
      if (type === 'inlineStr') text = unXmlText(/<t[^>]*>(.*?)<\/t>/s.exec(cm[3]!)?.[1] ?? '');
      else {
        const v = /<v>(.*?)<\/v>/s.exec(cm[3]!)?.[1] ?? '';
        if (type === 'b') text = v === '1' ? 'Yes' : 'No';
        else if (style === STYLE.date || style === STYLE.datetime) text = serialText(Number(v), style === STYLE.datetime);
        else text = v;
      }
      row[columnIndex(cm[1]!)] = text;
    }
    rows[Number(rm[1]) - 1] = Array.from(row, (v) => v ?? '');
  }
  const width = Math.max(0, ...rows.map((r) => r?.length ?? 0));
  return { sheet, rows: Array.from(rows, (r) => [...(r ?? []), ...Array<string>(Math.max(0, width - (r?.length ?? 0))).fill('')]) };
}
