/**
 * The on-call list of each site (on_call_staff) and who answers calls there. A listed person counts as a responder
 * only while they still hold a data role at the site, so removing someone's role also takes them off call.
 */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { onCallStaff } from '../../db/schema/workflow.ts';
import { roleAssignments, users } from '../../db/schema/users.ts';
import { sites } from '../../db/schema/platform.ts';
import { PERMISSIONS } from '../../core/policy/permissions.ts';

/** Roles that may raise a call at a site; a listed responder must hold one of them there. */
const DATA_ROLES = PERMISSIONS['oncall.request'].roles;

/** The listed user still holds a data role at the listed site (or trust-wide). */
const holdsDataRoleThere = sql`exists (select 1 from ${roleAssignments} ra where ra.user_id = ${users.id} and ra.trust_id = ${users.trustId}
    and ra.role in (${sql.join(DATA_ROLES.map((r) => sql`${r}`), sql`, `)}) and (ra.site_id is null or ra.site_id = ${onCallStaff.siteId}))`;

/** Active listed responders at a site (active users still holding a data role there). */
export async function listedResponders(db: Executor, trustId: string, siteId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ id: users.id }).from(onCallStaff).innerJoin(users, eq(users.id, onCallStaff.userId))
    .where(and(eq(onCallStaff.trustId, trustId), eq(onCallStaff.siteId, siteId), eq(onCallStaff.active, true), eq(users.active, true),
      holdsDataRoleThere));
  return rows.map((r) => r.id);
}

/** Sites where this user is on the active on-call list (the caller checks they still hold a data role there). */
export async function listedSitesOf(db: Executor, trustId: string, userId: string): Promise<string[]> {
  const rows = await db.select({ siteId: onCallStaff.siteId }).from(onCallStaff)
    .where(and(eq(onCallStaff.trustId, trustId), eq(onCallStaff.userId, userId), eq(onCallStaff.active, true)));
  return [...new Set(rows.map((r) => r.siteId))];
}

const staffColumns = {
  id: onCallStaff.id, trustId: onCallStaff.trustId, siteId: onCallStaff.siteId, siteName: sites.name, userId: onCallStaff.userId,
  displayName: users.displayName, email: users.email, active: onCallStaff.active,
};

export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaffRow>>>;

export async function listStaff(db: Executor, trustId: string, siteIds: readonly string[], includeInactive: boolean) {
  if (!siteIds.length) return [];
  return db.select(staffColumns).from(onCallStaff).innerJoin(users, eq(users.id, onCallStaff.userId))
    .innerJoin(sites, eq(sites.id, onCallStaff.siteId))
    .where(and(eq(onCallStaff.trustId, trustId), inArray(onCallStaff.siteId, [...siteIds]), includeInactive ? undefined : eq(onCallStaff.active, true)))
    .orderBy(asc(sites.name), asc(users.displayName));
}

export async function findStaffRow(db: Executor, id: string) {
  return (await db.select(staffColumns).from(onCallStaff).innerJoin(users, eq(users.id, onCallStaff.userId))
    .innerJoin(sites, eq(sites.id, onCallStaff.siteId)).where(eq(onCallStaff.id, id)))[0];
}

export async function findStaffFor(db: Executor, siteId: string, userId: string) {
  return (await db.select({ id: onCallStaff.id, active: onCallStaff.active }).from(onCallStaff)
    .where(and(eq(onCallStaff.siteId, siteId), eq(onCallStaff.userId, userId))).orderBy(asc(onCallStaff.id)))[0];
}

export async function insertStaff(tx: Executor, row: { id: string; trustId: string; siteId: string; userId: string }): Promise<void> {
  await tx.insert(onCallStaff).values({ ...row, active: true });
}

export async function setStaffActive(tx: Executor, id: string, active: boolean): Promise<void> {
  await tx.update(onCallStaff).set({ active }).where(eq(onCallStaff.id, id));
}

/** People who may be put on call at a site: active users of the trust with a data role there or trust-wide. */
export async function candidates(db: Executor, trustId: string, siteId: string) {
  return db.selectDistinct({ id: users.id, displayName: users.displayName, email: users.email }).from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(eq(users.trustId, trustId), eq(users.active, true), inArray(roleAssignments.role, [...DATA_ROLES]),
      or(isNull(roleAssignments.siteId), eq(roleAssignments.siteId, siteId))))
    .orderBy(asc(users.displayName), asc(users.id));
}
