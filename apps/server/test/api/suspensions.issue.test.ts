/**
 * Issuing suspensions and permanent exclusions through the API on a real database: only the head of the pupil's
 * school may issue or preview (LAW-1); the running total, the 35-day warning and the 45-day refusal (LAW-2, LAW-3);
 * the board duty and deadline (LAW-6, LAW-7); the AP day (LAW-8); notifications (LAW-5); the reintegration meeting;
 * the parent letter's text (LAW-4); and the letter and notices reaching a real SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { TCommunication, TExclusion } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type TestContext } from '../harness.ts';
import { tasks } from '../../src/db/schema/workflow.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { mailerFor } from '../../src/core/mail/mailer.ts';
import { familyFor, parseMail, smtpTestConfig, startSmtp } from './comms.fixtures.ts';
import { freshPupils, otherHead, pdfText, suspensionSetup } from './suspensions.fixtures.ts';

describe.each(dbKinds())('issuing suspensions on %s', (kind) => {
  let t: TestContext;
  let x: Awaited<ReturnType<typeof suspensionSetup>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestContext(kind, smtpTestConfig(smtp.port));
    x = await suspensionSetup(t);
  });
  afterAll(async () => { await t.close(); await smtp.close(); });

  it('LAW-1: no role but the head may issue or preview; a head of another school cannot see the pupil', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const body = { pupilId, category: 'suspension', startDate: '2026-12-01', startSession: 'am', sessions: 2, reasonCodes: ['DB'], details: 'Disruption.' };
    expect((await x.issue(null, body)).statusCode).toBe(401);
    expect((await x.preview(null, body)).statusCode).toBe(401);
    for (const role of ['staff', 'behaviour_lead', 'cluster_lead', 'dsl', 'senco', 'slt', 'trust_admin', 'governor', 'parent', 'agency']) {
      const who = await sessionFor(t, demoEmail(role));
      const res = await x.issue(who, body);
      expect(res.statusCode, role).toBe(403);
      const message = json<{ error: { message: string } }>(res).error.message;
      expect(message).toContain('the headteacher only');
      expect(message).toContain('the DfE suspension and permanent exclusion guidance');
      expect(message).not.toMatch(/LAW-\d/);
      expect((await x.preview(who, body)).statusCode, role).toBe(403);
    }
    const head2 = await otherHead(t, x.s.site2);
    expect((await x.issue(head2, body)).statusCode).toBe(404);
    expect((await x.preview(head2, body)).statusCode).toBe(404);
    expect((await x.issue(x.head, body)).statusCode).toBe(201);
  });

  it('400 naming the field: reasons (none, four, unknown), a start that is not a school day, a missing length, an overlapping suspension', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const base = { pupilId, category: 'suspension', startDate: '2026-12-02', startSession: 'am', sessions: 2, reasonCodes: ['DB'], details: 'Disruption.' };
    const field = async (body: Record<string, unknown>) => {
      const res = await x.issue(x.head, body);
      expect(res.statusCode, res.body).toBe(400);
      return json<{ error: { message: string; fields: { field: string }[] } }>(res).error;
    };
    expect((await field({ ...base, reasonCodes: [] })).fields[0]!.field).toBe('reasonCodes');
    expect((await field({ ...base, reasonCodes: ['DB', 'VA', 'PP', 'PA'] })).fields[0]!.field).toBe('reasonCodes');
    expect((await field({ ...base, reasonCodes: ['ZZ'] })).fields[0]!.field).toBe('reasonCodes');
    expect((await field({ ...base, startDate: '2026-12-05' })).fields[0]!.field).toBe('startDate');
    expect((await field({ ...base, startDate: '2026-12-24' })).fields[0]!.field).toBe('startDate');
    expect((await field({ ...base, sessions: undefined })).fields[0]!.field).toBe('sessions');
    expect((await field({ ...base, details: '' })).fields[0]!.field).toBe('details');
    expect((await field({ ...base, category: 'expulsion' })).fields[0]!.field).toBe('category');
    expect(await x.issueOk(base)).toBeTruthy();
    const overlap = await field({ ...base, startSession: 'pm', sessions: 1 });
    expect(overlap.fields[0]!.field).toBe('startDate');
    expect(overlap.message).toContain('the rule that a suspension cannot be extended or turned into a permanent exclusion');
  });

  it('LAW-2/LAW-3: running total with lunchtimes as halves, warning from 35, refusal past 45 with the rule named; LAW-6 past 15 in a term', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const first = await x.previewOk({ pupilId, category: 'suspension', startDate: '2026-11-23', sessions: 40 });
    expect(first).toMatchObject({ days: 20, yearDaysBefore: 0, yearDays: 20, lastDay: '2026-12-18', returnDate: '2027-01-05', returnSession: 'am', provisionDueFrom: '2026-11-30' });
    expect(first.boardDuty.kind).toBe('must_consider_reinstatement');
    expect(first.boardDuty.rule).toBe('LAW-6');
    expect(first.boardDuty.message).toContain("the governing board's duty to consider reinstatement within 15 school days, in the School Discipline (Pupil Exclusions and Reviews) (England) Regulations 2012");
    await x.issueOk({ pupilId, category: 'suspension', startDate: '2026-11-23', sessions: 40 });
    await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-01-05', sessions: 40 });
    await x.issueOk({ pupilId, category: 'lunchtime', startDate: '2027-02-02', sessions: 1 });
    const near = await x.previewOk({ pupilId, category: 'suspension', startDate: '2027-02-03', sessions: 7 });
    expect(near.yearDaysBefore).toBe(40.5);
    expect(near.yearDays).toBe(44);
    expect(near.warnings.some((w) => w.rule === 'LAW-2' && w.message.includes('44'))).toBe(true);
    await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-02-03', sessions: 7 });
    const over = await x.issue(x.head, { pupilId, category: 'suspension', startDate: '2027-02-22', sessions: 3, reasonCodes: ['DB'], details: 'More disruption.' });
    expect(over.statusCode).toBe(400);
    const err = json<{ error: { message: string; fields: { field: string }[] } }>(over).error;
    expect(err.message).toMatch(/This would break the limit of 45 days of suspension in a school year, in the DfE suspension and permanent exclusion guidance: .*45 school days/);
    expect(err.fields[0]!.field).toBe('sessions');
    const refusedPreview = await x.previewOk({ pupilId, category: 'suspension', startDate: '2027-02-22', sessions: 3 });
    expect(refusedPreview.refusal?.rule).toBe('LAW-2');
    await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-02-22', sessions: 2 });
    const last = await x.issue(x.head, { pupilId, category: 'lunchtime', startDate: '2027-03-01', sessions: 1, reasonCodes: ['DB'], details: 'Lunchtime.' });
    expect(last.statusCode).toBe(400);
  });

  it('LAW-7: over 5 days in a term → 50 school days if parents make representations; 5 or fewer → representations only', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const small = await x.previewOk({ pupilId, category: 'suspension', startDate: '2027-01-11', sessions: 10 });
    expect(small.boardDuty).toMatchObject({ kind: 'representations_only', deadline: null });
    await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-01-11', sessions: 10 });
    const more = await x.previewOk({ pupilId, category: 'lunchtime', startDate: '2027-01-25', sessions: 1 });
    expect(more.termDays.spring).toBe(5.5);
    expect(more.boardDuty).toMatchObject({ kind: 'consider_if_representations', conditional: true, schoolDays: 50 });
    expect(more.boardDuty.deadline).not.toBeNull();
  });

  it('a suspension across February half-term: school days only, AP from day 6, the reintegration meeting and task on the return date, notifications created', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1, { lookedAfter: true }))[0]!;
    const id = await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-02-10', sessions: 12, reasonCodes: ['VA', 'DB'] });
    const r = await x.get(id);
    expect(r).toMatchObject({ days: 6, lastDay: '2027-02-24', returnDate: '2027-02-25', returnSession: 'am', provisionDueFrom: '2027-02-24', provisionMissing: true, status: 'issued' });
    expect(r.reasons.map((c) => c.label)).toEqual(['Verbal abuse or threatening behaviour against an adult', 'Persistent or general disruptive behaviour']);
    expect(r.notifications.map((n) => n.recipient).sort()).toEqual(['governing_board', 'local_authority', 'social_worker', 'virtual_school_head']);
    // With SMTP configured and an address for the clerk and the LA, those are sent; the social worker is to do.
    expect(r.notifications.find((n) => n.recipient === 'social_worker')!.status).toBe('to_do');
    expect(r.notifications.find((n) => n.recipient === 'local_authority')!.status).toBe('sent');
    expect(r.meetings).toHaveLength(1);
    expect(r.meetings[0]).toMatchObject({ type: 'reintegration', date: '2027-02-25', session: 'am', status: 'scheduled' });
    const taskRows = await t.database.db.select().from(tasks).where(eq(tasks.pupilId, pupilId));
    expect(taskRows.map((k) => [k.sourceType, k.dueOn]).sort()).toEqual([['exclusion_provision', '2027-02-24'], ['meeting', '2027-02-25']]);
    const audits = await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, id));
    expect(audits.map((a) => a.action)).toContain('exclusion.issue');
    // Only the head issues; the pupil's meeting shows in the meetings list for the pupil.
    const meetings = json<{ items: { date: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/meetings?pupilId=${pupilId}`, headers: x.head.headers }));
    expect(meetings.items.map((m) => m.date)).toEqual(['2027-02-25']);
  });

  it('LAW-4: the letter has every required part, is emailed to the parents with the PDF, and the board and LA get notices', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    await familyFor(t, pupilId);
    const id = await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-03-01', sessions: 12, reasonCodes: ['PP'], details: 'Punched another pupil in the corridor.' });
    await mailerFor(t.app.deps).idle();
    const r = await x.get(id);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/suspensions/${id}/letter`, headers: x.head.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    for (const part of [
      `Suspension of ${r.pupil.displayName}`, 'Ms Emma Testcase and Ms Lena Testcase', '6 school days (12 sessions)', 'Monday 1 March 2027',
      'Monday 8 March 2027', 'should return to school on Tuesday 9 March 2027 at the start of the morning session',
      'Physical assault against a pupil (PP)', 'Punched another pupil', 'right to make representations', 'governing board',
      'attend in person or remotely', 'representative', 'not present in a public place during school hours',
      'From the sixth school day, Monday 8 March 2027', 'see and to have a copy', "Coram Children's Legal Centre", 'Westmoor Council',
    ]) expect(text, part).toContain(part);
    expect(text).not.toContain('independent review panel');
    const toEmma = smtp.received.filter((m) => m.to.includes('emma.testcase@example.org'));
    expect(toEmma).toHaveLength(1);
    const mail = await parseMail(toEmma[0]!.raw);
    expect(mail.attachments[0]!.contentType).toBe('application/pdf');
    expect(await pdfText(mail.attachments[0]!.content)).toContain('Physical assault against a pupil (PP)');
    const la = smtp.received.filter((m) => m.to.includes('exclusions@westmoor.example.gov.uk'));
    expect(la.some((m) => m.raw.includes(r.pupil.displayName.split(' ')[0]!))).toBe(true);
    const comms = json<{ items: TCommunication[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/communications?recordType=exclusion&recordId=${id}`, headers: x.head.headers })).items;
    expect(comms.find((c) => c.recipientName === 'Ms Emma Testcase')).toMatchObject({ status: 'sent', channel: 'email' });
    expect(comms.find((c) => c.recipientName === 'Ms Lena Testcase')).toMatchObject({ status: 'to_send_by_hand' });
    const audits = await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, id));
    expect(audits.map((a) => a.action)).toContain('exclusion.letter.download');
  });

  it('LAW-4 for a permanent exclusion: permanent, the independent review panel and the SEN expert; LAW-6 within 15 school days; AP from day 6', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const id = await x.issueOk({ pupilId, category: 'permanent', startDate: '2027-03-03', reasonCodes: ['PA', 'OW'] });
    const r: TExclusion = await x.get(id);
    expect(r).toMatchObject({ category: 'permanent', boardDutyKind: 'must_consider_reinstatement', provisionDueFrom: '2027-03-10', returnDate: null, days: 0 });
    expect(r.meetings).toHaveLength(0);
    const text = await pdfText((await t.app.inject({ method: 'GET', url: `/api/v1/suspensions/${id}/letter`, headers: x.head.headers })).rawPayload);
    for (const part of ['Permanent exclusion of', 'This exclusion is permanent', 'independent review panel', 'SEN expert', 'within 15 school days',
      'the local authority will arrange suitable full-time education', 'Wednesday 10 March 2027']) expect(text, part).toContain(part);
  });
});
