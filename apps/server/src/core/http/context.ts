/** What every request carries (the actor) and what every route must declare (its auth and permission). */
import type { Config } from '../../config.ts';
import type { Database } from '../db/client.ts';
import type { Actor } from '../policy/policy.ts';
import type { Permission } from '../policy/permissions.ts';
import type { AuditContext } from '../audit/audit.ts';
import type { FastifyRequest } from 'fastify';
import type { LiveHub } from '../notify/hub.ts';
import { unauthorised } from './errors.ts';

export interface Deps { database: Database; config: Config; hub: LiveHub }

/** 'public': no sign-in. 'user': any signed-in user. A permission: signed in and holding it at one site or more. */
export type RouteAccess = { auth: 'public' } | { auth: 'user' } | { auth: 'permission'; permission: Permission };

/** One API route as registered: tests walk this table (access matrix, bad input, log safety) so new routes are covered. */
export interface RouteTableEntry {
  method: string; url: string; access: RouteAccess | undefined;
  /** The route's zod schemas for what it accepts (params, querystring, body), as declared. */
  schema?: { params?: unknown; querystring?: unknown; body?: unknown };
}

declare module 'fastify' {
  interface FastifyContextConfig { access?: RouteAccess }
  interface FastifyRequest { actor: Actor | null }
  interface FastifyInstance { deps: Deps; routeAccess: RouteTableEntry[] }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorised();
  return req.actor;
}

export function auditContext(req: FastifyRequest, actor: Actor | null = req.actor): AuditContext {
  return {
    trustId: actor?.trustId ?? null,
    actorUserId: actor?.userId ?? null,
    actorLabel: actor ? `${actor.displayName} <${actor.email}>${actor.via === 'token' ? ' (API token)' : ''}` : 'anonymous',
    ip: req.ip ?? null,
    requestId: String(req.id),
  };
}
