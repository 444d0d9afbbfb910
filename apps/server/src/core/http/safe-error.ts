/**
 * What may be said about an error in a log line, a job's last error or the CLI: its kind and its code (a
 * PostgreSQL SQLSTATE, our own error code, or Node's/Fastify's code), and where in the code it was thrown — never its
 * message. A database error's message, `detail`, `where`, query text and bound parameters carry whatever was being
 * saved (a safeguarding concern's words included): Drizzle's DrizzleQueryError puts the SQL and every parameter in
 * its message. Every logger in the app serialises `err` through `safeError` (app.ts), so no code path can leak them
 * by logging an error object.
 */
import { AppError } from './errors.ts';

export interface SafeError {
  [key: string]: unknown;
  /** The error's class name (e.g. DrizzleQueryError, TypeError). */
  type: string;
  /** SQLSTATE, AppError code, or a Node/Fastify code such as ECONNREFUSED or FST_ERR_…; absent if none. */
  code?: string;
  /** Our own errors' messages (written by us, naming no data); for anything else a note that it is not logged. */
  message: string;
  /** The call frames only (file and line), without the first line, which repeats the message. */
  stack: string;
}

const NOT_LOGGED = '(not logged: an error message can quote pupil data)';

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The errors an error wraps (Drizzle wraps the driver's error in `cause`), nearest first. */
function* chain(err: unknown): Generator<unknown> {
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e !== null && e !== undefined; depth++) {
    yield e;
    e = typeof e === 'object' ? (e as { cause?: unknown }).cause : undefined;
  }
}

/** The PostgreSQL SQLSTATE of a failed statement, wherever in the cause chain the driver put it. */
export function sqlStateOf(err: unknown): string | undefined {
  for (const e of chain(err)) {
    const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && SQLSTATE.test(code)) return code;
  }
  return undefined;
}

/** The first code found in the chain: SQLSTATE, our AppError code, or a Node/Fastify code. */
export function errorCodeOf(err: unknown): string | undefined {
  const sqlState = sqlStateOf(err);
  if (sqlState) return sqlState;
  for (const e of chain(err)) {
    const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && /^[A-Za-z0-9_.:-]{1,60}$/.test(code)) return code;
  }
  return undefined;
}

function framesOnly(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frames = stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).map((l) => l.trim());
  return frames.length ? frames.join('\n') : undefined;
}

/** Summaries already made (the error handler makes one; the logger's serializer then passes it through). */
const made = new WeakSet<object>();

/** The pino serializer for `err` (and `error`): kind, code and frames, nothing the error's text could carry. */
export function safeError(err: unknown): SafeError {
  if (typeof err === 'object' && err !== null && made.has(err)) return err as SafeError;
  const out = summarise(err);
  made.add(out);
  return out;
}

function summarise(err: unknown): SafeError {
  if (!(err instanceof Error)) return { type: err === null ? 'null' : typeof err, message: NOT_LOGGED, stack: '' };
  const code = errorCodeOf(err);
  return {
    type: err.constructor?.name || err.name || 'Error', ...(code ? { code } : {}),
    message: err instanceof AppError ? err.message : NOT_LOGGED, stack: framesOnly(err.stack) ?? '',
  };
}

/**
 * One line for an operator (a job's last error, the CLI): our own errors keep their message (we wrote it, in words,
 * and it names no data); anything that came from the database says only its kind and code.
 */
export function safeErrorText(err: unknown): string {
  if (err instanceof AppError) return `${err.code}: ${err.message}`;
  const code = errorCodeOf(err);
  if (isDriverError(err)) return `database error${code ? ` ${code}` : ''} (details are not logged: they can hold pupil data)`;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** An error raised by the database driver or Drizzle around it (its text can quote the statement and its values). */
export function isDriverError(err: unknown): boolean {
  if (sqlStateOf(err)) return true;
  for (const e of chain(err)) {
    if (!(e instanceof Error)) continue;
    const name = e.constructor?.name ?? '';
    if (name === 'DrizzleQueryError' || name === 'DatabaseError' || 'query' in e || 'params' in e || 'detail' in e || 'where' in e) return true;
  }
  return false;
}
