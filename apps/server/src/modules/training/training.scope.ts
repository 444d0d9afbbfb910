/**
 * Who may see and change whose training (STF-1), through the one policy layer: training.read at a member of staff's
 * site (leads, heads, senior leaders), training.manage there to change it (behaviour and cluster leads, trust
 * administrators); a member of staff sees their own (training.own); a line manager sees the training of those they
 * manage today. A site or member of staff outside the caller's trust is not found (404); one of the trust the caller
 * may not see is refused (403) where the caller named a site, and not found where they named a record.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';
import { can, holdsAnywhere, scope, type Actor } from '../../core/policy/policy.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { lineManagerOf } from './training.repo.ts';

export type StaffRecord = typeof staffMembers.$inferSelect;

export function authoriseSite(actor: Actor, siteId: string, permission: 'training.read' | 'training.manage'): void {
  if (!actor.trustSiteIds.includes(siteId)) throw notFound('site');
  if (!can(actor, permission, { trustId: actor.trustId, siteId })) {
    throw forbidden(permission === 'training.read' ? "You cannot see that site's training." : "You cannot manage that site's training.");
  }
}

/** Sites whose training the caller reads (all of them when asked for none, else the one asked for, checked). */
export function readableSites(actor: Actor, siteId: string | undefined): string[] {
  if (siteId) { authoriseSite(actor, siteId, 'training.read'); return [siteId]; }
  const s = scope(actor, 'training.read').siteIds;
  if (!s.length) throw forbidden("You cannot see any site's training.");
  return s;
}

export function assertCatalogueManager(actor: Actor): void {
  if (!holdsAnywhere(actor, 'training.courses.manage')) throw forbidden('Only the cluster lead or a trust administrator keeps the course catalogue.');
}

export async function staffRecord(db: Executor, actor: Actor, staffId: string): Promise<StaffRecord> {
  const row = (await db.select().from(staffMembers).where(eq(staffMembers.id, staffId)).limit(1))[0];
  if (!row || row.trustId !== actor.trustId) throw notFound('member of staff');
  return row;
}

/** The caller's own staff records (one per site they work at). */
export async function ownStaff(db: Executor, actor: Actor): Promise<StaffRecord[]> {
  return db.select().from(staffMembers).where(eq(staffMembers.userId, actor.userId));
}

/** A member of staff whose training the caller may see: their site's reader, themself, or their line manager today. */
export async function viewableStaff(db: Executor, actor: Actor, staffId: string, today: string): Promise<StaffRecord> {
  const row = await staffRecord(db, actor, staffId);
  if (can(actor, 'training.read', row)) return row;
  if (row.userId === actor.userId && can(actor, 'training.own', row)) return row;
  const manager = await lineManagerOf(db, staffId, today);
  if (manager) {
    const mine = await ownStaff(db, actor);
    if (mine.some((s) => s.id === manager.managerStaffId)) return row;
  }
  throw notFound('member of staff');
}

/** A member of staff whose training the caller may change (training.manage at their site), else 404/403. */
export async function manageableStaff(db: Executor, actor: Actor, staffId: string, field = 'staffId'): Promise<StaffRecord> {
  const row = await staffRecord(db, actor, staffId);
  if (!can(actor, 'training.manage', row)) {
    if (!can(actor, 'training.read', row)) throw notFound('member of staff');
    throw forbidden(`You cannot manage the training of staff at that site (${field}).`);
  }
  return row;
}
