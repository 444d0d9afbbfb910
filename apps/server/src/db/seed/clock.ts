/**
 * School-clock arithmetic for the generated activity: a London wall-clock time on a date as an instant, an instant
 * back as a London date and minute of the day, and "the next working time" for when staff act on something.
 * Generated times are whole minutes, so durations in whole minutes are exact.
 */
import { addDays, londonIsoDate, weekdayOf } from '../../core/calendar/calendar.ts';

const MINUTE = 60_000;
const offsets = new Map<string, number>();

/** Minutes London is ahead of UTC on a date (0 in winter, 60 in summer), taken at noon: school hours never straddle a change. */
export function londonOffsetMinutes(date: string): number {
  const cached = offsets.get(date);
  if (cached !== undefined) return cached;
  const noon = new Date(`${date}T12:00:00Z`);
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(noon));
  const offset = (hour - 12) * 60;
  offsets.set(date, offset);
  return offset;
}

/** The instant of a London wall-clock time: `minutes` after midnight on `date`. */
export function londonInstant(date: string, minutes: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + (minutes - londonOffsetMinutes(date)) * MINUTE);
}

/** 'HH:MM' → minutes after midnight. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The London date and minute of the day of an instant. */
export function londonParts(instant: Date): { date: string; minutes: number } {
  const date = londonIsoDate(instant);
  const minutes = Math.round((instant.getTime() - Date.parse(`${date}T00:00:00Z`)) / MINUTE) + londonOffsetMinutes(date);
  return { date, minutes };
}

export const addMinutes = (instant: Date, minutes: number): Date => new Date(instant.getTime() + Math.round(minutes) * MINUTE);

const DAY_START = 8 * 60;
const DAY_END = 17 * 60 + 30;

/**
 * `minutes` of working time after `from`, counting only weekdays 08:00–17:30 London time: when a reviewer signs off or
 * a parent is called back. Holidays are not skipped (leads do review in the holidays).
 */
export function afterWorkingMinutes(from: Date, minutes: number): Date {
  let { date, minutes: at } = londonParts(from);
  let left = Math.max(0, Math.round(minutes));
  for (;;) {
    if (weekdayOf(date) <= 5) {
      const start = Math.max(at, DAY_START);
      if (start < DAY_END) {
        const room = DAY_END - start;
        if (left <= room) return londonInstant(date, start + left);
        left -= room;
      }
    }
    date = addDays(date, 1);
    at = 0;
  }
}

export const maxInstant = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
export const minutesBetween = (a: Date, b: Date): number => Math.round((b.getTime() - a.getTime()) / MINUTE);
