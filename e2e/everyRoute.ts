/**
 * axe on every route of apps/web/src/router.tsx (issue 13, "How it will be checked"): each page opened by a role that
 * may see it (the behaviour policy's every section included), with zero violations. Pages that show one record open
 * the first record the role can read. The list of routes is read from router.tsx, so a page added there without a
 * visit here fails the step. Used by the admin journey.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility, JourneyFailure, visible } from './lib.ts';
import { totpNow } from '../apps/server/src/modules/auth/totp.ts';
import { DEMO_TOTP_SECRETS } from '../apps/server/src/db/seed/accounts.ts';

const POLICY_TABS = ['categories', 'locations', 'periods', 'actions', 'motivations', 'techniques', 'settings', 'form', 'rules'];

/** Signs a demo account in (with its two-factor code, waiting for a fresh one if the last was used). */
export async function signInAs(browser: Browser, baseUrl: string, role: string, password: string, width = 1366): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Email address').fill(`${role.replace('_', '-')}@demo.haven.test`);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const secret = (DEMO_TOTP_SECRETS as Record<string, string>)[role];
  if (secret) {
    for (let attempt = 0; ; attempt++) {
      await visible(page.getByRole('heading', { level: 1, name: 'Enter your two-factor code' }));
      await page.getByLabel('6-digit code').fill(totpNow(secret));
      await page.getByRole('button', { name: 'Continue' }).click();
      const done = await page.getByRole('heading', { level: 1, name: 'Enter your two-factor code' }).waitFor({ state: 'detached', timeout: 8000 }).then(() => true, () => false);
      if (done) break;
      if (attempt > 0) throw new JourneyFailure(`${role} could not sign in with a two-factor code`);
      await page.waitForTimeout(31_000); // the code of this 30 s step was used: wait for the next
    }
  }
  await visible(page.getByRole('link', { name: 'Haven home' }));
  return page;
}

/** Opens a page, waits for its heading and for loading to finish, and runs axe. */
async function check(page: Page, baseUrl: string, path: string, who: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await visible(page.getByRole('heading', { level: 1 }), 20_000);
  const main = page.getByRole('main');
  const end = Date.now() + 15_000;
  while (Date.now() < end && (await main.getByText('Loading…').count()) > 0) await page.waitForTimeout(150);
  const h1 = (await page.getByRole('heading', { level: 1 }).first().innerText()).trim();
  if (/^(Page not found|Something went wrong|You cannot open this page)$/.test(h1)) throw new JourneyFailure(`${path} as ${who} showed "${h1}"`);
  await checkAccessibility(page, `${path} as ${who}`);
}

async function firstId(page: Page, baseUrl: string, api: string, pick: (item: Record<string, unknown>) => boolean = () => true): Promise<string> {
  const res = await page.request.get(`${baseUrl}/api/v1${api}`);
  if (!res.ok()) throw new JourneyFailure(`GET ${api}: ${res.status()}`);
  const body = await res.json() as { items?: Record<string, unknown>[] } | Record<string, unknown>[];
  const items = Array.isArray(body) ? body : body.items ?? [];
  const item = items.find(pick);
  if (!item || typeof item.id !== 'string') throw new JourneyFailure(`no record to open from ${api}`);
  return item.id;
}

/** The first pupil (of the first hundred) with a behaviour support plan, and that plan. */
async function pupilWithPlan(page: Page, baseUrl: string): Promise<{ pupilId: string; planId: string }> {
  const pupils = await (await page.request.get(`${baseUrl}/api/v1/pupils?pageSize=100`)).json() as { items: { id: string }[] };
  for (const p of pupils.items) {
    const plans = await (await page.request.get(`${baseUrl}/api/v1/plans?pupilId=${p.id}`)).json() as { items?: { id: string }[] };
    if (plans.items?.[0]) return { pupilId: p.id, planId: plans.items[0].id };
  }
  throw new JourneyFailure('no pupil of the first hundred has a behaviour support plan');
}

/** Every route, each by a role that may open it; `admin` is the trust administrator's page, already signed in. */
export async function axeOnEveryRoute(browser: Browser, baseUrl: string, password: string, admin: Page): Promise<number> {
  const visited = new Set<string>();
  const visit = async (page: Page, route: string, path: string, who: string) => { await check(page, baseUrl, path, who); visited.add(route); };

  for (const r of ['/', '/admin/sites', '/admin/users', '/admin/groups', '/admin/staff', '/admin/import', '/admin/exclusion-contacts',
    '/admin/audit', '/admin/exclusion-reasons', '/admin/letters', '/admin/plan-template', '/admin/support-catalogue', '/admin/parent-portal', '/admin/retention', '/calendar', '/api-tokens', '/pupils/new', '/notifications', '/tasks']) await visit(admin, r, r, 'trust administrator');
  for (const tab of POLICY_TABS) await visit(admin, '/policy', `/policy?tab=${tab}`, 'trust administrator');

  const head = await signInAs(browser, baseUrl, 'head', password);
  try {
    for (const r of ['/pupils', '/quick-log', '/incidents', '/incidents/new', '/review-queue', '/suspensions', '/suspensions/new', '/deadlines',
      '/on-call', '/analytics', '/analytics/exclusions', '/reports', '/reports/governors', '/reports/subscriptions', '/reports/definitions',
      '/detentions', '/isolation', '/rewards', '/safeguarding/raise', '/communications', '/support-interventions', '/meetings', '/referrals', '/agencies', '/plans/overdue-reviews', '/rota', '/rota/patterns', '/rota/settings', '/rota/exceptions', '/rota/today']) await visit(head, r, r, 'headteacher');
    const pupilId = await firstId(head, baseUrl, '/pupils?pageSize=1');
    await visit(head, '/meetings/new', `/meetings/new?pupilId=${pupilId}`, 'headteacher');
    await visit(head, '/meetings/$id', `/meetings/${await firstId(head, baseUrl, '/meetings')}`, 'headteacher');
    await visit(head, '/referrals/$id', `/referrals/${await firstId(head, baseUrl, '/referrals')}`, 'headteacher');
    await visit(head, '/pupils/$pupilId', `/pupils/${pupilId}`, 'headteacher');
    const planned = await pupilWithPlan(head, baseUrl);
    await visit(head, '/pupils/$pupilId/plans', `/pupils/${planned.pupilId}/plans`, 'headteacher');
    await visit(head, '/pupils/$pupilId/plans/$planId', `/pupils/${planned.pupilId}/plans/${planned.planId}`, 'headteacher');
    await visit(head, '/pupils/$pupilId/risk-assessments', `/pupils/${planned.pupilId}/risk-assessments`, 'headteacher');
    const incidentId = await firstId(head, baseUrl, '/incidents?pageSize=20');
    await visit(head, '/incidents/$incidentId', `/incidents/${incidentId}`, 'headteacher');
    await visit(head, '/incidents/$incidentId/edit', `/incidents/${incidentId}/edit`, 'headteacher');
    await visit(head, '/suspensions/$suspensionId', `/suspensions/${await firstId(head, baseUrl, '/suspensions')}`, 'headteacher');
    const me = await (await head.request.get(`${baseUrl}/api/v1/me`)).json() as { sites: { id: string }[] };
    const siteId = me.sites[0]?.id;
    if (!siteId) throw new JourneyFailure('the headteacher has no site');
    await visit(head, '/detentions/$sessionId', `/detentions/${await firstId(head, baseUrl, `/detentions?siteId=${siteId}`)}`, 'headteacher');
    for (const r of ['/training/matrix', '/training/sessions', '/training/certificates', '/training/courses', '/training/line-management', '/training/me']) await visit(head, r, r, 'headteacher');
    await visit(head, '/training/sessions/$sessionId', `/training/sessions/${await firstId(head, baseUrl, `/training/sessions?siteId=${siteId}`)}`, 'headteacher');
    await visit(head, '/support-interventions/$interventionId', `/support-interventions/${await firstId(head, baseUrl, '/support-interventions')}`, 'headteacher');
    for (const r of ['/visits', '/visits/settings', '/subject-access']) await visit(head, r, r, 'headteacher');
    const visitId = await firstId(head, baseUrl, '/visits');
    await visit(head, '/visits/$visitId', `/visits/${visitId}`, 'headteacher');
    await visit(head, '/visits/$visitId/day-sheet', `/visits/${visitId}/day-sheet`, 'headteacher');
    await visit(head, '/subject-access/$id', `/subject-access/${await firstId(head, baseUrl, '/subject-access')}`, 'headteacher');
  } finally { await head.context().close(); }

  const dsl = await signInAs(browser, baseUrl, 'dsl', password);
  try {
    await visit(dsl, '/safeguarding', '/safeguarding', 'designated safeguarding lead');
    const concernId = await firstId(dsl, baseUrl, '/safeguarding-concerns?status=open');
    await visit(dsl, '/safeguarding/$concernId', `/safeguarding/${concernId}`, 'designated safeguarding lead');
    const concern = await (await dsl.request.get(`${baseUrl}/api/v1/safeguarding-concerns/${concernId}`)).json() as { pupils?: { id: string }[] };
    const pupilId = concern.pupils?.[0]?.id;
    if (!pupilId) throw new JourneyFailure('the concern names no pupil');
    await visit(dsl, '/safeguarding/pupils/$pupilId', `/safeguarding/pupils/${pupilId}`, 'designated safeguarding lead');
    await visit(dsl, '/safeguarding/pupils/$pupilId/transfer', `/safeguarding/pupils/${pupilId}/transfer`, 'designated safeguarding lead');
    // the demo's child-protection file transfer, found through the pupils of the DSL's concerns
    const inbox = await (await dsl.request.get(`${baseUrl}/api/v1/safeguarding-concerns?pageSize=50`)).json() as { items: { pupils: { id: string }[] }[] };
    let transferId: string | undefined;
    for (const p of inbox.items.flatMap((c) => c.pupils)) {
      const list = await (await dsl.request.get(`${baseUrl}/api/v1/pupils/${p.id}/cp-transfers`)).json() as { items?: { id: string }[] };
      transferId = list.items?.[0]?.id;
      if (transferId) break;
    }
    if (!transferId) throw new JourneyFailure('the demo has no child-protection file transfer');
    await visit(dsl, '/cp-transfers/$transferId', `/cp-transfers/${transferId}`, 'designated safeguarding lead');
  } finally { await dsl.context().close(); }

  // STF-4: the cluster lead line-manages the support team in the demo, so has the team's reviews in progress
  const cluster = await signInAs(browser, baseUrl, 'cluster_lead', password, 390);
  try {
    await visit(cluster, '/performance-reviews', '/performance-reviews', 'cluster lead');
    const team = await (await cluster.request.get(`${baseUrl}/api/v1/performance-reviews?view=team`)).json() as { items: { id: string }[] };
    const reviewId = team.items[0]?.id;
    if (!reviewId) throw new JourneyFailure('the cluster lead has no review in progress');
    await visit(cluster, '/performance-reviews/$id', `/performance-reviews/${reviewId}`, 'cluster lead');
  } finally { await cluster.context().close(); }

  for (const [role, route] of [['parent', '/my-children'], ['agency', '/shared-with-me']] as const) {
    const page = await signInAs(browser, baseUrl, role, password, 390);
    try { await visit(page, route, route, role); } finally { await page.context().close(); }
  }
  const parent = await signInAs(browser, baseUrl, 'parent', password, 390);
  try {
    for (const r of ['/parent', '/parent/email', '/parent/visits']) await visit(parent, r, r, 'parent');
    const home = await (await parent.request.get(`${baseUrl}/api/v1/parent/portal`)).json() as { children: { id: string }[] };
    let shared: { pupilId: string; planId: string } | undefined;
    for (const c of home.children) {
      const rec = await (await parent.request.get(`${baseUrl}/api/v1/parent/children/${c.id}/record`)).json() as { plans: { id: string }[] };
      if (rec.plans[0]) { shared = { pupilId: c.id, planId: rec.plans[0].id }; break; }
    }
    if (!shared) throw new JourneyFailure('the demo parent has no shared plan');
    await visit(parent, '/parent/children/$pupilId/plans/$planId', `/parent/children/${shared.pupilId}/plans/${shared.planId}`, 'parent');
  } finally { await parent.context().close(); }

  // every route in the router was opened (the sign-in redirect is checked by every journey's sign-in page)
  const routes = [...fs.readFileSync('apps/web/src/router.tsx', 'utf8').matchAll(/path: '([^']+)'/g)].map((m) => m[1]!).filter((p) => p !== '/sign-in');
  const missed = routes.filter((r) => !visited.has(r));
  if (missed.length) throw new JourneyFailure(`axe did not visit ${missed.join(', ')}`);
  return visited.size;
}
