/**
 * Off-site visits (TRP-1 … TRP-4): proposal validation, the trained-adult flag against certificates, the ratio,
 * consent by staff and by a parent (own child only), approval paths per category including the standing approval,
 * the departure gate, the day sheet, incidents, refused roles and sites, and the audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { addIncident, demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { behaviourSupportPlans } from '../../src/db/schema/plans.ts';
import { staffMembers } from '../../src/db/schema/pupils.ts';
import { trainingCertificates, trainingCourses } from '../../src/db/schema/training.ts';
import { addDays } from '../../src/core/calendar/calendar.ts';
import { londonToday } from '../../src/core/time.ts';
import { certificateDates } from '../../src/modules/training/training.rules.ts';
import { pdfText } from '../pdf.ts';

interface Visit {
  id: string; status: string; version: number; allowed: string[]; ratio: { adultsRequired: number; met: boolean };
  pupils: { id: string; displayName: string; needsTrainedAdult: boolean; holds: { techniqueCode: string; coveredBy: string[] }[]; consent: { decision: string; via: string } | null; plan: { keyPoints: string[] } | null }[];
  checklist: { code: string; done: boolean; detail: string }[]; steps: { step: string; decision: string; comment: string; adviserName: string | null; by: string }[];
  standingApproval: { id: string } | null; incidents: { id: string }[]; incidentsToLink: { id: string; pupils: string[] }[]; evaluation: { wentWell: string } | null;
}

describe.each(dbKinds())('visits on %s', (kind) => {
  let t: TestContext; let s: DemoSites;
  let staff: Session; let lead: Session; let head: Session; let governor: Session; let parent: Session; let office: Session; let admin: Session; let cluster: Session;
  let cats: Record<string, string>; let library: string[];
  let planPupil: string; let p2: string; let p3: string; let child: string; let otherChild: string;
  let untrained: string; let trained: string; let farStaff: string;
  const today = londonToday();
  const day = addDays(today, 30);
  const h = (who?: Session) => who?.headers ?? {};
  const send = (method: 'POST' | 'PUT', url: string, payload: unknown, who?: Session) => t.app.inject({ method, url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  const proposal = (over: Record<string, unknown> = {}) => ({
    siteId: s.site1, purpose: 'Year 9 trip to the science museum', venue: 'Science Museum', startDate: day, departTime: '09:00', endDate: day, returnTime: '15:00',
    itinerary: [{ date: day, time: '09:00', place: 'Leave school' }, { date: day, time: '10:00', place: 'Museum' }], transport: 'Coach', categoryId: cats.B,
    leaderStaffId: untrained, ratioPupilsPerAdult: 2, ...over,
  });
  async function staffAt(siteId: string, name: string): Promise<string> {
    const id = uuidv7();
    await t.database.db.insert(staffMembers).values({ id, trustId: s.trustId, siteId, forename: name, surname: 'Test', jobTitle: 'Teaching assistant' });
    return id;
  }
  async function create(over: Record<string, unknown> = {}, who = staff): Promise<Visit> {
    const res = await send('POST', '/api/v1/visits', proposal(over), who);
    expect(res.statusCode, res.body).toBe(201);
    return json<Visit>(res);
  }
  const act = async (v: Visit, path: string, body: Record<string, unknown>, who: Session, status = 200): Promise<Visit> => {
    const res = await send(path === 'participants' || path === 'risk' || path === 'evaluation' ? 'PUT' : 'POST', `/api/v1/visits/${v.id}/${path}`, { version: v.version, ...body }, who);
    expect(res.statusCode, res.body).toBe(status);
    return status === 200 ? json<Visit>(res) : v;
  };
  const done = (v: Visit, code: string) => v.checklist.find((c) => c.code === code)!.done;

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, head, governor, parent, office, admin, cluster] = await Promise.all(['staff', 'behaviour_lead', 'head', 'governor', 'parent', 'office', 'trust_admin', 'cluster_lead']
      .map((r) => sessionFor(t, demoEmail(r)))) as Session[] as [Session, Session, Session, Session, Session, Session, Session, Session];
    const settings = json<{ categories: { id: string; code: string }[]; library: { id: string }[] }>(await get('/api/v1/visit-settings', staff));
    cats = Object.fromEntries(settings.categories.map((c) => [c.code, c.id]));
    library = settings.library.map((l) => l.id);
    const kids = json<{ items?: { id: string }[] } | { id: string }[]>(await get('/api/v1/parent/children', parent));
    [child, otherChild] = (Array.isArray(kids) ? kids : kids.items!).map((k) => k.id) as [string, string];
    const taken = new Set((await t.database.query<{ id: string }>('select pupil_id as id from behaviour_support_plans')).map((r) => r.id));
    [planPupil, p2, p3] = (await pupilsAt(t, s.site1, 80)).filter((id) => !taken.has(id) && id !== child && id !== otherChild).slice(-3) as [string, string, string];
    await t.database.db.insert(behaviourSupportPlans).values({ id: uuidv7(), trustId: s.trustId, siteId: s.site1, pupilId: planPupil, status: 'active', approvedHolds: ['SINGLE_ELBOW'],
      triggers: ['Loud, sudden noise'], createdBy: lead.userId, updatedBy: lead.userId });
    untrained = await staffAt(s.site1, 'Una');
    trained = await staffAt(s.site1, 'Tariq');
    farStaff = await staffAt(s.site3, 'Faye');
    const course = (await t.database.db.select().from(trainingCourses).where(and(eq(trainingCourses.trustId, s.trustId), eq(trainingCourses.code, 'TT-L2'))))[0]!;
    await t.database.db.insert(trainingCertificates).values({ id: uuidv7(), trustId: s.trustId, staffId: trained, courseId: course.id, ...certificateDates(addDays(today, -30), 12, 0),
      techniqueCodes: ['SINGLE_ELBOW'], source: 'manual' });
  });
  afterAll(async () => { await t?.close(); });

  it('refuses roles and sites: 401, 403 for governors, parents and staff outside their permission, 404 for another site', async () => {
    expect((await get('/api/v1/visits')).statusCode).toBe(401);
    expect((await get('/api/v1/visits', governor)).statusCode).toBe(403);
    expect((await get('/api/v1/visits', parent)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/visits', proposal(), office)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/visit-settings/categories', { code: 'Z', name: 'Z', preApproved: false, laAdviserRequired: false }, head)).statusCode).toBe(403);
    expect((await get('/api/v1/parent/visits', staff)).statusCode).toBe(403);
    const far = await send('POST', '/api/v1/visits', proposal({ siteId: s.site3 }), staff);
    expect(far.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(far))).toEqual(['siteId']);
    const site2 = await create({ siteId: s.site2, leaderStaffId: null }, cluster);
    expect((await get(`/api/v1/visits/${site2.id}`, staff)).statusCode).toBe(404);
    expect((await get(`/api/v1/visits/${site2.id}/day-sheet`, staff)).statusCode).toBe(404);
    const mine = json<{ items: { id: string; status: string }[] }>(await get('/api/v1/visits', staff)).items;
    expect(mine.some((v) => v.id === site2.id)).toBe(false);
    expect(mine.map((v) => v.status)).toEqual(expect.arrayContaining(['awaiting_evc', 'completed'])); // the demo visits
  });

  it('refuses a bad proposal with 400 naming the field, and saves nothing', async () => {
    const before = (await t.database.query<{ n: number }>('select count(*)::int as n from visits'))[0]!.n;
    const cases: [Record<string, unknown>, string][] = [
      [{ purpose: '' }, 'purpose'], [{ venue: ' ' }, 'venue'], [{ startDate: '31/03/2027' }, 'startDate'], [{ departTime: '9am' }, 'departTime'],
      [{ endDate: addDays(day, -1) }, 'endDate'], [{ returnTime: '08:00' }, 'returnTime'], [{ categoryId: uuidv7() }, 'categoryId'], [{ ratioPupilsPerAdult: 0 }, 'ratioPupilsPerAdult'],
      [{ itinerary: [{ date: day, time: '11:00', place: 'A' }, { date: day, time: '10:00', place: 'B' }] }, 'itinerary.1.time'],
      [{ itinerary: [{ date: addDays(day, 2), time: '11:00', place: 'A' }] }, 'itinerary.0.date'], [{ itinerary: [{ date: day, time: '11:00', place: '' }] }, 'itinerary.0.place'],
      [{ leaderStaffId: farStaff }, 'leaderStaffId'], [{ purpose: 'a\u0000b' }, 'purpose'],
    ];
    for (const [over, field] of cases) {
      const res = await send('POST', '/api/v1/visits', proposal(over), staff);
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
    expect((await t.database.query<{ n: number }>('select count(*)::int as n from visits'))[0]!.n).toBe(before);
  });

  it('flags a pupil whose plan needs a trained adult until a certified member of staff is added; checks the ratio', async () => {
    let v = await create();
    const bad = await send('PUT', `/api/v1/visits/${v.id}/participants`, { version: v.version, pupilIds: [planPupil, farStaff], staffIds: [untrained] }, staff);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['pupilIds.1']);
    v = await act(v, 'participants', { pupilIds: [planPupil, p2, p3], staffIds: [untrained] }, staff);
    const flagged = v.pupils.find((p) => p.id === planPupil)!;
    expect(flagged.needsTrainedAdult).toBe(true);
    expect(flagged.plan!.keyPoints.join(' ')).toContain('Loud, sudden noise');
    expect(done(v, 'trained_adults')).toBe(false);
    expect(v.ratio).toMatchObject({ adultsRequired: 2, met: false });
    v = await act(v, 'participants', { pupilIds: [planPupil, p2, p3], staffIds: [untrained, trained] }, staff);
    const cleared = v.pupils.find((p) => p.id === planPupil)!;
    expect(cleared.needsTrainedAdult).toBe(false);
    expect(cleared.holds[0]!.coveredBy).toEqual(['Tariq Test']);
    expect(done(v, 'trained_adults')).toBe(true);
    expect(v.ratio.met).toBe(true);
    // the certificate runs out before a visit a year on: the flag is back
    v = await act(v, 'participants', { pupilIds: [planPupil], staffIds: [untrained, trained] }, staff);
    const later = await send('PUT', `/api/v1/visits/${v.id}`, { ...proposal({ startDate: addDays(today, 400), endDate: addDays(today, 400), itinerary: [] }), siteId: undefined, version: v.version }, staff);
    expect(later.statusCode, later.body).toBe(200);
    expect(json<Visit>(later).pupils[0]!.needsTrainedAdult).toBe(true);
  });

  it('takes consent from staff and from a parent for their own child only', async () => {
    let v = await create();
    v = await act(v, 'participants', { pupilIds: [child, p2], staffIds: [untrained, trained] }, staff);
    expect(json<{ items: { id: string }[] }>(await get('/api/v1/parent/visits', parent)).items.some((x) => x.id === v.id)).toBe(false); // a draft
    const missing = await send('POST', `/api/v1/visits/${v.id}/consents`, { pupilId: p2, decision: 'given', parentName: 'Mrs Green', how: 'Paper slip', emergencyName: 'Mrs Green' }, office);
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(missing))).toEqual(['emergencyPhone']);
    expect((await send('POST', `/api/v1/visits/${v.id}/consents`, { pupilId: planPupil, decision: 'given', parentName: 'X', how: 'Phone', emergencyName: 'X', emergencyPhone: '0161 496 0001' }, office)).statusCode).toBe(400);
    expect((await send('POST', `/api/v1/visits/${v.id}/consents`, { pupilId: p2, decision: 'given', parentName: 'Mrs Green', how: 'Paper slip', emergencyName: 'Mrs Green', emergencyPhone: '0161 496 0001' }, governor)).statusCode).toBe(403);
    v = await act(v, 'consents', { pupilId: p2, decision: 'given', parentName: 'Mrs Green', how: 'Paper slip', emergencyName: 'Mrs Green', emergencyPhone: '0161 496 0001' }, office);
    expect(v.pupils.find((p) => p.id === p2)!.consent).toMatchObject({ decision: 'given', via: 'staff' });
    v = await act(v, 'submit', {}, staff);
    expect(v.status).toBe('awaiting_evc');
    const list = json<{ items: { id: string; children: { pupilId: string; consent: unknown }[] }[] }>(await get('/api/v1/parent/visits', parent));
    const mine = list.items.find((x) => x.id === v.id)!;
    expect(mine.children.map((c) => c.pupilId)).toEqual([child]); // never another pupil on the visit
    const notMine = await send('POST', `/api/v1/parent/visits/${v.id}/consent`, { pupilId: p2, decision: 'refused' }, parent);
    expect(notMine.statusCode).toBe(403);
    const noPhone = await send('POST', `/api/v1/parent/visits/${v.id}/consent`, { pupilId: child, decision: 'given', emergencyName: 'Joanne' }, parent);
    expect(fieldsOf(json<ErrorBody>(noPhone))).toEqual(['emergencyPhone']);
    expect((await send('POST', `/api/v1/parent/visits/${v.id}/consent`, { pupilId: child, decision: 'refused' }, parent)).statusCode).toBe(200);
    v = json<Visit>(await get(`/api/v1/visits/${v.id}`, staff));
    expect(v.checklist.find((c) => c.code === 'consents')!.detail).toContain('Refused');
    expect((await send('POST', `/api/v1/parent/visits/${v.id}/consent`, { pupilId: child, decision: 'given', medicalInfo: 'Hay fever: tablets in her bag', emergencyName: 'Joanne Whitaker', emergencyPhone: '07700 900123' }, parent)).statusCode).toBe(200);
    v = json<Visit>(await get(`/api/v1/visits/${v.id}`, staff));
    expect(v.pupils.find((p) => p.id === child)!.consent).toMatchObject({ decision: 'given', via: 'portal' });
    expect(done(v, 'consents')).toBe(true);
    const audits = await t.database.query<{ action: string }>(`select action from audit_entries where entity_id = $1 and action = 'visit.consent.record'`, [v.id]);
    expect(audits.length).toBe(3); // one by staff, two by the parent
  });

  it('approves by category: EVC then head, the LA adviser where the category needs one, returns with reasons; routine visits under a standing approval', async () => {
    let v = await create();
    v = await act(v, 'submit', {}, staff);
    await act(v, 'approve', {}, head, 403); // the head is not the EVC
    await act(v, 'approve', {}, staff, 403);
    v = await act(v, 'approve', { comment: 'Fine by me' }, lead);
    expect(v.status).toBe('awaiting_head');
    await act(v, 'approve', {}, lead, 403);
    const noReason = await send('POST', `/api/v1/visits/${v.id}/return`, { version: v.version }, head);
    expect(fieldsOf(json<ErrorBody>(noReason))).toEqual(['comment']);
    v = await act(v, 'return', { comment: 'Add the coach company' }, head);
    expect(v.status).toBe('returned');
    v = await act(v, 'submit', {}, staff);
    v = await act(v, 'approve', {}, lead);
    v = await act(v, 'approve', {}, head);
    expect(v.status).toBe('approved');
    expect(v.steps.map((x) => `${x.step}:${x.decision}`)).toEqual(['submit:submitted', 'evc:approved', 'head:returned', 'submit:submitted', 'evc:approved', 'head:approved']);
    expect(v.steps[2]!.comment).toBe('Add the coach company');

    let c = await create({ categoryId: cats.C });
    c = await act(c, 'submit', {}, staff);
    c = await act(c, 'approve', {}, lead);
    c = await act(c, 'approve', {}, head);
    expect(c.status).toBe('awaiting_la');
    const noAdviser = await send('POST', `/api/v1/visits/${c.id}/approve`, { version: c.version }, head);
    expect(fieldsOf(json<ErrorBody>(noAdviser))).toEqual(['adviserName']);
    c = await act(c, 'approve', { adviserName: 'Pat Moor, LA outdoor education adviser' }, lead);
    expect(c.status).toBe('approved');
    expect(c.steps.at(-1)).toMatchObject({ step: 'la', adviserName: 'Pat Moor, LA outdoor education adviser' });

    let a = await create({ categoryId: cats.A, startDate: addDays(today, 5), endDate: addDays(today, 5), itinerary: [] });
    a = await act(a, 'submit', {}, staff);
    expect(a.status).toBe('approved');
    expect(a.standingApproval).not.toBeNull();
    expect(a.steps.map((x) => x.step)).toEqual(['submit', 'standing']);
    // beyond the standing approval's expiry: the full path
    let late = await create({ categoryId: cats.A, startDate: addDays(today, 500), endDate: addDays(today, 500), itinerary: [] });
    late = await act(late, 'submit', {}, staff);
    expect(late.status).toBe('awaiting_evc');
    // standing approvals and EVCs are the head's to keep; categories the trust admin's
    expect((await send('POST', '/api/v1/visit-settings/standing-approvals', { siteId: s.site1, categoryId: cats.A, description: 'Park', approvedOn: today, expiresOn: addDays(today, 90) }, staff)).statusCode).toBe(403);
    const bad = await send('POST', '/api/v1/visit-settings/standing-approvals', { siteId: s.site1, categoryId: cats.B, description: 'Park', approvedOn: today, expiresOn: addDays(today, 90) }, head);
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['categoryId']);
    expect((await send('POST', '/api/v1/visit-settings/standing-approvals', { siteId: s.site2, categoryId: cats.A, description: 'Park', approvedOn: today, expiresOn: addDays(today, 90) }, head)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/visit-settings/categories', { code: 'D', name: 'Overseas exchange', preApproved: false, laAdviserRequired: true }, admin)).statusCode).toBe(201);
  });

  it('blocks departure until the checklist is complete, then lets the visit leave; day sheet, incidents, evaluation, audit', async () => {
    let v = await create();
    const blocked = await send('POST', `/api/v1/visits/${v.id}/depart`, { version: v.version }, staff);
    expect(blocked.statusCode).toBe(409);
    expect(fieldsOf(json<ErrorBody>(blocked))).toEqual(expect.arrayContaining(['participants', 'risk_assessment', 'consents', 'approval', 'ratio']));
    v = await act(v, 'participants', { pupilIds: [planPupil, p2], staffIds: [untrained] }, staff);
    await act(v, 'confirm-risk', {}, staff, 409);
    v = await act(v, 'risk', { adoptedAssessmentIds: [library[0]], ownHazards: [{ hazard: 'Busy station platform', controls: 'Stand back behind the line; head count' }] }, staff);
    v = await act(v, 'confirm-risk', {}, staff);
    for (const pupilId of [planPupil, p2]) v = await act(v, 'consents', { pupilId, decision: 'given', parentName: 'Parent', how: 'Paper slip', emergencyName: 'Parent', emergencyPhone: '0161 496 0002' }, staff);
    v = await act(v, 'submit', {}, staff);
    v = await act(v, 'approve', {}, lead);
    v = await act(v, 'approve', {}, head);
    const still = await send('POST', `/api/v1/visits/${v.id}/depart`, { version: v.version }, staff);
    expect(still.statusCode).toBe(409);
    expect(fieldsOf(json<ErrorBody>(still))).toEqual(['trained_adults']);
    v = await act(v, 'participants', { pupilIds: [planPupil, p2], staffIds: [untrained, trained] }, staff);
    expect(v.checklist.every((c) => c.done)).toBe(true);
    await act(v, 'depart', {}, governor, 403);
    v = await act(v, 'depart', {}, staff);
    expect(v.status).toBe('departed');
    await act(v, 'participants', { pupilIds: [p2], staffIds: [trained] }, staff, 409);
    await act(v, 'depart', {}, staff, 409); // it has left already
    expect(v.checklist.every((c) => c.done)).toBe(true);

    const sheet = json<{ pupils: { id: string; keyPoints: string[]; emergencyPhone: string }[] }>(await get(`/api/v1/visits/${v.id}/day-sheet`, staff));
    expect(sheet.pupils.find((p) => p.id === planPupil)!.emergencyPhone).toBe('0161 496 0002');
    const pdf = await get(`/api/v1/visits/${v.id}/day-sheet.pdf`, staff);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(pdf.rawPayload)).toContain('Emergency contact on the day');

    const incident = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: p2, createdBy: staff.userId });
    // an incident about a pupil on the visit, on its day, is offered for linking; one from another day is not
    const onTheDay = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: p2, createdBy: staff.userId, occurredAt: `${day}T11:00:00Z` });
    const offered = json<Visit>(await get(`/api/v1/visits/${v.id}`, staff)).incidentsToLink;
    expect(offered.map((i) => i.id)).toEqual([onTheDay]);
    expect(offered[0]!.pupils).toHaveLength(1);
    const linked = await send('POST', `/api/v1/visits/${v.id}/incidents`, { incidentId: incident }, staff);
    expect(json<Visit>(linked).incidents.map((i) => i.id)).toEqual([incident]);
    const both = json<Visit>(await send('POST', `/api/v1/visits/${v.id}/incidents`, { incidentId: onTheDay }, staff));
    expect(both.incidents.map((i) => i.id).sort()).toEqual([incident, onTheDay].sort());
    expect(both.incidentsToLink).toEqual([]);
    // an incident recorded on the visit's day about one of its pupils links itself when it is submitted; another day's does not
    const draftOnDay = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: planPupil, createdBy: staff.userId, status: 'draft', occurredAt: `${day}T12:30:00Z`, categoryCodes: ['DIS'] });
    const draftOtherDay = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: planPupil, createdBy: staff.userId, status: 'draft', occurredAt: `${addDays(day, 1)}T12:30:00Z`, categoryCodes: ['DIS'] });
    await t.database.query(`update incidents set location_code = 'CLASS' where id in ($1, $2)`, [draftOnDay, draftOtherDay]);
    const submitted = await send('POST', `/api/v1/incidents/${draftOnDay}/submit`, { version: 1 }, staff);
    expect(submitted.statusCode).toBe(200);
    expect(json<{ visit: { id: string; purpose: string } | null }>(submitted).visit).toEqual({ id: v.id, purpose: 'Year 9 trip to the science museum' });
    const other = await send('POST', `/api/v1/incidents/${draftOtherDay}/submit`, { version: 1 }, staff);
    expect(json<{ visit: unknown }>(other).visit).toBeNull();
    expect(json<Visit>(await get(`/api/v1/visits/${v.id}`, staff)).incidents.map((i) => i.id).sort()).toEqual([incident, onTheDay, draftOnDay].sort());
    const auto = await t.database.query<{ details: { automatic?: boolean } }>(`select details from audit_entries where entity_id = $1 and action = 'incident.visit.link'`, [draftOnDay]);
    expect(auto[0]!.details.automatic).toBe(true);
    // a link made by mistake comes off again; only a planner may, and only a linked incident
    expect((await send('POST', `/api/v1/visits/${v.id}/incidents/unlink`, { incidentId: draftOnDay }, governor)).statusCode).toBe(403);
    const unlinked = await send('POST', `/api/v1/visits/${v.id}/incidents/unlink`, { incidentId: draftOnDay }, staff);
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(json<Visit>(unlinked).incidents.map((i) => i.id).sort()).toEqual([incident, onTheDay].sort());
    expect(fieldsOf(json<ErrorBody>(await send('POST', `/api/v1/visits/${v.id}/incidents/unlink`, { incidentId: draftOnDay }, staff)))).toEqual(['incidentId']);
    v = await act(v, 'return-home', {}, staff);
    v = await act(v, 'evaluation', { wentWell: 'Everyone engaged in the workshop' }, staff);
    expect(v.evaluation!.wentWell).toBe('Everyone engaged in the workshop');
    const actions = (await t.database.query<{ action: string }>(`select distinct action from audit_entries where entity_id = $1`, [v.id])).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['visit.create', 'visit.participants', 'visit.risk', 'visit.submit', 'visit.approve', 'visit.depart', 'visit.day_sheet.read', 'visit.day_sheet.print', 'visit.incident.link', 'visit.evaluate']));
    const read = await t.database.query<{ details: { specialCategory?: boolean } }>(`select details from audit_entries where entity_id = $1 and action = 'visit.day_sheet.read'`, [v.id]);
    expect(read[0]!.details.specialCategory).toBe(true);
  });

  it('changes and stops categories, retires library assessments (a visit keeps its copy), revokes standing approvals and removes coordinators; refuses others', async () => {
    type Settings = { categories: { id: string; code: string; name: string; active: boolean }[]; library: { id: string; title: string }[];
      standingApprovals: { id: string; siteId: string }[]; coordinators: { siteId: string; userId: string }[] };
    const call = (method: 'PUT' | 'POST' | 'DELETE', url: string, who: Session, payload?: unknown) => t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload: payload as object } : {}) });
    // the trust administrator (who reads no pupils) reads the settings they keep
    const adminView = await get('/api/v1/visit-settings', admin);
    expect(adminView.statusCode).toBe(200);
    expect(json<Settings>(adminView).categories.length).toBeGreaterThan(0);
    // a category reworded, a duplicate code refused, bad input named, other roles refused
    const catA = { code: 'A', name: 'Routine local visit (reworded)', description: 'Walks and local trips', preApproved: true, laAdviserRequired: false, active: true };
    const changed = json<Settings>(await call('PUT', `/api/v1/visit-settings/categories/${cats.A}`, admin, catA));
    expect(changed.categories.find((c) => c.id === cats.A)!.name).toBe('Routine local visit (reworded)');
    expect(fieldsOf(json<ErrorBody>(await call('PUT', `/api/v1/visit-settings/categories/${cats.A}`, admin, { ...catA, code: 'B' })))).toEqual(['code']);
    expect(fieldsOf(json<ErrorBody>(await call('PUT', `/api/v1/visit-settings/categories/${cats.A}`, admin, { ...catA, name: '' })))).toEqual(['name']);
    expect((await call('PUT', `/api/v1/visit-settings/categories/${cats.A}`, head, catA)).statusCode).toBe(403);
    expect((await call('PUT', `/api/v1/visit-settings/categories/${uuidv7()}`, admin, catA)).statusCode).toBe(404);
    // a library assessment adopted by a visit, then retired: no longer offered, still on the visit
    const added = json<Settings>(await send('POST', '/api/v1/visit-settings/library', { title: 'Farm visit', hazards: [{ hazard: 'Animals', controls: 'Wash hands' }] }, admin));
    const farm = added.library.find((l) => l.title === 'Farm visit')!.id;
    let v = await create();
    v = await act(v, 'risk', { adoptedAssessmentIds: [farm], ownHazards: [] }, staff);
    expect((await call('DELETE', `/api/v1/visit-settings/library/${farm}`, head)).statusCode).toBe(403);
    const retired = json<Settings>(await call('DELETE', `/api/v1/visit-settings/library/${farm}`, admin));
    expect(retired.library.map((l) => l.id)).not.toContain(farm);
    expect((await call('DELETE', `/api/v1/visit-settings/library/${farm}`, admin)).statusCode).toBe(404);
    const kept = json<Visit & { adoptedAssessments: { id: string; title: string }[] }>(await get(`/api/v1/visits/${v.id}`, staff));
    expect(kept.adoptedAssessments.map((a) => a.title)).toEqual(['Farm visit']);
    await act(kept, 'risk', { adoptedAssessmentIds: [farm], ownHazards: [] }, staff); // still saves what it had adopted
    // a standing approval revoked by the head; a lead may not, another site's head cannot see it
    const approved = json<Settings>(await send('POST', '/api/v1/visit-settings/standing-approvals', { siteId: s.site1, categoryId: cats.A, description: 'Local walks', approvedOn: today, expiresOn: addDays(today, 90) }, head));
    const sa = approved.standingApprovals.find((x) => x.siteId === s.site1)!.id;
    expect((await call('POST', `/api/v1/visit-settings/standing-approvals/${sa}/revoke`, lead)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/visit-settings/standing-approvals/${sa}/revoke`, governor)).statusCode).toBe(403);
    const revoked = json<Settings>(await call('POST', `/api/v1/visit-settings/standing-approvals/${sa}/revoke`, head));
    expect(revoked.standingApprovals.map((x) => x.id)).not.toContain(sa);
    expect((await call('POST', `/api/v1/visit-settings/standing-approvals/${sa}/revoke`, head)).statusCode).toBe(404);
    // a coordinator named and removed
    const addRes = await send('POST', '/api/v1/visit-settings/coordinators', { siteId: s.site1, userId: office.userId }, head);
    expect(addRes.statusCode, addRes.body).toBe(201);
    const named = json<Settings>(addRes);
    expect(named.coordinators.some((c) => c.siteId === s.site1 && c.userId === office.userId)).toBe(true);
    expect((await call('POST', '/api/v1/visit-settings/coordinators/remove', staff, { siteId: s.site1, userId: office.userId })).statusCode).toBe(403);
    const removed = json<Settings>(await call('POST', '/api/v1/visit-settings/coordinators/remove', head, { siteId: s.site1, userId: office.userId }));
    expect(removed.coordinators.some((c) => c.siteId === s.site1 && c.userId === office.userId)).toBe(false);
    expect((await call('POST', '/api/v1/visit-settings/coordinators/remove', head, { siteId: s.site1, userId: office.userId })).statusCode).toBe(404);
    const actions = (await t.database.query<{ action: string }>(`select distinct action from audit_entries where action like 'visit.%'`)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['visit.category.update', 'visit.library.retire', 'visit.standing_approval.revoke', 'visit.coordinator.remove']));
  });
});
