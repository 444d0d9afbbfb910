/**
 * sendIdempotent (issue 19): a quick log the server shed (503 with Retry-After) or that never got an answer (network
 * error) is sent again with the same Idempotency-Key, waiting as the server asked (else 1 s, 2 s, 4 s …), up to five
 * attempts; an answer that retrying cannot change (400, 409, 422, 500) is not retried. The fetch below plays the
 * server's part; the requests are the ones the browser would send.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, isRetryable, retryDelayMs, sendIdempotent } from './api';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'network';

interface Sent { url: string; method: string; headers: Record<string, string>; body: unknown }

/** A server that gives these answers in turn and records what it was sent. */
function server(answers: Answer[]): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? 'GET', headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
    const a = answers.shift();
    if (!a) throw new Error('no answer left');
    if (a === 'network') throw new TypeError('Failed to fetch');
    return new Response(a.body === undefined ? '' : JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json', ...a.headers } });
  });
  return sent;
}

const shed = { status: 503, body: { error: { code: 'overloaded', message: 'Haven is very busy just now: please try again in a moment.' } }, headers: { 'retry-after': '1' } };
const created = { status: 201, body: { batchId: 'b1', items: [{ id: 'e1' }] } };
const body = { pupilIds: ['p1'], categoryCode: 'LOW_LEVEL_DISRUPTION' };

describe('sendIdempotent', () => {
  let waits: number[];
  const sleep = async (ms: number) => { waits.push(ms); };
  beforeEach(() => {
    waits = [];
    vi.stubGlobal('document', { cookie: 'haven_csrf=csrf-token-1' });
  });
  afterEach(() => { vi.unstubAllGlobals(); });

  it('sends a shed quick log again with the same key after Retry-After, and returns the answer', async () => {
    const sent = server([shed, shed, created]);
    const r = await sendIdempotent<{ batchId: string }>('POST', '/behaviour-events', body, { sleep });
    expect(r.batchId).toBe('b1');
    expect(sent).toHaveLength(3);
    const keys = sent.map((s) => s.headers['Idempotency-Key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    for (const s of sent) {
      expect(s).toMatchObject({ url: '/api/v1/behaviour-events', method: 'POST', body });
      expect(s.headers['X-CSRF-Token']).toBe('csrf-token-1');
    }
    expect(waits).toEqual([1000, 1000]);
  });

  it('retries a request that got no answer, backing off 1 s, 2 s, 4 s when the server did not say', async () => {
    const sent = server(['network', { status: 502 }, { status: 504 }, created]);
    await sendIdempotent('POST', '/behaviour-events', body, { key: 'a-key-chosen-by-the-caller', sleep });
    expect(sent.map((s) => s.headers['Idempotency-Key'])).toEqual(Array(4).fill('a-key-chosen-by-the-caller'));
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('gives up after five attempts with the last error, which says nothing was saved', async () => {
    const sent = server([shed, shed, shed, shed, shed, created]);
    const e = await sendIdempotent('POST', '/behaviour-events', body, { sleep }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(503);
    expect((e as ApiError).message).toMatch(/not saved/);
    expect(sent).toHaveLength(5);
    expect(waits).toHaveLength(4);
  });

  it('does not retry what retrying cannot change: invalid input, a conflict, a reused key, a server fault', async () => {
    for (const status of [400, 409, 422, 500]) {
      const sent = server([{ status, body: { error: { code: 'x', message: 'No.', fields: [] } } }, created]);
      const e = await sendIdempotent('POST', '/behaviour-events', body, { sleep }).catch((x: unknown) => x);
      expect((e as ApiError).status, String(status)).toBe(status);
      expect(sent).toHaveLength(1);
    }
    expect(waits).toEqual([]);
  });

  it('waits at most 30 s whatever Retry-After says, and at most 15 s when backing off', () => {
    const e = Object.assign(new ApiError(503, 'overloaded', ''), { retryAfterMs: 30_000 });
    expect(retryDelayMs(e, 1)).toBe(30_000);
    expect(retryDelayMs(new ApiError(0, 'unreachable', ''), 10)).toBe(15_000);
    expect([0, 502, 503, 504].map((s) => isRetryable(new ApiError(s, 'x', '')))).toEqual([true, true, true, true]);
    expect(isRetryable(new Error('not an API error'))).toBe(false);
  });
});
