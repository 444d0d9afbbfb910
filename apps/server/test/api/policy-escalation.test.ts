/**
 * Escalation rules (POL-3): the API that manages them, and the engine the recording modules call in their write
 * transactions — a rule fires once per pupil while its task is open, respects its period, polarity and categories,
 * counts incidents only for involved or instigating pupils, and measures points totals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createTestContext, dbKinds, demoEmail, json, type Session, type TestContext, policyActors } from '../harness.ts';
import { TEST_TODAY } from '../constants.ts';
import { inTransaction } from '../../src/core/db/tx.ts';
import { SYSTEM_AUDIT } from '../../src/core/audit/audit.ts';
import { AfterCommit } from '../../src/core/notify/notify.ts';
import { addDays } from '../../src/core/calendar/dates.ts';
import { londonToday } from '../../src/core/time.ts';
import { behaviourEvents, incidentPupils, incidents } from '../../src/db/schema/recording.ts';
import { evaluateEscalations } from '../../src/modules/policy/escalation.ts';

interface Err { error: { code: string; message: string; fields?: { field: string; message: string }[] } }
const fieldsOf = (body: string) => (JSON.parse(body) as Err).error.fields?.map((f) => f.field) ?? [];
interface Rule { id: string; siteId: string | null; name: string; version: number; active: boolean; categoryCodes: string[]; allowed: string[] }
const TODAY = londonToday(TEST_TODAY);

describe.each(dbKinds())('escalation rules on %s', (kind) => {
  let t: TestContext;
  let admin: Session; let lead: Session; let staff: Session; let cluster: Session;
  let site1: string; let site2: string; let trustId: string;
  let pupils: { id: string; name: string }[];
  const K = kind.toUpperCase();
  const url = '/api/v1/policy/escalation-rules';
  const call = (s: Session | null, method: 'GET' | 'POST' | 'PATCH', path: string, payload?: unknown) =>
    t.app.inject({ method, url: path, ...(s ? { headers: s.headers } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const rule = (over: Record<string, unknown> = {}) => ({
    siteId: site1, name: 'Three negatives in a week', measure: 'count', categoryCodes: [], polarity: 'negative', threshold: 3, periodDays: 7,
    notifyRole: 'behaviour_lead', taskTitle: 'Review behaviour and agree support', suggestion: 'Consider a report card', ...over,
  });

  beforeAll(async () => {
    t = await createTestContext(kind);
    ({ admin, lead, staff, cluster, site1, site2 } = await policyActors(t));
    trustId = (await t.database.query<{ trust_id: string }>('select trust_id from sites where id = $1', [site1]))[0]!.trust_id;
    pupils = (await t.database.query<{ id: string; name: string }>(
      `select id, coalesce(preferred_forename, legal_forename) || ' ' || coalesce(preferred_surname, legal_surname) as name
         from pupils where site_id = $1 order by id limit 8`, [site1]));
  });
  afterAll(async () => { await t?.close(); });

  describe('managing rules', () => {
    it('answers 401 without a session and 403 to staff, for another site and for trust-wide rules unless trust administrator', async () => {
      expect((await call(null, 'GET', `${url}?siteId=${site1}`)).statusCode).toBe(401);
      expect((await call(null, 'POST', url, rule())).statusCode).toBe(401);
      expect((await call(staff, 'GET', `${url}?siteId=${site1}`)).statusCode).toBe(403);
      expect((await call(staff, 'POST', url, rule())).statusCode).toBe(403);
      expect((await call(lead, 'GET', `${url}?siteId=${site2}`)).statusCode).toBe(403);
      expect((await call(lead, 'POST', url, rule({ siteId: site2 }))).statusCode).toBe(403);
      expect((await call(lead, 'POST', url, rule({ siteId: null }))).statusCode).toBe(403);
    });

    it('refuses bad rules naming the field, saving nothing', async () => {
      const before = Number((await t.database.query<{ n: number }>('select count(*)::int as n from escalation_rules'))[0]!.n);
      const cases: [Record<string, unknown>, string][] = [
        [{ notifyRole: 'parent' }, 'notifyRole'],
        [{ notifyRole: 'wizard' }, 'notifyRole'],
        [{ threshold: 0 }, 'threshold'],
        [{ periodDays: 0 }, 'periodDays'],
        [{ periodDays: 366 }, 'periodDays'],
        [{ measure: 'often' }, 'measure'],
        [{ polarity: 'bad' }, 'polarity'],
        [{ categoryCodes: ['not a code'] }, 'categoryCodes.0'],
        [{ taskTitle: '' }, 'taskTitle'],
        [{ name: ' ' }, 'name'],
      ];
      for (const [over, field] of cases) {
        const res = await call(lead, 'POST', url, rule(over));
        expect(res.statusCode, JSON.stringify(over)).toBe(400);
        expect(fieldsOf(res.body), JSON.stringify(over)).toEqual([field]);
      }
      expect(Number((await t.database.query<{ n: number }>('select count(*)::int as n from escalation_rules'))[0]!.n)).toBe(before);
    });

    it('creates, lists (with the trust rules a site inherits), changes with its version and deactivates', async () => {
      const trustRule = json<Rule>(await call(admin, 'POST', url, rule({ siteId: null, name: `Trust rule ${K}`, active: false })));
      const created = await call(lead, 'POST', url, rule({ name: `Site rule ${K}`, categoryCodes: ['A', 'A', 'B'], active: false }));
      expect(created.statusCode, created.body).toBe(201);
      const r = json<Rule>(created);
      expect(r).toMatchObject({ siteId: site1, version: 1, categoryCodes: ['A', 'B'], allowed: ['edit'] });
      const list = json<{ items: Rule[]; allowed: string[] }>(await call(lead, 'GET', `${url}?siteId=${site1}`));
      expect(list.allowed).toEqual(['create']);
      const mine = list.items.filter((x) => x.id === r.id || x.id === trustRule.id);
      expect(mine.map((x) => [x.id, x.allowed])).toEqual(expect.arrayContaining([[r.id, ['edit']], [trustRule.id, []]]));
      expect(json<{ items: Rule[] }>(await call(cluster, 'GET', `${url}?siteId=${site2}`)).items.some((x) => x.id === r.id)).toBe(false);

      const edited = await call(lead, 'PATCH', `${url}/${r.id}`, { threshold: 5, suggestion: '', version: 1 });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(json<Rule & { threshold: number; suggestion: string | null }>(edited)).toMatchObject({ threshold: 5, suggestion: null, version: 2 });
      expect((await call(lead, 'PATCH', `${url}/${r.id}`, { threshold: 6, version: 1 })).statusCode).toBe(409);
      expect(fieldsOf((await call(lead, 'PATCH', `${url}/${r.id}`, { notifyRole: 'governor', version: 2 })).body)).toEqual(['notifyRole']);
      expect((await call(lead, 'PATCH', `${url}/${trustRule.id}`, { threshold: 6, version: 1 })).statusCode).toBe(403);
      const theirs = json<Rule>(await call(cluster, 'POST', url, rule({ siteId: site2, active: false })));
      expect((await call(lead, 'PATCH', `${url}/${theirs.id}`, { threshold: 6, version: 1 })).statusCode).toBe(404);
      expect((await call(lead, 'PATCH', `${url}/0190a6c4-0000-7000-8000-000000000000`, { threshold: 6, version: 1 })).statusCode).toBe(404);
      const audit = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where entity_id = $1`, [r.id]);
      expect(Number(audit[0]!.n)).toBe(2);
    });
  });

  describe('the engine (evaluateEscalations)', () => {
    const recorder = async () => (await t.database.query<{ id: string }>('select id from users where email = $1', [demoEmail('staff')]))[0]!.id;
    let recordedBy: string;

    /** n quick events for a pupil on a day (days before TEST_TODAY). */
    const addEvents = async (pupilId: string, code: string, polarity: string, points: number, daysAgo: number, n = 1) => {
      const day = addDays(TODAY, -daysAgo);
      const batchId = uuidv7();
      await t.database.db.insert(behaviourEvents).values(Array.from({ length: n }, () => ({
        id: uuidv7(), trustId, siteId: site1, pupilId, batchId, categoryId: uuidv7(), categoryCode: code, polarity, severity: 1, points,
        occurredAt: new Date(`${day}T10:00:00Z`), occurredOn: day, recordedBy,
      })));
    };
    const addIncident = async (pupilId: string, role: string, codes: string[], opts: { status?: string; voided?: boolean; daysAgo?: number } = {}) => {
      const id = uuidv7();
      const day = addDays(TODAY, -(opts.daysAgo ?? 0));
      await t.database.db.insert(incidents).values({ id, trustId, siteId: site1, status: opts.status ?? 'submitted', occurredAt: new Date(`${day}T11:00:00Z`),
        occurredOn: day, categoryCodes: codes, createdBy: recordedBy, ...(opts.voided ? { voidedAt: new Date(), voidedBy: recordedBy, voidReason: 'Test' } : {}) });
      await t.database.db.insert(incidentPupils).values({ incidentId: id, pupilId, trustId, role });
    };
    const evaluate = async (pupilIds: string[], now: Date = TEST_TODAY) => {
      const after = new AfterCommit();
      const fired = await inTransaction(t.database, { ...SYSTEM_AUDIT, trustId }, (tx, audit) => evaluateEscalations(tx, after, { trustId, siteId: site1, pupilIds, now, audit }));
      after.publish(t.app.deps.hub);
      return fired;
    };
    const tasksOf = (ruleId: string, pupilId: string) => t.database.query<{ id: string; status: string; title: string; detail: string; suggestion: string | null; assigned_role: string; site_id: string }>(
      `select id, status, title, detail, suggestion, assigned_role, site_id from tasks where source_type = 'escalation_rule' and source_id = $1 and pupil_id = $2 order by created_at`, [ruleId, pupilId]);
    const addRule = async (over: Record<string, unknown>) => {
      const res = await call(over.siteId === null ? admin : lead, 'POST', url, rule(over));
      expect(res.statusCode, res.body).toBe(201);
      return json<Rule>(res);
    };

    beforeAll(async () => {
      recordedBy = await recorder();
      // this test's pupils start with a clean record, and only this test's rules are in force
      const ids = pupils.map((p) => p.id);
      await t.database.query(`update behaviour_events set voided_at = now() where pupil_id = any($1::uuid[])`, [ids]);
      await t.database.query(`update incidents set voided_at = now() where id in (select incident_id from incident_pupils where pupil_id = any($1::uuid[]))`, [ids]);
      await t.database.query('update escalation_rules set active = false');
      await call(admin, 'POST', '/api/v1/policy/categories', { siteId: null, code: `E_${K}_NEG`, name: 'Engine negative', polarity: 'negative', severity: 2, points: -2 });
      await call(admin, 'POST', '/api/v1/policy/categories', { siteId: null, code: `E_${K}_POS`, name: 'Engine positive', polarity: 'positive', severity: 0, points: 3 });
    });

    it('does nothing when no rule is in force', async () => {
      await addEvents(pupils[7]!.id, `E_${K}_NEG`, 'negative', -2, 0, 10);
      expect(await evaluate([pupils[7]!.id])).toEqual([]);
    });

    it('fires once when the threshold is reached, notifies the role, and not again while the task is open', async () => {
      const r = await addRule({ name: `Count rule ${K}` });
      const p = pupils[0]!;
      const live: { type: string; data: Record<string, unknown> }[] = [];
      const stop = t.app.deps.hub.subscribe(lead.userId, (e) => live.push(e));
      try {
        await addEvents(p.id, `E_${K}_NEG`, 'negative', -2, 0, 2);
        expect(await evaluate([p.id])).toEqual([]);
        await addEvents(p.id, `E_${K}_NEG`, 'negative', -2, 3);
        const fired = await evaluate([p.id, p.id]);
        expect(fired).toHaveLength(1);
        expect(fired[0]).toMatchObject({ ruleId: r.id, pupilId: p.id, value: 3 });
        expect(fired[0]!.notifiedUserIds).toContain(lead.userId);
        const tasks = await tasksOf(r.id, p.id);
        expect(tasks).toHaveLength(1);
        expect(tasks[0]).toMatchObject({ status: 'open', title: 'Review behaviour and agree support', suggestion: 'Consider a report card', assigned_role: 'behaviour_lead', site_id: site1 });
        expect(tasks[0]!.detail).toContain('3 events in the last 7 days');
        const notes = await t.database.query<{ title: string; body: string; kind: string }>(
          `select title, body, kind from notifications where user_id = $1 and kind = 'escalation' order by created_at desc limit 1`, [lead.userId]);
        expect(notes[0]).toMatchObject({ title: `Escalation: Count rule ${K} for ${p.name}`, kind: 'escalation' });
        expect(notes[0]!.title).not.toMatch(/\d+ events/);
        expect(live.map((e) => e.type).sort()).toEqual(['notification', 'task.created']);
        const audit = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'task.create' and entity_id = $1`, [tasks[0]!.id]);
        expect(Number(audit[0]!.n)).toBe(1);

        // still over the threshold, task open: nothing new, however often it is evaluated
        await addEvents(p.id, `E_${K}_NEG`, 'negative', -2, 0);
        expect(await evaluate([p.id])).toEqual([]);
        expect(await evaluate([p.id])).toEqual([]);
        expect(await tasksOf(r.id, p.id)).toHaveLength(1);

        // once the task is closed, reaching the threshold again makes a new one
        await t.database.query(`update tasks set status = 'done', completed_at = now() where id = $1`, [tasks[0]!.id]);
        expect(await evaluate([p.id])).toHaveLength(1);
        expect((await tasksOf(r.id, p.id)).map((x) => x.status)).toEqual(['done', 'open']);
      } finally { stop(); }
    });

    it('respects the period: behaviour before it does not count, and "today" is the day of `now`', async () => {
      const r = await addRule({ name: `Period rule ${K}`, categoryCodes: [`E_${K}_NEG`] });
      const p = pupils[1]!;
      await addEvents(p.id, `E_${K}_NEG`, 'negative', -2, 7, 3); // one day before a 7-day period ending today
      expect((await evaluate([p.id])).filter((f) => f.ruleId === r.id)).toEqual([]);
      // evaluated as of three days earlier, the same events fall inside the period
      expect((await evaluate([p.id], new Date(TEST_TODAY.getTime() - 3 * 86_400_000))).filter((f) => f.ruleId === r.id)).toHaveLength(1);
    });

    it('respects polarity: positive points never count towards a negative rule, and a positive rule counts them', async () => {
      const negative = await addRule({ name: `Negative rule ${K}` });
      const positive = await addRule({ name: `Praise rule ${K}`, polarity: 'positive', threshold: 3, notifyRole: 'head', taskTitle: 'Send a postcard home', suggestion: null });
      const p = pupils[2]!;
      await addEvents(p.id, `E_${K}_POS`, 'positive', 3, 0, 4);
      const fired = await evaluate([p.id]);
      expect(fired.map((f) => f.ruleId)).toContain(positive.id);
      expect(fired.map((f) => f.ruleId)).not.toContain(negative.id);
      expect(await tasksOf(positive.id, p.id)).toMatchObject([{ assigned_role: 'head', suggestion: null }]);
    });

    it('measures a points total (the size of the points, whatever their sign)', async () => {
      const r = await addRule({ name: `Points rule ${K}`, measure: 'points', categoryCodes: [`E_${K}_NEG`], threshold: 10, periodDays: 30 });
      const p = pupils[3]!;
      await addEvents(p.id, `E_${K}_NEG`, 'negative', -2, 20, 4); // 8 points
      expect((await evaluate([p.id])).filter((f) => f.ruleId === r.id)).toEqual([]);
      await addEvents(p.id, `E_${K}_NEG`, 'negative', -2, 0); // 10 points
      const fired = (await evaluate([p.id])).filter((f) => f.ruleId === r.id);
      expect(fired).toMatchObject([{ value: 10 }]);
      expect((await tasksOf(r.id, p.id))[0]!.detail).toContain('10 points in the last 30 days');
    });

    it('counts submitted incidents where the pupil was involved or instigated, never drafts, voided ones or witnesses', async () => {
      const r = await addRule({ name: `Incident rule ${K}`, categoryCodes: [`E_${K}_NEG`], threshold: 3, periodDays: 14 });
      const p = pupils[4]!;
      await addIncident(p.id, 'involved', [`E_${K}_NEG`, `E_${K}_POS`]);
      await addIncident(p.id, 'instigator', [`E_${K}_NEG`], { status: 'signed_off', daysAgo: 10 });
      await addIncident(p.id, 'involved', [`E_${K}_NEG`], { status: 'draft' });
      await addIncident(p.id, 'involved', [`E_${K}_NEG`], { voided: true });
      await addIncident(p.id, 'witness', [`E_${K}_NEG`]);
      await addIncident(p.id, 'affected', [`E_${K}_NEG`]);
      await addIncident(p.id, 'involved', [`E_${K}_POS`]);
      expect((await evaluate([p.id])).filter((f) => f.ruleId === r.id)).toEqual([]);
      await addIncident(p.id, 'involved', [`E_${K}_NEG`], { status: 'returned' });
      expect((await evaluate([p.id])).filter((f) => f.ruleId === r.id)).toMatchObject([{ value: 3 }]);
    });

    it("applies trust rules and the site's own, but not another site's or inactive ones; several pupils in one call", async () => {
      const trustRule = await addRule({ siteId: null, name: `Trust engine rule ${K}`, categoryCodes: [`E_${K}_NEG`], threshold: 2, periodDays: 3 });
      const otherSite = json<Rule>(await call(cluster, 'POST', url, rule({ siteId: site2, name: `Site 2 rule ${K}`, categoryCodes: [`E_${K}_NEG`], threshold: 1 })));
      const inactive = await addRule({ name: `Inactive rule ${K}`, categoryCodes: [`E_${K}_NEG`], threshold: 1, active: false });
      const [a, b] = [pupils[5]!, pupils[6]!];
      await addEvents(a.id, `E_${K}_NEG`, 'negative', -2, 0, 2);
      await addEvents(b.id, `E_${K}_NEG`, 'negative', -2, 0, 2);
      const fired = await evaluate([a.id, b.id]);
      expect(fired.filter((f) => f.ruleId === trustRule.id).map((f) => f.pupilId).sort()).toEqual([a.id, b.id].sort());
      expect(fired.some((f) => f.ruleId === otherSite.id || f.ruleId === inactive.id)).toBe(false);
      expect(await evaluate([])).toEqual([]);
    });
  });
});
