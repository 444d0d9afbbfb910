/**
 * LAW-10 and LAW-12 through the API: the kind of intervention and SEN at the time on the record; the parent's copy of
 * the record (preview, send through the communications log, withhold with a reason), who may do each, what is
 * refused and named, what is audited, and the review queue's flags.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { TParentCopy } from '@haven/contracts';
import { dbKinds, json, type Session } from '../harness.ts';
import { pdfText } from '../pdf.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { communicationAttachments, communications } from '../../src/db/schema/comms.ts';
import { parentCopies } from '../../src/db/schema/recording.ts';
import { pupils } from '../../src/db/schema/pupils.ts';
import { mailerFor } from '../../src/core/mail/mailer.ts';
import { familyFor, parseMail, smtpTestConfig, startSmtp } from './comms.fixtures.ts';
import { fieldsOf, world, type ErrorBody, type Incident, type World } from './incidents.fixtures.ts';

interface Copies { items: TParentCopy[] }
interface Queue { items: { id: string; parentCopyOutstanding: boolean; parentCopyWithheld: boolean }[] }

describe.each(dbKinds())("restraint records and the parent's copy on %s", (kind) => {
  let w: World;
  beforeAll(async () => { w = await world(kind); await familyFor(w.t, w.pupils1[0]!); });
  afterAll(async () => { await w?.t.close(); });
  const url = (id: string, part = '') => `/api/v1/incidents/${id}/parent-copies${part}`;
  const withPi = (pi: Record<string, unknown> = {}) => w.create(w.s.staff, w.fullBody({ physicalIntervention: true, physicalInterventions: [w.piBody(pi)] }));
  const count_ = async (table: typeof parentCopies | typeof communications) => Number((await w.t.database.db.select({ n: count() }).from(table))[0]!.n);
  const copies = async (id: string, who: Session = w.s.lead) => json<Copies>(await w.req('GET', url(id), who)).items;

  it('records the kind of intervention and the SEN status the pupil had, kept when their status later changes', async () => {
    const db = w.t.database.db;
    const p = w.pupils1[0]!;
    const before = (await db.select({ sen: pupils.senStatus }).from(pupils).where(eq(pupils.id, p)))[0]!.sen;
    const i = await withPi({ kind: 'seclusion', staffTechniques: [{ staffId: w.staffIds[0], techniqueCodes: [] }] });
    expect(i.physicalInterventions[0]).toMatchObject({ kind: 'seclusion', pupilSenStatus: before, supportOffered: 'Quiet time with a trusted adult' });
    expect(i.missing).toEqual([]);
    const other = before === 'ehcp' ? 'none' : 'ehcp';
    await db.update(pupils).set({ senStatus: other }).where(eq(pupils.id, p));
    try {
      const res = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: i.version, physicalInterventions: [{ reason: 'Hitting out at staff' }] });
      expect(json<Incident>(res).physicalInterventions[0]!.pupilSenStatus).toBe(before);
      // SEN at the time is derived, never typed; the kind is one of the four
      const typed = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 2, physicalInterventions: [{ pupilSenStatus: 'none', kind: 'timeout' }] });
      expect(typed.statusCode).toBe(400);
      expect(fieldsOf(json<ErrorBody>(typed))).toEqual(expect.arrayContaining(['physicalInterventions.0.kind']));
      expect(json<ErrorBody>(typed).error.message).toMatch(/pupilSenStatus/);
      // choosing another pupil takes that pupil's status now
      const moved = json<Incident>(await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: 2, physicalInterventions: [{ pupilId: w.pupils1[1] }] }));
      const second = (await db.select({ sen: pupils.senStatus }).from(pupils).where(eq(pupils.id, w.pupils1[1]!)))[0]!.sen;
      expect(moved.physicalInterventions[0]!.pupilSenStatus).toBe(second);
    } finally {
      await db.update(pupils).set({ senStatus: before }).where(eq(pupils.id, p));
    }
  });

  it('refuses without a session (401), for staff, governors and a SENCo (403) and for another site (404)', async () => {
    const i = await withPi();
    const lead2 = await w.addUser('behaviour_lead', w.site2);
    const calls = [
      ['GET', url(i.id), undefined], ['GET', url(i.id, `/preview?pupilId=${w.pupils1[0]}`), undefined],
      ['POST', url(i.id, '/send'), { pupilId: w.pupils1[0] }],
      ['POST', url(i.id, '/withhold'), { pupilId: w.pupils1[0], reason: 'risk_of_significant_harm', explanation: 'Disclosure would put the pupil at risk at home.' }],
    ] as const;
    const before = await count_(parentCopies);
    for (const [method, u, body] of calls) {
      expect((await w.req(method, u, undefined, body)).statusCode, u).toBe(401);
      for (const who of [w.s.staff, w.s.governor, w.s.senco, w.s.parent]) expect((await w.req(method, u, who, body)).statusCode, u).toBe(403);
      expect((await w.req(method, u, lead2, body)).statusCode, u).toBe(404);
    }
    expect(await count_(parentCopies)).toBe(before);
    expect(i.allowed).not.toContain('parentCopy');
    expect(json<Incident>(await w.req('GET', `/api/v1/incidents/${i.id}`, w.s.head)).allowed).toContain('parentCopy');
  });

  it('names the field for bad input and writes nothing', async () => {
    const i = await withPi({ supportOffered: null, staffInjured: true, injuryNotes: null });
    const before = [await count_(parentCopies), await count_(communications)];
    const bad = async (method: 'GET' | 'POST', u: string, body?: unknown) => fieldsOf(json<ErrorBody>(await w.req(method, u, w.s.lead, body)));
    expect(await bad('GET', url(i.id, '/preview'))).toEqual(['pupilId']);
    expect(await bad('GET', url(i.id, '/preview?pupilId=nope'))).toEqual(['pupilId']);
    expect(await bad('GET', url(i.id, `/preview?pupilId=${w.pupils1[1]}`))).toEqual(['pupilId']);
    expect(await bad('POST', url(i.id, '/send'), {})).toEqual(['pupilId']);
    expect(await bad('POST', url(i.id, '/send'), { pupilId: w.pupils1[1] })).toEqual(['pupilId']);
    // the copy is made from the record: what it would leave blank is named, in words
    const incomplete = await w.req('POST', url(i.id, '/send'), w.s.lead, { pupilId: w.pupils1[0] });
    expect(incomplete.statusCode).toBe(400);
    expect(json<ErrorBody>(incomplete).error.fields).toEqual([
      { field: 'physicalInterventions.0.injuryNotes', message: 'Describe the injuries' },
      { field: 'physicalInterventions.0.bodyMap', message: 'Mark the injuries on the body map' },
      { field: 'physicalInterventions.0.supportOffered', message: 'Record the support offered to the pupil afterwards' },
    ]);
    const w0 = { pupilId: w.pupils1[0], reason: 'risk_of_significant_harm', explanation: 'Disclosure would put the pupil at risk at home.' };
    expect(await bad('POST', url(i.id, '/withhold'), { ...w0, reason: 'parent_unreachable' })).toEqual(['reason']);
    expect(await bad('POST', url(i.id, '/withhold'), { ...w0, explanation: 'risk' })).toEqual(['explanation']);
    expect(await bad('POST', url(i.id, '/withhold'), { ...w0, extra: true })).toEqual(['extra']);
    const young = await w.req('POST', url(i.id, '/withhold'), w.s.lead, { ...w0, reason: 'pupil_aged_20_or_over' });
    expect(fieldsOf(json<ErrorBody>(young))).toEqual(['reason']);
    expect(json<ErrorBody>(young).error.message).toMatch(/not 20 or over/);
    expect([await count_(parentCopies), await count_(communications)]).toEqual(before);
  });

  it('previews the copy as a PDF made from the record, audited as a read of health data', async () => {
    const i = await withPi({ kind: 'force_with_contact', staffInjured: true, injuryNotes: 'Scratch on the hand.', bodyMap: [{ person: 'staff', side: 'front', x: 0.3, y: 0.5, note: 'Scratch' }] });
    const res = await w.req('GET', url(i.id, `/preview?pupilId=${w.pupils1[0]}`), w.s.head);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    for (const part of ['Monday 16 November 2026, from 10:00 to 10:07', 'Test ZI_HALL', '7 minutes', 'Restraint or reasonable force with physical contact',
      'Test ZI_GUIDE', 'Test ZI_ESCORT', 'Running towards the road', 'A member of staff was injured. Scratch on the hand.', 'Quiet time with a trusted adult',
      'Asked to line up', 'Emma Testcase', 'Recording and Reporting of Seclusion and Restraint']) expect(text).toContain(part);
    expect(text).not.toMatch(/LAW-1\d/);
    // another pupil on the incident is not named in this pupil's copy
    const other = json<Incident>(await w.req('GET', `/api/v1/incidents/${i.id}`, w.s.lead)).pupils.find((p) => p.pupilId === w.pupils1[1])!.displayName;
    expect(text).not.toContain(other);
    const reads = await w.t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, i.id), eq(auditEntries.action, 'incident.parent_copy.preview')));
    expect(reads.map((r) => r.actorUserId)).toEqual([w.s.head.userId]);
  });

  it('sends the copy to the contacts with parental responsibility (by hand without SMTP), logged and audited; the warning stays until it is handed over', async () => {
    const i = await withPi();
    let [copy] = await copies(i.id);
    expect(copy).toMatchObject({ pupilId: w.pupils1[0], status: 'not_sent', outstanding: true, allowed: ['preview', 'send', 'withhold'] });
    const sent = await w.req('POST', url(i.id, '/send'), w.s.lead, { pupilId: w.pupils1[0] });
    expect(sent.statusCode, sent.body).toBe(200);
    copy = json<Copies>(sent).items[0]!;
    expect(copy).toMatchObject({ status: 'to_send_by_hand', outstanding: true, decidedBy: { id: w.s.lead.userId } });
    expect(copy.recipients.map((r) => [r.name, r.channel, r.status]).sort()).toEqual([
      ['Ms Emma Testcase', 'by_hand', 'to_send_by_hand'], ['Ms Lena Testcase', 'by_hand', 'to_send_by_hand']]);
    const db = w.t.database.db;
    const rows = await db.select().from(communications).where(inArray(communications.id, copy.recipients.map((r) => r.communicationId)));
    expect(rows.every((r) => r.recordType === 'incident' && r.recordId === i.id && r.pupilId === w.pupils1[0] && r.attachmentId)).toBe(true);
    const file = (await db.select().from(communicationAttachments).where(eq(communicationAttachments.id, rows[0]!.attachmentId!)))[0]!;
    expect(file.contentType).toBe('application/pdf');
    expect(await pdfText(file.data)).toContain('Running towards the road');
    const audit = (await db.select().from(auditEntries).where(and(eq(auditEntries.entityId, i.id), eq(auditEntries.action, 'incident.parent_copy.send'))))[0]!;
    expect(audit.details).toMatchObject({ pupilId: w.pupils1[0], recipients: 2 });
    // the review queue flags the copy as not yet given; marking the letters as handed over clears it
    await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.staff, { version: i.version });
    const flag = async () => json<Queue>(await w.req('GET', '/api/v1/review-queue', w.s.lead)).items.find((x) => x.id === i.id)!;
    expect(await flag()).toMatchObject({ parentCopyOutstanding: true, parentCopyWithheld: false });
    await w.req('POST', `/api/v1/communications/${copy.recipients[0]!.communicationId}/mark-sent`, w.s.lead, { note: 'Handed to mum at pick-up' });
    expect((await copies(i.id))[0]).toMatchObject({ status: 'to_send_by_hand', outstanding: true });
    await w.req('POST', `/api/v1/communications/${copy.recipients[1]!.communicationId}/mark-sent`, w.s.lead, {});
    copy = (await copies(i.id))[0]!;
    expect(copy).toMatchObject({ status: 'sent', outstanding: false, givenAt: expect.any(String), allowed: ['preview', 'send'] });
    expect(await flag()).toMatchObject({ parentCopyOutstanding: false, parentCopyWithheld: false });
    // once sent it cannot be withheld
    const late = await w.req('POST', url(i.id, '/withhold'), w.s.lead, { pupilId: w.pupils1[0], reason: 'risk_of_significant_harm', explanation: 'Disclosure would put the pupil at risk.' });
    expect(late.statusCode).toBe(409);
  });

  it('withholds the copy with a reason: audited without the explanation, flagged on the review queue, and sendable later', async () => {
    const i = await withPi();
    await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.staff, { version: i.version });
    const body = { pupilId: w.pupils1[0], reason: 'risk_of_significant_harm', explanation: 'Social care advise that a letter home would put the pupil at risk.' };
    const res = await w.req('POST', url(i.id, '/withhold'), w.s.head, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(json<Copies>(res).items[0]).toMatchObject({ status: 'withheld', withholdReason: 'risk_of_significant_harm', withholdExplanation: body.explanation,
      outstanding: false, decidedBy: { id: w.s.head.userId }, recipients: [] });
    const audit = (await w.t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, i.id), eq(auditEntries.action, 'incident.parent_copy.withhold'))))[0]!;
    expect(audit.details).toEqual({ pupilId: w.pupils1[0], reason: 'risk_of_significant_harm' });
    expect(JSON.stringify(audit.details)).not.toContain('Social care');
    const item = json<Queue>(await w.req('GET', '/api/v1/review-queue', w.s.lead)).items.find((x) => x.id === i.id)!;
    expect(item).toMatchObject({ parentCopyWithheld: true, parentCopyOutstanding: false });
    expect((await w.req('POST', url(i.id, '/withhold'), w.s.head, body)).statusCode).toBe(409);
    const sent = await w.req('POST', url(i.id, '/send'), w.s.head, { pupilId: w.pupils1[0] });
    expect(json<Copies>(sent).items[0]!.status).toBe('to_send_by_hand');
  });

  it('accepts "20 or over" only for a pupil who is, and refuses a voided incident', async () => {
    const db = w.t.database.db;
    const i = await withPi();
    const p = w.pupils1[0]!;
    const dob = (await db.select({ d: pupils.dateOfBirth }).from(pupils).where(eq(pupils.id, p)))[0]!.d;
    await db.update(pupils).set({ dateOfBirth: '2000-01-01' }).where(eq(pupils.id, p));
    try {
      const res = await w.req('POST', url(i.id, '/withhold'), w.s.lead, { pupilId: p, reason: 'pupil_aged_20_or_over', explanation: 'The young person is 26 and asked us not to.' });
      expect(json<Copies>(res).items[0]).toMatchObject({ status: 'withheld', withholdReason: 'pupil_aged_20_or_over' });
    } finally { await db.update(pupils).set({ dateOfBirth: dob }).where(eq(pupils.id, p)); }
    const v = await withPi();
    await w.req('POST', `/api/v1/incidents/${v.id}/void`, w.s.lead, { version: v.version, reason: 'Recorded twice' });
    expect((await w.req('POST', url(v.id, '/send'), w.s.lead, { pupilId: p })).statusCode).toBe(409);
  });
});

describe.each(dbKinds())("the parent's copy by email on %s", (kind) => {
  let w: World;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    const c = smtpTestConfig(smtp.port);
    w = await world(kind, { publicUrl: c.publicUrl, mail: c.mail });
    await familyFor(w.t, w.pupils1[0]!);
  });
  afterAll(async () => { await w?.t.close(); await smtp?.close(); });

  it('emails the parent who takes email, with the PDF; the parent who wants letters gets one by hand', async () => {
    const i = await w.create(w.s.staff, w.fullBody({ physicalIntervention: true, physicalInterventions: [w.piBody()] }));
    const res = await w.req('POST', `/api/v1/incidents/${i.id}/parent-copies/send`, w.s.lead, { pupilId: w.pupils1[0] });
    expect(res.statusCode, res.body).toBe(200);
    await mailerFor(w.t.app.deps).idle();
    const mail = smtp.received.filter((m) => m.to.includes('emma.testcase@example.org'));
    expect(mail).toHaveLength(1);
    const parsed = await parseMail(mail[0]!.raw);
    expect(parsed.subject).toMatch(/^Record of the use of force, restraint or seclusion with .+: from /);
    expect(parsed.attachments[0]!.contentType).toBe('application/pdf');
    expect(await pdfText(parsed.attachments[0]!.content)).toContain('Running towards the road');
    expect(smtp.received.some((m) => m.to.includes('lena.testcase@example.org') || m.to.includes('nora.testcase@example.org'))).toBe(false);
    const copy = json<Copies>(await w.req('GET', `/api/v1/incidents/${i.id}/parent-copies`, w.s.lead)).items[0]!;
    expect(copy.recipients.map((r) => [r.channel, r.status]).sort()).toEqual([['by_hand', 'to_send_by_hand'], ['email', 'sent']]);
    expect(copy).toMatchObject({ status: 'to_send_by_hand', outstanding: true });
  });
});
