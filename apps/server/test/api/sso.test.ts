/**
 * PLT-1 single sign-on against a REAL OpenID provider: `oidc-provider` runs on 127.0.0.1 with tiny login and
 * consent handlers (its interaction API), Haven listens on 127.0.0.1 too, and each test drives the browser's round
 * trip with fetch and a cookie jar: start → authorize → login → consent → Haven's callback → session.
 * Two providers: "oidc" puts the email in the ID token (like Google and Entra ID), "oidc2" only in userinfo.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import Provider from 'oidc-provider';
import { buildApp } from '../../src/app.ts';
import { createTestContext, dbKinds, demoEmail, testConfig, type TestContext } from '../harness.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { oidcLogins, sessions, userIdentities, users } from '../../src/db/schema/users.ts';
import { DEMO_TOTP_SECRETS } from '../../src/db/seed/accounts.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { totpNow } from '../../src/modules/auth/totp.ts';
import type { Config } from '../../src/config.ts';

const CLIENT_ID = 'haven-test';
const CLIENT_SECRET = 'a-long-test-client-secret-0123456789';

/** The provider's people: the subject is the account id; each says what the provider vouches for. */
const ACCOUNTS: Record<string, { email?: string; email_verified?: boolean }> = {
  staff: { email: demoEmail('staff'), email_verified: true },
  head: { email: demoEmail('head'), email_verified: true },
  dsl: { email: demoEmail('dsl'), email_verified: true },
  stranger: { email: 'nobody-here@demo.haven.test', email_verified: true },
  unverified: { email: demoEmail('senco'), email_verified: false },
  'staff-again': { email: demoEmail('staff'), email_verified: true },
};

/** A browser's cookies, per host and port (the two servers share 127.0.0.1), honouring Path and Max-Age. */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, { value: string; path: string }>>();
  header(url: URL): string {
    const jar = this.byHost.get(url.host);
    if (!jar) return '';
    return [...jar].filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`).join('; ');
  }
  take(url: URL, res: Response): void {
    const jar = this.byHost.get(url.host) ?? new Map<string, { value: string; path: string }>();
    this.byHost.set(url.host, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const attr = (n: string) => attrs.find((a) => a.toLowerCase().startsWith(`${n}=`))?.slice(n.length + 1);
      const maxAge = attr('max-age');
      const expires = attr('expires');
      const path = attr('path') ?? '/';
      const gone = (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now()) || value === '';
      if (gone) jar.delete(name); else jar.set(name, { value, path });
    }
  }
  get(host: string, name: string): string | undefined { return this.byHost.get(host)?.get(name)?.value; }
  set(host: string, name: string, value: string, path: string): void {
    const jar = this.byHost.get(host) ?? new Map<string, { value: string; path: string }>();
    this.byHost.set(host, jar);
    jar.set(name, { value, path });
  }
}

async function go(jar: CookieJar, url: URL | string, init: RequestInit = {}): Promise<Response> {
  const u = new URL(url);
  const headers = new Headers(init.headers);
  const cookie = jar.header(u);
  if (cookie) headers.set('cookie', cookie);
  const res = await fetch(u, { ...init, headers, redirect: 'manual' });
  jar.take(u, res);
  return res;
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

/** A real provider. `idTokenClaims: false` keeps profile claims out of the ID token (oidc-provider's default). */
function attachProvider(server: http.Server, issuer: string, redirectUri: string, idTokenClaims: boolean): Provider {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUri],
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post',
    }],
    findAccount: (_ctx, sub) => {
      const account = ACCOUNTS[sub];
      return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
    },
    // Like Entra ID, the ID token always says how the person signed in (amr, RFC 8176).
    claims: { amr: null, openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: !idTokenClaims,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    cookies: { keys: ['sso-test-cookie-key'] },
  });
  const handle = provider.callback();
  // The login and consent "pages": GET answers which prompt is due; POST login/consent/abort finishes it.
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const m = /^\/interaction\/([^/?]+)(?:\/(login|consent|abort))?/.exec(req.url ?? '');
    if (!m) { void handle(req, res); return; }
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ prompt: details.prompt.name }));
      } else if (m[2] === 'login') {
        const form = await readForm(req);
        await provider.interactionFinished(req, res, {
          login: { accountId: form.get('login') ?? '', amr: form.get('mfa') ? ['pwd', 'mfa'] : ['pwd'] },
        }, { mergeWithLastSubmission: false });
      } else if (m[2] === 'consent') {
        const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      } else {
        await provider.interactionFinished(req, res, {
          error: 'access_denied', error_description: 'User said no <script>alert("token=abc")</script>',
        }, { mergeWithLastSubmission: false });
      }
    })().catch((e: unknown) => { res.statusCode = 500; res.end(String(e)); });
  });
  return provider;
}

describe.each(dbKinds())('single sign-on (OpenID Connect) on %s', (kind) => {
  let t: TestContext;
  let config: Config;
  let haven: string;
  const opServers: http.Server[] = [];

  beforeAll(async () => {
    const issuers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const server = http.createServer();
      opServers.push(server);
      issuers.push(`http://127.0.0.1:${await listen(server)}`);
    }
    const base = testConfig();
    config = {
      ...base,
      sso: [
        { id: 'oidc', label: 'Sign in with Microsoft', issuer: issuers[0]!, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: 'openid email profile' },
        { id: 'oidc2', label: 'Sign in with Google', issuer: issuers[1]!, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: 'openid email' },
      ],
    };
    t = await createTestContext(kind, config);
    const port = (await t.app.listen({ host: '127.0.0.1', port: 0 }), (t.app.server.address() as AddressInfo).port);
    haven = `http://127.0.0.1:${port}`;
    // The address Haven is reached at is only known once it listens; the app reads it per request.
    config.publicUrl = haven;
    attachProvider(opServers[0]!, issuers[0]!, `${haven}/api/v1/auth/sso/oidc/callback`, true);
    attachProvider(opServers[1]!, issuers[1]!, `${haven}/api/v1/auth/sso/oidc2/callback`, false);
  });
  afterAll(async () => {
    await t?.close();
    for (const s of opServers) { s.closeAllConnections(); await new Promise((r) => s.close(r)); }
  });

  /** Runs the browser through the provider and answers Haven's callback URL, not yet visited. */
  async function throughProvider(jar: CookieJar, account: string, opts: { provider?: string; returnTo?: string; mfa?: boolean; abort?: boolean } = {}): Promise<URL> {
    const provider = opts.provider ?? 'oidc';
    const startRes = await go(jar, `${haven}/api/v1/auth/sso/${provider}/start?returnTo=${encodeURIComponent(opts.returnTo ?? '/pupils')}`);
    expect(startRes.status).toBe(302);
    let url = new URL(startRes.headers.get('location')!);
    const callback = `${haven}/api/v1/auth/sso/${provider}/callback`;
    for (let i = 0; i < 20; i++) {
      if (`${url.origin}${url.pathname}` === callback) return url;
      let res = await go(jar, url);
      const m = /^\/interaction\/[^/]+$/.exec(url.pathname);
      if (res.status === 200 && m) {
        const { prompt } = await res.json() as { prompt: string };
        const action = opts.abort ? 'abort' : prompt;
        const body = prompt === 'login' ? new URLSearchParams({ login: account, ...(opts.mfa ? { mfa: '1' } : {}) }).toString() : '';
        res = await go(jar, new URL(`${url.pathname}/${action}`, url), { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      }
      if (res.status < 300 || res.status >= 400) throw new Error(`Unexpected ${res.status} at ${url.pathname}: ${await res.text()}`);
      url = new URL(res.headers.get('location')!, url);
    }
    throw new Error('Too many redirects');
  }

  async function signIn(account: string, opts: Parameters<typeof throughProvider>[2] = {}) {
    const jar = new CookieJar();
    const callbackUrl = await throughProvider(jar, account, opts);
    const res = await go(jar, callbackUrl);
    return { jar, callbackUrl, res, location: res.headers.get('location') ?? '' };
  }

  const me = async (jar: CookieJar) => go(jar, `${haven}/api/v1/me`);
  const hostOf = () => new URL(haven).host;
  const db = () => t.database.db;
  const userByEmail = async (email: string) => (await db().select().from(users).where(eq(users.email, email)))[0]!;
  const lastAudit = async (action: string) =>
    (await db().select().from(auditEntries).where(eq(auditEntries.action, action)).orderBy(desc(auditEntries.seq)).limit(1))[0];

  it('lists the configured providers, and none when single sign-on is not configured', async () => {
    const res = await fetch(`${haven}/api/v1/auth/sso`);
    expect(await res.json()).toEqual({ providers: [{ id: 'oidc', label: 'Sign in with Microsoft' }, { id: 'oidc2', label: 'Sign in with Google' }] });
    const plain = await buildApp({ config: testConfig(), database: t.database, logger: false });
    try {
      const r = await plain.inject({ method: 'GET', url: '/api/v1/auth/sso' });
      expect(r.json()).toEqual({ providers: [] });
      expect((await plain.inject({ method: 'GET', url: '/api/v1/auth/sso/oidc/start' })).statusCode).toBe(404);
    } finally { await plain.close(); }
  });

  it('starts with code + PKCE (S256), state and nonce, storing the state only as a hash, for ten minutes', async () => {
    const jar = new CookieJar();
    const res = await go(jar, `${haven}/api/v1/auth/sso/oidc/start?returnTo=%2Fpupils%3Fq%3Dx`);
    expect(res.status).toBe(302);
    const auth = new URL(res.headers.get('location')!);
    const q = auth.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('redirect_uri')).toBe(`${haven}/api/v1/auth/sso/oidc/callback`);
    expect(q.get('scope')).toBe('openid email profile');
    const state = q.get('state')!;
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect(q.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    expect(res.headers.getSetCookie().join('\n')).toMatch(/haven_sso_state=[^;]+;.*Path=\/api\/v1\/auth\/sso\/oidc\/callback;.*HttpOnly;.*SameSite=Lax/i);
    expect(await db().select().from(oidcLogins).where(eq(oidcLogins.stateHash, state))).toHaveLength(0);
    const row = (await db().select().from(oidcLogins).where(eq(oidcLogins.stateHash, hashSecret(state))))[0]!;
    expect(row.returnTo).toBe('/pupils?q=x');
    expect(row.nonce).toBe(q.get('nonce'));
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - 10 * 60_000)).toBeLessThan(30_000);
  });

  it.each([
    'https://evil.example/pupils', '//evil.example/pupils', '/\\evil.example', '\\\\evil.example', 'javascript:alert(1)',
    'pupils', '/./\\evil.example', `/${'a'.repeat(600)}`, '/ok\r\nSet-Cookie: x=y',
  ])('refuses to start with returnTo=%j (another origin, or not a plain path)', async (returnTo) => {
    const before = (await db().select().from(oidcLogins)).length;
    const res = await fetch(`${haven}/api/v1/auth/sso/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    const body = await res.json() as { error: { fields?: { field: string }[] } };
    expect(body.error.fields?.map((f) => f.field)).toContain('returnTo');
    expect((await db().select().from(oidcLogins)).length).toBe(before);
  });

  it('answers 404 for a provider that is not configured', async () => {
    const res = await fetch(`${haven}/api/v1/auth/sso/okta/start`, { redirect: 'manual' });
    expect(res.status).toBe(404);
  });

  it('signs a member of staff in on first use by their verified email, links the identity, and returns them to returnTo', async () => {
    const staff = await userByEmail(demoEmail('staff'));
    const { jar, res, location } = await signIn('staff', { returnTo: '/pupils' });
    expect(res.status).toBe(302);
    expect(location).toBe('/pupils');
    const cookies = res.headers.getSetCookie().join('\n');
    expect(cookies).toMatch(/haven_session=[^;]+;.*HttpOnly/i);
    expect(cookies).toMatch(/haven_sso_state=;/);
    const meRes = await me(jar);
    expect(meRes.status).toBe(200);
    expect((await meRes.json() as { user: { email: string } }).user.email).toBe(demoEmail('staff'));
    const ids = await db().select().from(userIdentities).where(eq(userIdentities.userId, staff.id));
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatchObject({ issuer: config.sso[0]!.issuer, subject: 'staff', email: demoEmail('staff'), trustId: staff.trustId });
    expect((await lastAudit('auth.sso_linked'))).toMatchObject({ actorUserId: staff.id, entityId: staff.id });
    expect((await lastAudit('auth.sso_login'))!.details).toMatchObject({ provider: 'oidc', next: 'session', mfaAtProvider: false });
    expect((await lastAudit('auth.login'))!.details).toMatchObject({ method: 'sso' });
  });

  it('signs them in again through the linked identity (no second link)', async () => {
    const staff = await userByEmail(demoEmail('staff'));
    const linkedBefore = (await db().select().from(auditEntries).where(eq(auditEntries.action, 'auth.sso_linked'))).length;
    const { jar, location } = await signIn('staff', { returnTo: '/' });
    expect(location).toBe('/');
    expect((await me(jar)).status).toBe(200);
    expect(await db().select().from(userIdentities).where(eq(userIdentities.userId, staff.id))).toHaveLength(1);
    expect((await db().select().from(auditEntries).where(eq(auditEntries.action, 'auth.sso_linked'))).length).toBe(linkedBefore);
    const id = (await db().select().from(userIdentities).where(eq(userIdentities.userId, staff.id)))[0]!;
    expect(Date.now() - id.lastUsedAt!.getTime()).toBeLessThan(30_000);
  });

  it('does not link a second subject claiming an already linked user at the same provider', async () => {
    const { jar, location } = await signIn('staff-again');
    expect(location).toBe('/sign-in?error=sso_failed');
    expect(jar.get(hostOf(), 'haven_session')).toBeUndefined();
    expect((await lastAudit('auth.sso_failed'))!.details).toMatchObject({ reason: 'linked_to_other_subject' });
  });

  it('reads email and email_verified from userinfo when the ID token does not carry them (second provider)', async () => {
    const staff = await userByEmail(demoEmail('staff'));
    const { jar, location } = await signIn('staff', { provider: 'oidc2', returnTo: '/pupils' });
    expect(location).toBe('/pupils');
    expect((await me(jar)).status).toBe(200);
    const ids = await db().select().from(userIdentities).where(eq(userIdentities.userId, staff.id));
    expect(ids.map((i) => i.issuer).sort()).toEqual([config.sso[0]!.issuer, config.sso[1]!.issuer].sort());
  });

  it('never creates an account: an unknown email ends on the sign-in page with sso_no_account', async () => {
    const { jar, res, location } = await signIn('stranger');
    expect(res.status).toBe(302);
    expect(location).toBe('/sign-in?error=sso_no_account');
    expect(jar.get(hostOf(), 'haven_session')).toBeUndefined();
    expect((await me(jar)).status).toBe(401);
    expect(await db().select().from(users).where(eq(users.email, 'nobody-here@demo.haven.test'))).toHaveLength(0);
    expect((await lastAudit('auth.sso_failed'))!.details).toMatchObject({ provider: 'oidc', reason: 'no_account' });
  });

  it('refuses an email the provider has not verified, and links nothing', async () => {
    const senco = await userByEmail(demoEmail('senco'));
    const { jar, location } = await signIn('unverified');
    expect(location).toBe('/sign-in?error=sso_unverified_email');
    expect(jar.get(hostOf(), 'haven_session')).toBeUndefined();
    expect(await db().select().from(userIdentities).where(eq(userIdentities.userId, senco.id))).toHaveLength(0);
    expect((await lastAudit('auth.sso_failed'))!.details).toMatchObject({ reason: 'email_unverified' });
  });

  it('sends a head (two-factor role) without MFA at the provider to Haven\'s TOTP step, not a session', async () => {
    const head = await userByEmail(demoEmail('head'));
    const { jar, res, location } = await signIn('head', { returnTo: '/pupils' });
    expect(location).toBe('/sign-in?sso=totp');
    const cookies = res.headers.getSetCookie().join('\n');
    expect(cookies).not.toMatch(/haven_session=/);
    expect(cookies).toMatch(/haven_sso_step=[^;]+;.*Path=\/api\/v1\/auth\/sso\/continue;.*HttpOnly/i);
    expect(location).not.toContain(jar.get(hostOf(), 'haven_sso_step')!.slice(0, 20));
    expect((await me(jar)).status).toBe(401);

    const step = await go(jar, `${haven}/api/v1/auth/sso/continue`);
    expect(step.status).toBe(200);
    expect(step.headers.get('cache-control')).toBe('no-store');
    const body = await step.json() as { status: string; challenge: string; returnTo: string };
    expect(body).toMatchObject({ status: 'totp_required', returnTo: '/pupils' });

    const done = await go(jar, `${haven}/api/v1/auth/login/totp`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challenge: body.challenge, code: totpNow(DEMO_TOTP_SECRETS.head) }),
    });
    expect(done.status).toBe(200);
    const meRes = await me(jar);
    expect((await meRes.json() as { user: { id: string } }).user.id).toBe(head.id);
    expect((await lastAudit('auth.login'))!.details).toMatchObject({ method: 'sso+totp' });
    expect((await lastAudit('auth.sso_login'))!.details).toMatchObject({ next: 'totp_required', mfaAtProvider: false });
    // the challenge is single use
    expect((await go(jar, `${haven}/api/v1/auth/sso/continue`)).status).toBe(401);
  });

  it('starts a session for a head when the provider reports MFA (amr)', async () => {
    const { jar, location } = await signIn('head', { mfa: true, returnTo: '/' });
    expect(location).toBe('/');
    expect((await me(jar)).status).toBe(200);
    expect((await lastAudit('auth.login'))!.details).toMatchObject({ method: 'sso+provider_mfa' });
  });

  it('has a two-factor role that has not set up an authenticator enrol one after SSO', async () => {
    const dsl = await userByEmail(demoEmail('dsl'));
    await db().update(users).set({ totpEnabled: false, totpSecret: null, totpLastStep: null }).where(eq(users.id, dsl.id));
    try {
      const { jar, location } = await signIn('dsl');
      expect(location).toBe('/sign-in?sso=enrol');
      const step = await (await go(jar, `${haven}/api/v1/auth/sso/continue`)).json() as { status: string; challenge: string; secret: string; otpauthUrl: string };
      expect(step.status).toBe('totp_enrolment_required');
      expect(step.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      const done = await go(jar, `${haven}/api/v1/auth/totp/enrol`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ challenge: step.challenge, code: totpNow(step.secret) }),
      });
      expect(done.status).toBe(200);
      expect((await me(jar)).status).toBe(200);
      expect((await lastAudit('auth.login'))!.details).toMatchObject({ method: 'sso+totp_enrolment' });
    } finally {
      await db().update(users).set({ totpEnabled: dsl.totpEnabled, totpSecret: dsl.totpSecret, totpLastStep: dsl.totpLastStep }).where(eq(users.id, dsl.id));
    }
  });

  it('refuses a replayed callback (the state is single use), even with the state cookie', async () => {
    const jar = new CookieJar();
    const callbackUrl = await throughProvider(jar, 'staff');
    const stateCookie = jar.get(hostOf(), 'haven_sso_state')!;
    const first = await go(jar, callbackUrl);
    expect(first.headers.get('location')).toBe('/pupils');
    const attacker = new CookieJar();
    attacker.set(hostOf(), 'haven_sso_state', stateCookie, '/api/v1/auth/sso/oidc/callback');
    const replay = await go(attacker, callbackUrl);
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe('/sign-in?error=sso_expired');
    expect(attacker.get(hostOf(), 'haven_session')).toBeUndefined();
    expect((await lastAudit('auth.sso_failed'))!.details).toMatchObject({ reason: 'state_used' });
  });

  it('refuses a callback in a browser that did not start the sign-in (login CSRF), leaving the real one usable', async () => {
    const jar = new CookieJar();
    const callbackUrl = await throughProvider(jar, 'staff');
    const victim = new CookieJar();
    const res = await go(victim, callbackUrl);
    expect(res.headers.get('location')).toBe('/sign-in?error=sso_expired');
    expect(victim.get(hostOf(), 'haven_session')).toBeUndefined();
    expect((await lastAudit('auth.sso_failed'))!.details).toMatchObject({ reason: 'state_mismatch' });
    const own = await go(jar, callbackUrl);
    expect(own.headers.get('location')).toBe('/pupils');
  });

  it('refuses a tampered state', async () => {
    const jar = new CookieJar();
    const callbackUrl = await throughProvider(jar, 'staff');
    const tampered = new URL(callbackUrl);
    const forged = `${tampered.searchParams.get('state')!.slice(0, -2)}xx`;
    tampered.searchParams.set('state', forged);
    const a = await go(jar, tampered);
    expect(a.headers.get('location')).toBe('/sign-in?error=sso_expired');
    expect((await lastAudit('auth.sso_failed'))!.details).toMatchObject({ reason: 'state_mismatch' });
    // a forger who also controls the cookie still meets an unknown state
    jar.set(hostOf(), 'haven_sso_state', forged, '/api/v1/auth/sso/oidc/callback');
    const b = await go(jar, tampered);
    expect(b.headers.get('location')).toBe('/sign-in?error=sso_expired');
    expect(jar.get(hostOf(), 'haven_session')).toBeUndefined();
    expect((await lastAudit('auth.sso_failed'))!.details).toMatchObject({ reason: 'state_unknown' });
  });

  it('refuses a tampered code, and shows nothing the provider said when the user declines', async () => {
    const jar = new CookieJar();
    const callbackUrl = await throughProvider(jar, 'staff');
    callbackUrl.searchParams.set('code', `${callbackUrl.searchParams.get('code')}x`);
    const res = await go(jar, callbackUrl);
    expect(res.headers.get('location')).toBe('/sign-in?error=sso_failed');
    const failed = await lastAudit('auth.sso_failed');
    expect(failed!.details).toMatchObject({ reason: 'exchange_failed' });
    expect(JSON.stringify(failed!.details)).not.toContain(callbackUrl.searchParams.get('code')!.slice(0, 12));

    const declined = await signIn('staff', { abort: true });
    expect(declined.callbackUrl.searchParams.get('error_description')).toContain('token=abc');
    expect(declined.location).toBe('/sign-in?error=sso_cancelled');
    expect(declined.jar.get(hostOf(), 'haven_session')).toBeUndefined();
    const audit = await lastAudit('auth.sso_failed');
    expect(audit!.details).toEqual({ provider: 'oidc', reason: 'provider_error', oauthError: 'access_denied' });
  });

  it('keeps sessions made by SSO ordinary sessions: sign-out revokes them', async () => {
    const staff = await userByEmail(demoEmail('staff'));
    const { jar } = await signIn('staff');
    const csrf = jar.get(hostOf(), 'haven_csrf')!;
    const out = await go(jar, `${haven}/api/v1/auth/logout`, { method: 'POST', headers: { 'x-csrf-token': csrf } });
    expect(out.status).toBe(200);
    const open = await db().select().from(sessions).where(and(eq(sessions.userId, staff.id)));
    expect(open.some((s) => s.revokedAt)).toBe(true);
    expect((await me(jar)).status).toBe(401);
  });
});
