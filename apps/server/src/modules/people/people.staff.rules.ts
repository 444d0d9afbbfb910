/**
 * Pure rules for the staff records Haven makes itself when a user is given a staff role: the name split from the
 * account's display name, and a job title from the most senior role held at the site (the office can change both).
 * The migration that gave existing users their records applies the same rules in SQL.
 */
import type { TRole } from '@haven/contracts';
import { STAFF_ROLE_LIST } from '../../core/policy/permissions.ts';

/** Most senior first: the first of these a user holds at a site names their job there. */
export const ROLE_JOB_TITLES: readonly (readonly [TRole, string])[] = [
  ['head', 'Headteacher'], ['slt', 'Senior leader'], ['dsl', 'Designated safeguarding lead'], ['senco', 'SENCo'],
  ['cluster_lead', 'Cluster behaviour lead'], ['behaviour_lead', 'Behaviour lead'], ['trust_admin', 'Trust administrator'],
  ['office', 'School office'], ['staff', 'Member of staff'],
];

export function isStaffRole(role: string): role is TRole {
  return (STAFF_ROLE_LIST as readonly string[]).includes(role);
}

/** The job title for a staff record made from roles held at one site; null when none of them is a staff role. */
export function staffJobTitle(roles: readonly string[]): string | null {
  return ROLE_JOB_TITLES.find(([role]) => roles.includes(role))?.[1] ?? null;
}

/** "Siobhán O'Brien" → forename Siobhán, surname O'Brien; the first word is the forename, the rest the surname. */
export function splitDisplayName(displayName: string): { forename: string; surname: string } {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { forename: '', surname: '' };
  return { forename: words[0]!, surname: words.slice(1).join(' ') };
}

/**
 * The sites where a user needs a staff record: each site of a staff role, and every active site of the trust for a
 * trust-wide staff role (they work at all of them). Each with the roles held there.
 */
export function staffSitesOf(assignments: readonly { role: string; siteId: string | null }[], trustSiteIds: readonly string[]): Map<string, string[]> {
  const staff = assignments.filter((a) => isStaffRole(a.role));
  const trustWide = staff.filter((a) => a.siteId === null).map((a) => a.role);
  const out = new Map<string, string[]>();
  if (trustWide.length) for (const id of trustSiteIds) out.set(id, [...trustWide]);
  for (const a of staff) if (a.siteId) out.set(a.siteId, [...new Set([...(out.get(a.siteId) ?? []), a.role])]);
  return out;
}
