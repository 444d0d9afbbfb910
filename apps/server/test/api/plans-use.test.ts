/**
 * The plan in use (issue 14 §3–4): the key points read by staff at the pupil's site (audited; other sites, governors
 * and parents refused), a hold the plan does not approve flagged on the incident and in the review queue, "review the
 * plan" tasks raised once per trigger, post-incident review links to plan versions, and overdue reviews (ANA-6, my day).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { dbKinds, json, type Session } from '../harness.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { tasks } from '../../src/db/schema/workflow.ts';
import { policyOptions } from '../../src/db/schema/policy.ts';
import { behaviourSupportPlans, behaviourSupportPlanVersions } from '../../src/db/schema/plans.ts';
import { fieldsOf, world, type ErrorBody, type Incident, type World } from './incidents.fixtures.ts';

interface KeyPoints { pupil: { id: string; displayName: string }; plan: null | { id: string; version: number; triggers: string[]; approvedHolds: { code: string; label: string }[]; link: string; reviewOverdue: boolean } }
interface Check { items: { pupilId: string; plan: { id: string; version: number; link: string } | null; unapprovedHolds: { code: string }[] }[] }
interface Queue { items: { id: string; unapprovedHold: boolean }[] }
interface Pir { links: { kind: string; recordId: string; version: number; link: string }[] }
interface Overdue { totals: { plans: number }; bySite: { siteId: string; plans: number }[]; byOwner: { userId: string | null; plans: number }[] | null }

describe.each(dbKinds())('the plan in use on %s', (kind) => {
  let w: World;
  const plans = new Map<string, string>();
  beforeAll(async () => { w = await world(kind); });
  afterAll(async () => { await w?.t.close(); });

  /** An active plan for the pupil (any earlier active plan superseded), with version 1 in force since September. */
  async function activePlan(pupilId: string, o: { holds: string[]; owner: Session; reviewDate?: string; siteId?: string }): Promise<string> {
    const db = w.t.database.db;
    await db.update(behaviourSupportPlans).set({ status: 'superseded', supersededAt: new Date('2026-09-01T00:00:00Z') })
      .where(and(eq(behaviourSupportPlans.pupilId, pupilId), eq(behaviourSupportPlans.status, 'active')));
    const id = uuidv7();
    const at = new Date('2026-09-01T08:00:00Z');
    const content = {
      triggers: ['Sudden loud noises'], earlyWarningSigns: ['Covers ears', 'Paces by the door'], proactiveStrategies: ['Ear defenders in the hall'],
      deescalationStrategies: ['Offer the quiet room'], whatToAvoid: ['Raised voices'], approvedHolds: o.holds,
    };
    await db.insert(behaviourSupportPlans).values({ id, trustId: w.trustId, siteId: o.siteId ?? w.site1, pupilId, status: 'active', ...content,
      ownerUserId: o.owner.userId, reviewDate: o.reviewDate ?? '2027-07-01', activatedAt: at, activatedBy: o.owner.userId, version: 1,
      createdBy: o.owner.userId, updatedBy: o.owner.userId, createdAt: at, updatedAt: at });
    await db.insert(behaviourSupportPlanVersions).values({ id: uuidv7(), planId: id, trustId: w.trustId, pupilId, version: 1, status: 'active', event: 'activated',
      content: { aboutStrengths: '', aboutInterests: '', aboutCommunication: '', perceivedFunction: '', reactiveStrategies: '', recoverySupport: '', targets: [],
        pupilVoice: '', parentVoice: '', ownerUserId: o.owner.userId, reviewDate: o.reviewDate ?? '2027-07-01', ...content }, savedBy: o.owner.userId, savedAt: at });
    plans.set(pupilId, id);
    return id;
  }
  const planTasks = async (planId: string) => w.t.database.db.select().from(tasks).where(and(eq(tasks.sourceType, 'plan_review'), eq(tasks.sourceId, planId)));
  const submit = async (who: Session, i: { id: string; version: number }) => {
    const res = await w.req('POST', `/api/v1/incidents/${i.id}/submit`, who, { version: i.version });
    expect(res.statusCode, res.body).toBe(200);
    return json<Incident>(res);
  };

  it('shows the key points to staff at the pupil\'s site, audited; other sites, governors and parents are refused', async () => {
    const pupil = w.pupils1[0]!;
    const none = json<KeyPoints>(await w.req('GET', `/api/v1/pupils/${pupil}/plan-key-points`, w.s.staff));
    await activePlan(pupil, { holds: ['ZI_GUIDE'], owner: w.s.lead });
    const res = await w.req('GET', `/api/v1/pupils/${pupil}/plan-key-points`, w.s.staff);
    expect(res.statusCode, res.body).toBe(200);
    const kp = json<KeyPoints>(res);
    expect(none.pupil.id).toBe(pupil);
    expect(kp.plan).toMatchObject({ version: 1, triggers: ['Sudden loud noises'], approvedHolds: [{ code: 'ZI_GUIDE', label: 'Test ZI_GUIDE' }], reviewOverdue: false });
    expect(kp.plan!.link).toBe(`/pupils/${pupil}/plans/${plans.get(pupil)}`);
    const reads = await w.t.database.db.select().from(auditEntries)
      .where(and(eq(auditEntries.action, 'plan.key_points.read'), eq(auditEntries.entityId, pupil), eq(auditEntries.actorUserId, w.s.staff.userId)));
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.at(-1)!.details).toMatchObject({ specialCategory: true, planVersion: 1 });
    expect(JSON.stringify(reads.at(-1)!.details)).not.toMatch(/loud noises/);

    const otherSite = await w.addUser('staff', w.site2);
    expect((await w.req('GET', `/api/v1/pupils/${pupil}/plan-key-points`, otherSite)).statusCode).toBe(404);
    expect((await w.req('GET', `/api/v1/pupils/${pupil}/plan-key-points`, w.s.governor)).statusCode).toBe(403);
    expect((await w.req('GET', `/api/v1/pupils/${pupil}/plan-key-points`, w.s.parent)).statusCode).toBe(403);
    expect((await w.req('GET', `/api/v1/pupils/${pupil}/plan-key-points`)).statusCode).toBe(401);
    expect((await w.req('GET', '/api/v1/pupils/not-a-uuid/plan-key-points', w.s.staff)).statusCode).toBe(400);
  });

  it('flags a hold the plan does not approve on the incident and in the review queue, and asks the owner once to review the plan', async () => {
    const pupil = w.pupils1[0]!;
    const planId = await activePlan(pupil, { holds: ['ZI_GUIDE'], owner: w.s.lead });
    // the fixture's intervention uses ZI_GUIDE and ZI_ESCORT: ZI_ESCORT is not in the plan (the save is not refused)
    let i = await w.create(w.s.staff, w.fullBody({ physicalIntervention: true, physicalInterventions: [w.piBody()] }));
    const check = json<Check>(await w.req('GET', `/api/v1/incidents/${i.id}/plan-check`, w.s.staff));
    expect(check.items).toEqual([expect.objectContaining({ pupilId: pupil, plan: { id: planId, version: 1, link: `/pupils/${pupil}/plans/${planId}?version=1` },
      unapprovedHolds: [expect.objectContaining({ code: 'ZI_ESCORT' })] })]);
    expect((await w.req('GET', `/api/v1/incidents/${i.id}/plan-check`, await w.addUser('staff', w.site2))).statusCode).toBe(404);

    const clean = await w.create(w.s.staff, w.fullBody({ physicalIntervention: true,
      physicalInterventions: [w.piBody({ staffTechniques: [{ staffId: w.staffIds[0], techniqueCodes: ['ZI_GUIDE'] }] })] }));
    i = await submit(w.s.staff, i);
    await submit(w.s.staff, clean);
    const all = json<Queue>(await w.req('GET', '/api/v1/review-queue', w.s.lead)).items;
    expect(all.find((x) => x.id === i.id)?.unapprovedHold).toBe(true);
    expect(all.find((x) => x.id === clean.id)?.unapprovedHold).toBe(false);
    const flagged = json<Queue>(await w.req('GET', '/api/v1/review-queue?unapprovedHold=true', w.s.lead)).items.map((x) => x.id);
    expect(flagged).toContain(i.id);
    expect(flagged).not.toContain(clean.id);
    const unflagged = json<Queue>(await w.req('GET', '/api/v1/review-queue?unapprovedHold=false', w.s.lead)).items.map((x) => x.id);
    expect(unflagged).toContain(clean.id);
    expect(unflagged).not.toContain(i.id);
    expect((await w.req('GET', '/api/v1/review-queue?unapprovedHold=maybe', w.s.lead)).statusCode).toBe(400);

    // one task per physical intervention, for the owner, however often the incident is resubmitted
    const first = await planTasks(planId);
    expect(first.filter((t) => t.status === 'open')).toHaveLength(2);
    expect(first.every((t) => t.assignedUserId === w.s.lead.userId && t.pupilId === pupil)).toBe(true);
    const back = await w.req('POST', `/api/v1/incidents/${i.id}/return`, w.s.lead, { version: i.version, comments: 'Add the room' });
    expect(back.statusCode, back.body).toBe(200);
    await submit(w.s.staff, json<Incident>(back));
    expect(await planTasks(planId)).toHaveLength(2);
    const mine = json<{ items: { sourceType: string; assignedToMe: boolean }[] }>(await w.req('GET', '/api/v1/tasks', w.s.lead)).items
      .filter((t) => t.sourceType === 'plan_review');
    expect(mine.some((t) => t.assignedToMe)).toBe(true);
  });

  it('asks for a review when a pupil reaches N incidents in M school days (set per site), once per window', async () => {
    const pupil = w.pupils1[2]!;
    const planId = await activePlan(pupil, { holds: [], owner: w.s.senco });
    const db = w.t.database.db;
    await db.insert(policyOptions).values([
      { id: uuidv7(), trustId: w.trustId, siteId: w.site1, kind: 'setting', code: 'PLAN_REVIEW_INCIDENTS', label: 'N', details: { value: 2 } },
      { id: uuidv7(), trustId: w.trustId, siteId: w.site1, kind: 'setting', code: 'PLAN_REVIEW_SCHOOL_DAYS', label: 'M', details: { value: 5 } },
    ]);
    const body = (at: string) => w.fullBody({ occurredAt: at, pupils: [{ pupilId: pupil, role: 'instigator' }] });
    await submit(w.s.staff, await w.create(w.s.staff, body('2026-11-16T10:00:00Z')));
    expect(await planTasks(planId)).toHaveLength(0);
    await submit(w.s.staff, await w.create(w.s.staff, body('2026-11-17T10:00:00Z')));
    expect(await planTasks(planId)).toHaveLength(1);
    await submit(w.s.staff, await w.create(w.s.staff, body('2026-11-18T10:00:00Z')));
    const after = await planTasks(planId);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ assignedUserId: w.s.senco.userId, title: expect.stringMatching(/^Review .+'s behaviour support plan$/) });
  });

  it('links the plan versions a post-incident review changed, refusing versions that do not exist or other pupils\' plans', async () => {
    const pupil = w.pupils1[0]!;
    const planId = await activePlan(pupil, { holds: ['ZI_GUIDE'], owner: w.s.lead });
    const stranger = await activePlan(w.pupil2, { holds: [], owner: w.s.cluster, siteId: w.site2 });
    const i = await submit(w.s.staff, await w.create(w.s.staff, w.fullBody({ physicalIntervention: true, physicalInterventions: [w.piBody()] })));
    const url = `/api/v1/incidents/${i.id}/post-incident-review`;
    const options = json<{ items: { recordId: string; versions: number[] }[] }>(await w.req('GET', `${url}/link-options`, w.s.lead));
    expect(options.items.find((o) => o.recordId === planId)?.versions).toEqual([1]);
    expect((await w.req('GET', `${url}/link-options`, w.s.staff)).statusCode).toBe(403);
    const bad = await w.req('PUT', url, w.s.lead, { learning: 'More space', links: [{ kind: 'plan', recordId: planId, version: 7 }] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['links.0.version']);
    const foreign = await w.req('PUT', url, w.s.lead, { links: [{ kind: 'plan', recordId: stranger, version: 1 }] });
    expect(fieldsOf(json<ErrorBody>(foreign))).toEqual(['links.0.recordId']);
    // nothing half-saved: the refused review was not started
    expect((await w.req('GET', url, w.s.lead)).statusCode).toBe(404);
    const ok = await w.req('PUT', url, w.s.lead, { planChanges: 'Escort added to the handling plan', links: [{ kind: 'plan', recordId: planId, version: 1 }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<Pir>(ok).links).toEqual([expect.objectContaining({ kind: 'plan', recordId: planId, version: 1, link: `/pupils/${pupil}/plans/${planId}?version=1` })]);
    expect(json<Pir>(await w.req('GET', url, w.s.lead)).links).toHaveLength(1);
  });

  it('counts overdue plan reviews per site and per owner, lists them, and puts them in the owner\'s day', async () => {
    const pupil = w.pupils1[3]!;
    const planId = await activePlan(pupil, { holds: [], owner: w.s.senco, reviewDate: '2026-10-01' });
    const o = json<Overdue>(await w.req('GET', `/api/v1/analytics/overdue-reviews?siteId=${w.site1}`, w.s.lead));
    expect(o.bySite.find((s) => s.siteId === w.site1)!.plans).toBeGreaterThanOrEqual(1);
    expect(o.byOwner!.find((x) => x.userId === w.s.senco.userId)!.plans).toBeGreaterThanOrEqual(1);
    const gov = await w.req('GET', '/api/v1/analytics/overdue-reviews', w.s.governor);
    if (gov.statusCode === 200) expect(json<Overdue>(gov).byOwner).toBeNull();
    else expect(gov.statusCode).toBe(403);
    expect((await w.req('GET', '/api/v1/analytics/overdue-reviews', w.s.staff)).statusCode).toBe(403);
    expect((await w.req('GET', `/api/v1/analytics/overdue-reviews?siteId=${w.site3}`, w.s.lead)).statusCode).toBe(404);
    const records = json<{ items: { id: string; daysOverdue: number; link: string }[] }>(
      await w.req('GET', `/api/v1/analytics/overdue-reviews/records?ownerId=${w.s.senco.userId}&kind=plan`, w.s.lead));
    expect(records.items.find((r) => r.id === planId)).toMatchObject({ link: `/pupils/${pupil}/plans/${planId}` });
    expect((await w.req('GET', '/api/v1/analytics/overdue-reviews/records?ownerId=someone', w.s.lead)).statusCode).toBe(400);
    expect((await w.req('GET', '/api/v1/analytics/overdue-reviews/records', w.s.parent)).statusCode).toBe(403);
    const kp = json<KeyPoints>(await w.req('GET', `/api/v1/pupils/${pupil}/plan-key-points`, w.s.staff));
    expect(kp.plan!.reviewOverdue).toBe(true);
    const day = json<{ cards: { key: string; total: number; items: { link: string }[] }[] }>(await w.req('GET', '/api/v1/my-day', w.s.senco));
    const card = day.cards.find((c) => c.key === 'plan_reviews_overdue');
    expect(card?.items.map((x) => x.link)).toContain(`/pupils/${pupil}/plans/${planId}`);
  });
});
