/**
 * Retrying notification emails through the job runner. A sweep every five minutes finds emails left 'pending'
 * (the process stopped before sending) or 'failed: …' in the last three days, and queues one `mail.notification`
 * job per notification (dedupe key: at most one retry job per notification, ever). That job sends it; a failure
 * throws, so the runner tries again with backoff and marks the job dead after its last attempt.
 */
import { and, gt, like, lt, or, eq, ne } from 'drizzle-orm';
import { notifications } from '../../db/schema/workflow.ts';
import { enqueue } from '../jobs/queue.ts';
import { registerJob, registerSchedule } from '../jobs/registry.ts';
import { EMAIL_INACTIVE, EMAIL_PENDING, deliverNotification } from './outbox.ts';

export const SWEEP_KIND = 'mail.notifications-sweep';
export const RETRY_KIND = 'mail.notification';
const PENDING_GRACE_MS = 2 * 60_000;
const LOOK_BACK_MS = 3 * 24 * 3_600_000;

export class EmailRetryError extends Error { override name = 'EmailRetryError'; }

registerJob(SWEEP_KIND, async (ctx) => {
  if (!ctx.mailer.configured) return;
  const now = ctx.now.getTime();
  const stuck = await ctx.database.db.select({ id: notifications.id, trustId: notifications.trustId }).from(notifications).where(and(
    gt(notifications.createdAt, new Date(now - LOOK_BACK_MS)),
    or(
      and(eq(notifications.emailStatus, EMAIL_PENDING), lt(notifications.createdAt, new Date(now - PENDING_GRACE_MS))),
      and(like(notifications.emailStatus, 'failed:%'), ne(notifications.emailStatus, EMAIL_INACTIVE)),
    ))).limit(1000);
  let queued = 0;
  for (const n of stuck) {
    if (await enqueue(ctx.database.db, { kind: RETRY_KIND, trustId: n.trustId, payload: { notificationId: n.id }, runAt: ctx.now, dedupeKey: `${RETRY_KIND}:${n.id}`, maxAttempts: 6 })) queued += 1;
  }
  ctx.database.syncCommitted();
  if (queued) ctx.log.info({ queued }, 'notification emails queued for retry');
});

registerJob(RETRY_KIND, { maxAttempts: 6, handler: async (ctx, payload) => {
  const id = String(payload.notificationId ?? '');
  const outcome = await deliverNotification(ctx.deps, ctx.mailer, id, { retry: true, log: ctx.log });
  ctx.database.syncCommitted();
  if (outcome === 'failed') throw new EmailRetryError('the mail server did not accept the message');
} });

registerSchedule({ name: SWEEP_KIND, kind: SWEEP_KIND, cron: '*/5 * * * *' });
