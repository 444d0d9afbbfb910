/**
 * Resolves the caller from the session cookie or an API token (Authorization: Bearer), enforces idle and absolute
 * session expiry and CSRF for cookie-authenticated writes, and applies each route's declared access (PLT-2).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/policy/policy.ts';
import { holdsAnywhere } from '../../core/policy/policy.ts';
import { AppError, forbidden, unauthorised } from '../../core/http/errors.ts';
import { PERMISSIONS } from '../../core/policy/permissions.ts';
import { routePermissions, type RouteAccess, type RouteTableEntry } from '../../core/http/context.ts';
import { tokenRefusal, type TokenScope } from '../../core/policy/token-scope.ts';
import * as repo from './auth.repo.ts';
import { API_TOKEN_PREFIX, CSRF_COOKIE, SESSION_COOKIE, hashSecret, safeEqual } from './tokens.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOUCH_EVERY_MS = 60_000;

export function principalActor(p: repo.PrincipalRow, via: 'session' | 'token', sessionId?: string, token?: TokenScope): Actor {
  return {
    kind: 'user', userId: p.user_id, trustId: p.trust_id, email: p.email, displayName: p.display_name,
    assignments: repo.toAssignments(p.assignments), trustSiteIds: p.site_ids, via, ...(sessionId ? { sessionId } : {}), ...(token ? { token } : {}),
  };
}

async function fromBearer(app: FastifyInstance, token: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const db = app.deps.database.db;
  const p = await repo.findTokenPrincipal(db, hashSecret(token));
  // A token without an expiry predates issue 11 and was given one by migration 0010; none is accepted without.
  if (!p || p.revoked || !p.active || p.expires_ms === null || p.expires_ms < Date.now()) return null;
  if (p.last_used_ms === null || Date.now() - p.last_used_ms > TOUCH_EVERY_MS) await repo.touchApiToken(db, p.token_id);
  return principalActor(p, 'token', undefined, { tokenId: p.token_id, writeAreas: p.write_areas });
}

async function fromSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, token: string, enforceCsrf: boolean): Promise<Actor | null> {
  const { database, config } = app.deps;
  const p = await repo.findSessionPrincipal(database.db, hashSecret(token));
  const now = Date.now();
  const idleMs = config.session.idleMinutes * 60_000;
  if (!p || p.revoked || !p.active || p.expires_ms < now || now - p.last_seen_ms > idleMs) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return null;
  }
  if (enforceCsrf && !SAFE_METHODS.has(req.method)) {
    const header = req.headers['x-csrf-token'];
    if (typeof header !== 'string' || !safeEqual(header, p.csrf_token)) {
      throw new AppError(403, 'csrf', 'This request is missing its security token (X-CSRF-Token). Reload the page and try again.');
    }
  }
  if (now - p.last_seen_ms > TOUCH_EVERY_MS) await repo.touchSession(database.db, p.session_id);
  return principalActor(p, 'session', p.session_id);
}


export function installAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  const table: RouteTableEntry[] = [];
  app.decorate('routeAccess', table);

  // Every API route must say who may call it: a route without a declaration fails at start-up, not in production.
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (!url.startsWith('/api/')) return;
    const cfg = route.config as { access?: unknown } | undefined;
    if (!cfg?.access && !url.startsWith('/api/docs')) {
      throw new Error(`Route ${route.method} ${url} does not declare its access (config.access)`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = route.schema as RouteTableEntry['schema'] | undefined;
    const accepts = schema ? { params: schema.params, querystring: schema.querystring, body: schema.body } : undefined;
    for (const m of methods) if (m !== 'HEAD' && !url.startsWith('/api/docs')) table.push({ method: m, url, access: cfg?.access as RouteAccess | undefined, ...(accepts ? { schema: accepts } : {}) });
  });

  // onRequest: refuse before the body is even parsed or validated, so a refused caller learns nothing from validation.
  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (!access) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await fromBearer(app, auth.slice(7).trim());
      if (!req.actor) throw new AppError(401, 'invalid_token', 'The API token is not valid, has expired or was revoked.');
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) req.actor = await fromSession(app, req, reply, cookie, access.auth !== 'public');
    }
    if (access.auth === 'public') return;
    if (!req.actor) throw unauthorised();
    // A token's scope is checked here, once for every route, before the route's own permission (token-scope.ts).
    if (req.actor.token) {
      const refusal = tokenRefusal(req.actor.token, access, req.method);
      if (refusal) throw new AppError(403, 'token_scope', refusal);
    }
    // The refusal names what is needed (SPEC §2.3: the rule named in the message), e.g. LAW-1 for issuing a suspension.
    if (access.auth === 'permission') {
      const accepted = routePermissions(access);
      if (!accepted.some((p) => holdsAnywhere(req.actor!, p))) throw forbidden(`You do not have permission to do that. Needed: ${accepted.map((p) => PERMISSIONS[p].description).join('; or ')}.`);
    }
  });
}

export function setSessionCookies(app: FastifyInstance, reply: FastifyReply, s: { token: string; csrfToken: string; maxAgeSeconds: number }): void {
  const secure = app.deps.config.session.cookieSecure;
  reply.setCookie(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: s.maxAgeSeconds });
  reply.setCookie(CSRF_COOKIE, s.csrfToken, { httpOnly: false, sameSite: 'strict', secure, path: '/', maxAge: s.maxAgeSeconds });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
