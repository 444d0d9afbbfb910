/**
 * Database failures that are not the request's fault: the connection was lost (PostgreSQL restarted, failed over, or
 * an administrator ended the session) or could not be made. A request that meets one answers 503, saying nothing was
 * saved (its transaction never committed), and the pool replaces the connection (client.ts).
 */
import { sqlStateOf } from '../http/safe-error.ts';

/** SQLSTATE classes and codes meaning "the server went away or will not take connections now". */
const UNAVAILABLE_STATES = /^(08...|57P0[1-4]|53300|53400|58030)$/;
/** pg's own errors for a connection that ended or cannot be used (they carry no SQLSTATE). */
const LOST_MESSAGES = [
  'Connection terminated',
  'connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
];
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH']);

export function isDatabaseUnavailable(err: unknown): boolean {
  const state = sqlStateOf(err);
  if (state) return UNAVAILABLE_STATES.test(state);
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NODE_CODES.has(code)) return true;
    // (not Drizzle's wrapper: its message quotes the statement and its values, which could contain anything)
    if (!('params' in e) && LOST_MESSAGES.some((m) => (e as Error).message.includes(m))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
