/**
 * Retention (CMP-1) through the API on both databases: the schedule is data (changing the years changes what is due),
 * the review list and drill-down, legal holds on a pupil and on one record (placing and releasing audited), a dry
 * run that changes nothing, a confirmed purge that removes every table's rows of a record and leaves tombstones, the
 * audit chain still verifying afterwards, sealed records' purges leaking nothing sealed, and who is refused (403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { addIncident, addUser, demoSites, fieldsOf, pupilsAt, userIdOf, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { verifyAuditChain } from '../../src/core/audit/verify.ts';
import { KIND_SPECS } from '../../src/modules/retention/retention.kinds.ts';
import { runStatement } from '../../src/core/db/prepared.ts';
import type { TRetentionDue, TRetentionHold, TRetentionRecords, TRetentionRun, TRetentionTombstone } from '@haven/contracts';

const SECRET = 'Disclosed to Mrs Example at the gate: bruise on the left arm';
const OLD_DOB = '1990-03-01'; // + 25 years = 2015: past its date

describe.each(dbKinds())('retention on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let admin: Session; let dsl: Session; let lead: Session; let staff: Session; let otherDsl: Session; let head: Session;
  let adminId: string;
  let pA: string; let pB: string; let pYoung: string;
  const incA: string[] = [];
  let incB: string;
  let concernA: string;
  const h = (who?: Session) => who?.headers ?? {};
  const send = (method: 'POST' | 'PUT', url: string, payload: unknown, who?: Session) => t.app.inject({ method, url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => t.database.query<T>(text, params);
  const count = async (table: string, where: string, params: unknown[]) => Number((await q<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params))[0]!.n);

  async function fullIncident(pupilId: string): Promise<string> {
    const id = await addIncident(t, s.trustId, { siteId: s.site1, pupilId, createdBy: adminId, occurredAt: '2019-05-01T10:00:00Z', physicalIntervention: true });
    await q(`insert into physical_interventions (id, incident_id, trust_id, site_id, pupil_id, reason) values ($1, $2, $3, $4, $5, 'Held to keep safe')`, [uuidv7(), id, s.trustId, s.site1, pupilId]);
    await q(`insert into incident_versions (id, incident_id, trust_id, version, change, snapshot, changed_by) values ($1, $2, $3, 1, 'create', '{"behaviour":"x"}', $4)`, [uuidv7(), id, s.trustId, adminId]);
    await q(`insert into attachments (id, trust_id, site_id, owner_type, owner_id, filename, content_type, size_bytes, sha256, storage, data, uploaded_by)
      values ($1, $2, $3, 'incident', $4, 'photo.png', 'image/png', 3, 'abc', 'database', '\\x010203', $5)`, [uuidv7(), s.trustId, s.site1, id, adminId]);
    await q(`insert into parent_contacts (id, trust_id, site_id, pupil_id, record_type, record_id, contacted_at, method, summary, recorded_by)
      values ($1, $2, $3, $4, 'incident', $5, '2019-05-01T15:00:00Z', 'phone', 'Told mum', $6)`, [uuidv7(), s.trustId, s.site1, pupilId, id, adminId]);
    await q(`insert into notifications (id, trust_id, user_id, site_id, kind, title, body, link) values ($1, $2, $3, $4, 'incident', 'Incident to review', 'A named pupil', $5)`,
      [uuidv7(), s.trustId, adminId, s.site1, `/incidents/${id}`]);
    return id;
  }

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [admin, dsl, lead, staff, head] = await Promise.all(['trust_admin', 'dsl', 'behaviour_lead', 'staff', 'head'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session, Session];
    adminId = await userIdOf(t, demoEmail('trust_admin'));
    otherDsl = await sessionFor(t, await addUser(t, s.trustId, 'dsl', s.site3));
    const held = new Set((await q<{ pupil_id: string }>('select pupil_id from retention_holds where pupil_id is not null')).map((r) => r.pupil_id));
    [pA, pB, pYoung] = (await pupilsAt(t, s.site1, 20)).filter((p) => !held.has(p)).slice(0, 3) as [string, string, string];
    await q('update pupils set date_of_birth = $1 where id = any($2::uuid[])', [OLD_DOB, `{${pA},${pB}}`]);
    incA.push(await fullIncident(pA), await fullIncident(pA));
    incB = await fullIncident(pB);
    await fullIncident(pYoung);
    concernA = uuidv7();
    await q(`insert into safeguarding_concerns (id, trust_id, site_id, raised_by, category, concern, status) values ($1, $2, $3, $4, 'physical', $5, 'closed')`,
      [concernA, s.trustId, s.site1, adminId, SECRET]);
    await q('insert into safeguarding_concern_pupils (concern_id, pupil_id, trust_id) values ($1, $2, $3)', [concernA, pA, s.trustId]);
  });
  afterAll(async () => { await t?.close(); });

  const drill = async (k: string, who: Session, asOf?: string) => {
    const res = await get(`/api/v1/retention/due/records?kind=${k}&siteId=${s.site1}&limit=500${asOf ? `&asOf=${asOf}` : ''}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return json<TRetentionRecords>(res);
  };

  it('401 without a session; 403 for roles and sites that must be refused; 400 naming the field', async () => {
    expect((await get('/api/v1/retention/due')).statusCode).toBe(401);
    expect((await send('POST', '/api/v1/retention/runs', { dryRun: true })).statusCode).toBe(401);
    for (const who of [lead, staff, head]) {
      expect((await get('/api/v1/retention/due', who)).statusCode).toBe(403);
      expect((await get('/api/v1/retention/rules', who)).statusCode).toBe(403);
      expect((await send('POST', '/api/v1/retention/runs', { dryRun: true }, who)).statusCode).toBe(403);
      expect((await send('POST', '/api/v1/retention/holds', { pupilId: pA, reason: 'x' }, who)).statusCode).toBe(403);
    }
    // the DSL: sealed kinds only, own sites only; not the schedule
    expect((await send('PUT', '/api/v1/retention/rules/incident', { trigger: 'date_of_birth', years: 30, enabled: true }, dsl)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/retention/runs', { dryRun: true, kinds: ['incident'] }, dsl)).statusCode).toBe(403);
    expect((await get(`/api/v1/retention/due/records?kind=incident&siteId=${s.site1}`, dsl)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/retention/runs', { dryRun: true, kinds: ['safeguarding_concern'], siteIds: [s.site3] }, dsl)).statusCode).toBe(403);
    expect((await get(`/api/v1/retention/due/records?kind=safeguarding_concern&siteId=${s.site1}`, otherDsl)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/retention/holds', { kind: 'safeguarding_concern', recordId: concernA, reason: 'x' }, otherDsl)).statusCode).toBe(403);
    // the trust administrator never sees sealed records
    expect((await get(`/api/v1/retention/due/records?kind=safeguarding_concern&siteId=${s.site1}`, admin)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/retention/runs', { dryRun: true, kinds: ['safeguarding_concern'] }, admin)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/retention/holds', { kind: 'safeguarding_concern', recordId: concernA, reason: 'x' }, admin)).statusCode).toBe(403);
    const due = json<TRetentionDue>(await get('/api/v1/retention/due', admin));
    expect(due.rows.some((r) => r.kind === 'safeguarding_concern')).toBe(false);

    const bad = async (res: Awaited<ReturnType<typeof get>>, field: string) => {
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)).join(' ') + json<ErrorBody>(res).error.message).toContain(field);
    };
    await bad(await send('PUT', '/api/v1/retention/rules/incident', { trigger: 'date_of_birth', years: 0, enabled: true }, admin), 'years');
    await bad(await send('PUT', '/api/v1/retention/rules/incident', { trigger: 'birthday', years: 25, enabled: true }, admin), 'trigger');
    await bad(await send('POST', '/api/v1/retention/holds', { reason: 'x' }, admin), 'kind');
    await bad(await send('POST', '/api/v1/retention/holds', { pupilId: pA, kind: 'incident', recordId: incA[0], reason: 'x' }, admin), 'pupilId');
    await bad(await send('POST', '/api/v1/retention/holds', { pupilId: pA, reason: '' }, admin), 'reason');
    await bad(await send('POST', '/api/v1/retention/holds', { kind: 'incident', recordId: uuidv7(), reason: 'x' }, admin), 'recordId');
    await bad(await send('POST', '/api/v1/retention/runs', { dryRun: true, kinds: ['nothing'] }, admin), 'kinds');
    await bad(await send('POST', '/api/v1/retention/runs', { dryRun: true, siteIds: [uuidv7()] }, admin), 'siteIds');
    await bad(await get('/api/v1/retention/due/records?kind=incident', admin), 'siteId');
  });

  it('the schedule is data: changing the years changes what is due', async () => {
    const rules = json<{ rules: { kind: string; years: number; trigger: string; basis: string }[]; canEdit: boolean }>(await get('/api/v1/retention/rules', admin));
    expect(rules.canEdit).toBe(true);
    expect(rules.rules.find((r) => r.kind === 'safeguarding_concern')).toMatchObject({ trigger: 'date_of_birth', years: 25 });
    expect(rules.rules.find((r) => r.kind === 'incident')!.basis).toContain('IRMS');
    const before = (await drill('incident', admin)).records.map((r) => r.recordId);
    expect(before).toEqual(expect.arrayContaining([...incA, incB]));
    expect(before.length).toBe(3); // the young pupil's incident is not due
    const put = await send('PUT', '/api/v1/retention/rules/incident', { trigger: 'date_of_birth', years: 40, enabled: true, basis: 'Trust decision' }, admin);
    expect(put.statusCode, put.body).toBe(200);
    expect((await drill('incident', admin)).records).toEqual([]);
    expect(await count('audit_entries', `action = 'retention.rule.update' and entity_id = 'incident'`, [])).toBe(1);
    await send('PUT', '/api/v1/retention/rules/incident', { trigger: 'date_of_birth', years: 25, enabled: true, basis: 'IRMS' }, admin);
    expect((await drill('incident', admin)).records.length).toBe(3);
  });

  it('a dry run changes nothing', async () => {
    const tables = ['incidents', 'incident_pupils', 'incident_versions', 'physical_interventions', 'attachments', 'parent_contacts', 'safeguarding_concerns',
      'retention_runs', 'retention_tombstones', 'audit_entries', 'behaviour_events', 'behaviour_support_plans'];
    const snap = async () => Promise.all(tables.map((x) => count(x, 'true', [])));
    const before = await snap();
    const res = await send('POST', '/api/v1/retention/runs', { dryRun: true, siteIds: [s.site1] }, admin);
    expect(res.statusCode, res.body).toBe(200);
    const run = json<TRetentionRun>(res);
    expect(run).toMatchObject({ id: null, dryRun: true });
    expect(run.lines.find((l) => l.kind === 'incident')?.records).toBe(3);
    expect(await snap()).toEqual(before);
  });

  it('holds on a pupil and on one record block their purge; the rest is removed from every table, with tombstones; the chain verifies', async () => {
    const hp = await send('POST', '/api/v1/retention/holds', { pupilId: pB, reason: 'Claim against the school' }, admin);
    expect(hp.statusCode, hp.body).toBe(201);
    const hr = await send('POST', '/api/v1/retention/holds', { kind: 'incident', recordId: incA[1], reason: 'Police enquiry' }, admin);
    expect(hr.statusCode, hr.body).toBe(201);
    expect(await count('audit_entries', `action = 'retention.hold.place'`, [])).toBe(2);

    const dry = json<TRetentionRun>(await send('POST', '/api/v1/retention/runs', { dryRun: true, kinds: ['incident'], siteIds: [s.site1] }, admin));
    expect(dry.lines).toEqual([expect.objectContaining({ kind: 'incident', records: 1, held: 2 })]);
    expect((await send('POST', '/api/v1/retention/runs', { dryRun: false, kinds: ['incident'], siteIds: [s.site1], expectedTotal: 7 }, admin)).statusCode).toBe(409);
    const res = await send('POST', '/api/v1/retention/runs', { dryRun: false, kinds: ['incident'], siteIds: [s.site1], expectedTotal: dry.total }, admin);
    expect(res.statusCode, res.body).toBe(200);
    const run = json<TRetentionRun>(res);
    expect(run.id).toBeTruthy();
    expect(run.total).toBe(1);

    const gone = incA[0]!;
    for (const [table, col] of [['incidents', 'id'], ['incident_pupils', 'incident_id'], ['incident_versions', 'incident_id'], ['physical_interventions', 'incident_id']]) {
      expect(await count(table!, `${col} = $1`, [gone]), table).toBe(0);
    }
    expect(await count('attachments', `owner_type = 'incident' and owner_id = $1`, [gone])).toBe(0);
    expect(await count('parent_contacts', `record_type = 'incident' and record_id = $1`, [gone])).toBe(0);
    expect(await count('notifications', 'link = $1', [`/incidents/${gone}`]), 'a notification that links to the purged record').toBe(0);
    for (const kept of [incA[1]!, incB]) {
      expect(await count('notifications', 'link = $1', [`/incidents/${kept}`])).toBe(1);
      expect(await count('incidents', 'id = $1', [kept])).toBe(1);
      expect(await count('physical_interventions', 'incident_id = $1', [kept])).toBe(1);
      expect(await count('attachments', `owner_id = $1`, [kept])).toBe(1);
    }
    const ts = json<{ tombstones: TRetentionTombstone[] }>(await get(`/api/v1/retention/tombstones?runId=${run.id}`, admin)).tombstones;
    expect(ts).toHaveLength(1);
    expect(ts[0]).toMatchObject({ kind: 'incident', recordId: gone, siteId: s.site1, pupilIds: [pA], recordDate: '2019-05-01', dueOn: '2015-03-01', trigger: 'date_of_birth', years: 25 });
    expect(ts[0]!.rowsRemoved).toMatchObject({ incidents: 1, incident_pupils: 1, incident_versions: 1, physical_interventions: 1, attachments: 1, parent_contacts: 1, notifications: 1 });
    const trace = await q<{ details: { records: { id: string }[]; kind: string } }>(`select details from audit_entries where action = 'retention.purge' and entity_id = $1`, [run.id]);
    expect(trace.map((e) => e.details.records.map((r) => r.id)).flat()).toEqual([gone]);
    expect(await verifyAuditChain(t.database)).toMatchObject({ problems: [] });

    // releasing the record's hold is audited, and the next run takes it
    const release = await send('POST', `/api/v1/retention/holds/${json<TRetentionHold>(hr).id}/release`, { reason: 'Enquiry closed' }, admin);
    expect(release.statusCode, release.body).toBe(200);
    expect(json<TRetentionHold>(release).releasedAt).toBeTruthy();
    expect((await send('POST', `/api/v1/retention/holds/${json<TRetentionHold>(hr).id}/release`, { reason: 'again' }, admin)).statusCode).toBe(409);
    expect(await count('audit_entries', `action = 'retention.hold.release'`, [])).toBe(1);
    const again = json<TRetentionRun>(await send('POST', '/api/v1/retention/runs', { dryRun: false, kinds: ['incident'], siteIds: [s.site1] }, admin));
    expect(again.total).toBe(1);
    expect(await count('incidents', 'id = $1', [incA[1]])).toBe(0);
    expect(await count('incidents', 'id = $1', [incB])).toBe(1); // the pupil hold stands
    const active = json<{ holds: TRetentionHold[] }>(await get('/api/v1/retention/holds?active=true', admin)).holds;
    expect(active.some((x) => x.pupilId === pB)).toBe(true);
    expect((await verifyAuditChain(t.database)).problems).toEqual([]);
  });

  it('a sealed record is purged by the DSL only, and nothing sealed reaches the trace, the tombstones of others or the audit viewer', async () => {
    const due = json<TRetentionDue>(await get('/api/v1/retention/due', dsl));
    expect(due.rows.every((r) => r.kind === 'safeguarding_concern')).toBe(true);
    expect((await drill('safeguarding_concern', dsl)).records.map((r) => r.recordId)).toContain(concernA);
    expect(await count('audit_entries', `action = 'retention.records.read' and details->>'sealed' = 'true'`, [])).toBeGreaterThan(0);
    const res = await send('POST', '/api/v1/retention/runs', { dryRun: false, kinds: ['safeguarding_concern'] }, dsl);
    expect(res.statusCode, res.body).toBe(200);
    const run = json<TRetentionRun>(res);
    expect(run.total).toBeGreaterThanOrEqual(1);
    expect(await count('safeguarding_concerns', 'id = $1', [concernA])).toBe(0);
    expect(await count('safeguarding_concern_pupils', 'concern_id = $1', [concernA])).toBe(0);
    // the DSL sees the tombstone; the trust administrator does not
    const mine = json<{ tombstones: TRetentionTombstone[] }>(await get(`/api/v1/retention/tombstones?runId=${run.id}`, dsl)).tombstones;
    expect(mine.map((x) => x.recordId)).toContain(concernA);
    expect(json<{ tombstones: TRetentionTombstone[] }>(await get(`/api/v1/retention/tombstones?runId=${run.id}`, admin)).tombstones).toEqual([]);
    const viewer = await get('/api/v1/audit?action=retention.purge&limit=200', admin);
    expect(viewer.statusCode, viewer.body).toBe(200);
    expect(viewer.body).not.toContain(concernA);
    // no sealed words anywhere they could be read again
    expect(await count('audit_entries', 'details::text like $1', [`%bruise%`])).toBe(0);
    expect(await count('retention_tombstones', 'rows_removed::text like $1 or pupil_ids::text like $1', [`%bruise%`])).toBe(0);
    expect((await verifyAuditChain(t.database)).problems).toEqual([]);
  });

  it('every kind: each purge statement runs, and a full run leaves none of a pupil\'s own records of any kind (one shared with a younger pupil stays)', async () => {
    const shared = await fullIncident(pA);
    await q(`insert into incident_pupils (incident_id, pupil_id, trust_id, role) values ($1, $2, $3, 'affected')`, [shared, pYoung, s.trustId]);
    await t.database.db.transaction(async (tx) => {
      for (const spec of Object.values(KIND_SPECS)) for (const st of spec.steps) await runStatement(tx, st.st, ['{}']);
    });
    await q('update pupils set enrolment_end = $1 where id = $2', ['2010-07-20', pA]);
    const kinds = Object.keys(KIND_SPECS).filter((k) => k !== 'safeguarding_concern');
    const mine = async () => {
      const out: Record<string, number> = {};
      for (const k of kinds) {
        out[k] = Number((await q<{ n: number }>(`with c as (${KIND_SPECS[k as keyof typeof KIND_SPECS].candidates}) select count(*)::int as n from (select id from c group by id having bool_and(pupil_id = $2)) r`, [s.trustId, pA]))[0]!.n);
      }
      return out;
    };
    const before = await mine();
    expect(Object.values(before).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const res = await send('POST', '/api/v1/retention/runs', { dryRun: false, siteIds: [s.site1] }, admin);
    expect(res.statusCode, res.body).toBe(200);
    const after = await mine();
    for (const k of kinds) expect(after[k], k).toBe(0);
    expect(await count('incidents', 'id = $1', [incB])).toBe(1);
    expect(await count('incidents', 'id = $1', [shared])).toBe(1);
    expect((await verifyAuditChain(t.database)).problems).toEqual([]);
  });
});
