/**
 * The job runner on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): enqueue in a transaction,
 * run, retry with backoff, dead after the last attempt, leases, dedupe, schedules; and the first real jobs: retrying
 * notification emails through a real SMTP server, and the daily review-overdue reminder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { createTestContext, dbKinds, demoEmail, testConfig, type TestContext } from '../harness.ts';
import { jobs, jobSchedules } from '../../src/db/schema/jobs.ts';
import { notifications } from '../../src/db/schema/workflow.ts';
import { users } from '../../src/db/schema/users.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { enqueue, claimDue } from '../../src/core/jobs/queue.ts';
import { registerJob } from '../../src/core/jobs/registry.ts';
import { runDue } from '../../src/core/jobs/runner.ts';
import { ensureBuiltinSchedules, upsertSchedule } from '../../src/core/jobs/schedules.ts';
import { mailerFor } from '../../src/core/mail/mailer.ts';
import { inTransaction } from '../../src/core/db/tx.ts';
import { SYSTEM_AUDIT } from '../../src/core/audit/audit.ts';
import '../../src/jobs.ts';
import { startSmtp } from '../smtp.ts';

const calls: { kind: string; payload: Record<string, unknown> }[] = [];
const failures = new Map<string, number>();
registerJob('test.ok', async (_ctx, payload) => { calls.push({ kind: 'test.ok', payload }); });
registerJob('test.flaky', { maxAttempts: 3, handler: async (_ctx, payload) => {
  const key = String(payload.key);
  const left = failures.get(key) ?? 0;
  if (left > 0) { failures.set(key, left - 1); throw new Error('not yet'); }
  calls.push({ kind: 'test.flaky', payload });
} });

const T0 = new Date('2026-11-18T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(dbKinds())('job runner on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await createTestContext(kind); });
  afterAll(async () => { await ctx.close(); });
  const job = async (id: string) => (await ctx.database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

  it('a job enqueued in a transaction that rolls back does not exist', async () => {
    await expect(inTransaction(ctx.database, SYSTEM_AUDIT, async (tx) => {
      await enqueue(tx, { kind: 'test.ok', payload: { n: 'rolled back' }, runAt: T0 });
      throw new Error('use case failed');
    })).rejects.toThrow('use case failed');
    expect((await ctx.database.query(`select 1 from jobs where payload->>'n' = 'rolled back'`)).length).toBe(0);
  });

  it('runs a due job once, and not a job that is not yet due', async () => {
    const id = await inTransaction(ctx.database, SYSTEM_AUDIT, async (tx) => enqueue(tx, { kind: 'test.ok', payload: { n: 1 }, runAt: T0 }));
    const later = await enqueue(ctx.database.db, { kind: 'test.ok', payload: { n: 2 }, runAt: at(3_600_000) });
    calls.length = 0;
    const r = await runDue(ctx.app.deps, { now: at(1000) });
    expect(r.done).toBe(1);
    expect(calls.map((c) => c.payload.n)).toEqual([1]);
    expect((await job(id!)).status).toBe('done');
    expect((await job(later!)).status).toBe('queued');
    expect((await runDue(ctx.app.deps, { now: at(2000) })).done).toBe(0);
    expect((await runDue(ctx.app.deps, { now: at(3_600_000) })).done).toBe(1);
  });

  it('retries with backoff and succeeds, or goes dead after its last attempt with the error kept', async () => {
    failures.set('a', 1);
    failures.set('b', 99);
    const a = await enqueue(ctx.database.db, { kind: 'test.flaky', payload: { key: 'a' }, runAt: T0, maxAttempts: 3 });
    const b = await enqueue(ctx.database.db, { kind: 'test.flaky', payload: { key: 'b' }, runAt: T0, maxAttempts: 3 });
    let r = await runDue(ctx.app.deps, { now: at(5000) });
    expect(r).toMatchObject({ retried: 2, done: 0 });
    const ja = await job(a!);
    expect(ja).toMatchObject({ status: 'queued', attempts: 1, lastError: 'Error: not yet', lockedBy: null });
    expect(new Date(ja.runAt).getTime()).toBe(at(5000).getTime() + 30_000);
    // not due again until the backoff has passed
    expect((await runDue(ctx.app.deps, { now: at(20_000) })).retried + (await runDue(ctx.app.deps, { now: at(20_000) })).done).toBe(0);
    r = await runDue(ctx.app.deps, { now: at(36_000) });
    expect(r).toMatchObject({ done: 1, retried: 1 });
    expect((await job(a!)).status).toBe('done');
    r = await runDue(ctx.app.deps, { now: at(10 * 60_000) });
    expect(r.dead).toBe(1);
    expect(await job(b!)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'Error: not yet' });
  });

  it('a job of an unknown kind fails rather than vanishing', async () => {
    const id = await enqueue(ctx.database.db, { kind: 'test.nobody', runAt: T0, maxAttempts: 1 });
    await runDue(ctx.app.deps, { now: at(11 * 60_000) });
    expect(await job(id!)).toMatchObject({ status: 'dead' });
    expect((await job(id!)).lastError).toContain('No handler registered');
  });

  it('dedupe key: the second enqueue is a no-op', async () => {
    expect(await enqueue(ctx.database.db, { kind: 'test.ok', dedupeKey: 'once', runAt: T0 })).toBeTruthy();
    expect(await enqueue(ctx.database.db, { kind: 'test.ok', dedupeKey: 'once', runAt: T0 })).toBeNull();
  });

  it('a claimed job is not claimed again while leased, and is taken over when its lease runs out', async () => {
    await runDue(ctx.app.deps, { now: at(12 * 60_000) }); // drain
    const id = await enqueue(ctx.database.db, { kind: 'test.ok', payload: { n: 'lease' }, runAt: at(13 * 60_000) });
    const first = await claimDue(ctx.database.db, 'worker-a', at(13 * 60_000), 60_000, 10);
    expect(first.map((j) => j.id)).toEqual([id]);
    expect(await claimDue(ctx.database.db, 'worker-b', at(13 * 60_000 + 30_000), 60_000, 10)).toEqual([]);
    const taken = await claimDue(ctx.database.db, 'worker-b', at(15 * 60_000), 60_000, 10);
    expect(taken.map((j) => [j.id, j.attempts])).toEqual([[id, 2]]);
    expect((await job(id!)).lockedBy).toBe('worker-b');
  });

  it('two workers claiming at once never take the same job (FOR UPDATE SKIP LOCKED; PGlite runs them one after the other)', async () => {
    const now = at(20 * 60_000);
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push(await enqueue(ctx.database.db, { kind: 'test.ok', payload: { i }, runAt: now }));
    const [x, y] = await Promise.all([
      claimDue(ctx.database.db, 'w1', now, 60_000, 15), claimDue(ctx.database.db, 'w2', now, 60_000, 15),
    ]);
    const all = [...x, ...y].map((j) => j.id);
    expect(new Set(all).size).toBe(all.length);
    expect(ids.every((id) => all.includes(id!))).toBe(true);
  });

  it('a schedule queues one job when due and moves to its next time; missed runs are run once', async () => {
    await ctx.database.db.transaction(async (tx) => upsertSchedule(tx, { name: 'test-weekly', kind: 'test.ok', cron: '0 7 * * 1', payload: { n: 'weekly' } }, T0));
    const s = (await ctx.database.db.select().from(jobSchedules).where(eq(jobSchedules.name, 'test-weekly')))[0]!;
    expect(new Date(s.nextRunAt).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    calls.length = 0;
    await runDue(ctx.app.deps, { now: new Date('2026-11-22T23:00:00Z') });
    expect(calls.filter((c) => c.payload.n === 'weekly')).toHaveLength(0);
    // three weeks late: one run, then the next Monday after now
    const late = new Date('2026-12-10T09:00:00Z');
    await runDue(ctx.app.deps, { now: late });
    expect(calls.filter((c) => c.payload.n === 'weekly').map((c) => c.payload.scheduledFor)).toEqual(['2026-11-23T07:00:00.000Z']);
    const s2 = (await ctx.database.db.select().from(jobSchedules).where(eq(jobSchedules.name, 'test-weekly')))[0]!;
    expect(new Date(s2.nextRunAt).toISOString()).toBe('2026-12-14T07:00:00.000Z');
    await runDue(ctx.app.deps, { now: late });
    expect(calls.filter((c) => c.payload.n === 'weekly')).toHaveLength(1);
  });

  it('built-in schedules are created once (email retry sweep, daily reminders)', async () => {
    await ensureBuiltinSchedules(ctx.database, T0);
    await ensureBuiltinSchedules(ctx.database, T0);
    const names = (await ctx.database.db.select({ name: jobSchedules.name, cron: jobSchedules.cron }).from(jobSchedules)).map((r) => `${r.name} ${r.cron}`);
    expect(names).toEqual(expect.arrayContaining(['mail.notifications-sweep */5 * * * *', 'reminders.daily 30 6 * * *']));
    expect(names.filter((n) => n.startsWith('reminders.daily'))).toHaveLength(1);
  });

  it('daily reminder: behaviour leads hear how many incidents are overdue for review, audited, once a day', async () => {
    const now = new Date('2026-11-19T06:30:00Z');
    await ctx.database.query(`delete from jobs where kind like 'reminder%'`);
    const overdue = await ctx.database.query<{ site_id: string; n: number }>(`select site_id, count(*)::int as n from incidents
      where status = 'submitted' and voided_at is null and submitted_at < $1 group by site_id`, [new Date(now.getTime() - 48 * 3_600_000).toISOString()]);
    expect(overdue.length).toBeGreaterThan(0);
    const lead = (await ctx.database.db.select().from(users).where(eq(users.email, demoEmail('behaviour_lead'))))[0]!;
    const before = await ctx.database.db.select().from(notifications).where(eq(notifications.userId, lead.id));
    await enqueue(ctx.database.db, { kind: 'reminders.daily', runAt: now });
    await runDue(ctx.app.deps, { now });
    await runDue(ctx.app.deps, { now }); // a second pass the same day adds nothing
    await enqueue(ctx.database.db, { kind: 'reminders.daily', runAt: now });
    await runDue(ctx.app.deps, { now });
    // other schedules due by then (e.g. the trend alerts at 17:30) may notify the lead too: only the reminder counts here
    const added = (await ctx.database.db.select().from(notifications).where(eq(notifications.userId, lead.id)))
      .filter((n) => !before.some((b) => b.id === n.id) && n.kind === 'reminder.review_overdue');
    expect(added).toHaveLength(1);
    expect(added[0]!.title).toMatch(/^\d+ incidents? (has|have) waited more than 48 hours for review$/);
    expect(added[0]!.link).toBe('/review-queue');
    const audits = await ctx.database.db.select().from(auditEntries).where(eq(auditEntries.action, 'reminder.review_overdue'));
    expect(audits.length).toBe(overdue.length);
    expect(audits[0]!.actorLabel).toBe('system (job reminder:review-overdue)');
  });
});

describe.each(dbKinds())('notification email retry on %s', (kind) => {
  let ctx: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => { smtp = await startSmtp(); ctx = await createTestContext(kind, smtp.config()); });
  afterAll(async () => { await ctx.close(); await smtp.close(); });

  async function notification(status: string, createdAt: Date) {
    const u = (await ctx.database.db.select().from(users).where(eq(users.email, demoEmail('head'))))[0]!;
    const id = uuidv7();
    await ctx.database.db.insert(notifications).values({ id, trustId: u.trustId, userId: u.id, kind: 'test', title: `Retry me ${id.slice(-6)}`, body: 'Body', emailStatus: status, createdAt });
    return { id, email: u.email };
  }
  const statusOf = async (id: string) => (await ctx.database.db.select().from(notifications).where(eq(notifications.id, id)))[0]!.emailStatus;

  it('an email left failed or pending is sent by the sweep and retry jobs; a fresh pending one is left alone', async () => {
    const now = new Date();
    const failed = await notification('failed: ECONNECTION', new Date(now.getTime() - 60 * 60_000));
    const stuck = await notification('pending', new Date(now.getTime() - 10 * 60_000));
    const fresh = await notification('pending', new Date(now.getTime() - 10_000));
    const old = await notification('failed: ECONNECTION', new Date(now.getTime() - 5 * 86_400_000));
    await enqueue(ctx.database.db, { kind: 'mail.notifications-sweep', runAt: now });
    await runDue(ctx.app.deps, { now });
    await mailerFor(ctx.app.deps).idle();
    expect(await statusOf(failed.id)).toBe('sent');
    expect(await statusOf(stuck.id)).toBe('sent');
    expect(await statusOf(fresh.id)).toBe('pending');
    expect(await statusOf(old.id)).toBe('failed: ECONNECTION');
    const subjects = smtp.received.map((m) => /Subject: (.*)/.exec(m.raw)?.[1]);
    expect(subjects).toEqual(expect.arrayContaining([`Retry me ${failed.id.slice(-6)}`, `Retry me ${stuck.id.slice(-6)}`]));
    expect(subjects).not.toContain(`Retry me ${fresh.id.slice(-6)}`);
  });

  it('a mail server that keeps refusing: retried with backoff, then the job is dead and the status says why', async () => {
    const now = new Date();
    const n = await notification('failed: ECONNECTION', new Date(now.getTime() - 60 * 60_000));
    smtp.state.refuse = true;
    try {
      await enqueue(ctx.database.db, { kind: 'mail.notifications-sweep', runAt: now, dedupeKey: `sweep-${n.id}` });
      let t = now.getTime();
      for (let i = 0; i < 6; i++) { await runDue(ctx.app.deps, { now: new Date(t) }); t += 7 * 3_600_000; }
    } finally { smtp.state.refuse = false; }
    const j = (await ctx.database.db.select().from(jobs).where(sql`${jobs.dedupeKey} = ${`mail.notification:${n.id}`}`))[0]!;
    expect(j).toMatchObject({ status: 'dead', attempts: 6 });
    expect(await statusOf(n.id)).toMatch(/^failed: .*550/);
  });

  it('without SMTP configured the sweep queues nothing', async () => {
    const plain = await createTestContext(kind, testConfig());
    try {
      await enqueue(plain.database.db, { kind: 'mail.notifications-sweep', runAt: new Date() });
      await runDue(plain.app.deps);
      expect((await plain.database.query(`select 1 from jobs where kind = 'mail.notification'`)).length).toBe(0);
    } finally { await plain.close(); }
  });
});
