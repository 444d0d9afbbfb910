/** Queries for a user's own notifications, and the session check of the live stream. Every query takes the user id. */
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { notifications } from '../../db/schema/workflow.ts';
import { sessions } from '../../db/schema/users.ts';

export interface Owner { trustId: string; userId: string }

const own = (o: Owner) => and(eq(notifications.trustId, o.trustId), eq(notifications.userId, o.userId));

export async function listNotifications(db: Executor, o: Owner, unreadOnly: boolean, page: number, pageSize: number) {
  const where = and(own(o), unreadOnly ? isNull(notifications.readAt) : undefined);
  const rows = await db.select().from(notifications).where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(pageSize).offset((page - 1) * pageSize);
  const totals = await db.select({ n: count() }).from(notifications).where(where);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export async function unreadCount(db: Executor, o: Owner): Promise<number> {
  const r = await db.select({ n: count() }).from(notifications).where(and(own(o), isNull(notifications.readAt)));
  return Number(r[0]?.n ?? 0);
}

export async function findNotification(db: Executor, o: Owner, id: string) {
  const rows = await db.select().from(notifications).where(and(own(o), eq(notifications.id, id))).limit(1);
  return rows[0];
}

export async function markRead(db: Executor, o: Owner, id: string, at: Date): Promise<void> {
  await db.update(notifications).set({ readAt: at }).where(and(own(o), eq(notifications.id, id), isNull(notifications.readAt)));
}

export async function markAllRead(db: Executor, o: Owner, at: Date): Promise<number> {
  const rows = await db.update(notifications).set({ readAt: at }).where(and(own(o), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Is the session behind a live stream still usable (not signed out, not past its absolute expiry)? */
export async function sessionLive(db: Executor, sessionId: string): Promise<boolean> {
  const rows = await db.select({ id: sessions.id }).from(sessions)
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`))).limit(1);
  return rows.length > 0;
}
