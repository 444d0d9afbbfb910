/**
 * ANA-3 and ANA-6 exactness: on random incidents — every status, voided ones, review histories with returns and
 * resubmissions (or none, leaving the incident's own times), interventions with or without times, staff and
 * techniques, injuries, debriefs done, scheduled or missing, parents told the same day, later or never — every figure
 * of both dashboards equals a brute-force count over the raw rows (test/quality.brute.ts), on both databases; with the
 * app's clock now or two days back, and ranges that run past its today (counted to today only, SPEC §9).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import type { TPiStats, TRecordQuality } from '@haven/contracts';
import { createTestContext, dbKinds, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { addUser, demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { brutePi, bruteQuality, loadRaw } from '../quality.brute.ts';
import { piCounts, qualityCounts } from './intervention-quality.fixtures.ts';
import { addDays } from '../../src/core/calendar/calendar.ts';
import { londonToday } from '../../src/core/time.ts';

const BASE = '2026-03-02';
const MIN = 60_000;

describe.each(dbKinds())('physical intervention and record-quality figures equal a brute-force count on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let head: Session;
  let pupilsBySite: Record<string, string[]>;
  let staffIds: string[];
  let userIds: string[];

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    head = await sessionFor(t, await addUser(t, s.trustId, 'head', null));
    pupilsBySite = {};
    for (const site of [s.site1, s.site2, s.site3]) {
      pupilsBySite[site] = (await t.database.query<{ id: string }>('select id from pupils where site_id = $1 order by id limit 8', [site])).map((r) => r.id);
    }
    staffIds = (await t.database.query<{ id: string }>('select id from staff_members where trust_id = $1 order by id limit 4', [s.trustId])).map((r) => r.id);
    userIds = (await t.database.query<{ id: string }>('select id from users where trust_id = $1 order by id limit 3', [s.trustId])).map((r) => r.id);
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  const time = fc.constantFrom(null, -600, 30, 300, 900, 1500, 3000, 20_000) as fc.Arbitrary<number | null>; // minutes after the start (null: not recorded)
  const interventionArb = fc.record({
    pupil: fc.option(fc.nat(7), { nil: null }), start: fc.option(fc.integer({ min: 8 * 60, max: 16 * 60 }), { nil: null }), length: fc.option(fc.integer({ min: -2, max: 40 }), { nil: null }),
    staff: fc.array(fc.record({ who: fc.nat(3), codes: fc.uniqueArray(fc.constantFrom('HOLD', 'ESCORT', 'SEATED'), { maxLength: 2 }) }), { maxLength: 2 }),
    pupilInjured: fc.boolean(), staffInjured: fc.boolean(), medical: fc.constantFrom(null, 'None needed.', 'No', 'First aid given', 'Ice pack applied'),
    pupilDebrief: time, staffDebrief: time, parent: time,
  });
  const incidentArb = fc.record({
    site: fc.nat(2), day: fc.integer({ min: 0, max: 100 }), recent: fc.constantFrom(false, false, false, true), by: fc.nat(2), voided: fc.constantFrom(false, false, true),
    status: fc.constantFrom('draft', 'submitted', 'returned', 'signed_off'), history: fc.constantFrom(true, true, false), returns: fc.nat(2),
    gaps: fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 6, maxLength: 6 }),
    pupils: fc.uniqueArray(fc.record({ pupil: fc.nat(7), role: fc.constantFrom('involved', 'instigator', 'affected', 'witness') }), { selector: (p) => p.pupil, maxLength: 2 }),
    pis: fc.array(interventionArb, { maxLength: 2 }),
  });
  type Gen = typeof incidentArb extends fc.Arbitrary<infer T> ? T : never;

  async function insert(g: Gen): Promise<void> {
    const db = t.database;
    const site = [s.site1, s.site2, s.site3][g.site]!;
    // a recent incident happened an hour ago (reviews not yet overdue, the parent's day perhaps not over)
    const occurred = g.recent ? Date.now() - 60 * MIN : Date.parse(`${addDays(BASE, g.day)}T09:00:00Z`);
    const id = uuidv7();
    const by = userIds[g.by]!;
    // the review history: submit, then (return, resubmit) × returns, then sign-off or a final return
    const steps: [string, number][] = [];
    let at = occurred + g.gaps[0]! * MIN;
    if (g.status !== 'draft') {
      steps.push(['submit', at]);
      const cycles = g.status === 'returned' ? Math.max(1, g.returns) : g.returns;
      for (let k = 0; k < cycles; k++) {
        at += g.gaps[1 + k]! * MIN; steps.push(['return', at]);
        if (g.status !== 'returned' || k < cycles - 1) { at += g.gaps[3 + k]! * MIN; steps.push(['resubmit', at]); }
      }
      if (g.status === 'signed_off') { at += g.gaps[5]! * MIN; steps.push(['sign_off', at]); }
    }
    const subs = steps.filter(([c]) => c === 'submit' || c === 'resubmit').map(([, x]) => x);
    const signed = steps.find(([c]) => c === 'sign_off')?.[1] ?? null;
    const iso = (x: number | null) => (x === null ? null : new Date(x).toISOString());
    // with a history the incident's own times are left empty, so only the history can answer; without, they answer
    const own = g.history ? [null, null, null] : [iso(subs[0] ?? null), iso(subs.at(-1) ?? null), iso(signed)];
    await db.query(`insert into incidents (id, trust_id, site_id, status, occurred_at, occurred_on, created_by, physical_intervention, first_submitted_at, submitted_at, signed_off_at, voided_at)
      values ($1, $2, $3, $4, $5::timestamptz, ($5::timestamptz at time zone 'Europe/London')::date, $6, $7, $8, $9, $10, $11)`,
    [id, s.trustId, site, g.status, iso(occurred), by, g.pis.length > 0, ...own, g.voided ? iso(occurred) : null]);
    if (g.history) {
      let v = 1;
      for (const [change, when] of [['create', occurred] as [string, number], ...steps]) {
        await db.query(`insert into incident_versions (id, incident_id, trust_id, version, change, snapshot, changed_by, changed_at) values ($1, $2, $3, $4, $5, '{}'::jsonb, $6, $7)`,
          [uuidv7(), id, s.trustId, v++, change, by, iso(when)]);
      }
    }
    for (const p of g.pupils) await db.query('insert into incident_pupils (incident_id, pupil_id, trust_id, role) values ($1, $2, $3, $4)', [id, pupilsBySite[site]![p.pupil], s.trustId, p.role]);
    for (const p of g.pis) {
      const start = p.start === null ? null : (g.recent ? occurred : Date.parse(`${addDays(BASE, g.day)}T00:00:00Z`) + p.start * MIN);
      const after = (m: number | null) => (start === null || m === null ? null : iso(start + m * MIN));
      await db.query(`insert into physical_interventions (id, incident_id, trust_id, site_id, pupil_id, started_at, ended_at, staff_techniques, pupil_injured, staff_injured,
          medical_attention, pupil_debrief_at, staff_debrief_at, parent_informed_at) values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14)`,
      [uuidv7(), id, s.trustId, site, p.pupil === null ? null : pupilsBySite[site]![p.pupil], iso(start), after(p.length),
        JSON.stringify(p.staff.map((x) => ({ staffId: staffIds[x.who], techniqueCodes: x.codes }))), p.pupilInjured, p.staffInjured, p.medical,
        after(p.pupilDebrief), after(p.staffDebrief), after(p.parent)]);
    }
  }

  it('every figure equals the brute-force count, after every batch of records', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(incidentArb, { minLength: 3, maxLength: 12 }), fc.subarray([0, 1, 2], { minLength: 1 }),
      fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.boolean(), fc.option(fc.integer({ min: 7, max: 11 }), { nil: undefined }),
      // the app's clock: now, or two days ago, so today's records lie after its today; and ranges running past it
      fc.constantFrom(0, 0, 2), fc.constantFrom(0, 0, 30),
      async (gens, siteIdxs, a, b, toToday, yearGroup, clockBack, pastToday) => {
        for (const g of gens) await insert(g);
        const now = Date.now() - clockBack * 86_400_000;
        t.app.deps.clock = () => new Date(now);
        const today = londonToday(new Date(now));
        const siteIds = siteIdxs.map((i) => [s.site1, s.site2, s.site3][i]!);
        const from = addDays(BASE, Math.min(a, b));
        const to = toToday ? addDays(londonToday(), pastToday) : addDays(BASE, Math.max(a, b));
        const q = `from=${from}&to=${to}&siteIds=${siteIds.join(',')}${yearGroup === undefined ? '' : `&yearGroup=${yearGroup}`}`;
        const [pi, quality] = await Promise.all([
          t.app.inject({ method: 'GET', url: `/api/v1/analytics/physical-interventions?${q}`, headers: head.headers }),
          t.app.inject({ method: 'GET', url: `/api/v1/analytics/record-quality?${q}`, headers: head.headers }),
        ]);
        expect([pi.statusCode, quality.statusCode], pi.body + quality.body).toEqual([200, 200]);
        const raw = await loadRaw(t.database, s.trustId);
        const want = { siteIds, from, to, yearGroup, today };
        const p = brutePi(raw, want, now);
        const d = json<TPiStats>(pi);
        expect(d.progress.figuresTo).toBe(to > today ? today : to);
        expect(piCounts(d.totals)).toEqual(p.totals);
        expect(Object.fromEntries(d.bySite.map((x) => [x.siteId, piCounts(x)]))).toEqual(p.bySite);
        expect(Object.fromEntries(d.byTechnique.map((x) => [x.code, { interventions: x.interventions.count, staffUses: x.staffUses.count }]))).toEqual(p.techniques);
        for (const x of d.byPupil!) expect(x.count).toBe(p.perPupil[x.pupilId]);
        expect(d.byPupil!.length).toBe(Math.min(20, Object.keys(p.perPupil).length));
        const r = bruteQuality(raw, want, now);
        const rq = json<TRecordQuality>(quality);
        expect(qualityCounts(rq.totals)).toEqual(r.totals);
        expect(Object.fromEntries(rq.bySite.map((x) => [x.siteId, qualityCounts(x)]))).toEqual(r.bySite);
        expect(Object.fromEntries(rq.byStaff!.map((x) => [x.userId, qualityCounts(x)]))).toEqual(r.byStaff);
      }), { numRuns: kind === 'pglite' ? 10 : 15, endOnFailure: true });
  }, 300_000);
});
