/** Pure rules of the job runner: retry backoff, when a job is dead, and the next time of a schedule. */
import { Cron } from 'croner';
import { safeErrorText } from '../http/safe-error.ts';

export const DEFAULT_MAX_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

/** Wait before the next attempt, after `attempts` tries have failed: 30 s, 1 min, 2 min … doubling, at most 6 hours. */
export function backoffMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.min(n - 1, 30));
}

/** After a failed attempt: try again later, or give up (dead) once every allowed attempt is used. */
export function afterFailure(attempts: number, maxAttempts: number, now: Date): { status: 'queued'; runAt: Date } | { status: 'dead' } {
  if (attempts >= maxAttempts) return { status: 'dead' };
  return { status: 'queued', runAt: new Date(now.getTime() + backoffMs(attempts)) };
}

/** A cron expression (5 fields: minute hour day-of-month month day-of-week) is valid for croner. */
export function isValidCron(expr: string): boolean {
  if (expr.trim().split(/\s+/).length !== 5) return false;
  try { new Cron(expr, { paused: true }); return true; } catch { return false; }
}

/** The first time strictly after `after` that the schedule fires, in its time zone (daylight saving respected). */
export function nextRun(cron: string, timezone: string, after: Date): Date {
  const next = new Cron(cron, { timezone, paused: true }).nextRun(after);
  if (!next) throw new Error(`Schedule "${cron}" never fires again`);
  return next;
}

/** "every Monday at 07:00" → the cron expression Haven stores (weekday 1 = Monday … 7 = Sunday). */
export function weeklyCron(weekday: number, hour: number): string {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new RangeError('weekday must be 1 (Monday) to 7 (Sunday)');
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError('hour must be 0 to 23');
  return `0 ${hour} * * ${weekday % 7}`;
}

/**
 * A short, content-free error text for the job row, which `haven jobs status` prints (no stack, no pupil data: a
 * database error is named by its SQLSTATE only, since its message quotes the statement's values).
 */
export function errorText(err: unknown): string {
  return safeErrorText(err).replace(/\s+/g, ' ').slice(0, 300);
}
