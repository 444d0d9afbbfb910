/** UK formats (PLT-5): dates dd/mm/yyyy, 24-hour times, Europe/London, and school words for year groups. */

import { compareText, groupDigits } from '@haven/contracts/locale';

const TZ = 'Europe/London';

/**
 * A formatter made the first time it is used, not when this module loads: every page imports this module, and making
 * the time-zone formatters (ICU loads the zone's rules) took a fifth of a slow phone's script time on a page's first load.
 */
export function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/**
 * The London formatter, for instants before 1996 only (see londonOffsetMs): every date and time of an instant (a date,
 * a time, both, today) is read from its parts.
 */
const londonFmt = once(() => new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
}));

/** The last Sunday of a month (0-based), 01:00 UTC: when the UK's clocks change. */
function lastSundayOneAm(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}

/**
 * London's offset from UTC at an instant, by the rule in force since 1996 (the Summer Time Order 2002 keeps it): British
 * Summer Time, one hour ahead, from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
 * Reckoned, not asked of Intl: a page's first Intl object loads ICU's zone, calendar and locale data, 30–60 ms of a
 * fast machine's script and four times that on a slow phone, and nearly every page shows a time or today's date.
 * Before 1996 (other rules), null: Intl answers. A test holds the rule to Intl's zone data, hour by hour, 1996–2045.
 */
export function londonOffsetMs(t: number): number | null {
  const year = new Date(t).getUTCFullYear();
  if (!(year >= 1996)) return null;
  return t >= lastSundayOneAm(year, 2) && t < lastSundayOneAm(year, 9) ? 3_600_000 : 0;
}

const two = (n: number) => String(n).padStart(2, '0');

/** An instant's London wall clock, each part as two digits (the year as four). */
export function londonParts(d: Date): { year: string; month: string; day: string; hour: string; minute: string; second: string } {
  const offset = londonOffsetMs(d.getTime());
  if (offset === null) {
    const p: Record<string, string> = {};
    for (const x of londonFmt().formatToParts(d)) p[x.type] = x.value;
    return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
  }
  const w = new Date(d.getTime() + offset);
  return {
    year: String(w.getUTCFullYear()), month: two(w.getUTCMonth() + 1), day: two(w.getUTCDate()),
    hour: two(w.getUTCHours()), minute: two(w.getUTCMinutes()), second: two(w.getUTCSeconds()),
  };
}

/** `2026-11-22` → `22/11/2026` (a calendar date: no time-zone shift). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** An instant as `22/11/2026 14:05` in London time. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = londonParts(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`;
}

/** An instant's time of day in London, as `10:42:05`. */
export function formatTimeOfDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = londonParts(d);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** An instant's calendar date in London, as dd/mm/yyyy. */
export function formatInstantDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = londonParts(d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** `1234` → `1,234` (without Intl for whole numbers: see groupDigits). */
export const formatNumber = groupDigits;

/** Names in the order a British reader expects (Intl.Collator's, without starting it for plain ASCII names). */
export { compareText };

/** Today's date in London as yyyy-mm-dd (the API's form). */
export function londonTodayIso(now = new Date()): string {
  const t = londonNow(now);
  return `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}

/** Today's date and hour in London. */
export function londonNow(now = new Date()): { year: number; month: number; day: number; hour: number } {
  const p = londonParts(now);
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour) };
}

/** Age in whole years on today's date in London. */
export function ageInYears(isoDob: string, now = new Date()): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDob);
  if (!m) return undefined;
  const t = londonNow(now);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = t.year - y;
  if (t.month < mo || (t.month === mo && t.day < d)) age -= 1;
  return age;
}

/** National curriculum year as schools say it. */
export function yearGroupLabel(ncYear: number): string {
  if (ncYear === -1) return 'Nursery';
  if (ncYear === 0) return 'Reception';
  if (ncYear === 14) return 'Post-19';
  return `Year ${ncYear}`;
}

export const YEAR_GROUPS: readonly number[] = Array.from({ length: 16 }, (_, i) => i - 1);

export function greeting(now = new Date()): string {
  const h = londonNow(now).hour;
  if (h < 12) return 'Good morning';
  if (h < 18) return 'Good afternoon';
  return 'Good evening';
}

/** Initials for a name: "Amelia-Rose O'Neill" → "AO". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** "1 pupil", "3 pupils". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/**
 * Reads a date typed the UK way ("22/11/2026", "2/3/2026", "22-11-2026") as ISO yyyy-mm-dd.
 * Returns '' for an empty box and null when the text is not a real date.
 */
export function parseUkDate(text: string): string | null {
  const t = text.trim();
  if (!t) return '';
  const m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(t);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
