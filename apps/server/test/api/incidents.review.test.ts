/** Review and sign-off (REV-1 … REV-3): the workflow, voiding, history, the review queue, flags, post-incident reviews. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { dbKinds, json, type Session } from '../harness.ts';
import { incidents, incidentVersions } from '../../src/db/schema/recording.ts';
import { notifications } from '../../src/db/schema/workflow.ts';
import { SOME_ID, fieldsOf, world, type ErrorBody, type Incident, type World } from './incidents.fixtures.ts';

interface History { items: { version: number; change: string; comment: string | null; changedBy: { name: string }; diff: { field: string; before: unknown; after: unknown }[] }[] }
interface Queue { items: { id: string; ageHours: number; overdue: boolean; resubmitted: boolean; submittedAt: string; parentNotInformedSameDay: boolean }[]; total: number }
interface Flags { awaitingReview: number; overdue: number; parentNotInformedSameDay: number }

describe.each(dbKinds())('incident review on %s', (kind) => {
  let w: World;
  beforeAll(async () => { w = await world(kind); });
  afterAll(async () => { await w?.t.close(); });
  const act = (who: Session, id: string, action: string, body: Record<string, unknown>) => w.req('POST', `/api/v1/incidents/${id}/${action}`, who, body);
  const submitted = async (who: Session, body = w.fullBody()) => {
    const i = await w.create(who, body);
    const res = await act(who, i.id, 'submit', { version: i.version });
    expect(res.statusCode, res.body).toBe(200);
    return json<Incident>(res);
  };

  it('refuses anonymous callers with 401 and roles without the permission with 403', async () => {
    const id = SOME_ID;
    for (const [method, url] of [['POST', `/api/v1/incidents/${id}/submit`], ['POST', `/api/v1/incidents/${id}/return`], ['POST', `/api/v1/incidents/${id}/sign-off`],
      ['POST', `/api/v1/incidents/${id}/void`], ['GET', '/api/v1/review-queue'], ['GET', '/api/v1/incidents/flags'],
      ['GET', `/api/v1/incidents/${id}/post-incident-review`], ['PUT', `/api/v1/incidents/${id}/post-incident-review`]] as const) {
      expect((await w.req(method, url, undefined, method === 'GET' ? undefined : {})).statusCode, url).toBe(401);
      if (url.endsWith('submit')) continue;
      expect((await w.req(method, url, w.s.staff, method === 'GET' ? undefined : {})).statusCode, `staff ${url}`).toBe(403);
    }
    expect((await w.req('GET', '/api/v1/review-queue', w.s.senco)).statusCode).toBe(403);
    expect((await w.req('GET', '/api/v1/incidents/flags', w.s.senco)).statusCode).toBe(200);
    expect((await act(w.s.governor, id, 'submit', { version: 1 })).statusCode).toBe(403);
  });

  it('runs the loop: submit names what is missing, return with comments, amend, resubmit, sign off', async () => {
    const draft = await w.create(w.s.staff, w.fullBody({ behaviour: null, categoryCodes: [], customValues: {} }));
    const refused = await act(w.s.staff, draft.id, 'submit', { version: 1 });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(refused))).toEqual(['behaviour', 'categoryCodes', 'customValues.zi_witnessed']);
    expect(json<Incident>(await w.req('GET', `/api/v1/incidents/${draft.id}`, w.s.staff))).toMatchObject({ status: 'draft', version: 1 });
    await w.req('PATCH', `/api/v1/incidents/${draft.id}`, w.s.staff, { version: 1, behaviour: 'Kicked the door', categoryCodes: ['ZI_DISRUPT'], customValues: { zi_witnessed: true } });
    const sub = json<Incident>(await act(w.s.staff, draft.id, 'submit', { version: 2 }));
    expect(sub).toMatchObject({ status: 'submitted', version: 3 });
    expect(sub.firstSubmittedAt).toBe(sub.submittedAt);
    expect(sub.allowed).not.toContain('edit');
    expect(json<Incident>(await w.req('GET', `/api/v1/incidents/${draft.id}`, w.s.lead)).allowed).toEqual(expect.arrayContaining(['return', 'signOff', 'edit', 'void']));

    const noComment = await act(w.s.lead, draft.id, 'return', { version: 3, comments: '  ' });
    expect(fieldsOf(json<ErrorBody>(noComment))).toEqual(['comments']);
    const returned = json<Incident>(await act(w.s.lead, draft.id, 'return', { version: 3, comments: 'Say which door and what happened before.' }));
    expect(returned).toMatchObject({ status: 'returned', version: 4, returnComments: 'Say which door and what happened before.' });
    const note = await w.t.database.db.select().from(notifications).where(and(eq(notifications.userId, w.s.staff.userId), eq(notifications.kind, 'incident.returned')));
    expect(note).toHaveLength(1);
    expect(note[0]!.link).toBe(`/incidents/${draft.id}`);
    expect(`${note[0]!.title} ${note[0]!.body}`).not.toContain('which door');
    const seen = json<Incident>(await w.req('GET', `/api/v1/incidents/${draft.id}`, w.s.staff));
    expect(seen.returnComments).toBe('Say which door and what happened before.');
    expect(seen.allowed).toEqual(expect.arrayContaining(['edit', 'submit']));

    await w.req('PATCH', `/api/v1/incidents/${draft.id}`, w.s.staff, { version: 4, behaviour: 'Kicked the classroom door after being told to stop' });
    const again = json<Incident>(await act(w.s.staff, draft.id, 'submit', { version: 5 }));
    expect(again).toMatchObject({ status: 'submitted', firstSubmittedAt: sub.firstSubmittedAt });
    const queue = json<Queue>(await w.req('GET', '/api/v1/review-queue', w.s.lead));
    expect(queue.items.find((x) => x.id === draft.id)?.resubmitted).toBe(true);
    const signed = json<Incident>(await act(w.s.lead, draft.id, 'sign-off', { version: 6 }));
    expect(signed).toMatchObject({ status: 'signed_off', version: 7, signedOffBy: { id: w.s.lead.userId }, missing: [] });
    const late = await w.req('PATCH', `/api/v1/incidents/${draft.id}`, w.s.staff, { version: 7, severity: 1 });
    expect(late.statusCode).toBe(409);
    expect(json<ErrorBody>(late).error.message).toMatch(/signed off/);
    expect((await act(w.s.staff, draft.id, 'submit', { version: 7 })).statusCode).toBe(409);

    const history = json<History>(await w.req('GET', `/api/v1/incidents/${draft.id}/history`, w.s.staff));
    expect(history.items.map((h) => h.change)).toEqual(['sign_off', 'resubmit', 'edit', 'return', 'submit', 'edit', 'create']);
    expect(history.items.find((h) => h.change === 'return')).toMatchObject({ comment: 'Say which door and what happened before.', diff: [{ field: 'status', before: 'submitted', after: 'returned' }] });
    expect(history.items[2]!.diff).toEqual([{ field: 'behaviour', before: 'Kicked the door', after: 'Kicked the classroom door after being told to stop' }]);
    expect(history.items[5]!.diff.map((d) => d.field)).toEqual(['categoryCodes', 'behaviour', 'customValues.zi_witnessed']);
    expect(history.items.at(-1)!.diff.map((d) => d.field)).toEqual(expect.arrayContaining(['siteId', 'status', 'pupils', 'occurredAt']));
  });

  it('does not let a reviewer sign off their own incident, and checks the version', async () => {
    const own = await submitted(w.s.lead);
    const refused = await act(w.s.lead, own.id, 'sign-off', { version: own.version });
    expect(refused.statusCode).toBe(403);
    expect(json<ErrorBody>(refused).error.message).toMatch(/another reviewer must sign it off/);
    expect(json<Incident>(await w.req('GET', `/api/v1/incidents/${own.id}`, w.s.lead)).allowed).not.toContain('signOff');
    expect((await act(w.s.head, own.id, 'sign-off', { version: own.version - 1 })).statusCode).toBe(409);
    expect((await act(w.s.head, own.id, 'sign-off', {})).statusCode).toBe(400);
    expect(json<Incident>(await act(w.s.head, own.id, 'sign-off', { version: own.version })).status).toBe('signed_off');
    expect((await act(w.s.head, own.id, 'return', { version: own.version + 1, comments: 'Too late' })).statusCode).toBe(409);
  });

  it('voids with a reason from any status, deleting nothing', async () => {
    const i = await submitted(w.s.staff);
    const short = await act(w.s.lead, i.id, 'void', { version: i.version, reason: 'x' });
    expect(fieldsOf(json<ErrorBody>(short))).toEqual(['reason']);
    const lead2 = await w.addUser('behaviour_lead', w.site2);
    expect((await act(lead2, i.id, 'void', { version: i.version, reason: 'Not mine to void' })).statusCode).toBe(404);
    const v = json<Incident>(await act(w.s.lead, i.id, 'void', { version: i.version, reason: 'Duplicate of another record' }));
    expect(v).toMatchObject({ voided: true, status: 'submitted', version: i.version + 1 });
    expect(v.allowed.sort()).toEqual(['history', 'view']);
    expect((await act(w.s.lead, i.id, 'void', { version: v.version, reason: 'Again please' })).statusCode).toBe(409);
    expect((await act(w.s.head, i.id, 'sign-off', { version: v.version })).statusCode).toBe(409);
    expect((await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.lead, { version: v.version, severity: 1 })).statusCode).toBe(409);
    const row = (await w.t.database.db.select().from(incidents).where(eq(incidents.id, i.id)))[0]!;
    expect(row).toMatchObject({ voidReason: 'Duplicate of another record', voidedBy: w.s.lead.userId, behaviour: 'Pushed another pupil and ran off' });
    const last = (await w.t.database.db.select().from(incidentVersions).where(eq(incidentVersions.incidentId, i.id))).find((x) => x.change === 'void');
    expect(last?.comment).toBe('Duplicate of another record');
    expect(json<Queue>(await w.req('GET', '/api/v1/review-queue', w.s.lead)).items.map((x) => x.id)).not.toContain(i.id);
  });

  it('queues what awaits review, oldest first, with ages and overdue flags, at the sites the caller reviews', async () => {
    const flagsBefore = json<Flags>(await w.req('GET', `/api/v1/incidents/flags?siteId=${w.site1}`, w.s.lead));
    const older = await submitted(w.s.staff);
    const newer = await submitted(w.s.staff);
    await w.t.database.db.update(incidents).set({ submittedAt: new Date(Date.now() - 50 * 3_600_000) }).where(eq(incidents.id, older.id));
    const at2 = await submitted(w.s.cluster, w.fullBody({ siteId: w.site2, pupils: [{ pupilId: w.pupil2, role: 'involved' }], customValues: {} }));
    const q = json<Queue>(await w.req('GET', '/api/v1/review-queue', w.s.lead));
    const pos = (id: string) => q.items.findIndex((x) => x.id === id);
    expect(pos(older.id)).toBeGreaterThanOrEqual(0);
    expect(pos(older.id)).toBeLessThan(pos(newer.id));
    expect(pos(at2.id)).toBe(-1);
    expect(q.items.map((x) => x.submittedAt)).toEqual([...q.items.map((x) => x.submittedAt)].sort());
    expect(q.items[pos(older.id)]).toMatchObject({ overdue: true, resubmitted: false });
    expect(q.items[pos(older.id)]!.ageHours).toBeGreaterThanOrEqual(50);
    expect(q.items[pos(newer.id)]).toMatchObject({ overdue: false });
    expect(q.items[pos(newer.id)]!.ageHours).toBeLessThan(1);
    expect(q.total).toBe(q.items.length);
    const cluster = json<Queue>(await w.req('GET', '/api/v1/review-queue', w.s.cluster)).items.map((x) => x.id);
    expect(cluster).toEqual(expect.arrayContaining([older.id, at2.id]));
    expect(json<Queue>(await w.req('GET', `/api/v1/review-queue?siteId=${w.site2}`, w.s.cluster)).items.map((x) => x.id)).not.toContain(older.id);
    expect((await w.req('GET', `/api/v1/review-queue?siteId=${w.site3}`, w.s.lead)).statusCode).toBe(403);
    const flags = json<Flags>(await w.req('GET', `/api/v1/incidents/flags?siteId=${w.site1}`, w.s.lead));
    expect(flags.awaitingReview - flagsBefore.awaitingReview).toBe(2);
    expect(flags.overdue - flagsBefore.overdue).toBe(1);
    expect((await w.req('GET', `/api/v1/incidents/flags?siteId=${w.site3}`, w.s.lead)).statusCode).toBe(403);
  });

  it('keeps a post-incident review for serious incidents only (REV-3)', async () => {
    const ordinary = await submitted(w.s.staff);
    expect((await w.req('PUT', `/api/v1/incidents/${ordinary.id}/post-incident-review`, w.s.lead, { learning: 'x' })).statusCode).toBe(409);
    expect((await w.req('GET', `/api/v1/incidents/${ordinary.id}/post-incident-review`, w.s.lead)).statusCode).toBe(404);
    const draft = await w.create(w.s.staff, w.fullBody({ severity: 5 }));
    expect((await w.req('PUT', `/api/v1/incidents/${draft.id}/post-incident-review`, w.s.lead, { learning: 'x' })).statusCode).toBe(409);
    const serious = await submitted(w.s.staff, w.fullBody({ severity: 4 }));
    expect(serious.serious).toBe(true);
    const url = `/api/v1/incidents/${serious.id}/post-incident-review`;
    expect(json<Incident>(await w.req('GET', `/api/v1/incidents/${serious.id}`, w.s.lead)).allowed).toContain('postIncidentReview');
    expect((await w.req('GET', url, w.s.lead)).statusCode).toBe(404);
    const started = json<{ status: string; version: number; whatHappened: string }>(await w.req('PUT', url, w.s.lead, { whatHappened: 'A push in the hall' }));
    expect(started).toMatchObject({ status: 'open', version: 1, whatHappened: 'A push in the hall' });
    const done = json<{ status: string; version: number; completedAt: string | null; learning: string; whatHappened: string }>(
      await w.req('PUT', url, w.s.lead, { learning: 'Line up in smaller groups', complete: true }));
    expect(done).toMatchObject({ status: 'completed', version: 2, learning: 'Line up in smaller groups', whatHappened: 'A push in the hall' });
    expect(done.completedAt).not.toBeNull();
    expect(json<{ status: string }>(await w.req('GET', url, w.s.head)).status).toBe('completed');
    expect(fieldsOf(json<ErrorBody>(await w.req('PUT', url, w.s.lead, { lessons: 'x' })))).toEqual(['lessons']);
    expect((await w.req('PUT', url, await w.addUser('behaviour_lead', w.site2), { learning: 'x' })).statusCode).toBe(404);
  });
});
