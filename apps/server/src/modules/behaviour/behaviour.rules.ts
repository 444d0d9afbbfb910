/**
 * Pure rules of the quick log (INC-1): which configured entry applies at a site (a site row overrides the trust row
 * with the same code), the school day and period of an instant in Europe/London, and the undo window.
 */
import { QUICK_LOG_UNDO_SECONDS } from '@haven/contracts';
import { londonDateAndMinutes } from '../../core/time.ts';

/** The undo the author sees lasts QUICK_LOG_UNDO_SECONDS; the server adds this much for a slow network. */
export const UNDO_GRACE_MS = 5_000;
export const UNDO_WINDOW_MS = QUICK_LOG_UNDO_SECONDS * 1000 + UNDO_GRACE_MS;
/** A device clock a little ahead of the server's is tolerated; anything later is a mistake. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface ConfiguredEntry { siteId: string | null; code: string }

/**
 * The entry that applies at a site for a code: the site's own row if it has one (even an inactive one, which
 * switches the trust's entry off there), else the trust-wide row. Rows of other sites never apply.
 */
export function effectiveEntry<T extends ConfiguredEntry>(rows: readonly T[], siteId: string, code: string): T | undefined {
  let trustRow: T | undefined;
  for (const r of rows) {
    if (r.code !== code) continue;
    if (r.siteId === siteId) return r;
    if (r.siteId === null && trustRow === undefined) trustRow = r;
  }
  return trustRow;
}

/** Every entry that applies at a site, one per code (site rows replacing trust rows). */
export function effectiveEntries<T extends ConfiguredEntry>(rows: readonly T[], siteId: string): T[] {
  const byCode = new Map<string, T>();
  for (const r of rows) if (r.siteId === null && !byCode.has(r.code)) byCode.set(r.code, r);
  for (const r of rows) if (r.siteId === siteId) byCode.set(r.code, r);
  return [...byCode.values()];
}

/** The London calendar date (YYYY-MM-DD) and minutes since London midnight of an instant (core/time.ts). */
export { londonDateAndMinutes };

/** "08:45" → 525; anything that is not a valid HH:MM is null. */
export function parseHhMm(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

export interface PeriodWindow { code: string; details: unknown; sortOrder?: number }

/**
 * The period whose window [start, end) contains the minute of the day; periods with an unreadable or empty window
 * are ignored. Where windows overlap (a misconfiguration), the one that started last wins: it is the more specific.
 */
export function periodAt(minutes: number, periods: readonly PeriodWindow[]): string | null {
  let best: { code: string; start: number } | null = null;
  for (const p of periods) {
    const d = (p.details ?? {}) as { start?: unknown; end?: unknown };
    const start = parseHhMm(d.start);
    const end = parseHhMm(d.end);
    if (start === null || end === null || end <= start) continue;
    if (minutes >= start && minutes < end && (best === null || start > best.start)) best = { code: p.code, start };
  }
  return best?.code ?? null;
}

/** May the author still undo a log made at `createdAt`? */
export function undoOpen(createdAt: Date, now: Date): boolean {
  const age = now.getTime() - createdAt.getTime();
  return age <= UNDO_WINDOW_MS;
}

/** Is the pupil on roll on that day (enrolment dates inclusive)? */
export function onRoll(p: { enrolmentStart: string; enrolmentEnd: string | null }, day: string): boolean {
  return p.enrolmentStart <= day && (p.enrolmentEnd === null || p.enrolmentEnd >= day);
}
