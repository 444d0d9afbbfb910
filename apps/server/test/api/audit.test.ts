/** CMP-2: every write is audited in its own transaction, the chain verifies, and tampering is found by position. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { verifyAuditChain } from '../../src/core/audit/verify.ts';
import { inTransaction } from '../../src/core/db/tx.ts';
import { poolOf } from '../../src/core/db/client.ts';
import { SYSTEM_AUDIT } from '../../src/core/audit/audit.ts';
import { trusts } from '../../src/db/schema/platform.ts';
import { runStatement, runStatementLater, statement } from '../../src/core/db/prepared.ts';

describe.each(dbKinds())('audit on %s', (kind) => {
  let t: TestContext;
  let admin: Session;
  beforeAll(async () => { t = await createTestContext(kind); admin = await sessionFor(t, demoEmail('trust_admin')); });
  afterAll(async () => { await t?.close(); });

  it('records a write with who, what and before/after, and lists it with filters', async () => {
    const created = json<{ id: string }>(await t.app.inject({ method: 'POST', url: '/api/v1/admin/sites', headers: admin.headers,
      payload: { name: 'Audit Test Site', shortName: `AT${kind}`, phase: 'secondary', kind: 'ap' } }));
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=site.create&entityId=${created.id}`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const body = json<{ items: { action: string; actorUserId: string; actorLabel: string; details: { after: { name: string } } }[]; total: number }>(res);
    expect(body.total).toBe(1);
    expect(body.items[0]!.actorUserId).toBe(admin.userId);
    expect(body.items[0]!.actorLabel).toContain(demoEmail('trust_admin'));
    expect(body.items[0]!.details.after.name).toBe('Audit Test Site');
    const today = new Date().toISOString().slice(0, 10);
    const byDate = json<{ total: number }>(await t.app.inject({ method: 'GET', url: `/api/v1/audit?entityType=site&from=${today}&to=${today}`, headers: admin.headers }));
    expect(byDate.total).toBeGreaterThanOrEqual(1);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/audit?from=22/11/2026', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: (await sessionFor(t, demoEmail('head'))).headers })).statusCode).toBe(403);
  });

  it('writes nothing, audit included, when a use case fails part-way', async () => {
    const before = (await verifyAuditChain(t.database)).count;
    await expect(inTransaction(t.database, SYSTEM_AUDIT, async (tx, audit) => {
      await tx.update(trusts).set({ name: 'Renamed' });
      audit.record({ action: 'trust.update', entityType: 'trust' });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect((await verifyAuditChain(t.database)).count).toBe(before);
    expect((await t.database.db.select().from(trusts))[0]!.name).not.toBe('Renamed');
  });

  it('rolls the use case back when its audit entry cannot be written, and the connection stays usable', async () => {
    const before = (await verifyAuditChain(t.database)).count;
    await expect(inTransaction(t.database, SYSTEM_AUDIT, async (tx, audit) => {
      await tx.update(trusts).set({ name: 'Renamed unaudited' });
      audit.record({ action: 'trust.update', entityType: 'trust', details: { text: 'a\u0000b' } }); // jsonb refuses NUL
    })).rejects.toThrow();
    expect((await t.database.db.select().from(trusts))[0]!.name).not.toBe('Renamed unaudited');
    expect((await verifyAuditChain(t.database)).count).toBe(before);
    await Promise.all(Array.from({ length: 25 }, () => inTransaction(t.database, SYSTEM_AUDIT, async (_tx, audit) => { audit.record({ action: 'test.after', entityType: 'test' }); })));
    expect((await verifyAuditChain(t.database)).count).toBe(before + 25);
  });

  it('sends a deferred write before the next statement, and fails the whole transaction if the deferred write fails', async () => {
    const rename = statement('update trusts set name = $1');
    const read = statement('select name from trusts');
    const before = (await verifyAuditChain(t.database)).count;
    const seen = await inTransaction(t.database, SYSTEM_AUDIT, async (tx, audit) => {
      await runStatementLater(tx, rename, ['Renamed later']);
      audit.record({ action: 'trust.update', entityType: 'trust' });
      return runStatement<{ name: string }>(tx, read, []);
    });
    expect(seen[0]!.name).toBe('Renamed later');
    expect((await t.database.db.select().from(trusts))[0]!.name).toBe('Renamed later');
    expect((await verifyAuditChain(t.database)).count).toBe(before + 1);

    await expect(inTransaction(t.database, SYSTEM_AUDIT, async (tx, audit) => {
      await tx.update(trusts).set({ name: 'Renamed, then failed' });
      await runStatementLater(tx, statement('select 1 / $1::int'), [0]); // fails only when sent, with the commit
      audit.record({ action: 'trust.update', entityType: 'trust' });
    })).rejects.toThrow(/division by zero/);
    expect((await t.database.db.select().from(trusts))[0]!.name).toBe('Renamed later');
    expect((await verifyAuditChain(t.database)).count).toBe(before + 1);
    await inTransaction(t.database, SYSTEM_AUDIT, async (_tx, audit) => { audit.record({ action: 'test.after', entityType: 'test' }); });
    expect((await verifyAuditChain(t.database)).problems).toEqual([]);
    const pool = poolOf(t.database);
    if (pool) { // PostgreSQL: the pool's connections are in pg's pipeline mode, which all this relies on
      const client = await pool.connect();
      try { expect(client.pipeline).toBe(true); } finally { client.release(); }
    }
  });

  it('keeps one linear chain under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => inTransaction(t.database, SYSTEM_AUDIT, async (_tx, audit) => {
      audit.record({ action: 'test.concurrent', entityType: 'test', entityId: String(i) });
      audit.record({ action: 'test.concurrent.second', entityType: 'test', entityId: String(i) });
    })));
    const { problems } = await verifyAuditChain(t.database);
    expect(problems).toEqual([]);
  });

  it('chains awkward text in the database exactly as the verifier hashes it', async () => {
    const awkward = ['a "quoted" \\ back\nslash\ttab', 'Zoë — 学校 😀 e\u0301', "O'Brien; drop table pupils; --"];
    await inTransaction(t.database, { ...SYSTEM_AUDIT, actorLabel: awkward[1]!, requestId: awkward[2]! }, async (_tx, audit) => {
      for (const [i, text] of awkward.entries()) audit.record({ action: 'test.awkward', entityType: 'test', entityId: text, details: { text, nested: { z: [i, null, 1.5], a: text } } });
    });
    const rows = await t.database.query<{ entity_id: string }>(`select entity_id from audit_entries where action = 'test.awkward' order by seq`);
    expect(rows.map((r) => r.entity_id)).toEqual(awkward);
    expect((await verifyAuditChain(t.database)).problems).toEqual([]);
  });

  it('finds an edited, a deleted and an inserted entry, each by position', async () => {
    const { count, problems } = await verifyAuditChain(t.database);
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(5);
    await t.database.exec(`update audit_entries set details = '{"tampered":true}' where seq = 3`);
    let r = await verifyAuditChain(t.database);
    expect(r.problems).toEqual([expect.objectContaining({ position: 3, kind: 'edited' })]);

    await t.database.exec(`delete from audit_entries where seq = 5`);
    r = await verifyAuditChain(t.database);
    expect(r.problems.map((p) => p.position)).toEqual(expect.arrayContaining([3, 5]));
    expect(r.problems.find((p) => p.kind === 'sequence_gap')?.message).toMatch(/5.*missing/);

    // an insertion: shift later entries up and put a forged one in the gap it leaves
    const last = Number((await t.database.query<{ m: number }>('select max(seq)::int as m from audit_entries'))[0]!.m);
    await t.database.exec(`update audit_entries set seq = seq + 1000000 where seq > 7`);
    await t.database.exec(`update audit_entries set seq = seq - 1000000 + 1 where seq > 1000000`);
    await t.database.exec(`insert into audit_entries (seq, id, trust_id, at, actor_user_id, actor_label, action, entity_type, details, prev_hash, hash)
      select 8, id, trust_id, at, actor_user_id, 'forger', 'site.create', 'site', '{}'::jsonb, hash, repeat('a', 64) from audit_entries where seq = 7`);
    r = await verifyAuditChain(t.database);
    expect(r.problems.some((p) => p.position === 8 && p.kind === 'edited')).toBe(true);
    expect(r.problems.some((p) => p.position === 9 && p.kind === 'deleted_or_inserted')).toBe(true);
    expect(r.count).toBe(last);
  });
});
