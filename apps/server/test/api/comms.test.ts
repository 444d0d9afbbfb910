/**
 * The communications log (PAR-2) with a REAL SMTP server: a message to a pupil's parents goes by email to those with
 * an address (with its PDF attachment arriving intact), is recorded for sending by hand for a parent who asked for
 * letters, and everything is recorded for sending by hand when SMTP is not configured. The API lists a record's
 * communications for the roles and sites allowed, serves the attachment (audited), and marks a by-hand one sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, testConfig, type TestContext } from '../harness.ts';
import { communications } from '../../src/db/schema/comms.ts';
import { users } from '../../src/db/schema/users.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { inTransaction } from '../../src/core/db/tx.ts';
import { queueToNamed, queueToParents, sendAfterCommit } from '../../src/core/comms/comms.ts';
import { mailerFor } from '../../src/core/mail/mailer.ts';
import { renderPdf } from '../../src/core/pdf/pdf.ts';
import { demoSites, pupilsAt } from './behaviour.fixtures.ts';
import { familyFor, parseMail, smtpTestConfig, startSmtp } from './comms.fixtures.ts';
import type { TCommunication } from '@haven/contracts';

describe.each(dbKinds())('communications log on %s', (kind) => {
  const contexts: TestContext[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => { smtp = await startSmtp(); });
  afterAll(async () => { for (const c of contexts) await c.close(); await smtp.close(); });

  async function setup(config = testConfig()) {
    const t = await createTestContext(kind, config);
    contexts.push(t);
    const s = await demoSites(t);
    const pupilId = (await pupilsAt(t, s.site1, 1))[0]!;
    const fam = await familyFor(t, pupilId);
    const head = await sessionFor(t, demoEmail('head'));
    const recordId = uuidv7();
    const pdf = await renderPdf({ content: [{ text: 'Letter about a test record' }] });
    const queue = async () => {
      const ids = await inTransaction(t.database, { trustId: fam.trustId, actorUserId: head.userId, actorLabel: 'test', ip: null, requestId: 'test' }, async (tx) => [
        ...await queueToParents(tx, t.app.deps, { trustId: fam.trustId, siteId: s.site1, pupilId, record: { type: 'test_record', id: recordId },
          subject: 'About your child', text: 'Please read the attached letter.', attachment: { filename: 'letter.pdf', contentType: 'application/pdf', data: pdf }, createdBy: head.userId }),
        ...await queueToNamed(tx, t.app.deps, { trustId: fam.trustId, siteId: s.site1, pupilId, record: { type: 'test_record', id: recordId },
          subject: 'Notice to the local authority', text: 'For your records.', createdBy: head.userId }, [{ name: 'Exclusions officer', email: 'exclusions@la.example.gov.uk' }]),
      ]);
      sendAfterCommit(t.app.deps, ids);
      await mailerFor(t.app.deps).idle();
      return ids;
    };
    const list = (session: { headers: Record<string, string> } | null, rid = recordId) => t.app.inject({ method: 'GET',
      url: `/api/v1/communications?recordType=test_record&recordId=${rid}`, headers: session?.headers ?? {} });
    return { t, s, pupilId, fam, head, recordId, pdf, queue, list };
  }

  it('emails parents with an address and the named recipient, with the PDF arriving intact; a letter-preferring parent is recorded for sending by hand', async () => {
    const { head, pdf, queue, list } = await setup(smtpTestConfig(smtp.port));
    await queue();
    const mine = smtp.received.filter((m) => m.to.includes('emma.testcase@example.org'));
    expect(mine).toHaveLength(1);
    const parsed = await parseMail(mine[0]!.raw);
    expect(parsed.subject).toBe('About your child');
    expect(parsed.text).toContain('Please read the attached letter.');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe('letter.pdf');
    expect(parsed.attachments[0]!.contentType).toBe('application/pdf');
    expect(Buffer.compare(parsed.attachments[0]!.content, pdf)).toBe(0);
    expect(smtp.received.some((m) => m.to.includes('exclusions@la.example.gov.uk'))).toBe(true);
    expect(smtp.received.some((m) => m.to.includes('lena.testcase@example.org') || m.to.includes('nora.testcase@example.org'))).toBe(false);

    const res = await list(head);
    expect(res.statusCode).toBe(200);
    const items = json<{ items: TCommunication[] }>(res).items;
    expect(items).toHaveLength(3);
    const byName = new Map(items.map((i) => [i.recipientName, i]));
    expect(byName.get('Ms Emma Testcase')).toMatchObject({ channel: 'email', status: 'sent', recipientKind: 'parent' });
    expect(byName.get('Ms Emma Testcase')!.sentAt).not.toBeNull();
    expect(byName.get('Ms Emma Testcase')!.attachment?.filename).toBe('letter.pdf');
    expect(byName.get('Ms Lena Testcase')).toMatchObject({ channel: 'by_hand', status: 'to_send_by_hand', allowed: ['markSent'] });
    expect(byName.get('Exclusions officer')).toMatchObject({ channel: 'email', status: 'sent', recipientKind: 'named' });
  });

  it('records a failure with a reason when the mail server refuses the connection', async () => {
    const { t, queue } = await setup(smtpTestConfig(1));
    const ids = await queue();
    const rows = await t.database.db.select().from(communications).where(eq(communications.id, ids[0]!));
    expect(rows[0]!.status).toBe('failed');
    expect(rows[0]!.failureReason).toMatch(/^[A-Z_]+/);
    expect(rows[0]!.sentAt).toBeNull();
  });

  it('without SMTP records everything for sending by hand; marking one sent records who and when (audited)', async () => {
    const { t, head, queue, list } = await setup();
    await queue();
    const items = json<{ items: TCommunication[] }>(await list(head)).items;
    expect(items.map((i) => i.status)).toEqual(['to_send_by_hand', 'to_send_by_hand', 'to_send_by_hand']);
    const target = items[0]!;
    const lead = await sessionFor(t, demoEmail('behaviour_lead'));
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/communications/${target.id}/mark-sent`, headers: lead.headers, payload: { note: 'Posted first class' } });
    expect(res.statusCode).toBe(200);
    expect(json<TCommunication>(res)).toMatchObject({ status: 'sent', channel: 'by_hand', sentBy: { id: lead.userId } });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/communications/${target.id}/mark-sent`, headers: lead.headers, payload: {} });
    expect(again.statusCode).toBe(409);
    const audits = await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, target.id));
    expect(audits.map((a) => a.action)).toContain('communication.mark_sent');
  });

  it('serves the attachment to a reader of the site (audited), and refuses others', async () => {
    const { t, head, queue, list, pdf } = await setup();
    await queue();
    const item = json<{ items: TCommunication[] }>(await list(head)).items.find((i) => i.attachment)!;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/communications/${item.id}/attachment`, headers: head.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(res.rawPayload, pdf)).toBe(0);
    const audits = await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, item.id));
    expect(audits.map((a) => a.action)).toContain('communication.attachment.download');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/communications/${item.id}/attachment` })).statusCode).toBe(401);
    const staff = await sessionFor(t, demoEmail('staff'));
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/communications/${item.id}/attachment`, headers: staff.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/communications/${uuidv7()}/attachment`, headers: head.headers })).statusCode).toBe(404);
  });

  it('401 without a session, 403 for a role without the permission, 400 naming the field, and nothing from another site', async () => {
    const { t, s, head, queue, list } = await setup();
    const ids = await queue();
    expect((await list(null)).statusCode).toBe(401);
    expect((await list(await sessionFor(t, demoEmail('staff')))).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/communications?recordType=test_record&recordId=nope', headers: head.headers });
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { fields: { field: string }[] } }>(bad).error.fields[0]!.field).toContain('recordId');
    // A head of another site: move the demo head to site 2 and the list is empty, the mark-sent 404.
    const other = uuidv7();
    const trustId = (await t.database.db.select({ trustId: users.trustId }).from(users).where(eq(users.id, head.userId)))[0]!.trustId;
    await t.database.db.insert(users).values({ id: other, trustId, email: 'head2@example.org', displayName: 'Other Head' });
    await t.database.query(`insert into role_assignments (id, trust_id, user_id, role, site_id) values ($1, $2, $3, 'head', $4)`, [uuidv7(), trustId, other, s.site2]);
    const otherHead = await sessionFor(t, 'head2@example.org');
    expect(json<{ items: unknown[] }>(await list(otherHead)).items).toHaveLength(0);
    const mark = await t.app.inject({ method: 'POST', url: `/api/v1/communications/${ids[0]}/mark-sent`, headers: otherHead.headers, payload: {} });
    expect(mark.statusCode).toBe(404);
    const unauth = await t.app.inject({ method: 'POST', url: `/api/v1/communications/${ids[0]}/mark-sent`, payload: {} });
    expect(unauth.statusCode).toBe(401);
    const senco = await t.app.inject({ method: 'POST', url: `/api/v1/communications/${ids[0]}/mark-sent`, headers: (await sessionFor(t, demoEmail('senco'))).headers, payload: {} });
    expect(senco.statusCode).toBe(403);
    const badBody = await t.app.inject({ method: 'POST', url: `/api/v1/communications/${ids[0]}/mark-sent`, headers: head.headers, payload: { note: 'x'.repeat(501) } });
    expect(badBody.statusCode).toBe(400);
  });
});
