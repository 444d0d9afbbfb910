/**
 * Dates and times as staff type them (dd/mm/yyyy and 24-hour hh:mm, London time) and as the API stores them
 * (ISO instants). A native time picker follows the browser's locale (often 12-hour), so times are typed.
 */
import { londonParts as wallClock, londonTodayIso, parseUkDate } from '../../lib/format';

function londonParts(d: Date): { y: number; mo: number; d: number; h: number; mi: number } {
  const p = wallClock(d);
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute) };
}

/** London's offset from UTC in minutes at an instant (0 in winter, 60 in summer). */
function offsetMinutes(utcMs: number): number {
  const p = londonParts(new Date(utcMs));
  return Math.round((Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/** "14:05", "14.05", "1405", "9:30" → "14:05"; '' for an empty box; null when it is not a time. */
export function parseTime(text: string): string | null {
  const t = text.trim();
  if (!t) return '';
  const m = /^(\d{1,2})[:.]?(\d{2})$/.exec(t);
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  if (h > 23 || mi > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}

/**
 * A London wall-clock date and time typed by the user → an ISO instant. `undefined` when either part is empty,
 * `null` when either is not valid (so the caller can tell "not given" from "mistyped").
 */
export function londonToIso(dateText: string, timeText: string): string | undefined | null {
  const date = parseUkDate(dateText);
  const time = parseTime(timeText);
  if (date === null || time === null) return null;
  if (!date || !time) return undefined;
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  let t = guess - offsetMinutes(guess) * 60_000;
  const second = offsetMinutes(t);
  t = guess - second * 60_000;
  return new Date(t).toISOString();
}

/** An ISO instant → the London date as dd/mm/yyyy and time as hh:mm, for the form's text boxes. */
export function isoToLondonText(iso: string | null | undefined): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { date: '', time: '' };
  const p = londonParts(d);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${two(p.d)}/${two(p.mo)}/${p.y}`, time: `${two(p.h)}:${two(p.mi)}` };
}

export function nowLondonText(now = new Date()): { date: string; time: string } {
  return isoToLondonText(now.toISOString());
}

/** Today in London as yyyy-mm-dd (lib/format; re-exported for the incident pages). */
export { londonTodayIso };

/** Whole minutes between two typed times on one day; null when either is missing or the end is not after the start. */
export function durationMinutes(startText: string, endText: string): number | null {
  const s = parseTime(startText);
  const e = parseTime(endText);
  if (!s || !e) return null;
  const toMin = (x: string) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3, 5));
  const diff = toMin(e) - toMin(s);
  return diff >= 0 ? diff : null;
}

export function minutesLabel(n: number): string {
  if (n < 60) return `${n} ${n === 1 ? 'minute' : 'minutes'}`;
  const h = Math.floor(n / 60);
  const m = n % 60;
  return `${h} ${h === 1 ? 'hour' : 'hours'}${m ? ` ${m} ${m === 1 ? 'minute' : 'minutes'}` : ''}`;
}

/** An age in hours as people say it: "2 days 3 hours", "5 hours", "less than an hour". */
export function ageLabel(hours: number): string {
  const whole = Math.floor(hours);
  if (whole < 1) return 'less than an hour';
  const d = Math.floor(whole / 24);
  const h = whole % 24;
  const days = d ? `${d} ${d === 1 ? 'day' : 'days'}` : '';
  const hrs = h ? `${h} ${h === 1 ? 'hour' : 'hours'}` : '';
  return [days, hrs].filter(Boolean).join(' ');
}

/** A typed dd/mm/yyyy date is today or earlier in London (LAW-10's same-day warning applies). */
export function isTodayOrEarlier(dateText: string, now = new Date()): boolean {
  const iso = parseUkDate(dateText);
  return !!iso && iso <= londonTodayIso(now);
}

export const DATE_HINT = 'dd/mm/yyyy';
export const TIME_HINT = '24-hour, hh:mm';
export const dateError = (text: string): string | undefined =>
  parseUkDate(text) === null ? 'Enter a date like 18/11/2026' : undefined;
export const timeError = (text: string): string | undefined =>
  parseTime(text) === null ? 'Enter a time like 14:05' : undefined;
