/**
 * THE sealing property (INC-4, LAW-11): for random users with random role assignments (any subset of roles × sites,
 * trust-wide included), a concern raised with a unique marker in every free-text field never reaches anyone but a
 * DSL of the concern's site — through EVERY GET endpoint the app registers (taken from app.routeAccess, so endpoints
 * added later are covered too), and never through notifications, live events, audit details, error bodies or logs.
 * Nor does its existence: no one but a DSL of the site ever receives its id from a GET (the audit log excepted,
 * where an audit reader sees that a sealed record was touched, but never what it holds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, type TRole } from '@haven/contracts';
import { cloneDatabase, dbKinds, json, sessionFor, testConfig, type Session, type TestContext } from '../harness.ts';
import { buildApp } from '../../src/app.ts';
import type { LiveEvent } from '../../src/core/notify/hub.ts';
import { demoSites, pupilsAt, type DemoSites } from './behaviour.fixtures.ts';
import { addUserWith, usersWithRoleDirectlyAt, type Grant } from './safeguarding.fixtures.ts';

type Where = 'same' | 'other' | 'third' | 'trust';
interface SpecGrant { role: TRole; where: Where }
interface Scenario { atSite2: boolean; author: SpecGrant[]; observers: SpecGrant[][]; pupilIndex: number; withWords: boolean; withAction: boolean; withBodyMap: boolean }

const DATA_ROLES: TRole[] = ['staff', 'behaviour_lead', 'cluster_lead', 'dsl', 'senco', 'head', 'slt'];
/** Where sealed content may legitimately be shown: to a DSL of the concern's site, on these endpoints only. */
const CONTENT_ROUTES = new Set(['/api/v1/safeguarding-concerns/:id', '/api/v1/pupils/:id/safeguarding-chronology']);
/** Not called: the SSE stream never ends (its events are checked at the hub instead) and the static OpenAPI document. */
const SKIPPED = new Set(['/api/v1/events', '/api/v1/openapi.json']);
const AUDIT_ROUTE = '/api/v1/audit';

const where = fc.constantFrom<Where>('same', 'other', 'third', 'trust');
const anyGrant = fc.record({ role: fc.constantFrom(...ROLES), where });
const observer = fc.oneof(
  fc.constant<SpecGrant[]>([{ role: 'dsl', where: 'other' }]),
  fc.constant<SpecGrant[]>([{ role: 'dsl', where: 'trust' }]),
  fc.constant<SpecGrant[]>([{ role: 'trust_admin', where: 'trust' }]),
  fc.constantFrom<TRole>('head', 'slt', 'behaviour_lead', 'cluster_lead', 'senco', 'staff').map((role): SpecGrant[] => [{ role, where: 'same' }]),
  fc.array(anyGrant, { maxLength: 4 }),
);
const scenario: fc.Arbitrary<Scenario> = fc.record({
  atSite2: fc.boolean(),
  author: fc.tuple(fc.record({ role: fc.constantFrom(...DATA_ROLES), where: fc.constantFrom<Where>('same', 'trust') }), fc.array(anyGrant, { maxLength: 2 }))
    .map(([first, rest]) => [first, ...rest]),
  observers: fc.array(observer, { minLength: 2, maxLength: 3 }),
  pupilIndex: fc.nat(4),
  withWords: fc.boolean(),
  withAction: fc.boolean(),
  withBodyMap: fc.boolean(),
});

const isDslOfSite = (grants: readonly SpecGrant[]) => grants.some((g) => g.role === 'dsl' && (g.where === 'same' || g.where === 'trust'));

describe.each(dbKinds())('sealing of safeguarding concerns on %s (property)', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  const logLines: string[] = [];
  const published: { userId: string; e: LiveEvent }[] = [];
  let pupils: Record<'site1' | 'site2', string[]>;
  let siteDsl: Record<'site1' | 'site2', Session>;
  let getRoutes: string[];
  // 12 scenarios on each database kind. Each sweeps every GET route (some 190, twice each) for four or five people,
  // about 9 s a scenario on PGlite and 4.5 s on PostgreSQL; the route count grows with every module.
  const runs = 12;
  let run = 0;
  let calls = 0;

  beforeAll(async () => {
    const database = await cloneDatabase(kind);
    const app = await buildApp({ config: testConfig({ logLevel: 'trace' }), database, logger: true, logStream: { write: (line: string) => { logLines.push(line); } } });
    await app.ready();
    t = { kind, app, database, async close() { await app.close(); await database.close(); } };
    // Every live event published by anything, to anyone.
    const publish = app.deps.hub.publish.bind(app.deps.hub);
    app.deps.hub.publish = (userId, e) => { published.push({ userId, e }); publish(userId, e); };
    s = await demoSites(t);
    pupils = { site1: await pupilsAt(t, s.site1, 5), site2: await pupilsAt(t, s.site2, 5) };
    siteDsl = {
      site1: await sessionFor(t, (await usersWithRoleDirectlyAt(t, 'dsl', s.site1))[0]!.email),
      site2: await sessionFor(t, (await usersWithRoleDirectlyAt(t, 'dsl', s.site2))[0]!.email),
    };
    getRoutes = t.app.routeAccess.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !SKIPPED.has(r.url)).map((r) => r.url);
  });
  afterAll(async () => { await t?.close(); });

  async function sweep(who: Session, ids: { concern: string; pupil: string; site: string }, onBody: (route: string, url: string, body: string) => void) {
    for (const route of getRoutes) {
      const urls = route.includes(':')
        ? [ids.concern, ids.pupil].map((id) => route.replace(/:[A-Za-z]+/g, id))
        : [route, `${route}?siteId=${ids.site}&pupilId=${ids.pupil}&pageSize=200`];
      for (const url of urls) {
        const res = await t.app.inject({ method: 'GET', url, headers: who.headers });
        calls += 1;
        onBody(route, url, res.body);
      }
    }
  }

  it('never lets anyone but a DSL of the site receive a concern, its content or its existence', async () => {
    await fc.assert(fc.asyncProperty(scenario, async (sc) => {
      run += 1;
      const siteKey = sc.atSite2 ? 'site2' : 'site1';
      const site = sc.atSite2 ? s.site2 : s.site1;
      const siteOf: Record<Where, string | null> = { same: site, other: sc.atSite2 ? s.site1 : s.site2, third: s.site3, trust: null };
      const grants = (g: readonly SpecGrant[]): Grant[] => g.map((x) => ({ role: x.role, siteId: siteOf[x.where] }));
      const marker = `SEALMARK${run}Z${Math.random().toString(36).slice(2, 10)}`;
      const author = await addUserWith(t, s.trustId, grants(sc.author), `author-${run}`);
      const authorSession = await sessionFor(t, author.email);
      const pupil = pupils[siteKey][sc.pupilIndex % pupils[siteKey].length]!;

      const raised = await t.app.inject({ method: 'POST', url: '/api/v1/safeguarding-concerns', headers: authorSession.headers, payload: {
        pupilIds: [pupil], category: 'emotional', concern: `Concern ${marker}C`,
        ...(sc.withWords ? { childWords: `Words ${marker}W` } : {}), ...(sc.withAction ? { actionTaken: `Action ${marker}A` } : {}),
        ...(sc.withBodyMap ? { bodyMap: [{ side: 'front', x: 0.4, y: 0.3, note: `Mark ${marker}B` }] } : {}),
      } });
      expect(raised.statusCode, raised.body).toBe(201);
      expect(raised.body).not.toContain(marker);
      const concern = json<{ id: string }>(raised).id;
      const ids = { concern, pupil, site };

      const principals: { label: string; session: Session; dsl: boolean }[] = [
        { label: `author ${JSON.stringify(sc.author)}`, session: authorSession, dsl: isDslOfSite(sc.author) },
        { label: `DSL of the site`, session: siteDsl[siteKey], dsl: true },
      ];
      for (const [i, o] of sc.observers.entries()) {
        const u = await addUserWith(t, s.trustId, grants(o), `observer-${run}-${i}`);
        principals.push({ label: `observer ${JSON.stringify(o)}`, session: await sessionFor(t, u.email), dsl: isDslOfSite(o) });
      }

      // The sweeps run side by side (PostgreSQL serves them in parallel; PGlite queues them).
      await Promise.all(principals.map(async (p) => {
        let sawContent = false;
        await sweep(p.session, ids, (route, url, body) => {
          if (body.includes(marker)) {
            expect(p.dsl && CONTENT_ROUTES.has(route), `${p.label} received sealed content from GET ${url}`).toBe(true);
            sawContent = true;
          }
          if (!p.dsl && route !== AUDIT_ROUTE) expect(body, `${p.label} learnt the concern exists from GET ${url}`).not.toContain(concern);
        });
        // The property is not vacuous: a DSL of the site does see the content where it should.
        if (p.dsl) expect(sawContent, `${p.label} should read the concern`).toBe(true);
      }));

      // Outside the responses: notifications, live events, audit details and every log line.
      const leakedNotes = await t.database.query<{ n: number }>(
        `select count(*)::int as n from notifications where position($1 in title || ' ' || body || ' ' || coalesce(link, '') || ' ' || coalesce(email_status, '')) > 0`, [marker]);
      expect(leakedNotes[0]!.n, 'a notification carried sealed content').toBe(0);
      const told = await t.database.query<{ user_id: string }>(`select user_id from notifications where link = $1`, [`/safeguarding/${concern}`]);
      const dslIds = await t.database.query<{ user_id: string }>(
        `select distinct user_id from role_assignments where role = 'dsl' and (site_id is null or site_id = $1)`, [site]);
      const allowedIds = new Set(dslIds.map((r) => r.user_id));
      for (const n of told) expect(allowedIds.has(n.user_id), 'a notification went to someone who is not a DSL of the site').toBe(true);
      expect(told.length).toBeGreaterThan(0);
      const leakedAudit = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where position($1 in details::text) > 0`, [marker]);
      expect(leakedAudit[0]!.n, 'an audit entry carried sealed content').toBe(0);
      for (const { userId, e } of published) {
        expect(JSON.stringify(e), 'a live event carried sealed content').not.toContain(marker);
        if (e.type !== 'notification') expect(JSON.stringify(e.data)).not.toContain(concern);
        else if (JSON.stringify(e.data).includes(concern)) expect(allowedIds.has(userId), 'a live event told a non-DSL about the concern').toBe(true);
      }
      published.length = 0;
      expect(logLines.length).toBeGreaterThan(0);
      for (const line of logLines) expect(line, 'a log line carried sealed content').not.toContain(marker);
      logLines.length = 0;
    }), { numRuns: runs, endOnFailure: true });
    // Every run swept every GET endpoint for at least four people.
    expect(calls).toBeGreaterThan(runs * 4 * getRoutes.length);
  }, 900_000);
});
