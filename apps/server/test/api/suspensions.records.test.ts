/**
 * After issue: reading (scoped, audited), cancellation only before the board's meeting and with everyone told again,
 * the new linked exclusion (LAW-9), board/provision/notification recording, meetings, the deadlines view, and the
 * reason codes table — each endpoint for 401, 403/404, 400 and success.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { TDeadline, TExclusion } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type TestContext } from '../harness.ts';
import { londonToday } from '../../src/core/time.ts';
import { freshPupils, otherHead, suspensionSetup } from './suspensions.fixtures.ts';

type Err = { error: { message: string; fields?: { field: string }[] } };

describe.each(dbKinds())('suspension records on %s', (kind) => {
  let t: TestContext;
  let x: Awaited<ReturnType<typeof suspensionSetup>>;
  beforeAll(async () => { t = await createTestContext(kind); x = await suspensionSetup(t); });
  afterAll(async () => { await t.close(); });
  const post = (url: string, who: { headers: Record<string, string> } | null, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url, headers: who?.headers ?? {}, payload });

  it('reads are scoped: readers of the site see it (audited); staff get 403; another site 404; anonymous 401', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const id = await x.issueOk({ pupilId, category: 'suspension', startDate: '2026-12-07', sessions: 4 });
    for (const role of ['slt', 'behaviour_lead', 'senco', 'dsl', 'cluster_lead']) {
      const r = await x.get(id, await sessionFor(t, demoEmail(role)));
      expect(r.id, role).toBe(id);
      expect(r.allowed).not.toContain('cancel');
    }
    expect((await x.get(id)).allowed).toEqual(expect.arrayContaining(['letter', 'cancel', 'newLinked', 'recordBoard']));
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/suspensions/${id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/suspensions/${id}`, headers: (await sessionFor(t, demoEmail('staff'))).headers })).statusCode).toBe(403);
    const head2 = await otherHead(t, x.s.site2);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/suspensions/${id}`, headers: head2.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/suspensions/${id}/letter`, headers: head2.headers })).statusCode).toBe(404);
    const list2 = json<{ items: TExclusion[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/suspensions', headers: head2.headers }));
    expect(list2.items.every((i) => i.siteId === x.s.site2)).toBe(true);
    const mine = json<{ items: TExclusion[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/suspensions?pupilId=${pupilId}`, headers: x.head.headers }));
    expect(mine.items.map((i) => i.id)).toEqual([id]);
    expect(mine.items[0]!.yearDays).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/suspensions?pupilId=nope', headers: x.head.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/suspensions/${uuidv7()}`, headers: x.head.headers })).statusCode).toBe(404);
  });

  it('cancellation: the head only, a reason required, everyone re-notified, the meeting cancelled, and the days no longer count', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const id = await x.issueOk({ pupilId, category: 'suspension', startDate: '2026-12-08', sessions: 6 });
    const url = `/api/v1/suspensions/${id}/cancel`;
    expect((await post(url, null, { reason: 'x' })).statusCode).toBe(401);
    expect((await post(url, await sessionFor(t, demoEmail('slt')), { reason: 'x' })).statusCode).toBe(403);
    expect((await post(url, await otherHead(t, x.s.site2), { reason: 'x' })).statusCode).toBe(404);
    const bad = await post(url, x.head, { reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(json<Err>(bad).error.fields![0]!.field).toBe('reason');
    const res = await post(url, x.head, { reason: 'New evidence: another pupil started it.' });
    expect(res.statusCode).toBe(200);
    const r = json<TExclusion>(res);
    expect(r).toMatchObject({ status: 'cancelled', cancelReason: 'New evidence: another pupil started it.' });
    expect(r.notifications.filter((n) => n.occasion === 'cancellation').map((n) => n.recipient).sort()).toEqual(['governing_board', 'local_authority', 'parents']);
    expect(r.meetings[0]!.status).toBe('cancelled');
    expect(r.allowed).not.toContain('cancel');
    expect((await post(url, x.head, { reason: 'again' })).statusCode).toBe(409);
    const again = await x.previewOk({ pupilId, category: 'suspension', startDate: '2026-12-08', sessions: 6 });
    expect(again.yearDaysBefore).toBe(0);
  });

  it('cannot cancel once the board has met; the board records are for the head, SLT and behaviour lead only', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const id = await x.issueOk({ pupilId, category: 'suspension', startDate: '2026-11-23', sessions: 4 });
    const url = `/api/v1/suspensions/${id}/board`;
    const lead = await sessionFor(t, demoEmail('behaviour_lead'));
    expect((await post(url, null, { boardMeetingDate: londonToday() })).statusCode).toBe(401);
    expect((await post(url, await sessionFor(t, demoEmail('senco')), { boardMeetingDate: londonToday() })).statusCode).toBe(403);
    expect((await post(url, lead, { boardMeetingDate: 'soon' })).statusCode).toBe(400);
    const early = await post(url, lead, { boardMeetingDate: '2026-01-01' });
    expect(early.statusCode).toBe(400);
    expect(json<Err>(early).error.fields![0]!.field).toBe('boardMeetingDate');
    const ok = await post(url, lead, { boardMeetingDate: londonToday(), parentsMadeRepresentations: true });
    expect(ok.statusCode).toBe(200);
    expect(json<TExclusion>(ok)).toMatchObject({ boardMeetingDate: londonToday(), parentsMadeRepresentations: true });
    const cancel = await post(`/api/v1/suspensions/${id}/cancel`, x.head, { reason: 'Too late' });
    expect(cancel.statusCode).toBe(409);
    expect(json<Err>(cancel).error.message).toContain('governing board');
  });

  it('LAW-9: a new linked exclusion is a new record pointing at the old, which is unchanged; a permanent exclusion follows a suspension', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const first = await x.issueOk({ pupilId, category: 'suspension', startDate: '2026-12-09', sessions: 4 });
    const before = await x.get(first);
    const url = `/api/v1/suspensions/${first}/linked`;
    const body = { pupilId, category: 'permanent', startDate: '2026-12-11', reasonCodes: ['PA'], details: 'Following the investigation, a permanent exclusion.' };
    expect((await post(url, null, body)).statusCode).toBe(401);
    expect((await post(url, await sessionFor(t, demoEmail('slt')), body)).statusCode).toBe(403);
    expect((await post(`/api/v1/suspensions/${uuidv7()}/linked`, x.head, body)).statusCode).toBe(404);
    expect((await post(url, x.head, { ...body, startDate: 'x' })).statusCode).toBe(400);
    const res = await post(url, x.head, body);
    expect(res.statusCode).toBe(201);
    const second = json<{ id: string }>(res).id;
    const linked = await x.get(second);
    expect(linked).toMatchObject({ previousExclusionId: first, category: 'permanent' });
    const after = await x.get(first);
    expect(after.laterExclusionIds).toEqual([second]);
    expect({ ...after, laterExclusionIds: [], allowed: [] }).toEqual({ ...before, laterExclusionIds: [], allowed: [] });
  });

  it('records alternative provision (clearing the prompt) and notification statuses', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const id = await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-01-11', sessions: 14 });
    const lead = await sessionFor(t, demoEmail('behaviour_lead'));
    const purl = `/api/v1/suspensions/${id}/provision`;
    expect((await post(purl, null, { provider: 'AP', from: '2027-01-18' })).statusCode).toBe(401);
    expect((await post(purl, await sessionFor(t, demoEmail('dsl')), { provider: 'AP', from: '2027-01-18' })).statusCode).toBe(403);
    const bad = await post(purl, lead, { provider: '', from: '2027-01-18' });
    expect(json<Err>(bad).error.fields![0]!.field).toBe('provider');
    const r = json<TExclusion>(await post(purl, lead, { provider: 'Northern Lights Pathways', from: '2027-01-18' }));
    expect(r).toMatchObject({ provisionProvider: 'Northern Lights Pathways', provisionMissing: false });
    const n = r.notifications.find((k) => k.recipient === 'governing_board')!;
    expect(n.status).toBe('to_do');
    const nurl = `/api/v1/suspensions/${id}/notifications/${n.id}`;
    expect((await post(nurl, null, { status: 'sent' })).statusCode).toBe(401);
    expect((await post(nurl, await sessionFor(t, demoEmail('senco')), { status: 'sent' })).statusCode).toBe(403);
    expect((await post(nurl, lead, { status: 'posted' })).statusCode).toBe(400);
    expect((await post(`/api/v1/suspensions/${id}/notifications/${uuidv7()}`, lead, { status: 'sent' })).statusCode).toBe(404);
    const done = json<TExclusion>(await post(nurl, lead, { status: 'sent', statusOn: '2027-01-11', note: 'Emailed the clerk' }));
    expect(done.notifications.find((k) => k.id === n.id)).toMatchObject({ status: 'sent', statusOn: '2027-01-11', note: 'Emailed the clerk' });
  });

  it('the deadlines view: board consideration, AP, notifications and reintegration meetings, soonest first, for the caller\'s sites', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const id = await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-02-01', sessions: 34 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/deadlines' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/deadlines', headers: (await sessionFor(t, demoEmail('staff'))).headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/deadlines?siteId=nope', headers: x.head.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/deadlines?siteId=${x.s.site2}`, headers: x.head.headers })).statusCode).toBe(403);
    const res = json<{ items: TDeadline[]; today: string }>(await t.app.inject({ method: 'GET', url: '/api/v1/deadlines', headers: x.head.headers }));
    const mine = res.items.filter((d) => d.link === `/suspensions/${id}`);
    expect(mine.map((d) => d.kind).sort()).toEqual(['alternative_provision', 'board_consideration', 'notification', 'notification', 'reintegration_meeting']);
    const board = mine.find((d) => d.kind === 'board_consideration')!;
    expect(board).toMatchObject({ rule: 'LAW-6', conditional: false, overdue: false });
    expect(board.schoolDaysRemaining).toBe(15);
    expect(mine.find((d) => d.kind === 'alternative_provision')!.due).toBe('2027-02-08');
    const dues = res.items.map((d) => d.due ?? '9999');
    expect([...dues].sort()).toEqual(dues);
    expect(res.items.every((d) => d.siteId === x.s.site1)).toBe(true);
    expect(res.items.some((d) => d.overdue)).toBe(true);
  });

  it('meetings: record the reintegration meeting as held, with notes (agreed actions: casework.test.ts)', async () => {
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const id = await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-03-08', sessions: 2 });
    const meeting = (await x.get(id)).meetings[0]!;
    const url = `/api/v1/meetings/${meeting.id}`;
    const patch = (who: { headers: Record<string, string> } | null, payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url, headers: who?.headers ?? {}, payload });
    expect((await patch(null, { status: 'held' })).statusCode).toBe(401);
    expect((await patch(await sessionFor(t, demoEmail('staff')), { status: 'held' })).statusCode).toBe(403);
    expect((await patch(await otherHead(t, x.s.site2), { status: 'held' })).statusCode).toBe(404);
    expect((await patch(x.head, { status: 'finished' })).statusCode).toBe(400);
    // a meeting is not recorded as held before its day (this one is in 2027)
    expect((await patch(x.head, { status: 'held' })).statusCode).toBe(400);
    const res = await patch(x.head, { status: 'scheduled', notes: 'Parents confirmed they will come.' });
    expect(res.statusCode).toBe(200);
    expect(json<{ status: string; notes: string; attendees: { kind: string }[] }>(res)).toMatchObject({ status: 'scheduled', notes: 'Parents confirmed they will come.' });
    expect(json<{ attendees: { kind: string }[] }>(res).attendees.map((a) => a.kind)).toEqual(['other', 'pupil', 'staff']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/meetings' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/meetings', headers: (await sessionFor(t, demoEmail('staff'))).headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/meetings?pupilId=x', headers: x.head.headers })).statusCode).toBe(400);
  });

  it('reason codes: the 2020 set listed, a trust admin adds and expires codes, nobody else may; one to three valid on the date', async () => {
    const url = '/api/v1/exclusion-reasons';
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: (await sessionFor(t, demoEmail('staff'))).headers })).statusCode).toBe(403);
    const list = json<{ items: { code: string; id: string }[] }>(await t.app.inject({ method: 'GET', url: `${url}?validOn=2026-11-18`, headers: x.head.headers }));
    expect(list.items.map((r) => r.code).sort()).toEqual(['BU', 'DA', 'DB', 'DM', 'DS', 'LG', 'MT', 'OW', 'PA', 'PH', 'PP', 'RA', 'SM', 'TH', 'VA', 'VP']);
    expect((await t.app.inject({ method: 'GET', url: `${url}?validOn=tuesday`, headers: x.head.headers })).statusCode).toBe(400);
    const admin = await sessionFor(t, demoEmail('trust_admin'));
    const body = { code: 'BW', label: 'Behaviour that is wilfully harmful (test code)', validFrom: '2027-01-01', source: 'Test code set' };
    expect((await post(url, null, body)).statusCode).toBe(401);
    expect((await post(url, x.head, body)).statusCode).toBe(403);
    const bad = await post(url, admin, { ...body, code: 'b1' });
    expect(json<Err>(bad).error.fields![0]!.field).toBe('code');
    const created = await post(url, admin, body);
    expect(created.statusCode).toBe(201);
    expect((await post(url, admin, body)).statusCode).toBe(409);
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    const early = await x.issue(x.head, { pupilId, category: 'suspension', startDate: '2026-12-14', sessions: 1, reasonCodes: ['BW'], details: 'x' });
    expect(json<Err>(early).error.fields![0]!.field).toBe('reasonCodes');
    expect(await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-01-12', sessions: 1, reasonCodes: ['BW', 'DB'] })).toBeTruthy();
    const pd = list.items.find((r) => r.code === 'DB')!;
    const eurl = `${url}/${pd.id}/expire`;
    expect((await post(eurl, null, { validTo: '2027-03-31' })).statusCode).toBe(401);
    expect((await post(eurl, x.head, { validTo: '2027-03-31' })).statusCode).toBe(403);
    expect((await post(`${url}/${uuidv7()}/expire`, admin, { validTo: '2027-03-31' })).statusCode).toBe(404);
    expect(json<Err>(await post(eurl, admin, { validTo: '2019-01-01' })).error.fields![0]!.field).toBe('validTo');
    expect((await post(eurl, admin, { validTo: '2027-03-31' })).statusCode).toBe(200);
    const after = await x.issue(x.head, { pupilId, category: 'suspension', startDate: '2027-04-06', sessions: 1, reasonCodes: ['DB'], details: 'x' });
    expect(json<Err>(after).error.fields![0]!.field).toBe('reasonCodes');
  });
});
