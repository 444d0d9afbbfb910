/**
 * In-app notifications (PLT-4), the live event stream (server-sent events) and tasks created by escalation rules
 * (POL-3). A notification never carries sealed safeguarding content: a DSL's notice only says a concern was raised.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZPageQuery, page } from './common.ts';
import { ZRole } from './enums.ts';

export const ZNotificationListQuery = ZPageQuery.extend({
  unread: z.stringbool().optional().describe('Only unread notifications'),
});
export type TNotificationListQuery = z.infer<typeof ZNotificationListQuery>;

export const ZNotification = z.object({
  id: ZId,
  siteId: ZId.nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** An in-app path (starts with "/") to open, if any. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;
export const ZNotificationList = page(ZNotification).extend({ unreadCount: z.number().int() });
export type TNotificationList = z.infer<typeof ZNotificationList>;
export const ZUnreadCount = z.object({ count: z.number().int() });
export const ZReadAllResult = z.object({ updated: z.number().int() });

/** Event names sent on GET /api/v1/events. Each carries ids and titles only. */
export const LIVE_EVENT_TYPES = ['notification', 'oncall.created', 'oncall.updated', 'task.created'] as const;

// ---- Tasks ------------------------------------------------------------------------------------------------------

export const TASK_STATUSES = ['open', 'done', 'dismissed'] as const;
export const ZTaskStatus = z.enum(TASK_STATUSES);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;
export const TASK_STATUS_LABELS: Record<TTaskStatus, string> = { open: 'Open', done: 'Done', dismissed: 'Dismissed' };

export const ZTaskListQuery = ZPageQuery.extend({
  siteId: z.uuid().optional(),
  status: ZTaskStatus.optional().describe('Default: open'),
  mine: z.enum(['true', 'false']).optional().describe('true: only tasks assigned to you by name, not those for your role'),
});
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;

export const ZTask = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  pupil: z.object({ id: ZId, name: z.string() }).nullable(),
  sourceType: z.string(),
  sourceId: ZId.nullable(),
  title: z.string(),
  detail: z.string().nullable(),
  suggestion: z.string().nullable(),
  assignedRole: ZRole.nullable(),
  assignedToMe: z.boolean(),
  status: ZTaskStatus,
  dueOn: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.object({ id: ZId, name: z.string() }).nullable(),
  allowed: ZAllowed,
});
export type TTask = z.infer<typeof ZTask>;
export const ZTaskList = page(ZTask);
export type TTaskList = z.infer<typeof ZTaskList>;
