/** Managed moves and alternative-provision placements (SAN-4): dates, provider, reviews with outcomes, final outcome. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';

interface P { id: string; version: number; status: string; finalOutcome: string | null; reviews: { id: string; reviewDate: string; outcome: string | null; overdue: boolean }[]; nextReview: string | null; allowed: string[] }

describe.each(dbKinds())('placements on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let lead: Session; let senco: Session; let governor: Session;
  let pupil: string;
  const missing = '0190a6c4-0000-7000-8000-0000000000aa';
  const h = (who?: Session) => who?.headers ?? {};
  const post = (url: string, payload: unknown, who?: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  const body = () => ({ pupilId: pupil, kind: 'alternative_provision', provider: 'Riverside Farm Education', startDate: '2026-11-02', endDate: '2027-02-12', sessionsPerWeek: 4, reviewDates: ['2026-11-16', '2027-01-11'] });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, senco, governor] = await Promise.all(['staff', 'behaviour_lead', 'senco', 'governor'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session];
    pupil = (await pupilsAt(t, s.site1, 1))[0]!;
  });
  afterAll(async () => { await t?.close(); });

  it('401 without a session; 403 for roles that may not; 404 for what cannot be seen', async () => {
    for (const res of [await get('/api/v1/placements'), await post('/api/v1/placements', {}), await get(`/api/v1/placements/${missing}`),
      await t.app.inject({ method: 'PATCH', url: `/api/v1/placements/${missing}`, payload: {} }), await post(`/api/v1/placements/${missing}/end`, {}),
      await post(`/api/v1/placements/${missing}/reviews`, {}), await post(`/api/v1/placement-reviews/${missing}/outcome`, {})]) expect(res.statusCode).toBe(401);
    expect((await get('/api/v1/placements', staff)).statusCode).toBe(403);
    expect((await get('/api/v1/placements', governor)).statusCode).toBe(403);
    expect((await post('/api/v1/placements', body(), senco)).statusCode).toBe(403);
    expect((await get(`/api/v1/placements?siteId=${s.site3}`, lead)).statusCode).toBe(403);
    expect((await get(`/api/v1/placements/${missing}`, lead)).statusCode).toBe(404);
    expect((await post(`/api/v1/placement-reviews/${missing}/outcome`, { outcome: 'x' }, lead)).statusCode).toBe(404);
  });

  it('rejects bad input naming the field', async () => {
    const site3Pupil = (await pupilsAt(t, s.site3, 1))[0];
    for (const [b, field] of [
      [{ ...body(), endDate: '2026-10-01' }, 'endDate'], [{ ...body(), sessionsPerWeek: 0 }, 'sessionsPerWeek'], [{ ...body(), provider: '' }, 'provider'],
      [{ ...body(), kind: 'holiday' }, 'kind'], [{ ...body(), reviewDates: ['2026-10-01'] }, 'reviewDates.0'], [{ ...body(), pupilId: site3Pupil }, 'pupilId'],
    ] as [Record<string, unknown>, string][]) {
      const res = await post('/api/v1/placements', b, lead);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
  });

  it('records a placement, its reviews and outcomes, and its final outcome; then the record is closed', async () => {
    const created = await post('/api/v1/placements', body(), lead);
    expect(created.statusCode, created.body).toBe(201);
    const p = json<P>(created);
    expect(p.status).toBe('active');
    expect(p.reviews).toHaveLength(2);
    expect(p.nextReview).toBe('2026-11-16');
    const withOutcome = json<P>(await post(`/api/v1/placement-reviews/${p.reviews[0]!.id}/outcome`, { outcome: 'Settled well; attendance 95%' }, lead));
    expect(withOutcome.nextReview).toBe('2027-01-11');
    const added = await post(`/api/v1/placements/${p.id}/reviews`, { reviewDate: '2026-10-01' }, lead);
    expect(fieldsOf(json<ErrorBody>(added))).toEqual(['reviewDate']);
    expect((await post(`/api/v1/placements/${p.id}/reviews`, { reviewDate: '2027-02-08' }, lead)).statusCode).toBe(201);
    expect(json<{ items: P[] }>(await get(`/api/v1/placements?pupilId=${pupil}`, senco)).items.map((x) => x.id)).toContain(p.id);
    const endBad = await post(`/api/v1/placements/${p.id}/end`, { finalOutcome: 'returned', endDate: '2026-10-01', version: p.version }, lead);
    expect(fieldsOf(json<ErrorBody>(endBad))).toEqual(['endDate']);
    const ended = await post(`/api/v1/placements/${p.id}/end`, { finalOutcome: 'returned', endDate: '2027-02-12', outcomeNotes: 'Back full time', version: p.version }, lead);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(json<P>(ended)).toMatchObject({ status: 'ended', finalOutcome: 'returned' });
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/placements/${p.id}`, headers: lead.headers, payload: { provider: 'X', version: p.version + 1 } })).statusCode).toBe(409);
    expect((await post(`/api/v1/placements/${p.id}/end`, { finalOutcome: 'returned', endDate: '2027-02-12', version: p.version + 1 }, lead)).statusCode).toBe(409);
    const audit = await t.database.query<{ action: string }>('select action from audit_entries where entity_id = $1 order by seq', [p.id]);
    expect(audit.map((a) => a.action)).toEqual(['placement.create', 'placement.end']);
  });
});
