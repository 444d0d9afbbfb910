/**
 * Trend alerts (ANA-5) exactness and delivery: on random records (negative points, incidents in every status, voided
 * ones, involvements in every role, interventions with and without a pupil, pupils joining and leaving) and random
 * settings, the alerts raised equal a brute force over the raw rows; two evaluations at once raise each alert once;
 * with SMTP configured the behaviour leads get the notification by email (the same words, nothing more).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import type { TAlertSettingsList, TTrendAlertEvaluation } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { bruteTrendAlerts } from '../trend-alerts.brute.ts';
import { addDays } from '../../src/core/calendar/calendar.ts';
import { mailerFor } from '../../src/core/mail/mailer.ts';
import { parseMail, smtpTestConfig, startSmtp } from './smtp.fixtures.ts';

const DAY = '2026-11-18';
const FIRST = '2026-09-07';

describe.each(dbKinds())('trend alerts equal a brute force on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let cluster: Session;
  let pupils: string[];
  let staffId: string;

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    cluster = await sessionFor(t, demoEmail('cluster_lead'));
    pupils = (await t.database.query<{ id: string }>('select id from pupils where site_id = $1 order by id limit 8', [s.site2])).map((r) => r.id);
    staffId = (await t.database.query<{ id: string }>('select id from users where trust_id = $1 order by id limit 1', [s.trustId]))[0]!.id;
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  const clearSite = async () => {
    await t.database.query(`delete from notifications where kind = 'analytics.trend_alert' and site_id = $1`, [s.site2]);
    await t.database.query(`delete from analytics_alerts where site_id = $1`, [s.site2]);
    await t.database.query(`delete from tasks where source_type = 'trend_alert' and site_id = $1`, [s.site2]);
  };
  const evaluate = () => t.app.inject({ method: 'POST', url: '/api/v1/analytics/alerts/evaluate', headers: cluster.headers, payload: { siteIds: [s.site2], date: DAY } });
  const raised = () => t.database.query<{ subjectKey: string; measure: string; previousCount: number; currentCount: number; previousFrom: string; currentFrom: string; currentTo: string }>(
    `select subject_key as "subjectKey", measure, previous_count as "previousCount", current_count as "currentCount", previous_from::text as "previousFrom",
            current_from::text as "currentFrom", current_to::text as "currentTo" from analytics_alerts where site_id = $1 order by subject_key, measure`, [s.site2]);

  const pupil = fc.nat(7);
  const day = fc.integer({ min: 0, max: 72 });
  const op = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('event' as const), pupil, day, n: fc.integer({ min: 1, max: 4 }), polarity: fc.constantFrom('negative', 'negative', 'positive'), voided: fc.constantFrom(false, false, false, true) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('incident' as const), day, status: fc.constantFrom('draft', 'submitted', 'signed_off', 'signed_off'), voided: fc.constantFrom(false, false, true),
      pupils: fc.uniqueArray(fc.record({ pupil, role: fc.constantFrom('involved', 'instigator', 'affected', 'witness') }), { selector: (p) => p.pupil, maxLength: 3 }),
      pis: fc.array(fc.option(pupil, { nil: null }), { maxLength: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), pupil, day }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('join' as const), pupil, day }) },
  );
  type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

  async function apply(o: Op): Promise<void> {
    const db = t.database;
    const at = (d: number) => `${addDays(FIRST, d)}T10:30:00+00`;
    if (o.kind === 'event') {
      for (let i = 0; i < o.n; i++) {
        await db.query(`insert into behaviour_events (id, trust_id, site_id, pupil_id, batch_id, category_id, category_code, polarity, severity, points, occurred_at, occurred_on, recorded_by, voided_at)
          values ($1, $2, $3, $4, $1, $1, 'PT1', $5, 1, -1, $6::timestamptz, ($6::timestamptz at time zone 'Europe/London')::date, $7, $8)`,
        [uuidv7(), s.trustId, s.site2, pupils[o.pupil], o.polarity, at(o.day), staffId, o.voided ? at(o.day) : null]);
      }
    } else if (o.kind === 'incident') {
      const id = uuidv7();
      await db.query(`insert into incidents (id, trust_id, site_id, status, occurred_at, occurred_on, category_codes, created_by, voided_at)
        values ($1, $2, $3, $4, $5::timestamptz, ($5::timestamptz at time zone 'Europe/London')::date, '[]'::jsonb, $6, $7)`,
      [id, s.trustId, s.site2, o.status, at(o.day), staffId, o.voided ? at(o.day) : null]);
      for (const p of o.pupils) await db.query('insert into incident_pupils (incident_id, pupil_id, trust_id, role) values ($1, $2, $3, $4)', [id, pupils[p.pupil], s.trustId, p.role]);
      for (const p of o.pis) await db.query('insert into physical_interventions (id, incident_id, trust_id, site_id, pupil_id) values ($1, $2, $3, $4, $5)', [uuidv7(), id, s.trustId, s.site2, p === null ? null : pupils[p]]);
    } else if (o.kind === 'leave') {
      await db.query('update pupils set enrolment_end = $1::date where id = $2', [addDays(FIRST, o.day), pupils[o.pupil]]);
    } else {
      await db.query('update pupils set enrolment_start = $1::date, enrolment_end = null where id = $2', [addDays(FIRST, o.day), pupils[o.pupil]]);
    }
  }

  it('raises exactly the alerts the brute force finds, after every batch of changes and with any settings', async () => {
    let total = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(op, { minLength: 3, maxLength: 30 }),
      fc.record({ periodDays: fc.integer({ min: 5, max: 25 }), marginPercent: fc.integer({ min: 1, max: 200 }), minCount: fc.integer({ min: 1, max: 6 }) }),
      async (ops, settings) => {
        for (const o of ops) await apply(o);
        const current = json<TAlertSettingsList>(await t.app.inject({ method: 'GET', url: '/api/v1/analytics/alert-settings', headers: cluster.headers })).sites.find((x) => x.siteId === s.site2)!;
        const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/analytics/alert-settings', headers: cluster.headers, payload: { siteId: s.site2, enabled: true, ...settings, version: current.version } });
        expect(saved.statusCode, saved.body).toBe(200);
        await clearSite();
        const res = await evaluate();
        expect(res.statusCode, res.body).toBe(200);
        const got = await raised();
        const want = await bruteTrendAlerts(t.database, s.trustId, s.site2, DAY, settings);
        expect(got.sort((a, b) => `${a.subjectKey}|${a.measure}`.localeCompare(`${b.subjectKey}|${b.measure}`))).toEqual(want);
        expect(json<TTrendAlertEvaluation>(res).created).toBe(want.length);
        total += want.length;
      }), { numRuns: kind === 'pglite' ? 8 : 15, endOnFailure: true });
    expect(total).toBeGreaterThan(0);
  }, 900_000);

  it('raises each alert once when two evaluations run at the same time', async () => {
    // settings of its own (the property test above leaves its last random ones), chosen so that alerts are due
    const settings = { periodDays: 10, marginPercent: 1, minCount: 1 };
    const current = json<TAlertSettingsList>(await t.app.inject({ method: 'GET', url: '/api/v1/analytics/alert-settings', headers: cluster.headers })).sites.find((x) => x.siteId === s.site2)!;
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/analytics/alert-settings', headers: cluster.headers, payload: { siteId: s.site2, enabled: true, ...settings, version: current.version } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await bruteTrendAlerts(t.database, s.trustId, s.site2, DAY, settings)).length).toBeGreaterThan(0);
    await clearSite();
    const [a, b] = await Promise.all([evaluate(), evaluate()]);
    const created = json<TTrendAlertEvaluation>(a).created + json<TTrendAlertEvaluation>(b).created;
    const rows = await raised();
    expect(rows.length).toBeGreaterThan(0);
    expect(created).toBe(rows.length);
    const tasks = await t.database.query<{ n: number }>(`select count(*)::int as n from tasks where source_type = 'trend_alert' and site_id = $1`, [s.site2]);
    expect(tasks[0]!.n).toBe(rows.length);
  });

  it('disabled at a site: nothing is raised there', async () => {
    await clearSite();
    const current = json<TAlertSettingsList>(await t.app.inject({ method: 'GET', url: '/api/v1/analytics/alert-settings', headers: cluster.headers })).sites.find((x) => x.siteId === s.site2)!;
    await t.app.inject({ method: 'PUT', url: '/api/v1/analytics/alert-settings', headers: cluster.headers, payload: { siteId: s.site2, enabled: false, periodDays: 5, marginPercent: 1, minCount: 1, version: current.version } });
    const run = json<TTrendAlertEvaluation>(await evaluate());
    expect(run).toMatchObject({ created: 0, sites: [{ siteId: s.site2, status: 'disabled', created: 0 }] });
    expect(await raised()).toEqual([]);
  });
});

describe.each(dbKinds())('trend alert emails on %s', (kind) => {
  it('emails each notified behaviour lead the notification\'s own words when SMTP is configured', async () => {
    const smtp = await startSmtp();
    const t = await createTestContext(kind, smtpTestConfig(smtp.port));
    try {
      const s = await demoSites(t);
      const admin = await sessionFor(t, demoEmail('trust_admin'));
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/analytics/alerts/evaluate', headers: admin.headers, payload: { siteIds: [s.site1], date: DAY } });
      expect(json<TTrendAlertEvaluation>(res).created).toBeGreaterThan(0);
      await mailerFor(t.app.deps).idle();
      const sent = await t.database.query<{ title: string; body: string; email: string; email_status: string }>(
        `select n.title, n.body, u.email, n.email_status from notifications n join users u on u.id = n.user_id where n.kind = 'analytics.trend_alert'`);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((n) => n.email_status === 'sent')).toBe(true);
      expect(smtp.received).toHaveLength(sent.length);
      for (const m of smtp.received) {
        const mail = await parseMail(m.raw);
        const n = sent.find((x) => x.email === m.to[0] && x.title === mail.subject);
        expect(n, mail.subject).toBeDefined();
        expect(mail.text).toContain(n!.body);
        expect(mail.text).toContain('https://haven.example.org/analytics#trend-alerts');
      }
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
