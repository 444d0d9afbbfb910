/**
 * /api/v1/auth/sso/*: single sign-on with OpenID Connect (PLT-1). Start and callback are browser navigations, so
 * they answer with redirects; a failure lands on /sign-in?error=<code> and never shows what the provider said.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZSsoContinue, ZSsoProviders } from '@haven/contracts';
import { auditContext } from '../../core/http/context.ts';
import { setSessionCookies } from './authenticate.ts';
import { CHALLENGE_MINUTES } from './session.ts';
import * as sso from './sso.service.ts';

const tags = ['Sign-in'];
/** The state given to the browser that started a sign-in; only sent back to that provider's callback. */
const STATE_COOKIE = 'haven_sso_state';
/** After SSO, the two-factor challenge and where to go next; only sent to the continue endpoint. */
const STEP_COOKIE = 'haven_sso_step';
const CONTINUE_PATH = '/api/v1/auth/sso/continue';
const ZProviderParams = z.object({ provider: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Unknown sign-in provider') });

function encodeStep(challenge: string, returnTo: string): string {
  return `${challenge}.${Buffer.from(returnTo).toString('base64url')}`;
}

function decodeStep(value: string | undefined): { challenge: string; returnTo: string } | null {
  const m = value ? /^([A-Za-z0-9_-]{20,200})\.([A-Za-z0-9_-]{0,1000})$/.exec(value) : null;
  return m ? { challenge: m[1]!, returnTo: Buffer.from(m[2]!, 'base64url').toString() } : null;
}

function rawQueryOf(req: FastifyRequest): string {
  const i = req.url.indexOf('?');
  return i < 0 ? '' : req.url.slice(i + 1);
}

export async function ssoRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limit = { max: app.deps.config.login.ratePerMinute, timeWindow: '1 minute' };
  const secure = app.deps.config.session.cookieSecure;
  const toSignIn = (reply: FastifyReply, error: string) => reply.header('cache-control', 'no-store').redirect(`/sign-in?error=${error}`);

  r.get('/api/v1/auth/sso', {
    config: { access: { auth: 'public' } },
    schema: { tags, summary: 'Single sign-on providers offered on the sign-in page (empty when none is configured)', response: { 200: ZSsoProviders } },
  }, async () => ({ providers: sso.providers(app.deps) }));

  r.get('/api/v1/auth/sso/:provider/start', {
    config: { access: { auth: 'public' }, rateLimit: limit },
    schema: {
      tags, summary: 'Start single sign-on: redirects to the provider (authorization code with PKCE)',
      params: ZProviderParams,
      querystring: z.object({ returnTo: z.string().max(2000).optional().describe('A path within Haven to return to, e.g. /pupils') }),
    },
  }, async (req, reply) => {
    const out = await sso.start(app.deps, req.params.provider, req.query.returnTo);
    if (!out.ok) {
      req.log.warn({ sso: out.log }, 'single sign-on could not start');
      return toSignIn(reply, out.error);
    }
    reply.setCookie(STATE_COOKIE, out.state, { httpOnly: true, sameSite: 'lax', secure, path: sso.callbackPath(req.params.provider), maxAge: out.maxAgeSeconds });
    return reply.header('cache-control', 'no-store').redirect(out.location);
  });

  r.get('/api/v1/auth/sso/:provider/callback', {
    config: { access: { auth: 'public' }, rateLimit: limit },
    schema: { tags, summary: 'Where the provider sends the browser back; redirects to Haven signed in, to the two-factor step, or to /sign-in?error=…', params: ZProviderParams },
  }, async (req, reply) => {
    const client = { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, audit: auditContext(req, null) };
    const out = await sso.callback(app.deps, { providerId: req.params.provider, rawQuery: rawQueryOf(req), stateCookie: req.cookies[STATE_COOKIE] }, client);
    reply.clearCookie(STATE_COOKIE, { path: sso.callbackPath(req.params.provider) });
    if (out.kind === 'failed') {
      req.log.warn({ sso: out.log }, 'single sign-on refused');
      return toSignIn(reply, out.error);
    }
    if (out.kind === 'second_factor') {
      reply.setCookie(STEP_COOKIE, encodeStep(out.challenge, out.returnTo), { httpOnly: true, sameSite: 'lax', secure, path: CONTINUE_PATH, maxAge: CHALLENGE_MINUTES * 60 });
    } else {
      setSessionCookies(app, reply, out.session);
    }
    return reply.header('cache-control', 'no-store').redirect(out.location);
  });

  r.get(CONTINUE_PATH, {
    config: { access: { auth: 'public' }, rateLimit: limit },
    schema: { tags, summary: 'After single sign-on: the two-factor step still owed (the challenge is in an httpOnly cookie)', response: { 200: ZSsoContinue } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return sso.continueStep(app.deps, decodeStep(req.cookies[STEP_COOKIE]));
  });
}
