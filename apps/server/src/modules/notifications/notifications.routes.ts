/** /api/v1/notifications (your own, PLT-4), plus the live stream and tasks registered from this module. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZNotification, ZNotificationList, ZNotificationListQuery, ZReadAllResult, ZUnreadCount } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './notifications.service.ts';
import { eventStreamRoutes } from './events.routes.ts';
import { taskRoutes } from './tasks.routes.ts';

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: { auth: 'user' } } as const;
  const tags = ['Notifications'];

  r.get('/api/v1/notifications', {
    config,
    schema: { tags, summary: 'Your notifications, newest first', querystring: ZNotificationListQuery, response: { 200: ZNotificationList } },
  }, async (req) => service.list(app.deps, requireActor(req), req.query));

  r.get('/api/v1/notifications/unread-count', {
    config,
    schema: { tags, summary: 'How many of your notifications are unread', response: { 200: ZUnreadCount } },
  }, async (req) => service.unreadCount(app.deps, requireActor(req)));

  r.post('/api/v1/notifications/read-all', {
    config,
    schema: { tags, summary: 'Mark all your notifications read', response: { 200: ZReadAllResult } },
  }, async (req) => service.markAllRead(app.deps, requireActor(req), auditContext(req)));

  r.post('/api/v1/notifications/:id/read', {
    config,
    schema: { tags, summary: 'Mark one of your notifications read', params: z.object({ id: z.uuid() }), response: { 200: ZNotification } },
  }, async (req) => service.markRead(app.deps, requireActor(req), auditContext(req), req.params.id));

  await app.register(eventStreamRoutes);
  await app.register(taskRoutes);
}
