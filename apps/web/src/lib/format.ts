/** UK formats (PLT-5): dates dd/mm/yyyy, 24-hour times, Europe/London, and school words for year groups. */

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
 * The one London formatter: every date and time of an instant (a date, a time, both, today) is read from its parts.
 * Each formatter costs its own setup (the time zone's rules, the pattern for its fields: 10–35 ms of a slow phone's
 * script each), and a page showing a time and a date used to make two or three of them in its first render.
 */
const londonFmt = once(() => new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
}));
const numberFmt = once(() => new Intl.NumberFormat('en-GB'));

/** An instant's London wall clock, each part as two digits (the year as four). */
export function londonParts(d: Date): { year: string; month: string; day: string; hour: string; minute: string; second: string } {
  const p: Record<string, string> = {};
  for (const x of londonFmt().formatToParts(d)) p[x.type] = x.value;
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
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

/**
 * `1234` → `1,234`. Whole numbers below 1,000 (counts on nearly every screen: "3 pupils selected") need no grouping,
 * so they skip Intl.NumberFormat, whose first use loads ICU's number data (tens of milliseconds on a slow phone).
 */
export function formatNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1000 ? String(n) : numberFmt().format(n);
}

const collator = once(() => new Intl.Collator('en-GB'));
/** Names in the order a British reader expects (one collator for every comparison, not one per call). */
export function compareText(a: string, b: string): number {
  return collator().compare(a, b);
}

/**
 * Makes the London formatter and the collator while a signed-in page's code and data are still downloading
 * (router.tsx): the first of each loads ICU's zone rules, calendar and collation data (about 80 ms and 55 ms of a
 * slow phone's script, measured on the incident form), and every later one reuses that data. Made here, in an idle
 * moment, that work is not part of the page's first render.
 */
export function warmFormatters(): void {
  londonFmt().format(0);
  collator().compare('a', 'b');
}

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
