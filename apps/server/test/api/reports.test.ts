/**
 * Reports API on both databases: the weekly report (JSON and PDF, governors' copies suppressed and nameless),
 * report subscriptions, and the pupil summary PDF. Every endpoint: 401, 403/404, 400 naming the field, success.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { jobSchedules } from '../../src/db/schema/jobs.ts';
import { pupils } from '../../src/db/schema/pupils.ts';
import { demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { fieldsOf, type ErrorBody } from './incidents.fixtures.ts';
import { pdfText } from '../pdf.ts';

interface Weekly { weekStart: string; weekEnd: string; suppressed: boolean; sites: Record<string, unknown>[] }

describe.each(dbKinds())('reports on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  const as: Record<string, Session> = {};
  let surnames: string[];
  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    for (const role of ['staff', 'behaviour_lead', 'governor', 'parent', 'trust_admin', 'head', 'senco']) as[role] = await sessionFor(t, demoEmail(role));
    surnames = (await t.database.db.select({ n: pupils.legalSurname }).from(pupils).where(eq(pupils.siteId, s.site1))).map((r) => r.n);
  });
  afterAll(async () => { await t.close(); });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  const namesIn = (text: string) => surnames.filter((n) => new RegExp(`\\b${n}\\b`).test(text));

  describe('weekly report', () => {
    it('401, 403 for staff and parents, 403 for a site outside scope, 400 naming the field', async () => {
      expect((await get('/api/v1/reports/weekly')).statusCode).toBe(401);
      for (const who of ['staff', 'parent', 'senco']) expect((await get('/api/v1/reports/weekly', as[who])).statusCode).toBe(403);
      expect((await get(`/api/v1/reports/weekly?siteId=${s.site3}`, as.behaviour_lead)).statusCode).toBe(403);
      const bad = await get('/api/v1/reports/weekly?week=22-11-2026', as.behaviour_lead);
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['week']);
    });

    it('counts per SPEC §9 (no drafts, no voided; involvements of involved or instigating pupils), this week and the one before', async () => {
      const r = json<Weekly>(await get('/api/v1/reports/weekly?week=2026-11-18', as.behaviour_lead));
      expect(r).toMatchObject({ weekStart: '2026-11-16', weekEnd: '2026-11-22', suppressed: false });
      expect(r.sites.map((x) => x.siteId)).toEqual([s.site1]);
      const count = async (q: string, params: unknown[]) => Number((await t.database.query<{ n: number }>(q, params))[0]!.n);
      const incidents = (from: string, to: string) => count(`select count(*)::int as n from incidents where site_id = $1 and status <> 'draft'
        and voided_at is null and occurred_on between $2 and $3`, [s.site1, from, to]);
      const involvements = (from: string, to: string) => count(`select count(*)::int as n from incident_pupils ip join incidents i on i.id = ip.incident_id
        where i.site_id = $1 and i.status <> 'draft' and i.voided_at is null and i.occurred_on between $2 and $3 and ip.role in ('involved','instigator')`, [s.site1, from, to]);
      const events = (pol: string, from: string, to: string) => count(`select count(*)::int as n from behaviour_events where site_id = $1 and voided_at is null
        and polarity = $4 and occurred_on between $2 and $3`, [s.site1, from, to, pol]);
      const site = r.sites[0]!;
      expect(site.incidents).toBe(await incidents('2026-11-16', '2026-11-22'));
      expect(site.incidentsPrevious).toBe(await incidents('2026-11-09', '2026-11-15'));
      expect(site.pupilInvolvements).toBe(await involvements('2026-11-16', '2026-11-22'));
      expect(site.negativeEvents).toBe(await events('negative', '2026-11-16', '2026-11-22'));
      expect(site.positiveEventsPrevious).toBe(await events('positive', '2026-11-09', '2026-11-15'));
      expect(site.awaitingReview).toBe(await count(`select count(*)::int as n from incidents where site_id = $1 and status = 'submitted' and voided_at is null`, [s.site1]));
      expect((site.incidents as number) + (site.incidentsPrevious as number)).toBeGreaterThan(0);
    });

    it("a governor's copy suppresses counts of 1 to 4 and carries no pupil name; the PDF too", async () => {
      const res = await get('/api/v1/reports/weekly?week=2026-11-18', as.governor);
      expect(res.statusCode).toBe(200);
      const r = json<Weekly>(res);
      expect(r.suppressed).toBe(true);
      for (const site of r.sites) {
        for (const [k, v] of Object.entries(site)) {
          if (typeof v === 'number' && k !== 'physicalInterventionMinutes') expect(v === 0 || v >= 5).toBe(true);
        }
      }
      expect(namesIn(res.body)).toEqual([]);
      const pdf = await get('/api/v1/reports/weekly?week=2026-11-18&format=pdf', as.governor);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = await pdfText(pdf.rawPayload);
      expect(text).toContain('Weekly behaviour report: 16/11/2026 to 22/11/2026');
      expect(text).toContain('fewer than 5');
      expect(namesIn(text)).toEqual([]);
    });

    it('the PDF for a behaviour lead, audited as a download', async () => {
      const pdf = await get(`/api/v1/reports/weekly?siteId=${s.site1}&format=pdf`, as.behaviour_lead);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="haven-weekly-report-\d{4}-\d\d-\d\d\.pdf"$/);
      expect(await pdfText(pdf.rawPayload)).toContain('Aurora Park School');
      const a = (await t.database.db.select().from(auditEntries).where(eq(auditEntries.action, 'report.weekly.download')).orderBy(desc(auditEntries.seq)).limit(1))[0];
      expect(a).toMatchObject({ siteId: s.site1 });
    });
  });

  describe('subscriptions', () => {
    const post = (body: unknown, who?: Session) => t.app.inject({ method: 'POST', url: '/api/v1/reports/subscriptions', headers: who?.headers ?? {}, payload: body as object });
    const del = (id: string, who?: Session) => t.app.inject({ method: 'DELETE', url: `/api/v1/reports/subscriptions/${id}`, headers: who?.headers ?? {} });

    it('401, 403 for staff, 403 for a site outside scope, 400 naming the field', async () => {
      expect((await post({ kind: 'weekly_leaders', siteIds: [s.site1] })).statusCode).toBe(401);
      expect((await get('/api/v1/reports/subscriptions')).statusCode).toBe(401);
      expect((await del('0190a6c4-0000-7000-8000-000000000000')).statusCode).toBe(401);
      expect((await post({ kind: 'weekly_leaders', siteIds: [s.site1] }, as.staff)).statusCode).toBe(403);
      expect((await get('/api/v1/reports/subscriptions', as.staff)).statusCode).toBe(403);
      expect((await post({ kind: 'weekly_leaders', siteIds: [s.site3] }, as.behaviour_lead)).statusCode).toBe(403);
      for (const [body, field] of [[{ kind: 'weekly_leaders', siteIds: [] }, 'siteIds'], [{ kind: 'monthly', siteIds: [s.site1] }, 'kind'], [{ kind: 'weekly_leaders', siteIds: [s.site1], hour: 25 }, 'hour']] as const) {
        const res = await post(body, as.behaviour_lead);
        expect(res.statusCode).toBe(400);
        expect(fieldsOf(json<ErrorBody>(res))).toEqual([field]);
      }
    });

    it('subscribe makes a weekly schedule in Europe/London; unsubscribe disables it; only your own', async () => {
      const res = await post({ kind: 'weekly_leaders', siteIds: [s.site1], weekday: 1, hour: 7 }, as.behaviour_lead);
      expect(res.statusCode).toBe(201);
      const sub = json<{ id: string; schedule: string; siteNames: string[]; nextRunAt: string }>(res);
      expect(sub).toMatchObject({ schedule: 'Every Monday at 07:00', siteNames: ['Aurora Park School'] });
      expect(new Date(sub.nextRunAt).getUTCHours()).toBe(7); // November: GMT
      const sched = (await t.database.db.select().from(jobSchedules).where(eq(jobSchedules.name, `report:${sub.id}`)))[0]!;
      expect(sched).toMatchObject({ cron: '0 7 * * 1', timezone: 'Europe/London', kind: 'reports.deliver', enabled: true });
      const mine = json<{ items: { id: string }[] }>(await get('/api/v1/reports/subscriptions', as.behaviour_lead));
      expect(mine.items.map((i) => i.id)).toContain(sub.id);
      expect(json<{ items: unknown[] }>(await get('/api/v1/reports/subscriptions', as.head)).items.map((i) => (i as { id: string }).id)).not.toContain(sub.id);
      expect((await del(sub.id, as.head)).statusCode).toBe(404);
      expect((await del('not-a-uuid', as.behaviour_lead)).statusCode).toBe(400);
      expect((await del(sub.id, as.behaviour_lead)).statusCode).toBe(204);
      expect((await del(sub.id, as.behaviour_lead)).statusCode).toBe(404);
      expect((await t.database.db.select().from(jobSchedules).where(eq(jobSchedules.name, `report:${sub.id}`)))[0]!.enabled).toBe(false);
      const audits = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, sub.id)));
      expect(audits.map((a) => a.action).sort()).toEqual(['report.subscribe', 'report.unsubscribe']);
    });
  });

  describe('pupil summary', () => {
    let pupil: typeof pupils.$inferSelect;
    let elsewhere: string;
    beforeAll(async () => {
      const withIncidents = await t.database.query<{ pupil_id: string }>(`select ip.pupil_id from incident_pupils ip join incidents i on i.id = ip.incident_id
        where i.site_id = $1 and i.status = 'signed_off' and i.voided_at is null group by ip.pupil_id order by count(*) desc, ip.pupil_id limit 1`, [s.site1]);
      pupil = (await t.database.db.select().from(pupils).where(eq(pupils.id, withIncidents[0]!.pupil_id)))[0]!;
      elsewhere = (await t.database.db.select().from(pupils).where(eq(pupils.siteId, s.site3)).limit(1))[0]!.id;
      await t.database.db.update(pupils).set({ childProtectionPlan: true, childInNeed: true }).where(eq(pupils.id, pupil.id));
    });
    const url = (id: string, q = 'from=2026-09-01&to=2026-11-18') => `/api/v1/pupils/${id}/summary.pdf?${q}`;

    it('401, 403 for staff and governors, 404 outside the site, 400 naming the field', async () => {
      expect((await get(url(pupil.id))).statusCode).toBe(401);
      for (const who of ['staff', 'governor', 'parent', 'trust_admin']) expect((await get(url(pupil.id), as[who])).statusCode).toBe(403);
      expect((await get(url(elsewhere), as.behaviour_lead)).statusCode).toBe(404);
      expect((await get(url('0190a6c4-0000-7000-8000-000000000000'), as.behaviour_lead)).statusCode).toBe(404);
      for (const [q, field] of [['to=2026-11-18', 'from'], ['from=2026-11-18&to=2026-09-01', 'to'], ['from=2020-01-01&to=2026-11-18', 'to']] as const) {
        const res = await get(url(pupil.id, q), as.behaviour_lead);
        expect(res.statusCode).toBe(400);
        expect(fieldsOf(json<ErrorBody>(res))).toEqual([field]);
      }
    });

    it('the PDF: profile, points, half-term trend, PIs, signed-off incidents; nothing sealed; audited', async () => {
      const res = await get(url(pupil.id), as.behaviour_lead);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = await pdfText(res.rawPayload);
      expect(text).toContain(`Pupil summary: ${pupil.preferredForename ?? pupil.legalForename} ${pupil.preferredSurname ?? pupil.legalSurname}`);
      expect(text).toContain('01/09/2026 to 18/11/2026');
      for (const heading of ['About the pupil', 'Behaviour points', 'Trend by half-term', 'Physical interventions', 'Incidents (signed off)']) expect(text).toContain(heading);
      expect(text).toMatch(/Autumn/i);
      expect(text.toLowerCase()).not.toContain('child protection');
      expect(text.toLowerCase()).not.toContain('child in need');
      const signedOff = Number((await t.database.query<{ n: number }>(`select count(*)::int as n from incidents i join incident_pupils ip on ip.incident_id = i.id
        where ip.pupil_id = $1 and i.status = 'signed_off' and i.voided_at is null and i.occurred_on between '2026-09-01' and '2026-11-18'`, [pupil.id]))[0]!.n);
      expect(text).toContain(`Incidents (signed off): ${signedOff}`);
      const a = (await t.database.db.select().from(auditEntries).where(eq(auditEntries.action, 'pupil.summary.read')).orderBy(desc(auditEntries.seq)).limit(1))[0];
      expect(a).toMatchObject({ entityType: 'pupil', entityId: pupil.id, siteId: s.site1 });
    });
  });
});
