/**
 * Issue 11, "The law", through the API on a real database: no cancelling once the board has decided or met; the day
 * the parents were told is entered (default today, never in the future) and every deadline counts from it, a record
 * entered late naming the deadlines already passed; public examinations keep their date and the whole duty text.
 * Each endpoint for 401, 403/404 for refused roles and sites, 400 naming the field, and success. Rule names in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { TDeadline, TExclusion, TExclusionPreview, TIssued } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type TestContext } from '../harness.ts';
import { londonToday } from '../../src/core/time.ts';
import { addDays, addSchoolDays, formatUkDate, nthSchoolDayFrom } from '../../src/core/calendar/calendar.ts';
import { loadSiteCalendar } from '../../src/modules/suspensions/suspensions.calendar.ts';
import { exclusions } from '../../src/db/schema/exclusions.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { freshPupils, otherHead, suspensionSetup } from './suspensions.fixtures.ts';

type Err = { error: { message: string; fields?: { field: string; message: string }[] } };
type Who = { headers: Record<string, string> } | null;

describe.each(dbKinds())('the law (issue 11) on %s', (kind) => {
  let t: TestContext;
  let x: Awaited<ReturnType<typeof suspensionSetup>>;
  const today = londonToday();
  beforeAll(async () => { t = await createTestContext(kind); x = await suspensionSetup(t); });
  afterAll(async () => { await t.close(); });
  const post = (url: string, who: Who, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: who?.headers ?? {}, payload });
  const field = (res: Parameters<typeof json>[0]) => { expect(res.statusCode, res.body).toBe(400); return json<Err>(res).error.fields![0]!.field; };
  const cal = () => loadSiteCalendar(t.database.db, x.s.trustId, x.s.site1);

  describe('cancelling (item 1)', () => {
    it('is refused once a board outcome is recorded, even with a meeting date still to come, saying why in words', async () => {
      const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
      const id = await x.issueOk({ pupilId, category: 'permanent', startDate: '2027-01-11' });
      const lead = await sessionFor(t, demoEmail('behaviour_lead'));
      const future = addDays(today, 20);
      const board = await post(`/api/v1/suspensions/${id}/board`, lead, { boardMeetingDate: future, boardOutcome: 'upheld', boardOutcomeOn: today });
      expect(board.statusCode, board.body).toBe(200);
      expect(json<TExclusion>(board).allowed).not.toContain('cancel');
      const res = await post(`/api/v1/suspensions/${id}/cancel`, x.head, { reason: 'Changed my mind' });
      expect(res.statusCode).toBe(409);
      const message = json<Err>(res).error.message;
      expect(message).toContain('only before the governing board has considered it');
      expect(message).toContain(`the board's decision of ${formatUkDate(today)} is recorded`);
      expect(message).not.toMatch(/LAW-\d/);
      expect((await x.get(id)).status).toBe('issued');
      // The refusal comes after the usual ones: anonymous 401, another role 403, another school 404.
      expect((await post(`/api/v1/suspensions/${id}/cancel`, null, { reason: 'x' })).statusCode).toBe(401);
      expect((await post(`/api/v1/suspensions/${id}/cancel`, lead, { reason: 'x' })).statusCode).toBe(403);
      expect((await post(`/api/v1/suspensions/${id}/cancel`, await otherHead(t, x.s.site2), { reason: 'x' })).statusCode).toBe(404);
    });

    it('is refused once an outcome is recorded with no meeting date at all, and once the meeting has happened', async () => {
      const [a, b, c] = await freshPupils(t, x.s.site1, 3);
      const lead = await sessionFor(t, demoEmail('behaviour_lead'));
      const noDate = await x.issueOk({ pupilId: a!, category: 'suspension', startDate: '2027-01-11', sessions: 12 });
      expect((await post(`/api/v1/suspensions/${noDate}/board`, lead, { parentsMadeRepresentations: true, boardOutcome: 'reinstated', boardOutcomeOn: today })).statusCode).toBe(200);
      expect(json<Err>(await post(`/api/v1/suspensions/${noDate}/cancel`, x.head, { reason: 'x' })).error.message).toContain('is recorded');
      const met = await x.issueOk({ pupilId: b!, category: 'suspension', startDate: '2027-01-11', sessions: 12 });
      expect((await post(`/api/v1/suspensions/${met}/board`, lead, { boardMeetingDate: today })).statusCode).toBe(200);
      const refused = await post(`/api/v1/suspensions/${met}/cancel`, x.head, { reason: 'x' });
      expect(refused.statusCode).toBe(409);
      expect(json<Err>(refused).error.message).toContain("the board's meeting is today");
      // Before the board has considered it, the head may cancel.
      const open = await x.issueOk({ pupilId: c!, category: 'suspension', startDate: '2027-01-11', sessions: 12 });
      expect((await post(`/api/v1/suspensions/${open}/board`, lead, { boardMeetingDate: addDays(today, 10) })).statusCode).toBe(200);
      expect((await x.get(open)).allowed).toContain('cancel');
      expect((await post(`/api/v1/suspensions/${open}/cancel`, x.head, { reason: 'New evidence.' })).statusCode).toBe(200);
    });

    it("the board's decision cannot be dated in the future or before the parents were told (400 naming the field)", async () => {
      const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
      const id = await x.issueOk({ pupilId, category: 'permanent', startDate: '2027-01-12' });
      const lead = await sessionFor(t, demoEmail('behaviour_lead'));
      expect(field(await post(`/api/v1/suspensions/${id}/board`, lead, { boardOutcome: 'upheld', boardOutcomeOn: addDays(today, 1) }))).toBe('boardOutcomeOn');
      expect(field(await post(`/api/v1/suspensions/${id}/board`, lead, { boardOutcome: 'upheld', boardOutcomeOn: addDays(today, -1) }))).toBe('boardOutcomeOn');
    });
  });

  describe('the day the parents were told (item 2)', () => {
    it('defaults to today; never the future (400 naming decisionDate, on preview and issue); only the head', async () => {
      const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
      const body = { pupilId, category: 'suspension', startDate: '2027-01-13', sessions: 2 };
      expect((await x.previewOk(body)).decisionDate).toBe(today);
      expect(field(await x.preview(x.head, { ...body, decisionDate: addDays(today, 1) }))).toBe('decisionDate');
      expect(field(await x.preview(x.head, { ...body, decisionDate: '13/01/2027' }))).toBe('decisionDate');
      const future = await x.issue(x.head, { ...body, decisionDate: addDays(today, 1), reasonCodes: ['DB'], details: 'x' });
      expect(field(future)).toBe('decisionDate');
      expect(json<Err>(future).error.fields![0]!.message).toContain('cannot be in the future');
      expect((await x.preview(null, { ...body, decisionDate: today })).statusCode).toBe(401);
      expect((await x.preview(await sessionFor(t, demoEmail('slt')), { ...body, decisionDate: today })).statusCode).toBe(403);
      expect((await x.preview(await otherHead(t, x.s.site2), { ...body, decisionDate: today })).statusCode).toBe(404);
      const id = await x.issueOk(body);
      const r = await x.get(id);
      expect(r).toMatchObject({ decisionDate: today, boardNotifiedOn: today, lateEntry: null });
      expect(await t.database.db.select().from(exclusions).where(eq(exclusions.id, id))).toHaveLength(1);
    });

    it('a record entered late counts every deadline from the dates entered and says which had already passed', async () => {
      const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
      // Suspended for 16 days from Monday 2 November 2026 (parents told that day), typed in today.
      const body = { pupilId, category: 'suspension', startDate: '2026-11-02', sessions: 32, decisionDate: '2026-11-02' };
      const c = await cal();
      const board = addSchoolDays(c, '2026-11-02', 15);
      const preview = await x.previewOk(body);
      expect(preview.boardDuty.deadline).toBe(board);
      expect(preview.provisionDueFrom).toBe('2026-11-09');
      expect(preview.passedDeadlines.map((d) => [d.kind, d.due])).toEqual([
        ['notification', '2026-11-02'], ['board_consideration', board], ['alternative_provision', '2026-11-09'], ['reintegration_meeting', '2026-11-24'],
      ].filter(([, due]) => due! < today));
      const res = await x.issue(x.head, { ...body, reasonCodes: ['DB'], details: 'Persistent disruption.' });
      expect(res.statusCode, res.body).toBe(201);
      const issued = json<TIssued>(res);
      expect(issued.passedDeadlines).toEqual(preview.passedDeadlines);
      expect(issued.passedDeadlines.length).toBeGreaterThan(0);
      const r = await x.get(issued.id);
      expect(r).toMatchObject({ decisionDate: '2026-11-02', boardNotifiedOn: '2026-11-02', boardDeadline: board, provisionDueFrom: '2026-11-09' });
      expect(r.lateEntry).toEqual({ enteredOn: today, passed: preview.passedDeadlines });
      expect(r.boardDutyMessage).toBe(preview.boardDuty.message);
      // The deadlines view counts from the same dates: the board's deadline is overdue, not 15 school days from today.
      const items = json<{ items: TDeadline[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/deadlines', headers: x.head.headers })).items
        .filter((d) => d.link === `/suspensions/${issued.id}`);
      expect(items.find((d) => d.kind === 'board_consideration')).toMatchObject({ due: board, overdue: board < today });
      const audit = (await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, issued.id)))[0]!;
      expect(JSON.stringify(audit.details)).toContain('"decisionDate":"2026-11-02"');
    });

    it('a permanent exclusion told earlier than it starts: the board counts from the telling, day 6 from the start', async () => {
      const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
      const told = addDays(today, -3);
      const id = json<TIssued>(await x.issue(x.head, { pupilId, category: 'permanent', startDate: '2027-01-11', decisionDate: told, reasonCodes: ['PA'], details: 'Assault.' })).id;
      const c = await cal();
      const r = await x.get(id);
      expect(r.boardDeadline).toBe(addSchoolDays(c, told, 15));
      expect(r.provisionDueFrom).toBe(nthSchoolDayFrom(c, '2027-01-11', 6));
    });
  });

  describe('public examinations (item 5)', () => {
    it('needs the exam date (400 naming publicExamDate), inside the exclusion; the record keeps the date and the whole duty the preview showed', async () => {
      const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
      const body = { pupilId, category: 'suspension', startDate: '2027-05-10', sessions: 4, missesPublicExam: true, reasonCodes: ['VA'], details: 'Threatened a teacher.' };
      expect(field(await x.issue(x.head, body))).toBe('publicExamDate');
      expect(field(await x.issue(x.head, { ...body, publicExamDate: '2027-05-07' }))).toBe('publicExamDate');
      expect(field(await x.issue(x.head, { ...body, publicExamDate: '2027-05-12' }))).toBe('publicExamDate');
      expect(field(await x.issue(x.head, { ...body, missesPublicExam: false, publicExamDate: '2027-05-11' }))).toBe('publicExamDate');
      expect(field(await x.issue(x.head, { ...body, publicExamDate: 'next week' }))).toBe('publicExamDate');
      const preview = await x.previewOk({ ...body, publicExamDate: '2027-05-11' });
      expect(preview.boardDuty.kind).toBe('must_consider_reinstatement');
      expect(preview.boardDuty.message).toContain('Where possible it should meet before the examination on 11/05/2027.');
      const id = json<TIssued>(await x.issue(x.head, { ...body, publicExamDate: '2027-05-11' })).id;
      const r = await x.get(id);
      expect(r).toMatchObject({ missesPublicExam: true, publicExamDate: '2027-05-11', boardDutyKind: 'must_consider_reinstatement' });
      expect(r.boardDutyMessage).toBe(preview.boardDuty.message);
      // A permanent exclusion: the exam may fall any day after it starts.
      const other = (await freshPupils(t, x.s.site1, 1))[0]!;
      const px = json<TIssued>(await x.issue(x.head, { ...body, pupilId: other, category: 'permanent', sessions: undefined, publicExamDate: '2027-06-14' })).id;
      expect((await x.get(px)).boardDutyMessage).toContain('on 14/06/2027');
    });
  });

  describe('rule names in words (item 7)', () => {
    it('messages on the preview and the deadlines view name each rule as a head would, keeping the id as data', async () => {
      const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
      const p: TExclusionPreview = await x.previewOk({ pupilId, category: 'suspension', startDate: '2027-02-01', sessions: 34 });
      for (const m of [p.boardDuty.message, ...p.warnings.map((w) => w.message)]) expect(m).not.toMatch(/LAW-\d/);
      expect(p.warnings.find((w) => w.rule === 'LAW-8')!.message).toContain('the duty to arrange full-time education from the sixth school day');
      await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-02-01', sessions: 34 });
      const items = json<{ items: TDeadline[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/deadlines', headers: x.head.headers })).items;
      expect(items.length).toBeGreaterThan(0);
      for (const d of items) { expect(d.ruleName).not.toMatch(/LAW-\d|SAN-\d/); expect(d.ruleName.length).toBeGreaterThan(20); }
      expect(items.find((d) => d.rule === 'LAW-6')!.ruleName).toBe("the governing board's duty to consider reinstatement within 15 school days, in the School Discipline (Pupil Exclusions and Reviews) (England) Regulations 2012");
    });
  });
});
