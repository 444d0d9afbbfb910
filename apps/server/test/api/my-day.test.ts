/**
 * "My day" (issue 13): each role's cards, each agreeing with the list its link opens (the same scope), and the
 * refusals: nobody anonymous, nothing of another site, a parent's own children only, sealed concerns never counted
 * for anyone but the DSL of their site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TMyDay, TMyDayCard } from '@haven/contracts';
import { ZMyDay } from '@haven/contracts';
import { dbKinds, json, type Session } from '../harness.ts';
import { londonToday } from '../../src/core/time.ts';
import { detentionSessions } from '../../src/db/schema/sanctions.ts';
import { pupilGroups, staffMembers } from '../../src/db/schema/pupils.ts';
import { world, type Incident, type World } from './incidents.fixtures.ts';
import { addType } from './detentions.fixtures.ts';

describe.each(dbKinds())('my day on %s', (kind) => {
  let w: World;
  beforeAll(async () => { w = await world(kind); });
  afterAll(async () => { await w?.t.close(); });

  const myDay = async (who: Session): Promise<TMyDay> => {
    const res = await w.req('GET', '/api/v1/my-day', who);
    expect(res.statusCode, res.body).toBe(200);
    return ZMyDay.parse(json(res));
  };
  const cardOf = (d: TMyDay, key: TMyDayCard['key']) => d.cards.find((c) => c.key === key);
  const keys = (d: TMyDay) => d.cards.map((c) => c.key);
  const submit = async (who: Session, i: Incident) => {
    const res = await w.req('POST', `/api/v1/incidents/${i.id}/submit`, who, { version: i.version });
    expect(res.statusCode, res.body).toBe(200);
    return json<Incident>(res);
  };

  it('refuses an anonymous caller', async () => {
    expect((await w.req('GET', '/api/v1/my-day')).statusCode).toBe(401);
  });

  it("gives a member of staff their actions, their drafts and records returned to them, today's detentions they supervise and their classes", async () => {
    const draft = await w.create(w.s.staff);
    const toReturn = await submit(w.s.staff, await w.create(w.s.staff));
    const ret = await w.req('POST', `/api/v1/incidents/${toReturn.id}/return`, w.s.lead, { version: toReturn.version, comments: 'Say what happened first.' });
    expect(ret.statusCode, ret.body).toBe(200);

    const db = w.t.database.db;
    const type = await addType(w.t, w.s.lead, { siteId: w.site1, name: 'My day test detention' });
    const sessionId = uuidv7();
    await db.insert(detentionSessions).values({ id: sessionId, trustId: w.trustId, siteId: w.site1, typeId: type.id, date: londonToday(), startTime: '15:30',
      endTime: '16:00', room: 'Room 12', supervisorUserId: w.s.staff.userId, capacity: 10, createdBy: w.s.lead.userId });
    // the member of staff tutors one form at their site, and one at a site where they do not work
    const mine = (await db.select().from(staffMembers).where(eq(staffMembers.userId, w.s.staff.userId)))[0];
    const staffId = mine?.id ?? uuidv7();
    if (!mine) await db.insert(staffMembers).values({ id: staffId, trustId: w.trustId, siteId: w.site1, userId: w.s.staff.userId, forename: 'Sam', surname: 'Staff', jobTitle: 'Teacher' });
    const form1 = uuidv7();
    const form2 = uuidv7();
    await db.insert(pupilGroups).values([
      { id: form1, trustId: w.trustId, siteId: w.site1, name: 'ZZ My day form', kind: 'form', yearGroup: 7, tutorStaffId: staffId },
      { id: form2, trustId: w.trustId, siteId: w.site2, name: 'ZZ Other site form', kind: 'form', yearGroup: 7, tutorStaffId: staffId },
    ]);

    const d = await myDay(w.s.staff);
    expect(d.today).toBe(londonToday());
    expect(d.actions).toEqual(['quick_log', 'record_incident', 'raise_concern']);
    const drafts = cardOf(d, 'drafts')!;
    const listed = json<{ total: number }>(await w.req('GET', '/api/v1/incidents?mine=true&status=draft', w.s.staff));
    expect(drafts.total).toBe(listed.total);
    expect(drafts.items.length).toBe(Math.min(5, listed.total));
    expect(drafts.link).toBe('/incidents?mine=true&status=draft');
    const draftItem = drafts.items.find((i) => i.id === draft.id)!;
    expect(draftItem.link).toBe(`/incidents/${draft.id}/edit`);
    expect(draftItem).toMatchObject({ date: '2026-11-16', time: '10:00' });
    expect(cardOf(d, 'returned')!.items.map((i) => i.id)).toContain(toReturn.id);
    expect(cardOf(d, 'returned')!.items.find((i) => i.id === toReturn.id)!.link).toBe(`/incidents/${toReturn.id}`);
    expect(cardOf(d, 'supervising')!.items).toEqual([expect.objectContaining({ id: sessionId, title: 'My day test detention', time: '15:30', link: `/detentions/${sessionId}` })]);
    const groups = cardOf(d, 'my_groups')!;
    expect(groups.items.map((g) => g.id)).toContain(form1);
    expect(groups.items.map((g) => g.id)).not.toContain(form2);
    expect(groups.items.find((g) => g.id === form1)!.link).toBe(`/quick-log?siteId=${w.site1}&groupId=${form1}`);
    // nothing of a lead's, a head's, a DSL's, a governor's or a parent's
    for (const k of ['review_waiting', 'review_overdue', 'pi_parent_not_told', 'detentions_today', 'isolation_today', 'decisions', 'deadlines',
      'safeguarding_new', 'reports', 'children'] as const) expect(keys(d), k).not.toContain(k);

    // the lead sees the session among today's detentions, with who supervises it
    const lead = await myDay(w.s.lead);
    expect(cardOf(lead, 'detentions_today')!.items.find((i) => i.id === sessionId)!.detail).toContain('supervised by');
    expect(keys(lead)).not.toContain('supervising');
  });

  it("gives a lead the review queue as the queue's own endpoint has it, physical interventions with no parent told, tasks and today's sanctions", async () => {
    const waiting = await submit(w.s.staff, await w.create(w.s.staff));
    const pi = await w.create(w.s.staff, w.fullBody({ physicalIntervention: true, physicalInterventions: [w.piBody()] }));
    const d = await myDay(w.s.lead);
    const queue = json<{ total: number; items: { id: string; overdue: boolean }[] }>(await w.req('GET', '/api/v1/review-queue', w.s.lead));
    expect(cardOf(d, 'review_waiting')!.total).toBe(queue.total);
    expect(cardOf(d, 'review_waiting')!.items.map((i) => i.id)).toEqual(queue.items.slice(0, 5).map((i) => i.id));
    expect(cardOf(d, 'review_overdue')!.total).toBe(queue.items.filter((i) => i.overdue).length);
    expect(cardOf(d, 'review_overdue')!.link).toBe('/review-queue?olderThanHours=48');
    const all = json<{ items: { id: string }[] }>(await w.req('GET', '/api/v1/review-queue', w.s.lead)).items.map((i) => i.id);
    expect(all).toContain(waiting.id);
    const pis = cardOf(d, 'pi_parent_not_told')!;
    expect(pis.total).toBeGreaterThanOrEqual(1);
    expect(pis.items.map((i) => i.id)).toContain(pi.id);
    expect(pis.items.every((i) => i.flagged)).toBe(true);
    const tasks = json<{ total: number }>(await w.req('GET', '/api/v1/tasks', w.s.lead));
    expect(cardOf(d, 'tasks')!.total).toBe(tasks.total);
    expect(keys(d)).toEqual(expect.arrayContaining(['detentions_today', 'isolation_today', 'deadlines']));
    expect(keys(d)).not.toContain('safeguarding_new');
    expect(keys(d)).not.toContain('decisions');
    expect(d.actions).toContain('quick_log');
  });

  it("shows nothing of another site: a lead of another site sees none of this site's queue, and the cluster lead sees both", async () => {
    const here = await submit(w.s.staff, await w.create(w.s.staff));
    const other = await w.addUser('behaviour_lead', w.site3);
    const d = await myDay(other);
    const everyId = JSON.stringify(d);
    expect(everyId).not.toContain(here.id);
    const theirQueue = json<{ total: number }>(await w.req('GET', '/api/v1/review-queue', other));
    expect(cardOf(d, 'review_waiting')!.total).toBe(theirQueue.total);
    const cluster = await myDay(w.s.cluster);
    const clusterQueue = json<{ total: number }>(await w.req('GET', '/api/v1/review-queue', w.s.cluster));
    expect(cardOf(cluster, 'review_waiting')!.total).toBe(clusterQueue.total);
  });

  it('gives the head the serious incidents to decide on and the statutory deadlines of their site', async () => {
    const serious = await submit(w.s.staff, await w.create(w.s.staff, w.fullBody({ severity: 4, categoryCodes: ['ZI_ASSAULT'] })));
    const d = await myDay(w.s.head);
    const decisions = cardOf(d, 'decisions')!;
    expect(decisions.items.map((i) => i.id).concat(decisions.total > 5 ? [serious.id] : [])).toContain(serious.id);
    const deadlines = json<{ items: unknown[] }>(await w.req('GET', '/api/v1/deadlines', w.s.head));
    expect(cardOf(d, 'deadlines')!.total).toBe(deadlines.items.length);
    // a behaviour lead reviews but does not decide on suspensions
    expect(keys(await myDay(w.s.lead))).not.toContain('decisions');
  });

  it('counts sealed concerns for the DSL of their site only, and never names them', async () => {
    const raised = await w.req('POST', '/api/v1/safeguarding-concerns', w.s.staff, { pupilIds: [w.pupils1[0]], category: 'physical', concern: 'ZZ sealed words for my day' });
    expect(raised.statusCode, raised.body).toBe(201);
    const id = json<{ id: string }>(raised).id;
    const dsl = await myDay(w.s.dsl);
    const inbox = json<{ total: number }>(await w.req('GET', '/api/v1/safeguarding-concerns?status=new', w.s.dsl));
    expect(cardOf(dsl, 'safeguarding_new')).toMatchObject({ total: inbox.total, items: [], link: '/safeguarding?status=new' });
    expect(inbox.total).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(dsl)).not.toContain('ZZ sealed words');
    const otherDsl = await w.addUser('dsl', w.site3);
    const before = cardOf(await myDay(otherDsl), 'safeguarding_new')!.total;
    const theirs = json<{ total: number }>(await w.req('GET', '/api/v1/safeguarding-concerns?status=new', otherDsl));
    expect(before).toBe(theirs.total);
    for (const who of [w.s.staff, w.s.lead, w.s.head, w.s.slt, w.s.senco, w.s.cluster, w.s.admin, w.s.governor, w.s.parent]) {
      const d = await myDay(who);
      expect(keys(d)).not.toContain('safeguarding_new');
      expect(JSON.stringify(d)).not.toContain(id);
      expect(JSON.stringify(d)).not.toContain('ZZ sealed words');
    }
  });

  it("gives a governor their reports and no pupil, and a parent their own children only", async () => {
    const gov = await myDay(w.s.governor);
    expect(gov.actions).toEqual([]);
    expect(keys(gov)).toEqual(['reports']);
    expect(cardOf(gov, 'reports')!.items.map((i) => i.link)).toEqual(expect.arrayContaining(['/reports/governors', '/reports']));

    const parent = await myDay(w.s.parent);
    expect(parent.actions).toEqual([]);
    expect(keys(parent)).toEqual(['children']);
    const own = json<{ items: { id: string }[] }>(await w.req('GET', '/api/v1/parent/children', w.s.parent)).items.map((c) => c.id);
    expect(own.length).toBeGreaterThan(0);
    expect(cardOf(parent, 'children')!.items.map((i) => i.id).sort()).toEqual(own.slice(0, 5).sort());
    expect(cardOf(parent, 'children')!.total).toBe(own.length);
    expect(JSON.stringify(parent)).not.toContain(w.pupils1[1]!);

    // a parent with no children at the school sees an empty card, not someone else's
    const stranger = await w.addUser('parent', w.site1);
    expect(cardOf(await myDay(stranger), 'children')).toMatchObject({ total: 0, items: [] });
  });

  it('gives a trust administrator no pupil cards', async () => {
    const d = await myDay(w.s.admin);
    expect(d.actions).toEqual([]);
    for (const c of d.cards) expect(['tasks', 'reports']).toContain(c.key);
  });
});
