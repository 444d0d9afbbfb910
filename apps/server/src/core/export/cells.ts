/**
 * One meaning for a cell in every export: formula injection neutralised (OWASP "CSV injection": a text cell that
 * starts with = + - @ tab or carriage return gets a leading apostrophe, so a spreadsheet shows it as text and never
 * runs it), dates as calendar days, times in Europe/London, Yes/No for booleans.
 */
import type { TExportColumn, TExportColumnType } from '@haven/contracts';
import { SCHOOL_TIME_ZONE } from '../time.ts';

export type CellValue = string | number | boolean | null | undefined;
export type ExportRow<K extends string = string> = Record<K, CellValue>;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: SCHOOL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An ISO instant as its Europe/London wall-clock parts. */
export function londonWallClock(iso: string): { y: number; m: number; d: number; hh: number; mm: number } {
  const parts = Object.fromEntries(londonParts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), hh: Number(parts.hour), mm: Number(parts.minute) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The text a cell shows in a CSV file (and what an XLSX cell reads back as). Empty for null. */
export function cellText(type: TExportColumnType, value: CellValue): string {
  if (value === null || value === undefined || value === '') return '';
  switch (type) {
    case 'number': return typeof value === 'number' ? String(value) : neutraliseFormula(String(value));
    case 'boolean': return value ? 'Yes' : 'No';
    case 'date': return String(value).slice(0, 10);
    case 'datetime': {
      const w = londonWallClock(String(value));
      return `${w.y}-${pad(w.m)}-${pad(w.d)} ${pad(w.hh)}:${pad(w.mm)}`;
    }
    default: return neutraliseFormula(String(value));
  }
}

export const headerTexts = (columns: readonly TExportColumn[]) => columns.map((c) => neutraliseFormula(c.header));
