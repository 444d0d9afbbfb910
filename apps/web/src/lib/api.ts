/**
 * The typed fetch wrapper every feature uses to talk to the Haven API. It sends the session cookie
 * (same-origin), adds the CSRF header to every non-GET request and turns error bodies into ApiError.
 */
import type { TErrorBody } from '@haven/contracts';

export type FieldError = { field: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }

  /** The server failed (5xx) or could not be reached: nothing was wrong with what was typed, so keep all of it. */
  get serverFault(): boolean {
    return this.status === 0 || this.status >= 500;
  }

  /** The message for one field (exact name, or the first nested one, e.g. `assignments.0.siteId`). */
  fieldMessage(field: string): string | undefined {
    return (this.fields.find((f) => f.field === field) ?? this.fields.find((f) => f.field.startsWith(`${field}.`)))?.message;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export const CSRF_COOKIE = 'haven_csrf';
let csrfFallback: string | undefined;

/** Remember the token the server returned at sign-in, in case the cookie cannot be read. */
export function rememberCsrfToken(token: string | undefined): void {
  if (token) csrfFallback = token;
}

export function forgetCsrfToken(): void {
  csrfFallback = undefined;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function csrfToken(): string | undefined {
  return readCookie(CSRF_COOKIE) ?? csrfFallback;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `/api/v1/...?a=b`, leaving out empty values. */
export function apiUrl(path: string, query?: Query): string {
  const url = `/api/v1${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

function isErrorBody(x: unknown): x is TErrorBody {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = (x as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'message' in e && typeof (e as { message: unknown }).message === 'string';
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Sign in to continue.',
  403: 'You do not have permission to do that.',
  404: 'That record was not found.',
  409: 'This record was changed by someone else. Reload to see the latest version.',
  429: 'Too many attempts. Wait a minute and try again.',
};

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The device says it has no network: only then do we say "offline". */
export const isDeviceOffline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false;

export const OFFLINE_MESSAGE = 'This device is offline, so nothing was sent. Everything you entered is still here: it will go once you are back online.';
export const UNREACHABLE_MESSAGE = "Haven's server could not be reached (this device is online; the server may be restarting), so nothing was sent. Everything you entered is still here: try again in a moment.";
export const SERVER_FAULT_MESSAGE = "Haven's server had a problem and this was not saved. Nothing you entered was wrong, and it is all still here: try again in a moment.";

/** A request that got no answer: "offline" only when the device says so, otherwise the server is not answering. */
export const networkError = (): ApiError =>
  isDeviceOffline() ? new ApiError(0, 'offline', OFFLINE_MESSAGE) : new ApiError(0, 'unreachable', UNREACHABLE_MESSAGE);

/**
 * The words for a failure of the server rather than of what was typed. A write the server failed on says it was not
 * saved (the server's own words when it says more, e.g. that its database connection was lost).
 */
function serverFaultMessage(method: Method, status: number, code: string | undefined, serverMessage: string | undefined): string {
  if (code === 'database_unavailable' || code === 'commit_outcome_unknown') return serverMessage ?? SERVER_FAULT_MESSAGE;
  if (method === 'GET') return serverMessage ?? `Haven's server had a problem (error ${status}). Try again in a moment.`;
  return SERVER_FAULT_MESSAGE;
}

/** `file`: send a file as the body itself (an upload) rather than JSON. */
export async function request<T>(method: Method, path: string, options: { query?: Query; body?: unknown; file?: Blob; signal?: AbortSignal; idempotencyKey?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.file) headers['Content-Type'] = options.file.type || 'application/octet-stream';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    if (res.status >= 500) {
      const body = isErrorBody(data) ? data.error : undefined;
      throw Object.assign(new ApiError(res.status, body?.code ?? `http_${res.status}`, serverFaultMessage(method, res.status, body?.code, body?.message), [], body?.requestId), { retryAfterMs: retryAfterMs(res) });
    }
    if (isErrorBody(data)) {
      const { code, message, fields, requestId } = data.error;
      throw Object.assign(new ApiError(res.status, code, message, fields ?? [], requestId), { retryAfterMs: retryAfterMs(res) });
    }
    const message = FALLBACK_MESSAGES[res.status] ?? 'Something went wrong. Please try again.';
    throw new ApiError(res.status, `http_${res.status}`, message);
  }
  return data as T;
}

function retryAfterMs(res: Response): number | undefined {
  const v = Number(res.headers.get('retry-after'));
  return Number.isFinite(v) && v > 0 ? Math.min(v, 30) * 1000 : undefined;
}

/** A failure worth sending the same request again for: offline, or the server busy or briefly unavailable. */
export function isRetryable(e: unknown): boolean {
  return isApiError(e) && [0, 502, 503, 504].includes(e.status);
}

/** How long to wait before attempt `attempt` (from 1): the server's Retry-After, else 1 s, 2 s, 4 s … (at most 15 s). */
export function retryDelayMs(e: unknown, attempt: number): number {
  const asked = (e as { retryAfterMs?: number }).retryAfterMs;
  return asked ?? Math.min(15_000, 1000 * 2 ** (attempt - 1));
}

/** A fresh Idempotency-Key for one write (its retries send the same key: the server answers them without writing twice). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Send a write with an Idempotency-Key, and send it again with the same key while it fails for a reason that may
 * pass (offline, 502, 503 with Retry-After, 504), up to `attempts` times: the server never applies it twice.
 */
export async function sendIdempotent<T>(method: Method, path: string, body: unknown, o: { key?: string; attempts?: number; sleep?: (ms: number) => Promise<void> } = {}): Promise<T> {
  const key = o.key ?? newIdempotencyKey();
  const attempts = o.attempts ?? 5;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request<T>(method, path, { body, idempotencyKey: key });
    } catch (e) {
      if (!isRetryable(e) || attempt >= attempts) throw e;
      await sleep(retryDelayMs(e, attempt));
    }
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Uploads one file as the raw request body (the API takes no multipart), with its name in X-Filename. */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': file.type, 'X-Filename': encodeURIComponent(file.name), Accept: 'application/json' };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  let res: Response;
  try {
    res = await fetch(apiUrl(path), { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? 'The file was not uploaded. Please try again.');
  }
  return data as T;
}
