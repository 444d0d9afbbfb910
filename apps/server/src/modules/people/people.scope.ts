/**
 * Who may keep people's records where (people.manage): a site outside the caller's trust is not found (404); a site
 * of the trust where the caller does not keep records is refused (403). A record of such a site is not found.
 */
import { can, type Actor } from '../../core/policy/policy.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';

export function authorisePeopleSite(actor: Actor, siteId: string): void {
  if (!actor.trustSiteIds.includes(siteId)) throw notFound('site');
  if (!can(actor, 'people.manage', { trustId: actor.trustId, siteId })) throw forbidden('You do not keep people\'s records at that site.');
}

/** A record (a group, a staff record) the caller may keep, else 404 as if it did not exist. */
export function keptByCaller<T extends { trustId: string; siteId: string }>(actor: Actor, row: T | undefined, what: string): T {
  if (!row || row.trustId !== actor.trustId || !can(actor, 'people.manage', row)) throw notFound(what);
  return row;
}
