import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TExportColumn } from '@haven/contracts';
import { cellText, neutraliseFormula } from './cells.ts';
import { CSV_BOM, parseCsv, toCsv } from './csv.ts';
import { columnRef, excelSerial, readXlsx, sheetName, toXlsx } from './xlsx.ts';

const wellFormed = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')));
const expected = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

describe('formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"], ['+44 7700 900123', "'+44 7700 900123"], ['-2', "'-2"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', "'\rx"],
    ['=HYPERLINK("http://evil.example","Click")', `'=HYPERLINK("http://evil.example","Click")`], ['Ordinary text', 'Ordinary text'], ['', ''], ["'already", "'already"],
  ])('%j → %j', (input, out) => expect(neutraliseFormula(input)).toBe(out));
  it('numbers stay numbers, negative ones too', () => expect(cellText('number', -3)).toBe('-3'));
});

const cols = [
  { key: 'a', header: 'Text', type: 'text' }, { key: 'b', header: '=Header', type: 'text' }, { key: 'n', header: 'Number', type: 'number' },
  { key: 'd', header: 'Day', type: 'date' }, { key: 't', header: 'When', type: 'datetime' }, { key: 'y', header: 'Flag', type: 'boolean' },
] as const satisfies readonly TExportColumn[];
interface Row { a: string; b: string; n: number | null; d: string | null; t: string | null; y: boolean | null }

const row = fc.record({
  a: wellFormed, b: wellFormed, n: fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.constant(null)),
  d: fc.oneof(fc.date({ min: new Date('1950-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }).map((x) => x.toISOString().slice(0, 10)), fc.constant(null)),
  t: fc.oneof(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }).map((x) => x.toISOString()), fc.constant(null)),
  y: fc.oneof(fc.boolean(), fc.constant(null)),
}) as fc.Arbitrary<Row>;

describe('CSV (RFC 4180, BOM)', () => {
  it('any text round-trips through CSV parsing unchanged, except that formulas are neutralised', () => {
    fc.assert(fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
      const csv = toCsv(cols, rows);
      expect(csv.startsWith(CSV_BOM)).toBe(true);
      const parsed = parseCsv(csv);
      expect(parsed[0]).toEqual(['Text', "'=Header", 'Number', 'Day', 'When', 'Flag']);
      expect(parsed.slice(1).map((r) => r[0])).toEqual(rows.map((r) => expected(r.a)));
      expect(parsed.slice(1).map((r) => r[1])).toEqual(rows.map((r) => expected(r.b)));
      expect(parsed.slice(1)).toEqual(rows.map((r) => cols.map((c) => cellText(c.type, r[c.key]))));
    }), { numRuns: 300 });
  });
  it('quotes only what needs quoting; CRLF line ends; Yes/No; London times across the clock change', () => {
    const csv = toCsv(cols, [{ a: 'He said "no", twice', b: 'line\nbreak', n: 3, d: '2026-11-22', t: '2026-07-01T12:30:00Z', y: true }]);
    expect(csv).toBe(`${CSV_BOM}Text,'=Header,Number,Day,When,Flag\r\n"He said ""no"", twice","line\nbreak",3,2026-11-22,2026-07-01 13:30,Yes\r\n`);
    expect(cellText('datetime', '2026-12-01T12:30:00Z')).toBe('2026-12-01 12:30');
  });
  it('quotes a cell holding any separator a spreadsheet may split on (, ; tab), a quote, CR or LF (RFC 4180)', () => {
    const csv = toCsv(cols, [{ a: 'Room 3; corridor', b: 'left\tright', n: null, d: null, t: null, y: null }]);
    expect(csv).toBe(`${CSV_BOM}Text,'=Header,Number,Day,When,Flag\r\n"Room 3; corridor","left\tright",,,,\r\n`);
    expect(parseCsv(csv)[1]!.slice(0, 2)).toEqual(['Room 3; corridor', 'left\tright']);
  });
  it('every field with a separator, quote or line break is quoted, whatever else it holds', () => {
    const risky = fc.array(fc.constantFrom('a', ' ', ',', ';', '\t', '"', '\r', '\n', '=', 'é', '😀'), { maxLength: 12 }).map((xs) => xs.join(''));
    fc.assert(fc.property(risky, risky, (a, b) => {
      const csv = toCsv(cols, [{ a, b, n: 1, d: null, t: null, y: null }]);
      const body = csv.slice(csv.indexOf('\r\n') + 2);
      for (const text of [cellText('text', a), cellText('text', b)]) {
        if (/[,;\t"\r\n]/.test(text)) expect(body).toContain(`"${text.replace(/"/g, '""')}"`);
      }
      expect(parseCsv(csv)[1]!.slice(0, 2)).toEqual([cellText('text', a), cellText('text', b)]);
    }), { numRuns: 300 });
  });
});

describe('XLSX (exceljs)', () => {
  it('opens and reads back with the same values (text, numbers, dates as dates, Yes/No)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(row, { maxLength: 8 }), wellFormed, async (rows, title) => {
      const back = await readXlsx(await toXlsx(title, cols, rows));
      expect(back.sheet).toBe(sheetName(title));
      expect(back.frozenRows).toBe(1);
      expect(back.rows[0]).toEqual(['Text', "'=Header", 'Number', 'Day', 'When', 'Flag']);
      expect(back.rows.slice(1)).toEqual(rows.map((r) => cols.map((c) => cellText(c.type, r[c.key]))));
    }), { numRuns: 100 });
  });
  it('dates are real Excel dates with UK formats; text cells are text, never formulas; the header row is frozen', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const bytes = await toXlsx('Incidents', cols, [{ a: '=cmd|" /C calc"!A0', b: '_x0041_ & <b>', n: 1.5, d: '2026-11-22', t: '2026-11-22T09:05:00Z', y: false }]);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toContain('xl/worksheets/sheet1.xml');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).not.toContain('<f>');
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheet).toMatch(new RegExp(`<c r="D2" s="(\\d+)"><v>${excelSerial(2026, 11, 22)}</v></c>`));
    expect(excelSerial(2026, 11, 22)).toBe(46348);
    expect(sheet).toMatch(/<c r="E2" s="\d+"><v>46348\.3784722222/);
    const strings = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array()) + sheet;
    expect(strings).toContain('_x005F_x0041_ &amp; &lt;b&gt;');
    const styles = strFromU8(files['xl/styles.xml']!);
    expect(styles).toContain('formatCode="dd/mm/yyyy"');
    expect(styles).toContain('formatCode="dd/mm/yyyy hh:mm"');
    expect((await readXlsx(bytes)).rows[1]).toEqual([`'=cmd|" /C calc"!A0`, '_x0041_ & <b>', '1.5', '2026-11-22', '2026-11-22 09:05', 'No']);
  });
  it('column references', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnRef)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
