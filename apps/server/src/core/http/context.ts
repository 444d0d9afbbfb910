/** What every request carries (the actor) and what every route must declare (its auth and permission). */
import type { Config } from '../../config.ts';
import type { Database } from '../db/client.ts';
import type { Actor } from '../policy/policy.ts';
import type { Permission } from '../policy/permissions.ts';
import type { AuditContext } from '../audit/audit.ts';
import type { FastifyRequest } from 'fastify';
import type { TTokenArea } from '@haven/contracts';
import type { LiveHub } from '../notify/hub.ts';
import { createHash } from 'node:crypto';
import { fieldError, unauthorised } from './errors.ts';
import type { Clock } from '../time.ts';
import type { IdempotencyClaim } from '../db/idempotency.ts';
import type { SetupGate } from '../../modules/setup/setup.gate.ts';

export interface Deps {
  database: Database; config: Config; hub: LiveHub;
  /** The clock behind "today" and "now" (core/time: schoolToday, clockNow); the system's when not set. Tests set it. */
  clock?: Clock;
  /** The one-time code that opens the first-run page, when `haven serve` started on a database with no trust (modules/setup). */
  setupGate?: SetupGate;
}

/**
 * 'public': no sign-in. 'user': any signed-in user (or API token; `area` names what a write changes, for a token's
 * scope: core/policy/token-scope.ts). 'session': a person signed in with a session, never an API token (token
 * management, signing out). A permission: signed in and holding it at one site or more (a list: any one of them).
 */
export type RouteAccess = { auth: 'public' } | { auth: 'user'; area?: TTokenArea } | { auth: 'session' }
  | { auth: 'permission'; permission: Permission | readonly [Permission, ...Permission[]] };

/** The permissions a route accepts (any one of them lets the caller past the gate). */
export function routePermissions(access: { permission: Permission | readonly Permission[] }): readonly Permission[] {
  return typeof access.permission === 'string' ? [access.permission] : access.permission;
}

/** One API route as registered: tests walk this table (access matrix, bad input, log safety) so new routes are covered. */
export interface RouteTableEntry {
  method: string; url: string; access: RouteAccess | undefined;
  /** The route's zod schemas for what it accepts (params, querystring, body), as declared. */
  schema?: { params?: unknown; querystring?: unknown; body?: unknown };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Honours an Idempotency-Key header: a retry gets the first answer and writes nothing (core/db/idempotency.ts). */
    idempotent?: boolean;
  }
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
    ...(actor ? idempotencyOf(req) : {}),
  };
}

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

/** The request's Idempotency-Key on a route that honours one; 400 naming the header when it is malformed. */
function idempotencyOf(req: FastifyRequest): { idempotency?: IdempotencyClaim } {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined || !req.routeOptions.config.idempotent) return {};
  if (typeof raw !== 'string' || !KEY.test(raw)) throw fieldError('Idempotency-Key', 'Must be 8 to 200 letters, digits or . _ : -');
  const fingerprint = createHash('sha256').update(`${req.method} ${req.url.split('?')[0]}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
  return { idempotency: { key: raw, fingerprint, used: false } };
}
