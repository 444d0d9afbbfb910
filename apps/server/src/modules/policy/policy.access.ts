/**
 * Who may read and change which policy entries. Trust-wide entries (siteId null) are read by everyone holding
 * policy.read in the trust and changed only by a trust-wide holder of policy.manage (a trust administrator); a site's
 * entries are read and changed by those holding the permission at that site.
 */
import { can, holdsAnywhere, scope, type Actor } from '../../core/policy/policy.ts';
import { fieldError, forbidden, notFound } from '../../core/http/errors.ts';

export interface PolicyScope { trustId: string; siteId: string | null }

export function mayManage(actor: Actor, siteId: string | null): boolean {
  return can(actor, 'policy.manage', { trustId: actor.trustId, siteId });
}

export function mayRead(actor: Actor, entry: { trustId: string; siteId: string | null }): boolean {
  if (entry.trustId !== actor.trustId) return false;
  if (entry.siteId === null) return holdsAnywhere(actor, 'policy.read') || holdsAnywhere(actor, 'policy.manage');
  return can(actor, 'policy.read', entry) || can(actor, 'policy.manage', entry);
}

/** `allowed` for an entry: edit when the caller may change entries of its scope. */
export function entryActions(actor: Actor, siteId: string | null): string[] {
  return mayManage(actor, siteId) ? ['edit'] : [];
}

/** `allowed` for a list: create when the caller may add entries to the listed scope. */
export function listActions(actor: Actor, siteId: string | null): string[] {
  return mayManage(actor, siteId) ? ['create'] : [];
}

/** The scope a management list asks for: exactly one of a siteId the caller manages, or scope=trust. */
export function listScope(actor: Actor, q: { siteId?: string | undefined; scope?: 'trust' | undefined }): PolicyScope {
  if (q.siteId && q.scope) throw fieldError('scope', 'Ask for one site or for the trust, not both');
  if (q.scope === 'trust') return { trustId: actor.trustId, siteId: null };
  if (!q.siteId) throw fieldError('siteId', 'Choose a site, or pass scope=trust for the trust-wide entries');
  if (!mayManage(actor, q.siteId)) throw forbidden('You do not manage the behaviour policy at that site.');
  return { trustId: actor.trustId, siteId: q.siteId };
}

/** Adding an entry to a scope. */
export function assertMayManageScope(actor: Actor, siteId: string | null): void {
  if (mayManage(actor, siteId)) return;
  throw forbidden(siteId === null
    ? 'Only a trust-wide administrator can change the trust-wide policy. Add an entry for your site instead.'
    : 'You do not manage the behaviour policy at that site.');
}

/** Changing an existing entry: 404 when the caller cannot even see it (as if it did not exist), 403 when they can. */
export function assertMayManageEntry(actor: Actor, entry: { trustId: string; siteId: string | null } | undefined, what: string): asserts entry {
  if (!entry || !mayRead(actor, entry)) throw notFound(what);
  assertMayManageScope(actor, entry.siteId);
}

/** The site a reader asks about: the given one (which they must hold policy.read at), or their only site. */
export function readSite(actor: Actor, siteId: string | undefined): string {
  const sites = [...new Set([...scope(actor, 'policy.read').siteIds, ...scope(actor, 'policy.manage').siteIds])];
  if (!siteId) {
    if (sites.length === 1) return sites[0]!;
    throw fieldError('siteId', 'Choose a site: you work at more than one');
  }
  if (!sites.includes(siteId)) throw forbidden('You do not work at that site.');
  return siteId;
}
