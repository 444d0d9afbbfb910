/**
 * notify(): in-app notifications (PLT-4) written in the caller's transaction; live delivery happens after commit
 * (see AfterCommit). Bodies must never hold sealed content. Email delivery, when SMTP is configured, reads the
 * notifications table (core/mail), so a message is never lost if the mail server is down.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TRole } from '@haven/contracts';
import type { Executor } from '../db/client.ts';
import { notifications } from '../../db/schema/workflow.ts';
import { roleAssignments, users } from '../../db/schema/users.ts';
import type { LiveHub } from './hub.ts';

export interface NotificationInput {
  trustId: string;
  siteId: string | null;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
}

/** Users holding one of these roles at the site (directly or trust-wide), active only. */
export async function usersWithRoleAt(db: Executor, trustId: string, siteId: string, roles: readonly TRole[]): Promise<string[]> {
  const rows = await db.selectDistinct({ id: users.id }).from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.trustId, trustId), inArray(roleAssignments.role, [...roles]),
      or(eq(roleAssignments.siteId, siteId), isNull(roleAssignments.siteId)), eq(users.active, true)));
  return rows.map((r) => r.id);
}

/** Collects live events during a use case, to publish once the transaction has committed. */
export class AfterCommit {
  private readonly pending: { userId: string; type: string; data: Record<string, unknown> }[] = [];
  push(userId: string, type: string, data: Record<string, unknown>): void { this.pending.push({ userId, type, data }); }
  get size(): number { return this.pending.length; }
  /** Events queued after `mark` (a size read earlier) are dropped: their savepoint was rolled back. */
  rollbackTo(mark: number): void { this.pending.length = Math.min(this.pending.length, mark); }
  publish(hub: LiveHub): void { for (const p of this.pending.splice(0)) hub.publish(p.userId, { type: p.type, data: p.data }); }
}

export async function notify(db: Executor, after: AfterCommit, userIds: readonly string[], n: NotificationInput): Promise<string[]> {
  const ids: string[] = [];
  const rows = [...new Set(userIds)].map((userId) => {
    const id = uuidv7();
    ids.push(id);
    after.push(userId, 'notification', { id, kind: n.kind, title: n.title, link: n.link ?? null });
    return { id, trustId: n.trustId, userId, siteId: n.siteId, kind: n.kind, title: n.title, body: n.body ?? '', link: n.link ?? null };
  });
  if (rows.length) await db.insert(notifications).values(rows);
  return ids;
}
