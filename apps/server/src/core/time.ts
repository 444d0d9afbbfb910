/** The school's clock: Europe/London (PLT-5). */
export const SCHOOL_TIME_ZONE = 'Europe/London';

/** Today's date in Europe/London as YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: SCHOOL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A PostgreSQL timestamptz in text form ('2026-11-22 08:10:00.123+00', '+05:30', ...) as ISO 8601 UTC. */
export function pgTimestampToIso(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  const s = value.trim().replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`Unreadable timestamp: ${value}`);
  return d.toISOString();
}
