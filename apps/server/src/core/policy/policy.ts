/**
 * The one authorisation engine. can() answers a yes/no for one resource; scope() gives the site ids a query must be
 * limited to. Services call these; repos take the scope as an argument, so no list can include another site's rows.
 */
import type { TRole } from '@haven/contracts';
import { PERMISSIONS, ALL_PERMISSIONS, type Permission, type PermissionRule } from './permissions.ts';
import type { TokenScope } from './token-scope.ts';

export interface Assignment { id: string; role: TRole; siteId: string | null }

export interface Actor {
  kind: 'user';
  userId: string;
  trustId: string;
  email: string;
  displayName: string;
  assignments: Assignment[];
  /** Every site of the actor's trust (trust-wide assignments expand to these). */
  trustSiteIds: string[];
  via: 'session' | 'token';
  sessionId?: string;
  /** For an API token: what it may change (core/policy/token-scope.ts). */
  token?: TokenScope;
}

export interface Scope {
  /** Site ids the permission is held at. Empty means none. */
  siteIds: string[];
  trustWide: boolean;
}

function rule(permission: Permission): PermissionRule { return PERMISSIONS[permission]; }

export function rolesAt(actor: Actor, siteId: string): TRole[] {
  return actor.assignments.filter((a) => a.siteId === null || a.siteId === siteId).map((a) => a.role);
}

export function scope(actor: Actor, permission: Permission): Scope {
  const r = rule(permission);
  const granting = actor.assignments.filter((a) => (r.roles as readonly TRole[]).includes(a.role));
  const trustWide = granting.some((a) => a.siteId === null);
  if (r.level === 'trust') return { siteIds: trustWide ? [...actor.trustSiteIds] : [], trustWide };
  if (trustWide) return { siteIds: [...actor.trustSiteIds], trustWide: true };
  const ids = new Set<string>();
  for (const a of granting) if (a.siteId && actor.trustSiteIds.includes(a.siteId)) ids.add(a.siteId);
  return { siteIds: [...ids], trustWide: false };
}

/** Does the actor hold the permission anywhere (used by routes as a first gate)? */
export function holdsAnywhere(actor: Actor, permission: Permission): boolean {
  const r = rule(permission);
  if (r.level === 'trust') return scope(actor, permission).trustWide;
  return scope(actor, permission).siteIds.length > 0;
}

/** Can the actor do this to a resource at this site (or, for trust-level permissions, in this trust)? */
export function can(actor: Actor, permission: Permission, resource: { trustId: string; siteId?: string | null }): boolean {
  if (resource.trustId !== actor.trustId) return false;
  const s = scope(actor, permission);
  if (rule(permission).level === 'trust') return s.trustWide;
  if (!resource.siteId) return s.trustWide;
  return s.siteIds.includes(resource.siteId);
}

/**
 * The actor as they are where they hold this permission: only the assignments of roles that grant it. A query run
 * for the narrowed actor reaches only those sites (e.g. a bulk download by someone who is staff at one site and
 * behaviour lead at another covers the second only).
 */
export function narrowTo(actor: Actor, permission: Permission): Actor {
  const roles = rule(permission).roles as readonly TRole[];
  return { ...actor, assignments: actor.assignments.filter((a) => roles.includes(a.role)) };
}

export function permissionsOf(actor: Actor): Permission[] {
  return ALL_PERMISSIONS.filter((p) => holdsAnywhere(actor, p));
}

/** The actions a resource offers to this actor, listed in responses so the UI shows only what is allowed. */
export function allowedActions(actor: Actor, resource: { trustId: string; siteId?: string | null }, actions: Record<string, Permission>): string[] {
  return Object.entries(actions).filter(([, p]) => can(actor, p, resource)).map(([name]) => name);
}
