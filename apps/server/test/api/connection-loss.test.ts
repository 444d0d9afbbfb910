/**
 * A lost PostgreSQL connection never kills the process (issue 11, item 11). While safeguarding concerns are being
 * raised concurrently, every backend of the test database is terminated (pg_terminate_backend, as a restart,
 * failover or administrator would): the process survives (an unhandled 'error' would fail this run), each request
 * answers 201 or 503 with a clear message (never 500), the pool recovers (the next request succeeds), and nothing is
 * half-saved (every concern stored has its audit entry; one refused as not saved is not there).
 * The errors that mean "database unavailable" are also checked on their own, on every run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { eq, like } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { safeguardingConcerns } from '../../src/db/schema/safeguarding.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { isDatabaseUnavailable } from '../../src/core/db/errors.ts';
import { CommitOutcomeUnknownError } from '../../src/core/db/tx.ts';
import { demoSites, pupilsAt } from './behaviour.fixtures.ts';

describe('which failures mean "the database is unavailable"', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it.each([
    ['terminated by an administrator (57P01)', withCode('57P01'), true],
    ['server shutting down (57P02)', withCode('57P02'), true],
    ['cannot connect now (57P03)', withCode('57P03'), true],
    ['connection failure (08006)', withCode('08006'), true],
    ['too many connections (53300)', withCode('53300'), true],
    ['refused connection', withCode('ECONNREFUSED'), true],
    ['connection reset', withCode('ECONNRESET'), true],
    ['pg: connection ended', new Error('Connection terminated unexpectedly'), true],
    ['pg: client not queryable', new Error('Client has encountered a connection error and is not queryable'), true],
    ['wrapped by Drizzle', Object.assign(new Error('Failed query: insert …\nparams: …'), { query: 'insert', params: [], cause: withCode('57P01') }), true],
    ['lost at commit', new CommitOutcomeUnknownError(new Error('Connection terminated unexpectedly')), true],
    ['unique violation (23505)', withCode('23505'), false],
    ['raised by a trigger (P0001)', withCode('P0001', 'Connection terminated'), false],
    ['Drizzle error whose values quote the words', Object.assign(new Error('Failed query: x\nparams: Connection terminated'), { query: 'x', params: ['Connection terminated'] }), false],
    ['a programming error', new TypeError('Cannot read properties of undefined'), false],
  ])('%s', (_name, err, expected) => {
    expect(isDatabaseUnavailable(err)).toBe(expected);
  });
});

describe.each(dbKinds().filter((k) => k === 'postgres'))('a lost database connection on %s', (kind) => {
  let t: TestContext;
  let staff: Session;
  let pupil: string;
  let admin: pg.Client;
  let dbName: string;

  beforeAll(async () => {
    t = await createTestContext(kind);
    staff = await sessionFor(t, demoEmail('staff'));
    pupil = (await pupilsAt(t, (await demoSites(t)).site1, 1))[0]!;
    dbName = (await t.database.query<{ db: string }>('select current_database() as db'))[0]!.db;
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => { await admin?.end(); await t?.close(); });

  const raise = (text: string) => t.app.inject({
    method: 'POST', url: '/api/v1/safeguarding-concerns', headers: staff.headers,
    payload: { pupilIds: [pupil], category: 'physical', concern: text },
  });
  const terminated = new Set<number>();
  const terminateAll = async () => {
    const r = await admin.query<{ pid: number }>(
      `select pid, pg_terminate_backend(pid) from (select pid from pg_stat_activity
        where datname = $1 and pid <> pg_backend_pid() offset 0) others`, [dbName]);
    for (const row of r.rows) terminated.add(row.pid);
  };
  /**
   * pg_terminate_backend only signals: a backend may end after the requests in flight have finished, leaving a
   * connection in the pool that dies under the next request (which then answers 503, as it must). A failover is
   * over when those backends have gone and the pool has heard that their connections closed.
   */
  const failoverOver = async () => {
    for (let i = 0; i < 200; i++) {
      const r = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where pid = any($1::int[])', [[...terminated]]);
      if (r.rows[0]!.n === 0) break;
      await new Promise((res) => setTimeout(res, 25));
    }
    await new Promise((res) => setTimeout(res, 100));
  };

  it('answers 503 while the connections are being terminated, then 201 again, and saves nothing by halves', async () => {
    const outcomes: { text: string; status: number; code?: string; message?: string }[] = [];
    // Rounds until some request has met a terminated connection (usually the first round).
    for (let round = 0; round < 12 && !outcomes.some((o) => o.status === 503); round++) {
      const sends = Array.from({ length: 24 }, (_, i) => {
        const text = `connection-loss round ${round} concern ${i}: she said he hit her`;
        return raise(text).then((res) => {
          const body = res.statusCode === 201 ? null : json<{ error: { code: string; message: string } }>(res).error;
          outcomes.push({ text, status: res.statusCode, ...(body ? { code: body.code, message: body.message } : {}) });
        });
      });
      // terminate while the writes are in flight, several times
      for (let k = 0; k < 4; k++) { await new Promise((r) => setTimeout(r, 3 + k * 4)); await terminateAll(); }
      await Promise.all(sends);
    }
    const refused = outcomes.filter((o) => o.status === 503);
    expect(refused.length, 'no request met a terminated connection').toBeGreaterThan(0);
    for (const o of outcomes) expect([201, 503], `${o.text}: ${o.status} ${o.code ?? ''}`).toContain(o.status);
    for (const o of refused) {
      expect(['database_unavailable', 'commit_outcome_unknown']).toContain(o.code);
      expect(o.message).toMatch(/lost its connection to the database/);
    }

    // the pool has recovered: the same request now succeeds
    await failoverOver();
    const after = await raise('connection-loss: after the failover');
    expect(after.statusCode).toBe(201);

    // whole or nothing: each stored concern has exactly its one audit entry; a 201 is stored; "not saved" is not
    const stored = await t.database.db.select({ id: safeguardingConcerns.id, concern: safeguardingConcerns.concern })
      .from(safeguardingConcerns).where(like(safeguardingConcerns.concern, 'connection-loss%'));
    const storedTexts = new Set(stored.map((r) => r.concern));
    for (const r of stored) {
      const entries = await t.database.db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.entityId, r.id));
      expect(entries.map((e) => e.action), r.concern).toEqual(['safeguarding.concern.raise']);
    }
    for (const o of outcomes) {
      if (o.status === 201) expect(storedTexts.has(o.text), `${o.text} answered 201 but is not stored`).toBe(true);
      if (o.code === 'database_unavailable') expect(storedTexts.has(o.text), `${o.text} answered "not saved" but is stored`).toBe(false);
    }
    expect(storedTexts.has('connection-loss: after the failover')).toBe(true);
  }, 120_000);
});
