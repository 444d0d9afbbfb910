/**
 * Trend alerts (ANA-5) API: access (401, 403, 404), validation naming the field, settings with their versions and
 * audit, evaluation equal to a brute force over the demo records, tasks and notifications for the behaviour lead only,
 * idempotence, site scoping (a lead never sees another site's alerts) and the daily job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAlertSettingsList, TAlertSettingsScope, TTrendAlertEvaluation, TTrendAlertList } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { addUser, demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { bruteTrendAlerts } from '../trend-alerts.brute.ts';
import { runDue } from '../../src/core/jobs/runner.ts';
import { ensureBuiltinSchedules } from '../../src/core/jobs/schedules.ts';
import { registeredKinds } from '../../src/core/jobs/registry.ts';
import { PERMISSIONS } from '../../src/core/policy/permissions.ts';
import { TREND_ALERTS_KIND } from '../../src/modules/trend-alerts/trend-alerts.jobs.ts';
import '../../src/jobs.ts';
import { parseCsv } from '../../src/core/export/csv.ts';

const DAY = '2026-11-18';
const SETTINGS = '/api/v1/analytics/alert-settings';
const ALERTS = '/api/v1/analytics/alerts';
const EVALUATE = '/api/v1/analytics/alerts/evaluate';
const valid = { siteId: null, enabled: true, periodDays: 20, marginPercent: 50, minCount: 5, version: 0 };

describe.each(dbKinds())('trend alerts on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let admin: Session, lead: Session, head: Session, cluster: Session, staff: Session, governor: Session, senco: Session;
  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, who?: Session, payload?: unknown) =>
    t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const clearAlerts = async () => {
    await t.database.query(`delete from notifications where kind = 'analytics.trend_alert'`);
    await t.database.query(`delete from analytics_alerts`);
    await t.database.query(`delete from tasks where source_type = 'trend_alert'`);
  };
  const alertRows = () => t.database.query<{ id: string; site_id: string; subject_key: string; measure: string; previous_count: number; current_count: number; previous_from: string; current_from: string; current_to: string; task_id: string | null }>(
    `select id, site_id, subject_key, measure, previous_count, current_count, previous_from::text, current_from::text, current_to::text, task_id from analytics_alerts order by site_id, subject_key, measure`);

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    const as = (role: string) => sessionFor(t, demoEmail(role));
    [admin, lead, head, cluster, staff, governor, senco] = await Promise.all([
      as('trust_admin'), as('behaviour_lead'), as('head'), as('cluster_lead'), as('staff'), as('governor'), as('senco')]);
  });
  afterAll(async () => { await t?.close(); });

  it('refuses without a session (401)', async () => {
    for (const [m, u] of [['GET', SETTINGS], ['PUT', SETTINGS], ['DELETE', `${SETTINGS}/sites/${s.site1}?version=1`], ['GET', ALERTS], ['POST', EVALUATE]] as const) {
      expect((await call(m, u, undefined, m === 'GET' || m === 'DELETE' ? undefined : {})).statusCode, `${m} ${u}`).toBe(401);
    }
  });

  it('refuses roles that must not (403): staff everywhere, governors and trust admins the named list, a site lead the trust-wide settings', async () => {
    expect((await call('GET', SETTINGS, staff)).statusCode).toBe(403);
    expect((await call('PUT', SETTINGS, staff, { ...valid, siteId: s.site1 })).statusCode).toBe(403);
    expect((await call('POST', EVALUATE, staff, {})).statusCode).toBe(403);
    expect((await call('POST', EVALUATE, senco, {})).statusCode).toBe(403);
    for (const who of [staff, governor, admin]) expect((await call('GET', ALERTS, who)).statusCode).toBe(403);
    const trustWide = await call('PUT', SETTINGS, lead, valid);
    expect(trustWide.statusCode).toBe(403);
    expect(trustWide.body).toContain('trust-wide');
  });

  it('answers 404 for a site outside the caller\'s scope', async () => {
    expect((await call('PUT', SETTINGS, lead, { ...valid, siteId: s.site2 })).statusCode).toBe(404);
    expect((await call('PUT', SETTINGS, cluster, { ...valid, siteId: s.site3 })).statusCode).toBe(404);
    expect((await call('PUT', SETTINGS, admin, { ...valid, siteId: '0190a6c4-0000-7000-8000-000000000000' })).statusCode).toBe(404);
    expect((await call('DELETE', `${SETTINGS}/sites/${s.site3}?version=1`, head)).statusCode).toBe(404);
    expect((await call('GET', `${ALERTS}?siteIds=${s.site3}`, head)).statusCode).toBe(404);
    expect((await call('GET', `${ALERTS}?siteIds=${s.site1},${s.site3}`, cluster)).statusCode).toBe(404);
    expect((await call('POST', EVALUATE, cluster, { siteIds: [s.site3] })).statusCode).toBe(404);
  });

  it('refuses bad input naming the field (400)', async () => {
    const field = async (res: Awaited<ReturnType<typeof call>>) => {
      expect(res.statusCode, res.body).toBe(400);
      return json<{ error: { fields: { field: string; message: string }[] } }>(res).error.fields.map((f) => f.field);
    };
    expect(await field(await call('PUT', SETTINGS, admin, { ...valid, marginPercent: 0 }))).toEqual(['marginPercent']);
    expect(await field(await call('PUT', SETTINGS, admin, { ...valid, marginPercent: 1001 }))).toEqual(['marginPercent']);
    expect(await field(await call('PUT', SETTINGS, admin, { ...valid, periodDays: 61 }))).toEqual(['periodDays']);
    expect(await field(await call('PUT', SETTINGS, admin, { ...valid, periodDays: 4 }))).toEqual(['periodDays']);
    expect(await field(await call('PUT', SETTINGS, admin, { ...valid, minCount: 101 }))).toEqual(['minCount']);
    expect(await field(await call('PUT', SETTINGS, admin, { ...valid, minCount: 2.5 }))).toEqual(['minCount']);
    expect(await field(await call('PUT', SETTINGS, admin, { ...valid, colour: 'red' }))).toEqual(['colour']);
    expect(await field(await call('GET', `${ALERTS}?measure=pos`, lead))).toEqual(['measure']);
    expect(await field(await call('GET', `${ALERTS}?from=2026-11-10&to=2026-11-01`, lead))).toEqual(['to']);
    expect(await field(await call('POST', EVALUATE, lead, { date: '2099-01-01' }))).toEqual(['date']);
    expect(await field(await call('DELETE', `${SETTINGS}/sites/${s.site1}`, lead))).toEqual(['version']);
    const res = await call('PUT', SETTINGS, admin, { ...valid, periodDays: 61 });
    expect(json<{ error: { message: string } }>(res).error.message).toContain('Choose from 5 to 60 school days');
  });

  it('saves trust-wide settings (trust-wide role) and a site override (site lead), with versions, resets and audit', async () => {
    const before = json<TAlertSettingsList>(await call('GET', SETTINGS, lead));
    expect(before.trust).toMatchObject({ siteId: null, source: 'default', version: 0, periodDays: 20, marginPercent: 50, minCount: 5, enabled: true, allowed: [] });
    expect(before.sites.map((x) => x.siteId)).toEqual([s.site1]);
    expect(json<TAlertSettingsList>(await call('GET', SETTINGS, cluster)).sites.map((x) => x.siteId).sort()).toEqual([s.site1, s.site2].sort());

    const trust = await call('PUT', SETTINGS, admin, { ...valid, periodDays: 15, marginPercent: 40 });
    expect(trust.statusCode, trust.body).toBe(200);
    expect(json<TAlertSettingsScope>(trust)).toMatchObject({ source: 'trust', version: 1, periodDays: 15, marginPercent: 40, updatedBy: 'Tom Nowak', allowed: ['update'] });
    expect((await call('PUT', SETTINGS, admin, { ...valid, version: 0 })).statusCode).toBe(409); // saved meanwhile

    const site1 = json<TAlertSettingsList>(await call('GET', SETTINGS, lead)).sites[0]!;
    expect(site1).toMatchObject({ source: 'trust', version: 0, periodDays: 15, allowed: ['update'] });
    const own = await call('PUT', SETTINGS, lead, { ...valid, siteId: s.site1, minCount: 7 });
    expect(json<TAlertSettingsScope>(own)).toMatchObject({ source: 'site', version: 1, periodDays: 20, minCount: 7, allowed: ['update', 'reset'] });
    expect((await call('PUT', SETTINGS, head, { ...valid, siteId: s.site1, minCount: 9, version: 0 })).statusCode).toBe(409);
    expect(json<TAlertSettingsScope>(await call('PUT', SETTINGS, head, { ...valid, siteId: s.site1, minCount: 9, version: 1 }))).toMatchObject({ version: 2, minCount: 9 });
    const cl = json<TAlertSettingsList>(await call('GET', SETTINGS, cluster)).sites;
    expect(cl.find((x) => x.siteId === s.site1)).toMatchObject({ source: 'site', minCount: 9 });
    expect(cl.find((x) => x.siteId === s.site2)).toMatchObject({ source: 'trust', periodDays: 15 });

    expect((await call('DELETE', `${SETTINGS}/sites/${s.site1}?version=1`, lead)).statusCode).toBe(409);
    const reset = await call('DELETE', `${SETTINGS}/sites/${s.site1}?version=2`, lead);
    expect(json<TAlertSettingsScope>(reset)).toMatchObject({ source: 'trust', version: 0, periodDays: 15, minCount: 5 });
    expect((await call('DELETE', `${SETTINGS}/sites/${s.site1}?version=2`, lead)).statusCode).toBe(404);

    const audit = await t.database.query<{ action: string; n: number }>(`select action, count(*)::int as n from audit_entries where action like 'analytics.alert_settings.%' group by action order by action`);
    expect(audit).toEqual([{ action: 'analytics.alert_settings.reset', n: 1 }, { action: 'analytics.alert_settings.update', n: 3 }]);
    // back to the defaults for the evaluation tests
    expect((await call('PUT', SETTINGS, admin, { ...valid, version: 1 })).statusCode).toBe(200);
  });

  it('raises exactly the alerts a brute force finds, with a task and notifications for the behaviour leads only; a re-run raises nothing', async () => {
    await clearAlerts();
    const res = await call('POST', EVALUATE, admin, { date: DAY });
    expect(res.statusCode, res.body).toBe(200);
    const run = json<TTrendAlertEvaluation>(res);
    expect(run.sites).toHaveLength(3);
    const rows = await alertRows();
    expect(run.created).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(5);
    for (const site of [s.site1, s.site2, s.site3]) {
      const want = await bruteTrendAlerts(t.database, s.trustId, site, DAY, { periodDays: 20, marginPercent: 50, minCount: 5 });
      const got = rows.filter((r) => r.site_id === site).map((r) => ({ subjectKey: r.subject_key, measure: r.measure, previousCount: r.previous_count, currentCount: r.current_count, previousFrom: r.previous_from, currentFrom: r.current_from, currentTo: r.current_to }));
      expect(got.sort((a, b) => `${a.subjectKey}|${a.measure}`.localeCompare(`${b.subjectKey}|${b.measure}`))).toEqual(want);
      expect(run.sites.find((x) => x.siteId === site)).toMatchObject({ status: 'evaluated', created: want.length, currentTo: DAY });
    }

    // each alert has an open task for the behaviour lead role, and only holders of that role at the site were notified
    const tasks = await t.database.query<{ id: string; site_id: string; assigned_role: string; source_id: string }>(`select id, site_id, assigned_role, source_id from tasks where source_type = 'trend_alert'`);
    expect(tasks).toHaveLength(rows.length);
    for (const r of rows) expect(tasks.find((x) => x.id === r.task_id)).toMatchObject({ site_id: r.site_id, assigned_role: 'behaviour_lead', source_id: r.id });
    const notified = await t.database.query<{ user_id: string; site_id: string; title: string }>(`select user_id, site_id, title from notifications where kind = 'analytics.trend_alert'`);
    expect(notified.length).toBeGreaterThan(0);
    const readers = PERMISSIONS['behaviour.read'].roles as readonly string[];
    for (const n of notified) {
      const roles = (await t.database.query<{ role: string }>(`select role from role_assignments where user_id = $1 and (site_id = $2 or site_id is null)`, [n.user_id, n.site_id])).map((x) => x.role);
      expect(roles).toContain('behaviour_lead');
      expect(roles.some((r) => readers.includes(r))).toBe(true);
    }
    const site1Leads = (await t.database.query<{ user_id: string }>(`select distinct ra.user_id from role_assignments ra join users u on u.id = ra.user_id where ra.role = 'behaviour_lead' and (ra.site_id = $1 or ra.site_id is null) and u.active`, [s.site1])).map((x) => x.user_id);
    expect(new Set(notified.filter((n) => n.site_id === s.site1).map((n) => n.user_id))).toEqual(new Set(site1Leads));
    for (const who of [governor, staff, cluster, head]) expect(notified.some((n) => n.user_id === who.userId)).toBe(false);
    const leadTasks = json<{ items: { sourceType: string; siteId: string }[] }>(await call('GET', '/api/v1/tasks?pageSize=200', lead)).items.filter((x) => x.sourceType === 'trend_alert');
    expect(leadTasks.length).toBe(rows.filter((r) => r.site_id === s.site1).length);

    const again = json<TTrendAlertEvaluation>(await call('POST', EVALUATE, admin, { date: DAY }));
    expect(again.created).toBe(0);
    // the next school day: subjects already alerted in an overlapping period are not raised again
    await call('POST', EVALUATE, admin, { date: '2026-11-19' });
    const after = await alertRows();
    const keys = after.map((r) => `${r.site_id}|${r.subject_key}|${r.measure}`);
    expect(new Set(keys).size).toBe(keys.length);
    const audit = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'analytics.alerts.evaluate'`);
    expect(audit[0]!.n).toBe(3);
    expect((await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'analytics.alert.create'`))[0]!.n).toBe(after.length);
  });

  it('lists alerts newest first only for the caller\'s sites: a head or cluster lead never sees another site\'s', async () => {
    const headList = json<TTrendAlertList>(await call('GET', `${ALERTS}?pageSize=200`, head));
    expect(headList.total).toBeGreaterThan(0);
    expect(new Set(headList.items.map((a) => a.siteId))).toEqual(new Set([s.site1]));
    const clusterList = json<TTrendAlertList>(await call('GET', `${ALERTS}?pageSize=200`, cluster));
    expect(clusterList.items.every((a) => a.siteId === s.site1 || a.siteId === s.site2)).toBe(true);
    expect(clusterList.items.some((a) => a.siteId === s.site2)).toBe(true);
    const times = clusterList.items.map((a) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const all = await alertRows();
    expect(clusterList.total).toBe(all.filter((r) => r.site_id !== s.site3).length);
    // a new head of site 2 only sees site 2's
    const head2 = await sessionFor(t, await addUser(t, s.trustId, 'head', s.site2));
    expect(json<TTrendAlertList>(await call('GET', `${ALERTS}?pageSize=200`, head2)).items.every((a) => a.siteId === s.site2)).toBe(true);
    expect((await call('GET', `${ALERTS}?siteIds=${s.site1}`, head2)).statusCode).toBe(404);

    const pupilAlert = headList.items.find((a) => a.subject === 'pupil')!;
    expect(pupilAlert.pupil!.name.length).toBeGreaterThan(3);
    expect(pupilAlert).toMatchObject({ rateUnit: 'per school day', task: { status: 'open' } });
    expect(pupilAlert.currentRate!).toBeGreaterThan(pupilAlert.previousRate!);
    const filtered = json<TTrendAlertList>(await call('GET', `${ALERTS}?siteIds=${s.site1}&subject=pupil&measure=${pupilAlert.measure}&from=${DAY}&to=${DAY}`, lead));
    expect(filtered.items.every((a) => a.subject === 'pupil' && a.measure === pupilAlert.measure && a.currentTo === DAY)).toBe(true);
    const names = await t.database.query<{ title: string }>(`select title from notifications where kind = 'analytics.trend_alert' and user_id = $1`, [lead.userId]);
    expect(names.some((n) => n.title.includes(pupilAlert.pupil!.name)) || names.some((n) => /new trend alerts/.test(n.title))).toBe(true);
  });

  it('downloads the list as CSV or XLSX for the caller\'s sites only, with the filters, audited; refused where the list is', async () => {
    const headList = json<TTrendAlertList>(await call('GET', `${ALERTS}?pageSize=200`, head));
    const res = await call('GET', `${ALERTS}?format=csv`, head);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(res.body);
    expect(rows[0]!.slice(0, 6)).toEqual(['Raised', 'Site', 'About', 'Pupil', 'Year group', 'Measure']);
    expect(rows.length - 1).toBe(headList.total);
    const ids = rows.slice(1).map((r) => r.at(-1));
    expect(ids).toEqual(headList.items.map((a) => a.id));
    const first = headList.items.find((a) => a.subject === 'pupil')!;
    const line = rows.find((r) => r.at(-1) === first.id)!;
    expect(line).toContain(first.pupil!.name);
    expect(line).toContain(String(first.currentCount));
    // the filters hold in the file
    const sites = parseCsv((await call('GET', `${ALERTS}?format=csv&subject=site`, cluster)).body).slice(1);
    expect(sites.every((r) => r[2] === 'The site' && r[3] === '')).toBe(true);
    const xlsx = await call('GET', `${ALERTS}?format=xlsx`, cluster);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    for (const who of [staff, governor, admin]) expect((await call('GET', `${ALERTS}?format=csv`, who)).statusCode).toBe(403);
    expect((await call('GET', `${ALERTS}?format=csv`)).statusCode).toBe(401);
    const head2 = await sessionFor(t, await addUser(t, s.trustId, 'head', s.site2));
    expect((await call('GET', `${ALERTS}?format=csv&siteIds=${s.site1}`, head2)).statusCode).toBe(404);
    const bad = await call('GET', `${ALERTS}?format=pdf`, head);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('format');
    const audit = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'export' and entity_type = 'trend-alerts'`);
    expect(audit[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('is in the OpenAPI document', async () => {
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(await call('GET', '/api/v1/openapi.json'));
    expect(Object.keys(doc.paths[SETTINGS]!).sort()).toEqual(['get', 'put']);
    expect(doc.paths[ALERTS]!.get).toBeDefined();
    expect(doc.paths[EVALUATE]!.post).toBeDefined();
    expect(doc.paths[`${SETTINGS}/sites/{siteId}`]!.delete).toBeDefined();
  });

  it('runs as a daily job after school on weekdays: every trust for the day it was due, once', async () => {
    expect(registeredKinds()).toContain(TREND_ALERTS_KIND);
    await clearAlerts();
    await ensureBuiltinSchedules(t.database, new Date('2026-11-18T12:00:00Z'));
    const schedule = await t.database.query<{ cron: string; timezone: string; next: string }>(`select cron, timezone, next_run_at::text as next from job_schedules where name = $1`, [TREND_ALERTS_KIND]);
    expect(schedule[0]).toMatchObject({ cron: '30 17 * * 1-5', timezone: 'Europe/London' });
    expect(new Date(schedule[0]!.next.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString()).toBe('2026-11-18T17:30:00.000Z');
    const r = await runDue(t.app.deps, { now: new Date('2026-11-18T17:31:00Z') });
    expect(r.dead + r.retried).toBe(0);
    const rows = await alertRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((x) => x.current_to === DAY)).toBe(true);
    const jobAudit = await t.database.query<{ actor_label: string }>(`select distinct actor_label from audit_entries where action = 'analytics.alert.create' and actor_label like 'system%'`);
    expect(jobAudit.map((x) => x.actor_label)).toEqual([`system (job ${TREND_ALERTS_KIND})`]);
    // nothing is due again until the next weekday's 17:30, and a re-run of the same day adds nothing
    // (other modules' jobs may be due at 18:00 too: the trend alerts' own schedule is what is checked)
    await runDue(t.app.deps, { now: new Date('2026-11-18T18:00:00Z') });
    const after = await t.database.query<{ next: string }>(`select next_run_at::text as next from job_schedules where name = $1`, [TREND_ALERTS_KIND]);
    expect(new Date(after[0]!.next.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString()).toBe('2026-11-19T17:30:00.000Z');
    expect(await alertRows()).toHaveLength(rows.length);
  });
});
