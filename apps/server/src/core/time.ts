/** The school's clock: Europe/London (PLT-5). */
export const SCHOOL_TIME_ZONE = 'Europe/London';

/** Made once: building an Intl.DateTimeFormat costs far more than formatting with it (a hot path of every write). */
const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: SCHOOL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Europe/London as YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
  return londonDay.format(now);
}

/** The app's clock: the system's, unless a test sets `deps.clock` to a fixed instant. */
export type Clock = () => Date;

/** Now, by the app's clock. */
export function clockNow(deps: { clock?: Clock | undefined }): Date {
  return deps.clock ? deps.clock() : new Date();
}

/**
 * "Today" for every figure (SPEC §9: a period still in progress counts only the school days so far): the school's
 * date, Europe/London, by the app's clock. The dashboards, the governors' and the weekly reports all ask here.
 */
export function schoolToday(deps: { clock?: Clock | undefined }): string {
  return londonToday(clockNow(deps));
}

/** A PostgreSQL timestamptz in text form ('2026-11-22 08:10:00.123+00', '+05:30', ...) as ISO 8601 UTC. */
export function pgTimestampToIso(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  const s = value.trim().replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`Unreadable timestamp: ${value}`);
  return d.toISOString();
}
