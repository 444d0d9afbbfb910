/**
 * Casework (SUP-4, SUP-5, ANA-7) on both databases: meetings with attendees and agreed actions that become tasks
 * (done when the task is done), the minutes PDF; the agencies directory; referrals going overdue and alerting once;
 * professional reports with an audited file; the agency report; shares of named reports read by an agency
 * professional only while open. Refusals: other sites, governors, staff, bad input (400 naming the field), stale versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { agencyShares, pupils } from '../../src/db/schema/pupils.ts';
import { referrals } from '../../src/db/schema/casework.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { notifications, tasks } from '../../src/db/schema/workflow.ts';
import '../../src/jobs.ts';
import { enqueue } from '../../src/core/jobs/queue.ts';
import { runDue } from '../../src/core/jobs/runner.ts';
import { addDays } from '../../src/core/calendar/dates.ts';
import { londonToday } from '../../src/core/time.ts';
import { demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { freshPupils, otherHead, pdfText } from './suspensions.fixtures.ts';

type Inject = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface Meeting { id: string; version: number; status: string; attendees: { kind: string; name: string }[]; agreedActions: { id: string; taskId: string; done: boolean; owner: { name: string } }[]; allowed: string[] }

describe.each(dbKinds())('casework on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let lead: Session; let staff: Session; let governor: Session; let dsl: Session;
  let pupilId: string;
  const today = londonToday();
  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [lead, staff, governor, dsl] = await Promise.all([sessionFor(t, demoEmail('behaviour_lead')), sessionFor(t, demoEmail('staff')), sessionFor(t, demoEmail('governor')), sessionFor(t, demoEmail('dsl'))]);
    pupilId = (await freshPupils(t, s.site1, 1))[0]!;
  });
  afterAll(async () => { await t?.close(); });
  const inject = (method: Inject, url: string, who: Session | null, payload?: object) =>
    t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
  const fieldOf = (res: { body: string }) => (JSON.parse(res.body) as { error: { fields?: { field: string }[] } }).error.fields?.map((f) => f.field) ?? [];

  it('a multi-agency meeting: attendees from staff, contacts and agencies; actions become tasks, done when the task is done; minutes PDF', async () => {
    const options = json<{ staff: { id: string; name: string }[]; agencyContacts: { id: string }[]; pupil: { id: string } }>(await inject('GET', `/api/v1/meetings/attendee-options?pupilId=${pupilId}`, lead));
    expect(options.staff.length).toBeGreaterThan(0);
    expect(options.agencyContacts.length).toBeGreaterThan(0);
    const body = { pupilId, type: 'multi_agency', date: today, startTime: '14:30', place: 'Meeting room 2',
      attendees: [{ kind: 'staff', refId: lead.userId }, { kind: 'agency_contact', refId: options.agencyContacts[0]!.id }, { kind: 'pupil', refId: pupilId }, { kind: 'other', name: 'Aunt (carer)' }] };
    expect((await inject('POST', '/api/v1/meetings', null, body)).statusCode).toBe(401);
    expect((await inject('POST', '/api/v1/meetings', staff, body)).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/meetings', governor, body)).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/meetings', await otherHead(t, s.site2), body)).statusCode).toBe(404);
    const bad = await inject('POST', '/api/v1/meetings', lead, { ...body, startTime: '25:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('startTime');
    const notMine = await inject('POST', '/api/v1/meetings', lead, { ...body, attendees: [{ kind: 'pupil', refId: (await freshPupils(t, s.site1, 2))[1] }] });
    expect(notMine.statusCode).toBe(400);
    expect(fieldOf(notMine)).toEqual(['attendees.0.refId']);
    expect(fieldOf(await inject('POST', '/api/v1/meetings', lead, { ...body, type: 'reintegration' }))).toEqual(['type']);

    const created = await inject('POST', '/api/v1/meetings', lead, body);
    expect(created.statusCode).toBe(201);
    const m = json<Meeting>(created);
    expect(m.attendees.map((a) => a.kind)).toEqual(['staff', 'agency_contact', 'pupil', 'other']);

    // an agreed action for a member of staff becomes a task assigned to them
    const owner = options.staff.find((x) => x.id === lead.userId)!;
    expect(fieldOf(await inject('POST', `/api/v1/meetings/${m.id}/actions`, lead, { action: 'Weekly check-in', ownerUserId: staff.userId === owner.id ? lead.userId : '0190a6c4-0000-7000-8000-000000000000', dueOn: addDays(today, 7) }))).toEqual(['ownerUserId']);
    expect(fieldOf(await inject('POST', `/api/v1/meetings/${m.id}/actions`, lead, { action: 'Weekly check-in', ownerUserId: owner.id, dueOn: addDays(today, -1) }))).toEqual(['dueOn']);
    const withAction = json<Meeting>(await inject('POST', `/api/v1/meetings/${m.id}/actions`, lead, { action: 'Weekly check-in with key adult', ownerUserId: owner.id, dueOn: addDays(today, 7) }));
    const action = withAction.agreedActions[0]!;
    expect(action).toMatchObject({ done: false, owner: { name: owner.name } });
    const task = (await t.database.db.select().from(tasks).where(eq(tasks.id, action.taskId)))[0]!;
    expect(task).toMatchObject({ assignedUserId: lead.userId, dueOn: addDays(today, 7), status: 'open', sourceType: 'meeting_action', pupilId });
    expect((await inject('POST', `/api/v1/tasks/${task.id}/complete`, lead)).statusCode).toBe(200);
    expect(json<Meeting>(await inject('GET', `/api/v1/meetings/${m.id}`, lead)).agreedActions[0]!.done).toBe(true);

    // recorded as held, with notes; a stale version is refused
    const held = await inject('PATCH', `/api/v1/meetings/${m.id}`, lead, { version: withAction.version, status: 'held', notes: 'Agreed a plan.' });
    expect(held.statusCode).toBe(200);
    expect((await inject('PATCH', `/api/v1/meetings/${m.id}`, lead, { version: withAction.version, notes: 'Older edit' })).statusCode).toBe(409);
    expect((await inject('PATCH', `/api/v1/meetings/${m.id}`, lead, { status: 'finished' })).statusCode).toBe(400);

    const pdf = await inject('GET', `/api/v1/meetings/${m.id}/minutes.pdf`, lead);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Multi-agency meeting');
    expect(text).toContain('Weekly check-in with key adult');
    expect((await inject('GET', `/api/v1/meetings/${m.id}/minutes.pdf`, governor)).statusCode).toBe(403);
    const audits = await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, m.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['meeting.create', 'meeting.action.add', 'meeting.update', 'meeting.minutes.read']));
  });

  it('the agencies directory: seeded, kept by a lead or trust admin, refused to staff and governors, stale versions refused', async () => {
    const list = json<{ items: { id: string; kind: string; version: number }[] }>(await inject('GET', '/api/v1/agencies', lead));
    expect(new Set(list.items.map((a) => a.kind))).toEqual(new Set(['camhs', 'social_care', 'educational_psychology', 'behaviour_support', 'youth_justice', 'early_help']));
    expect((await inject('GET', '/api/v1/agencies', governor)).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/agencies', staff, { kind: 'camhs', name: 'X' })).statusCode).toBe(403);
    expect(fieldOf(await inject('POST', '/api/v1/agencies', lead, { kind: 'camhs', name: 'X', email: 'not an email' }))).toEqual(['email']);
    const created = json<{ id: string; version: number }>(await inject('POST', '/api/v1/agencies', lead, { kind: 'other', name: 'Young carers project' }));
    const withContact = await inject('POST', `/api/v1/agencies/${created.id}/contacts`, lead, { name: 'Jo Bell', role: 'Project worker', email: 'jo.bell@example.org' });
    expect(withContact.statusCode).toBe(201);
    expect(json<{ contacts: { name: string }[] }>(withContact).contacts.map((c) => c.name)).toEqual(['Jo Bell']);
    expect((await inject('PATCH', `/api/v1/agencies/${created.id}`, lead, { version: created.version, active: false })).statusCode).toBe(200);
    expect((await inject('PATCH', `/api/v1/agencies/${created.id}`, lead, { version: created.version, name: 'Y' })).statusCode).toBe(409);
  });

  it('referrals: statuses, overdue, one alert (task and notification) however often the job runs; other sites refused', async () => {
    const agencies = json<{ items: { id: string; kind: string; contacts: { id: string }[] }[] }>(await inject('GET', '/api/v1/agencies', lead)).items;
    const ep = agencies.find((a) => a.kind === 'educational_psychology')!;
    const body = { pupilId, agencyId: ep.id, reason: 'Assessment before the annual review.', status: 'sent', expectedResponseOn: addDays(today, 14) };
    expect((await inject('POST', '/api/v1/referrals', governor, body)).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/referrals', await otherHead(t, s.site2), body)).statusCode).toBe(404);
    expect(fieldOf(await inject('POST', '/api/v1/referrals', lead, { ...body, expectedResponseOn: undefined }))).toEqual(['expectedResponseOn']);
    expect(fieldOf(await inject('POST', '/api/v1/referrals', lead, { ...body, reason: '' }))).toEqual(['reason']);
    expect(fieldOf(await inject('POST', '/api/v1/referrals', lead, { ...body, madeOn: addDays(today, 2) }))).toEqual(['madeOn']);
    const r = json<{ id: string; status: string; madeOn: string; overdue: boolean; version: number }>(await inject('POST', '/api/v1/referrals', lead, body));
    expect(r).toMatchObject({ status: 'sent', madeOn: today, overdue: false });
    expect(fieldOf(await inject('PATCH', `/api/v1/referrals/${r.id}`, lead, { version: r.version, status: 'draft' }))).toEqual(['status']);

    // the expected response passes with no response: overdue
    await t.database.db.update(referrals).set({ madeOn: addDays(today, -30), expectedResponseOn: addDays(today, -2) }).where(eq(referrals.id, r.id));
    const overdue = json<{ items: { id: string; overdue: boolean }[] }>(await inject('GET', `/api/v1/referrals?overdue=true&pupilId=${pupilId}`, lead)).items;
    expect(overdue.map((x) => [x.id, x.overdue])).toEqual([[r.id, true]]);
    const now = new Date();
    for (let i = 0; i < 2; i++) {
      await enqueue(t.database.db, { kind: 'reminder:referrals-overdue', runAt: now });
      await runDue(t.app.deps, { now });
    }
    const chase = await t.database.db.select().from(tasks).where(and(eq(tasks.sourceType, 'referral_overdue'), eq(tasks.sourceId, r.id)));
    expect(chase).toHaveLength(1);
    expect(chase[0]).toMatchObject({ assignedUserId: lead.userId, pupilId });
    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.kind, 'reminder.referral_overdue'), eq(notifications.link, `/referrals/${r.id}`)));
    expect(told.filter((n) => n.userId === lead.userId)).toHaveLength(1);
    const name = (await t.database.db.select().from(pupils).where(eq(pupils.id, pupilId)))[0]!;
    expect(told.every((n) => !n.title.includes(name.legalSurname) && !(n.body ?? '').includes(name.legalSurname))).toBe(true);

    // the response arrives: no longer overdue
    const version = json<{ version: number }>(await inject('GET', `/api/v1/referrals/${r.id}`, lead)).version;
    const answered = json<{ status: string; respondedOn: string; overdue: boolean }>(await inject('PATCH', `/api/v1/referrals/${r.id}`, lead, { version, status: 'accepted' }));
    expect(answered).toMatchObject({ status: 'accepted', respondedOn: today, overdue: false });
    expect((await inject('PATCH', `/api/v1/referrals/${r.id}`, lead, { version, status: 'closed' })).statusCode).toBe(409);
    // a site the lead does not work at is refused; their own lists never hold another site's referrals
    expect((await inject('GET', `/api/v1/referrals?siteId=${s.site2}`, lead)).statusCode).toBe(403);
    const mine = json<{ items: { siteId: string }[] }>(await inject('GET', '/api/v1/referrals', lead)).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.siteId === s.site1)).toBe(true);
  });

  it('professional reports: a file through the attachment store, every read audited; shared with an agency professional only while the share is open', async () => {
    const body = { pupilId, direction: 'received', title: 'Educational psychology assessment', reportDate: today, author: 'Dr Helen Marsh' };
    expect(fieldOf(await inject('POST', '/api/v1/professional-reports', lead, { ...body, reportDate: addDays(today, 3) }))).toEqual(['reportDate']);
    expect((await inject('POST', '/api/v1/professional-reports', staff, body)).statusCode).toBe(403);
    const rep = json<{ id: string }>(await inject('POST', '/api/v1/professional-reports', lead, body));
    const file = Buffer.from('%PDF-1.4\n% a report\n');
    const up = await t.app.inject({ method: 'POST', url: `/api/v1/professional-reports/${rep.id}/file`, headers: { ...lead.headers, 'content-type': 'application/pdf', 'x-filename': 'ep-report.pdf' }, payload: file });
    expect(up.statusCode).toBe(201);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/professional-reports/${rep.id}/file`, headers: { ...lead.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('not a pdf') });
    expect(wrong.statusCode).toBe(400);
    const got = await inject('GET', `/api/v1/professional-reports/${rep.id}/file`, lead);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(file)).toBe(true);
    expect((await inject('GET', `/api/v1/professional-reports/${rep.id}/file`, await otherHead(t, s.site2))).statusCode).toBe(404);
    expect((await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'professional_report.read'), eq(auditEntries.entityId, rep.id)))).length).toBe(1);

    // the agency report names this pupil only
    const report = await inject('GET', `/api/v1/pupils/${pupilId}/agency-report.pdf?from=${addDays(today, -300)}&to=${today}`, lead);
    expect(report.statusCode).toBe(200);
    const text = await pdfText(report.rawPayload);
    expect(text).toContain('Agency report');
    expect(text).toContain('Referrals to agencies');
    const others = await t.database.db.select().from(pupils).where(eq(pupils.siteId, s.site1));
    const me = others.find((p) => p.id === pupilId)!;
    expect(others.filter((p) => p.id !== pupilId && p.legalSurname !== me.legalSurname && p.legalSurname.length > 3).some((p) => text.includes(`${p.legalForename} ${p.legalSurname}`))).toBe(false);
    expect((await inject('GET', `/api/v1/pupils/${pupilId}/agency-report.pdf?from=${today}&to=${addDays(today, -1)}`, lead)).statusCode).toBe(400);
    expect((await inject('GET', `/api/v1/pupils/${pupilId}/agency-report.pdf?from=${today}&to=${today}`, governor)).statusCode).toBe(403);

    // a lead (not only the DSL) shares the pupil summary and the report with the demo educational psychologist
    const agency = await sessionFor(t, demoEmail('agency'));
    const agencyEmail = demoEmail('agency');
    const share = await inject('POST', '/api/v1/agency/shares', lead, { pupilId, email: agencyEmail, displayName: 'Educational psychologist', expiresOn: addDays(today, 30),
      records: [{ type: 'pupil_summary', id: pupilId }, { type: 'professional_report', id: rep.id }] });
    expect(share.statusCode).toBe(201);
    const shareId = json<{ id: string; records: { type: string; label: string }[] }>(share).id;
    expect(fieldOf(await inject('POST', '/api/v1/agency/shares', lead, { pupilId, email: agencyEmail, displayName: 'EP', expiresOn: addDays(today, 30), records: [{ type: 'pupil_summary', id: rep.id }] }))).toEqual(['records.0.id']);
    expect((await inject('POST', '/api/v1/agency/shares', staff, { pupilId, email: agencyEmail, displayName: 'EP', expiresOn: addDays(today, 30), records: [{ type: 'pupil_summary', id: pupilId }] })).statusCode).toBe(403);
    const mine = json<{ items: { id: string; records: { type: string }[] }[] }>(await inject('GET', '/api/v1/agency/my-shares', agency)).items.find((x) => x.id === shareId)!;
    expect(mine.records.map((r) => r.type).sort()).toEqual(['professional_report', 'pupil_summary']);
    const summary = await inject('GET', `/api/v1/agency/my-shares/${shareId}/documents/pupil_summary/${pupilId}`, agency);
    expect(summary.statusCode).toBe(200);
    expect(await pdfText(summary.rawPayload)).toContain('Pupil summary');
    expect((await inject('GET', `/api/v1/agency/my-shares/${shareId}/documents/professional_report/${rep.id}`, agency)).rawPayload.equals(file)).toBe(true);
    // not shared: the agency report, another pupil's summary, the school's own routes
    expect((await inject('GET', `/api/v1/agency/my-shares/${shareId}/documents/agency_report/${pupilId}`, agency)).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/agency/my-shares/${shareId}/documents/pupil_summary/${others.find((p) => p.id !== pupilId)!.id}`, agency)).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/professional-reports/${rep.id}/file`, agency)).statusCode).toBe(403);
    expect((await inject('GET', `/api/v1/pupils/${pupilId}/summary.pdf?from=${today}&to=${today}`, agency)).statusCode).toBe(403);
    const reads = await t.database.db.select().from(auditEntries).where(eq(auditEntries.actorUserId, agency.userId));
    expect(reads.map((a) => a.action)).toEqual(expect.arrayContaining(['agency.record.read', 'professional_report.read']));

    // after its last day, nothing
    await t.database.db.update(agencyShares).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(agencyShares.id, shareId));
    expect((await inject('GET', `/api/v1/agency/my-shares/${shareId}/documents/pupil_summary/${pupilId}`, agency)).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/agency/my-shares/${shareId}/documents/professional_report/${rep.id}`, agency)).statusCode).toBe(404);
    expect(dsl).toBeTruthy();
  });

  it("a suspension's reintegration meeting is a meeting: listed with the others, attendees kept", async () => {
    const list = json<{ items: { type: string; attendees: { kind: string }[] }[] }>(await inject('GET', '/api/v1/meetings?type=reintegration', lead)).items;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((m) => m.attendees.every((a) => typeof a.kind === 'string'))).toBe(true);
    expect((await inject('GET', '/api/v1/meetings', governor)).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/meetings?pupilId=x', lead)).statusCode).toBe(400);
  });
});
