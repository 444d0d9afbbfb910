/** /api/v1/auth/* and /api/v1/me: sign-in, two-factor, sign-out, the current user and their API tokens. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiToken, ZApiTokenCreate, ZApiTokenCreated, ZLoginBody, ZLoginResult, ZMe, ZOk, ZTotpBody } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as auth from './auth.service.ts';
import * as me from './me.service.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './tokens.ts';
import { clearSessionCookies, setSessionCookies } from './authenticate.ts';
import { ssoRoutes } from './sso.routes.ts';

const tags = ['Sign-in'];

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const loginLimit = { max: app.deps.config.login.ratePerMinute, timeWindow: '1 minute' };
  const client = (req: Parameters<typeof auditContext>[0]) => ({ ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, audit: auditContext(req, null) });

  r.post('/api/v1/auth/login', {
    config: { access: { auth: 'public' }, rateLimit: loginLimit },
    schema: { tags, summary: 'Sign in with email and password', body: ZLoginBody, response: { 200: ZLoginResult } },
  }, async (req, reply) => {
    const out = await auth.login(app.deps, req.body.email, req.body.password, client(req));
    if (out.session) setSessionCookies(app, reply, out.session);
    return out.result;
  });

  r.post('/api/v1/auth/login/totp', {
    config: { access: { auth: 'public' }, rateLimit: loginLimit },
    schema: { tags, summary: 'Complete sign-in with a TOTP code', body: ZTotpBody, response: { 200: ZLoginResult } },
  }, async (req, reply) => {
    const out = await auth.completeTotp(app.deps, 'totp', req.body.challenge, req.body.code, client(req));
    if (out.session) setSessionCookies(app, reply, out.session);
    return out.result;
  });

  r.post('/api/v1/auth/totp/enrol', {
    config: { access: { auth: 'public' }, rateLimit: loginLimit },
    schema: { tags, summary: 'Enrol an authenticator app (first sign-in of a role that requires two-factor)', body: ZTotpBody, response: { 200: ZLoginResult } },
  }, async (req, reply) => {
    const out = await auth.completeTotp(app.deps, 'enrol', req.body.challenge, req.body.code, client(req));
    if (out.session) setSessionCookies(app, reply, out.session);
    return out.result;
  });

  r.post('/api/v1/auth/logout', {
    config: { access: { auth: 'session' } },
    schema: { tags, summary: 'Sign out of this session', response: { 200: ZOk } },
  }, async (req, reply) => {
    await auth.logout(app.deps, requireActor(req), auditContext(req), false);
    clearSessionCookies(reply);
    return { ok: true as const };
  });

  r.post('/api/v1/auth/logout-all', {
    config: { access: { auth: 'session' } },
    schema: { tags, summary: 'Sign out everywhere (every session of this user)', response: { 200: ZOk } },
  }, async (req, reply) => {
    await auth.logout(app.deps, requireActor(req), auditContext(req), true);
    clearSessionCookies(reply);
    return { ok: true as const };
  });

  r.get('/api/v1/me', {
    config: { access: { auth: 'user' } },
    schema: { tags: ['Me'], summary: 'The signed-in user, their role assignments, sites and permissions', response: { 200: ZMe } },
  }, async (req) => {
    const view = await me.describe(app.deps, requireActor(req));
    const csrf = req.cookies[SESSION_COOKIE] ? req.cookies[CSRF_COOKIE] : undefined;
    return { ...view, ...(csrf ? { csrfToken: csrf } : {}) };
  });

  r.get('/api/v1/me/api-tokens', {
    config: { access: { auth: 'session' } },
    schema: { tags: ['Me'], summary: 'Your API tokens (signed in only: a token cannot list tokens)', response: { 200: z.object({ items: z.array(ZApiToken) }) } },
  }, async (req) => ({ items: await me.listTokens(app.deps, requireActor(req)) }));

  r.post('/api/v1/me/api-tokens', {
    config: { access: { auth: 'session' } },
    schema: { tags: ['Me'], summary: 'Create an API token for an integration (shown once): read-only, or naming the areas it may change; expires within a year', body: ZApiTokenCreate, response: { 201: ZApiTokenCreated } },
  }, async (req, reply) => {
    const created = await me.createToken(app.deps, requireActor(req), auditContext(req), req.body);
    return reply.status(201).send(created);
  });

  r.delete('/api/v1/me/api-tokens/:id', {
    config: { access: { auth: 'session' } },
    schema: { tags: ['Me'], summary: 'Revoke one of your API tokens', params: z.object({ id: z.uuid() }), response: { 200: ZApiToken } },
  }, async (req) => me.revokeToken(app.deps, requireActor(req), auditContext(req), req.params.id));

  await ssoRoutes(app);
}
