/** ANA-4 exclusions analytics API: access, validation, figures equal to a brute-force count over raw rows, suppression. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import type { TExclusionRecords, TExclusionStats, TFigure } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { bruteExclusions, rawExclusions } from '../exclusions.brute.ts';

const count = (f: TFigure) => f.count;

describe.each(dbKinds())('exclusions analytics (%s)', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let head: Session;
  let governor: Session;
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    head = await sessionFor(t, demoEmail('head'));
    governor = await sessionFor(t, demoEmail('governor'));
  });
  afterAll(async () => { await t?.close(); });

  it('refuses without a session (401), a role without analytics.read (403), a site outside scope (404), bad input (400)', async () => {
    expect((await get('/api/v1/analytics/exclusions')).statusCode).toBe(401);
    expect((await get('/api/v1/analytics/exclusions/records')).statusCode).toBe(401);
    const staff = await sessionFor(t, demoEmail('staff'));
    expect((await get('/api/v1/analytics/exclusions', staff)).statusCode).toBe(403);
    expect((await get('/api/v1/analytics/exclusions/records', governor)).statusCode).toBe(403);
    expect((await get(`/api/v1/analytics/exclusions?siteIds=${s.site3}`, head)).statusCode).toBe(404);
    expect((await get(`/api/v1/analytics/exclusions/records?siteIds=${s.site3}`, head)).statusCode).toBe(404);
    const bad = await get('/api/v1/analytics/exclusions?from=2026-13-01', head);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
    const badKind = await get('/api/v1/analytics/exclusions/records?kind=nonsense', head);
    expect(badKind.statusCode).toBe(400);
    expect(badKind.body).toContain('kind');
  });

  it('equals a brute-force count over the demo records, and drills down to the same records', async () => {
    const from = '2026-09-01';
    const to = '2026-11-18';
    const res = await get(`/api/v1/analytics/exclusions?siteIds=${s.site1}&from=${from}&to=${to}`, head);
    expect(res.statusCode).toBe(200);
    const stats = json<TExclusionStats>(res);
    const b = bruteExclusions(await rawExclusions(t, [s.site1]), from, to, '2026-09-01', '2027-08-31');
    expect(b.suspensions).toBeGreaterThan(5);
    expect({
      suspensions: count(stats.suspensions), lunchtime: count(stats.lunchtime), permanent: count(stats.permanent), daysLost: stats.daysLost.value,
      pupilsSuspended: count(stats.pupilsSuspended), repeatPupils: count(stats.repeatPupils), pupilsAt35: count(stats.pupilsAt35),
      reasons: Object.fromEntries(stats.reasons.map((r) => [r.code, (r.suspensions.count ?? 0) + (r.permanent.count ?? 0)])),
    }).toEqual(b);
    expect(stats.suspensionRate.value).toBeCloseTo((b.suspensions / stats.headcount) * 100, 10);
    expect(stats.national.map((n) => `${n.year} ${n.measure} ${n.rate}`)).toEqual(expect.arrayContaining(['2022/23 suspension 9.33', '2023/24 suspension 11.31']));
    const rec = json<TExclusionRecords>(await get(`/api/v1/analytics/exclusions/records?siteIds=${s.site1}&from=${from}&to=${to}&kind=suspension&pageSize=200`, head));
    expect(rec.total).toBe(b.suspensions);
    expect(rec.items[0]!.pupil.displayName.length).toBeGreaterThan(1);
  });

  it('matches the brute force on random records, cancelled ones never counting (property)', async () => {
    const pupils = (await t.database.query<{ id: string }>(`select id from pupils where site_id = $1 order by id limit 6`, [s.site1])).map((r) => r.id);
    const headId = (await t.database.query<{ id: string }>(`select id from users where email = $1`, [demoEmail('head')]))[0]!.id;
    const rec = fc.record({
      pupil: fc.integer({ min: 0, max: pupils.length - 1 }), category: fc.constantFrom('suspension', 'lunchtime', 'permanent'),
      cancelled: fc.boolean(), day: fc.integer({ min: 0, max: 300 }), len: fc.integer({ min: 1, max: 80 }),
      reasons: fc.uniqueArray(fc.constantFrom('DB', 'VA', 'PP', 'ZZ'), { minLength: 1, maxLength: 3 }),
    });
    await fc.assert(fc.asyncProperty(fc.array(rec, { maxLength: 14 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), async (records, a, z) => {
      const ids: string[] = [];
      const base = Date.parse('2026-05-01T00:00:00Z');
      const dayOf = (n: number) => new Date(base + n * 86400000).toISOString().slice(0, 10);
      for (const r of records) {
        const id = uuidv7();
        ids.push(id);
        const start = dayOf(r.day);
        const slots = r.category === 'permanent' ? [] : Array.from({ length: r.category === 'lunchtime' ? Math.min(r.len, 5) : r.len }, (_, i) => `${dayOf(r.day + Math.floor(i / 2))}:${r.category === 'lunchtime' ? 'lunch' : i % 2 ? 'pm' : 'am'}`);
        await t.database.query(`insert into exclusions (id, trust_id, site_id, pupil_id, category, status, start_date, start_session, sessions, slots, reason_codes, details, issued_by, board_notified_on, board_duty_kind)
          values ($1, $2, $3, $4, $5, $6, $7, 'am', $8, $9::jsonb, $10::jsonb, 'Property test', $11, $7, 'representations_only')`,
        [id, s.trustId, s.site1, pupils[r.pupil], r.category, r.cancelled ? 'cancelled' : 'issued', start, r.category === 'permanent' ? null : slots.length, JSON.stringify(slots), JSON.stringify(r.reasons), headId]);
      }
      try {
        const from = dayOf(Math.min(a, z));
        const to = dayOf(Math.max(a, z) + 10);
        const stats = json<TExclusionStats>(await get(`/api/v1/analytics/exclusions?siteIds=${s.site1}&from=${from}&to=${to}`, head));
        const year = stats.academicYear;
        const b = bruteExclusions(await rawExclusions(t, [s.site1]), from, to, year.startDate, year.endDate);
        expect([count(stats.suspensions), count(stats.lunchtime), count(stats.permanent), stats.daysLost.value, count(stats.pupilsSuspended), count(stats.repeatPupils), count(stats.pupilsAt35)])
          .toEqual([b.suspensions, b.lunchtime, b.permanent, b.daysLost, b.pupilsSuspended, b.repeatPupils, b.pupilsAt35]);
        expect(Object.fromEntries(stats.reasons.map((r) => [r.code, (r.suspensions.count ?? 0) + (r.permanent.count ?? 0)]))).toEqual(b.reasons);
      } finally {
        if (ids.length) await t.database.query(`delete from exclusions where id = any($1::uuid[])`, [ids]);
      }
    }), { numRuns: 12 });
  });

  it('gives a governor suppressed aggregates only: no count from 1 to 4, no rate on one, no pupil name', async () => {
    const res = await get(`/api/v1/analytics/exclusions?from=2026-09-01&to=2026-11-18`, governor);
    expect(res.statusCode).toBe(200);
    const stats = json<TExclusionStats>(res);
    expect(stats.aggregateOnly).toBe(true);
    const figures: TFigure[] = [stats.suspensions, stats.lunchtime, stats.permanent, stats.pupilsSuspended, stats.repeatPupils, stats.pupilsAt35,
      ...stats.reasons.flatMap((r) => [r.suspensions, r.permanent]), ...stats.bySite.flatMap((x) => [x.suspensions, x.permanent]), ...Object.values(stats.deadlinesDue)];
    for (const f of figures) {
      if (f.count !== null) expect(f.count === 0 || f.count >= 5).toBe(true);
      else expect(f.suppressed).toBe(true);
    }
    expect(figures.some((f) => f.suppressed)).toBe(true);
    for (const r of stats.reasons) if (r.suspensions.suppressed) expect(r.suspensions.rate).toBeNull();
    if (stats.permanent.suppressed) expect(stats.permanentRate).toEqual({ value: null, note: 'withheld' });
    const names = await t.database.query<Record<string, string | null>>(`select legal_forename, legal_surname, preferred_forename from pupils`);
    const body = res.body;
    for (const n of names) for (const v of Object.values(n)) if (v && v.length > 3) expect(body.includes(`"${v}`) || body.includes(` ${v}"`)).toBe(false);
  });
});
