/**
 * Daily: agreed actions of meetings that are due (today or past) and still open are a reminder to their owner,
 * once per action (SUP-4). The notification says what is due, never the pupil's name (it may be emailed).
 */
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { inTransaction } from '../../core/db/tx.ts';
import { registerDailyReminder } from '../../core/jobs/registry.ts';
import { AfterCommit, notify } from '../../core/notify/notify.ts';
import { emailAfterCommit, markForEmail } from '../../core/mail/outbox.ts';
import { formatUkDate } from '../../core/calendar/dates.ts';
import { londonToday } from '../../core/time.ts';
import { meetingActions } from '../../db/schema/casework.ts';
import { tasks } from '../../db/schema/workflow.ts';

export const MEETING_ACTIONS_DUE_REMINDER = 'meeting-actions-due';

registerDailyReminder(MEETING_ACTIONS_DUE_REMINDER, async (ctx) => {
  const today = londonToday(ctx.now);
  const after = new AfterCommit();
  const notificationIds = await inTransaction(ctx.database, ctx.audit, async (tx, audit) => {
    const due = await tx.select({ id: meetingActions.id, ownerUserId: meetingActions.ownerUserId, dueOn: meetingActions.dueOn, trustId: tasks.trustId, siteId: tasks.siteId, taskId: tasks.id })
      .from(meetingActions).innerJoin(tasks, eq(tasks.id, meetingActions.taskId))
      .where(and(eq(tasks.status, 'open'), isNull(meetingActions.remindedOn), lte(meetingActions.dueOn, sql`${today}::date`)));
    const ids: string[] = [];
    for (const a of due) {
      if (!a.ownerUserId || !a.dueOn) continue;
      ids.push(...await notify(tx, after, [a.ownerUserId], {
        trustId: a.trustId, siteId: a.siteId, kind: 'reminder.meeting_action_due',
        title: a.dueOn < today ? `An action agreed at a meeting was due on ${formatUkDate(a.dueOn)}` : 'An action agreed at a meeting is due today',
        body: 'Open your tasks to see it, and mark it done when it is.', link: '/tasks',
      }));
      await tx.update(meetingActions).set({ remindedOn: today }).where(eq(meetingActions.id, a.id));
      audit.record({ action: 'reminder.meeting_action_due', entityType: 'task', entityId: a.taskId, siteId: a.siteId, details: { actionId: a.id } });
    }
    await markForEmail(tx, ctx.mailer, ids);
    return ids;
  });
  after.publish(ctx.deps.hub);
  emailAfterCommit(ctx.deps, notificationIds, ctx.log);
});
