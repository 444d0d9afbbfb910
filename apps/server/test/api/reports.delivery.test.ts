/**
 * Scheduled delivery of the weekly report through the job runner and a REAL SMTP server: the subscription's schedule
 * queues the job on Monday 07:00 (Europe/London), the email carries the PDF, the delivery is logged and audited;
 * a governor's copy holds no pupil name; a refusing mail server means a retry; unsubscribing stops it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { reportDeliveries } from '../../src/db/schema/reports.ts';
import { jobs } from '../../src/db/schema/jobs.ts';
import { pupils } from '../../src/db/schema/pupils.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { runDue } from '../../src/core/jobs/runner.ts';
import '../../src/jobs.ts';
import { startSmtp, decodeQp } from '../smtp.ts';
import { demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { pdfText } from '../pdf.ts';

function pdfAttachment(raw: string): Buffer {
  const m = /Content-Type: application\/pdf[\s\S]*?\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(raw);
  if (!m) throw new Error('no PDF attachment');
  return Buffer.from(m[1]!.replace(/\r?\n/g, ''), 'base64');
}

describe.each(dbKinds())('weekly report delivery on %s', (kind) => {
  let t: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let s: DemoSites;
  const as: Record<string, Session> = {};
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestContext(kind, smtp.config());
    s = await demoSites(t);
    for (const role of ['behaviour_lead', 'governor']) as[role] = await sessionFor(t, demoEmail(role));
  });
  afterAll(async () => { await t.close(); await smtp.close(); });

  const subscribe = async (who: Session, hour: number) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports/subscriptions', headers: who.headers, payload: { kind: 'weekly_leaders', siteIds: [s.site1], weekday: 1, hour } });
    expect(res.statusCode).toBe(201);
    return json<{ id: string; nextRunAt: string }>(res);
  };
  const deliveries = (id: string) => t.database.db.select().from(reportDeliveries).where(eq(reportDeliveries.subscriptionId, id)).orderBy(desc(reportDeliveries.createdAt));

  it('sends the PDF by email at the scheduled time, once, logged and audited', async () => {
    const sub = await subscribe(as.behaviour_lead!, 7);
    const due = new Date(sub.nextRunAt);
    // the demo trust's own subscriptions (head, cluster lead) are delivered too: look at the behaviour lead's mail only
    const mine = () => smtp.received.filter((m) => m.to.includes(demoEmail('behaviour_lead')));
    await runDue(t.app.deps, { now: new Date(due.getTime() - 60_000) });
    expect(mine()).toHaveLength(0);
    await runDue(t.app.deps, { now: due });
    expect(mine()).toHaveLength(1);
    const mail = mine()[0]!;
    expect(mail.to).toEqual([demoEmail('behaviour_lead')]);
    const monday = due.toISOString().slice(0, 10);
    const [y, m, d] = monday.split('-').map(Number);
    const start = new Date(Date.UTC(y!, m! - 1, d! - 7)).toISOString().slice(0, 10);
    expect(mail.raw).toContain(`Subject: Weekly behaviour report: ${start.slice(8, 10)}/${start.slice(5, 7)}/${start.slice(0, 4)}`);
    expect(decodeQp(mail.raw)).toContain('Change or stop this email: https://haven.example.org/reports/subscriptions');
    const text = await pdfText(pdfAttachment(mail.raw));
    expect(text).toContain('Aurora Park School');
    expect((await deliveries(sub.id)).map((x) => [x.status, x.periodStart])).toEqual([['sent', start]]);
    expect((await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, sub.id))).map((a) => a.action)).toContain('report.delivery');
    // a second pass at the same time sends nothing more
    await runDue(t.app.deps, { now: due });
    expect(mine()).toHaveLength(1);
  });

  it("a governor's emailed report carries no pupil name", async () => {
    const before = smtp.received.length;
    const sub = await subscribe(as.governor!, 8);
    await runDue(t.app.deps, { now: new Date(sub.nextRunAt) });
    const mail = smtp.received.slice(before).find((x) => x.to.includes(demoEmail('governor')))!;
    const text = `${decodeQp(mail.raw)}\n${await pdfText(pdfAttachment(mail.raw))}`;
    const surnames = (await t.database.db.select({ n: pupils.legalSurname }).from(pupils)).map((r) => r.n);
    expect(surnames.filter((n) => new RegExp(`\\b${n}\\b`).test(text))).toEqual([]);
    expect(text).toContain('fewer than 5');
  });

  it('a refusing mail server: the failure is logged and the job retried with backoff; unsubscribing stops delivery', async () => {
    const sub = await subscribe(as.behaviour_lead!, 9);
    const due = new Date(sub.nextRunAt);
    smtp.state.refuse = true;
    try { await runDue(t.app.deps, { now: due }); } finally { smtp.state.refuse = false; }
    expect((await deliveries(sub.id))[0]!.status).toMatch(/^failed: .*550/);
    const job = (await t.database.db.select().from(jobs).where(eq(jobs.kind, 'reports.deliver')).orderBy(desc(jobs.createdAt)).limit(1))[0]!;
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    const leadMail = () => smtp.received.filter((m) => m.to.includes(demoEmail('behaviour_lead'))).length;
    const before = leadMail();
    await runDue(t.app.deps, { now: new Date(due.getTime() + 31_000) });
    expect(leadMail()).toBe(before + 1);
    expect((await deliveries(sub.id))[0]!.status).toBe('sent');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/reports/subscriptions/${sub.id}`, headers: as.behaviour_lead!.headers })).statusCode).toBe(204);
    const logged = (await deliveries(sub.id)).length;
    await runDue(t.app.deps, { now: new Date(due.getTime() + 7 * 86_400_000) });
    expect((await deliveries(sub.id)).length).toBe(logged);
  });
});
