/**
 * Staff training (STF-1) on both databases: the catalogue, a session run end to end (capacity, register, competence,
 * certificates for the techniques passed, the matrix), import (preview with errors by column, then commit), exports,
 * line management, reminders sent once per threshold, and the refusals: anonymous, a member of staff, a head (reads
 * only), and a line manager of another site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { ZMatrix, type TCourse, type TMatrix, type TSession } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, sitesOf, type Session, type TestContext } from '../harness.ts';
import { londonToday } from '../../src/core/time.ts';
import { addDays } from '../../src/core/calendar/dates.ts';
import { staffMembers } from '../../src/db/schema/pupils.ts';
import { roleAssignments, users } from '../../src/db/schema/users.ts';
import { trainingCertificates } from '../../src/db/schema/training.ts';
import { lineManagerOf, validCertificatesOn, coverageOf } from '../../src/modules/training/training.repo.ts';
import { sendTrainingReminders } from '../../src/modules/training/training.reminders.ts';
import { inTransaction } from '../../src/core/db/tx.ts';
import { SYSTEM_AUDIT } from '../../src/core/audit/audit.ts';
import { AfterCommit } from '../../src/core/notify/notify.ts';

interface ErrorBody { error: { code: string; fields?: { field: string }[] } }
const fields = (b: unknown) => ((b as ErrorBody).error.fields ?? []).map((f) => f.field);

describe.each(dbKinds())('training on %s', (kind) => {
  let t: TestContext;
  let s: Record<'cluster' | 'lead' | 'staff' | 'head' | 'admin' | 'other', Session>;
  let site1: string;
  let site2: string;
  let courses: TCourse[];
  let trainees: { id: string; siteId: string }[];
  const today = londonToday();
  const req = async (method: 'GET' | 'POST' | 'PUT', url: string, who?: Session, payload?: unknown) =>
    t.app.inject({ method, url, ...(who ? { headers: who.headers } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    t = await createTestContext(kind);
    const db = t.database.db;
    const [cluster, lead, staff, head, admin] = await Promise.all(['cluster_lead', 'behaviour_lead', 'staff', 'head', 'trust_admin'].map((r) => sessionFor(t, demoEmail(r))));
    site1 = (await sitesOf(t, demoEmail('staff')))[0]!;
    site2 = (await sitesOf(t, demoEmail('cluster_lead'))).find((x) => x !== site1)!;
    // a behaviour lead of site 2 only, who line-manages someone there
    const trustId = (await db.select().from(users).where(eq(users.id, lead!.userId)))[0]!.trustId;
    const otherUser = uuidv7();
    await db.insert(users).values({ id: otherUser, trustId, email: 'training-other@demo.haven.test', displayName: 'Olu Other' });
    await db.insert(roleAssignments).values({ id: uuidv7(), trustId, userId: otherUser, role: 'behaviour_lead', siteId: site2 });
    await db.insert(staffMembers).values({ id: uuidv7(), trustId, siteId: site2, userId: otherUser, forename: 'Olu', surname: 'Other', jobTitle: 'Behaviour lead' });
    const other = await sessionFor(t, 'training-other@demo.haven.test');
    s = { cluster: cluster!, lead: lead!, staff: staff!, head: head!, admin: admin!, other };
    courses = json<{ items: TCourse[] }>(await req('GET', '/api/v1/training/courses', s.cluster)).items;
    trainees = (await db.select({ id: staffMembers.id, siteId: staffMembers.siteId }).from(staffMembers)
      .where(and(eq(staffMembers.siteId, site1), eq(staffMembers.active, true))).limit(40)).filter((x) => x.id);
  });
  afterAll(async () => { await t?.close(); });
  const course = (code: string) => courses.find((c) => c.code === code)!;
  const clusterStaffId = async () => (await t.database.db.select().from(staffMembers).where(eq(staffMembers.userId, s.cluster.userId)))[0]!.id;

  it('has the real-world catalogue and refuses the anonymous and those who may not keep it', async () => {
    expect(course('TT-L1')).toMatchObject({ validityMonths: 24, physicalSkills: true });
    expect(course('TT-L2').validityMonths).toBe(12);
    expect(course('TT-TRAINER')).toMatchObject({ validityMonths: 12, graceMonths: 4, tutorCourse: true });
    expect(course('PRICE-REF').fullCourseEveryYears).toBe(4);
    expect((await req('GET', '/api/v1/training/courses')).statusCode).toBe(401);
    const body = { code: 'ZZ-1', name: 'Test course', provider: 'PRICE', validityMonths: 12, techniqueCodes: ['CARING_C_GUIDE'] };
    expect((await req('POST', '/api/v1/training/courses', s.lead, body)).statusCode).toBe(403);
    const bad = await req('POST', '/api/v1/training/courses', s.cluster, { ...body, validityMonths: 0 });
    expect(bad.statusCode).toBe(400);
    expect(fields(json(bad))).toContain('validityMonths');
    const unknown = await req('POST', '/api/v1/training/courses', s.cluster, { ...body, techniqueCodes: ['NOT_A_HOLD'] });
    expect(unknown.statusCode).toBe(400);
    expect(fields(json(unknown))).toContain('techniqueCodes');
    const ok = await req('POST', '/api/v1/training/courses', s.cluster, body);
    expect(ok.statusCode, ok.body).toBe(201);
    const stale = await req('PUT', `/api/v1/training/courses/${json<TCourse>(ok).id}`, s.cluster, { ...body, version: 7 });
    expect(stale.statusCode).toBe(409);
  });

  it('runs a session: capacity, register, competence, certificates for techniques passed, and the matrix shows them', async () => {
    const gsa = course('GSA-DEESC');
    const tutorStaffId = await clusterStaffId();
    const base = { courseId: gsa.id, siteId: site1, tutorStaffId, venue: 'Hall', startsOn: addDays(today, -1), endsOn: addDays(today, -1), capacity: 16 };
    const tooMany = await req('POST', '/api/v1/training/sessions', s.cluster, base);
    expect(tooMany.statusCode).toBe(400);
    expect(fields(json(tooMany))).toEqual(['capacity']);
    expect((await req('POST', '/api/v1/training/sessions', s.head, { ...base, capacity: 3 })).statusCode).toBe(403);
    const made = await req('POST', '/api/v1/training/sessions', s.cluster, { ...base, capacity: 3 });
    expect(made.statusCode, made.body).toBe(201);
    const session = json<TSession>(made);
    expect(session.tutorStatus).toBe('valid');
    const [a, b, c, d] = trainees.filter((x) => x.id !== tutorStaffId);
    const full = await req('POST', `/api/v1/training/sessions/${session.id}/bookings`, s.cluster, { staffIds: [a!.id, b!.id, c!.id, d!.id] });
    expect(full.statusCode).toBe(400);
    expect(fields(json(full))).toEqual(['staffIds']);
    const booked = json<TSession>(await req('POST', `/api/v1/training/sessions/${session.id}/bookings`, s.cluster, { staffIds: [a!.id, b!.id, c!.id] }));
    const entry = (staffId: string) => booked.attendees!.find((x) => x.staffId === staffId)!;
    const [t1, t2, t3, t4] = gsa.techniqueCodes;
    const badRegister = await req('PUT', `/api/v1/training/sessions/${session.id}/register`, s.cluster, {
      entries: [{ attendeeId: entry(c!.id).id, version: entry(c!.id).version, attendance: 'absent', competence: { [t1!]: 'passed' } }] });
    expect(badRegister.statusCode).toBe(400);
    expect(fields(json(badRegister))).toEqual(['entries.0.competence']);
    const reg = await req('PUT', `/api/v1/training/sessions/${session.id}/register`, s.cluster, { entries: [
      { attendeeId: entry(a!.id).id, version: entry(a!.id).version, attendance: 'attended', competence: { [t1!]: 'passed', [t2!]: 'passed', [t3!]: 'passed', [t4!]: 'passed' } },
      { attendeeId: entry(b!.id).id, version: entry(b!.id).version, attendance: 'attended', competence: { [t1!]: 'passed', [t2!]: 'not_yet' } },
      { attendeeId: entry(c!.id).id, version: entry(c!.id).version, attendance: 'absent', competence: {} },
    ] });
    expect(reg.statusCode, reg.body).toBe(200);
    const issued = await req('POST', `/api/v1/training/sessions/${session.id}/issue`, s.cluster);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(json<{ issued: number }>(issued).issued).toBe(2);
    expect((await req('POST', `/api/v1/training/sessions/${session.id}/issue`, s.cluster)).statusCode).toBe(409);

    const held = await validCertificatesOn(t.database.db, [a!.id, b!.id, c!.id], today);
    expect(coverageOf(held.get(b!.id), t1!, today)).toBe('valid');
    const bCert = (await t.database.db.select().from(trainingCertificates).where(and(eq(trainingCertificates.staffId, b!.id), eq(trainingCertificates.sessionId, session.id))))[0]!;
    expect(bCert.techniqueCodes).toEqual([t1]);
    expect(bCert.issuedOn).toBe(addDays(today, -1));

    const m = json<TMatrix>(await req('GET', `/api/v1/training/matrix?siteId=${site1}&courseId=${gsa.id}`, s.head));
    expect(m.rows.find((r) => r.staffId === a!.id)!.cells[0]!.status).toBe('valid');
    // the matrix is written as built (no schema pass over its 20,000 cells): exactly the contract's fields, nothing more
    const whole = json<TMatrix>(await req('GET', `/api/v1/training/matrix?siteId=${site1}`, s.head));
    expect(whole.rows.length).toBeGreaterThan(0);
    expect(ZMatrix.parse(whole)).toEqual(whole); // parsing strips unknown keys, at any depth
    const csv = await req('GET', `/api/v1/training/matrix?siteId=${site1}&format=csv`, s.cluster);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Member of staff');
    const xlsx = await req('GET', `/api/v1/training/matrix?siteId=${site1}&format=xlsx&status=expired`, s.cluster);
    expect(xlsx.statusCode).toBe(200);
  });

  it('lets a member of staff see only their own training, a head read but not manage, and refuses another site', async () => {
    expect((await req('GET', '/api/v1/training/matrix', s.staff)).statusCode).toBe(403);
    const me = await req('GET', '/api/v1/training/me', s.staff);
    expect(me.statusCode, me.body).toBe(200);
    expect((await req('GET', `/api/v1/training/matrix?siteId=${site1}`, s.head)).statusCode).toBe(200);
    expect((await req('GET', `/api/v1/training/matrix?siteId=${site1}`, s.other)).statusCode).toBe(403);
    expect((await req('GET', `/api/v1/training/matrix?siteId=${uuidv7()}`, s.cluster)).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/training/certificates?staffId=${trainees[0]!.id}`, s.other)).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/training/certificates?staffId=${trainees[0]!.id}`, s.staff)).statusCode).toBe(404);
    const record = await req('POST', '/api/v1/training/certificates', s.other, { staffId: trainees[0]!.id, courseId: course('TT-L1').id, issuedOn: today });
    expect(record.statusCode).toBe(404);
    const future = await req('POST', '/api/v1/training/certificates', s.cluster, { staffId: trainees[0]!.id, courseId: course('TT-L1').id, issuedOn: addDays(today, 3) });
    expect(future.statusCode).toBe(400);
    expect(fields(json(future))).toEqual(['issuedOn']);
  });

  it('imports certificates: a preview naming the column of each bad row, then all or nothing', async () => {
    const code = `TR${kind.slice(0, 2)}`;
    await t.database.db.update(staffMembers).set({ staffCode: code }).where(eq(staffMembers.id, trainees[5]!.id));
    const bad = `Staff code,Course code,Issued on\n${code},TT-L1,29/02/2024\nNOBODY,TT-L1,01/01/2025\n${code},NOPE,31/02/2025\n`;
    const headers = { ...s.cluster.headers, 'content-type': 'text/csv' };
    const preview = await t.app.inject({ method: 'POST', url: '/api/v1/training/certificates/import', headers, payload: bad });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = json<{ problems: { row: number; column: string }[]; fileHash: string; valid: number }>(preview);
    expect(p.problems.map((x) => `${x.row}:${x.column}`)).toEqual(['3:Staff code', '4:Course code', '4:Issued on']);
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/training/certificates/import?fileHash=${p.fileHash}`, headers, payload: bad });
    expect(refused.statusCode).toBe(409);
    const good = `Staff code,Course code,Issued on,Certificate number\n${code},TT-L1,29/02/2024,TT-99\n`;
    const p2 = json<{ fileHash: string; sample: { expiresOn: string }[] }>(await t.app.inject({ method: 'POST', url: '/api/v1/training/certificates/import', headers, payload: good }));
    expect(p2.sample[0]!.expiresOn).toBe('2026-02-28');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/training/certificates/import?fileHash=${'0'.repeat(64)}`, headers, payload: good })).statusCode).toBe(400);
    const done = await t.app.inject({ method: 'POST', url: `/api/v1/training/certificates/import?fileHash=${p2.fileHash}`, headers, payload: good });
    expect(done.statusCode, done.body).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/training/certificates/import', headers: { ...s.staff.headers, 'content-type': 'text/csv' }, payload: good })).statusCode).toBe(403);
  });

  it('records line management across sites, one manager at a time', async () => {
    const managerId = await clusterStaffId();
    const staffOf2 = (await t.database.db.select().from(staffMembers).where(eq(staffMembers.siteId, site2)).limit(3))[0]!;
    const body = { staffId: staffOf2.id, managerStaffId: managerId, startsOn: addDays(today, -10) };
    expect((await req('POST', '/api/v1/training/line-management', s.lead, body)).statusCode).toBe(404);
    const made = await req('POST', '/api/v1/training/line-management', s.cluster, body);
    expect(made.statusCode, made.body).toBe(201);
    expect((await lineManagerOf(t.database.db, staffOf2.id, today))?.managerStaffId).toBe(managerId);
    expect((await lineManagerOf(t.database.db, staffOf2.id, addDays(today, -11)))).toBeNull();
    expect((await req('POST', '/api/v1/training/line-management', s.cluster, body)).statusCode).toBe(409);
    const self = await req('POST', '/api/v1/training/line-management', s.cluster, { ...body, managerStaffId: staffOf2.id });
    expect(fields(json(self))).toEqual(['managerStaffId']);
    const listed = json<{ items: { id: string }[] }>(await req('GET', `/api/v1/training/line-management?siteId=${site1}`, s.cluster));
    expect(listed.items.some((l) => l.id === json<{ id: string }>(made).id)).toBe(true);
  });

  it('sends each expiry reminder once per threshold, to the member of staff, their line manager and the lead', async () => {
    const who = trainees[7]!;
    const c = course('SAFEGUARD');
    await t.database.db.insert(trainingCertificates).values({ id: uuidv7(), trustId: c.id ? (await t.database.db.select().from(staffMembers).where(eq(staffMembers.id, who.id)))[0]!.trustId : '',
      staffId: who.id, courseId: c.id, issuedOn: addDays(today, -300), expiresOn: addDays(today, 25), graceUntil: addDays(today, 25), source: 'manual', techniqueCodes: [] });
    const run = () => inTransaction(t.database, SYSTEM_AUDIT, (tx, audit) => sendTrainingReminders(tx, audit, new AfterCommit(), today));
    const first = await run();
    expect(first.length).toBeGreaterThan(0);
    const again = await run();
    expect(again.length).toBe(0);
  });
});
