/** Physical interventions (INC-3, LAW-10): required fields, duration, the same-day parent flag, sign-off checks; parent contacts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, json, type Session } from '../harness.ts';
import { and, eq } from 'drizzle-orm';
import { parentContacts } from '../../src/db/schema/recording.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { SOME_ID, fieldsOf, world, type ErrorBody, type Incident, type World } from './incidents.fixtures.ts';

interface Queue { items: { id: string; parentNotInformedSameDay: boolean }[] }
interface Flags { parentNotInformedSameDay: number }

describe.each(dbKinds())('physical interventions on %s', (kind) => {
  let w: World;
  beforeAll(async () => { w = await world(kind); });
  afterAll(async () => { await w?.t.close(); });
  const patch = async (who: Session, i: { id: string; version: number }, body: Record<string, unknown>) => {
    const res = await w.req('PATCH', `/api/v1/incidents/${i.id}`, who, { version: i.version, ...body });
    expect(res.statusCode, res.body).toBe(200);
    return json<Incident>(res);
  };
  const withPi = (pi: Record<string, unknown>) => w.fullBody({ physicalIntervention: true, physicalInterventions: [w.piBody(pi)] });
  const missing = (i: Incident) => i.missing.map((m) => m.field);

  it('requires the section at submission, names what is missing, computes the duration and keeps partial saves', async () => {
    let i = await w.create(w.s.staff, w.fullBody({ physicalIntervention: true, severity: 1 }));
    expect(i.serious).toBe(true);
    expect(missing(i)).toEqual(['physicalInterventions']);
    i = await patch(w.s.staff, i, { physicalInterventions: [{ pupilId: w.pupils1[0], startedAt: '2026-11-16T10:00:00Z' }] });
    const needed = ['kind', 'endedAt', 'staffTechniques', 'reason', 'deescalationTried', 'medicalAttention'].map((f) => `physicalInterventions.0.${f}`);
    expect(missing(i)).toEqual(needed);
    const refused = await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.staff, { version: i.version });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(refused))).toEqual(needed);
    const piId = i.physicalInterventions[0]!.id;
    i = await patch(w.s.staff, i, { physicalInterventions: [w.piBody()] });
    expect(i.physicalInterventions[0]).toMatchObject({ id: piId, durationMinutes: 7 });
    expect(missing(i)).toEqual([]);
    // an autosave of one field of the section keeps the rest of it
    i = await patch(w.s.staff, i, { physicalInterventions: [{ reason: 'About to climb the fence' }] });
    expect(i.physicalInterventions[0]).toMatchObject({ id: piId, durationMinutes: 7, reason: 'About to climb the fence', medicalAttention: 'None needed' });
    i = await patch(w.s.staff, i, { physicalInterventions: [{ endedAt: '2026-11-16T09:59:00Z' }] });
    expect(i.physicalInterventions[0]!.durationMinutes).toBeNull();
    expect(i.missing).toEqual([{ field: 'physicalInterventions.0.endedAt', message: 'The end must be after the start' }]);
    i = await patch(w.s.staff, i, { physicalInterventions: [{ endedAt: '2026-11-16T10:12:00Z', pupilInjured: true }] });
    expect(missing(i)).toEqual(['physicalInterventions.0.injuryNotes', 'physicalInterventions.0.bodyMap']);
    i = await patch(w.s.staff, i, { physicalInterventions: [{ bodyMap: [{ person: 'pupil', side: 'front', x: 0.4, y: 0.3, note: 'Red mark on the left forearm' }], injuryNotes: 'Redness' }] });
    expect(i.missing).toEqual([]);
    expect(i.physicalInterventions[0]!.durationMinutes).toBe(12);
    const bad = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: i.version,
      physicalInterventions: [{ staffTechniques: [{ staffId: SOME_ID, techniqueCodes: ['ZI_GUIDE', 'ZI_SUPINE'] }], bodyMap: [{ person: 'pupil', side: 'top', x: 2, y: 0, note: '' }] }] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(expect.arrayContaining(['physicalInterventions.0.bodyMap.0.side', 'physicalInterventions.0.bodyMap.0.x']));
    const codes = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: i.version,
      physicalInterventions: [{ staffTechniques: [{ staffId: SOME_ID, techniqueCodes: ['ZI_GUIDE', 'ZI_SUPINE'] }] }] });
    expect(fieldsOf(json<ErrorBody>(codes))).toEqual(['physicalInterventions.0.staffTechniques.0.staffId', 'physicalInterventions.0.staffTechniques.0.techniqueCodes']);
    const future = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: i.version, physicalInterventions: [{ startedAt: '2099-01-01T10:00:00Z' }] });
    expect(fieldsOf(json<ErrorBody>(future))).toEqual(['physicalInterventions.0.startedAt']);
    expect(json<Incident>(await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.staff, { version: i.version })).status).toBe('submitted');
    // injuries and medical attention are health data: reading them is audited, naming the record only
    await w.req('GET', `/api/v1/incidents/${i.id}`, w.s.lead);
    const reads = await w.t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, i.id), eq(auditEntries.action, 'incident.read')));
    expect(reads.map((r) => r.actorUserId)).toEqual([w.s.lead.userId]);
    expect(JSON.stringify(reads[0]!.details)).not.toMatch(/forearm|fence/);
  });

  it('flags a parent not told by the end of the day (LAW-10) on the incident, in the review queue and on the dashboard', async () => {
    // "today" must still be today when it is checked: never start within two minutes of midnight in London
    const londonClock = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
    while (['23:58', '23:59', '00:00', '00:01'].includes(londonClock())) await new Promise((r) => setTimeout(r, 5_000));
    const before = json<Flags>(await w.req('GET', '/api/v1/incidents/flags', w.s.lead)).parentNotInformedSameDay;
    const notTold = await w.create(w.s.staff, withPi({}));
    const toldSameDay = await w.create(w.s.staff, withPi({ parentInformedAt: '2026-11-16T15:30:00Z', parentInformedHow: 'phone', parentInformedBy: w.staffIds[0] }));
    const toldNextDay = await w.create(w.s.staff, withPi({ parentInformedAt: '2026-11-17T08:30:00Z', parentInformedHow: 'phone', parentInformedBy: w.staffIds[0] }));
    const now = new Date(Date.now() - 60_000).toISOString();
    const today = await w.create(w.s.staff, w.fullBody({ occurredAt: now, physicalIntervention: true,
      physicalInterventions: [w.piBody({ startedAt: now, endedAt: new Date(Date.now() - 30_000).toISOString() })] }));
    expect(notTold.physicalInterventions[0]!.parentNotInformedSameDay).toBe(true);
    expect(toldSameDay.physicalInterventions[0]!.parentNotInformedSameDay).toBe(false);
    expect(toldNextDay.physicalInterventions[0]!.parentNotInformedSameDay).toBe(true);
    expect(today.physicalInterventions[0]!.parentNotInformedSameDay).toBe(false);
    for (const i of [notTold, toldSameDay]) expect((await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.staff, { version: 1 })).statusCode).toBe(200);
    const queue = json<Queue>(await w.req('GET', '/api/v1/review-queue', w.s.lead)).items;
    expect(queue.find((x) => x.id === notTold.id)?.parentNotInformedSameDay).toBe(true);
    expect(queue.find((x) => x.id === toldSameDay.id)?.parentNotInformedSameDay).toBe(false);
    expect(json<Flags>(await w.req('GET', '/api/v1/incidents/flags', w.s.lead)).parentNotInformedSameDay - before).toBe(2);
    // telling the parent later does not undo the flag: it was not the same day
    const fixed = await patch(w.s.lead, { id: notTold.id, version: 2 }, { physicalInterventions: [{ parentInformedAt: '2026-11-18T09:00:00Z', parentInformedHow: 'email', parentInformedBy: w.staffIds[1] }] });
    expect(fixed.physicalInterventions[0]!.parentNotInformedSameDay).toBe(true);
  }, 300_000);

  it('asks for the parent informed and both debriefs before sign-off, accepting a debrief scheduled for later', async () => {
    let i = await w.create(w.s.staff, withPi({}));
    i = json<Incident>(await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.staff, { version: 1 }));
    const needs = ['pupilDebriefAt', 'staffDebriefAt', 'parentInformedAt'].map((f) => `physicalInterventions.0.${f}`);
    const lead = json<Incident>(await w.req('GET', `/api/v1/incidents/${i.id}`, w.s.lead));
    expect(missing(lead)).toEqual(needs);
    const refused = await w.req('POST', `/api/v1/incidents/${i.id}/sign-off`, w.s.lead, { version: i.version });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(refused))).toEqual(needs);
    i = await patch(w.s.lead, i, { physicalInterventions: [{
      pupilDebriefAt: '2026-11-16T14:00:00Z', pupilDebriefBy: w.staffIds[0], staffDebriefAt: '2099-01-05T09:00:00Z', staffDebriefBy: w.staffIds[1],
      parentInformedAt: '2026-11-16T15:00:00Z', parentInformedHow: 'in_person', parentInformedBy: w.staffIds[0] }] });
    expect(i.missing).toEqual([]);
    expect(json<Incident>(await w.req('POST', `/api/v1/incidents/${i.id}/sign-off`, w.s.lead, { version: i.version })).status).toBe('signed_off');
  });

  it('feeds the parent contact log from "parent told" on the form: entered once, kept in step, audited', async () => {
    const told = { parentInformedAt: '2026-11-16T15:30:00Z', parentInformedHow: 'phone', parentInformedBy: w.staffIds[0] };
    let i = await w.create(w.s.staff, withPi(told));
    const url = `/api/v1/incidents/${i.id}/parent-contacts`;
    type Log = { items: { id: string; pupilId: string; method: string; contactedAt: string; source: string; recordedByName: string }[] };
    const log = async (who: Session = w.s.staff) => json<Log>(await w.req('GET', url, who)).items;
    expect(await log()).toEqual([expect.objectContaining({ pupilId: w.pupils1[0], method: 'phone', contactedAt: '2026-11-16T15:30:00.000Z', source: 'incident_form' })]);
    // autosaves that do not touch it add nothing; a correction changes the one entry
    i = await patch(w.s.staff, i, { physicalInterventions: [{ reason: 'Heading for the road' }] });
    i = await patch(w.s.staff, i, { physicalInterventions: [{ parentInformedHow: 'in_person', parentInformedAt: '2026-11-16T15:45:00Z' }] });
    const [entry, ...more] = await log(w.s.lead);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ method: 'in_person', contactedAt: '2026-11-16T15:45:00.000Z', source: 'incident_form' });
    // a contact logged on the incident stands beside it
    expect((await w.req('POST', url, w.s.staff, { pupilId: w.pupils1[0], contactedAt: '2026-11-16T16:00:00Z', method: 'email', summary: 'Sent the follow-up.' })).statusCode).toBe(201);
    expect((await log()).map((c) => c.source)).toEqual(['log', 'incident_form']);
    // clearing "parent told" (or the whole section) takes the form's entry away, not the one logged by hand
    i = await patch(w.s.staff, i, { physicalInterventions: [{ parentInformedAt: null }] });
    expect((await log()).map((c) => c.source)).toEqual(['log']);
    i = await patch(w.s.staff, i, { physicalInterventions: [{ parentInformedAt: '2026-11-16T15:45:00Z' }] });
    expect((await log()).map((c) => c.source)).toEqual(['log', 'incident_form']);
    i = await patch(w.s.staff, i, { physicalIntervention: false, physicalInterventions: [] });
    expect((await log()).map((c) => c.source)).toEqual(['log']);
    const actions = (await w.t.database.db.select().from(auditEntries).where(eq(auditEntries.entityType, 'parent_contact')))
      .filter((a) => (a.details as { incidentId?: string }).incidentId === i.id).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['incident.parent_contact.create', 'incident.parent_contact.update', 'incident.parent_contact.delete']));
    // a refused save (a time in the future) writes no contact
    const before = await w.rows(parentContacts);
    const bad = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.staff, { version: i.version, physicalIntervention: true,
      physicalInterventions: [w.piBody({ parentInformedAt: '2099-01-01T10:00:00Z', parentInformedHow: 'phone', parentInformedBy: w.staffIds[0] })] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['physicalInterventions.0.parentInformedAt']);
    expect(await w.rows(parentContacts)).toBe(before);
    // out of scope: another site's lead sees neither the incident nor its log
    expect((await w.req('GET', url, await w.addUser('behaviour_lead', w.site2))).statusCode).toBe(404);
  });

  it('logs contacts with parents on an incident (INC-6)', async () => {
    const i = await w.create(w.s.staff, withPi({}));
    const url = `/api/v1/incidents/${i.id}/parent-contacts`;
    const body = { pupilId: w.pupils1[0], contactedAt: '2026-11-16T15:00:00Z', method: 'phone', contactName: 'Mum', summary: 'Told her about the hold; she was supportive.' };
    expect((await w.req('POST', url, undefined, body)).statusCode).toBe(401);
    expect((await w.req('GET', url)).statusCode).toBe(401);
    expect((await w.req('POST', url, w.s.governor, body)).statusCode).toBe(403);
    const before = await w.rows(parentContacts);
    expect(fieldsOf(json<ErrorBody>(await w.req('POST', url, w.s.staff, { ...body, pupilId: w.pupils1[3] })))).toEqual(['pupilId']);
    expect(fieldsOf(json<ErrorBody>(await w.req('POST', url, w.s.staff, { ...body, contactedAt: '2099-01-01T00:00:00Z' })))).toEqual(['contactedAt']);
    expect(fieldsOf(json<ErrorBody>(await w.req('POST', url, w.s.staff, { ...body, method: 'pigeon', summary: '' })))).toEqual(expect.arrayContaining(['method', 'summary']));
    expect(await w.rows(parentContacts)).toBe(before);
    const created = await w.req('POST', url, w.s.staff, body);
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({ pupilId: w.pupils1[0], method: 'phone', contactName: 'Mum', recordedByName: expect.any(String) });
    const list = json<{ items: { id: string; summary: string }[] }>(await w.req('GET', url, w.s.lead));
    expect(list.items.map((x) => x.summary)).toEqual([body.summary]);
    const lead2 = await w.addUser('behaviour_lead', w.site2);
    expect((await w.req('GET', url, lead2)).statusCode).toBe(404);
    expect((await w.req('POST', url, lead2, body)).statusCode).toBe(404);
  });
});
