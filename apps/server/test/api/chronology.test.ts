/** The pupil chronology (SUP-6): one timeline of every kind of record, as far as the viewer may see. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { safeguardingConcernPupils, safeguardingConcerns } from '../../src/db/schema/safeguarding.ts';
import { communications } from '../../src/db/schema/comms.ts';
import { exclusions } from '../../src/db/schema/exclusions.ts';
import { parentContacts } from '../../src/db/schema/recording.ts';
import { placements } from '../../src/db/schema/sanctions.ts';
import { referrals } from '../../src/db/schema/casework.ts';
import { behaviourSupportPlans } from '../../src/db/schema/plans.ts';
import { visitPupils, visits } from '../../src/db/schema/visits.ts';
import { pdfText } from '../pdf.ts';
import { addCategory, addIncident, addOption, addUser, demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';

interface Item { kind: 'event' | 'incident'; id: string; locationCode?: string | null; locationLabel?: string | null; siteId: string; occurredAt: string; recordedBy: { id: string }; voided: boolean; status?: string; role?: string; categories?: { code: string; name: string }[]; category?: { code: string; name: string }; physicalIntervention?: boolean; allowed: string[] }
interface Body { items: Item[]; total: number; visibility: 'all' | 'own'; mayIncludeVoided: boolean }

describe.each(dbKinds())('pupil chronology on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session;
  let lead: Session;
  let pupil: string;
  let site3Pupil: string;
  const ids: Record<string, string> = {};
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  const chron = (who: Session, q = '') => get(`/api/v1/pupils/${pupil}/chronology?pageSize=200${q}`, who);
  const idsOf = (b: Body) => b.items.map((i) => i.id);

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead] = await Promise.all([sessionFor(t, demoEmail('staff')), sessionFor(t, demoEmail('behaviour_lead'))]);
    pupil = (await pupilsAt(t, s.site1, 7))[6]!;
    site3Pupil = (await pupilsAt(t, s.site3, 1))[0]!;
    await addCategory(t, s.trustId, { code: 'TC_KIND', name: 'Kindness', polarity: 'positive', points: 1 });
    await addCategory(t, s.trustId, { code: 'TC_FIGHT', name: 'Fighting', polarity: 'negative', severity: 4, points: -5, quickLog: false });
    await addOption(t, s.trustId, { kind: 'location', code: 'TC_ROOM' });
    const log = async (who: Session, occurredAt: string, locationCode?: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/behaviour-events', headers: who.headers, payload: { pupilIds: [pupil], categoryCode: 'TC_KIND', occurredAt, locationCode } });
      expect(res.statusCode).toBe(201);
      return json<{ items: { id: string }[] }>(res).items[0]!.id;
    };
    ids.staffEvent = await log(staff, '2026-11-10T10:00:00Z', 'TC_ROOM');
    ids.leadEvent = await log(lead, '2026-11-12T10:00:00Z');
    ids.leadVoidedEvent = await log(lead, '2026-11-13T10:00:00Z');
    await t.app.inject({ method: 'POST', url: `/api/v1/behaviour-events/${ids.leadVoidedEvent}/void`, headers: lead.headers, payload: { reason: 'Wrong pupil' } });
    ids.submitted = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupil, createdBy: lead.userId, occurredAt: '2026-11-14T09:30:00Z', categoryCodes: ['TC_FIGHT'], physicalIntervention: true, role: 'instigator' });
    ids.staffSubmitted = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupil, createdBy: staff.userId, occurredAt: '2026-11-11T09:30:00Z', role: 'witness' });
    ids.leadDraft = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupil, createdBy: lead.userId, status: 'draft', occurredAt: null });
    ids.staffDraft = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupil, createdBy: staff.userId, status: 'draft', occurredAt: '2026-11-15T09:30:00Z' });
    ids.voidedIncident = await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupil, createdBy: lead.userId, voided: true });
    // a sealed safeguarding concern about the same pupil: it must never appear in the chronology
    ids.concern = uuidv7();
    await t.database.db.insert(safeguardingConcerns).values({ id: ids.concern, trustId: s.trustId, siteId: s.site1, raisedBy: staff.userId, category: 'neglect', concern: 'SEALED-CONCERN-TEXT' });
    await t.database.db.insert(safeguardingConcernPupils).values({ concernId: ids.concern, pupilId: pupil, trustId: s.trustId });
  });
  afterAll(async () => { await t?.close(); });

  it('needs a session (401) and a recording role (403 for governors, parents, agency users, trust admins)', async () => {
    expect((await get(`/api/v1/pupils/${pupil}/chronology`)).statusCode).toBe(401);
    for (const role of ['governor', 'parent', 'agency', 'trust_admin']) {
      expect((await chron(await sessionFor(t, demoEmail(role)))).statusCode, role).toBe(403);
    }
  });

  it('answers 404 for a pupil at a site the viewer does not work at, and for no such pupil', async () => {
    expect((await get(`/api/v1/pupils/${site3Pupil}/chronology`, lead)).statusCode).toBe(404);
    const otherLead = await sessionFor(t, await addUser(t, s.trustId, 'behaviour_lead', s.site3));
    expect((await chron(otherLead)).statusCode).toBe(404);
    expect((await get(`/api/v1/pupils/${site3Pupil}/chronology`, otherLead)).statusCode).toBe(200);
    expect((await get('/api/v1/pupils/0190a6c4-0000-7000-8000-000000000000/chronology', lead)).statusCode).toBe(404);
  });

  it('shows a lead every event and submitted incident at their site, their own draft, newest first — no voided, no other drafts', async () => {
    const res = await chron(lead);
    expect(res.statusCode).toBe(200);
    const body = json<Body>(res);
    expect(body.visibility).toBe('all');
    expect(body.mayIncludeVoided).toBe(true);
    expect(idsOf(body)).toEqual(expect.arrayContaining([ids.staffEvent, ids.leadEvent, ids.submitted, ids.staffSubmitted, ids.leadDraft]));
    for (const hidden of [ids.leadVoidedEvent, ids.voidedIncident, ids.staffDraft]) expect(idsOf(body)).not.toContain(hidden);
    const times = body.items.map((i) => i.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const incident = body.items.find((i) => i.id === ids.submitted)!;
    expect(incident).toMatchObject({ kind: 'incident', status: 'submitted', role: 'instigator', physicalIntervention: true, categories: [{ code: 'TC_FIGHT', name: 'Fighting' }] });
    expect(incident.allowed).toEqual(['view', 'void']);
    expect(body.items.find((i) => i.id === ids.staffEvent)).toMatchObject({ kind: 'event', category: { code: 'TC_KIND', name: 'Kindness' }, locationCode: 'TC_ROOM', locationLabel: 'Test TC_ROOM' });
    expect(body.total).toBe(body.items.length);
  });

  it('shows staff only what they recorded (their draft included)', async () => {
    const body = json<Body>(await chron(staff));
    expect(body.visibility).toBe('own');
    expect(body.items.filter((i) => i.kind === 'event' || i.kind === 'incident').every((i) => i.recordedBy.id === staff.userId)).toBe(true);
    expect(idsOf(body)).toEqual(expect.arrayContaining([ids.staffEvent, ids.staffSubmitted, ids.staffDraft]));
    expect(idsOf(body)).not.toContain(ids.leadEvent);
    expect(idsOf(body)).not.toContain(ids.submitted);
    expect(body.items.find((i) => i.id === ids.staffEvent)!.allowed).toEqual([]);
  });

  it('never includes safeguarding concerns, for anyone, including the DSL', async () => {
    for (const who of [staff, lead, await sessionFor(t, demoEmail('dsl')), await sessionFor(t, demoEmail('head'))]) {
      const res = await chron(who, '&includeVoided=true');
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(ids.concern);
      expect(res.body).not.toContain('SEALED-CONCERN-TEXT');
      expect(res.body).not.toMatch(/safeguarding|neglect/i);
    }
  });

  it('includes voided records only for leads who ask', async () => {
    const withVoided = json<Body>(await chron(lead, '&includeVoided=true'));
    expect(idsOf(withVoided)).toEqual(expect.arrayContaining([ids.leadVoidedEvent, ids.voidedIncident]));
    expect(withVoided.items.find((i) => i.id === ids.voidedIncident)!.voided).toBe(true);
    const slt = json<Body>(await chron(await sessionFor(t, demoEmail('slt')), '&includeVoided=true'));
    expect(slt.mayIncludeVoided).toBe(false);
    expect(idsOf(slt)).not.toContain(ids.leadVoidedEvent);
    expect(idsOf(slt)).toContain(ids.leadEvent);
  });

  it('filters by kind and by date, and pages', async () => {
    const events = json<Body>(await chron(lead, '&kinds=event'));
    expect(events.items.length).toBeGreaterThan(0);
    expect(events.items.every((i) => i.kind === 'event')).toBe(true);
    const incidents = json<Body>(await chron(lead, '&kinds=incident'));
    expect(incidents.items.every((i) => i.kind === 'incident')).toBe(true);
    expect(events.total + incidents.total).toBe(json<Body>(await chron(lead, '&kinds=event,incident')).total);
    const window = json<Body>(await chron(lead, '&from=2026-11-11&to=2026-11-12'));
    expect(idsOf(window)).toEqual(expect.arrayContaining([ids.leadEvent, ids.staffSubmitted]));
    expect(idsOf(window)).not.toContain(ids.staffEvent);
    expect(idsOf(window)).not.toContain(ids.submitted);
    const all = json<Body>(await chron(lead));
    const page2 = json<Body>(await get(`/api/v1/pupils/${pupil}/chronology?pageSize=2&page=2`, lead));
    expect(page2.total).toBe(all.total);
    expect(idsOf(page2)).toEqual(idsOf(all).slice(2, 4));
  });

  it('rejects bad filters with 400 naming them', async () => {
    const res = await chron(lead, '&kinds=event,concern&from=yesterday');
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(res))).toEqual(expect.arrayContaining(['kinds', 'from']));
    expect(fieldsOf(json<ErrorBody>(await chron(lead, '&from=2026-11-12&to=2026-11-11')))).toEqual(['to']);
    expect((await get('/api/v1/pupils/nope/chronology', lead)).statusCode).toBe(400);
  });

  it('brings suspensions, placements, parent contacts and letters into the same timeline, each only for the roles that read them', async () => {
    const day = '2026-11-16';
    const suspension = uuidv7(); const placement = uuidv7(); const contact = uuidv7(); const letter = uuidv7();
    await t.database.db.insert(exclusions).values({ id: suspension, trustId: s.trustId, siteId: s.site1, pupilId: pupil, category: 'suspension', startDate: day,
      startSession: 'am', sessions: 2, slots: [`${day}:am`, `${day}:pm`], reasonCodes: ['DB'], details: 'TC-SUSPENSION-DETAILS', issuedBy: lead.userId,
      boardNotifiedOn: day, boardDutyKind: 'none' });
    await t.database.db.insert(placements).values({ id: placement, trustId: s.trustId, siteId: s.site1, pupilId: pupil, kind: 'alternative_provision',
      provider: 'TC Provider', startDate: '2026-11-17', sessionsPerWeek: 3, createdBy: lead.userId });
    await t.database.db.insert(parentContacts).values({ id: contact, trustId: s.trustId, siteId: s.site1, pupilId: pupil, recordType: 'incident',
      recordId: ids.submitted!, contactedAt: new Date('2026-11-14T15:00:00Z'), method: 'phone', contactName: 'Mum', summary: 'TC-CONTACT-SUMMARY', recordedBy: lead.userId });
    await t.database.db.insert(communications).values({ id: letter, trustId: s.trustId, siteId: s.site1, pupilId: pupil, recordType: 'suspension', recordId: suspension,
      recipientKind: 'named', recipientName: 'Mrs Parent', channel: 'by_hand', subject: 'TC-LETTER-SUBJECT', body: 'x', status: 'to_send_by_hand', createdBy: lead.userId });
    try {
      const body = json<Body & { kindsAvailable: string[] }>(await chron(lead));
      expect(body.kindsAvailable).toEqual(['event', 'incident', 'detention', 'isolation', 'suspension', 'placement', 'contact', 'letter', 'plan', 'risk_assessment', 'intervention', 'meeting', 'referral', 'visit']);
      expect(body.total).toBe(body.items.length);
      const byId = new Map(body.items.map((i) => [i.id, i as unknown as Record<string, unknown>]));
      expect(byId.get(suspension)).toMatchObject({ kind: 'suspension', title: 'Suspension', key: true, link: `/suspensions/${suspension}` });
      expect(String(byId.get(suspension)!.detail)).toMatch(/2 sessions from 16\/11\/2026\. TC-SUSPENSION-DETAILS/);
      expect(byId.get(placement)).toMatchObject({ kind: 'placement', key: true });
      expect(byId.get(contact)).toMatchObject({ kind: 'contact', detail: 'TC-CONTACT-SUMMARY', link: `/incidents/${ids.submitted}`, key: false });
      expect(byId.get(letter)).toMatchObject({ kind: 'letter', status: 'To send by hand' });
      // one kind at a time, and the key-events view keeps suspensions and placements
      expect(idsOf(json<Body>(await chron(lead, '&kinds=suspension,placement'))).sort()).toEqual([suspension, placement].sort());
      expect(idsOf(json<Body>(await chron(lead, '&keyEvents=true'))).sort()).toEqual([ids.submitted!, suspension, placement].sort());
      // staff who only record see none of these; an SLT member (no communications log? they have it) sees them
      const own = json<Body & { kindsAvailable: string[] }>(await chron(staff));
      // staff read the plans, risk assessments, support interventions and visits at their site, never sanctions or casework
      expect(own.kindsAvailable).toEqual(['event', 'incident', 'plan', 'risk_assessment', 'intervention', 'visit']);
      for (const id of [suspension, placement, contact, letter]) expect(idsOf(own)).not.toContain(id);
      const pdf = await pdfText((await get(`/api/v1/pupils/${pupil}/chronology/pdf`, lead)).rawPayload);
      expect(pdf).toMatch(/TC-SUSPENSION-DETAILS/);
      expect(pdf).toMatch(/TC-LETTER-SUBJECT/);
    } finally {
      await t.database.db.delete(communications).where(eq(communications.id, letter));
      await t.database.db.delete(parentContacts).where(eq(parentContacts.id, contact));
      await t.database.db.delete(placements).where(eq(placements.id, placement));
      await t.database.db.delete(exclusions).where(eq(exclusions.id, suspension));
    }
  });

  it('shows the plans, meetings and referrals of the demo trust to a lead, and only plans to staff', async () => {
    const [ref] = await t.database.db.select().from(referrals).where(eq(referrals.siteId, s.site1)).limit(1);
    expect(ref).toBeDefined();
    const url = `/api/v1/pupils/${ref!.pupilId}/chronology?pageSize=200&kinds=referral,meeting,plan`;
    const body = json<{ items: { kind: string; id: string; link: string | null; title: string }[] }>(await get(url, lead));
    const item = body.items.find((i) => i.id === ref!.id);
    expect(item).toMatchObject({ kind: 'referral', link: `/referrals/${ref!.id}` });
    expect(item!.title).toMatch(/^Referral to /);
    const [plan] = await t.database.db.select().from(behaviourSupportPlans).where(eq(behaviourSupportPlans.siteId, s.site1)).limit(1);
    const planned = json<{ items: { kind: string; id: string; link: string | null }[] }>(await get(`/api/v1/pupils/${plan!.pupilId}/chronology?pageSize=200&kinds=plan`, staff));
    expect(planned.items.find((i) => i.id === plan!.id)).toMatchObject({ kind: 'plan', link: `/pupils/${plan!.pupilId}/plans/${plan!.id}` });
    const refused = await get(url, staff);
    expect(refused.statusCode).toBe(200);
    expect(json<{ items: { kind: string }[] }>(refused).items.filter((i) => i.kind === 'referral' || i.kind === 'meeting')).toEqual([]);
    // the demo's off-site visits are on each pupil's chronology, linked to the visit
    const [onVisit] = await t.database.db.select({ pupilId: visitPupils.pupilId, visitId: visitPupils.visitId }).from(visitPupils)
      .innerJoin(visits, eq(visits.id, visitPupils.visitId)).where(eq(visits.siteId, s.site1)).limit(1);
    expect(onVisit).toBeDefined();
    const visited = json<{ items: { kind: string; id: string; link: string | null; title: string }[] }>(await get(`/api/v1/pupils/${onVisit!.pupilId}/chronology?pageSize=200&kinds=visit`, lead));
    expect(visited.items.find((i) => i.id === onVisit!.visitId)).toMatchObject({ kind: 'visit', link: `/visits/${onVisit!.visitId}` });
    expect(visited.items.every((i) => i.kind === 'visit' && i.title.startsWith('Off-site visit: '))).toBe(true);
  });

  it('audits each read', async () => {
    await chron(staff);
    const rows = await t.database.db.select().from(auditEntries)
      .where(and(eq(auditEntries.action, 'pupil.chronology.read'), eq(auditEntries.entityId, pupil), eq(auditEntries.actorUserId, staff.userId)));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.details).toMatchObject({ visibility: 'own' });
  });
  it('prints as a PDF with the filters stated; key events keep serious incidents and physical interventions; never the sealed concern', async () => {
    const all = await get(`/api/v1/pupils/${pupil}/chronology/pdf`, lead);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.headers['content-type']).toBe('application/pdf');
    expect(all.headers['cache-control']).toBe('private, no-store');
    const text = await pdfText(all.rawPayload);
    expect(text).toMatch(/Chronology:/);
    expect(text).toMatch(/every kind of record, all dates/);
    expect(text).toMatch(/Kindness/);
    expect(text).not.toMatch(/SEALED-CONCERN-TEXT/);
    const key = await get(`/api/v1/pupils/${pupil}/chronology/pdf?keyEvents=true&from=2026-11-01&to=2026-11-30`, lead);
    const keyText = await pdfText(key.rawPayload);
    expect(keyText).toMatch(/key events only/);
    expect(keyText.replace(/\s+/g, " ")).toMatch(/from 01\/11\/2026 to 30\/11\/2026/);
    expect(keyText).toMatch(/Fighting/);
    expect(keyText).not.toMatch(/Kindness/);
    // the JSON list takes the same filter
    const keyJson = json<Body>(await chron(lead, '&keyEvents=true'));
    expect(idsOf(keyJson)).toEqual([ids.submitted]);
    const audit = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'pupil.chronology.print'), eq(auditEntries.entityId, pupil)));
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit.map((a) => a.details)).toContainEqual(expect.objectContaining({ keyEvents: true, rows: 1 }));
    // scope as the list: a pupil at another site is not found; a governor is refused; bad dates name the field
    expect((await get(`/api/v1/pupils/${site3Pupil}/chronology/pdf`, staff)).statusCode).toBe(404);
    expect((await get(`/api/v1/pupils/${pupil}/chronology/pdf`, await sessionFor(t, demoEmail('governor')))).statusCode).toBe(403);
    const bad = await get(`/api/v1/pupils/${pupil}/chronology/pdf?from=2026-11-30&to=2026-11-01`, lead);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['to']);
  });
});
