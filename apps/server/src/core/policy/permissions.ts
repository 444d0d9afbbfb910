/**
 * The permission table (PLT-2): which roles grant which permission, and whether it is held per site or only
 * trust-wide. This is data, not code spread through routes: every endpoint names one of these permissions.
 */
import type { TRole } from '@haven/contracts';

export interface PermissionRule {
  roles: readonly TRole[];
  /** 'site': held at the sites of the granting assignment. 'trust': needs a trust-wide assignment of the role. */
  level: 'site' | 'trust';
  description: string;
}

const DATA_ROLES = ['staff', 'behaviour_lead', 'cluster_lead', 'dsl', 'senco', 'head', 'slt'] as const;

export const PERMISSIONS = {
  'pupil.read': { roles: DATA_ROLES, level: 'site', description: "Read the pupils of a site and their one-page profiles" },
  'pupil.sealed.read': { roles: ['dsl'], level: 'site', description: 'Read sealed safeguarding facts (child in need, child protection plan)' },
  'parent.children.read': { roles: ['parent'], level: 'site', description: "A parent's own children" },
  'agency.shares.read': { roles: ['agency'], level: 'site', description: 'Records shared with an agency professional' },
  'reports.aggregate.read': { roles: ['governor', 'head', 'slt', 'behaviour_lead', 'cluster_lead', 'trust_admin'], level: 'site', description: 'Aggregate, pseudonymised reports' },
  'site.manage': { roles: ['trust_admin'], level: 'trust', description: 'Create and change sites' },
  'user.manage': { roles: ['trust_admin'], level: 'trust', description: 'Create users and assign roles' },
  'audit.read': { roles: ['trust_admin'], level: 'trust', description: 'Read the audit log' },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];
