/** Rewards (SAN-5): milestones configured per trust or site, reached and notified once, points totals and ratios. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { notifications } from '../../src/db/schema/workflow.ts';
import { rewardMilestoneAwards } from '../../src/db/schema/sanctions.ts';
import { addCategory, addIncident, demoSites, fieldsOf, pupilsAt, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { parentChild } from './detentions.fixtures.ts';

interface Rewards { points: number; milestones: { id: string; name: string; points: number; reachedAt: string | null }[]; next: { name: string; toGo: number } | null; ratio: Ratio }
interface Ratio { positive: number; negative: number; ratio: number | null; ratioText: string; label: string }

describe.each(dbKinds())('rewards on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let staff: Session; let lead: Session; let admin: Session; let governor: Session; let parent: Session;
  const missing = '0190a6c4-0000-7000-8000-0000000000aa';
  const h = (who?: Session) => who?.headers ?? {};
  const post = (url: string, payload: unknown, who?: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [staff, lead, admin, governor, parent] = await Promise.all(['staff', 'behaviour_lead', 'trust_admin', 'governor', 'parent'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session, Session];
  });
  afterAll(async () => { await t?.close(); });

  it('401 without a session, 403 for roles and sites that may not, 404 for what cannot be seen', async () => {
    for (const res of [await get('/api/v1/rewards/milestones'), await post('/api/v1/rewards/milestones', {}), await t.app.inject({ method: 'PATCH', url: `/api/v1/rewards/milestones/${missing}`, payload: {} }),
      await get(`/api/v1/rewards/pupils/${missing}`), await get(`/api/v1/rewards/ratio?subject=site&id=${s.site1}`), await get('/api/v1/rewards/leaderboard'), await get('/api/v1/rewards/groups')]) expect(res.statusCode).toBe(401);
    expect((await get(`/api/v1/rewards/groups?siteId=${s.site3}`, staff)).statusCode).toBe(403);
    expect((await get('/api/v1/rewards/groups', governor)).statusCode).toBe(403);
    expect((await get(`/api/v1/rewards/ratio?subject=site&id=${s.site1}`, governor)).statusCode).toBe(403);
    expect((await get(`/api/v1/rewards/ratio?subject=site&id=${s.site1}`, parent)).statusCode).toBe(403);
    expect((await get(`/api/v1/rewards/ratio?subject=site&id=${s.site3}`, staff)).statusCode).toBe(403);
    expect((await get(`/api/v1/rewards/ratio?subject=staff&id=${lead.userId}`, staff)).statusCode).toBe(403);
    expect((await post('/api/v1/rewards/milestones', { siteId: s.site1, name: 'Bronze', points: 10 }, staff)).statusCode).toBe(403);
    expect((await post('/api/v1/rewards/milestones', { siteId: null, name: 'Bronze', points: 10 }, lead)).statusCode).toBe(403);
    expect((await get(`/api/v1/rewards/pupils/${(await pupilsAt(t, s.site3, 1))[0]}`, staff)).statusCode).toBe(404);
    expect((await get(`/api/v1/rewards/ratio?subject=group&id=${missing}`, staff)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/rewards/milestones/${missing}`, headers: lead.headers, payload: { version: 1 } })).statusCode).toBe(404);
  });

  it('rejects bad input naming the field', async () => {
    for (const [b, field] of [[{ siteId: s.site1, name: '', points: 10 }, 'name'], [{ siteId: s.site1, name: 'Zero', points: 0 }, 'points']] as [Record<string, unknown>, string][]) {
      const res = await post('/api/v1/rewards/milestones', b, lead);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res))).toContain(field);
    }
    for (const q of ['subject=class&id=' + s.site1, `subject=site&id=${s.site1}&from=2026-11-10&to=2026-11-01`, `subject=site&id=${s.site1}&from=2020-01-01&to=2026-11-01`]) {
      expect((await get(`/api/v1/rewards/ratio?${q}`, staff)).statusCode, q).toBe(400);
    }
  });

  it('records and notifies a milestone once when positive points take a pupil past it', async () => {
    const { pupilId, parentUserId } = await parentChild(t);
    const before = json<Rewards>(await get(`/api/v1/rewards/pupils/${pupilId}`, staff)).points;
    const milestone = await post('/api/v1/rewards/milestones', { siteId: s.site1, name: 'Test Platinum', points: before + 10 }, lead);
    expect(milestone.statusCode, milestone.body).toBe(201);
    const trustWide = await post('/api/v1/rewards/milestones', { siteId: null, name: 'Trust Diamond', points: before + 1000 }, admin);
    expect(trustWide.statusCode).toBe(201);
    await addCategory(t, s.trustId, { siteId: s.site1, code: 'RW_STAR', polarity: 'positive', points: 5 });
    const log = () => post('/api/v1/behaviour-events', { pupilIds: [pupilId], categoryCode: 'RW_STAR' }, staff);
    expect((await log()).statusCode).toBe(201);
    let r = json<Rewards>(await get(`/api/v1/rewards/pupils/${pupilId}`, staff));
    expect(r.points).toBe(before + 5);
    // the demo's trust-wide milestones may lie between: the next one is the lowest above the total
    const ahead = (x: Rewards) => x.milestones.filter((m) => m.points > x.points).sort((a, b) => a.points - b.points)[0];
    expect(r.next).toMatchObject({ name: ahead(r)!.name, toGo: ahead(r)!.points - r.points });
    expect(r.milestones.find((m) => m.name === 'Test Platinum')?.reachedAt).toBeNull();
    expect((await log()).statusCode).toBe(201);
    expect((await log()).statusCode).toBe(201);
    r = json<Rewards>(await get(`/api/v1/rewards/pupils/${pupilId}`, staff));
    expect(r.milestones.find((m) => m.name === 'Test Platinum')?.reachedAt).not.toBeNull();
    expect(r.next?.name).toBe(ahead(r)!.name);
    const awards = await t.database.db.select().from(rewardMilestoneAwards).where(and(eq(rewardMilestoneAwards.pupilId, pupilId), eq(rewardMilestoneAwards.milestoneId, json<{ id: string }>(milestone).id)));
    expect(awards).toHaveLength(1);
    const told = (await t.database.db.select().from(notifications).where(and(eq(notifications.kind, 'rewards.milestone'), eq(notifications.userId, parentUserId))))
      .filter((n) => /Test Platinum/.test(n.title));
    expect(told).toHaveLength(1);
    const leadTold = (await t.database.db.select().from(notifications).where(and(eq(notifications.kind, 'rewards.milestone'), eq(notifications.userId, lead.userId))))
      .filter((n) => /Test Platinum/.test(n.title));
    expect(leadTold).toHaveLength(1);
    // the milestone letter (the trust's template) to each parent, in the communications log once
    const letters = await t.database.query<{ subject: string; body: string; record_id: string }>(
      `select subject, body, record_id from communications where record_type = 'reward_milestone_award' and pupil_id = $1`, [pupilId]);
    expect(letters.length).toBeGreaterThanOrEqual(1);
    expect(letters.every((l) => l.record_id === awards[0]!.id)).toBe(true);
    expect(letters[0]!.body).toMatch(/Test Platinum milestone/);
    expect(letters[0]!.body).toMatch(/^Dear /);
    const board = json<{ items: { pupilId: string; points: number }[] }>(await get(`/api/v1/rewards/leaderboard?siteId=${s.site1}&limit=200`, staff)).items;
    expect(board.find((b) => b.pupilId === pupilId)?.points).toBe(before + 15);
  });

  it('gives the positive-to-negative ratio of a pupil, a site, yourself and (for a leader) another member of staff', async () => {
    const pupil = (await pupilsAt(t, s.site1, 4))[3]!;
    await addCategory(t, s.trustId, { siteId: s.site1, code: 'RW_GOOD', polarity: 'positive', points: 1 });
    await addCategory(t, s.trustId, { siteId: s.site1, code: 'RW_BAD', polarity: 'negative', points: -1 });
    const q = `subject=pupil&id=${pupil}&from=2026-11-23&to=2026-11-30`;
    expect(json<Ratio>(await get(`/api/v1/rewards/ratio?${q}`, lead))).toMatchObject({ positive: 0, negative: 0, ratio: null, ratioText: 'n/a' });
    await t.database.query(`insert into behaviour_events (id, trust_id, site_id, pupil_id, batch_id, category_id, category_code, polarity, severity, points, occurred_at, occurred_on, recorded_by)
      select gen_random_uuid(), $1, $2, $3, gen_random_uuid(), gen_random_uuid(), c, p, 1, pts, '2026-11-24T10:00:00Z', '2026-11-24', $4
      from (values ('RW_GOOD', 'positive', 1), ('RW_GOOD', 'positive', 1), ('RW_GOOD', 'positive', 1), ('RW_BAD', 'negative', -1)) v(c, p, pts)`, [s.trustId, s.site1, pupil, staff.userId]);
    await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupil, createdBy: staff.userId, occurredAt: '2026-11-25T10:00:00Z' });
    await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupil, createdBy: staff.userId, occurredAt: '2026-11-25T11:00:00Z', role: 'witness' });
    await addIncident(t, s.trustId, { siteId: s.site1, pupilId: pupil, createdBy: staff.userId, occurredAt: '2026-11-25T12:00:00Z', voided: true });
    const r = json<Ratio>(await get(`/api/v1/rewards/ratio?${q}`, lead));
    expect(r).toMatchObject({ positive: 3, negative: 2, ratio: 1.5, ratioText: '1.5 : 1' });
    const mine = json<Ratio>(await get(`/api/v1/rewards/ratio?subject=staff&id=${staff.userId}&from=2026-11-23&to=2026-11-30`, staff));
    expect(mine.positive).toBeGreaterThanOrEqual(3);
    expect((await get(`/api/v1/rewards/ratio?subject=staff&id=${staff.userId}&from=2026-11-23&to=2026-11-30`, lead)).statusCode).toBe(200);
    const siteRes = await get(`/api/v1/rewards/ratio?subject=site&id=${s.site1}`, lead);
    expect(siteRes.statusCode, siteRes.body).toBe(200);
    const site = json<Ratio>(siteRes);
    expect(site.positive + site.negative).toBeGreaterThan(100);
    const group = (await t.database.query<{ group_id: string }>('select group_id from pupil_group_members where pupil_id = $1 limit 1', [pupil]))[0]!.group_id;
    expect(json<{ items: { id: string }[] }>(await get(`/api/v1/rewards/groups?siteId=${s.site1}`, staff)).items.map((x) => x.id)).toContain(group);
    const g = json<Ratio>(await get(`/api/v1/rewards/ratio?subject=group&id=${group}&from=2026-11-23&to=2026-11-30`, staff));
    expect(g.positive).toBeGreaterThanOrEqual(3);
  });
});
