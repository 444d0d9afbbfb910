/**
 * Parents told of a detention through the communications log (SAN-1, PAR-2): with SMTP configured the message really
 * reaches an SMTP server (smtp-server) for each parent with an email address; without it, it waits to be sent by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type TestContext } from '../harness.ts';
import { mailerFor } from '../../src/core/mail/mailer.ts';
import { demoSites, pupilsAt } from './behaviour.fixtures.ts';
import { addType, parentChild, schoolDayAhead } from './detentions.fixtures.ts';
import { parseMail, smtpTestConfig, startSmtp } from './smtp.fixtures.ts';

interface Comm { status: string; channel: string; recipient_email: string | null; subject: string }

async function assignOne(t: TestContext, pupilId?: string) {
  const s = await demoSites(t);
  const lead = await sessionFor(t, demoEmail('behaviour_lead'));
  const type = await addType(t, lead, { siteId: s.site1, name: 'After-school detention', durationMinutes: 45 });
  const session = json<{ id: string }>(await t.app.inject({ method: 'POST', url: '/api/v1/detentions', headers: lead.headers,
    payload: { siteId: s.site1, typeId: type.id, date: schoolDayAhead(2), startTime: '15:20', room: 'Room 8', supervisorUserId: lead.userId, capacity: 10 } }));
  const pupil = pupilId ?? (await pupilsAt(t, s.site1, 1))[0]!;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/detention-assignments', headers: lead.headers, payload: { sessionId: session.id, pupilId: pupil } });
  expect(res.statusCode, res.body).toBe(201);
  const a = json<{ id: string; parentsNotifiedAt: string | null }>(res);
  const rows = await t.database.query<Comm>(`select status, channel, recipient_email, subject from communications where record_type = 'detention_assignment' and record_id = $1`, [a.id]);
  return { a, rows };
}

describe.each(dbKinds())('detention letters to parents on %s', (kind) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const contexts: TestContext[] = [];
  beforeAll(async () => { smtp = await startSmtp(); });
  afterAll(async () => { for (const c of contexts) await c.close(); await smtp?.close(); });

  it('emails each parent with an email address through SMTP and logs it as sent', async () => {
    const t = await createTestContext(kind, smtpTestConfig(smtp.port));
    contexts.push(t);
    const { pupilId } = await parentChild(t);
    const { a, rows } = await assignOne(t, pupilId);
    expect(a.parentsNotifiedAt).not.toBeNull();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    await mailerFor(t.app.deps).idle();
    const sent = await t.database.query<Comm>(`select status, channel, recipient_email, subject from communications where record_id = $1 and channel = 'email'`, [a.id]);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    for (const r of sent) {
      expect(r.status).toBe('sent');
      const mail = smtp.received.find((m) => m.to.includes(r.recipient_email!));
      expect(mail, r.recipient_email!).toBeDefined();
      const parsed = await parseMail(mail!.raw);
      expect(parsed.subject).toMatch(/has a detention on \d\d\/\d\d\/\d{4}/);
      expect(parsed.text).toMatch(/After-school detention, .* from 15:20 to 16:05 in Room 8/);
    }
  });

  it('without SMTP, records the message for sending by hand', async () => {
    const t = await createTestContext(kind);
    contexts.push(t);
    const { rows } = await assignOne(t);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const r of rows) expect(r).toMatchObject({ status: 'to_send_by_hand', channel: 'by_hand' });
  });
});
