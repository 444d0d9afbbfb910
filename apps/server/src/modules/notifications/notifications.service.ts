/**
 * In-app notifications (PLT-4): each user reads and marks only their own. Notifications are written by other use
 * cases through core/notify (in their transactions) and pushed live on GET /api/v1/events after commit.
 */
import type { TNotification, TNotificationListQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { notFound } from '../../core/http/errors.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import * as repo from './notifications.repo.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findNotification>>>;

/** Only in-app paths are offered as links, so a notification can never send the user off-site. */
const safeLink = (link: string | null): string | null => (link && link.startsWith('/') && !link.startsWith('//') ? link : null);

export function presentNotification(r: Row): TNotification {
  return {
    id: r.id, siteId: r.siteId, kind: r.kind, title: r.title, body: r.body, link: safeLink(r.link),
    createdAt: pgTimestampToIso(r.createdAt), readAt: r.readAt ? pgTimestampToIso(r.readAt) : null,
  };
}

const ownerOf = (actor: Actor): repo.Owner => ({ trustId: actor.trustId, userId: actor.userId });

export async function list(deps: Deps, actor: Actor, q: TNotificationListQuery) {
  const db = deps.database.db;
  const { rows, total } = await repo.listNotifications(db, ownerOf(actor), q.unread ?? false, q.page, q.pageSize);
  return { items: rows.map(presentNotification), total, page: q.page, pageSize: q.pageSize, unreadCount: await repo.unreadCount(db, ownerOf(actor)) };
}

export async function unreadCount(deps: Deps, actor: Actor) {
  return { count: await repo.unreadCount(deps.database.db, ownerOf(actor)) };
}

export async function markRead(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const found = await repo.findNotification(tx, ownerOf(actor), id);
    if (!found) throw notFound('notification');
    if (!found.readAt) {
      await repo.markRead(tx, ownerOf(actor), id, new Date());
      audit.record({ action: 'notification.read', entityType: 'notification', entityId: id, siteId: found.siteId, details: { kind: found.kind } });
    }
    return presentNotification((await repo.findNotification(tx, ownerOf(actor), id))!);
  });
}

export async function markAllRead(deps: Deps, actor: Actor, ctx: AuditContext) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const updated = await repo.markAllRead(tx, ownerOf(actor), new Date());
    if (updated > 0) audit.record({ action: 'notification.read_all', entityType: 'user', entityId: actor.userId, details: { updated } });
    return { updated };
  });
}
