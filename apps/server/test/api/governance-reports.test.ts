/**
 * Governors' termly report (PDF) and census exclusions return (ANA-7), and the pupil-group comparison for sanctions and
 * suspensions (ANA-2): access, validation, content. A governor never receives a pupil's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { TExclusionStats, TGroupComparison, TPiStats, TRecordQuality } from '@haven/contracts';
import { reportData } from '../../src/modules/governors-report/governors.service.ts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { pdfText } from './suspensions.fixtures.ts';

describe.each(dbKinds())('governance reports (%s)', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let head: Session;
  let governor: Session;
  let termId: string;
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });

  /** Every demo pupil's names as they could be printed. */
  async function pupilNames(): Promise<string[]> {
    const rows = await t.database.query<{ f: string; s: string; pf: string | null; ps: string | null }>(
      `select legal_forename as f, legal_surname as s, preferred_forename as pf, preferred_surname as ps from pupils`);
    return [...new Set(rows.flatMap((r) => [`${r.f} ${r.s}`, `${r.pf ?? r.f} ${r.ps ?? r.s}`, `${r.s}, ${r.f}`]))];
  }

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    head = await sessionFor(t, demoEmail('head'));
    governor = await sessionFor(t, demoEmail('governor'));
    termId = (await t.database.query<{ id: string }>(`select id from terms where site_id is null and start_date <= '2026-11-18' and end_date >= '2026-11-18'`))[0]!.id;
  });
  afterAll(async () => { await t?.close(); });

  describe('governors\' report', () => {
    it('401, 403, 404 and 400 naming the field', async () => {
      expect((await get(`/api/v1/reports/governors?termId=${termId}`)).statusCode).toBe(401);
      const staff = await sessionFor(t, demoEmail('staff'));
      expect((await get(`/api/v1/reports/governors?termId=${termId}`, staff)).statusCode).toBe(403);
      expect((await get(`/api/v1/reports/governors?termId=${termId}&siteIds=${s.site2}`, governor)).statusCode).toBe(404);
      const noTerm = await get('/api/v1/reports/governors', governor);
      expect(noTerm.statusCode).toBe(400);
      expect(noTerm.body).toContain('termId');
      const unknown = await get(`/api/v1/reports/governors?termId=${uuidv7()}`, governor);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('termId');
      const badSites = await get(`/api/v1/reports/governors?termId=${termId}&siteIds=nonsense`, governor);
      expect(badSites.statusCode).toBe(400);
      expect(badSites.body).toContain('siteIds');
    });

    it('gives the governor a PDF with every section, small counts as "fewer than 5" and no pupil name; audited', async () => {
      const res = await get(`/api/v1/reports/governors?termId=${termId}`, governor);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = await pdfText(res.rawPayload);
      for (const heading of ['Behaviour over the term', 'Positive and negative', 'Physical interventions', 'Record quality', 'Suspensions and permanent exclusions', 'Pupil groups', 'Definitions']) {
        expect(text).toContain(heading);
      }
      expect(text).toContain('fewer than 5');
      expect(text).toContain('9.33');
      expect(text).toContain('11.31');
      expect(text).not.toMatch(/\b[1-4] (pupils|suspensions)\b/);
      for (const name of await pupilNames()) expect(text.includes(name), name).toBe(false);
      const audit = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'report.governors.download'`);
      expect(audit[0]!.n).toBeGreaterThan(0);
    });

    it('renders for the whole demo trust (trust administrator) and reports the time taken', async () => {
      const admin = await sessionFor(t, demoEmail('trust_admin'));
      const started = performance.now();
      const res = await get(`/api/v1/reports/governors?termId=${termId}`, admin);
      const ms = performance.now() - started;
      expect(res.statusCode).toBe(200);
      const text = await pdfText(res.rawPayload);
      expect(text).toContain('the whole trust');
      console.log(`governors' report, whole demo trust (${kind}): ${ms.toFixed(0)} ms`);
      for (const name of await pupilNames()) expect(text.includes(name), name).toBe(false);
    });

    it('shows the physical-intervention and record-quality figures the dashboards show for the same term', async () => {
      const admin = await sessionFor(t, demoEmail('trust_admin'));
      const term = (await t.database.query<{ a: string; z: string }>(`select start_date::text as a, end_date::text as z from terms where id = $1`, [termId]))[0]!;
      const sites = (await t.database.query<{ id: string }>(`select id from sites where trust_id = $1`, [s.trustId])).map((x) => x.id);
      // the term is in progress on the clock's day: the report and the dashboards both count it to that day
      const now = new Date('2026-11-18T12:00:00Z');
      t.app.deps.clock = () => now;
      const report = await reportData(t.database.db, s.trustId, sites, termId, '2026-11-18', now);
      const pi = json<TPiStats>(await get(`/api/v1/analytics/physical-interventions?from=${term.a}&to=${term.z}`, admin));
      const rq = json<TRecordQuality>(await get(`/api/v1/analytics/record-quality?from=${term.a}&to=${term.z}`, admin));
      delete t.app.deps.clock;
      expect([pi.progress.figuresTo, rq.progress.figuresTo, report.progress.figuresTo]).toEqual(['2026-11-18', '2026-11-18', '2026-11-18']);
      expect(report.interventions.count).toBeGreaterThan(0);
      expect(report.interventions.count).toBe(pi.totals.count.count);
      expect(report.interventions.totalMinutes).toBe(pi.totals.totalMinutes.value);
      expect(report.quality.submitted).toBe(rq.totals.submitted.count);
      expect(report.quality.signedOffWithin48h).toBe(rq.totals.signedOffWithin48h.count);
      expect(report.quality.missingDebrief).toBe(rq.totals.missingDebrief.count);
    });
  });

  describe('census exclusions return', () => {
    const url = (siteId: string, extra = '') => `/api/v1/reports/census-exclusions?siteId=${siteId}&from=2026-09-01&to=2026-12-31${extra}`;

    it('401, 403 (governor), 404 (another site), 400 naming the field', async () => {
      expect((await get(url(s.site1))).statusCode).toBe(401);
      expect((await get(url(s.site1), governor)).statusCode).toBe(403);
      expect((await get(url(s.site3), head)).statusCode).toBe(404);
      const bad = await get(url(s.site1, '&format=pdf'), head);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('format');
      const reversed = await get(`/api/v1/reports/census-exclusions?siteId=${s.site1}&from=2026-12-01&to=2026-09-01`, head);
      expect(reversed.statusCode).toBe(400);
      expect(reversed.body).toContain('to');
    });

    it('lists each seeded suspension and exclusion of the period with its UPN, category, sessions and reasons, never a cancelled one', async () => {
      const pupil = (await t.database.query<{ id: string; upn: string }>(`select id, upn from pupils where site_id = $1 order by id limit 1`, [s.site1]))[0]!;
      const headId = (await t.database.query<{ id: string }>(`select id from users where email = $1`, [demoEmail('head')]))[0]!.id;
      const insert = (id: string, category: string, status: string, slots: string[], codes: string[], extra: { outcome?: string; on?: string } = {}) => t.database.query(
        `insert into exclusions (id, trust_id, site_id, pupil_id, category, status, start_date, start_session, sessions, slots, reason_codes, details, issued_by, board_notified_on, board_duty_kind, board_outcome, board_outcome_on, board_meeting_date)
         values ($1, $2, $3, $4, $5, $6, '2026-10-05', 'am', $7, $8::jsonb, $9::jsonb, 'Known record', $10, '2026-10-05', 'must_consider_reinstatement', $11, $12, $12)`,
        [id, s.trustId, s.site1, pupil.id, category, status, category === 'permanent' ? null : slots.length, JSON.stringify(slots), JSON.stringify(codes), headId, extra.outcome ?? null, extra.on ?? null]);
      const fixd = uuidv7(); const perm = uuidv7(); const gone = uuidv7();
      await insert(fixd, 'suspension', 'issued', ['2026-10-05:am', '2026-10-05:pm', '2026-10-06:am'], ['DB', 'VA', 'PP']);
      await insert(perm, 'permanent', 'issued', [], ['PA'], { outcome: 'reinstated', on: '2026-10-20' });
      await insert(gone, 'lunchtime', 'cancelled', ['2026-10-05:lunch'], ['DM']);
      try {
        const res = await get(url(s.site1), head);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('text/csv');
        const lines = res.body.trim().split('\r\n');
        expect(lines[0]).toBe('UPN,Category,StartDate,ActualSessions,Reason1,Reason2,Reason3,BoardReviewDate,BoardOutcome,ReinstatementDate');
        expect(lines).toContain(`${pupil.upn},FIXD,2026-10-05,3,DB,VA,PP,,,`);
        expect(lines).toContain(`${pupil.upn},PERM,2026-10-05,,PA,,,2026-10-20,REIN,2026-10-20`);
        expect(lines.some((l) => l.startsWith(`${pupil.upn},LNCH,2026-10-05`))).toBe(false);
        const raw = await t.database.query<{ n: number }>(`select count(*)::int as n from exclusions where site_id = $1 and status <> 'cancelled' and start_date between '2026-09-01' and '2026-12-31'`, [s.site1]);
        expect(lines.length - 1).toBe(raw[0]!.n);
        const xml = await get(url(s.site1, '&format=xml'), head);
        expect(xml.statusCode).toBe(200);
        expect(xml.body.match(/<Exclusion>/g)?.length).toBe(raw[0]!.n);
        expect(xml.body).toContain(`<UPN>${pupil.upn}</UPN>`);
        expect(xml.body).toContain('<Outcome>REIN</Outcome>');
        const audit = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'census.exclusions.download' and site_id = $1`, [s.site1]);
        expect(audit[0]!.n).toBeGreaterThanOrEqual(2);
      } finally {
        await t.database.query(`delete from exclusions where id = any($1::uuid[])`, [[fixd, perm, gone]]);
      }
    });
  });

  describe('pupil groups for sanctions and suspensions', () => {
    it('401, 403, 400 naming the field', async () => {
      expect((await get('/api/v1/analytics/groups/compare')).statusCode).toBe(401);
      expect((await get('/api/v1/analytics/groups/compare', await sessionFor(t, demoEmail('staff')))).statusCode).toBe(403);
      const bad = await get('/api/v1/analytics/groups/compare?measure=nonsense', head);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('measure');
      expect((await get(`/api/v1/analytics/groups/compare?siteIds=${s.site3}`, head)).statusCode).toBe(404);
    });

    it('splits every suspension between the sexes and suppresses small counts for a governor', async () => {
      const q = `siteIds=${s.site1}&from=2026-09-01&to=2026-11-18`;
      const groups = json<TGroupComparison>(await get(`/api/v1/analytics/groups/compare?${q}&measure=suspension`, head));
      const stats = json<TExclusionStats>(await get(`/api/v1/analytics/exclusions?${q}`, head));
      const bySex = groups.rows.filter((r) => r.group.startsWith('sex:'));
      expect(bySex.reduce((a, r) => a + (r.count.count ?? 0), 0)).toBe(stats.suspensions.count);
      for (const m of ['detention', 'isolation', 'inv', 'pi', 'permanent']) expect((await get(`/api/v1/analytics/groups/compare?${q}&measure=${m}`, head)).statusCode).toBe(200);
      const gov = json<TGroupComparison>(await get(`/api/v1/analytics/groups/compare?${q}&measure=suspension`, governor));
      expect(gov.aggregateOnly).toBe(true);
      for (const r of gov.rows) {
        if (r.count.count !== null) expect(r.count.count === 0 || r.count.count >= 5).toBe(true);
        if (r.count.suppressed || r.pupilsWithEvent.suppressed) expect(r.riskRatio.note).toBe('withheld');
      }
    });
  });
});
