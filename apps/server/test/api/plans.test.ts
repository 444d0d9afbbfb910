/**
 * Behaviour support plans (SUP-1) through the API on both databases: the lifecycle draft → active → superseded,
 * versions and field-level history, 409 on a stale version, scope (another site's staff, governors, parents), bad
 * input naming the field, the audit of reads and writes, copying, the trust's template, the PDF and the reminder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { addUser, demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { pdfText } from '../pdf.ts';
import { activePlanForPupil, planVersionInForce } from '../../src/modules/plans/plans.repo.ts';
import { enqueue } from '../../src/core/jobs/queue.ts';
import { runDue } from '../../src/core/jobs/runner.ts';
import { londonToday } from '../../src/core/time.ts';
import '../../src/jobs.ts';

interface Plan { id: string; status: string; version: number; siteId: string; fields: Record<string, unknown>; wording: Record<string, { heading: string }>;
  signature: { byName: string; current: boolean } | null; acknowledgements: { contactName: string; method: string; planVersion: number }[]; allowed: string[];
  startedFrom: string; copiedFromPlanId: string | null; holdLabels: Record<string, string> }
interface History { versions: { version: number; status: string; event: string }[]; changes: { version: number; field: string; from: unknown; to: unknown; changedByName: string }[] }

const FUTURE = '2027-06-30';

describe.each(dbKinds())('behaviour support plans on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let lead: Session; let senco: Session; let governor: Session; let parent: Session; let admin: Session; let cluster: Session; let otherStaff: Session;
  let pupils: string[];
  const missing = '0190a6c4-0000-7000-8000-0000000000aa';
  const h = (who?: Session) => who?.headers ?? {};
  const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown, who?: Session) => t.app.inject({ method, url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  const filled = (owner: string) => ({ triggers: ['Loud noises', 'Changes without warning'], earlyWarningSigns: ['Covers ears'], proactiveStrategies: ['Visual timetable'],
    deescalationStrategies: ['Calm voice, few words'], whatToAvoid: ['Raised voices'], approvedHolds: ['CARING_C_GUIDE'], aboutStrengths: 'Kind and funny',
    reviewDate: FUTURE, ownerUserId: owner });
  const create = async (pupilId: string, who: Session, extra: Record<string, unknown> = {}) => {
    const res = await send('POST', '/api/v1/plans', { pupilId, ...extra }, who);
    expect(res.statusCode, res.body).toBe(201);
    return json<Plan>(res);
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, senco, governor, parent, cluster] = await Promise.all(['staff', 'behaviour_lead', 'senco', 'governor', 'parent', 'cluster_lead']
      .map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session, Session, Session];
    admin = await sessionFor(t, demoEmail('trust_admin'));
    otherStaff = await sessionFor(t, await addUser(t, s.trustId, 'behaviour_lead', s.site3));
    const withPlans = new Set((await t.database.query<{ pupil_id: string }>('select pupil_id from behaviour_support_plans')).map((r) => r.pupil_id));
    const withContacts = new Set((await t.database.query<{ pupil_id: string }>('select pupil_id from pupil_contacts')).map((r) => r.pupil_id));
    pupils = (await pupilsAt(t, s.site1, 60)).filter((p) => !withPlans.has(p) && withContacts.has(p)).slice(0, 6);
  });
  afterAll(async () => { await t?.close(); });

  it('401 without a session; 403 for governors, parents, staff writing and the trust admin reading; 404 for another site', async () => {
    const p = pupils[0]!;
    for (const res of [await get(`/api/v1/plans?pupilId=${p}`), await send('POST', '/api/v1/plans', {}), await get(`/api/v1/plans/${missing}`),
      await send('PATCH', `/api/v1/plans/${missing}`, {}), await get(`/api/v1/plans/${missing}/pdf`), await get('/api/v1/plans/template')]) expect(res.statusCode).toBe(401);
    expect((await get(`/api/v1/plans?pupilId=${p}`, governor)).statusCode).toBe(403);
    expect((await get(`/api/v1/plans?pupilId=${p}`, parent)).statusCode).toBe(403);
    expect((await get(`/api/v1/plans?pupilId=${p}`, admin)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/plans', { pupilId: p }, staff)).statusCode).toBe(403);
    expect((await get('/api/v1/plans/template', staff)).statusCode).toBe(403);
    expect((await send('PUT', '/api/v1/plans/template', { sections: [{ key: 'triggers', heading: 'X', prompt: '' }], version: 0 }, lead)).statusCode).toBe(403);
    expect((await get(`/api/v1/plans?pupilId=${p}`, otherStaff)).statusCode).toBe(404);
    expect((await get(`/api/v1/plans/options?pupilId=${p}`, otherStaff)).statusCode).toBe(404);
    const plan = await create(p, lead);
    for (const who of [otherStaff]) {
      expect((await get(`/api/v1/plans/${plan.id}`, who)).statusCode).toBe(404);
      expect((await get(`/api/v1/plans/${plan.id}/pdf`, who)).statusCode).toBe(404);
      expect((await get(`/api/v1/plans/${plan.id}/history`, who)).statusCode).toBe(404);
      expect((await send('PATCH', `/api/v1/plans/${plan.id}`, { version: 1, triggers: ['x'] }, who)).statusCode).toBe(404);
    }
    for (const who of [governor, parent]) expect((await get(`/api/v1/plans/${plan.id}`, who)).statusCode).toBe(403);
    expect((await send('PATCH', `/api/v1/plans/${plan.id}`, { version: 1, triggers: ['x'] }, staff)).statusCode).toBe(403);
    expect((await send('POST', `/api/v1/plans/${plan.id}/activate`, { version: 1 }, staff)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/plans', { pupilId: (await pupilsAt(t, s.site3, 1))[0] }, lead)).statusCode).toBe(400);
  });

  it('a lead writes, activates, signs, and records a parent\'s acknowledgement; every read and write is audited', async () => {
    const p = pupils[1]!;
    const opts = json<{ techniques: { code: string }[]; owners: { userId: string }[]; contacts: { id: string }[] }>(await get(`/api/v1/plans/options?pupilId=${p}`, lead));
    expect(opts.techniques.map((x) => x.code)).toContain('CARING_C_GUIDE');
    expect(opts.owners.map((o) => o.userId)).toContain(lead.userId);
    const plan = await create(p, lead);
    expect(plan).toMatchObject({ status: 'draft', version: 1, startedFrom: 'template' });
    expect(plan.wording.triggers!.heading).toBeTruthy();
    // activation needs the essentials, named by field
    const early = await send('POST', `/api/v1/plans/${plan.id}/activate`, { version: 1 }, lead);
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(early))).toEqual(['reviewDate']);
    const saved = await send('PATCH', `/api/v1/plans/${plan.id}`, { version: 1, ...filled(lead.userId) }, lead);
    expect(saved.statusCode, saved.body).toBe(200);
    const v2 = json<Plan>(saved);
    expect(v2.version).toBe(2);
    expect(v2.holdLabels.CARING_C_GUIDE).toBe('Caring C guide');
    // someone else saved first
    const stale = await send('PATCH', `/api/v1/plans/${plan.id}`, { version: 1, aboutInterests: 'Trains' }, senco);
    expect(stale.statusCode).toBe(409);
    const v3 = json<Plan>(await send('PATCH', `/api/v1/plans/${plan.id}`, { version: 2, triggers: ['Loud noises', 'Queues'] }, senco));
    expect(v3.version).toBe(3);
    const active = json<Plan>(await send('POST', `/api/v1/plans/${plan.id}/activate`, { version: 3 }, lead));
    expect(active).toMatchObject({ status: 'active', version: 4 });
    expect((await send('POST', `/api/v1/plans/${plan.id}/activate`, { version: 4 }, lead)).statusCode).toBe(409);
    const signed = json<Plan>(await send('POST', `/api/v1/plans/${plan.id}/sign`, { version: 4 }, lead));
    expect(signed.signature).toMatchObject({ byName: 'Dan Hargreaves', current: true });
    const contact = opts.contacts[0]!.id;
    const ackBody = { version: signed.version, contactId: contact, method: 'in_person', acknowledgedAt: new Date().toISOString(), note: 'At the review meeting' };
    expect((await send('POST', `/api/v1/plans/${plan.id}/acknowledgements`, { ...ackBody, version: 1 }, lead)).statusCode).toBe(409);
    expect(fieldsOf(json<ErrorBody>(await send('POST', `/api/v1/plans/${plan.id}/acknowledgements`, { ...ackBody, contactId: missing }, lead)))).toEqual(['contactId']);
    const acked = await send('POST', `/api/v1/plans/${plan.id}/acknowledgements`, ackBody, lead);
    expect(acked.statusCode, acked.body).toBe(201);
    expect(json<Plan>(acked).acknowledgements).toEqual([expect.objectContaining({ method: 'in_person', planVersion: signed.version })]);

    // every member of staff at the site reads it; the read is audited as special-category data
    const read = await get(`/api/v1/plans/${plan.id}`, staff);
    expect(read.statusCode).toBe(200);
    expect(json<Plan>(read).allowed).toEqual(['pdf']);
    const reads = await t.database.query<{ action: string; details: { specialCategory?: boolean } }>(
      `select action, details from audit_entries where entity_id = $1 and actor_user_id = $2 order by seq`, [plan.id, staff.userId]);
    expect(reads.map((r) => r.action)).toEqual(['plan.read']);
    expect(reads[0]!.details.specialCategory).toBe(true);
    const writes = await t.database.query<{ action: string }>(`select action from audit_entries where entity_id = $1 and action <> 'plan.read' order by seq`, [plan.id]);
    expect(writes.map((w) => w.action)).toEqual(['plan.create', 'plan.update', 'plan.update', 'plan.activate', 'plan.sign', 'plan.acknowledge']);

    // the history: versions and which fields changed, from what to what, by whom
    const hist = json<History>(await get(`/api/v1/plans/${plan.id}/history`, lead));
    expect(hist.versions.map((v) => v.event)).toEqual(['signed', 'activated', 'edited', 'edited', 'created']);
    const triggerChanges = hist.changes.filter((c) => c.field === 'triggers');
    expect(triggerChanges).toEqual([
      expect.objectContaining({ version: 3, from: ['Loud noises', 'Changes without warning'], to: ['Loud noises', 'Queues'], changedByName: 'Aisha Rahman' }),
      expect.objectContaining({ version: 2, from: [], to: ['Loud noises', 'Changes without warning'] }),
    ]);
    // an edit after signing shows the signature as for an earlier version
    const edited = json<Plan>(await send('PATCH', `/api/v1/plans/${plan.id}`, { version: signed.version, targets: ['Ask for a break'] }, lead));
    expect(edited.signature!.current).toBe(false);
    const key = await activePlanForPupil(t.database.db, p);
    expect(key).toMatchObject({ planId: plan.id, triggers: ['Loud noises', 'Queues'], approvedHolds: ['CARING_C_GUIDE'] });
  });

  it('activating a new plan supersedes the previous one in one go; the version in force at a moment is found', async () => {
    const p = pupils[2]!;
    const first = await create(p, lead);
    const v2 = json<Plan>(await send('PATCH', `/api/v1/plans/${first.id}`, { version: 1, ...filled(lead.userId) }, lead));
    await send('POST', `/api/v1/plans/${first.id}/activate`, { version: v2.version }, lead);
    const between = new Date();
    await new Promise((r) => setTimeout(r, 20));
    // a copy of the previous plan is a new draft with the same content and no review date
    expect(fieldsOf(json<ErrorBody>(await send('POST', '/api/v1/plans', { pupilId: p, startFrom: 'previous' }, lead)))).toEqual(['copyFromPlanId']);
    expect(fieldsOf(json<ErrorBody>(await send('POST', '/api/v1/plans', { pupilId: p, startFrom: 'other_site', copyFromPlanId: first.id }, lead)))).toEqual(['copyFromPlanId']);
    const second = await create(p, lead, { startFrom: 'previous', copyFromPlanId: first.id });
    expect(second).toMatchObject({ status: 'draft', startedFrom: 'previous', copiedFromPlanId: first.id });
    expect(second.fields).toMatchObject({ triggers: ['Loud noises', 'Changes without warning'], approvedHolds: ['CARING_C_GUIDE'], reviewDate: null });
    const ready = json<Plan>(await send('PATCH', `/api/v1/plans/${second.id}`, { version: 1, reviewDate: FUTURE, approvedHolds: ['CARING_C_GUIDE', 'FRIENDLY_HOLD'] }, lead));
    const activated = json<Plan>(await send('POST', `/api/v1/plans/${second.id}/activate`, { version: ready.version }, lead));
    expect(activated.status).toBe('active');
    const list = json<{ items: { id: string; status: string }[]; allowed: string[] }>(await get(`/api/v1/plans?pupilId=${p}`, lead));
    expect(list.items.map((i) => [i.id, i.status])).toEqual([[second.id, 'active'], [first.id, 'superseded']]);
    expect(list.allowed).toEqual(['create']);
    expect((await send('PATCH', `/api/v1/plans/${first.id}`, { version: 4, triggers: ['x'] }, lead)).statusCode).toBe(409);
    const then = await planVersionInForce(t.database.db, p, between);
    expect(then).toMatchObject({ planId: first.id, status: 'active' });
    expect((await planVersionInForce(t.database.db, p, new Date()))?.planId).toBe(second.id);
    expect(await planVersionInForce(t.database.db, p, new Date('2020-01-01'))).toBeUndefined();
    const pdf = await get(`/api/v1/plans/${second.id}/pdf`, staff);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Plan on a page');
    expect(text).toContain('Friendly hold');
    expect((pdf.rawPayload.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length).toBe(1);
  });

  it('refuses bad input in every field, naming it, and saves nothing', async () => {
    const plan = await create(pupils[3]!, lead);
    const long = 'x'.repeat(4001);
    const cases: [Record<string, unknown>, string][] = [
      [{ aboutStrengths: long }, 'aboutStrengths'], [{ aboutInterests: 5 }, 'aboutInterests'], [{ aboutCommunication: long }, 'aboutCommunication'],
      [{ perceivedFunction: long }, 'perceivedFunction'], [{ triggers: 'Noise' }, 'triggers'], [{ earlyWarningSigns: [''] }, 'earlyWarningSigns.0'],
      [{ proactiveStrategies: ['y'.repeat(301)] }, 'proactiveStrategies.0'], [{ deescalationStrategies: [3] }, 'deescalationStrategies.0'],
      [{ whatToAvoid: Array(31).fill('a') }, 'whatToAvoid'], [{ reactiveStrategies: long }, 'reactiveStrategies'], [{ approvedHolds: ['NECK_HOLD'] }, 'approvedHolds'],
      [{ recoverySupport: null }, 'recoverySupport'], [{ targets: [null] }, 'targets.0'], [{ pupilVoice: long }, 'pupilVoice'], [{ parentVoice: {} }, 'parentVoice'],
      [{ ownerUserId: 'nobody' }, 'ownerUserId'], [{ ownerUserId: missing }, 'ownerUserId'], [{ reviewDate: '31/12/2027' }, 'reviewDate'], [{ reviewDate: '2020-01-01' }, 'reviewDate'],
      [{ triggers: ['Noise\u0000'] }, 'triggers.0'], [{ colour: 'red' }, ''],
    ];
    for (const [b, field] of cases) {
      const res = await send('PATCH', `/api/v1/plans/${plan.id}`, { version: 1, ...b }, lead);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      if (field) expect(fieldsOf(json<ErrorBody>(res)), JSON.stringify(b)).toContain(field);
    }
    expect(fieldsOf(json<ErrorBody>(await send('PATCH', `/api/v1/plans/${plan.id}`, { triggers: ['x'] }, lead)))).toContain('version');
    expect(fieldsOf(json<ErrorBody>(await send('POST', '/api/v1/plans', { pupilId: 'x' }, lead)))).toContain('pupilId');
    expect(fieldsOf(json<ErrorBody>(await send('POST', '/api/v1/plans', { pupilId: pupils[3], startFrom: 'somewhere' }, lead)))).toContain('startFrom');
    const ack = await send('POST', `/api/v1/plans/${plan.id}/acknowledgements`, { version: 1, contactId: missing, method: 'carrier_pigeon', acknowledgedAt: 'yesterday' }, lead);
    expect(fieldsOf(json<ErrorBody>(ack))).toEqual(expect.arrayContaining(['method', 'acknowledgedAt']));
    const after = json<Plan>(await get(`/api/v1/plans/${plan.id}`, lead));
    expect(after.version).toBe(1);
  });

  it('the trust template gives new plans their headings; a plan from another site can be copied when the pupil moves', async () => {
    const tpl = json<{ version: number; sections: { key: string; heading: string }[] }>(await get('/api/v1/plans/template', admin));
    expect(tpl.sections.length).toBe(15);
    const bad = await send('PUT', '/api/v1/plans/template', { version: tpl.version, sections: [{ key: 'triggers', heading: '', prompt: '' }] }, admin);
    expect(fieldsOf(json<ErrorBody>(bad))).toContain('sections.0.heading');
    const saved = await send('PUT', '/api/v1/plans/template', { version: tpl.version, sections: [{ key: 'triggers', heading: 'What sets me off', prompt: 'Think about times of day.' }] }, admin);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await send('PUT', '/api/v1/plans/template', { version: tpl.version, sections: [{ key: 'triggers', heading: 'Y', prompt: '' }] }, admin)).statusCode).toBe(409);
    const p = pupils[4]!;
    const atSite1 = await create(p, cluster);
    expect(atSite1.wording.triggers!.heading).toBe('What sets me off');
    const ready = json<Plan>(await send('PATCH', `/api/v1/plans/${atSite1.id}`, { version: 1, ...filled(cluster.userId) }, cluster));
    await send('POST', `/api/v1/plans/${atSite1.id}/activate`, { version: ready.version }, cluster);
    await t.database.query('update pupils set site_id = $1 where id = $2', [s.site2, p]);
    // site 1's staff no longer read the moved pupil's plans; the new site's do, and copy one into a draft
    expect((await get(`/api/v1/plans/${atSite1.id}`, staff)).statusCode).toBe(404);
    expect(fieldsOf(json<ErrorBody>(await send('POST', '/api/v1/plans', { pupilId: p, startFrom: 'previous', copyFromPlanId: atSite1.id }, cluster)))).toEqual(['copyFromPlanId']);
    const copy = await create(p, cluster, { startFrom: 'other_site', copyFromPlanId: atSite1.id });
    expect(copy).toMatchObject({ status: 'draft', siteId: s.site2, startedFrom: 'other_site' });
    expect(copy.fields.triggers).toEqual(['Loud noises', 'Changes without warning']);
    await t.database.query('update pupils set site_id = $1 where id = $2', [s.site1, p]);
  });

  it('reminds the owner before the review date with a task and a notification, once per review date', async () => {
    const p = pupils[5]!;
    const plan = await create(p, lead);
    const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const ready = json<Plan>(await send('PATCH', `/api/v1/plans/${plan.id}`, { version: 1, ...filled(senco.userId), reviewDate: soon }, lead));
    await send('POST', `/api/v1/plans/${plan.id}/activate`, { version: ready.version }, lead);
    const now = new Date();
    const run = async () => {
      await enqueue(t.database.db, { kind: 'reminder:plan-review', payload: { day: londonToday(now) }, runAt: now });
      await runDue(t.app.deps, { now });
    };
    await run();
    await run();
    const tasks = await t.database.query<{ assigned_user_id: string; due_on: string; title: string }>(`select assigned_user_id, due_on, title from tasks where source_type = 'plan_review' and source_id = $1`, [plan.id]);
    expect(tasks).toEqual([expect.objectContaining({ assigned_user_id: senco.userId, due_on: soon })]);
    const notes = await t.database.query<{ title: string; link: string }>(`select title, link from notifications where user_id = $1 and kind = 'reminder.plan_review'`, [senco.userId]);
    expect(notes.some((n) => n.link === `/pupils/${p}/plans/${plan.id}`)).toBe(true);
    expect(notes.every((n) => !n.title.includes(tasks[0]!.title.split(' ')[1]!))).toBe(true);
  });
});
