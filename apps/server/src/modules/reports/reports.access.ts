/** Who sees which report, and whether their copy has small counts suppressed (SPEC §9). */
import type { TRole } from '@haven/contracts';
import { rolesAt, scope, type Actor } from '../../core/policy/policy.ts';
import { PERMISSIONS } from '../../core/policy/permissions.ts';
import { forbidden } from '../../core/http/errors.ts';

const AGGREGATE_ROLES = PERMISSIONS['reports.aggregate.read'].roles as readonly TRole[];

/** The sites a report covers: the one asked for (403 if not the caller's), else all where they read aggregate reports. */
export function reportSites(actor: Actor, siteIds: readonly string[] | undefined): string[] {
  const inScope = scope(actor, 'reports.aggregate.read').siteIds;
  if (!siteIds?.length) return inScope;
  const outside = siteIds.filter((s) => !inScope.includes(s));
  if (outside.length) throw forbidden('You do not receive reports for that site.');
  return [...new Set(siteIds)];
}

/**
 * A reader gets the unsuppressed figures only where a staff role (not governor) gives them aggregate reports at every
 * site covered; a governor's copy (or a mixed one) shows counts from 1 to 4 as "fewer than 5".
 */
export function needsSuppression(actor: Actor, siteIds: readonly string[]): boolean {
  return siteIds.some((site) => !rolesAt(actor, site).some((r) => r !== 'governor' && AGGREGATE_ROLES.includes(r)));
}
