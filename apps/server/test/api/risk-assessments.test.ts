/** Pupil risk assessments (SUP-2): scope, bad input, versions and 409, sign-off, activation, history, PDF, audit, reminders. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { behaviourSupportPlans } from '../../src/db/schema/plans.ts';
import { riskAssessments } from '../../src/db/schema/risk-assessments.ts';
import { tasks } from '../../src/db/schema/workflow.ts';
import { enqueue } from '../../src/core/jobs/queue.ts';
import { runDue } from '../../src/core/jobs/runner.ts';
import '../../src/jobs.ts';
import { pdfText } from '../pdf.ts';

interface RA {
  id: string; status: string; version: number; overallRating: string | null; reviewDate: string; previousId: string | null;
  hazards: { id: string; hazard: string; scoreBefore: number; ratingBefore: string; scoreAfter: number; ratingAfter: string }[];
  plan: { id: string; label: string } | null; signedOff: { name: string; at: string } | null; activated: { name: string } | null; allowed: string[];
}

describe.each(dbKinds())('risk assessments on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let lead: Session; let senco: Session; let governor: Session; let parent: Session; let cluster: Session;
  let pupil: string; let other: string; let farPupil: string; let plan: string; let otherPlan: string;
  const missing = '0190a6c4-0000-7000-8000-0000000000ab';
  const h = (who?: Session) => who?.headers ?? {};
  const send = (method: 'POST' | 'PUT', url: string, payload: unknown, who?: Session) => t.app.inject({ method, url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  const hazard = (over: Record<string, unknown> = {}) => ({ hazard: 'Throws objects when a demand is made', atRisk: ['staff', 'other_pupils'], likelihoodBefore: 4, severityBefore: 4,
    controls: 'Clear the table of loose objects; offer a choice of two tasks; two adults for transitions', likelihoodAfter: 2, severityAfter: 3, ...over });
  const body = (over: Record<string, unknown> = {}) => ({ pupilId: pupil, title: 'Classroom and transitions', summary: 'Year 8; sensory needs', hazards: [hazard()], reviewDate: '2027-03-01', planId: plan, ...over });

  async function addPlan(pupilId: string, siteId: string, by: string): Promise<string> {
    const id = uuidv7();
    await t.database.db.insert(behaviourSupportPlans).values({ id, trustId: s.trustId, siteId, pupilId, status: 'active', createdBy: by, updatedBy: by });
    return id;
  }

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, senco, governor, parent, cluster] = await Promise.all(['staff', 'behaviour_lead', 'senco', 'governor', 'parent', 'cluster_lead'].map((r) => sessionFor(t, demoEmail(r)))) as Session[] as [Session, Session, Session, Session, Session, Session];
    // pupils with no plan and no risk assessment in the demo data
    const taken = new Set((await t.database.query<{ id: string }>('select pupil_id as id from behaviour_support_plans union select pupil_id from risk_assessments')).map((r) => r.id));
    [pupil, other] = (await pupilsAt(t, s.site1, 60)).filter((id) => !taken.has(id)).slice(-2) as [string, string];
    farPupil = (await pupilsAt(t, s.site3, 1))[0]!;
    plan = await addPlan(pupil, s.site1, lead.userId);
    otherPlan = await addPlan(other, s.site1, lead.userId);
  });
  afterAll(async () => { await t?.close(); });

  it('401 without a session; 403 for governors, parents and staff who may not write; 404 for another site', async () => {
    for (const res of [await get(`/api/v1/risk-assessments?pupilId=${pupil}`), await send('POST', '/api/v1/risk-assessments', {}), await get(`/api/v1/risk-assessments/${missing}`),
      await send('PUT', `/api/v1/risk-assessments/${missing}`, {}), await send('POST', `/api/v1/risk-assessments/${missing}/sign-off`, {}),
      await send('POST', `/api/v1/risk-assessments/${missing}/activate`, {}), await send('POST', `/api/v1/risk-assessments/${missing}/revise`, {}),
      await get(`/api/v1/risk-assessments/${missing}/history`), await get(`/api/v1/risk-assessments/${missing}/pdf`)]) expect(res.statusCode).toBe(401);
    expect((await get(`/api/v1/risk-assessments?pupilId=${pupil}`, governor)).statusCode).toBe(403);
    expect((await get(`/api/v1/risk-assessments?pupilId=${pupil}`, parent)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/risk-assessments', body(), staff)).statusCode).toBe(403);
    expect((await get(`/api/v1/risk-assessments?pupilId=${farPupil}`, staff)).statusCode).toBe(404);
    expect((await get(`/api/v1/risk-assessments?pupilId=${farPupil}`, lead)).statusCode).toBe(404);
    expect((await get(`/api/v1/risk-assessments/${missing}`, lead)).statusCode).toBe(404);
    const far = await send('POST', '/api/v1/risk-assessments', body({ pupilId: farPupil, planId: null }), lead);
    expect(far.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(far))).toEqual(['pupilId']);
  });

  it('refuses bad input in every field with 400 naming it, and saves nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'], [{ title: 'x'.repeat(201) }, 'title'], [{ title: 7 }, 'title'], [{ summary: 'x'.repeat(4001) }, 'summary'],
      [{ hazards: 'lots' }, 'hazards'], [{ hazards: Array.from({ length: 51 }, () => hazard()) }, 'hazards'],
      [{ hazards: [hazard({ hazard: '  ' })] }, 'hazards.0.hazard'], [{ hazards: [hazard({ atRisk: [] })] }, 'hazards.0.atRisk'],
      [{ hazards: [hazard({ atRisk: ['aliens'] })] }, 'hazards.0.atRisk.0'], [{ hazards: [hazard({ atRisk: ['staff', 'staff'] })] }, 'hazards.0.atRisk'],
      [{ hazards: [hazard(), hazard({ likelihoodBefore: 0 })] }, 'hazards.1.likelihoodBefore'], [{ hazards: [hazard({ likelihoodBefore: 6 })] }, 'hazards.0.likelihoodBefore'],
      [{ hazards: [hazard({ severityBefore: 2.5 })] }, 'hazards.0.severityBefore'], [{ hazards: [hazard({ severityBefore: '3' })] }, 'hazards.0.severityBefore'],
      [{ hazards: [hazard({ controls: '' })] }, 'hazards.0.controls'], [{ hazards: [hazard({ likelihoodAfter: -1 })] }, 'hazards.0.likelihoodAfter'],
      [{ hazards: [hazard({ severityAfter: null })] }, 'hazards.0.severityAfter'], [{ hazards: [hazard({ id: 'nope' })] }, 'hazards.0.id'],
      [{ reviewDate: '01/03/2027' }, 'reviewDate'], [{ reviewDate: '2020-01-01' }, 'reviewDate'], [{ reviewDate: '2027-02-30' }, 'reviewDate'],
      [{ planId: 'plan' }, 'planId'], [{ planId: otherPlan }, 'planId'], [{ pupilId: 'x' }, 'pupilId'], [{ title: 'a\u0000b' }, 'title'],
    ];
    for (const [over, field] of cases) {
      const res = await send('POST', '/api/v1/risk-assessments', body(over), lead);
      expect(res.statusCode, JSON.stringify(over).slice(0, 120)).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)), JSON.stringify(over).slice(0, 120)).toContain(field);
    }
    expect(await t.database.db.select().from(riskAssessments).where(eq(riskAssessments.pupilId, pupil))).toHaveLength(0);
  });

  it('a draft is written, saved with versions (stale → 409), signed off by a lead, made active, revised and superseded', async () => {
    const created = await send('POST', '/api/v1/risk-assessments', body(), senco);
    expect(created.statusCode, created.body).toBe(201);
    const a = json<RA>(created);
    expect(a).toMatchObject({ status: 'draft', version: 1, overallRating: 'medium', plan: { id: plan }, signedOff: null });
    expect(a.hazards[0]).toMatchObject({ scoreBefore: 16, ratingBefore: 'high', scoreAfter: 6, ratingAfter: 'medium' });
    expect(a.allowed).toEqual(expect.arrayContaining(['edit', 'print']));
    expect(a.allowed).not.toContain('sign_off');
    expect((await send('POST', '/api/v1/risk-assessments', body(), lead)).statusCode).toBe(409);

    const put = (version: number, over: Record<string, unknown> = {}, who = senco) => send('PUT', `/api/v1/risk-assessments/${a.id}`,
      { ...body(over), pupilId: undefined, version, hazards: (over.hazards as unknown[]) ?? [{ ...hazard(), id: a.hazards[0]!.id }] }, who);
    const v2 = json<RA>(await put(1, { hazards: [{ ...hazard({ severityAfter: 5 }), id: a.hazards[0]!.id }, hazard({ hazard: 'Leaves the classroom', atRisk: ['pupil'], likelihoodBefore: 5, severityBefore: 5, likelihoodAfter: 4, severityAfter: 5 })] }));
    expect(v2).toMatchObject({ version: 2, overallRating: 'very_high' });
    expect(v2.hazards[0]!.id).toBe(a.hazards[0]!.id);
    const stale = await put(1, { title: 'Someone else' });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorBody>(stale).error.code).toBe('stale_version');

    expect((await send('POST', `/api/v1/risk-assessments/${a.id}/sign-off`, { version: 2 }, senco)).statusCode).toBe(403);
    expect((await send('POST', `/api/v1/risk-assessments/${a.id}/sign-off`, { version: 2 }, staff)).statusCode).toBe(403);
    expect((await send('POST', `/api/v1/risk-assessments/${a.id}/activate`, { version: 2 }, lead)).statusCode).toBe(409); // not signed off
    expect((await send('POST', `/api/v1/risk-assessments/${a.id}/sign-off`, { version: 1 }, lead)).statusCode).toBe(409);
    const signed = json<RA>(await send('POST', `/api/v1/risk-assessments/${a.id}/sign-off`, { version: 2 }, lead));
    expect(signed.signedOff?.name).toBeTruthy();
    expect(signed.allowed).toContain('activate');
    // a change after sign-off takes it away
    const changed = json<RA>(await put(3, { title: 'Classroom, transitions and the minibus', hazards: v2.hazards.map(({ id, hazard: hz }) => ({ ...hazard({ hazard: hz }), id })) }));
    expect(changed).toMatchObject({ version: 4, signedOff: null });
    const signed2 = json<RA>(await send('POST', `/api/v1/risk-assessments/${a.id}/sign-off`, { version: 4 }, lead));
    const active = json<RA>(await send('POST', `/api/v1/risk-assessments/${a.id}/activate`, { version: signed2.version }, lead));
    expect(active).toMatchObject({ status: 'active', activated: { name: signed2.signedOff!.name } });
    expect((await put(active.version, { title: 'No' })).statusCode).toBe(409);

    const revision = await send('POST', `/api/v1/risk-assessments/${a.id}/revise`, { version: active.version }, senco);
    expect(revision.statusCode, revision.body).toBe(201);
    const draft = json<RA>(revision);
    expect(draft).toMatchObject({ status: 'draft', version: 1, previousId: a.id, signedOff: null });
    expect((await send('POST', `/api/v1/risk-assessments/${a.id}/revise`, { version: active.version }, senco)).statusCode).toBe(409);
    const d2 = json<RA>(await send('PUT', `/api/v1/risk-assessments/${draft.id}`, { title: 'Revised after the review', summary: '', hazards: draft.hazards.slice(1).map(({ id }) => ({ ...hazard({ likelihoodAfter: 1, severityAfter: 2 }), id })), reviewDate: '2027-06-01', planId: plan, version: 1 }, lead));
    expect(d2.overallRating).toBe('low');
    const d3 = json<RA>(await send('POST', `/api/v1/risk-assessments/${draft.id}/sign-off`, { version: d2.version }, cluster));
    json<RA>(await send('POST', `/api/v1/risk-assessments/${draft.id}/activate`, { version: d3.version }, lead));
    const old = json<RA>(await get(`/api/v1/risk-assessments/${a.id}`, staff));
    expect(old.status).toBe('superseded');
    expect(old.allowed).toEqual(['print', 'history']);

    const list = json<{ items: { id: string; status: string; hazardCount: number }[]; plans: { id: string }[]; allowed: string[] }>(await get(`/api/v1/risk-assessments?pupilId=${pupil}`, staff));
    expect(list.items.map((i) => [i.id, i.status])).toEqual([[draft.id, 'active'], [a.id, 'superseded']]);
    expect(list.plans.map((p) => p.id)).toEqual([plan]);
    expect(list.allowed).toEqual([]);

    const hist = json<{ items: { version: number; action: string; changes: { field: string; label: string; before: string | null; after: string | null }[] }[] }>(await get(`/api/v1/risk-assessments/${a.id}/history`, staff));
    expect(hist.items.map((v) => v.action)).toEqual(['supersede', 'activate', 'sign_off', 'update', 'sign_off', 'update', 'create']);
    const v2changes = hist.items.find((v) => v.version === 2)!.changes;
    expect(v2changes.map((c) => c.field)).toEqual([`hazards.${a.hazards[0]!.id}.severityAfter`, expect.stringMatching(/^hazards\.[0-9a-f-]+$/)]);
    expect(v2changes[0]).toMatchObject({ before: '3', after: '5' });

    const audit = await t.database.query<{ action: string; details: { specialCategory?: boolean } }>('select action, details from audit_entries where entity_id = $1 order by seq', [a.id]);
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['risk_assessment.create', 'risk_assessment.update', 'risk_assessment.sign_off', 'risk_assessment.activate', 'risk_assessment.read', 'risk_assessment.history.read', 'risk_assessment.supersede']));
    expect(audit.filter((x) => x.action === 'risk_assessment.read').every((x) => x.details.specialCategory)).toBe(true);
    const listRead = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'pupil.risk_assessments.read' and entity_id = $1`, [pupil]);
    expect(listRead[0]!.n).toBeGreaterThan(0);

    const pdf = await get(`/api/v1/risk-assessments/${draft.id}/pdf`, staff);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Revised after the review');
    expect(text).toContain('Risk matrix');
    expect(text).toContain('Overall rating after controls: Low');
    expect(text).toContain('Signed off by');
    expect((await get(`/api/v1/risk-assessments/${draft.id}/pdf`, governor)).statusCode).toBe(403);
  });

  it('reminds the lead who signed off, once per review date, as a task and a notification', async () => {
    const [active] = await t.database.db.select().from(riskAssessments).where(eq(riskAssessments.pupilId, pupil)).then((r) => r.filter((x) => x.status === 'active'));
    expect(active).toBeTruthy();
    await t.database.db.update(riskAssessments).set({ reviewDate: '2027-01-10' }).where(eq(riskAssessments.id, active!.id));
    const run = async (iso: string) => { const now = new Date(iso); await enqueue(t.database.db, { kind: 'reminder:risk-assessment-review', runAt: now }); await runDue(t.app.deps, { now }); };
    await run('2026-12-20T06:30:00Z'); // 21 days before: not yet
    expect(await t.database.db.select().from(tasks).where(eq(tasks.sourceId, active!.id))).toHaveLength(0);
    await run('2026-12-29T06:30:00Z');
    await run('2026-12-30T06:30:00Z');
    const made = await t.database.db.select().from(tasks).where(eq(tasks.sourceId, active!.id));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ sourceType: 'risk_assessment_review', assignedUserId: active!.signedOffBy, dueOn: '2027-01-10', pupilId: pupil });
    expect(made[0]!.title).not.toMatch(/Classroom|Revised/);
  });
});
