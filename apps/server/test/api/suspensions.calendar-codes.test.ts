/**
 * Issue 11 items 3 and 4 through the API on a real database. Deadlines the calendar does not reach are "needs next
 * year's calendar", open a task for the trust administrator, and are filled in — on the record, the deadlines view
 * and the tasks — in the same transaction as the calendar is extended. Census reason codes are data: the published
 * set (DB, not PD; PH) from the migration, which also maps existing records; the incident's DfE reason, the suspension
 * form and the census return all check the trust's table on the record's date, and a code a trust administrator adds
 * is usable everywhere at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TDeadline, TEffectivePolicy, TExclusion, TIssued, TTask } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { addSchoolDays, nthSchoolDayFrom } from '../../src/core/calendar/calendar.ts';
import { loadSiteCalendar } from '../../src/modules/suspensions/suspensions.calendar.ts';
import { exclusionReasons, exclusions } from '../../src/db/schema/exclusions.ts';
import { tasks } from '../../src/db/schema/workflow.ts';
import { trusts } from '../../src/db/schema/platform.ts';
import { incidents, incidentVersions } from '../../src/db/schema/recording.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { freshPupils, otherHead, suspensionSetup } from './suspensions.fixtures.ts';

type Err = { error: { message: string; fields?: { field: string; message: string }[] } };
const here = path.dirname(fileURLToPath(import.meta.url));
const NEEDS = "needs next year's calendar";

describe.each(dbKinds())('calendar-dependent deadlines and census codes on %s', (kind) => {
  let t: TestContext;
  let x: Awaited<ReturnType<typeof suspensionSetup>>;
  let admin: Session;
  beforeAll(async () => { t = await createTestContext(kind); x = await suspensionSetup(t); admin = await sessionFor(t, demoEmail('trust_admin')); });
  afterAll(async () => { await t.close(); });
  const post = (url: string, who: { headers: Record<string, string> } | null, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url, headers: who?.headers ?? {}, payload });
  const adminTasks = async () => json<{ items: TTask[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/tasks?pageSize=200', headers: admin.headers })).items
    .filter((k) => k.sourceType === 'calendar_needed');
  const deadlinesOf = async (id: string, who = x.head) => json<{ items: TDeadline[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/deadlines', headers: who.headers })).items
    .filter((d) => d.link === `/suspensions/${id}`);

  // Runs first: later the trust enters 2027/28, which every site's calendar then reaches.
  it("a board deadline beyond a site's own calendar: the duty says so, and its words get the date when the site's next term is entered", async () => {
    const head2 = await otherHead(t, x.s.site2);
    const calendar = json<{ academicYears: { id: string; label: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/calendar', headers: admin.headers }));
    const thisYear = calendar.academicYears.find((y) => y.label === '2026/27')!.id;
    // Site 2 keeps its own terms for the year, entered only as far as Christmas.
    for (const [halfTerm, name, startDate, endDate] of [[1, 'Autumn 1', '2026-09-02', '2026-10-23'], [2, 'Autumn 2', '2026-11-02', '2026-12-18']] as const) {
      const res = await post('/api/v1/calendar/terms', admin, { academicYearId: thisYear, siteId: x.s.site2, term: 'autumn', halfTerm, name, startDate, endDate });
      expect(res.statusCode, res.body).toBe(201);
    }
    const pupilId = (await freshPupils(t, x.s.site2, 1))[0]!;
    const res = await post('/api/v1/suspensions', head2, { pupilId, category: 'permanent', startDate: '2026-12-14', reasonCodes: ['PA'], details: 'Assault.' });
    expect(res.statusCode, res.body).toBe(201);
    const id = json<TIssued>(res).id;
    const before = await x.get(id, head2);
    expect(before).toMatchObject({ boardDeadline: null, provisionDueFrom: null });
    expect(before.boardDutyMessage).toContain(`(the date ${NEEDS})`);
    expect(before.pendingDeadlines.map((d) => d.kind)).toEqual(['board_consideration', 'alternative_provision']);
    expect((await adminTasks()).map((k) => k.siteId)).toEqual([x.s.site2]);

    const spring = await post('/api/v1/calendar/terms', admin, { academicYearId: thisYear, siteId: x.s.site2, term: 'spring', halfTerm: 1, name: 'Spring 1', startDate: '2027-01-05', endDate: '2027-02-12' });
    expect(spring.statusCode, spring.body).toBe(201);
    const cal = await loadSiteCalendar(t.database.db, x.s.trustId, x.s.site2);
    const after: TExclusion = await x.get(id, head2);
    const deadline = addSchoolDays(cal, after.decisionDate, 15);
    expect(after).toMatchObject({ boardDeadline: deadline, provisionDueFrom: nthSchoolDayFrom(cal, '2026-12-14', 6) });
    expect(after.boardDutyMessage).toContain(`(by ${deadline.slice(8, 10)}/${deadline.slice(5, 7)}/${deadline.slice(0, 4)})`);
    expect(after.boardDutyMessage).not.toContain(NEEDS);
    expect(after.pendingDeadlines).toEqual([]);
    expect(await adminTasks()).toEqual([]);
  });

  it("next year's calendar (item 3): pending deadlines shown as such, a task for the trust administrator, all filled in when the terms are entered", async () => {
    const [p1, p2] = await freshPupils(t, x.s.site1, 2);
    // A permanent exclusion from 14 July 2027: its sixth school day falls next academic year, which is not entered.
    const px = await post('/api/v1/suspensions', x.head, { pupilId: p1, category: 'permanent', startDate: '2027-07-14', reasonCodes: ['PA'], details: 'Assault.' });
    expect(px.statusCode, px.body).toBe(201);
    const pxIssued = json<TIssued>(px);
    expect(pxIssued.pendingDeadlines.map((d) => d.kind)).toEqual(['alternative_provision']);
    // A suspension ending on the last afternoon of the year: the return date is pending, not refused.
    const preview = await x.previewOk({ pupilId: p2, category: 'suspension', startDate: '2027-07-16', sessions: 4 });
    expect(preview).toMatchObject({ lastDay: '2027-07-19', returnDate: null });
    expect(preview.pendingDeadlines.map((d) => d.kind)).toEqual(['reintegration_meeting']);
    const sus = json<TIssued>(await post('/api/v1/suspensions', x.head, { pupilId: p2, category: 'suspension', startDate: '2027-07-16', sessions: 4, reasonCodes: ['DB'], details: 'Disruption.' })).id;

    const r1 = await x.get(pxIssued.id);
    expect(r1).toMatchObject({ provisionDueFrom: null });
    expect(r1.pendingDeadlines.map((d) => [d.kind, d.due, d.pending])).toEqual([['alternative_provision', null, true]]);
    const r2 = await x.get(sus);
    expect(r2).toMatchObject({ returnDate: null, meetings: [] });
    expect(r2.pendingDeadlines.map((d) => d.kind)).toEqual(['reintegration_meeting']);
    // The deadlines view lists them, undated, as needing next year's calendar.
    expect((await deadlinesOf(pxIssued.id)).find((d) => d.kind === 'alternative_provision')).toMatchObject({ due: null, pending: true, schoolDaysRemaining: null });
    expect((await deadlinesOf(sus)).find((d) => d.kind === 'reintegration_meeting')).toMatchObject({ due: null, pending: true });
    // The head's AP task waits without a date; the trust administrator has one task for the site, naming no pupil.
    const apTask = (await t.database.db.select().from(tasks).where(and(eq(tasks.sourceType, 'exclusion_provision'), eq(tasks.sourceId, pxIssued.id))))[0]!;
    expect(apTask).toMatchObject({ dueOn: null, status: 'open' });
    expect(apTask.detail).toContain(NEEDS);
    const open = await adminTasks();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ siteId: x.s.site1, pupil: null, assignedRole: 'trust_admin', status: 'open' });
    expect(open[0]!.detail).toContain('Statutory deadlines of 2 suspensions or exclusions');
    expect(open[0]!.detail).not.toContain(r1.pupil.displayName);

    // Refused roles cannot extend the calendar (403), bad input is named (400), and nothing is filled.
    const yearBody = { label: '2027/28', startDate: '2027-09-01', endDate: '2028-08-31' };
    expect((await post('/api/v1/calendar/academic-years', null, yearBody)).statusCode).toBe(401);
    expect((await post('/api/v1/calendar/academic-years', x.head, yearBody)).statusCode).toBe(403);
    const year = await post('/api/v1/calendar/academic-years', admin, yearBody);
    expect(year.statusCode, year.body).toBe(201);
    const yearId = json<{ id: string }>(year).id;
    const term = { academicYearId: yearId, siteId: null, term: 'autumn', halfTerm: 1, name: 'Autumn 1', startDate: '2027-09-02', endDate: '2027-10-22' };
    expect((await post('/api/v1/calendar/terms', x.head, term)).statusCode).toBe(403);
    expect(json<Err>(await post('/api/v1/calendar/terms', admin, { ...term, endDate: 'soon' })).error.fields![0]!.field).toBe('endDate');
    expect((await x.get(pxIssued.id)).provisionDueFrom).toBeNull();

    // The trust administrator enters next year's first half-term: everything is filled in at once.
    const added = await post('/api/v1/calendar/terms', admin, term);
    expect(added.statusCode, added.body).toBe(201);
    const cal = await loadSiteCalendar(t.database.db, x.s.trustId, x.s.site1);
    const a1 = await x.get(pxIssued.id);
    expect(a1.provisionDueFrom).toBe(nthSchoolDayFrom(cal, '2027-07-14', 6));
    expect(a1.provisionDueFrom! >= '2027-09-02').toBe(true);
    expect(a1.pendingDeadlines).toEqual([]);
    const a2 = await x.get(sus);
    expect(a2).toMatchObject({ returnDate: '2027-09-02', returnSession: 'am' });
    expect(a2.meetings.map((m) => [m.type, m.date, m.status])).toEqual([['reintegration', '2027-09-02', 'scheduled']]);
    expect((await deadlinesOf(sus)).find((d) => d.kind === 'reintegration_meeting')).toMatchObject({ due: '2027-09-02', pending: false });
    expect((await deadlinesOf(pxIssued.id)).find((d) => d.kind === 'alternative_provision')).toMatchObject({ due: a1.provisionDueFrom, pending: false });
    const apAfter = (await t.database.db.select().from(tasks).where(eq(tasks.id, apTask.id)))[0]!;
    expect(apAfter).toMatchObject({ dueOn: a1.provisionDueFrom, status: 'open' });
    const meetingTask = (await t.database.db.select().from(tasks).where(and(eq(tasks.sourceType, 'meeting'), eq(tasks.sourceId, a2.meetings[0]!.id))))[0]!;
    expect(meetingTask).toMatchObject({ dueOn: '2027-09-02', assignedRole: 'behaviour_lead', status: 'open' });
    expect(await adminTasks()).toEqual([]);
    const closed = (await t.database.db.select().from(tasks).where(eq(tasks.id, open[0]!.id)))[0]!;
    expect(closed.status).toBe('done');
    const audits = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, sus), eq(auditEntries.action, 'exclusion.deadlines_filled')));
    expect(audits).toHaveLength(1);
  });

  describe('census reason codes are data (item 4)', () => {
    it('the published set as in SPEC §6: DB not PD, PH added, labels as listed', async () => {
      const list = json<{ items: { code: string; label: string; validFrom: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/exclusion-reasons?validOn=2026-11-18', headers: x.head.headers })).items;
      const label = new Map(list.map((r) => [r.code, r.label]));
      expect(label.has('PD')).toBe(false);
      expect(label.get('DB')).toBe('Persistent or general disruptive behaviour');
      expect(label.get('DM')).toBe('Damage to property');
      expect(label.get('PH')).toBe('Wilful and repeated transgression of protective measures in place to protect public health');
      expect(list).toHaveLength(16);
      const published = await t.database.db.select().from(exclusionReasons).where(isNull(exclusionReasons.trustId));
      expect(published.map((r) => r.code).sort()).toEqual([...label.keys()].sort());
    });

    it('a code a trust administrator adds is usable at once in the incident, the suspension form and the census return; others are refused on their date', async () => {
      const staff = await sessionFor(t, demoEmail('staff'));
      const incident = (body: Record<string, unknown>) => post('/api/v1/incidents', staff, body);
      const fieldOf = (r: Parameters<typeof json>[0]) => json<Err>(r).error.fields?.map((f) => f.field);
      // The old PD and an unknown code are refused; DB is taken.
      expect(fieldOf(await incident({ occurredAt: '2026-11-20T10:00:00Z', dfeReasonCode: 'PD' }))).toEqual(['dfeReasonCode']);
      expect((await incident({ occurredAt: '2026-11-20T10:00:00Z', dfeReasonCode: 'DB' })).statusCode).toBe(201);
      expect(fieldOf(await incident({ occurredAt: '2026-11-20T10:00:00Z', dfeReasonCode: 'ZQ' }))).toEqual(['dfeReasonCode']);
      const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
      const susp = (codes: string[], startDate = '2026-11-25') => x.issue(x.head, { pupilId, category: 'suspension', startDate, sessions: 1, reasonCodes: codes, details: 'x' });
      expect(fieldOf(await susp(['ZQ']))).toEqual(['reasonCodes']);

      const body = { code: 'ZQ', label: 'A code of a later census (test)', validFrom: '2026-09-01', source: 'Test code set' };
      expect((await post('/api/v1/exclusion-reasons', x.head, body)).statusCode).toBe(403);
      expect((await post('/api/v1/exclusion-reasons', admin, body)).statusCode).toBe(201);
      expect((await post('/api/v1/exclusion-reasons', admin, { code: 'ZR', label: 'From 25 November (test)', validFrom: '2026-11-25', source: 'Test code set' })).statusCode).toBe(201);
      // At once: the incident form's list, the incident, the suspension.
      const policy = json<TEffectivePolicy>(await t.app.inject({ method: 'GET', url: '/api/v1/policy', headers: staff.headers }));
      expect(policy.dfeReasons.find((r) => r.code === 'ZQ')).toMatchObject({ validFrom: '2026-09-01', validTo: null });
      expect(policy.dfeReasons.some((r) => r.code === 'PD')).toBe(false);
      expect((await incident({ occurredAt: '2026-11-20T10:00:00Z', dfeReasonCode: 'ZQ' })).statusCode).toBe(201);
      expect((await susp(['ZQ', 'DB'])).statusCode).toBe(201);
      // A code valid only from 25 November is refused for an incident of the 20th, and taken once the incident is dated 1 December.
      const nov = await incident({ occurredAt: '2026-11-20T10:00:00Z' });
      const inc = json<{ id: string; version: number }>(nov);
      const patch = (b: Record<string, unknown>, version: number) => t.app.inject({ method: 'PATCH', url: `/api/v1/incidents/${inc.id}`, headers: staff.headers, payload: { version, ...b } });
      const refused = await patch({ dfeReasonCode: 'ZR' }, inc.version);
      expect(refused.statusCode).toBe(400);
      expect(json<Err>(refused).error.fields![0]!.message).toContain('20/11/2026');
      expect((await patch({ dfeReasonCode: 'ZR', occurredAt: '2026-12-01T10:00:00Z' }, inc.version)).statusCode).toBe(200);
      expect(fieldOf(await susp(['ZR'], '2026-11-23'))).toEqual(['reasonCodes']);

      // The census return: a record whose code is not valid on its date is refused (409, in words); valid once added.
      const pupil2 = (await freshPupils(t, x.s.site1, 1))[0]!;
      const headId = (await t.database.db.select({ id: exclusions.issuedBy }).from(exclusions).limit(1))[0]!.id;
      await t.database.db.insert(exclusions).values({ id: uuidv7(), trustId: x.s.trustId, siteId: x.s.site1, pupilId: pupil2, category: 'suspension', status: 'issued',
        startDate: '2026-10-06', startSession: 'am', sessions: 2, slots: ['2026-10-06:am', '2026-10-06:pm'], reasonCodes: ['ZY'], details: 'Imported.', issuedBy: headId,
        boardNotifiedOn: '2026-10-06', decisionDate: '2026-10-06', boardDutyKind: 'representations_only' });
      const url = `/api/v1/reports/census-exclusions?siteId=${x.s.site1}&from=2026-09-01&to=2026-12-31`;
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url, headers: staff.headers })).statusCode).toBe(403);
      const blocked = await t.app.inject({ method: 'GET', url, headers: x.head.headers });
      expect(blocked.statusCode).toBe(409);
      expect(json<Err>(blocked).error.message).toContain('ZY on the record starting 06/10/2026');
      expect((await post('/api/v1/exclusion-reasons', admin, { code: 'ZY', label: 'Imported (test)', validFrom: '2026-09-01', source: 'Test' })).statusCode).toBe(201);
      const ok = await t.app.inject({ method: 'GET', url, headers: x.head.headers });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain(',FIXD,2026-10-06,2,ZY,,,');
      expect(ok.body).toContain(',ZQ,DB,');
    });

    it('the migration maps existing records: PD becomes DB (order kept) in records, incidents and their versions; a trust\'s own codes are corrected', async () => {
      const sqlFile = fs.readdirSync(path.join(here, '../../src/db/migrations')).find((f) => f.endsWith('law_corrections.sql'))!;
      const text = fs.readFileSync(path.join(here, '../../src/db/migrations', sqlFile), 'utf8');
      const handWritten = text.slice(text.indexOf('-- hand-written:')).split('--> statement-breakpoint').map((s) => s.trim()).filter((s) => /\b(INSERT|UPDATE)\b/.test(s));
      expect(handWritten.length).toBeGreaterThan(5);
      // As a database held them before: a trust with the old set, a record and an incident carrying PD.
      const legacyTrust = uuidv7();
      await t.database.db.insert(trusts).values({ id: legacyTrust, name: 'Legacy trust' });
      const old = 'DfE school census: suspension and permanent exclusion reason codes (2020 set)';
      await t.database.db.insert(exclusionReasons).values([['PD', 'Persistent disruptive behaviour'], ['DM', 'Damage'], ['VA', 'Verbal abuse or threatening behaviour against an adult']]
        .map(([code, label]) => ({ id: uuidv7(), trustId: legacyTrust, code: code!, label: label!, validFrom: '2020-09-01', source: old })));
      const rec = (await t.database.db.select().from(exclusions).limit(1))[0]!;
      await t.database.db.update(exclusions).set({ reasonCodes: ['VA', 'PD'] }).where(eq(exclusions.id, rec.id));
      const inc = (await t.database.db.select({ id: incidents.id }).from(incidents).limit(1))[0]!;
      await t.database.db.update(incidents).set({ dfeReasonCode: 'PD' }).where(eq(incidents.id, inc.id));
      const version = (await t.database.db.select().from(incidentVersions).where(eq(incidentVersions.incidentId, inc.id)).limit(1))[0]!;
      await t.database.db.update(incidentVersions).set({ snapshot: { ...(version.snapshot as Record<string, unknown>), dfeReasonCode: 'PD' } }).where(eq(incidentVersions.id, version.id));
      const publishedBefore = (await t.database.db.select().from(exclusionReasons).where(isNull(exclusionReasons.trustId))).length;

      // Run twice: the second run changes nothing (the published set is not loaded again, nothing is mapped twice).
      for (let run = 0; run < 2; run += 1) for (const statement of handWritten) await t.database.query(statement);

      const codes = await t.database.db.select().from(exclusionReasons).where(eq(exclusionReasons.trustId, legacyTrust));
      const byCode = new Map(codes.map((c) => [c.code, c.label]));
      expect(byCode.has('PD')).toBe(false);
      expect(byCode.get('DB')).toBe('Persistent or general disruptive behaviour');
      expect(byCode.get('DM')).toBe('Damage to property');
      expect(byCode.has('PH')).toBe(true);
      expect(codes).toHaveLength(16);
      expect((await t.database.db.select().from(exclusions).where(eq(exclusions.id, rec.id)))[0]!.reasonCodes).toEqual(['VA', 'DB']);
      expect((await t.database.db.select().from(incidents).where(eq(incidents.id, inc.id)))[0]!.dfeReasonCode).toBe('DB');
      expect(((await t.database.db.select().from(incidentVersions).where(eq(incidentVersions.id, version.id)))[0]!.snapshot as { dfeReasonCode: string }).dfeReasonCode).toBe('DB');
      expect((await t.database.db.select().from(exclusionReasons).where(isNull(exclusionReasons.trustId))).length).toBe(publishedBefore);
    });
  });
});
